/**
 * The channel commands: `/helpdesk on|off` and `/alerts on high-risk users|risky apps|privileged role changes`,
 * `/alerts off [kind]`; each alone (`/helpdesk`, `/alerts`) says how the channel is set. Parsed from the text the bot
 * was sent (the @mention already removed), exactly: anything else is a question.
 */
import type { AlertKind } from '../channels/channelStore';

export type ChannelCommand =
  | { command: 'helpdesk'; switch: 'on' | 'off' | 'status' }
  | { command: 'alerts'; switch: 'on'; kind: AlertKind }
  | { command: 'alerts'; switch: 'off'; kind?: AlertKind }
  | { command: 'alerts'; switch: 'status' }
  | { command: 'usage'; text: string };

/** How each alert kind is written in the commands, and named in replies. */
export const ALERT_KIND_WORDS: Record<AlertKind, string> = {
  riskyUsers: 'high-risk users',
  riskyApps: 'risky apps',
  roleChanges: 'privileged role changes',
};

const KIND_BY_WORDS = new Map<string, AlertKind>([
  ['high-risk users', 'riskyUsers'],
  ['high risk users', 'riskyUsers'],
  ['risky apps', 'riskyApps'],
  ['risky applications', 'riskyApps'],
  ['privileged role changes', 'roleChanges'],
  ['role changes', 'roleChanges'],
]);

export const CHANNEL_COMMANDS_HELP =
  'Channel commands: `/helpdesk on` or `/helpdesk off` (short replies to sign-in problems posted here); `/alerts on high-risk users`, `/alerts on risky apps`, `/alerts on privileged role changes`, `/alerts off` (all) or `/alerts off risky apps` (one).';

export function parseChannelCommand(text: string): ChannelCommand | undefined {
  const match = /^\/(helpdesk|alerts)\b\s*(.*)$/i.exec(text.trim());
  if (!match) return undefined;
  const rest = match[2].trim().toLowerCase().replace(/\s+/g, ' ');
  if (match[1].toLowerCase() === 'helpdesk') {
    if (rest === 'on' || rest === 'off') return { command: 'helpdesk', switch: rest };
    if (rest === '' || rest === 'status') return { command: 'helpdesk', switch: 'status' };
    return { command: 'usage', text: `I don't know \`/helpdesk ${rest}\`. ${CHANNEL_COMMANDS_HELP}` };
  }
  if (rest === '' || rest === 'status') return { command: 'alerts', switch: 'status' };
  if (rest === 'off') return { command: 'alerts', switch: 'off' };
  const on = /^(on|off) (.+)$/.exec(rest);
  const kind = on ? KIND_BY_WORDS.get(on[2]) : undefined;
  if (on && kind) return on[1] === 'on' ? { command: 'alerts', switch: 'on', kind } : { command: 'alerts', switch: 'off', kind };
  return { command: 'usage', text: `I don't know \`/alerts ${rest}\`. ${CHANNEL_COMMANDS_HELP}` };
}

import type { Entity } from './types';
import { escapeMarkdown } from '../cards/escape';

const ACTION_WORDS: Record<string, string> = {
  confirmCompromised: 'confirm compromised',
  dismiss: 'dismiss the risk',
  confirmSafe: 'confirm safe',
  revokeSessions: 'revoke sessions',
  disable: 'disable the account',
  resetPassword: 'reset the password',
};

function day(iso: string): string {
  return iso.replace('T', ' ').replace(/:\d{2}\.\d{3}Z$/, ' UTC');
}

/** One entity in words, tenant and user text escaped for Teams Markdown: "user Megan Bowen (megan.bowen@contoso.com)", "time range 2026-11-19 00:00 UTC to …". */
export function describeEntity(entity: Entity): string {
  switch (entity.type) {
    case 'user':
    case 'group':
    case 'app': {
      if (entity.resolution === 'resolved' || entity.displayName) {
        const detail = entity.userPrincipalName ?? entity.appId;
        return `${entity.type} ${escapeMarkdown(entity.displayName)}${detail ? ` (${escapeMarkdown(detail)})` : ''}`;
      }
      return `${entity.type} "${escapeMarkdown(entity.value ?? entity.text)}"${entity.resolution === 'unresolved' ? ' (not looked up)' : ''}`;
    }
    case 'timeRange': {
      const window = entity.start && entity.end ? `${day(entity.start)} to ${day(entity.end)}` : entity.value ?? entity.text;
      return entity.source === 'default' ? `time range ${window} (the default)` : `time range ${window}`;
    }
    case 'errorCode':
      return `error code AADSTS${entity.value}`;
    case 'requestId':
      return `request id ${entity.value}`;
    case 'riskLevel':
      return `risk level ${entity.value}`;
    case 'action':
      return `action: ${ACTION_WORDS[entity.value ?? ''] ?? entity.value}`;
    case 'role':
      return `role ${escapeMarkdown(entity.value)}`;
    case 'policy':
      return `policy "${escapeMarkdown(entity.text)}"`;
    default:
      return `${entity.type} ${escapeMarkdown(entity.text)}`;
  }
}

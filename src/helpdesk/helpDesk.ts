/**
 * The help-desk features in one place (ChannelFeatures): the message action; in channels the /helpdesk and /alerts
 * commands, and the triage of posts in help-desk channels. Alerts are posted by src/alerts/alertPoller.ts from the
 * subscriptions these commands store.
 */
import { type MessagingExtensionAction, type MessagingExtensionActionResponse, type TurnContext, TurnContext as Turn } from 'botbuilder';
import type { Logger } from '../logger';
import type { Recognizer } from '../understanding/types';
import type { GraphSessions } from '../graph/sessions';
import type { PermissionKey } from '../graph/permissions';
import type { SkillRegistry } from '../skills/registry';
import { conversationKind, isAddressedToBot, questionText } from '../bot/messageText';
import { type AlertKind, ALERT_KINDS, type ChannelPerson, type ChannelSettings, type ChannelStore } from '../channels/channelStore';
import { BackgroundWork } from './backgroundWork';
import type { ChannelFeatures, PreparedAnswerer } from './channelFeatures';
import { ALERT_KIND_WORDS, type ChannelCommand, parseChannelCommand } from './channelCommands';
import { ChannelAuthority } from './channelAuthority';
import { ChannelReader } from './channelReader';
import { MessageAction } from './messageAction';
import { channelConversationId, type Proactive } from './proactive';
import { Triage } from './triage';
import { escapeMarkdown } from '../cards/escape';

/** What each feature reads, so who may switch it on and whether the reader can serve it are checked against it. */
export const FEATURE_READS: Record<'helpdesk' | AlertKind, PermissionKey[]> = {
  helpdesk: ['signIns.read'],
  riskyUsers: ['riskyUsers.read'],
  riskyApps: ['riskyServicePrincipals.read'],
  roleChanges: ['directoryAudits.read'],
};

export interface HelpDeskOptions {
  recognizer: Recognizer;
  logger: Logger;
  clock: () => Date;
  proactive: Proactive;
  store: ChannelStore;
  skills: SkillRegistry;
  sessions?: GraphSessions;
  /** HELPDESK_READER: whose roles triage and alerts read with; unset: who switched the feature on. */
  reader?: string;
  /** Seconds between alert polls, for the reply to /alerts on. */
  alertPollSeconds: number;
}

export class HelpDesk implements ChannelFeatures {
  private readonly background: BackgroundWork;
  private readonly action: MessageAction;
  private readonly triage: Triage;
  private readonly authority: ChannelAuthority;
  readonly reader: ChannelReader;

  constructor(private readonly options: HelpDeskOptions) {
    this.background = new BackgroundWork(options.logger);
    this.action = new MessageAction({ ...options, background: this.background });
    this.reader = new ChannelReader(options.sessions, options.reader);
    this.authority = new ChannelAuthority(options.sessions, options.logger);
    this.triage = new Triage({ ...options, reader: this.reader });
  }

  async onMessage(context: TurnContext, _bot: PreparedAnswerer): Promise<boolean> {
    const activity = context.activity;
    const command = isAddressedToBot(activity) || conversationKind(activity) === 'channel' ? parseChannelCommand(questionText(activity)) : undefined;
    if (command) {
      await this.runCommand(context, command);
      return true;
    }
    if (conversationKind(activity) !== 'channel' || isAddressedToBot(activity)) return false;
    const settings = await this.options.store.get(channelConversationId(activity.conversation.id));
    if (!settings?.helpdesk) return false;
    await this.triage.onPost(context, settings.helpdesk.by);
    return true;
  }

  messageAction(context: TurnContext, action: MessagingExtensionAction, bot: PreparedAnswerer): Promise<MessagingExtensionActionResponse> {
    return this.action.handle(context, action, bot);
  }

  idle(): Promise<void> {
    return this.background.idle();
  }

  private async runCommand(context: TurnContext, command: ChannelCommand): Promise<void> {
    if (command.command === 'usage') {
      await context.sendActivity(command.text);
      return;
    }
    if (conversationKind(context.activity) !== 'channel') {
      await context.sendActivity(`\`/${command.command}\` works in a team channel: add me to the team, then use it in the channel it is for.`);
      return;
    }
    const channelId = channelConversationId(context.activity.conversation.id);
    const settings = (await this.options.store.get(channelId)) ?? { channelId };
    if (command.switch === 'status') {
      await context.sendActivity(statusText(settings));
      return;
    }
    const reads = command.command === 'helpdesk' ? FEATURE_READS.helpdesk : command.switch === 'on' ? FEATURE_READS[command.kind] : [];
    if (command.switch === 'on' || command.command === 'helpdesk') {
      const authority = await this.authority.check(context, reads);
      const log = this.options.logger.child({ channelId, command: command.command, switch: command.switch, by: context.activity.from?.aadObjectId });
      if (!authority.allowed) {
        log.info('channel command refused: neither a team owner nor an admin with the roles');
        await context.sendActivity(`${authority.reason} Nothing was changed.`);
        return;
      }
      log.info({ as: authority.as }, 'channel command accepted');
    }
    const by: ChannelPerson = { aadObjectId: context.activity.from?.aadObjectId, name: context.activity.from?.name };
    const at = this.options.clock().toISOString();
    if (command.command === 'helpdesk') {
      if (command.switch === 'off') {
        await this.options.store.update(channelId, (s) => (s.helpdesk ? { ...s, helpdesk: undefined } : undefined));
        await context.sendActivity('Help-desk triage is off in this channel: I answer here only when @mentioned.');
        return;
      }
      await this.options.store.update(channelId, (s) => ({ ...s, helpdesk: { by, at } }));
      await context.sendActivity(`Help-desk triage is on in this channel. When a post describes a sign-in problem, I reply once in its thread with what I find and a button for the full diagnosis.${await this.readerNote(by, FEATURE_READS.helpdesk)}`);
      return;
    }
    if (command.switch === 'off') {
      const off = command.kind ? [command.kind] : [...ALERT_KINDS];
      await this.options.store.update(channelId, (s) => {
        if (!s.alerts) return undefined;
        const kinds = s.alerts.kinds.filter((k) => !off.includes(k));
        return { ...s, alerts: kinds.length ? { ...s.alerts, kinds } : undefined };
      });
      await context.sendActivity(command.kind ? `Alerts on ${ALERT_KIND_WORDS[command.kind]} are off in this channel.` : 'All alerts are off in this channel.');
      return;
    }
    const kind = command.kind;
    // The reference is saved now: alerts are posted later as new threads in this channel, with no turn to reply to.
    const reference = Turn.getConversationReference(context.activity);
    reference.conversation = { ...reference.conversation!, id: channelId };
    let already = false;
    await this.options.store.update(channelId, (s) => {
      already = Boolean(s.alerts?.kinds.includes(kind));
      const kinds = [...new Set([...(s.alerts?.kinds ?? []), kind])];
      const cursors = { ...(s.alerts?.cursors ?? {}), ...(already ? {} : { [kind]: { since: at, seen: {} } }) };
      return { ...s, alerts: { kinds, reference, by, at, cursors } };
    });
    const every = this.options.alertPollSeconds % 60 === 0 ? `${this.options.alertPollSeconds / 60} minute${this.options.alertPollSeconds === 60 ? '' : 's'}` : `${this.options.alertPollSeconds} seconds`;
    await context.sendActivity(
      already
        ? `Alerts on ${ALERT_KIND_WORDS[kind]} were already on in this channel.`
        : `Alerts on ${ALERT_KIND_WORDS[kind]} are on in this channel. I check Microsoft Graph every ${every} and post each new one here as a card, once.${await this.readerNote(by, FEATURE_READS[kind])}`,
    );
  }

  /** Says whose roles the feature reads with, and warns when that reader lacks them (nothing would be posted). */
  private async readerNote(by: ChannelPerson, reads: PermissionKey[]): Promise<string> {
    const reader = await this.reader.readerFor(by).catch(() => undefined);
    const sessions = this.options.sessions;
    if (!reader || !sessions) return ' No reader is known in the directory yet, so nothing can be read: set HELPDESK_READER.';
    const name = reader.name ? escapeMarkdown(reader.name) : 'the configured reader';
    for (const key of reads) {
      const decision = await sessions.forAsker(reader.aadObjectId).authorize(key).catch(() => undefined);
      if (!decision?.allowed) return ` It reads with the roles of ${name}, who may not read this: nothing will be posted until HELPDESK_READER names someone who may, or an admin turns it on.`;
    }
    return ` It reads with the roles of ${name}${this.reader.isConfigured ? ' (HELPDESK_READER)' : ', who turned it on'}.`;
  }
}

function statusText(settings: ChannelSettings): string {
  const helpdesk = settings.helpdesk ? `Help-desk triage is on (turned on by ${settings.helpdesk.by.name ? escapeMarkdown(settings.helpdesk.by.name) : 'someone'} at ${settings.helpdesk.at}).` : 'Help-desk triage is off.';
  const kinds = settings.alerts?.kinds ?? [];
  const alerts = kinds.length ? `Alerts are on for ${kinds.map((k) => ALERT_KIND_WORDS[k]).join(', ')}.` : 'No alerts are on.';
  return `${helpdesk} ${alerts}`;
}

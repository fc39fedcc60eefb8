/**
 * Proactive alerts: on a schedule, reads from Graph what changed for each alert kind some channel subscribed to
 * (src/alerts/alertSources.ts), and posts each new event to each subscribed channel as a card, through the
 * conversation reference saved with the subscription. The cards are read with the roles of the channel's reader:
 * a risky user or app gets the bot's own risk card, with the mitigation buttons those roles allow (each Confirm
 * checks the clicker's roles again); a role change gets a card of its own.
 *
 * Each event is posted once per channel, across restarts and instances: it is claimed in the channel's cursor
 * (stored with the subscription) before it is posted, and marked posted after. A post that fails gives the claim
 * back and stops that channel's round; the event is tried again at the next poll. A claim left by a process that
 * died mid-post is taken over after CLAIM_TIMEOUT_MS: the one case where a card may appear twice. Graph's 429 (and
 * 503) make the next poll wait for its Retry-After, or back off exponentially without one.
 */
import type { Logger } from '../logger';
import type { GraphSessions } from '../graph/sessions';
import { graphUnavailableOf } from '../graph/unavailable';
import { CardFactory, MessageFactory } from 'botbuilder';
import { renderCard } from '../cards/render';
import { escapeMarkdown } from '../cards/escape';
import { formatDate } from '../skills/common/format';
import type { AlertCursor, AlertKind, ChannelSettings, ChannelStore } from '../channels/channelStore';
import type { PreparedAnswerer } from '../helpdesk/channelFeatures';
import type { ChannelReader, Reader } from '../helpdesk/channelReader';
import type { Proactive } from '../helpdesk/proactive';
import { FEATURE_READS } from '../helpdesk/helpDesk';
import type { Entity } from '../understanding/types';
import { type AlertEvent, readAlertEvents } from './alertSources';

/** How far back each read reaches behind the newest event posted: audit and risk entries can be logged late. */
export const LOOKBACK_MS = 30 * 60_000;
/** A claim older than this was left by a process that stopped mid-post: it may be taken over. */
export const CLAIM_TIMEOUT_MS = 2 * 60_000;
/** At most this many alerts per channel per poll (Teams allows about 60 messages in 30 s per conversation). */
const MAX_PER_CHANNEL_PER_POLL = 20;
/** The longest wait between polls when backing off without a Retry-After. */
const MAX_BACKOFF_MS = 60 * 60_000;

export interface AlertPollerOptions {
  store: ChannelStore;
  sessions?: GraphSessions;
  reader: ChannelReader;
  proactive: Proactive;
  bot: PreparedAnswerer;
  logger: Logger;
  /** The bot's clock (pinned in tests): claim times and the subscription's start. */
  clock: () => Date;
  intervalMs: number;
}

export class AlertPoller {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;
  private failures = 0;

  constructor(private readonly options: AlertPollerOptions) {}

  start(): void {
    if (!this.options.sessions) return;
    this.schedule(this.options.intervalMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.poll().then((next) => this.schedule(next));
    }, ms);
    this.timer.unref();
  }

  /** One round; resolves with how long to wait before the next. */
  async poll(): Promise<number> {
    const { logger, intervalMs } = this.options;
    try {
      await this.round();
      this.failures = 0;
      return intervalMs;
    } catch (err) {
      const failure = graphUnavailableOf(err);
      if (!failure) {
        logger.error({ err }, 'alert poll failed: tried again at the next poll');
        return intervalMs;
      }
      this.failures += 1;
      const backoff = Math.min(MAX_BACKOFF_MS, intervalMs * 2 ** this.failures);
      const wait = failure.retryAfterSeconds !== undefined ? Math.max(intervalMs, failure.retryAfterSeconds * 1000) : backoff;
      logger.warn({ status: failure.status, retryAfterSeconds: failure.retryAfterSeconds, waitMs: wait }, 'Microsoft Graph throttled or unavailable during the alert poll: waiting before the next');
      return wait;
    }
  }

  private async round(): Promise<void> {
    const sessions = this.options.sessions!;
    const channels = await this.options.store.subscribed();
    const kinds = [...new Set(channels.flatMap((c) => c.alerts?.kinds ?? []))];
    for (const kind of kinds) {
      const subscribers = channels.filter((c) => c.alerts?.kinds.includes(kind));
      // One read per kind, from the earliest instant any subscribed channel still needs.
      const since = subscribers.map((c) => cursorOf(c, kind).since).sort()[0];
      const events = await readAlertEvents(sessions.directoryClient, kind, since);
      for (const channel of subscribers) await this.deliver(channel, kind, events);
    }
  }

  /** Posts a channel's new events of one kind, oldest first, each claimed before and marked after. */
  private async deliver(channel: ChannelSettings, kind: AlertKind, events: AlertEvent[]): Promise<void> {
    const { logger, clock } = this.options;
    const log = logger.child({ channelId: channel.channelId, kind });
    const cursor = cursorOf(channel, kind);
    const fresh = events.filter((e) => e.time >= cursor.since && !(e.id in cursor.seen)).slice(0, MAX_PER_CHANNEL_PER_POLL);
    if (!fresh.length) return;
    const reader = await this.options.reader.readerFor(channel.alerts?.by);
    if (!reader || !(await this.mayRead(reader, kind))) {
      log.warn({ pending: fresh.length }, 'alerts not posted: the channel\'s reader may not read them (set HELPDESK_READER, or an admin subscribes)');
      return;
    }
    for (const event of fresh) {
      const claimedAt = clock().toISOString();
      if (!(await this.claim(channel.channelId, kind, event, claimedAt))) continue;
      try {
        await this.post(channel, event, reader);
      } catch (err) {
        // The connector refused it, or Graph failed while the card was read: the event stays unposted, and this
        // channel's round stops so that its alerts keep their order. A Graph outage also fails the next round's read,
        // which backs the poller off.
        await this.settle(channel.channelId, kind, event, 'release');
        log.warn({ err, eventId: event.id }, 'alert could not be posted: tried again at the next poll');
        return;
      }
      await this.settle(channel.channelId, kind, event, 'posted');
      log.info({ eventId: event.id }, 'alert posted');
    }
  }

  private async mayRead(reader: Reader, kind: AlertKind): Promise<boolean> {
    const session = this.options.sessions!.forAsker(reader.aadObjectId);
    for (const key of FEATURE_READS[kind]) if (!(await session.authorize(key).catch(() => undefined))?.allowed) return false;
    return true;
  }

  /** Takes the event for this channel unless it was posted, or another claim on it is still fresh. */
  private async claim(channelId: string, kind: AlertKind, event: AlertEvent, at: string): Promise<boolean> {
    let claimed = false;
    await this.options.store.update(channelId, (s) => {
      if (!s.alerts?.kinds.includes(kind)) return undefined;
      const cursor = cursorOf(s, kind);
      const held = cursor.sending?.[event.id];
      if (event.id in cursor.seen || (held && Date.parse(at) - Date.parse(held) < CLAIM_TIMEOUT_MS)) return undefined;
      claimed = true;
      return withCursor(s, kind, { ...cursor, sending: { ...(cursor.sending ?? {}), [event.id]: at } });
    });
    return claimed;
  }

  /** Marks a claimed event posted (and moves the window on), or gives the claim back. */
  private async settle(channelId: string, kind: AlertKind, event: AlertEvent, how: 'posted' | 'release'): Promise<void> {
    await this.options.store.update(channelId, (s) => {
      if (!s.alerts) return undefined;
      const cursor = cursorOf(s, kind);
      const { [event.id]: _claim, ...sending } = cursor.sending ?? {};
      if (how === 'release') return withCursor(s, kind, { ...cursor, sending });
      const seen = { ...cursor.seen, [event.id]: event.time };
      const newest = Object.values(seen).sort().at(-1)!;
      const floor = new Date(Date.parse(newest) - LOOKBACK_MS).toISOString();
      const since = floor > cursor.since ? floor : cursor.since;
      return withCursor(s, kind, { since, seen: Object.fromEntries(Object.entries(seen).filter(([, time]) => time >= since)), sending });
    });
  }

  /** One card in the channel, as a new post, in a turn whose sender is the reader (whose roles the card is read with). */
  private async post(channel: ChannelSettings, event: AlertEvent, reader: Reader): Promise<void> {
    const reference = { ...channel.alerts!.reference, user: { id: `29:${reader.aadObjectId}`, aadObjectId: reader.aadObjectId, name: reader.name ?? '' } };
    await this.options.proactive(reference, async (turn) => {
      if (event.kind === 'roleChanges') await turn.sendActivity(roleChangeMessage(event, reader));
      else await this.options.bot.answerPrepared(turn, riskQuestion(event));
    });
  }
}

function cursorOf(settings: ChannelSettings, kind: AlertKind): AlertCursor {
  return settings.alerts?.cursors[kind] ?? { since: settings.alerts?.at ?? new Date(0).toISOString(), seen: {} };
}

function withCursor(settings: ChannelSettings, kind: AlertKind, cursor: AlertCursor): ChannelSettings {
  return { ...settings, alerts: { ...settings.alerts!, cursors: { ...settings.alerts!.cursors, [kind]: cursor } } };
}

/** The bot's own risk question about the user or app, with the alert as its banner. */
function riskQuestion(event: Extract<AlertEvent, { kind: 'riskyUsers' | 'riskyApps' }>): Parameters<PreparedAnswerer['answerPrepared']>[1] {
  const when = formatDate(event.time);
  if (event.kind === 'riskyUsers') {
    const user: Entity = { type: 'user', text: event.displayName, id: event.userId, displayName: event.displayName, ...(event.userPrincipalName ? { userPrincipalName: event.userPrincipalName } : {}), resolution: 'resolved', source: 'message' };
    return { understanding: { intent: 'risk.user', entities: [user], text: `is ${event.displayName} at risk?` }, note: `Alert: ${event.displayName} is a high-risk user (risk changed ${when}).`, noteStyle: 'attention', unattended: true };
  }
  const app: Entity = { type: 'app', text: event.displayName, id: event.servicePrincipalId, displayName: event.displayName, ...(event.appId ? { appId: event.appId } : {}), resolution: 'resolved', source: 'message' };
  return { understanding: { intent: 'risk.workload', entities: [app], text: `is the ${event.displayName} app compromised?` }, note: `Alert: the app ${event.displayName} is at ${event.riskLevel} risk (risk changed ${when}).`, noteStyle: 'attention', unattended: true };
}

function roleChangeMessage(event: Extract<AlertEvent, { kind: 'roleChanges' }>, reader: Reader): ReturnType<typeof MessageFactory.attachment> {
  // Names come from the audit log, which anyone who can name an object writes: escaped before they reach a card.
  const who = escapeMarkdown(event.principal.displayName);
  const role = escapeMarkdown(event.role);
  const by = event.by ? escapeMarkdown(event.by) : undefined;
  const verb = event.change === 'added' ? `was added to ${role}` : `was removed from ${role}`;
  const card = renderCard('alertRoleChange', {
    title: 'Alert: privileged role change',
    headline: `${who} ${verb}${event.eligible ? ' (eligible)' : ''}${by ? ` by ${by}` : ''}.`,
    facts: [
      { title: 'Who', value: event.principal.userPrincipalName ? `${who} (${escapeMarkdown(event.principal.userPrincipalName)})` : who },
      { title: 'Role', value: role },
      { title: 'Change', value: `${event.change} (${event.eligible ? 'eligible' : 'active'})` },
      ...(by ? [{ title: 'By', value: by }] : []),
      { title: 'When', value: formatDate(event.time) },
    ],
    readAs: `From the audit log, read with the roles of ${reader.name ? escapeMarkdown(reader.name) : 'the channel\'s reader'}. Buttons ask with your own roles.`,
    followUps: [
      { title: `Who holds ${event.role}?`, ask: `who are the ${event.role}s?` },
      { title: `What changed for ${event.principal.displayName}?`, ask: `what changed for ${event.principal.displayName} this week?` },
      ...(event.principal.type === 'User' ? [{ title: `Is ${event.principal.displayName} at risk?`, ask: `is ${event.principal.displayName} at risk?` }] : []),
    ],
  });
  const message = MessageFactory.attachment(CardFactory.adaptiveCard(card));
  message.summary = `Alert: ${event.principal.displayName} ${event.change} ${event.change === 'added' ? 'to' : 'from'} ${event.role}`;
  return message;
}


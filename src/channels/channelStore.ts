/**
 * What the bot keeps per Teams channel: whether it is a help desk (triage of posts), its alert subscription with
 * the conversation reference saved when it was made and a cursor per alert kind, and which threads triage has
 * already answered. It lives beside the feedback and mitigation records, in the configured store (SQLite or Azure
 * Table), so it survives restarts and is shared by every instance.
 */
import type { ConversationReference } from 'botbuilder';

export type AlertKind = 'riskyUsers' | 'riskyApps' | 'roleChanges';
export const ALERT_KINDS: readonly AlertKind[] = ['riskyUsers', 'riskyApps', 'roleChanges'];

export interface ChannelPerson {
  aadObjectId?: string;
  name?: string;
}

/**
 * Where an alert kind's stream stands for one channel: events from `since` on are candidates, and `seen` holds the
 * events already posted whose time is within the look-back window (event id → event time), so an event read twice
 * (the window overlaps, or it was logged late) is posted once.
 */
export interface AlertCursor {
  since: string;
  seen: Record<string, string>;
  /** Events being posted right now (event id → when claimed), so two instances never post one twice. */
  sending?: Record<string, string>;
}

export interface AlertSubscription {
  kinds: AlertKind[];
  /** Saved when the subscription was made: alerts are posted as new threads in this channel. */
  reference: Partial<ConversationReference>;
  by: ChannelPerson;
  at: string;
  cursors: Partial<Record<AlertKind, AlertCursor>>;
}

export interface ChannelSettings {
  /** The channel's conversation id, without a thread part. */
  channelId: string;
  helpdesk?: { by: ChannelPerson; at: string };
  alerts?: AlertSubscription;
}

export interface ChannelStore {
  get(channelId: string): Promise<ChannelSettings | undefined>;
  /**
   * Reads, changes and writes one channel's settings atomically (a transaction, or a conditional write retried on a
   * lost race); `change` may run more than once and returns undefined to leave the settings as they are.
   */
  update(channelId: string, change: (current: ChannelSettings) => ChannelSettings | undefined): Promise<ChannelSettings>;
  /** Every channel with an alert subscription. */
  subscribed(): Promise<ChannelSettings[]>;
  /** True for the one call that claims the thread: triage answers each thread once, whichever instance sees it. */
  claimThread(threadId: string, at: string): Promise<boolean>;
  /** Gives a thread back when its triage could not answer after all (Graph unavailable). */
  releaseThread(threadId: string): Promise<void>;
  close(): Promise<void>;
}

export function emptySettings(channelId: string): ChannelSettings {
  return { channelId };
}

/**
 * The record of every mitigation the bot proposes: who asked, who confirmed or cancelled, the target, the result.
 * A record moves pending → running → done | failed, or pending → cancelled | expired, and each move out of
 * `pending` is atomic, so a double click (or two admins clicking at once) runs the Graph call once.
 */
import type { MitigationProposal } from './types';

export type MitigationStatus = 'pending' | 'running' | 'done' | 'failed' | 'cancelled' | 'expired';

export interface MitigationPerson {
  aadObjectId?: string;
  name?: string;
}

export interface MitigationOutcome {
  ok: boolean;
  /** What happened, in the words shown on the result card (Markdown-safe: tenant text in it is escaped). */
  message: string;
  /** Graph's HTTP status, when Graph was called. */
  graphStatus?: number;
  graphCode?: string;
}

export interface MitigationRecord {
  id: string;
  conversationId: string;
  proposal: MitigationProposal;
  /** The target's state when the confirmation was asked, as shown on the card ("risk high, at risk"). */
  stateWhenAsked: string;
  proposedBy: MitigationPerson;
  proposedAt: string;
  expiresAt: string;
  /** The answer card whose button started it, to update it once done. */
  sourceAnswerId?: string;
  /** The confirmation card's message, to update it for everyone. */
  confirmationMessageId?: string;
  status: MitigationStatus;
  decidedBy?: MitigationPerson;
  decidedAt?: string;
  outcome?: MitigationOutcome;
  completedAt?: string;
}

export type Decision = 'running' | 'cancelled' | 'expired';

export interface MitigationStore {
  create(record: MitigationRecord): Promise<void>;
  get(id: string): Promise<MitigationRecord | undefined>;
  /**
   * Moves a pending record to `to`, only if it is still pending. `moved` says whether this call made the move; the
   * record is the stored one after the call (someone else's decision when `moved` is false).
   */
  decide(id: string, to: Decision, by: MitigationPerson, at: string): Promise<{ moved: boolean; record?: MitigationRecord }>;
  /** running → done | failed. */
  complete(id: string, outcome: MitigationOutcome, at: string): Promise<MitigationRecord | undefined>;
  linkMessage(id: string, messageId: string): Promise<void>;
  /** Every record, oldest first (reports, tests). */
  list(): Promise<MitigationRecord[]>;
  close(): Promise<void>;
}

export function decided(record: MitigationRecord, to: Decision, by: MitigationPerson, at: string): MitigationRecord {
  return { ...record, status: to, decidedBy: by, decidedAt: at };
}

export function completed(record: MitigationRecord, outcome: MitigationOutcome, at: string): MitigationRecord {
  return { ...record, status: outcome.ok ? 'done' : 'failed', outcome, completedAt: at };
}

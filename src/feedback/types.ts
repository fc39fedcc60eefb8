import type { Entity, IntentName } from '../understanding/types';
import type { ConversationKind } from '../bot/messageText';
import type { AnswerModelUse } from '../bot/answerDiagnostics';

export type Rating = 'up' | 'down';

/** What a 👎 can say went wrong, in the order the form shows them. */
export const FEEDBACK_CATEGORIES = [
  { id: 'inaccurate', title: 'Inaccurate' },
  { id: 'incomplete', title: 'Incomplete' },
  { id: 'unclear', title: 'Unclear' },
  { id: 'offensive', title: 'Offensive or inappropriate' },
  { id: 'other', title: 'Other' },
] as const;
export type FeedbackCategory = (typeof FEEDBACK_CATEGORIES)[number]['id'];

/** One Graph call behind an answer, without timings: enough to replay or question the evidence. */
export interface AnswerGraphRequest {
  method: string;
  url: string;
  status: number;
}

/** An answer as sent, kept so a rating can say what it rates (issue #6: the tenant keeps its own feedback). */
export interface AnswerRecord {
  answerId: string;
  /** The conversation the answer went to: a rating from any other conversation is refused. */
  conversationId: string;
  conversationType: ConversationKind;
  question: string;
  intent: IntentName;
  entities: Entity[];
  answer: {
    /** The card template for card answers; absent for plain-text answers. */
    cardId?: string;
    skill: string;
    skillVersion: string;
    graphRequests: AnswerGraphRequest[];
  };
  askerAadObjectId?: string;
  tenantId?: string;
  answeredAt: string;
  /** With a language model configured: what understood the question, why the model did not, tokens used. */
  model?: AnswerModelUse;
  /** The card as sent without its footer, so a feedback click can show the answer again with a new footer. */
  card?: Record<string, unknown>;
}

/** One person's rating of one answer; rating again replaces it. */
export interface RaterFeedback {
  /** The rater's Entra object id (Teams' from.id when Teams sends none). */
  rater: string;
  rating: Rating;
  categories: FeedbackCategory[];
  comment?: string;
  /** The answer card's buttons, or Teams' own feedback loop on a text message. */
  source: 'card' | 'teams';
  ratedAt: string;
}

export interface RatedAnswer extends AnswerRecord {
  messageId?: string;
  ratings: RaterFeedback[];
}

export type RateOutcome = 'saved' | 'unknownAnswer' | 'otherConversation';

/**
 * Where answers and their ratings live. Every write resolves only once it is durable, so the bot thanks a user
 * only for feedback a crash cannot lose. Implementations: SQLite (one instance) and Azure Table Storage (several).
 */
export interface FeedbackStore {
  recordAnswer(answer: AnswerRecord): Promise<void>;
  /** Teams' feedback loop names the rated message by its activity id, known only once the answer was sent. */
  linkMessage(answerId: string, messageId: string): Promise<void>;
  answerForMessage(conversationId: string, messageId: string): Promise<string | undefined>;
  getAnswer(answerId: string): Promise<RatedAnswer | undefined>;
  /** Refuses a rating for an answer the store does not know or that was sent to another conversation. */
  rate(answerId: string, conversationId: string, feedback: RaterFeedback): Promise<RateOutcome>;
  /** Every answer with its ratings, oldest first (reports and exports). */
  listAnswers(): Promise<RatedAnswer[]>;
  /**
   * Retention: deletes the answers sent before `cutoff` (ISO 8601) that nobody rated, except mitigation cards (see
   * isKeptForever); answers the number deleted. Rated answers stay: they are the feedback.
   */
  deleteUnratedBefore(cutoff: string): Promise<number>;
  close(): Promise<void>;
}

/** Shared by every store, so the rule is one piece of code: which answers may be rated from where. */
export function refusalFor(answer: AnswerRecord | undefined, conversationId: string): Exclude<RateOutcome, 'saved'> | undefined {
  if (!answer) return 'unknownAnswer';
  if (answer.conversationId !== conversationId) return 'otherConversation';
  return undefined;
}

/** The confirmation and result cards of mitigations are part of an action's trail, like the mitigation records: kept. */
export function isKeptForever(answer: Pick<AnswerRecord, 'answer'>): boolean {
  return answer.answer.cardId === 'mitigation';
}

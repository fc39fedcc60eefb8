import type { QuestionPlan } from '../plans/plan';
import type { Entity, IntentName } from '../understanding/types';
import type { ModelFallback } from './languageModel';

export interface GraphRequestRecord {
  method: string;
  url: string;
  status: number;
  ms: number;
  /** A `$batch`'s inner requests, each with its own status (0: no answer came for it, as when the batch failed whole). */
  requests?: BatchedRequestRecord[];
}

export interface BatchedRequestRecord {
  method: string;
  /** Absolute, as the request would be sent alone: the batch's own URL with the inner URL in place of `$batch`. */
  url: string;
  status: number;
}

/**
 * What the bot understood and which Graph calls it made for one answer. Sent in the reply's channelData only
 * when answer diagnostics are on (local mode, the ask CLI), so tools and tests can check the evidence path.
 */
export interface AnswerDiagnostics {
  answerId: string;
  skill: string;
  skillVersion: string;
  intent: IntentName;
  entities: Entity[];
  /** The question plan, for list, count and breakdown questions. */
  plan?: QuestionPlan;
  graphRequests: GraphRequestRecord[];
  /** Whose rights the tenant was read with: the asker's own (single sign-on), the app's behind a role check, or none. */
  graphAccess: 'delegated' | 'app' | 'none';
  /** With a language model configured: what understood the question, why the model did not, tokens used. */
  model?: AnswerModelUse;
  ms: number;
}

export interface AnswerModelUse {
  understoodBy: 'model' | 'offline';
  fallback?: ModelFallback;
  /** Prompt and completion tokens of the turn (understanding and summary). */
  tokens: number;
  /** A model-written summary was sent above the card. */
  summary?: boolean;
}

export const DIAGNOSTICS_KEY = 'entraAssistant';

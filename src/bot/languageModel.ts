/**
 * The hook through which an optional language model takes part in a turn (src/llm implements it; src/index.ts
 * loads it only when one is configured). The bot asks it for an understanding after the offline one, and for a
 * summary of an answer card when summaries are on. Types only: nothing here loads model code.
 */
import type { RecognitionContext, Understanding } from '../understanding/types';
import type { AdaptiveCard } from '../cards/render';

export interface ModelAsker {
  userId?: string;
  tenantId?: string;
}

/** Why the offline understanding answered although a model is configured. */
export type ModelFallback = 'timeout' | 'throttled' | 'unavailable' | 'refused' | 'unreachable' | 'invalid' | 'declined' | 'budget';

export interface ModelTurn {
  understanding: Understanding;
  understoodBy: 'model' | 'offline';
  fallback?: ModelFallback;
  /** The card's line saying what understood the question (and why the model did not, when it did not). */
  note: string;
  /** Prompt and completion tokens this turn used. */
  tokens: number;
}

export interface ModelSummary {
  /** Absent when no summary is sent: the model failed, or a number it stated is not in the card's rows. */
  text?: string;
  tokens: number;
  dropped?: string;
}

export interface LanguageModel {
  understand(text: string, context: RecognitionContext, asker: ModelAsker, offline: Understanding): Promise<ModelTurn>;
  /** Present only when summaries are on (MODEL_SUMMARIES). */
  summarize?(question: string, card: AdaptiveCard, asker: ModelAsker): Promise<ModelSummary>;
}

import { applyConversation } from './conversation';
import type { Directory } from './directory';
import { defaultTimeRange } from './entities/timeRange';
import { keeps, parseQuestion, retarget } from './parse';
import { markUnresolved, resolveObjects } from './resolveNames';
import type { RecognitionContext, Recognizer, Understanding } from './types';

export interface GrammarRecognizerOptions {
  /** Name resolution; absent when no tenant is configured (names then stay unresolved). */
  directory?: Directory;
}

/**
 * The hand-written recogniser: deterministic, explainable, no model. The message is parsed on its own, then the
 * conversation fills in pronouns and elided parts, then the directory resolves names. Its only I/O is the
 * directory's.
 */
export class GrammarRecognizer implements Recognizer {
  constructor(private readonly options: GrammarRecognizerOptions = {}) {}

  async recognize(text: string, context?: RecognitionContext): Promise<Understanding> {
    const now = context?.now ?? new Date();
    const cleaned = text.trim();
    const parsed = parseQuestion(cleaned, now);
    const turn = applyConversation(parsed, context?.conversation);
    if (this.options.directory) await resolveObjects(turn.objects, this.options.directory);
    else markUnresolved(turn.objects);

    const intent = retarget(turn.intent, turn.entities);
    const entities = turn.entities.filter((e) => keeps(intent, e));
    if (!entities.some((e) => e.type === 'timeRange')) {
      const fallback = defaultTimeRange(intent, now);
      if (fallback) entities.push(fallback);
    }
    const understanding: Understanding = { intent, entities, text: cleaned, explanation: parsed.explanation };
    if (turn.followUp) understanding.followUp = true;
    return understanding;
  }
}

import type { Recognizer, Understanding } from './types';

/**
 * The first recogniser: it tells a request for help (or a greeting) from everything else. Tenant questions are
 * answered by skills that arrive with the full recogniser; until then they get the scope message rather than a guess.
 */
const HELP = /^(help|\?|menu|start|commands?|what can you do\b.*|how do i use you.*|(hi|hello|hey|good (morning|afternoon|evening))\b.*)$/i;

export class KeywordRecognizer implements Recognizer {
  async recognize(text: string): Promise<Understanding> {
    const cleaned = text.trim();
    if (cleaned === '' || HELP.test(cleaned.replace(/[!.]+$/, ''))) {
      return { intent: 'help', entities: [], text: cleaned };
    }
    return { intent: 'outOfScope', entities: [], text: cleaned };
  }
}

import type { IntentName, Understanding } from '../understanding/types';
import type { Skill } from './types';

/**
 * Finds the skill for an intent. An Entra ID question whose skill does not exist yet gets `notYetAnswered` (an
 * honest "understood, not available yet"), never the scope message; anything else without a skill gets the
 * fallback (the scope message).
 */
export class SkillRegistry {
  private readonly byIntent = new Map<IntentName, Skill>();

  constructor(
    skills: readonly Skill[],
    private readonly fallback: Skill,
    private readonly notYetAnswered?: Skill,
    /** Answers every question that carries a plan (list, count, breakdown), whatever its intent. */
    private readonly planAnswer?: Skill,
  ) {
    for (const skill of skills) {
      for (const intent of skill.intents) {
        if (this.byIntent.has(intent)) throw new Error(`Two skills claim the intent ${intent}`);
        this.byIntent.set(intent, skill);
      }
    }
  }

  forUnderstanding(understanding: Understanding): Skill {
    if (understanding.plan && this.planAnswer) return this.planAnswer;
    return this.forIntent(understanding.intent);
  }

  forIntent(intent: IntentName): Skill {
    const own = this.byIntent.get(intent);
    if (own) return own;
    return this.notYetAnswered && this.notYetAnswered.intents.includes(intent) ? this.notYetAnswered : this.fallback;
  }
}

import type { IntentName } from '../understanding/types';
import type { Skill } from './types';

/** Finds the skill for an intent. Every intent without its own skill gets the fallback (the scope message). */
export class SkillRegistry {
  private readonly byIntent = new Map<IntentName, Skill>();

  constructor(
    skills: readonly Skill[],
    private readonly fallback: Skill,
  ) {
    for (const skill of skills) {
      for (const intent of skill.intents) {
        if (this.byIntent.has(intent)) throw new Error(`Two skills claim the intent ${intent}`);
        this.byIntent.set(intent, skill);
      }
    }
  }

  forIntent(intent: IntentName): Skill {
    return this.byIntent.get(intent) ?? this.fallback;
  }
}

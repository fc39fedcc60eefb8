import type { Skill, SkillAnswer } from './types';

/** A short scope message with no guessing: plain text, so Teams' own feedback buttons apply to it. */
export const outOfScopeSkill: Skill = {
  name: 'outOfScope',
  version: '1',
  intents: ['outOfScope'],
  async answer(): Promise<SkillAnswer> {
    return {
      kind: 'text',
      text:
        'That is outside what I can answer. I help with Microsoft Entra ID: sign-in failures, risky users and apps, ' +
        'users, groups, roles, app credentials, Conditional Access policies and audit changes. Type "help" for examples.',
    };
  },
};

import { describeEntity } from '../understanding/describe';
import { IN_SCOPE_INTENTS, INTENT_DESCRIPTIONS } from '../understanding/intents/registry';
import type { Skill, SkillAnswer, SkillRequest } from './types';

/**
 * An honest plain answer for a question that was understood but that this version cannot answer yet: it says
 * what was understood (the intent in words, the resolved user, group or app, the time range), so the admin can
 * check the understanding, and never pretends to be out of scope.
 */
export const notYetAnsweredSkill: Skill = {
  name: 'notYetAnswered',
  version: '1',
  intents: IN_SCOPE_INTENTS,
  answer(request: SkillRequest): Promise<SkillAnswer> {
    const { understanding } = request;
    const details = understanding.entities.map(describeEntity);
    const lines = [
      `I understood a question about ${INTENT_DESCRIPTIONS[understanding.intent]} (${understanding.intent})${details.length ? ':' : '.'}`,
      ...details.map((d) => `• ${d}`),
      'This kind of answer is not available in this version of Entra Assistant yet.',
    ];
    if (understanding.entities.some((e) => e.resolution === 'unresolved')) {
      lines.push('Names were not looked up: no tenant is connected (or the directory could not be reached).');
    }
    return Promise.resolve({ kind: 'text', text: lines.join('\n') });
  },
};

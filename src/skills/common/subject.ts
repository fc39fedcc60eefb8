import { entityOf, type DirectoryEntityType, type Understanding } from '../../understanding/types';
import type { SkillAnswer } from '../types';

const EXAMPLES: Record<DirectoryEntityType, string> = {
  user: 'who is Megan Bowen?',
  group: 'who owns the Finance group?',
  app: 'who owns the Payroll Connector?',
};

/** The resolved user, group or app the question is about, or the answer asking for it. */
export function subjectOf(understanding: Understanding, type: DirectoryEntityType): { id: string; displayName: string } | { answer: SkillAnswer } {
  const entity = entityOf(understanding, type);
  if (entity?.resolution === 'resolved' && entity.id) return { id: entity.id, displayName: entity.displayName ?? entity.text };
  if (entity?.resolution === 'unresolved') {
    return { answer: { kind: 'text', text: `I could not look up "${entity.text}": no tenant is connected, or the directory could not be reached.` } };
  }
  return { answer: { kind: 'text', text: `Which ${type} do you mean? Name them, for example: "${EXAMPLES[type]}"` } };
}

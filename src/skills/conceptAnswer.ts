/** The answer to "what is a named location?": the project's own explanation, what to check, and Microsoft Learn links. */
import type { Concept } from '../knowledge/concepts';
import type { SkillAnswer } from './types';

export function buildConceptAnswer(concept: Concept): SkillAnswer {
  const data = {
    title: concept.title,
    explanation: concept.explanation,
    check: concept.check,
    links: concept.links.map((l) => ({ title: l.title, url: l.url })),
  };
  const summary = [concept.title, concept.explanation, `What to check: ${concept.check}`, ...concept.links.map((l) => `${l.title}: ${l.url}`)].join('\n');
  return { kind: 'card', template: 'concept', data, summary };
}

/** The answer to "what is a named location?": the project's own explanation, what to check, and Microsoft Learn links. */
import { findConceptMatch, type Concept } from '../knowledge/concepts';
import { findRiskTypeMatch, riskTypeFacts, type RiskTypeInfo } from '../knowledge/riskTypes';
import type { SkillAnswer } from './types';

/** What a concept card shows; a risk type adds what to do. */
export type ConceptAnswerInput = Pick<Concept, 'title' | 'explanation' | 'check' | 'links'> & { action?: string };

export function buildConceptAnswer(concept: ConceptAnswerInput): SkillAnswer {
  const data = {
    title: concept.title,
    explanation: concept.explanation,
    check: concept.check,
    action: concept.action ?? '',
    links: concept.links.map((l) => ({ title: l.title, url: l.url })),
  };
  const summary = [
    concept.title,
    concept.explanation,
    `What to check: ${concept.check}`,
    ...(concept.action ? [`What to do: ${concept.action}`] : []),
    ...concept.links.map((l) => `${l.title}: ${l.url}`),
  ].join('\n');
  return { kind: 'card', template: 'concept', data, summary };
}

/** "What is an unfamiliar sign-in properties detection?": the risk type as a concept answer. */
export function buildRiskTypeAnswer(info: RiskTypeInfo): SkillAnswer {
  const kind = info.subject === 'servicePrincipal' ? 'service principal risk detection' : 'risk detection';
  return buildConceptAnswer({
    title: `${info.name} (${kind})`,
    explanation: `${info.explanation} ${riskTypeFacts(info)} Graph calls it riskEventType "${info.eventType}".`,
    check: info.check,
    action: info.action,
    links: info.links,
  });
}

/**
 * The explanation a docs question asks for, from the concepts and the risk types; undefined when neither is named.
 * When both are named the longer alias wins (a tie goes to the risk type, the richer entry). Words that only said
 * which subject a risk type is about ("… for a service principal") are not matched again as a concept.
 */
export function answerFromKnowledge(text: string): SkillAnswer | undefined {
  const risk = findRiskTypeMatch(text);
  let conceptText = text.toLowerCase();
  for (const words of risk?.subjectWords ?? []) conceptText = conceptText.split(words.trim()).join(' ');
  const concept = findConceptMatch(conceptText);
  if (risk && (!concept || risk.alias.length >= concept.alias.length)) return buildRiskTypeAnswer(risk.info);
  return concept ? buildConceptAnswer(concept.concept) : undefined;
}

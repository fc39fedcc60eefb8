/** The answer to "what is a named location?": the project's own explanation, what to check, and Microsoft Learn links. */
import { asksForComparison, findDifference, type ConceptDifference } from '../knowledge/conceptDifferences';
import { findConceptMatch, findConceptMatches, LEARN, type Concept, type ConceptLink } from '../knowledge/concepts';
import { roleReference, type RoleNote } from '../knowledge/roles';
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

interface Comparison {
  title: string;
  sides: Array<{ name: string; text: string }>;
  difference: string;
  check: string;
  links: ConceptLink[];
}

function buildComparisonAnswer(comparison: Comparison): SkillAnswer {
  const summary = [
    comparison.title,
    ...comparison.sides.map((side) => `${side.name}: ${side.text}`),
    `The difference: ${comparison.difference}`,
    `What to check: ${comparison.check}`,
    ...comparison.links.map((l) => `${l.title}: ${l.url}`),
  ].join('\n');
  return { kind: 'card', template: 'conceptComparison', data: { ...comparison, links: comparison.links.map((l) => ({ title: l.title, url: l.url })) }, summary };
}

/** "Dismiss vs confirm compromised": each side in a sentence, then what tells them apart. */
export function buildDifferenceAnswer(difference: ConceptDifference): SkillAnswer {
  const [a, b] = difference.sides;
  return buildComparisonAnswer({
    title: `${a.name} vs ${b.name.charAt(0).toLowerCase()}${b.name.slice(1)}`,
    sides: difference.sides.map((side) => ({ name: side.name, text: side.gist })),
    difference: difference.difference,
    check: difference.check,
    links: difference.links,
  });
}

/** Two concepts compared that have no note of their own on how they differ: each explained, and said so. */
function buildTwoConceptsAnswer(a: Concept, b: Concept): SkillAnswer {
  const links = [...new Map([...a.links, ...b.links].map((l) => [l.url, l])).values()].slice(0, 3);
  return buildComparisonAnswer({
    title: `${a.title} and ${b.title.charAt(0).toLowerCase()}${b.title.slice(1)}`,
    sides: [a, b].map((concept) => ({ name: concept.title, text: concept.explanation })),
    difference: `They are separate ideas rather than two options of one setting, so there is no side-by-side note for them: each is explained above on its own terms.`,
    check: `${a.check} ${b.check}`,
    links,
  });
}

/** A comparison question: a known pair first, else two concepts it names; undefined when it names fewer. */
function answerComparison(text: string): SkillAnswer | undefined {
  const difference = findDifference(text);
  if (difference) return buildDifferenceAnswer(difference);
  if (!asksForComparison(text)) return undefined;
  const [a, b] = findConceptMatches(text);
  return a && b ? buildTwoConceptsAnswer(a.concept, b.concept) : undefined;
}

/**
 * The explanation a docs question asks for, from the concepts and the risk types; undefined when neither is named.
 * A comparison ("X vs Y", "difference between X and Y") is answered with both sides and what differs.
 * When both are named the longer alias wins (a tie goes to the risk type, the richer entry). Words that only said
 * which subject a risk type is about ("… for a service principal") are not matched again as a concept.
 */
export function answerFromKnowledge(text: string): SkillAnswer | undefined {
  const comparison = answerComparison(text);
  if (comparison) return comparison;
  const risk = findRiskTypeMatch(text);
  let conceptText = text.toLowerCase();
  for (const words of risk?.subjectWords ?? []) conceptText = conceptText.split(words.trim()).join(' ');
  const concept = findConceptMatch(conceptText);
  if (risk && (!concept || risk.alias.length >= concept.alias.length)) return buildRiskTypeAnswer(risk.info);
  return concept ? buildConceptAnswer(concept.concept) : undefined;
}

/** "What can a Security Administrator do?": what the built-in role allows, what it does not, and its reference. */
export function buildRoleAnswer(note: RoleNote): SkillAnswer {
  return buildConceptAnswer({
    title: `${note.name} (built-in Microsoft Entra role)`,
    explanation: `${note.can}${note.privileged ? ' Microsoft marks it as a privileged role.' : ''}`,
    check: `${note.limits} Ask "who holds ${note.name}?" to see who has it here.`,
    links: [roleReference(note), { title: 'Least privileged roles by task', url: `${LEARN}/entra/identity/role-based-access-control/delegate-by-task` }],
  });
}

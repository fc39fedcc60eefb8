import { isGuid } from '../graph/ids';
import type { Candidate, Entity, Understanding } from './types';
import { escapeMarkdown } from '../cards/escape';

/**
 * What to ask or say before a question can be answered: which of several objects the admin meant, or that a
 * name matched nothing (with the closest names).
 */
export type Clarification = { kind: 'choose'; entityIndex: number; entity: Entity } | { kind: 'notFound'; entity: Entity };

export function clarificationFor(understanding: Understanding): Clarification | undefined {
  if (understanding.intent === 'help' || understanding.intent === 'outOfScope') return undefined;
  const entityIndex = understanding.entities.findIndex((e) => e.resolution === 'ambiguous' && (e.candidates?.length ?? 0) > 1);
  if (entityIndex >= 0) return { kind: 'choose', entityIndex, entity: understanding.entities[entityIndex] };
  const missing = understanding.entities.find((e) => e.resolution === 'notFound');
  return missing ? { kind: 'notFound', entity: missing } : undefined;
}

/** The data a disambiguation button sends back (Action.Submit `data.chooseEntity`). */
export interface EntityChoice {
  pendingId: string;
  entityType: string;
  id: string;
  displayName: string;
  userPrincipalName?: string;
  appId?: string;
  /** The original question, so the choice still continues it if the stored pending question is gone. */
  question: string;
}

export function isEntityChoice(value: unknown): value is EntityChoice {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return typeof v.pendingId === 'string' && typeof v.id === 'string' && typeof v.entityType === 'string' && typeof v.question === 'string';
}

/** The understanding with the chosen object in place of the ambiguous (or unresolved) name. */
export function applyChoice(understanding: Understanding, choice: EntityChoice): Understanding | undefined {
  const index = understanding.entities.findIndex((e) => e.type === choice.entityType && (e.resolution === 'ambiguous' || e.candidates?.some((c) => c.id === choice.id)));
  if (index < 0) return undefined;
  const chosen: Entity = { ...understanding.entities[index], resolution: 'resolved', id: choice.id, displayName: choice.displayName };
  delete chosen.candidates;
  if (choice.userPrincipalName) chosen.userPrincipalName = choice.userPrincipalName;
  if (choice.appId) chosen.appId = choice.appId;
  const entities = understanding.entities.map((e, i) => (i === index ? chosen : e));
  return { ...understanding, entities };
}

function candidateLabel(candidate: Candidate): string {
  const detail = candidate.userPrincipalName ?? candidate.appId;
  return detail ? `${candidate.displayName} (${detail})` : candidate.displayName;
}

/** The view model of adaptiveCards/disambiguation.json. */
export function disambiguationModel(entity: Entity, pendingId: string, question: string) {
  return {
    title: `Which ${entity.type} do you mean by “${entity.text}”?`,
    intro: `Several ${entity.type}s match. Choose one and I will answer: “${question}”`,
    candidates: (entity.candidates ?? []).map((c) => ({
      label: candidateLabel(c),
      choice: {
        pendingId,
        entityType: entity.type,
        id: c.id,
        displayName: c.displayName,
        ...(c.userPrincipalName ? { userPrincipalName: c.userPrincipalName } : {}),
        ...(c.appId ? { appId: c.appId } : {}),
        question,
      } satisfies EntityChoice,
    })),
  };
}

/** "No match" in words, with the closest names when there are some. */
export function notFoundText(entity: Entity): string {
  const kind = entity.type === 'app' ? 'app or service principal' : entity.type;
  // "who is object id 00000000-…?": an id that matches no one is said as an id, with nothing to suggest.
  if (entity.type === 'user' && isGuid(entity.text)) {
    return `No user in your directory has the object id ${entity.text}. Check the id (the Entra admin center shows it on the user's Overview), or ask by name or sign-in address.`;
  }
  const base = `I couldn't find a ${kind} named “${escapeMarkdown(entity.text)}” in your directory.`;
  const suggestions = entity.suggestions ?? [];
  if (suggestions.length === 0) return `${base} Check the spelling, or give the full name or sign-in address.`;
  return `${base} Did you mean ${suggestions.map((s) => `“${escapeMarkdown(s)}”`).join(', ').replace(/, ([^,]*)$/, ' or $1')}? Ask again with the name you meant.`;
}

/** The candidates a which-one question showed, as the rows "the second one" or "the one in finance" choose from. */
export function candidateRows(entity: Entity): Array<{ type: 'user' | 'group' | 'app'; id: string; displayName: string; appId?: string }> {
  if (entity.type !== 'user' && entity.type !== 'group' && entity.type !== 'app') return [];
  const type = entity.type;
  return (entity.candidates ?? []).map((c) => ({ type, id: c.id, displayName: c.displayName, ...(c.appId ? { appId: c.appId } : {}) }));
}

/** A reply this short that points at one candidate chooses it ("the one in finance", "the second", "the IT director"). */
const CHOICE_WORDS = 8;

/**
 * A typed reply to a which-one question: when the reply (read with the candidates as the last rows) points at exactly
 * one candidate and asks nothing of its own, that candidate, as a button would have chosen it.
 */
export function typedChoice(pending: { id: string; understanding: Understanding; entityIndex: number }, reply: Understanding): EntityChoice | undefined {
  const asked = pending.understanding.entities[pending.entityIndex];
  if (!asked?.candidates?.length || reply.text.split(/\s+/).length > CHOICE_WORDS) return undefined;
  const picked = reply.entities.filter((e) => e.type === asked.type && e.id && asked.candidates!.some((c) => c.id === e.id));
  if (picked.length !== 1 || reply.plan) return undefined;
  const candidate = asked.candidates.find((c) => c.id === picked[0].id)!;
  return {
    pendingId: pending.id,
    entityType: asked.type,
    id: candidate.id,
    displayName: candidate.displayName,
    ...(candidate.userPrincipalName ? { userPrincipalName: candidate.userPrincipalName } : {}),
    ...(candidate.appId ? { appId: candidate.appId } : {}),
    question: pending.understanding.text,
  };
}

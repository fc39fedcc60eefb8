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
  const base = `I couldn't find a ${kind} named “${escapeMarkdown(entity.text)}” in your directory.`;
  const suggestions = entity.suggestions ?? [];
  if (suggestions.length === 0) return `${base} Check the spelling, or give the full name or sign-in address.`;
  return `${base} Did you mean ${suggestions.map((s) => `“${escapeMarkdown(s)}”`).join(', ').replace(/, ([^,]*)$/, ' or $1')}? Ask again with the name you meant.`;
}

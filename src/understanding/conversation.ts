import type { QuestionPlan } from '../plans/plan';
import { retarget, type ObjectMention, type ParsedQuestion } from './parse';
import type { ConversationContext, DirectoryEntityType, Entity, IntentName } from './types';

/**
 * Follow-ups: a pronoun takes the user, group or app the conversation was about ("and his groups?", "who owns
 * it?"); a message that only adds a name or a time ("and Lee?", "what about yesterday?") repeats the previous
 * question with that change.
 */

/** Intents that are about one person when a pronoun stands in for the name. */
const ABOUT_A_PERSON = new Set<IntentName>(['signin.troubleshoot', 'signin.list', 'risk.user', 'risk.remediate', 'user.info', 'user.groups', 'role.assignments', 'policy.info', 'audit.changes']);
/** A parse this weak did not find a question of its own. */
const WEAK_SCORE = 4;

function expectedType(intent: IntentName): DirectoryEntityType {
  if (intent === 'group.info') return 'group';
  if (intent === 'app.info' || intent === 'risk.workload') return 'app';
  return 'user';
}

function fromConversation(entity: Entity): Entity {
  return { ...entity, source: 'conversation' };
}

export interface FollowUpResult {
  intent: IntentName;
  entities: Entity[];
  objects: ObjectMention[];
  followUp: boolean;
}

export function applyConversation(parsed: ParsedQuestion, memory: ConversationContext | undefined): FollowUpResult {
  const plain = { intent: parsed.intent, entities: parsed.entities, objects: parsed.objects, followUp: false };
  if (!memory) return plain;

  if (parsed.elliptical && memory.lastIntent && (parsed.intent === 'outOfScope' || parsed.score < WEAK_SCORE)) {
    const intent = memory.lastIntent;
    const expected = expectedType(intent);
    // Names whose type was only a guess take the type the repeated question is about.
    for (const object of parsed.objects) if (object.typeGuessed) object.entity.type = expected;
    const given = new Set(parsed.entities.map((e) => e.type));
    const carried = [memory.user, memory.group, memory.app, memory.timeRange].filter((e): e is Entity => e !== undefined && !given.has(e.type) && isCarried(e, intent, memory));
    return { intent, entities: [...parsed.entities, ...carried.map(fromConversation)], objects: parsed.objects, followUp: true };
  }

  if (!parsed.pronoun) return plain;
  const has = (type: DirectoryEntityType) => parsed.entities.some((e) => e.type === type);
  let referent: Entity | undefined;
  if (parsed.pronoun === 'group' || parsed.pronoun === 'app') referent = memory[parsed.pronoun];
  else if (parsed.pronoun === 'user') referent = ABOUT_A_PERSON.has(parsed.intent) ? memory.user : undefined;
  else referent = memory.focus === 'group' ? memory.group ?? memory.app : memory.app ?? memory.group;
  if (!referent || has(referent.type as DirectoryEntityType)) return plain;
  const entities = [...parsed.entities, fromConversation(referent)];
  return { intent: retarget(parsed.intent, entities), entities, objects: parsed.objects, followUp: true };
}

/** What an elliptical follow-up keeps: the objects of the last question (by its focus) and its time range. */
function isCarried(entity: Entity, intent: IntentName, memory: ConversationContext): boolean {
  if (entity.type === 'timeRange') return true;
  if (memory.focus) return entity.type === memory.focus || (entity.type === 'user' && ABOUT_A_PERSON.has(intent) && memory.focus === 'user');
  return entity.type === expectedType(intent);
}

/** The conversation after a question was answered: the objects and time it named become the new context. */
export function rememberTurn(memory: ConversationContext | undefined, intent: IntentName, entities: Entity[], plan?: QuestionPlan): ConversationContext {
  if (intent === 'help' || intent === 'outOfScope') return memory ?? {};
  const next: ConversationContext = { ...(memory ?? {}), lastIntent: intent };
  // "those" and "them" refer to the last list answered; a question about something else ends that list.
  if (plan) next.lastPlan = plan;
  else if (intent !== 'docs.answer') delete next.lastPlan;
  const named = entities.filter((e) => e.source !== 'default');
  for (const type of ['user', 'group', 'app'] as const) {
    const entity = named.find((e) => e.type === type && e.resolution !== 'notFound');
    if (entity) next[type] = entity;
  }
  const time = named.find((e) => e.type === 'timeRange');
  next.timeRange = time;
  const focusType = (['user', 'group', 'app'] as const).find((t) => named.some((e) => e.type === t && e.source === 'message'));
  next.focus = focusType ?? (named.some((e) => e.type === next.focus) ? next.focus : expectedType(intent));
  return next;
}

/**
 * The model's tool call → the same Understanding the grammar produces, or the reason it is refused. Nothing the
 * model says is trusted: the plan is checked against the plan vocabulary (collections, their fields, operators,
 * operations, anchors), every id must be one the directory gave (a linked name) or one the admin wrote, names it
 * gives are looked up in the directory again, the plan must compile to a Graph request whose permissions are all in
 * the bot's permission table, and an action is accepted only when the admin's own words ask for it. A refused
 * reply sends the turn to the offline understanding; nothing is read on its account.
 */
import { ENDPOINT_PERMISSIONS } from '../graph/permissions';
import { isGuid } from '../graph/ids';
import { compilePlan } from '../plans/compile';
import { isQuestionPlan, PLAN_RESOURCES, type FilterValue, type PlanAnchor, type PlanFilter, type PlanOperation, type PlanResource, type PlanWindow, type QuestionPlan } from '../plans/plan';
import { PlanError, RESOURCES, type FieldSpec, type ResourceSpec } from '../plans/resources';
import { countryName } from '../plans/vocabulary';
import { lookupOf, type Directory } from '../understanding/directory';
import { findAction } from '../understanding/entities/catalogues';
import { defaultTimeRange } from '../understanding/entities/timeRange';
import { PLAN_INTENTS } from '../understanding/intents/registry';
import { richQuestionPlan } from '../understanding/planFilling';
import type { ConversationContext, Entity, IntentName, Understanding } from '../understanding/types';
import type { LinkedName, LinkedType } from './linkedNames';
import { ANCHOR_TYPES, DECLINE_TOOL, FILTER_OPS, OPERATION_KINDS, PLAN_TOOL, MITIGATIONS, RICH_INTENTS, RICH_TOOL, RISK_LEVELS } from './tools';

/** A reply that may not be used, with the reason (logged and recorded, never shown as the model's words). */
export class InvalidReply extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'InvalidReply';
  }
}

export interface ReplyContext {
  question: string;
  now: Date;
  names: LinkedName[];
  conversation?: ConversationContext;
  directory?: Directory;
}

export type ReadReply = { kind: 'understood'; understanding: Understanding; tool: string } | { kind: 'declined'; reason?: string };

type Json = Record<string, unknown>;

const MAX_TEXT = 200;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function only(object: Json, allowed: readonly string[], what: string): void {
  const extra = Object.keys(object).find((key) => !allowed.includes(key));
  if (extra !== undefined) throw new InvalidReply(`${what} has an unknown property "${extra}"`);
}

function text(value: unknown, what: string): string {
  if (typeof value !== 'string' || !value.trim() || value.length > MAX_TEXT) throw new InvalidReply(`${what} must be a short text`);
  return value;
}

function optionalText(value: unknown, what: string): string | undefined {
  return value === undefined ? undefined : text(value, what);
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], what: string): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) throw new InvalidReply(`${what} "${String(value)}" is not one of ${allowed.join(', ')}`);
  return value as T;
}

function instant(value: unknown, what: string): string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(Date.parse(value))) throw new InvalidReply(`${what} must be an ISO 8601 date-time`);
  return new Date(value).toISOString();
}

function windowFrom(value: unknown, now: Date, what: string): PlanWindow {
  if (!isObject(value)) throw new InvalidReply(`${what} must be an object`);
  only(value, ['start', 'end', 'label'], what);
  const start = instant(value.start, `${what}.start`);
  const end = instant(value.end, `${what}.end`);
  if (Date.parse(start) >= Date.parse(end)) throw new InvalidReply(`${what} starts after it ends`);
  // A window wholly in the future reads nothing that exists: a plan built on a wrong clock.
  if (Date.parse(start) > now.getTime()) throw new InvalidReply(`${what} starts in the future`);
  return { start, end: new Date(Math.min(Date.parse(end), now.getTime())).toISOString(), label: text(value.label, `${what}.label`) };
}

/** The ids a reply may name: the linked names' object and application ids, and GUIDs the admin wrote. */
function knownIds(context: ReplyContext): Set<string> {
  const ids = new Set<string>();
  for (const name of context.names) {
    ids.add(name.id.toLowerCase());
    if (name.appId) ids.add(name.appId.toLowerCase());
  }
  for (const guid of context.question.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi) ?? []) ids.add(guid.toLowerCase());
  return ids;
}

function entityFromLinked(name: LinkedName): Entity {
  return {
    type: name.type,
    text: name.displayName,
    id: name.id,
    displayName: name.displayName,
    ...(name.type === 'policy' ? { value: name.displayName } : {}),
    ...(name.userPrincipalName ? { userPrincipalName: name.userPrincipalName } : {}),
    ...(name.appId ? { appId: name.appId } : {}),
    resolution: 'resolved',
    source: name.from,
  };
}

/** An object the model named: a linked name by id, or a name looked up in the directory as the grammar would. */
async function objectEntity(value: unknown, type: LinkedType, context: ReplyContext, what: string): Promise<Entity> {
  if (!isObject(value)) throw new InvalidReply(`${what} must be an object`);
  only(value, ['id', 'name'], what);
  if (value.id !== undefined) {
    const id = text(value.id, `${what}.id`).toLowerCase();
    const linked = context.names.find((n) => n.type === type && (n.id.toLowerCase() === id || n.appId?.toLowerCase() === id));
    if (!linked) throw new InvalidReply(`${what}.id is not one of the linked ${type} names`);
    return entityFromLinked(linked);
  }
  const name = text(value.name, `${what}.name`);
  // The name must be the admin's: a name found only in tenant data is not theirs to ask about.
  if (!context.question.toLowerCase().includes(name.toLowerCase())) throw new InvalidReply(`${what}.name "${name}" is not in the question`);
  if (type === 'policy') return { type: 'policy', text: name, value: name, source: 'message' };
  if (!context.directory) return { type, text: name, resolution: 'unresolved', source: 'message' };
  const found = await lookupOf(context.directory, type, name);
  if (found.matches.length === 1) {
    const [match] = found.matches;
    return { type, text: name, id: match.id, displayName: match.displayName, ...(match.userPrincipalName ? { userPrincipalName: match.userPrincipalName } : {}), ...(match.appId ? { appId: match.appId } : {}), resolution: 'resolved', source: 'message' };
  }
  if (found.matches.length > 1) return { type, text: name, resolution: 'ambiguous', candidates: found.matches, source: 'message' };
  return { type, text: name, resolution: 'notFound', suggestions: found.suggestions, source: 'message' };
}

function field(resource: ResourceSpec, name: unknown, what: string): FieldSpec {
  const spec = resource.fields.find((f) => f.name === name);
  if (!spec) throw new InvalidReply(`${what} "${String(name)}" is not a field of ${resource.name}`);
  return spec;
}

function filterValue(spec: FieldSpec, op: PlanFilter['op'], value: unknown, ids: Set<string>, what: string): FilterValue | undefined {
  if (op === 'present' || op === 'absent') {
    if (value !== undefined) throw new InvalidReply(`${what} takes no value with ${op}`);
    return undefined;
  }
  const one = (v: unknown): string | number | boolean => {
    switch (spec.type) {
      case 'boolean':
        if (typeof v !== 'boolean') throw new InvalidReply(`${what} must be true or false`);
        return v;
      case 'number':
        if (typeof v !== 'number' || !Number.isFinite(v)) throw new InvalidReply(`${what} must be a number`);
        return v;
      case 'date':
        return instant(v, what);
      case 'guid': {
        const id = text(v, what);
        if (!isGuid(id) || !ids.has(id.toLowerCase())) throw new InvalidReply(`${what} is an id that neither a linked name nor the question gives`);
        return id;
      }
      default:
        return text(v, what);
    }
  };
  if (op === 'in') {
    if (!Array.isArray(value) || value.length === 0 || value.length > 50) throw new InvalidReply(`${what} must be a list with "in"`);
    return value.map((v) => String(one(v)));
  }
  return one(value);
}

function operationFrom(value: unknown, resource: ResourceSpec): PlanOperation {
  if (!isObject(value)) throw new InvalidReply('operation must be an object');
  only(value, ['kind', 'field', 'n'], 'operation');
  const kind = oneOf(value.kind, OPERATION_KINDS, 'operation.kind');
  if (kind === 'countDistinct' || kind === 'groupBy') return { kind, field: field(resource, value.field, 'operation.field').name };
  if (kind === 'top') {
    const n = value.n;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 100) throw new InvalidReply('operation.n must be a whole number from 1 to 100');
    return { kind, n, field: field(resource, value.field, 'operation.field').name };
  }
  if (value.field !== undefined || value.n !== undefined) throw new InvalidReply(`operation ${kind} takes no field or n`);
  return { kind };
}

const ENTITY_OF_ANCHOR: Record<PlanAnchor['type'], LinkedType> = { user: 'user', group: 'group', servicePrincipal: 'app', application: 'app' };

async function planUnderstanding(args: Json, context: ReplyContext): Promise<Understanding> {
  only(args, ['resource', 'anchor', 'filters', 'window', 'operation', 'basedOnPrevious', 'columns'], 'the plan');
  const resourceName = oneOf<PlanResource>(args.resource, PLAN_RESOURCES, 'resource');
  const resource = RESOURCES[resourceName];
  const ids = knownIds(context);
  const entities: Entity[] = [];
  const plan: QuestionPlan = { resource: resourceName, filters: [], operation: operationFrom(args.operation, resource) };

  if (resource.anchors) {
    if (!isObject(args.anchor)) throw new InvalidReply(`${resourceName} needs an anchor (${resource.anchors.join(' or ')})`);
    only(args.anchor, ['type', 'id', 'name', 'transitive'], 'anchor');
    const type = oneOf(args.anchor.type, ANCHOR_TYPES, 'anchor.type');
    if (!resource.anchors.includes(type)) throw new InvalidReply(`${resourceName} does not start from a ${type}`);
    const entity = await objectEntity({ ...(args.anchor.id !== undefined ? { id: args.anchor.id } : {}), ...(args.anchor.name !== undefined ? { name: args.anchor.name } : {}) }, ENTITY_OF_ANCHOR[type], context, 'anchor');
    if (entity.resolution !== 'resolved' || !entity.id) throw new InvalidReply(`the anchor "${entity.text}" is not one object of the tenant`);
    if (args.anchor.transitive !== undefined && typeof args.anchor.transitive !== 'boolean') throw new InvalidReply('anchor.transitive must be true or false');
    plan.anchor = { type, id: entity.id, displayName: entity.displayName ?? entity.text, ...(args.anchor.transitive === true ? { transitive: true } : {}) };
    entities.push(entity);
  } else if (args.anchor !== undefined) {
    throw new InvalidReply(`${resourceName} takes no anchor`);
  }

  if (!Array.isArray(args.filters) || args.filters.length > 12) throw new InvalidReply('filters must be a list of at most 12');
  for (const [i, raw] of args.filters.entries()) {
    const what = `filters[${i}]`;
    if (!isObject(raw)) throw new InvalidReply(`${what} must be an object`);
    only(raw, ['field', 'op', 'value', 'label'], what);
    const spec = field(resource, raw.field, `${what}.field`);
    const op = oneOf(raw.op, FILTER_OPS, `${what}.op`);
    const value = filterValue(spec, op, raw.value, ids, `${what}.value`);
    const label = optionalText(raw.label, `${what}.label`);
    plan.filters.push({ field: spec.name, op, ...(value !== undefined ? { value } : {}), ...(label ? { label } : {}) });
  }
  if (args.window !== undefined) {
    if (!resource.time) throw new InvalidReply(`${resourceName} have no time to limit`);
    plan.window = windowFrom(args.window, context.now, 'window');
    entities.push({ type: 'timeRange', text: plan.window.label, value: 'custom', start: plan.window.start, end: plan.window.end, source: 'message' });
  }
  if (args.basedOnPrevious !== undefined) {
    if (typeof args.basedOnPrevious !== 'boolean') throw new InvalidReply('basedOnPrevious must be true or false');
    if (args.basedOnPrevious && !context.conversation?.lastPlan) throw new InvalidReply('basedOnPrevious, but there is no previous list');
    if (args.basedOnPrevious) plan.basedOnPrevious = true;
  }
  if (args.columns !== undefined) {
    if (!Array.isArray(args.columns) || args.columns.length > 8) throw new InvalidReply('columns must be a list of at most 8 fields');
    plan.columns = args.columns.map((c, i) => field(resource, c, `columns[${i}]`).name);
  }
  if (!isQuestionPlan(plan)) throw new InvalidReply('not a question plan');
  try {
    const compiled = compilePlan(plan);
    const unknown = compiled.permissions.find((p) => !(p in ENDPOINT_PERMISSIONS));
    if (unknown) throw new InvalidReply(`the plan needs "${unknown}", which the permission table does not know`);
  } catch (err) {
    if (err instanceof PlanError) throw new InvalidReply(`the plan does not compile: ${err.message}`);
    throw err;
  }
  return { intent: PLAN_INTENTS[resourceName], entities, plan, text: context.question, explanation: [`language model: ${PLAN_TOOL} (${resourceName}, ${plan.operation.kind})`] };
}

async function richUnderstanding(args: Json, context: ReplyContext): Promise<Understanding> {
  only(args, ['intent', 'user', 'group', 'app', 'policy', 'errorCode', 'requestId', 'timeRange', 'riskLevel', 'action', 'country'], 'the question');
  const intent = oneOf<IntentName>(args.intent, RICH_INTENTS, 'intent');
  const entities: Entity[] = [];
  for (const type of ['user', 'group', 'app', 'policy'] as const) {
    if (args[type] !== undefined) entities.push(await objectEntity(args[type], type, context, type));
  }
  if (args.errorCode !== undefined) {
    const code = text(args.errorCode, 'errorCode').replace(/^AADSTS/i, '');
    if (!/^\d{4,6}$/.test(code)) throw new InvalidReply('errorCode must be 4 to 6 digits');
    entities.push({ type: 'errorCode', text: code, value: code, source: 'message' });
  }
  if (args.requestId !== undefined) {
    const id = text(args.requestId, 'requestId');
    if (!isGuid(id) || !context.question.toLowerCase().includes(id.toLowerCase())) throw new InvalidReply('requestId must be a GUID the admin wrote');
    entities.push({ type: 'requestId', text: id, value: id.toLowerCase(), source: 'message' });
  }
  if (args.riskLevel !== undefined) {
    const level = oneOf(args.riskLevel, RISK_LEVELS, 'riskLevel');
    entities.push({ type: 'riskLevel', text: level, value: level, source: 'message' });
  }
  if (args.country !== undefined) {
    const code = text(args.country, 'country').toUpperCase();
    if (!/^[A-Z]{2}$/.test(code) || countryName(code) === code) throw new InvalidReply(`country "${code}" is not an ISO 3166 code`);
    entities.push({ type: 'country', text: countryName(code), value: code, source: 'message' });
  }
  if (args.timeRange !== undefined) {
    const window = windowFrom(args.timeRange, context.now, 'timeRange');
    entities.push({ type: 'timeRange', text: window.label, value: 'custom', start: window.start, end: window.end, source: 'message' });
  }
  if (intent === 'risk.remediate' || args.action !== undefined) {
    // Tenant text can say "disable this account": an action is proposed only when the admin's own words ask for it.
    const asked = findAction(context.question);
    const action = oneOf(args.action, MITIGATIONS, 'action');
    if (intent !== 'risk.remediate') throw new InvalidReply(`an action goes with risk.remediate, not ${intent}`);
    if (asked?.value !== action) throw new InvalidReply(`the admin's message does not ask to ${action}`);
    if (!entities.some((e) => e.type === 'user' || e.type === 'app')) throw new InvalidReply('an action needs a person or an app to act on');
    entities.push(asked);
  }
  if (!entities.some((e) => e.type === 'timeRange')) {
    const fallback = defaultTimeRange(intent, context.now);
    if (fallback) entities.push(fallback);
  }
  const understanding: Understanding = { intent, entities, text: context.question, explanation: [`language model: ${RICH_TOOL} (${intent})`] };
  const contextPlan = richQuestionPlan(intent, entities, context.now);
  if (contextPlan) understanding.contextPlan = contextPlan;
  return understanding;
}

interface ToolCallLike {
  type?: string;
  function?: { name?: string; arguments?: string };
}

/** Reads the first tool call of the model's message; refuses anything else. */
export async function readReply(message: { tool_calls?: ToolCallLike[] | null; content?: string | null } | undefined, context: ReplyContext): Promise<ReadReply> {
  const calls = message?.tool_calls ?? [];
  if (calls.length !== 1) throw new InvalidReply(calls.length ? `${calls.length} tool calls instead of one` : 'no tool call');
  const call = calls[0].function;
  if (calls[0].type !== 'function' || !call?.name) throw new InvalidReply('not a function call');
  let args: unknown;
  try {
    args = JSON.parse(call.arguments ?? '{}');
  } catch {
    throw new InvalidReply(`the arguments of ${call.name} are not JSON`);
  }
  if (!isObject(args)) throw new InvalidReply(`the arguments of ${call.name} are not an object`);
  switch (call.name) {
    case PLAN_TOOL:
      return { kind: 'understood', understanding: await planUnderstanding(args, context), tool: PLAN_TOOL };
    case RICH_TOOL:
      return { kind: 'understood', understanding: await richUnderstanding(args, context), tool: RICH_TOOL };
    case DECLINE_TOOL:
      return { kind: 'declined', reason: typeof args.reason === 'string' ? args.reason.slice(0, MAX_TEXT) : undefined };
    default:
      throw new InvalidReply(`unknown tool "${call.name}"`);
  }
}

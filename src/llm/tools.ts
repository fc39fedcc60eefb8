/**
 * The tools the model may call, generated from the plan vocabulary (src/plans/plan.ts, the resource catalogue in
 * src/plans/resources.ts, the intents in src/understanding/types.ts), so that the model is offered exactly what the
 * offline understanding fills and the query layer runs. A new field in the catalogue reaches the model with no edit
 * here.
 */
import type { ChatCompletionTool } from 'openai/resources/chat/completions';
import { PLAN_RESOURCES, type FilterOp, type PlanAnchor, type PlanOperation } from '../plans/plan';
import { RESOURCES } from '../plans/resources';
import { INTENT_DESCRIPTIONS, IN_SCOPE_INTENTS } from '../understanding/intents/registry';
import type { AskedMitigation, IntentName, RiskLevel } from '../understanding/types';

export const PLAN_TOOL = 'answer_with_plan';
export const RICH_TOOL = 'answer_rich_question';
export const DECLINE_TOOL = 'not_a_tenant_question';

export const FILTER_OPS: readonly FilterOp[] = ['eq', 'ne', 'ge', 'le', 'in', 'startsWith', 'present', 'absent', 'contains', 'inRange'];
export const OPERATION_KINDS: ReadonlyArray<PlanOperation['kind']> = ['list', 'count', 'countDistinct', 'groupBy', 'latest', 'first', 'exists', 'top'];
export const ANCHOR_TYPES: ReadonlyArray<PlanAnchor['type']> = ['user', 'group', 'servicePrincipal', 'application'];
/** Tenant questions a skill answers (rather than a plan); help, explanations and out-of-scope stay with the grammar. */
export const RICH_INTENTS: readonly IntentName[] = IN_SCOPE_INTENTS.filter((i) => i !== 'docs.answer');
export const MITIGATIONS: readonly AskedMitigation[] = ['confirmCompromised', 'dismiss', 'confirmSafe', 'revokeSessions', 'disable', 'resetPassword'];
export const RISK_LEVELS: readonly RiskLevel[] = ['high', 'medium', 'low', 'none'];

const objectRef = (what: string) => ({
  type: 'object',
  description: `The ${what}: the id of a linked name when one fits, else its name exactly as the admin wrote it.`,
  properties: { id: { type: 'string' }, name: { type: 'string' } },
  additionalProperties: false,
});

const window = {
  type: 'object',
  description: 'A time window, ISO 8601 instants computed from the current time given, and the words for it ("last 7 days").',
  properties: { start: { type: 'string' }, end: { type: 'string' }, label: { type: 'string' } },
  required: ['start', 'end', 'label'],
  additionalProperties: false,
};

/** One line per collection: its fields with their types, its time field and what it starts from. */
export function catalogueText(): string {
  return PLAN_RESOURCES.map((name) => {
    const spec = RESOURCES[name];
    const fields = spec.fields.map((f) => `${f.name}:${f.type}`).join(', ');
    const extra = [spec.time ? `time field ${spec.time.field}` : 'no time window', spec.anchors ? `needs an anchor (${spec.anchors.join(' or ')})` : ''].filter(Boolean).join('; ');
    return `- ${name} (${spec.noun.many}; ${extra}): ${fields}`;
  }).join('\n');
}

export function modelTools(): ChatCompletionTool[] {
  return [
    {
      type: 'function',
      function: {
        name: PLAN_TOOL,
        description:
          'A list, count, breakdown, top N, first/latest or "is there any" question over one collection of the tenant. ' +
          'Use only these collections and their own field names:\n' +
          catalogueText(),
        parameters: {
          type: 'object',
          properties: {
            resource: { type: 'string', enum: [...PLAN_RESOURCES] },
            anchor: {
              type: 'object',
              description: 'The object a relationship collection starts from (a group for its members, a user for their groups).',
              properties: { type: { type: 'string', enum: [...ANCHOR_TYPES] }, id: { type: 'string' }, name: { type: 'string' }, transitive: { type: 'boolean' } },
              required: ['type'],
              additionalProperties: false,
            },
            filters: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  field: { type: 'string' },
                  op: { type: 'string', enum: [...FILTER_OPS] },
                  value: { anyOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }, { type: 'array', items: { type: 'string' } }] },
                  label: { type: 'string', description: 'How the admin said it.' },
                },
                required: ['field', 'op'],
                additionalProperties: false,
              },
            },
            window,
            operation: {
              type: 'object',
              properties: {
                kind: { type: 'string', enum: [...OPERATION_KINDS] },
                field: { type: 'string', description: 'For countDistinct, groupBy and top.' },
                n: { type: 'integer', minimum: 1, maximum: 100, description: 'For top.' },
              },
              required: ['kind'],
              additionalProperties: false,
            },
            basedOnPrevious: { type: 'boolean', description: 'The question continues the previous answer ("those", "them").' },
            columns: { type: 'array', items: { type: 'string' } },
          },
          required: ['resource', 'filters', 'operation'],
          additionalProperties: false,
        },
      },
    },
    {
      type: 'function',
      function: {
        name: RICH_TOOL,
        description:
          'A question about one person, group, app, policy, error code or request (why a sign-in failed, is someone at risk, ' +
          'who owns a group), or a request to act on risk. Acting is only ever proposed for the admin to confirm. Intents:\n' +
          RICH_INTENTS.map((i) => `- ${i}: ${INTENT_DESCRIPTIONS[i]}`).join('\n'),
        parameters: {
          type: 'object',
          properties: {
            intent: { type: 'string', enum: [...RICH_INTENTS] },
            user: objectRef('person'),
            group: objectRef('group'),
            app: objectRef('application or service principal'),
            policy: objectRef('Conditional Access policy'),
            errorCode: { type: 'string', description: 'An AADSTS error code, digits only.' },
            requestId: { type: 'string', description: 'A sign-in request or correlation id (GUID).' },
            timeRange: window,
            riskLevel: { type: 'string', enum: [...RISK_LEVELS] },
            action: { type: 'string', enum: [...MITIGATIONS] },
            country: { type: 'string', description: 'ISO 3166 two-letter code.' },
          },
          required: ['intent'],
          additionalProperties: false,
        },
      },
    },
    {
      type: 'function',
      function: {
        name: DECLINE_TOOL,
        description: 'Greetings, help, general Entra concepts, or anything that is not a question about this tenant.',
        parameters: { type: 'object', properties: { reason: { type: 'string' } }, additionalProperties: false },
      },
    },
  ];
}

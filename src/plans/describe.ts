/**
 * A plan in words, so the admin sees exactly what was read: "Sign-ins · failed · country Russia (RU) · last 7
 * days · everyone". The same words head the answer card and end `ask`'s text answer.
 */
import type { PlanFilter, QuestionPlan } from './plan';
import { fieldOf, resourceOf, type FieldSpec } from './resources';
import { countryName } from './vocabulary';

const STATE_WORDS: Record<string, string> = {
  enabledForReportingButNotEnforced: 'report-only',
  multiFactorAuthentication: 'MFA required',
  singleFactorAuthentication: 'single-factor only',
  confirmedCompromised: 'confirmed compromised',
  atRisk: 'at risk',
  remediated: 'remediated',
  dismissed: 'dismissed',
  notApplied: 'not applied',
  interactiveUser: 'interactive',
  nonInteractiveUser: 'non-interactive',
  servicePrincipal: 'service principal',
  managedIdentity: 'managed identity',
};

export function valueWords(spec: FieldSpec, value: unknown): string {
  if (Array.isArray(value)) return value.map((v) => valueWords(spec, v)).join(' or ');
  if (spec.format) return spec.format(value);
  if (typeof value === 'string' && STATE_WORDS[value]) return STATE_WORDS[value];
  if (spec.name === 'country' && typeof value === 'string') return `${countryName(value)} (${value})`;
  return String(value);
}

export function filterWords(spec: FieldSpec, filter: PlanFilter): string {
  // Lower case for the middle of a sentence, acronyms kept ("MFA registered", not "mfa registered").
  const label = spec.label.replace(/\b[A-Z][a-z]/g, (w) => w.toLowerCase());
  const value = filter.label ?? (filter.value === undefined ? '' : valueWords(spec, filter.value));
  if (spec.name === 'result') return filter.value === 'success' ? 'successful' : 'failed';
  if (filter.label && filter.op !== 'eq' && filter.op !== 'startsWith' && filter.op !== 'in') return filter.label;
  if (spec.type === 'boolean') {
    if (filter.label) return filter.label;
    if (spec.name === 'accountEnabled') return filter.value === false ? 'disabled accounts' : 'enabled accounts';
    const yes = (filter.op === 'eq') === (filter.value === true);
    return `${yes ? '' : 'no '}${label}`.trim();
  }
  switch (filter.op) {
    case 'eq':
      return filter.label ?? `${label} ${value}`;
    case 'ne':
      return `${label} not ${value}`;
    case 'ge':
      return `${label} on or after ${value.slice(0, 10)}`;
    case 'le':
      return spec.type === 'date' ? `${label} before ${value.slice(0, 10)}` : `${label} at most ${value}`;
    case 'in':
      // A set the conversation gave ("the 9 people shown before") says itself.
      return filter.label ?? `${label} ${value}`;
    case 'startsWith':
      return `${label} starting "${value}"`;
    case 'present':
      return `with ${label}`;
    case 'absent':
      return spec.name === 'ownerCount' ? 'no owners' : `no ${label}`;
    case 'contains':
      return `${label} ${value}`;
    case 'inRange':
      return `${label} in ${value}`;
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "Sign-ins · failed · country Russia (RU) · last 7 days". */
export function describePlan(plan: QuestionPlan): string {
  const resource = resourceOf(plan.resource);
  const parts: string[] = [capitalise(resource.noun.many)];
  if (plan.anchor) {
    // What is owned or reported is not a membership: "Groups · owned by Conor", "Direct reports · of Patti".
    if (plan.resource === 'ownedGroups' || plan.resource === 'ownedApps') parts.push(`owned by ${plan.anchor.displayName}`);
    else if (plan.resource === 'directReports') parts.push(`of ${plan.anchor.displayName}`);
    else parts.push(`of ${plan.anchor.displayName}${plan.anchor.transitive ? ' (including nested)' : ' (direct)'}`);
  }
  for (const filter of plan.filters) {
    const spec = fieldOf(resource, filter.field);
    if (spec.name === 'ownerCount' && filter.op === 'eq' && filter.value === 0) parts.push('no owners');
    else parts.push(filterWords(spec, filter));
  }
  if (plan.window) parts.push(plan.window.label);
  const op = plan.operation;
  if (op.kind === 'count') parts.push('count');
  else if (op.kind === 'groupBy') parts.push(`by ${fieldOf(resource, op.field).label.toLowerCase()}`);
  else if (op.kind === 'countDistinct') parts.push(`distinct ${fieldOf(resource, op.field).label.toLowerCase()}`);
  else if (op.kind === 'top') parts.push(`top ${op.n} by ${fieldOf(resource, op.field).label.toLowerCase()}`);
  else if (op.kind !== 'list') parts.push(op.kind === 'exists' ? 'any?' : op.kind);
  return parts.join(' · ');
}

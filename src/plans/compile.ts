/**
 * Plan → Graph request. Every filter Graph runs for the resource goes into `$filter` (with advanced query
 * parameters where Graph demands them), along with `$select`, `$count`, `$orderby` and `$top`; what Graph cannot
 * run stays here as client filters, which the executor applies with a stated bound. The local Entra refuses what
 * Graph refuses, so a plan compiled wrongly fails its tests rather than a tenant.
 */
import { guid, instant, odataString } from '../graph/ids';
import type { PermissionKey } from '../graph/permissions';
import type { FilterValue, PlanFilter, QuestionPlan } from './plan';
import { fieldOf, ordersByCreation, PlanError, resourceOf, type FieldSpec, type ResourceSpec } from './resources';

export interface ClientFilter {
  filter: PlanFilter;
  spec: FieldSpec;
}

export interface CompiledPlan {
  plan: QuestionPlan;
  resource: ResourceSpec;
  version: 'v1.0' | 'beta';
  /** The request path with its query string, relative to the Graph version root. */
  url: string;
  /** ConsistencyLevel: eventual is sent (advanced query). */
  advanced: boolean;
  /** Filters Graph runs, as OData. */
  graphFilter: string[];
  /** Filters done on the client, over what Graph returns. */
  clientFilters: ClientFilter[];
  /** `@odata.count` of the request is the answer's count (nothing is filtered on the client). */
  countFromGraph: boolean;
  /** Page size asked for. */
  top?: number;
  /** The permissions the plan's reads need (the resource's and its fields'). */
  permissions: PermissionKey[];
}

/**
 * Rows one list answer reads and carries: the first VISIBLE_ROWS show, the rest are folded one click away. A list
 * never reads more pages than it shows when every filter runs in Graph.
 */
export const LIST_ROWS = 50;
/** A count names what it counted when there are at most this many ("3 risky users: Bob Kelly, …"). */
export const COUNT_ROWS = 10;
/** Rows of a list shown at first render; the others of the page are behind "Show all". */
export const VISIBLE_ROWS = 15;

function literal(spec: FieldSpec, value: FilterValue | undefined): string {
  if (value === undefined) throw new PlanError(`${spec.label} needs a value`);
  if (Array.isArray(value)) return `(${value.map((v) => literal(spec, v)).join(',')})`;
  switch (spec.type) {
    case 'boolean':
      if (typeof value !== 'boolean') throw new PlanError(`${spec.label} is yes or no, not "${String(value)}"`);
      return String(value);
    case 'number': {
      const n = Number(value);
      if (!Number.isFinite(n)) throw new PlanError(`${spec.label} is a number, not "${String(value)}"`);
      return String(Math.trunc(n));
    }
    case 'date':
      return instant(String(value));
    case 'guid':
      return odataString(guid(String(value), spec.label));
    default:
      return odataString(String(value));
  }
}

/** The OData text of one filter Graph runs. */
export function odataFilter(spec: FieldSpec, filter: PlanFilter): string {
  if (spec.name === 'result' && spec.path === 'status/errorCode') return filter.value === 'success' ? 'status/errorCode eq 0' : '';
  // A collection whose elements are not all the one value: "signInEventTypes/any(t: t ne 'nonInteractiveUser')" is
  // every sign-in but the non-interactive ones (Graph beta's documented form).
  if (filter.op === 'ne' && spec.lambda && !spec.lambda.member) return `${spec.lambda.collection}/any(x:x ne ${odataString(String(filter.value))})`;
  switch (filter.op) {
    case 'eq':
    case 'ne':
    case 'ge':
    case 'le':
      return `${spec.path} ${filter.op} ${literal(spec, filter.value)}`;
    case 'in':
      return `${spec.path} in ${literal(spec, Array.isArray(filter.value) ? filter.value : [String(filter.value)])}`;
    case 'startsWith':
      return `startsWith(${spec.path},${literal(spec, filter.value)})`;
    case 'present':
      return `${spec.path} ne null`;
    case 'absent':
      return `${spec.path} eq null`;
    case 'inRange':
      // Never placed in Graph (no field lists it): the client checks it.
      return '';
    case 'contains': {
      const lambda = spec.lambda ?? { collection: spec.path };
      const element = lambda.member ? `x/${lambda.member}` : 'x';
      const value = lambda.member === 'id' ? odataString(guid(String(filter.value), spec.label)) : odataString(String(filter.value));
      return `${lambda.collection}/any(x:${element} eq ${value})`;
    }
  }
}

/** Where a filter runs: in Graph by default, in Graph with advanced parameters, or here. */
function placement(resource: ResourceSpec, spec: FieldSpec, filter: PlanFilter): 'graph' | 'advanced' | 'client' {
  if (spec.name === 'result' && spec.path === 'status/errorCode') return filter.op === 'eq' && filter.value === 'success' ? 'graph' : 'client';
  if (spec.read && !spec.graph?.includes(filter.op)) return 'client';
  if (spec.graph?.includes(filter.op)) return 'graph';
  if (resource.directoryObject && spec.advanced?.includes(filter.op)) return 'advanced';
  return 'client';
}

function selectOf(spec: FieldSpec): string {
  return spec.select ?? spec.path.split('/')[0];
}

export function compilePlan(plan: QuestionPlan, options: { listRows?: number } = {}): CompiledPlan {
  const resource = resourceOf(plan.resource);
  if (!resource) throw new PlanError(`Unknown resource ${String(plan.resource)}`);
  const graphFilter: string[] = [];
  const clientFilters: ClientFilter[] = [];
  let advanced = false;
  const permissions = new Set<PermissionKey>([resource.anchorPermission ? resource.anchorPermission(plan.anchor) : resource.permission]);
  // An OData cast on a membership list ("…/memberOf/microsoft.graph.group") is an advanced query.
  if (resource.path(plan.anchor).includes('/microsoft.graph.')) advanced = true;
  const selected = new Set<string>([resource.key]);
  const expands = new Set<string>(resource.expand ? [resource.expand] : []);
  const use = (spec: FieldSpec) => {
    if (spec.permission) permissions.add(spec.permission);
    if (spec.expand) expands.add(spec.expand);
    if (spec.path !== '@odata.type' && !spec.path.includes('$count')) selected.add(selectOf(spec));
  };

  for (const filter of plan.filters) {
    const spec = fieldOf(resource, filter.field);
    const where = placement(resource, spec, filter);
    if (where === 'client') {
      clientFilters.push({ filter, spec });
      use(spec);
      continue;
    }
    use(spec);
    const text = odataFilter(spec, filter);
    if (text) graphFilter.push(text);
    if (where === 'advanced') advanced = true;
  }
  if (plan.window) {
    if (!resource.time) throw new PlanError(`${resource.noun.many} have no time to limit to ${plan.window.label}`);
    graphFilter.push(`${resource.time.field} ge ${instant(plan.window.start)}`, `${resource.time.field} le ${instant(plan.window.end)}`);
  }
  const operation = plan.operation;
  // A count shows its rows too when there are few of them ("how many users are at risk?" names the three).
  for (const column of [...resource.columns, ...(plan.columns ?? [])]) use(fieldOf(resource, column));
  for (const key of resource.rowKeys ?? []) selected.add(key);
  // The time of each item is always read: a bounded read says when it stopped.
  if (resource.time) selected.add(resource.time.field);
  // The newest or first of a collection Graph does not sort by time ("the newest hire") is compared on its creation.
  else if ((operation.kind === 'latest' || operation.kind === 'first') && ordersByCreation(resource)) use(fieldOf(resource, 'createdDateTime'));
  if (operation.kind === 'groupBy' || operation.kind === 'countDistinct' || operation.kind === 'top') use(fieldOf(resource, operation.field));

  const onClient = clientFilters.length > 0;
  // Graph does not expand with advanced queries: a read that expands a field's navigation counts here instead.
  const expandsField = [...expands].some((e) => e !== resource.expand);
  const countable = resource.count !== 'none' && !onClient && !expandsField;
  const countFromGraph = countable && (operation.kind === 'count' || operation.kind === 'list' || operation.kind === 'exists');
  if (countFromGraph && resource.count === 'advanced') advanced = true;
  if (advanced && !resource.directoryObject) throw new PlanError(`${resource.noun.many} do not take advanced queries`);

  const params: string[] = [];
  if (graphFilter.length) params.push(`$filter=${graphFilter.join(' and ')}`);
  if (resource.select) params.push(`$select=${[...selected].join(',')}`);
  if (expands.size) params.push(`$expand=${[...expands].join(',')}`);
  if (countFromGraph || advanced) params.push('$count=true');
  if (operation.kind === 'first' && resource.time?.orderBy) params.push(`$orderby=${resource.time.field} asc`);

  const listRows = options.listRows ?? LIST_ROWS;
  let top: number | undefined;
  if (resource.top) {
    const wanted =
      onClient || operation.kind === 'groupBy' || operation.kind === 'countDistinct' || operation.kind === 'top'
        ? resource.maxTop
        : operation.kind === 'count' && countFromGraph
          ? COUNT_ROWS
          : operation.kind === 'count'
            ? resource.maxTop
            : (operation.kind === 'latest' && resource.time?.newestFirst) || (operation.kind === 'first' && resource.time?.orderBy)
              ? 1
              : operation.kind === 'latest' || operation.kind === 'first'
                ? resource.maxTop
                : listRows;
    // Graph pages users at most 500 at a time when signInActivity is selected
    // (https://learn.microsoft.com/en-us/graph/throttling-limits).
    top = Math.min(wanted, resource.maxTop, selected.has('signInActivity') ? 500 : resource.maxTop);
    params.push(`$top=${top}`);
  }
  const path = resource.path(plan.anchor);
  return {
    plan,
    resource,
    version: resource.version,
    url: params.length ? `${path}?${params.join('&')}` : path,
    advanced,
    graphFilter,
    clientFilters,
    countFromGraph,
    top,
    permissions: [...permissions],
  };
}

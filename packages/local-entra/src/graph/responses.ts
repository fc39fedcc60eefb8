import { isAllowed } from '../authorize';
import { countQuery, createIndexedCollection, ENDPOINT_RULES } from '../odata';
import type { QueryableCollection, QueryInput } from '../odata/contract';
import type { GraphObject } from '../snapshot/layout';
import type { GraphContext, GraphRequest, GraphResponse } from './context';
import { shapeForVersion, withoutConditionalAccessDetails } from './versionShape';

/** Route names of the query engine's rules (src/odata ENDPOINT_RULES). */
export type RuleKey = keyof typeof ENDPOINT_RULES;

/** Navigation properties stored inline in snapshots; returned only when $expand names them. */
const STORED_NAVIGATION: Record<string, readonly string[]> = {
  users: ['manager'],
  groups: ['members', 'owners'],
  applications: ['owners'],
  servicePrincipals: ['owners'],
  directoryObjects: ['members', 'owners', 'manager'],
  riskyUsers: ['history'],
  riskyServicePrincipals: ['history'],
};

export function contextUrl(ctx: GraphContext, req: GraphRequest, contextPath: string): string {
  return `${ctx.origin}/${req.version}/$metadata#${contextPath}`;
}

/** Navigation properties that hold one object, which the engine hands back as a one-item list. */
const SINGLE_VALUED_NAVIGATION = ['manager', 'principal', 'roleDefinition'];

/** What GET /users returns on v1.0 without $select (https://learn.microsoft.com/en-us/graph/api/user-list). */
const USER_DEFAULT_PROPERTIES = new Set([
  '@odata.type', 'businessPhones', 'displayName', 'givenName', 'id', 'jobTitle', 'mail', 'mobilePhone', 'officeLocation', 'preferredLanguage', 'surname', 'userPrincipalName',
]);

function selectParam(req: GraphRequest): string | null {
  return req.params.get('$select') ?? req.params.get('select');
}

/** Users: the v1.0 default property set without $select; signInActivity only when selected. */
function userDefaults(req: GraphRequest, item: GraphObject): GraphObject {
  if (selectParam(req) !== null) return item;
  const expanded = expandedNames(req);
  const keep = (key: string) => (req.version === 'v1.0' ? USER_DEFAULT_PROPERTIES.has(key) || expanded.has(key) : key !== 'signInActivity');
  return Object.fromEntries(Object.entries(item).filter(([key]) => keep(key)));
}

function singleValued(item: GraphObject): GraphObject {
  if (!SINGLE_VALUED_NAVIGATION.some((name) => Array.isArray(item[name]))) return item;
  const copy = { ...item };
  for (const name of SINGLE_VALUED_NAVIGATION) if (Array.isArray(copy[name])) copy[name] = (copy[name] as unknown[])[0] ?? null;
  return copy;
}

function expandedNames(req: GraphRequest): Set<string> {
  const expand = req.params.get('$expand') ?? req.params.get('expand') ?? '';
  return new Set(expand.split(',').map((part) => part.trim().split(/[($]/)[0]).filter(Boolean));
}

/** The response object for one stored object: version shape, permission shape, no stray navigation. */
function shaper(ctx: GraphContext, req: GraphRequest, kind: RuleKey): (item: GraphObject) => GraphObject {
  const expanded = expandedNames(req);
  const hidden = (STORED_NAVIGATION[kind] ?? []).filter((name) => !expanded.has(name));
  const caDetails = kind === 'signIns' ? isAllowed(req.caller, 'signIns.conditionalAccessDetails', ctx.directory).allowed : true;
  return (item) => {
    let shaped = singleValued(shapeForVersion(kind, item, req.version));
    if (kind === 'users') shaped = userDefaults(req, shaped);
    if (hidden.some((name) => name in shaped)) {
      shaped = { ...shaped };
      for (const name of hidden) delete shaped[name];
    }
    return caDetails ? shaped : withoutConditionalAccessDetails(shaped);
  };
}

function queryInput(ctx: GraphContext, req: GraphRequest, contextPath: string, params: URLSearchParams, expand?: QueryInput['expand']): QueryInput {
  return { params, consistencyLevel: req.headers['consistencylevel']?.toLowerCase(), requestUrl: req.requestUrl, contextUrl: contextUrl(ctx, req, contextPath), expand };
}

/** A collection answer: the engine applies the query options with the endpoint's rules. */
export function listResponse(
  ctx: GraphContext,
  req: GraphRequest,
  kind: RuleKey,
  collection: QueryableCollection,
  contextPath: string,
  expand?: QueryInput['expand'],
): GraphResponse {
  const body = ctx.runQuery(collection, queryInput(ctx, req, contextPath, req.params, expand), ENDPOINT_RULES[kind]);
  const shape = shaper(ctx, req, kind);
  return { status: 200, body: { ...body, value: body.value.map(shape) } };
}

/** GET …/$count: an advanced query on directory objects; a plain number. */
export function countResponse(ctx: GraphContext, req: GraphRequest, kind: RuleKey, collection: QueryableCollection, contextPath: string): GraphResponse {
  const count = countQuery(collection, queryInput(ctx, req, contextPath, req.params), ENDPOINT_RULES[kind]);
  return { status: 200, body: String(count), headers: { 'Content-Type': 'text/plain' } };
}

/** A single-object answer; $select and $expand apply as on the collection. */
export function entityResponse(ctx: GraphContext, req: GraphRequest, kind: RuleKey, item: GraphObject, contextPath: string, expand?: QueryInput['expand']): GraphResponse {
  const params = new URLSearchParams();
  for (const name of ['$select', '$expand', 'select', 'expand']) {
    const value = req.params.get(name);
    if (value !== null) params.set(name, value);
  }
  const body = ctx.runQuery(createIndexedCollection([item], []), queryInput(ctx, req, contextPath, params, expand), ENDPOINT_RULES[kind]);
  const single = body.value[0] ?? item;
  return { status: 200, body: { '@odata.context': `${contextUrl(ctx, req, contextPath)}/$entity`, ...shaper(ctx, req, kind)(single) } };
}

/** Objects of a derived list (members, memberOf...) as a queryable collection, optionally cast to one type. */
export function derivedCollection(items: GraphObject[], cast?: string): QueryableCollection {
  const filtered = cast ? items.filter((item) => item['@odata.type'] === `#${cast}`) : items;
  return createIndexedCollection(filtered, ['id']);
}

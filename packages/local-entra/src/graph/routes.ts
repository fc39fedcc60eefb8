import { authorize } from '../authorize';
import type { QueryableCollection, QueryInput } from '../odata/contract';
import type { EndpointKey } from '../permissions';
import type { CollectionName, GraphObject } from '../snapshot/layout';
import { graphErrors } from '../http/graphErrors';
import type { GraphContext, GraphRequest, GraphResponse } from './context';
import { authorizeOnTarget } from './targetRules';
import { applyRiskAction, revokeSignInSessions, setAccountEnabled, setServicePrincipalAccountEnabled, type RiskAction } from './mitigations';
import { applySignInRiskAction, SIGN_IN_RISK_ACTIONS } from './signInRisk';
import { countResponse, derivedCollection, entityResponse, listResponse, type RuleKey } from './responses';

/** Throttling families of https://learn.microsoft.com/en-us/graph/throttling-limits. */
export type ThrottleFamily = 'reports' | 'identityProtection' | 'directory';

export interface Route {
  method: 'GET' | 'POST' | 'PATCH';
  /** Segments after the version; `:name` captures one segment. */
  path: string;
  permission: EndpointKey;
  family: ThrottleFamily;
  /** Directory resource-unit cost (https://learn.microsoft.com/en-us/graph/throttling-limits). */
  cost?: number;
  /** /me routes: an app-only token gets Graph's 400 before any permission check. */
  delegatedOnly?: boolean;
  /** A list that accepts an OData cast segment (…/members/microsoft.graph.user) and a /$count segment. */
  list?: boolean;
  handle(ctx: GraphContext, req: GraphRequest, params: Record<string, string>): GraphResponse | Promise<GraphResponse>;
}

type Params = Record<string, string>;

function found<T>(value: T | undefined, id: string, directoryObject = true): T {
  if (value === undefined) throw directoryObject ? graphErrors.notFound(id) : graphErrors.serviceNotFound(id);
  return value;
}

/** The caller's own user id for /me routes; app-only tokens get Graph's 400. */
function me(req: GraphRequest): string {
  if (req.caller.kind !== 'delegated') throw graphErrors.meAppOnly();
  return req.caller.userId as string;
}

function expandFor(ctx: GraphContext, kind: CollectionName): QueryInput['expand'] {
  const dir = ctx.directory;
  return (item, navigation) => {
    const id = item.id as string;
    switch (`${kind}/${navigation}`) {
      case 'users/manager': {
        const manager = (ctx.store.get('users', id)?.manager as GraphObject | undefined)?.id as string | undefined;
        const principal = manager ? dir.principal(manager) : undefined;
        return principal ? [principal] : [];
      }
      case 'users/memberOf':
      case 'groups/memberOf':
      case 'servicePrincipals/memberOf':
        return dir.memberOf(id);
      case 'groups/members':
        return dir.members(id);
      case 'groups/owners':
        return dir.owners('groups', id);
      case 'applications/owners':
        return dir.owners('applications', id);
      case 'servicePrincipals/owners':
        return dir.owners('servicePrincipals', id);
      case 'roleAssignments/principal': {
        const principal = dir.principal(item.principalId as string);
        return principal ? [principal] : [];
      }
      case 'roleAssignments/roleDefinition': {
        const definition = ctx.store.get('roleDefinitions', item.roleDefinitionId as string);
        return definition ? [definition] : [];
      }
      default:
        return undefined;
    }
  };
}

/** A collection route and its by-id route, answered from the stored collection. */
function collectionRoutes(options: {
  path: string;
  collection: CollectionName;
  rules: RuleKey;
  permission: EndpointKey;
  family: ThrottleFamily;
  context: string;
  directoryObject?: boolean;
  cost?: number;
  source?: (ctx: GraphContext, req: GraphRequest) => QueryableCollection;
}): Route[] {
  const { path, collection, rules, permission, family, context, cost } = options;
  const directoryObject = options.directoryObject ?? true;
  const source = options.source ?? ((ctx: GraphContext) => ctx.store.queryable(collection));
  return [
    {
      method: 'GET',
      path,
      permission,
      family,
      cost,
      list: true,
      handle: (ctx, req, params) =>
        params.$count ? countResponse(ctx, req, rules, source(ctx, req), context) : listResponse(ctx, req, rules, source(ctx, req), context, expandFor(ctx, collection)),
    },
    {
      method: 'GET',
      path: `${path}/:id`,
      permission,
      family,
      handle: (ctx, req, { id }) => entityResponse(ctx, req, rules, found(ctx.store.get(collection, id), id, directoryObject), context, expandFor(ctx, collection)),
    },
  ];
}

/** A derived directory-object list (memberOf, members...), castable to one type. */
function relationRoute(path: string, permission: EndpointKey, cost: number, items: (ctx: GraphContext, req: GraphRequest, params: Params) => GraphObject[]): Route {
  return {
    method: 'GET',
    path,
    permission,
    family: 'directory',
    cost,
    list: true,
    handle: (ctx, req, params) => {
      const cast = params.$cast;
      const collection = derivedCollection(items(ctx, req, params), cast);
      const context = cast ? `${cast.replace('microsoft.graph.', '')}s` : 'directoryObjects';
      return params.$count ? countResponse(ctx, req, 'directoryObjects', collection, context) : listResponse(ctx, req, 'directoryObjects', collection, context);
    },
  };
}

function userOrThrow(ctx: GraphContext, id: string): GraphObject {
  return found(ctx.store.user(id), id);
}

function userEntity(ctx: GraphContext, req: GraphRequest, user: GraphObject): GraphResponse {
  if (/signInActivity/i.test(req.params.get('$select') ?? '')) authorize(req.caller, 'users.signInActivity', ctx.directory);
  return entityResponse(ctx, req, 'users', user, 'users', expandFor(ctx, 'users'));
}

function riskActionRoutes(path: string, subject: 'user' | 'servicePrincipal', actions: RiskAction[]): Route[] {
  return actions.map((action) => ({
    method: 'POST' as const,
    path: `${path}/${action}`,
    permission: subject === 'user' ? ('riskyUsers.write' as const) : ('riskyServicePrincipals.write' as const),
    family: 'identityProtection' as const,
    handle: async (ctx: GraphContext, req: GraphRequest) => {
      await applyRiskAction(ctx, req.caller, subject, action, req.body);
      return { status: 204 };
    },
  }));
}

function historyRoute(path: string, collection: 'riskyUsers' | 'riskyServicePrincipals', rules: RuleKey, permission: EndpointKey, contextBase: string): Route {
  return {
    method: 'GET',
    path: `${path}/:id/history`,
    permission,
    family: 'identityProtection',
    list: true,
    handle: (ctx, req, { id }) => {
      const risky = found(ctx.store.get(collection, id), id, false);
      const history = Array.isArray(risky.history) ? (risky.history as GraphObject[]) : [];
      return listResponse(ctx, req, rules, derivedCollection(history), `${contextBase}('${id}')/history`);
    },
  };
}

const users = (ctx: GraphContext) => ctx.store.queryable('users');

export const ROUTES: Route[] = [
  ...collectionRoutes({ path: 'organization', collection: 'organization', rules: 'directoryObjects', permission: 'organization.read', family: 'directory', context: 'organization' }),
  // Users: the list checks the signInActivity rule; by id also accepts the userPrincipalName.
  {
    method: 'GET',
    path: 'users',
    permission: 'users.read',
    family: 'directory',
    cost: 2,
    list: true,
    handle: (ctx, req, params) => {
      if (/signInActivity/i.test(`${req.params.get('$select') ?? ''} ${req.params.get('$filter') ?? ''}`)) authorize(req.caller, 'users.signInActivity', ctx.directory);
      return params.$count ? countResponse(ctx, req, 'users', users(ctx), 'users') : listResponse(ctx, req, 'users', users(ctx), 'users', expandFor(ctx, 'users'));
    },
  },
  { method: 'GET', path: 'users/:id', permission: 'users.read', family: 'directory', handle: (ctx, req, { id }) => userEntity(ctx, req, userOrThrow(ctx, id)) },
  { method: 'GET', path: 'me', permission: 'me.read', family: 'directory', delegatedOnly: true, handle: (ctx, req) => userEntity(ctx, req, userOrThrow(ctx, me(req))) },
  relationRoute('users/:id/memberOf', 'memberships.read', 2, (ctx, _req, { id }) => ctx.directory.memberOf(userOrThrow(ctx, id).id as string)),
  relationRoute('users/:id/transitiveMemberOf', 'memberships.read', 2, (ctx, _req, { id }) => ctx.directory.transitiveMemberOf(userOrThrow(ctx, id).id as string)),
  relationRoute('users/:id/ownedObjects', 'users.read', 2, (ctx, _req, { id }) => ctx.directory.ownedObjects(userOrThrow(ctx, id).id as string)),
  relationRoute('users/:id/directReports', 'users.read', 2, (ctx, _req, { id }) => ctx.directory.directReports(userOrThrow(ctx, id).id as string)),
  { ...relationRoute('me/memberOf', 'me.read', 2, (ctx, req) => ctx.directory.memberOf(me(req))), delegatedOnly: true },
  { ...relationRoute('me/transitiveMemberOf', 'me.read', 2, (ctx, req) => ctx.directory.transitiveMemberOf(me(req))), delegatedOnly: true },
  {
    method: 'POST',
    path: 'users/:id/revokeSignInSessions',
    permission: 'users.revokeSessions',
    family: 'directory',
    handle: async (ctx, req, { id }) => {
      const user = userOrThrow(ctx, id);
      authorizeOnTarget(req.caller, 'refreshTokens', user, ctx.directory);
      await revokeSignInSessions(ctx, req.caller, user);
      return { status: 200, body: { '@odata.context': `${ctx.origin}/${req.version}/$metadata#Edm.Boolean`, value: true } };
    },
  },
  {
    method: 'POST',
    path: 'me/revokeSignInSessions',
    permission: 'me.read',
    delegatedOnly: true,
    family: 'directory',
    handle: async (ctx, req) => {
      await revokeSignInSessions(ctx, req.caller, userOrThrow(ctx, me(req)));
      return { status: 200, body: { '@odata.context': `${ctx.origin}/${req.version}/$metadata#Edm.Boolean`, value: true } };
    },
  },
  {
    method: 'PATCH',
    path: 'users/:id',
    permission: 'users.enableDisable',
    family: 'directory',
    handle: async (ctx, req, { id }) => {
      const user = userOrThrow(ctx, id);
      authorizeOnTarget(req.caller, 'accountEnabled', user, ctx.directory);
      await setAccountEnabled(ctx, req.caller, user, req.body);
      return { status: 204 };
    },
  },
  // Groups and their relations.
  ...collectionRoutes({ path: 'groups', collection: 'groups', rules: 'groups', permission: 'groups.read', family: 'directory', context: 'groups', cost: 2 }),
  relationRoute('groups/:id/members', 'groups.read', 3, (ctx, _req, { id }) => (found(ctx.store.get('groups', id), id), ctx.directory.members(id))),
  relationRoute('groups/:id/transitiveMembers', 'groups.read', 5, (ctx, _req, { id }) => (found(ctx.store.get('groups', id), id), ctx.directory.transitiveMembers(id))),
  relationRoute('groups/:id/owners', 'groups.read', 1, (ctx, _req, { id }) => (found(ctx.store.get('groups', id), id), ctx.directory.owners('groups', id))),
  relationRoute('groups/:id/memberOf', 'groups.read', 1, (ctx, _req, { id }) => (found(ctx.store.get('groups', id), id), ctx.directory.memberOf(id))),
  relationRoute('groups/:id/transitiveMemberOf', 'groups.read', 2, (ctx, _req, { id }) => (found(ctx.store.get('groups', id), id), ctx.directory.transitiveMemberOf(id))),
  // Apps and service principals.
  ...collectionRoutes({ path: 'applications', collection: 'applications', rules: 'applications', permission: 'applications.read', family: 'directory', context: 'applications', cost: 2 }),
  relationRoute('applications/:id/owners', 'applications.read', 1, (ctx, _req, { id }) => (found(ctx.store.get('applications', id), id), ctx.directory.owners('applications', id))),
  {
    method: 'PATCH',
    path: 'servicePrincipals/:id',
    permission: 'servicePrincipals.enableDisable',
    family: 'directory',
    handle: async (ctx, req, { id }) => {
      await setServicePrincipalAccountEnabled(ctx, req.caller, found(ctx.store.get('servicePrincipals', id), id), req.body);
      return { status: 204 };
    },
  },
  ...collectionRoutes({ path: 'servicePrincipals', collection: 'servicePrincipals', rules: 'servicePrincipals', permission: 'applications.read', family: 'directory', context: 'servicePrincipals', cost: 2 }),
  relationRoute('servicePrincipals/:id/owners', 'applications.read', 1, (ctx, _req, { id }) => (found(ctx.store.get('servicePrincipals', id), id), ctx.directory.owners('servicePrincipals', id))),
  // A service principal's groups and roles: Graph lists Application.Read.All as least privileged here, not the
  // group permissions a user's memberOf takes (serviceprincipal-list-memberof, -transitivememberof).
  relationRoute('servicePrincipals/:id/memberOf', 'applications.read', 1, (ctx, _req, { id }) => (found(ctx.store.get('servicePrincipals', id), id), ctx.directory.memberOf(id))),
  relationRoute('servicePrincipals/:id/transitiveMemberOf', 'applications.read', 2, (ctx, _req, { id }) => (found(ctx.store.get('servicePrincipals', id), id), ctx.directory.transitiveMemberOf(id))),
  // Roles.
  {
    method: 'GET',
    path: 'directoryRoles',
    permission: 'directoryRoles.read',
    family: 'directory',
    list: true,
    handle: (ctx, req) => listResponse(ctx, req, 'directoryRoles', derivedCollection(ctx.directory.directoryRoles()), 'directoryRoles'),
  },
  {
    method: 'GET',
    path: 'directoryRoles/:id',
    permission: 'directoryRoles.read',
    family: 'directory',
    handle: (ctx, req, { id }) => entityResponse(ctx, req, 'directoryRoles', findRole(ctx, id), 'directoryRoles'),
  },
  relationRoute('directoryRoles/:id/members', 'directoryRoles.read', 1, (ctx, _req, { id }) => ctx.directory.directoryRoleMembers(findRole(ctx, id))),
  ...collectionRoutes({ path: 'roleManagement/directory/roleAssignments', collection: 'roleAssignments', rules: 'roleAssignments', permission: 'roleManagement.read', family: 'directory', context: 'roleManagement/directory/roleAssignments', directoryObject: false }),
  ...collectionRoutes({ path: 'roleManagement/directory/roleDefinitions', collection: 'roleDefinitions', rules: 'roleDefinitions', permission: 'roleManagement.read', family: 'directory', context: 'roleManagement/directory/roleDefinitions', directoryObject: false }),
  // Reports, and the admin decisions on risky sign-ins.
  ...SIGN_IN_RISK_ACTIONS.map(
    (action): Route => ({
      method: 'POST',
      path: `auditLogs/signIns/${action}`,
      permission: 'signIns.riskWrite',
      family: 'identityProtection',
      handle: async (ctx, req) => {
        await applySignInRiskAction(ctx, req.caller, action, req.body);
        return { status: 204 };
      },
    }),
  ),
  ...collectionRoutes({
    path: 'auditLogs/signIns',
    collection: 'signIns',
    rules: 'signIns',
    permission: 'signIns.read',
    family: 'reports',
    context: 'auditLogs/signIns',
    directoryObject: false,
    // Non-interactive, service-principal and managed-identity sign-ins only on beta, when the filter asks for them.
    source: (ctx, req) => (req.version === 'beta' && /signInEventTypes/i.test(req.params.get('$filter') ?? '') ? ctx.store.queryable('signIns') : ctx.store.interactiveSignIns()),
  }),
  ...collectionRoutes({ path: 'auditLogs/directoryAudits', collection: 'directoryAudits', rules: 'directoryAudits', permission: 'directoryAudits.read', family: 'reports', context: 'auditLogs/directoryAudits', directoryObject: false }),
  ...collectionRoutes({ path: 'reports/authenticationMethods/userRegistrationDetails', collection: 'userRegistrationDetails', rules: 'userRegistrationDetails', permission: 'userRegistrationDetails.read', family: 'reports', context: 'reports/authenticationMethods/userRegistrationDetails', directoryObject: false }),
  // Identity protection.
  ...riskActionRoutes('identityProtection/riskyUsers', 'user', ['confirmCompromised', 'dismiss', 'confirmSafe']),
  ...riskActionRoutes('identityProtection/riskyServicePrincipals', 'servicePrincipal', ['confirmCompromised', 'dismiss']),
  ...collectionRoutes({ path: 'identityProtection/riskyUsers', collection: 'riskyUsers', rules: 'riskyUsers', permission: 'riskyUsers.read', family: 'identityProtection', context: 'identityProtection/riskyUsers', directoryObject: false }),
  historyRoute('identityProtection/riskyUsers', 'riskyUsers', 'riskyUserHistory', 'riskyUsers.read', 'identityProtection/riskyUsers'),
  ...collectionRoutes({ path: 'identityProtection/riskDetections', collection: 'riskDetections', rules: 'riskDetections', permission: 'riskDetections.read', family: 'identityProtection', context: 'identityProtection/riskDetections', directoryObject: false }),
  ...collectionRoutes({ path: 'identityProtection/riskyServicePrincipals', collection: 'riskyServicePrincipals', rules: 'riskyServicePrincipals', permission: 'riskyServicePrincipals.read', family: 'identityProtection', context: 'identityProtection/riskyServicePrincipals', directoryObject: false }),
  historyRoute('identityProtection/riskyServicePrincipals', 'riskyServicePrincipals', 'riskyServicePrincipalHistory', 'riskyServicePrincipals.read', 'identityProtection/riskyServicePrincipals'),
  ...collectionRoutes({ path: 'identityProtection/servicePrincipalRiskDetections', collection: 'servicePrincipalRiskDetections', rules: 'servicePrincipalRiskDetections', permission: 'riskyServicePrincipals.read', family: 'identityProtection', context: 'identityProtection/servicePrincipalRiskDetections', directoryObject: false }),
  // Conditional access.
  ...collectionRoutes({ path: 'identity/conditionalAccess/policies', collection: 'conditionalAccessPolicies', rules: 'conditionalAccessPolicies', permission: 'conditionalAccess.read', family: 'identityProtection', context: 'identity/conditionalAccess/policies', directoryObject: false }),
  ...collectionRoutes({ path: 'identity/conditionalAccess/namedLocations', collection: 'namedLocations', rules: 'namedLocations', permission: 'conditionalAccess.read', family: 'identityProtection', context: 'identity/conditionalAccess/namedLocations', directoryObject: false }),
];

/** An activated role by object id, or by `roleTemplateId=…` (the alternate key form). */
function findRole(ctx: GraphContext, key: string): GraphObject {
  const byTemplate = /^roleTemplateId=(.+)$/.exec(key);
  const role = ctx.directory.directoryRoles().find((r) => (byTemplate ? r.roleTemplateId === byTemplate[1] : r.id === key));
  return found(role, byTemplate ? byTemplate[1] : key);
}

export interface RouteMatch {
  route: Route;
  params: Params;
}

/**
 * Finds the route for the segments. `directoryRoles(roleTemplateId='…')` becomes `directoryRoles/roleTemplateId=…`;
 * list routes also match with a trailing `microsoft.graph.*` cast or `$count`.
 */
export function matchRoute(method: string, rawSegments: string[]): { match?: RouteMatch; otherMethod: boolean } {
  const segments = rawSegments.flatMap((segment) => {
    const alternate = /^directoryRoles\(roleTemplateId='([^']+)'\)$/i.exec(segment);
    return alternate ? ['directoryRoles', `roleTemplateId=${alternate[1]}`] : [segment];
  });
  let otherMethod = false;
  for (const route of ROUTES) {
    const pattern = route.path.split('/');
    const params = matchSegments(pattern, segments, route.list ?? false);
    if (!params) continue;
    if (route.method !== method.toUpperCase()) {
      otherMethod = true;
      continue;
    }
    return { match: { route, params }, otherMethod };
  }
  return { otherMethod };
}

function matchSegments(pattern: string[], segments: string[], list: boolean): Params | undefined {
  const params: Params = {};
  let tail = segments;
  // A list may end with a cast, a $count, or both in that order (…/members/microsoft.graph.user/$count).
  if (list && tail.length > pattern.length && tail[tail.length - 1] === '$count') {
    params.$count = 'true';
    tail = tail.slice(0, -1);
  }
  if (list && tail.length === pattern.length + 1 && /^microsoft\.graph\.\w+$/.test(tail[tail.length - 1])) {
    params.$cast = tail[tail.length - 1];
    tail = tail.slice(0, -1);
  }
  if (tail.length !== pattern.length) return undefined;
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i].startsWith(':')) params[pattern[i].slice(1)] = tail[i];
    else if (pattern[i].toLowerCase() !== tail[i].toLowerCase()) return undefined;
  }
  return params;
}

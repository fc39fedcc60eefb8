/**
 * Events added to a running local Entra, as they would happen in a tenant: a user or an app becomes risky, someone is
 * added to or removed from a directory role. Each writes what Graph would show (the risky object with its history,
 * a risk detection, the role assignment, the audit entry), stamped with the local Entra's clock, so the bot's alerts
 * can be seen in the Playground and tested. Reached through `LocalEntra.addEvent`, the loopback admin endpoint
 * (`POST /_local-entra/events`, with the start's admin key) and `npm run entra -- event …`.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Caller } from './auth/caller';
import { auditEntry } from './graph/auditEntries';
import type { GraphContext } from './graph/context';
import type { GraphObject } from './snapshot/layout';
import { GraphQueryError } from './odata/contract';

export type RiskLevelName = 'low' | 'medium' | 'high';

export type LocalEntraEvent =
  | { kind: 'riskyUser'; user: string; riskLevel?: RiskLevelName; riskEventType?: string }
  | { kind: 'riskyServicePrincipal'; servicePrincipal: string; riskLevel?: RiskLevelName; riskEventType?: string }
  | { kind: 'roleChange'; user: string; role: string; change?: 'add' | 'remove'; by?: string };

/** What the event changed, for the caller to say (and the tests to check). */
export interface AddedEvent {
  kind: LocalEntraEvent['kind'];
  /** The risky user's or service principal's id, or the audit entry's id of a role change. */
  id: string;
  at: string;
  summary: string;
}

/** The Azure portal's well-known application id, which audit entries name for changes made there. */
const AZURE_PORTAL_APP_ID = 'c44b4083-3bb0-49c1-b47d-974e53cbdf3c';

const LEVELS: readonly RiskLevelName[] = ['low', 'medium', 'high'];

function badRequest(message: string): never {
  throw new GraphQueryError(400, 'Request_BadRequest', message);
}

/** Checks an event from outside (the admin endpoint, the CLI): every field named, of the right kind. */
export function parseEvent(body: unknown): LocalEntraEvent {
  const e = body as Partial<Record<string, unknown>> | null;
  if (!e || typeof e !== 'object') badRequest('The event must be a JSON object with a "kind".');
  const text = (name: string, required: boolean): string | undefined => {
    const value = e[name];
    if (value === undefined && !required) return undefined;
    if (typeof value !== 'string' || !value.trim() || value.length > 256) badRequest(`"${name}" must be a non-empty string of at most 256 characters.`);
    return value.trim();
  };
  const level = text('riskLevel', false);
  if (level !== undefined && !LEVELS.includes(level as RiskLevelName)) badRequest(`"riskLevel" must be one of ${LEVELS.join(', ')}.`);
  switch (e.kind) {
    case 'riskyUser':
      return { kind: 'riskyUser', user: text('user', true)!, riskLevel: level as RiskLevelName | undefined, riskEventType: text('riskEventType', false) };
    case 'riskyServicePrincipal':
      return { kind: 'riskyServicePrincipal', servicePrincipal: text('servicePrincipal', true)!, riskLevel: level as RiskLevelName | undefined, riskEventType: text('riskEventType', false) };
    case 'roleChange': {
      const change = text('change', false);
      if (change !== undefined && change !== 'add' && change !== 'remove') badRequest('"change" must be add or remove.');
      return { kind: 'roleChange', user: text('user', true)!, role: text('role', true)!, change: change === 'add' || change === 'remove' ? change : undefined, by: text('by', false) };
    }
    default:
      return badRequest('"kind" must be riskyUser, riskyServicePrincipal or roleChange.');
  }
}

export async function addEvent(ctx: GraphContext, event: LocalEntraEvent): Promise<AddedEvent> {
  const added = event.kind === 'riskyUser' ? riskyUser(ctx, event) : event.kind === 'riskyServicePrincipal' ? riskyServicePrincipal(ctx, event) : roleChange(ctx, event);
  await ctx.persist();
  return added;
}

function userOf(ctx: GraphContext, idOrUpn: string): GraphObject {
  return ctx.store.user(idOrUpn) ?? badRequest(`No user ${idOrUpn} in this tenant.`);
}

function riskyUser(ctx: GraphContext, event: Extract<LocalEntraEvent, { kind: 'riskyUser' }>): AddedEvent {
  const user = userOf(ctx, event.user);
  const at = ctx.clock.now().toISOString();
  const level = event.riskLevel ?? 'high';
  const type = event.riskEventType ?? 'unfamiliarFeatures';
  const id = user.id as string;
  const base = { isDeleted: false, isProcessing: false, userDisplayName: user.displayName ?? null, userPrincipalName: user.userPrincipalName ?? null };
  const state = { riskDetail: 'none', riskLastUpdatedDateTime: at, riskLevel: level, riskState: 'atRisk' };
  const item = { id: randomUUID(), ...base, ...state, userId: id, initiatedBy: null, activity: { detail: 'none', riskEventTypes: [type] } };
  becomeRisky(ctx, 'riskyUsers', { id, ...base }, state, item);
  ctx.store.append('riskDetections', {
    id: randomBytes(32).toString('hex'),
    requestId: null,
    correlationId: null,
    riskEventType: type,
    riskState: 'atRisk',
    riskLevel: level,
    riskDetail: 'none',
    source: 'IdentityProtection',
    detectionTimingType: 'offline',
    activity: 'user',
    tokenIssuerType: 'AzureAD',
    ipAddress: null,
    location: null,
    activityDateTime: at,
    detectedDateTime: at,
    lastUpdatedDateTime: at,
    userId: id,
    userDisplayName: user.displayName ?? null,
    userPrincipalName: user.userPrincipalName ?? null,
    additionalInfo: '[]',
  });
  return { kind: 'riskyUser', id, at, summary: `${String(user.displayName)} is now a ${level}-risk user (${type}).` };
}

/** The risky object takes its new state and a history item; one that was never risky is added with both. */
function becomeRisky(ctx: GraphContext, collection: 'riskyUsers' | 'riskyServicePrincipals', created: GraphObject & { id: string }, state: GraphObject, item: GraphObject): void {
  const existing = ctx.store.get(collection, created.id);
  if (!existing) {
    ctx.store.append(collection, { ...created, ...state, history: [item] });
    return;
  }
  Object.assign(existing, state);
  existing.history = [...(Array.isArray(existing.history) ? (existing.history as GraphObject[]) : []), item];
  ctx.store.touched(collection);
}

function riskyServicePrincipal(ctx: GraphContext, event: Extract<LocalEntraEvent, { kind: 'riskyServicePrincipal' }>): AddedEvent {
  const wanted = event.servicePrincipal.toLowerCase();
  const sp =
    ctx.store.get('servicePrincipals', event.servicePrincipal) ??
    ctx.store.items('servicePrincipals').find((s) => String(s.appId).toLowerCase() === wanted || String(s.displayName).toLowerCase() === wanted) ??
    badRequest(`No service principal ${event.servicePrincipal} in this tenant.`);
  const at = ctx.clock.now().toISOString();
  const level = event.riskLevel ?? 'high';
  const type = event.riskEventType ?? 'suspiciousSignins';
  const id = sp.id as string;
  const base = { appId: sp.appId ?? null, displayName: sp.displayName ?? null, servicePrincipalType: sp.servicePrincipalType ?? 'Application', isEnabled: sp.accountEnabled !== false, isProcessing: false };
  const state = { riskDetail: 'none', riskLastUpdatedDateTime: at, riskLevel: level, riskState: 'atRisk' };
  const item = { id: randomUUID(), ...base, servicePrincipalId: id, ...state, initiatedBy: null, activity: { detail: 'none', riskEventTypes: [type] } };
  becomeRisky(ctx, 'riskyServicePrincipals', { id, ...base, accountEnabled: sp.accountEnabled !== false }, state, item);
  ctx.store.append('servicePrincipalRiskDetections', {
    id: randomBytes(32).toString('hex'),
    appId: sp.appId ?? null,
    servicePrincipalDisplayName: sp.displayName ?? null,
    servicePrincipalId: id,
    source: 'IdentityProtection',
    tokenIssuerType: 'AzureAD',
    riskEventType: type,
    riskState: 'atRisk',
    riskLevel: level,
    riskDetail: 'none',
    detectionTimingType: 'offline',
    activity: 'servicePrincipal',
    activityDateTime: at,
    detectedDateTime: at,
    lastUpdatedDateTime: at,
    ipAddress: null,
    location: null,
    correlationId: null,
    requestIds: [],
    keyIds: [],
    additionalInfo: '[]',
  });
  return { kind: 'riskyServicePrincipal', id, at, summary: `${String(sp.displayName)} is now a ${level}-risk service principal (${type}).` };
}

function roleChange(ctx: GraphContext, event: Extract<LocalEntraEvent, { kind: 'roleChange' }>): AddedEvent {
  const user = userOf(ctx, event.user);
  const wanted = event.role.toLowerCase();
  const role =
    ctx.store.items('roleDefinitions').find((r) => String(r.displayName).toLowerCase() === wanted || String(r.id).toLowerCase() === wanted || String(r.templateId).toLowerCase() === wanted) ??
    badRequest(`No directory role ${event.role} in this tenant.`);
  const change = event.change ?? 'add';
  const by = event.by ? userOf(ctx, event.by) : undefined;
  const at = ctx.clock.now();
  const roleId = String(role.templateId ?? role.id);
  const held = ctx.store.items('roleAssignments').find((a) => a.principalId === user.id && String(a.roleDefinitionId).toLowerCase() === roleId.toLowerCase() && a.directoryScopeId === '/');
  if (change === 'add' && held) badRequest(`${String(user.displayName)} already holds ${String(role.displayName)}.`);
  if (change === 'remove' && !held) badRequest(`${String(user.displayName)} does not hold ${String(role.displayName)}.`);
  if (change === 'add') {
    ctx.store.append('roleAssignments', { id: `${randomBytes(33).toString('base64url')}-1`, principalId: user.id, roleDefinitionId: roleId, directoryScopeId: '/', appScopeId: null, condition: null, principalOrganizationId: ctx.store.tenantId });
  } else {
    // The store hands out its own array: the assignment is removed from it in place, then its indexes rebuilt.
    const items = ctx.store.items('roleAssignments') as GraphObject[];
    items.splice(items.indexOf(held!), 1);
    ctx.store.touched('roleAssignments');
  }
  // Made in the Azure portal by `by`, or by an automation when nobody is named.
  const caller: Caller = by
    ? { kind: 'delegated', appId: AZURE_PORTAL_APP_ID, appDisplayName: 'Azure Portal', permissions: new Set(), userId: by.id as string, userDisplayName: by.displayName as string, userPrincipalName: by.userPrincipalName as string }
    : { kind: 'app', appId: AZURE_PORTAL_APP_ID, appDisplayName: 'Azure Portal', permissions: new Set() };
  const property = (name: string, value: unknown) => (change === 'add' ? { displayName: name, oldValue: null, newValue: value } : { displayName: name, oldValue: value, newValue: null });
  const entry = auditEntry({
    activityDisplayName: change === 'add' ? 'Add member to role' : 'Remove member from role',
    category: 'RoleManagement',
    loggedByService: 'Core Directory',
    operationType: change === 'add' ? 'Assign' : 'Unassign',
    targets: [
      {
        id: user.id as string,
        displayName: (user.displayName ?? null) as string | null,
        type: 'User',
        userPrincipalName: (user.userPrincipalName ?? null) as string | null,
        changes: [property('Role.ObjectID', roleId), property('Role.DisplayName', role.displayName), property('Role.TemplateId', roleId)],
      },
    ],
    caller,
    at,
  });
  ctx.store.append('directoryAudits', entry);
  const verb = change === 'add' ? 'added to' : 'removed from';
  return { kind: 'roleChange', id: entry.id as string, at: at.toISOString(), summary: `${String(user.displayName)} was ${verb} ${String(role.displayName)}${by ? ` by ${String(by.displayName)}` : ''}.` };
}

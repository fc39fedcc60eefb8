import type { Caller } from '../auth/caller';
import { GraphQueryError } from '../odata/contract';
import type { GraphObject } from '../snapshot/layout';
import { auditEntry, type AuditTarget } from './auditEntries';
import type { GraphContext } from './context';

/** How each risk action sets the risk fields (https://learn.microsoft.com/en-us/graph/api/riskyuser-confirmcompromised and its siblings; state and detail follow the enum names). */
const RISK_OUTCOMES = {
  confirmCompromised: { riskLevel: 'high', riskState: 'confirmedCompromised', userDetail: 'adminConfirmedUserCompromised', spDetail: 'adminConfirmedServicePrincipalCompromised' },
  dismiss: { riskLevel: 'none', riskState: 'dismissed', userDetail: 'adminDismissedAllRiskForUser', spDetail: 'adminDismissedAllRiskForServicePrincipal' },
  confirmSafe: { riskLevel: 'none', riskState: 'confirmedSafe', userDetail: 'adminConfirmedAccountSafe', spDetail: 'adminConfirmedAccountSafe' },
} as const;

export type RiskAction = keyof typeof RISK_OUTCOMES;

/** Audit activity names for identity protection actions (wording not confirmed by a captured log). */
const RISK_ACTIVITIES: Record<'user' | 'servicePrincipal', Record<RiskAction, string>> = {
  user: { confirmCompromised: 'Confirm user compromised', dismiss: 'Dismiss user risk', confirmSafe: 'Confirm user safe' },
  servicePrincipal: { confirmCompromised: 'Confirm service principal compromised', dismiss: 'Dismiss service principal risk', confirmSafe: 'Confirm service principal safe' },
};

const MAX_IDS_PER_CALL = 60;

export function idsFromBody(body: unknown, property: string): string[] {
  const ids = (body as Record<string, unknown> | null)?.[property];
  if (!Array.isArray(ids) || ids.length === 0 || ids.some((id) => typeof id !== 'string')) {
    throw new GraphQueryError(400, 'BadRequest', `The request body must carry "${property}": a non-empty array of ids.`);
  }
  if (ids.length > MAX_IDS_PER_CALL) throw new GraphQueryError(400, 'BadRequest', `At most ${MAX_IDS_PER_CALL} ${property} are allowed per request.`);
  return ids as string[];
}

/** A risky user's or service principal's history gets its current state as a new item, naming who changed it. */
export function appendRiskHistory(risky: GraphObject, owner: { userId: string } | { servicePrincipalId: string }, caller: Caller, detail: string, riskEventTypes: string[]): void {
  const history = Array.isArray(risky.history) ? (risky.history as GraphObject[]) : [];
  const { history: _history, ...current } = risky;
  history.push({ ...current, id: `${risky.id as string}${history.length + 1}`, ...owner, initiatedBy: initiatedById(caller), activity: { detail, riskEventTypes } });
  risky.history = history;
}

function initiatedById(caller: Caller): string {
  return caller.kind === 'delegated' ? (caller.userId as string) : caller.appId;
}

/** Applies a risk action to risky users or risky service principals: state, history item, audit entry. */
export async function applyRiskAction(ctx: GraphContext, caller: Caller, subject: 'user' | 'servicePrincipal', action: RiskAction, body: unknown): Promise<void> {
  const collection = subject === 'user' ? 'riskyUsers' : 'riskyServicePrincipals';
  const ids = idsFromBody(body, subject === 'user' ? 'userIds' : 'servicePrincipalIds');
  const outcome = RISK_OUTCOMES[action];
  const detail = subject === 'user' ? outcome.userDetail : outcome.spDetail;
  const at = ctx.clock.now();
  const targets: AuditTarget[] = [];
  for (const id of ids) {
    const risky = ctx.store.get(collection, id);
    if (!risky) continue;
    const before = { riskLevel: risky.riskLevel, riskState: risky.riskState, riskDetail: risky.riskDetail };
    Object.assign(risky, { riskLevel: outcome.riskLevel, riskState: outcome.riskState, riskDetail: detail, riskLastUpdatedDateTime: at.toISOString() });
    appendRiskHistory(risky, subject === 'user' ? { userId: id } : { servicePrincipalId: id }, caller, detail, action === 'confirmCompromised' ? [detail] : []);
    if (subject === 'user') settleUserDetections(ctx, id, outcome.riskState, detail, at);
    targets.push({
      id,
      displayName: (risky.userDisplayName ?? risky.displayName ?? null) as string | null,
      type: subject === 'user' ? 'User' : 'ServicePrincipal',
      userPrincipalName: (risky.userPrincipalName ?? null) as string | null,
      changes: [
        { displayName: 'RiskLevel', oldValue: before.riskLevel, newValue: outcome.riskLevel },
        { displayName: 'RiskState', oldValue: before.riskState, newValue: outcome.riskState },
        { displayName: 'RiskDetail', oldValue: before.riskDetail, newValue: detail },
      ],
    });
  }
  ctx.store.touched(collection);
  if (targets.length) {
    ctx.store.append('directoryAudits', auditEntry({ activityDisplayName: RISK_ACTIVITIES[subject][action], category: 'IdentityProtection', loggedByService: 'Identity Protection', operationType: 'Update', targets, caller, at }));
  }
  await ctx.persist();
}

/** Open detections of the user follow the admin's decision. */
function settleUserDetections(ctx: GraphContext, userId: string, riskState: string, riskDetail: string, at: Date): void {
  let changed = false;
  for (const detection of ctx.store.lookup('riskDetections', 'userId', userId)) {
    if (detection.riskState === 'atRisk') {
      Object.assign(detection, { riskState, riskDetail, lastUpdatedDateTime: at.toISOString() });
      changed = true;
    }
  }
  if (changed) ctx.store.touched('riskDetections');
}

/** POST /users/{id}/revokeSignInSessions: sessions issued before now become invalid. */
export async function revokeSignInSessions(ctx: GraphContext, caller: Caller, user: GraphObject): Promise<void> {
  const at = ctx.clock.now();
  const before = user.signInSessionsValidFromDateTime ?? null;
  user.signInSessionsValidFromDateTime = at.toISOString().replace(/\.\d{3}Z$/, 'Z');
  ctx.store.touched('users');
  ctx.store.append(
    'directoryAudits',
    auditEntry({
      activityDisplayName: 'Invalidate all refresh tokens for user',
      category: 'UserManagement',
      loggedByService: 'Core Directory',
      operationType: 'Update',
      caller,
      at,
      targets: [{ id: user.id as string, displayName: (user.displayName ?? null) as string | null, type: 'User', userPrincipalName: user.userPrincipalName as string, changes: [{ displayName: 'StsRefreshTokensValidFrom', oldValue: before === null ? null : [before], newValue: [user.signInSessionsValidFromDateTime] }] }],
    }),
  );
  await ctx.persist();
}

/**
 * The accountEnabled of a PATCH body: the only property the local Entra lets a PATCH change on users and service
 * principals. Anything else is refused rather than silently ignored.
 */
function accountEnabledFromPatch(body: unknown, resource: 'User' | 'ServicePrincipal'): boolean {
  const patch = body as Record<string, unknown> | null;
  if (!patch || typeof patch !== 'object' || typeof patch.accountEnabled !== 'boolean') {
    throw new GraphQueryError(400, 'Request_BadRequest', `Invalid value specified for property 'accountEnabled' of resource '${resource}'.`);
  }
  const others = Object.keys(patch).filter((key) => key !== 'accountEnabled');
  if (others.length) throw new GraphQueryError(400, 'Request_BadRequest', `The local Entra only updates accountEnabled; refused: ${others.join(', ')}.`);
  return patch.accountEnabled;
}

/** PATCH /users/{id} with accountEnabled. */
export async function setAccountEnabled(ctx: GraphContext, caller: Caller, user: GraphObject, body: unknown): Promise<void> {
  const enabled = accountEnabledFromPatch(body, 'User');
  const at = ctx.clock.now();
  const before = user.accountEnabled;
  user.accountEnabled = enabled;
  ctx.store.touched('users');
  ctx.store.append(
    'directoryAudits',
    auditEntry({
      activityDisplayName: 'Update user',
      category: 'UserManagement',
      loggedByService: 'Core Directory',
      operationType: 'Update',
      caller,
      at,
      targets: [{ id: user.id as string, displayName: (user.displayName ?? null) as string | null, type: 'User', userPrincipalName: user.userPrincipalName as string, changes: [{ displayName: 'AccountEnabled', oldValue: [before], newValue: [enabled] }] }],
    }),
  );
  await ctx.persist();
}

/**
 * PATCH /servicePrincipals/{id} with accountEnabled (disabling a compromised workload identity). Its risky service
 * principal, if any, shows the new state too: `isEnabled` on v1.0, `accountEnabled` on beta.
 */
export async function setServicePrincipalAccountEnabled(ctx: GraphContext, caller: Caller, servicePrincipal: GraphObject, body: unknown): Promise<void> {
  const enabled = accountEnabledFromPatch(body, 'ServicePrincipal');
  const at = ctx.clock.now();
  const before = servicePrincipal.accountEnabled;
  servicePrincipal.accountEnabled = enabled;
  ctx.store.changed('servicePrincipals', ['accountEnabled']);
  const risky = ctx.store.get('riskyServicePrincipals', servicePrincipal.id as string);
  if (risky) {
    Object.assign(risky, { isEnabled: enabled, accountEnabled: enabled });
    ctx.store.changed('riskyServicePrincipals', ['isEnabled', 'accountEnabled']);
  }
  ctx.store.append(
    'directoryAudits',
    auditEntry({
      activityDisplayName: 'Update service principal',
      category: 'ApplicationManagement',
      loggedByService: 'Core Directory',
      operationType: 'Update',
      caller,
      at,
      targets: [{ id: servicePrincipal.id as string, displayName: (servicePrincipal.displayName ?? null) as string | null, type: 'ServicePrincipal', changes: [{ displayName: 'AccountEnabled', oldValue: [before], newValue: [enabled] }] }],
    }),
  );
  await ctx.persist();
}

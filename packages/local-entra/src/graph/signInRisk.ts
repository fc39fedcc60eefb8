import type { Caller } from '../auth/caller';
import type { GraphObject } from '../snapshot/layout';
import { auditEntry, type AuditTarget, type PropertyChange } from './auditEntries';
import type { GraphContext } from './context';
import { appendRiskHistory, idsFromBody } from './mitigations';

/**
 * POST /auditLogs/signIns/confirmSafe | confirmCompromised | dismiss {"requestIds": […]}
 * (https://learn.microsoft.com/en-us/graph/api/signin-confirmcompromised and its siblings).
 * A sign-in's `id` is its request id. State and detail follow the riskState / riskDetail enum names.
 */
const SIGN_IN_OUTCOMES = {
  confirmSafe: { riskState: 'confirmedSafe', riskDetail: 'adminConfirmedSigninSafe', activity: 'Confirm sign-in safe' },
  confirmCompromised: { riskState: 'confirmedCompromised', riskDetail: 'adminConfirmedSigninCompromised', activity: 'Confirm sign-in compromised' },
  dismiss: { riskState: 'dismissed', riskDetail: 'adminDismissedRiskForSignIn', activity: 'Dismiss sign-in risk' },
} as const;
// The activity names follow RISK_ACTIVITIES in mitigations.ts; no captured log confirms Entra's wording.

export type SignInRiskAction = keyof typeof SIGN_IN_OUTCOMES;
export const SIGN_IN_RISK_ACTIONS = Object.keys(SIGN_IN_OUTCOMES) as SignInRiskAction[];

/** What one call did to one user's (or service principal's) sign-ins, for the audit target. */
interface Subject {
  id: string;
  type: AuditTarget['type'];
  displayName: string | null;
  userPrincipalName: string | null;
  previousStates: Set<unknown>;
  previousDetails: Set<unknown>;
  /** A sign-in of theirs was at risk, or a detection of one was: only then may the user's own risk follow. */
  settledRisk: boolean;
}

/** One previous value as a plain value, several as a list (a call may cover several sign-ins of one user). */
const previous = (values: Set<unknown>): unknown => (values.size === 1 ? [...values][0] : [...values]);

export async function applySignInRiskAction(ctx: GraphContext, caller: Caller, action: SignInRiskAction, body: unknown): Promise<void> {
  const requestIds = idsFromBody(body, 'requestIds');
  const outcome = SIGN_IN_OUTCOMES[action];
  const at = ctx.clock.now();
  const stamp = at.toISOString();
  const subjects = new Map<string, Subject>();
  let detectionsChanged = false;

  for (const requestId of requestIds) {
    // By id, never a scan: the log can hold millions of sign-ins (the id map is the one GET …/signIns/{id} uses).
    // Unknown ids are ignored, as Graph does.
    const signIn = ctx.store.get('signIns', requestId);
    if (!signIn) continue;
    const subject = subjectOf(ctx, subjects, signIn);
    subject.previousStates.add(signIn.riskState ?? null);
    subject.previousDetails.add(signIn.riskDetail ?? null);
    if (signIn.riskState === 'atRisk') subject.settledRisk = true;
    Object.assign(signIn, {
      riskState: outcome.riskState,
      riskDetail: outcome.riskDetail,
      // An admin's "compromised" makes the sign-in high risk whatever it was; safe or dismissed leaves no aggregate risk.
      riskLevelAggregated: action === 'confirmCompromised' ? 'high' : 'none',
      ...(action === 'confirmCompromised' ? { riskLevelDuringSignIn: 'high' } : {}),
    });
    for (const detection of ctx.store.lookup('riskDetections', 'requestId', requestId)) {
      if (detection.riskState === 'atRisk') subject.settledRisk = true;
      Object.assign(detection, { riskState: outcome.riskState, riskDetail: outcome.riskDetail, lastUpdatedDateTime: stamp });
      detectionsChanged = true;
    }
  }
  if (subjects.size === 0) return;

  // With --persist this rewrites the whole sign-in file, the only write the snapshot layout has, before the 204: a log
  // kept on disk copies its unchanged lines as they are (3 s at 200,000 sign-ins, measured; 30 s when every sign-in
  // was serialised again).
  ctx.store.changed('signIns', ['riskState', 'riskDetail', 'riskLevelAggregated', 'riskLevelDuringSignIn']);
  if (detectionsChanged) ctx.store.changed('riskDetections', ['riskState', 'riskDetail', 'lastUpdatedDateTime']);
  for (const subject of subjects.values()) {
    if (subject.type === 'User') updateUserRisk(ctx, caller, action, subject, stamp);
  }
  const targets: AuditTarget[] = [...subjects.values()].map((subject) => ({
    id: subject.id,
    displayName: subject.displayName,
    type: subject.type,
    userPrincipalName: subject.userPrincipalName,
    changes: [
      { displayName: 'RiskState', oldValue: previous(subject.previousStates), newValue: outcome.riskState },
      { displayName: 'RiskDetail', oldValue: previous(subject.previousDetails), newValue: outcome.riskDetail },
    ] satisfies PropertyChange[],
  }));
  ctx.store.append('directoryAudits', auditEntry({ activityDisplayName: outcome.activity, category: 'IdentityProtection', loggedByService: 'Identity Protection', operationType: 'Update', targets, caller, at }));
  await ctx.persist();
}

/** The user of a sign-in, or the service principal of a workload sign-in, gathered once per call. */
function subjectOf(ctx: GraphContext, subjects: Map<string, Subject>, signIn: GraphObject): Subject {
  const userId = typeof signIn.userId === 'string' && signIn.userId !== '' ? signIn.userId : undefined;
  const id = userId ?? String(signIn.servicePrincipalId ?? signIn.id);
  let subject = subjects.get(id);
  if (!subject) {
    const user = userId ? ctx.store.get('users', userId) : undefined;
    subject = {
      id,
      type: userId ? 'User' : signIn.servicePrincipalId ? 'ServicePrincipal' : 'Other',
      displayName: ((userId ? (user?.displayName ?? signIn.userDisplayName) : signIn.servicePrincipalName) ?? null) as string | null,
      userPrincipalName: userId ? (((user?.userPrincipalName ?? signIn.userPrincipalName) ?? null) as string | null) : null,
      previousStates: new Set(),
      previousDetails: new Set(),
      settledRisk: false,
    };
    subjects.set(id, subject);
  }
  return subject;
}

/**
 * The user's own risk after a sign-in decision, kept simple:
 * - confirmCompromised: admin-flagged events are high risk at once, so the risky user becomes high / atRisk (created
 *   if the user was not risky; a user already confirmed compromised stays so).
 * - confirmSafe / dismiss: the user's risk is left alone unless this call settled something at risk and no detection
 *   of the user is still atRisk; then a user at risk follows the decision (level none, the action's state).
 * Either change adds a history item naming the admin (or app).
 */
function updateUserRisk(ctx: GraphContext, caller: Caller, action: SignInRiskAction, subject: Subject, stamp: string): void {
  const outcome = SIGN_IN_OUTCOMES[action];
  let risky = ctx.store.get('riskyUsers', subject.id);
  if (action === 'confirmCompromised') {
    if (!risky) {
      risky = { id: subject.id, isDeleted: false, isProcessing: false, userDisplayName: subject.displayName, userPrincipalName: subject.userPrincipalName, history: [] };
      ctx.store.append('riskyUsers', risky);
    }
    Object.assign(risky, { riskLevel: 'high', riskState: risky.riskState === 'confirmedCompromised' ? 'confirmedCompromised' : 'atRisk', riskDetail: outcome.riskDetail });
  } else {
    if (!risky || risky.riskState !== 'atRisk' || !subject.settledRisk) return;
    const stillAtRisk = ctx.store.lookup('riskDetections', 'userId', subject.id).some((detection) => detection.riskState === 'atRisk');
    if (stillAtRisk) return;
    Object.assign(risky, { riskLevel: 'none', riskState: outcome.riskState, riskDetail: outcome.riskDetail });
  }
  risky.riskLastUpdatedDateTime = stamp;
  appendRiskHistory(risky, { userId: subject.id }, caller, outcome.riskDetail, []);
  ctx.store.touched('riskyUsers');
}

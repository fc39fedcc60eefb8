/**
 * risk.user: one user's Identity Protection risk — level, state and detail in words, the detections behind it, the
 * sign-ins that carried them, who changed the risk and when, and what to do — in at most two `$batch` round trips.
 * Parts the asker's roles do not allow are left out with the role that would show them; buttons to act appear only
 * for actions the asker may take.
 */
import { mitigationPermission } from '../../mitigations/types';
import { batchGet, ID_LIST_LIMIT, userNamesRequest, type BatchRequest, type BatchResponse, type DirectoryObjectRef, type Page } from '../../graph/directoryQueries';
import type { PermissionKey } from '../../graph/permissions';
import { isGuid } from '../../graph/ids';
import {
  familiarAddressRequest,
  isIpAddress,
  mfaRegistrationFailureRequest,
  riskUserRequests,
  signInRequest,
  type AccountFacts,
  type MfaRegistration,
  type RiskDetection,
  type RiskyUser,
  type RiskyUserHistoryItem,
  type RiskySignIn,
  type Window,
} from '../../graph/riskQueries';
import { entityOf, type Understanding } from '../../understanding/types';
import { ReadRefused, roleList, rolesFor } from '../common/access';
import { defineSkill } from '../common/defineSkill';
import type { SkillAnswer } from '../types';
import { e } from './riskText';
import { newestFirst, openOf } from './userRiskText';
import { DETECTIONS_SHOWN, riskUserAnswer } from './riskUserAnswer';

/** Sign-ins looked up by request id at most (the reports API allows 5 requests per 10 s per app and tenant). */
const SIGN_INS_READ = 3;
/** Flagged addresses checked against the user's earlier sign-ins at most. */
const ADDRESSES_CHECKED = 2;

/** The window the message gave ("this week"); the intent's default window does not narrow detections. */
export function messageWindow(understanding: Understanding): Window | undefined {
  const range = entityOf(understanding, 'timeRange');
  if (!range || range.source === 'default' || !range.start || !range.end) return undefined;
  return { start: range.start, end: range.end };
}

type Part<T> = { value: T } | { refused: true } | { throttled: true } | { missing: true };

/** One inner response read as a part of the answer: found, refused (403), throttled, or not there (404). */
function partOf<T>(responses: Map<string, BatchResponse>, id: string): Part<T> {
  const response = responses.get(id);
  if (!response) return { missing: true };
  if (response.status < 300) return { value: response.body as T };
  if (response.status === 403) return { refused: true };
  if (response.status === 429) return { throttled: true };
  if (response.status === 404) return { missing: true };
  throw new Error(`Graph answered ${response.status} for ${id}: ${JSON.stringify(response.body)}`);
}

/** A part the answer cannot do without: a refusal names the roles, anything else but "not found" is the turn's error. */
function required<T>(part: Part<T>, key: PermissionKey, what: string): T | undefined {
  if ('refused' in part) throw new ReadRefused(key);
  if ('throttled' in part) throw new Error(`Graph kept throttling the read of ${what}`);
  return 'value' in part ? part.value : undefined;
}

export const riskUserSkill = defineSkill({
  name: 'riskUser',
  version: '1',
  intents: ['risk.user'],
  what: 'user risk',
  needs: 'riskyUsers.read',
  subject: 'user',
  async answer({ request, tenant, subject, may }): Promise<SkillAnswer> {
    const hidden: string[] = [];
    const optionalRead = async (key: PermissionKey, what: string) => {
      const allowed = await may(key);
      if (!allowed) hidden.push(`${what} not shown: it needs ${roleList(rolesFor(key))}.`);
      return allowed;
    };
    const readDetections = await optionalRead('riskDetections.read', 'Risk detections');
    const readSignIns = await optionalRead('signIns.read', 'The sign-ins that carried the risk');
    const readRegistration = await optionalRead('userRegistrationDetails.read', 'MFA registration');
    const window = messageWindow(request.understanding);

    const first = await batchGet(tenant.client, riskUserRequests(subject!.id, { detections: readDetections, registration: readRegistration, window }));
    const risk = required(partOf<RiskyUser>(first, 'riskyUser'), 'riskyUsers.read', 'user risk');
    const history = required(partOf<Page<RiskyUserHistoryItem>>(first, 'history'), 'riskyUsers.read', 'risk history')?.value ?? [];
    const account = required(partOf<AccountFacts>(first, 'account'), 'users.read', 'the user account');
    if (!account) return { kind: 'text', text: `${e(subject!.displayName)} is no longer in the directory.` };

    const optional = <T>(id: string, what: string, key: PermissionKey): T | undefined => {
      const part = partOf<T>(first, id);
      if ('refused' in part) hidden.push(`${what} not shown: it needs ${roleList(rolesFor(key))}.`);
      if ('throttled' in part) hidden.push(`${what} not shown: Graph is throttling these reads; ask again in a minute.`);
      return 'value' in part ? part.value : undefined;
    };
    const detections = readDetections ? optional<Page<RiskDetection>>('detections', 'Risk detections', 'riskDetections.read')?.value : undefined;
    const openDetections = readDetections && window ? partOf<Page<RiskDetection>>(first, 'openDetections') : undefined;
    const allOpen = openDetections && 'value' in openDetections ? openDetections.value.value : undefined;
    const registration = readRegistration ? optional<MfaRegistration>('registration', 'MFA registration', 'userRegistrationDetails.read') : undefined;

    // The second round trip: the sign-ins behind the detections shown, whether a flagged address is the user's own, and names.
    const shown = [...(detections ?? [])].sort(newestFirst).slice(0, DETECTIONS_SHOWN);
    const open = openOf(detections ?? [], allOpen);
    // The open detections' sign-ins first: what to do depends on them.
    const requestIds = [...new Set([...open, ...shown].map((d) => d.requestId).filter(isGuid).map((id) => id.toLowerCase()))].slice(0, SIGN_INS_READ);
    const flagged = open.filter((d) => d.riskEventType === 'unfamiliarFeatures' && isIpAddress(d.ipAddress) && d.activityDateTime);
    const addresses = [...new Map(flagged.map((d) => [d.ipAddress as string, d])).values()].slice(0, ADDRESSES_CHECKED);
    const initiators = [...new Set(history.map((h) => h.initiatedBy).filter(isGuid).map((id) => id.toLowerCase()))].filter((id) => id !== account.id.toLowerCase()).slice(0, ID_LIST_LIMIT);
    const second: BatchRequest[] = [];
    if (readSignIns) {
      requestIds.forEach((id, i) => second.push(signInRequest(i, id)));
      addresses.forEach((d, i) => second.push(familiarAddressRequest(i, account.id, d.ipAddress as string, d.activityDateTime as string)));
    }
    if (initiators.length) second.push(userNamesRequest('initiators', initiators));
    // No MFA method: whether the user's sign-ins are already refused for it (50079) belongs to the same story.
    const noMethod = registration?.isMfaRegistered === false && readSignIns;
    if (noMethod) second.push(mfaRegistrationFailureRequest(account.id, request.now.toISOString()));
    const more = second.length ? await batchGet(tenant.client, second) : new Map<string, BatchResponse>();

    let signIns: RiskySignIn[] | undefined;
    const familiar = new Map<string, number>();
    if (readSignIns && second.length) {
      const parts = requestIds.map((_, i) => partOf<RiskySignIn>(more, `signIn-${i}`));
      const checks = addresses.map((_, i) => partOf<Page<{ id: string }>>(more, `familiar-${i}`));
      if ([...parts, ...checks].some((p) => 'refused' in p)) hidden.push(`The sign-ins that carried the risk not shown: they need ${roleList(rolesFor('signIns.read'))}.`);
      else if ([...parts, ...checks].some((p) => 'throttled' in p)) hidden.push('Some sign-ins not shown: Graph is throttling sign-in log reads; ask again in a minute.');
      signIns = parts.flatMap((p) => ('value' in p ? [p.value] : []));
      addresses.forEach((d, i) => {
        const check = checks[i];
        // The flagged sign-in itself is not evidence that the address is familiar.
        if ('value' in check) familiar.set(d.ipAddress as string, check.value.value.filter((s) => s.id !== d.requestId).length);
      });
    }
    const mfaPart = noMethod ? partOf<Page<{ createdDateTime?: string; appDisplayName?: string | null }>>(more, 'mfaRegistration') : undefined;
    const mfaFailure = mfaPart && 'value' in mfaPart ? mfaPart.value.value[0] : undefined;
    const names = new Map<string, string>();
    const namePart = initiators.length ? partOf<Page<DirectoryObjectRef>>(more, 'initiators') : undefined;
    for (const p of namePart && 'value' in namePart ? namePart.value.value : []) names.set(p.id.toLowerCase(), p.displayName ?? p.userPrincipalName ?? p.id);

    // Revoking and disabling also depend on the roles the user holds (src/mitigations/targetRules.ts).
    const onUser = (action: 'revokeSessions' | 'disable') =>
      tenant.mayActOn({ action, target: { kind: 'user', id: account.id, displayName: account.displayName ?? account.id } }).then((c) => c.allowed, () => false);
    const [riskWrite, revokeSessions, disable, signInRisk] = await Promise.all([
      may(mitigationPermission('confirmCompromised', 'user')),
      may(mitigationPermission('revokeSessions', 'user')).then(async (ok) => ok && (await onUser('revokeSessions'))),
      may(mitigationPermission('disable', 'user')).then(async (ok) => ok && (await onUser('disable'))),
      may(mitigationPermission('confirmSafe', 'signIn')),
    ]);
    const answer = riskUserAnswer({
      user: account,
      risk,
      history,
      detections,
      detectionWindow: window,
      openDetections: allOpen,
      signIns,
      familiar,
      registration,
      ...(mfaFailure?.createdDateTime ? { mfaRegistrationFailure: { at: mfaFailure.createdDateTime, app: mfaFailure.appDisplayName ?? undefined } } : {}),
      names,
      hidden,
      askedLevel: entityOf(request.understanding, 'riskLevel')?.value,
      may: { riskWrite, revokeSessions, disable, signInRisk },
      rolesToAct: {
        riskWrite: roleList(rolesFor(mitigationPermission('dismiss', 'user'))),
        revokeSessions: roleList(rolesFor(mitigationPermission('revokeSessions', 'user'))),
        disable: roleList(rolesFor(mitigationPermission('disable', 'user'))),
      },
      now: request.now,
    });
    return { kind: 'card', template: 'riskUser', data: answer.model, summary: answer.summary, ...(answer.actions.length ? { actions: answer.actions } : {}) };
  },
});

/**
 * Issue #5: why did this sign-in fail, and what do I do? The story of a turn: check the asker may read sign-in
 * logs → find the subject (user, app, or request id) → read its sign-ins with server-side filters → diagnose →
 * add the evidence the diagnosis calls for (the blocking policy, who disabled the account, risk detections) →
 * answer model. `signin.list` shows the sign-ins; `docs.answer` with an error code explains the code.
 */
import type { TenantSession } from '../../graph/sessions';
import { ENDPOINT_PERMISSIONS, type PermissionKey, type RoleName } from '../../graph/permissions';
import {
  accountDisabledChanges,
  appRegistrationCredentials,
  policyAndUserSummary,
  lastSuccessfulSignIn,
  namedLocations,
  querySignIns,
  readRefusal,
  riskDetectionsOfUser,
  signInsAndProfile,
  signInsById,
  userSummary,
  type SignIn,
  type SignInPage,
  type SignInQuery,
  type UserSummary,
} from '../../graph/signInQueries';
import { entityOf, type Entity } from '../../understanding/types';
import { ERRORS_IN_WORDS } from '../../understanding/entities/catalogues';
import { answerFromKnowledge, buildRoleAnswer } from '../conceptAnswer';
import { roleNoteFor } from '../../knowledge/roles';
import { notYetAnsweredSkill } from '../notYetAnswered';
import type { SkillAnswer, SkillRequest } from '../types';
import { mayRead, rolesNeededAnswer } from '../common/access';
import { auditRowText } from '../common/auditText';
import { auditRequest, batchGet, namePeopleIn, type DirectoryAudit, type Page } from '../../graph/directoryQueries';
import { defineSkill } from '../common/defineSkill';
import { appCredentialPattern, isCredentialFailure } from './appCredentialEvidence';
import { blockingPolicyOf, diagnose } from './diagnosis';
import { buildDiagnosisAnswer, type DiagnosisSubject, type Findings } from './diagnosisAnswer';
import { buildErrorCodeAnswer, buildErrorCodeComparison, errorCodesIn } from './errorCodeAnswer';
import { buildListAnswer } from './listAnswer';
import { findPatterns } from './patterns';
import { settleWorkloadByFailures } from './workloadChoice';
import { passwordResetAnswer } from '../common/passwordReset';

const DAY_MS = 86_400_000;
/**
 * Sign-in logs are kept 30 days with P1/P2
 * (https://learn.microsoft.com/en-us/entra/identity/monitoring-health/reference-reports-data-retention):
 * the farthest back a last success can be.
 */
const RETENTION_DAYS = 30;
/** Bounds of every log read: pages of 100, at most three of them for a user, two for an app. */
const USER_READ = { pageSize: 100, maxPages: 3 };
const APP_READ = { pageSize: 100, maxPages: 2 };

interface Window {
  start: string;
  end: string;
  label: string;
}

function windowOf(request: SkillRequest): Window {
  const range = entityOf(request.understanding, 'timeRange');
  const end = range?.end ?? request.now.toISOString();
  const start = range?.start ?? new Date(request.now.getTime() - 7 * DAY_MS).toISOString();
  const days = Math.round((Date.parse(end) - Date.parse(start)) / DAY_MS);
  const label = range && range.source !== 'default' && range.text.trim() ? range.text.trim() : `in the last ${days} day${days === 1 ? '' : 's'}`;
  return { start, end, label };
}

function errorCodeOf(request: SkillRequest): number | undefined {
  const value = entityOf(request.understanding, 'errorCode')?.value;
  return value && /^\d+$/.test(value) ? Number(value) : undefined;
}

function resolved(entity: Entity | undefined): Entity | undefined {
  return entity && entity.resolution === 'resolved' && entity.id ? entity : undefined;
}

/** Optional evidence: read only when the asker's roles allow it, and a refusal leaves it out rather than failing. */
async function optional<T>(tenant: TenantSession, key: PermissionKey, read: () => Promise<T>): Promise<T | undefined> {
  if (!(await mayRead(tenant, key))) return undefined;
  try {
    return await read();
  } catch (err) {
    if (readRefusal(err)) return undefined;
    throw err;
  }
}

/** Words that ask for the non-interactive log explicitly. */
const ASKS_FOR_BACKGROUND = /\bnon[- ]?interactive\b|\bbackground\b|\btoken refresh/i;

const retentionStart = (end: string) => new Date(Date.parse(end) - RETENTION_DAYS * DAY_MS).toISOString();

/** The failures of the app the admin named ("can't open the HR portal"), when there are any: the problem asked about. */
function ofNamedApp(signIns: SignIn[], app: Entity | undefined): SignIn[] {
  return app && failsIn(signIns, app) ? signIns.filter((s) => isOf(s, app)) : signIns;
}

/** The device platform the admin's words name ("on her iPhone", "his android"), as a test of a sign-in's OS. */
const PLATFORMS: Array<[RegExp, RegExp]> = [
  [/\b(?:iphone|ipad|ios)\b/i, /^ios\b/i],
  [/\bandroid\b/i, /^android\b/i],
  [/\b(?:mac|macbook|macos|imac)\b/i, /^mac/i],
  [/\b(?:windows|pc)\b/i, /^windows\b/i],
  [/\b(?:phone|mobile|cell)\b/i, /^(?:ios|android)\b/i],
];
function platformNamed(text: string): RegExp | undefined {
  // "I've got Ethan on the phone": a call with the help desk, not the device that fails.
  const device = text.replace(/\b(?:on|over) the (?:phone|line|call)\b(?! (?:app|apps|device))/gi, ' ');
  return PLATFORMS.find(([words]) => words.test(device))?.[1];
}
const onPlatform = (s: SignIn, platform: RegExp) => platform.test(s.deviceDetail?.operatingSystem ?? '');
const failsOn = (signIns: SignIn[], platform: RegExp) => signIns.some((s) => s.status.errorCode !== 0 && onPlatform(s, platform));
/** The sign-ins on the platform the admin named, when any of them failed: the problem asked about. */
function onNamedPlatform(signIns: SignIn[], platform: RegExp | undefined): SignIn[] {
  return platform && failsOn(signIns, platform) ? signIns.filter((s) => onPlatform(s, platform)) : signIns;
}

/** The error the admin named in words ("a password expired error", "locked out"), when one is. */
function errorNamed(text: string): number | undefined {
  const lower = text.toLowerCase();
  return ERRORS_IN_WORDS.find(([words]) => words.test(lower))?.[1];
}
const failsWith = (signIns: SignIn[], code: number) => signIns.some((s) => s.status.errorCode === code);
/** The named error's failures and the successes, when that error occurred: the problem asked about. */
function withNamedError(signIns: SignIn[], code: number | undefined): SignIn[] {
  return code !== undefined && failsWith(signIns, code) ? signIns.filter((s) => s.status.errorCode === code || s.status.errorCode === 0) : signIns;
}

const isOf = (s: SignIn, app: Entity) => (app.appId !== undefined && s.appId === app.appId) || (s.appDisplayName ?? '').toLowerCase().includes((app.displayName ?? app.value ?? app.text).toLowerCase());
const failsIn = (signIns: SignIn[], app: Entity) => signIns.some((s) => s.status.errorCode !== 0 && isOf(s, app));

/**
 * Reads one person's interactive sign-ins (unless `interactive` holds them already), and the background ones when
 * asked or when nothing failed interactively.
 */
async function userSignIns(client: TenantSession['client'], query: SignInQuery, askedBackground: boolean, interactive?: SignInPage) {
  interactive ??= await querySignIns(client, query);
  let signIns = interactive.signIns;
  let truncated = interactive.truncated;
  const eventTypesRead = ['interactive'];
  if (askedBackground || !diagnose(signIns).latestFailure) {
    const background = await querySignIns(client, { ...query, eventType: 'nonInteractiveUser', maxPages: 1 });
    if (askedBackground || background.signIns.some((s) => s.status.errorCode !== 0)) {
      signIns = [...signIns, ...background.signIns];
      truncated ||= background.truncated;
      eventTypesRead.push('non-interactive');
    }
  }
  return { signIns, truncated, eventTypesRead };
}

async function troubleshoot(request: SkillRequest, tenant: TenantSession): Promise<SkillAnswer> {
  const client = tenant.client;
  let window = windowOf(request);
  const code = errorCodeOf(request);
  const requestId = entityOf(request.understanding, 'requestId')?.value;
  const user = resolved(entityOf(request.understanding, 'user'));
  const app = resolved(entityOf(request.understanding, 'app'));
  let subject: DiagnosisSubject;
  let signIns: SignIn[];
  let truncated = false;
  const eventTypesRead: string[] = [];
  let profile: (() => UserSummary | undefined) | undefined;

  if (requestId) {
    signIns = await signInsById(client, requestId);
    if (signIns.length === 0) {
      return { kind: 'text', text: `I found no sign-in with the request or correlation id ${requestId} in the last ${RETENTION_DAYS} days of the log. Check the id (the error page shows both), or ask about the person instead.` };
    }
    const first = signIns[0];
    eventTypesRead.push('matching');
    subject = first.userId
      ? { kind: 'request', label: first.userDisplayName ?? first.userPrincipalName ?? first.userId, userId: first.userId, userPrincipalName: first.userPrincipalName ?? undefined, requestId }
      : { kind: 'app', label: first.appDisplayName ?? first.servicePrincipalName ?? 'app', appId: first.appId ?? undefined, requestId };
  } else if (user) {
    subject = { kind: 'user', label: user.displayName ?? user.text, userId: user.id, userPrincipalName: user.userPrincipalName };
    const query: SignInQuery = { userId: user.id!, start: window.start, end: window.end, errorCode: code, ...USER_READ };
    // Background token refreshes (a phone's mail app) fail too: read them when the question asks for them, or when
    // the interactive log shows nothing wrong.
    const asked = ASKS_FOR_BACKGROUND.test(request.understanding.text);
    // The person's profile comes with the first page of their sign-ins: one round trip for both.
    const first = await signInsAndProfile(client, { ...query, userId: user.id! });
    profile = first.profile;
    let read = await userSignIns(client, query, asked, first.page);
    // Nothing failed in the default week: the problem the admin reports may be older, so the whole log is read.
    // So is a problem with the app the admin named when that app did not fail this week.
    const defaultWindow = entityOf(request.understanding, 'timeRange')?.source !== 'message';
    // So is a problem on the device the admin named ("mail on her iPhone") when nothing failed there this week.
    const namedApp = entityOf(request.understanding, 'app');
    const platform = platformNamed(request.understanding.text);
    // So is an error the admin named in words ("had a password expired error - when?") that did not occur this week.
    const namedError = code === undefined ? errorNamed(request.understanding.text) : undefined;
    // With no sign-in at all this week, earlier failures the person got past still tell what they ran into.
    const quietWeek = read.signIns.length === 0;
    const fitsAsked = (list: SignIn[]) =>
      namedApp ? failsIn(list, namedApp) : platform ? failsOn(list, platform) : namedError !== undefined ? failsWith(list, namedError) : diagnose(list).latestFailure !== undefined || (quietWeek && list !== read.signIns && diagnose(list).interrupted.length > 0);
    // Only an error found by reading further back becomes the whole story; one this week stays among the others
    // (a lockout after a password spray is told with the spray).
    let widenedForError = false;
    if (defaultWindow && (!diagnose(read.signIns).latestFailure || !fitsAsked(read.signIns))) {
      const start = retentionStart(window.end);
      const wider = await userSignIns(client, { ...query, start }, asked);
      if (fitsAsked(wider.signIns)) {
        read = wider;
        widenedForError = namedError !== undefined && !namedApp && !platform;
        const missing = namedApp ? `no ${namedApp.displayName ?? namedApp.value ?? namedApp.text} failure` : platform && diagnose(read.signIns).latestFailure ? 'no failure on that device' : namedError !== undefined ? `no ${namedError} failure` : 'nothing failed';
        window = { start, end: window.end, label: `in the last ${RETENTION_DAYS} days (${missing} in the last week)` };
      }
    }
    signIns = withNamedError(onNamedPlatform(ofNamedApp(read.signIns, entityOf(request.understanding, 'app')), platform), widenedForError ? namedError : undefined);
    truncated = read.truncated;
    eventTypesRead.push(...read.eventTypesRead);
  } else if (app) {
    subject = { kind: 'app', label: app.displayName ?? app.text, appId: app.appId };
    const query: SignInQuery = { appId: app.appId!, start: window.start, end: window.end, errorCode: code, eventType: 'servicePrincipal', ...APP_READ };
    let page = await querySignIns(client, query);
    eventTypesRead.push('service principal');
    if (page.signIns.length === 0) {
      page = await querySignIns(client, { ...query, eventType: undefined });
      eventTypesRead.splice(0, 1, 'interactive');
    }
    signIns = page.signIns;
    truncated = page.truncated;
  } else {
    return { kind: 'text', text: 'Whose sign-ins should I look at? Name the person (or their sign-in name), the app, or paste the request or correlation id from the error page.' };
  }

  const caVisible = await withConditionalAccessRights(tenant, signIns);
  signIns = caVisible.signIns;

  let diagnosis = diagnose(signIns);
  const userId = subject.userId;
  if (userId && diagnosis.latestFailure && !diagnosis.lastSuccess) {
    const before = diagnosis.latestFailure.createdDateTime;
    const earlier = await lastSuccessfulSignIn(client, userId, before, retentionStart(window.end));
    diagnosis = diagnose(signIns, earlier);
  } else if (userId && !diagnosis.lastSuccess) {
    diagnosis = diagnose(signIns, await lastSuccessfulSignIn(client, userId, window.end, retentionStart(window.end)));
  }

  const latest = diagnosis.latestFailure;
  const blocker = latest && blockingPolicyOf(latest);
  // The blocking policy and the person's profile do not depend on each other: one round trip for both, unless the
  // profile came with the sign-ins.
  const policyId = blocker && (await mayRead(tenant, 'conditionalAccess.read')) ? blocker.id : undefined;
  const { policy: blockingPolicy, user: person } = await policyAndUserSummary(client, policyId, userId, tenant.policies, profile);
  const locationIds = blockingPolicy?.conditions?.locations?.includeLocations ?? [];
  const blockedCountries = locationIds.length
    ? (await optional(tenant, 'conditionalAccess.read', () => namedLocations(client, locationIds)))?.flatMap((l) => l.countriesAndRegions ?? [])
    : undefined;
  const patterns = findPatterns(diagnosis.failures, { blockingPolicy, blockedCountries });
  // An app that cannot authenticate any more: which of its secrets or certificates is behind the failures.
  if (subject.kind === 'app' && subject.appId && latest && isCredentialFailure(latest.status.errorCode)) {
    const registration = await optional(tenant, 'applications.read', () => appRegistrationCredentials(client, subject.appId!));
    if (registration) patterns.push(appCredentialPattern(subject.label, registration, request.now));
  }

  let disabledBy: Findings['disabledBy'];
  if (userId && (patterns.some((p) => p.kind === 'accountDisabled') || person?.accountEnabled === false)) {
    const changes = await optional(tenant, 'directoryAudits.read', () => accountDisabledChanges(client, userId, retentionStart(window.end)));
    const change = changes?.[0];
    if (change) {
      const initiator = change.initiatedBy?.user;
      const name = initiator?.displayName ?? (initiator?.id ? (await userSummary(client, initiator.id))?.displayName : undefined);
      disabledBy = { by: name ?? initiator?.userPrincipalName ?? change.initiatedBy?.app?.displayName ?? 'unknown', at: change.activityDateTime, activity: change.activityDisplayName, ...(initiator?.id ? { byId: initiator.id } : {}) };
    }
  }
  const risky = patterns.some((p) => ['passwordSpray', 'lockout', 'blockedLocation'].includes(p.kind)) || (latest?.riskLevelDuringSignIn ?? 'none') !== 'none';
  const riskDetections = userId && risky ? await optional(tenant, 'riskDetections.read', () => riskDetectionsOfUser(client, userId, window.start)) : undefined;
  // An account under attack: what changed on it lately (a new group, a reset) is part of the story, folded.
  const recentChanges = userId && risky ? await optional(tenant, 'directoryAudits.read', () => recentChangesTo(client, userId, retentionStart(window.end), request.now)) : undefined;

  return buildDiagnosisAnswer({
    subject,
    windowLabel: requestId ? 'for this request' : window.label,
    window,
    diagnosis,
    patterns,
    user: person,
    blockingPolicy,
    blockedCountries,
    conditionalAccessVisible: caVisible.allowed,
    conditionalAccessRoles: caVisible.neededRoles,
    disabledBy,
    riskDetections,
    recentChanges,
    eventTypesRead,
    truncated,
  });
}

/** The newest changes the audit log holds about one account, people named, as card rows. */
async function recentChangesTo(client: TenantSession['client'], userId: string, start: string, now: Date): Promise<string[]> {
  const responses = await batchGet(client, [auditRequest('changes', { start }, { anyTarget: [userId] })]);
  const response = responses.get('changes');
  if (!response || response.status >= 300) return [];
  const entries = ((response.body as Page<DirectoryAudit>).value ?? []).slice(0, RECENT_CHANGES);
  await namePeopleIn(client, entries);
  return entries.map((a) => auditRowText(a, now));
}

/** Recent account changes shown in an attack story. */
const RECENT_CHANGES = 5;

/** Without the Conditional Access read roles, sign-ins are shown as Graph would show them: without policy details. */
async function withConditionalAccessRights(tenant: TenantSession, signIns: SignIn[]): Promise<{ signIns: SignIn[]; allowed: boolean; neededRoles: RoleName[] }> {
  const decision = await tenant.authorize('signIns.conditionalAccessDetails');
  return {
    signIns: decision.allowed ? signIns : signIns.map(({ appliedConditionalAccessPolicies: _hidden, ...rest }) => rest),
    allowed: decision.allowed,
    neededRoles: decision.neededRoles,
  };
}

async function listSignIns(request: SkillRequest, tenant: TenantSession): Promise<SkillAnswer> {
  const client = tenant.client;
  const window = windowOf(request);
  const user = resolved(entityOf(request.understanding, 'user'));
  const app = resolved(entityOf(request.understanding, 'app'));
  const code = errorCodeOf(request);
  const background = ASKS_FOR_BACKGROUND.test(request.understanding.text);
  const query: SignInQuery = {
    userId: user?.id,
    appId: user ? undefined : app?.appId,
    start: window.start,
    end: window.end,
    errorCode: code,
    pageSize: 50,
    maxPages: 1,
    ...(background ? { eventType: 'nonInteractiveUser' as const } : {}),
  };
  const page = await querySignIns(client, query);
  const { signIns } = await withConditionalAccessRights(tenant, page.signIns);
  return buildListAnswer({
    label: user?.displayName ?? app?.displayName ?? 'everyone',
    userId: user?.id,
    userPrincipalName: user?.userPrincipalName,
    windowLabel: window.label,
    window,
    signIns,
    truncated: page.truncated,
    eventTypesRead: [background ? 'non-interactive' : 'interactive'],
  });
}

const WHAT = 'sign-in logs';

/** The refusal also names the least privileged role that reads sign-in logs. */
function signInRolesNeeded(roles: readonly RoleName[]): SkillAnswer {
  return rolesNeededAnswer(WHAT, roles, 'Reports Reader is the least privileged for sign-in logs');
}

function unlicensedAnswer(): SkillAnswer {
  return {
    kind: 'text',
    text: 'This tenant cannot give out its sign-in logs through Microsoft Graph: that needs a Microsoft Entra ID P1 or P2 licence. The sign-in log is still visible in the Entra admin center for the last 7 days.',
  };
}

/** A question about what a role lets its holders do, not about who holds it. */
const ASKS_WHAT_A_ROLE_DOES = /\bwhat (?:can|could|may|does|do)\b.{0,60}\b(?:do|change|manage|see|access|allow|grant|permit|cover|let)\b|\b(?:allowed|able|permitted) to\b|\bpermissions?\b|\brights\b|\bcapabilit|\bwhat (?:is|'s) (?:an? |the |that |this )?[\w ]{0,40}\bfor\b/i;

export const signInSkill = defineSkill({
  name: 'signIns',
  version: '1',
  intents: ['signin.troubleshoot', 'signin.list', 'docs.answer'],
  what: WHAT,
  needs: 'signIns.read',
  // "What does AADSTS50076 mean?" needs no tenant; a question naming a person is a troubleshooting one.
  askedBeforeTenant: true,
  async asked(request) {
    // "reset bob kelly's password": how to, on that person's page.
    if (request.understanding.intent === 'docs.answer' && entityOf(request.understanding, 'action')?.value === 'resetPassword') {
      const user = entityOf(request.understanding, 'user');
      return { answer: passwordResetAnswer(user?.id ? { id: user.id, displayName: user.displayName ?? user.text } : undefined) };
    }
    const aboutSomeone = ['user', 'requestId'].some((type) => entityOf(request.understanding, type as 'user' | 'requestId'));
    if (request.understanding.intent !== 'docs.answer' || aboutSomeone) return undefined;
    const code = errorCodeOf(request);
    // "50074 vs 50079?": two codes are compared side by side.
    const codes = errorCodesIn(request.understanding.text);
    if (codes.length >= 2) return { answer: buildErrorCodeComparison(codes[0], codes[1]) };
    if (code !== undefined) return { answer: buildErrorCodeAnswer(code) };
    // "What can a Security Administrator do?", "what's that role allowed to do?": the role, from the message or the thread.
    const role = entityOf(request.understanding, 'role');
    const note = role && ASKS_WHAT_A_ROLE_DOES.test(request.understanding.text) ? roleNoteFor(role.displayName ?? role.value ?? role.text) : undefined;
    if (note) return { answer: buildRoleAnswer(note) };
    return { answer: answerFromKnowledge(request.understanding.text) ?? (await notYetAnsweredSkill.answer(request)) };
  },
  // A workload word that names several apps ("our nightly sync job"): the one whose own sign-ins fail is meant.
  settle: (request) => settleWorkloadByFailures(request, windowOf(request)),
  refused: (_key, decision) => signInRolesNeeded(decision.neededRoles),
  refusedByGraph(err, _context, decision) {
    const refusal = readRefusal(err);
    if (refusal === 'unlicensed') return unlicensedAnswer();
    // With the asker's own token Graph checks the roles, so the needed roles come from the permission table.
    if (refusal === 'forbidden') return signInRolesNeeded(decision?.neededRoles.length ? decision.neededRoles : ENDPOINT_PERMISSIONS['signIns.read'].roles);
    return undefined;
  },
  answer: ({ request, tenant }) => (request.understanding.intent === 'signin.list' ? listSignIns(request, tenant) : troubleshoot(request, tenant)),
});

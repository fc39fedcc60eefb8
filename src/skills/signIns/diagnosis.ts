/**
 * The diagnosis of a user's (or an app's) sign-ins, as pure functions over the log entries: which attempts really
 * failed and which were only interrupted, counts by error code, the latest failure, the last success, and what
 * differs between them. No I/O: the skill reads, this decides.
 */
import type { AppliedPolicy, SignIn } from '../../graph/signInQueries';
import { errorCodeInfo, isInterruptCode } from '../../knowledge/errorCodes';
import { operatingSystemLabel } from '../../cards/labels';

export interface FailureCount {
  code: number;
  title: string;
  count: number;
}

export interface Difference {
  aspect: string;
  failing: string;
  lastSuccess: string;
}

/** Read-only: one diagnosis of a list is shared by every caller that asks about that list (see diagnose). */
export interface Diagnosis {
  /** Every entry read, newest first. */
  readonly signIns: readonly SignIn[];
  /** Failures that no success followed: the real problems. */
  readonly failures: readonly SignIn[];
  /** Failures a success followed (MFA prompts, "stay signed in?", silent sign-in without session...). */
  readonly interrupted: readonly SignIn[];
  readonly countsByCode: readonly FailureCount[];
  readonly latestFailure?: SignIn;
  readonly lastSuccess?: SignIn;
  readonly differences: readonly Difference[];
}

/** An interrupt counts as followed by success when one arrives within this time for the same app. */
const INTERRUPT_FOLLOW_UP_MS = 15 * 60_000;

const time = (s: SignIn) => Date.parse(s.createdDateTime);
export const isSuccess = (s: SignIn) => s.status?.errorCode === 0;

/** Whether a success followed the failure: same correlation id (same session), or, for interrupt codes, the same app soon after. */
export function followedBySuccess(failure: SignIn, successes: readonly SignIn[]): boolean {
  const at = time(failure);
  return successes.some((s) => {
    if (time(s) < at) return false;
    if (failure.correlationId && s.correlationId === failure.correlationId) return true;
    return isInterruptCode(failure.status.errorCode) && s.appId === failure.appId && time(s) - at <= INTERRUPT_FOLLOW_UP_MS;
  });
}

export function countByCode(failures: readonly SignIn[]): FailureCount[] {
  const counts = new Map<number, number>();
  for (const f of failures) counts.set(f.status.errorCode, (counts.get(f.status.errorCode) ?? 0) + 1);
  return [...counts.entries()]
    .map(([code, count]) => ({ code, count, title: errorCodeInfo(code).title }))
    .sort((a, b) => b.count - a.count || a.code - b.code);
}

/**
 * The policy that stopped a sign-in. Several can fail at once (an MFA policy and a block); the block decides, so
 * a policy enforcing Block comes first.
 */
export function blockingPolicyOf(s: SignIn): AppliedPolicy | undefined {
  const failed = (s.appliedConditionalAccessPolicies ?? []).filter((p) => p.result === 'failure');
  return failed.find((p) => (p.enforcedGrantControls ?? []).some((c) => c.toLowerCase() === 'block')) ?? failed[0];
}

const yesNo = (value: boolean | null | undefined) => (value === true ? 'yes' : value === false ? 'no' : 'unknown');

export function placeOf(s: SignIn): string {
  const l = s.location;
  return [l?.city, l?.countryOrRegion].filter(Boolean).join(', ');
}

/** What differs between a failing sign-in and the last successful one, aspect by aspect. */
export function compareWithSuccess(failing: SignIn, success: SignIn): Difference[] {
  const aspects: Array<[string, (s: SignIn) => string]> = [
    ['App', (s) => s.appDisplayName ?? ''],
    ['Client', (s) => s.clientAppUsed ?? ''],
    ['Operating system', (s) => operatingSystemLabel(s.deviceDetail?.operatingSystem)],
    ['Browser or client', (s) => s.deviceDetail?.browser ?? ''],
    ['Device compliant', (s) => yesNo(s.deviceDetail?.isCompliant)],
    ['Device managed', (s) => yesNo(s.deviceDetail?.isManaged)],
    ['Location', placeOf],
    ['IP address', (s) => s.ipAddress ?? ''],
  ];
  return aspects
    .map(([aspect, read]) => ({ aspect, failing: read(failing) || '—', lastSuccess: read(success) || '—' }))
    .filter((d) => d.failing !== d.lastSuccess);
}

/**
 * The diagnoses of lists already diagnosed without an earlier success, by list: the troubleshooting skill asks about
 * the same list of sign-ins up to four times a turn (is anything failing? does it fit what was asked? …), at about
 * 20 µs each for a week of one person's sign-ins (docs/bench.md, "Session 9"). A list read from Graph is never
 * changed afterwards (the skill builds a new list to add or filter entries), and a diagnosis is read-only.
 */
const diagnosedLists = new WeakMap<readonly SignIn[], Diagnosis>();

/**
 * Diagnoses entries read newest first. `earlierSuccess` is the user's last success found outside the window
 * (when the window holds none).
 */
export function diagnose(signIns: readonly SignIn[], earlierSuccess?: SignIn): Diagnosis {
  if (earlierSuccess) return diagnoseList(signIns, earlierSuccess);
  let diagnosis = diagnosedLists.get(signIns);
  if (!diagnosis) {
    diagnosis = diagnoseList(signIns, undefined);
    diagnosedLists.set(signIns, diagnosis);
  }
  return diagnosis;
}

function diagnoseList(signIns: readonly SignIn[], earlierSuccess: SignIn | undefined): Diagnosis {
  const sorted = [...signIns].sort((a, b) => time(b) - time(a));
  const successes = sorted.filter(isSuccess);
  const failed = sorted.filter((s) => !isSuccess(s));
  const failures = failed.filter((f) => !followedBySuccess(f, successes));
  const interrupted = failed.filter((f) => followedBySuccess(f, successes));
  const latestFailure = failures[0];
  const lastSuccess = successes[0] ?? earlierSuccess;
  return {
    signIns: sorted,
    failures,
    interrupted,
    countsByCode: countByCode(failures),
    latestFailure,
    lastSuccess,
    differences: latestFailure && lastSuccess ? compareWithSuccess(latestFailure, lastSuccess) : [],
  };
}

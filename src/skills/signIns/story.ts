/**
 * The story a diagnosis tells, in the order an admin needs it: the conclusion in plain words (what happened, since
 * when), then the evidence. Built only from what the diagnosis already found (patterns, failures, successes, risk
 * detections); pure functions, no I/O.
 */
import { dateTimeLabel, riskEventTypeLabel } from '../../cards/labels';
import type { RiskDetection, SignIn } from '../../graph/signInQueries';
import { errorCodeInfo } from '../../knowledge/errorCodes';
import { blockingPolicyOf, isSuccess, type Diagnosis } from './diagnosis';
import type { Pattern } from './patterns';

export interface Story {
  /** The password was right from an address that failed only at MFA: reset it first. */
  passwordKnown?: boolean;
  /** One short line: the conclusion. */
  headline: string;
  /** The few sentences that back it: since when, how, what stopped it. */
  lines: string[];
}

/** Codes of a sign-in stopped at the second factor: the first factor (the password) was right. */
const MFA_STOP_CODES = new Set([50074, 50076, 500121]);
const RISK_ORDER = ['high', 'medium', 'low'];

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : /s$/.test(word) ? 'es' : 's'}`;
const distinct = (values: Array<string | null | undefined>) => [...new Set(values.filter((v): v is string => Boolean(v)))];
const oldest = (entries: readonly SignIn[]) => entries[entries.length - 1];

/** The highest open risk among the detections, with the detections at that level. */
function topRisk(detections: readonly RiskDetection[]): { level: string; types: string[] } | undefined {
  const open = detections.filter((d) => d.riskState === 'atRisk' || d.riskState === 'confirmedCompromised');
  for (const level of RISK_ORDER) {
    const at = open.filter((d) => d.riskLevel === level);
    if (at.length) return { level, types: distinct(at.map((d) => d.riskEventType)) };
  }
  return undefined;
}

function riskLine(detections: readonly RiskDetection[] | undefined, who: string): string | undefined {
  const risk = topRisk(detections ?? []);
  if (!risk) return undefined;
  return `Identity Protection rates ${who} ${risk.level} risk (${risk.types.map((type) => riskEventTypeLabel(type)).join(', ')}).`;
}

/** A password spray, told as an attack: how wide, since when, then the lockout, whether MFA held, the risk. */
function sprayStory(d: Diagnosis, who: string, detections: readonly RiskDetection[] | undefined): Story {
  const sprayed = d.failures.filter((f) => f.status.errorCode === 50126);
  const addresses = distinct(sprayed.map((f) => f.ipAddress));
  const countries = distinct(sprayed.map((f) => f.location?.countryOrRegion));
  const lockouts = d.failures.filter((f) => f.status.errorCode === 50053);
  const successAddresses = new Set(d.signIns.filter(isSuccess).map((s) => s.ipAddress));
  const attackerAddresses = new Set(distinct(d.failures.map((f) => f.ipAddress)).filter((ip) => !successAddresses.has(ip)));
  const stoppedAtMfa = d.failures.filter((f) => MFA_STOP_CODES.has(f.status.errorCode) && attackerAddresses.has(f.ipAddress ?? ''));
  const lines = [
    `Since ${dateTimeLabel(oldest(sprayed).createdDateTime)}: ${plural(sprayed.length, 'wrong password')} from ${plural(addresses.length, 'IP address')}${countries.length ? ` in ${countries.length} ${countries.length === 1 ? 'country' : 'countries'}` : ''}.`,
  ];
  if (lockouts.length) lines.push(`Then smart lockout locked the account: ${plural(lockouts.length, 'sign-in')} refused, the last at ${dateTimeLabel(lockouts[0].createdDateTime)}.`);
  const passedMfa = d.signIns.some((s) => isSuccess(s) && attackerAddresses.has(s.ipAddress ?? ''));
  if (!passedMfa) {
    const stopped = distinct(stoppedAtMfa.map((f) => f.ipAddress));
    lines.push(
      stopped.length
        ? `The attacker never passed MFA: the password was right from ${stopped.join(', ')}, and the MFA prompt stopped it, so treat the password as known.`
        : 'No attempt from these addresses succeeded.',
    );
  } else {
    lines.push('A sign-in from one of these addresses succeeded: treat the account as compromised.');
  }
  const risk = riskLine(detections, who);
  if (risk) lines.push(risk);
  return { passwordKnown: !passedMfa && stoppedAtMfa.length > 0, headline: `${who} is under attack: a password spray${lockouts.length ? ', then a lockout' : ''}`, lines };
}

/** The failure that explains the most: the most frequent real failure code, its first and latest occurrences. */
function failureStory(d: Diagnosis, who: string, windowLabel: string, detections: readonly RiskDetection[] | undefined): Story {
  const latest = d.latestFailure!;
  const info = errorCodeInfo(latest.status.errorCode);
  const sameCode = d.failures.filter((f) => f.status.errorCode === latest.status.errorCode);
  const blocker = blockingPolicyOf(latest);
  const app = latest.appDisplayName ? ` to ${latest.appDisplayName}` : '';
  const lines = [
    `Since ${dateTimeLabel(oldest(sameCode).createdDateTime)}: ${plural(sameCode.length, 'sign-in')} failed with ${latest.status.errorCode}${blocker ? `, blocked by "${blocker.displayName}"` : ''}; ${plural(d.failures.length, 'failure')} in all ${windowLabel}, the latest at ${dateTimeLabel(latest.createdDateTime)}.`,
  ];
  const risk = riskLine(detections, who);
  if (risk) lines.push(risk);
  return { headline: `${who}: sign-in${app} failing with ${latest.status.errorCode} (${info.title})`, lines };
}

export function storyOf(d: Diagnosis, patterns: readonly Pattern[], who: string, windowLabel: string, detections?: readonly RiskDetection[], accountDisabled = false): Story | undefined {
  if (!d.latestFailure) return undefined;
  const story = patterns.some((p) => p.kind === 'passwordSpray') ? sprayStory(d, who, detections) : failureStory(d, who, windowLabel, detections);
  // A disabled account whose latest failure is something else (a sign-in from a blocked country): both are the story.
  if (accountDisabled && d.latestFailure.status.errorCode !== 50057) story.lines.push(`The account is disabled, so any sign-in now fails with 50057 (${errorCodeInfo(50057).title}).`);
  return story;
}

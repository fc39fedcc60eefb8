/**
 * The words of the user risk answers: detections, sign-in results, reasons (the words shared with workload risk are in
 * riskText.ts). Every string from the tenant goes through `e()` (Markdown escaping) here or in the answer models,
 * never raw into a card.
 */
import { dateTimeLabel } from '../../cards/labels';
import type { RiskDetection, RiskySignIn } from '../../graph/riskQueries';
import { e, isOpen, levelText, riskReasons, stateText, typeName, whereText } from './riskText';

/** "2026-11-20 11:38 UTC". */
export function when(iso: string | null | undefined): string {
  return dateTimeLabel(iso, 'unknown time');
}

const TIMING: Record<string, string> = { realtime: 'real-time', nearRealtime: 'near real-time', offline: 'offline' };
const ACTIVITY: Record<string, string> = { signin: 'sign-in', user: 'user activity', servicePrincipal: 'service principal' };

/** The detection's reasons from additionalInfo ("UnfamiliarIP, UnfamiliarLocation" → "unfamiliar IP, location"). */
export function reasonsOf(d: RiskDetection): string {
  const reasons = riskReasons(d.additionalInfo);
  if (!reasons) return '';
  const words = reasons.split(',')
    .map((r) => r.trim())
    .filter(Boolean)
    .map((r) => (r.startsWith('Unfamiliar') ? r.slice('Unfamiliar'.length) : r))
    .map((r) => (/^[A-Z]{2,}$/.test(r) ? r : r.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()));
  if (words.length === 0) return '';
  return reasons.includes('Unfamiliar') ? `unfamiliar ${words.join(', ')}` : words.join(', ');
}

/**
 * One detection on one line: "Password spray — high, at risk · 2026-11-17 09:40 UTC · 192.0.2.145 (São Paulo, BR) ·
 * offline, sign-in, IdentityProtection".
 */
export function detectionText(d: RiskDetection): string {
  const head = `${e(typeName(d.riskEventType))} — ${levelText(d.riskLevel)}, ${stateText(d.riskState)}`;
  const where = whereText(d.ipAddress, d.location);
  const detected = d.detectedDateTime ? `detected ${when(d.detectedDateTime)}` : '';
  const activity = d.activityDateTime && when(d.activityDateTime) !== when(d.detectedDateTime) ? `activity ${when(d.activityDateTime)}` : '';
  const how = [TIMING[d.detectionTimingType ?? ''] ?? d.detectionTimingType, ACTIVITY[d.activity ?? ''] ?? d.activity, d.source].filter(Boolean).map(e).join(', ');
  const reasons = reasonsOf(d);
  const newsworthy = reasons && reasons !== typeName(d.riskEventType).toLowerCase();
  // Graph's own values beside the words, for searching logs and KQL by them.
  const api = [d.riskEventType, d.riskState].filter(Boolean).join(', ');
  return [head, detected, activity, where, how, newsworthy ? e(reasons) : '', api ? `Graph: ${e(api)}` : ''].filter(Boolean).join(' · ');
}

/** Newest detection first (by when Identity Protection detected it, then by the activity). */
export function newestFirst(a: RiskDetection, b: RiskDetection): number {
  return (b.detectedDateTime ?? '').localeCompare(a.detectedDateTime ?? '') || (b.activityDateTime ?? '').localeCompare(a.activityDateTime ?? '');
}

/** Codes that say the password was right and only the second factor stopped the sign-in. */
const PASSED_PASSWORD = new Set([50074, 50076, 50079, 50158, 53004]);

export type SignInOutcome = 'succeeded' | 'passwordAccepted' | 'failed' | 'unknown';

export function outcomeOf(s: RiskySignIn): SignInOutcome {
  const code = s.status?.errorCode;
  if (code === 0) return 'succeeded';
  if (typeof code !== 'number') return 'unknown';
  return PASSED_PASSWORD.has(code) ? 'passwordAccepted' : 'failed';
}

export function resultText(s: RiskySignIn): string {
  const code = s.status?.errorCode;
  if (code === 0) return 'succeeded';
  if (typeof code !== 'number') return 'result unknown';
  const reason = s.status?.failureReason ? `: ${e(s.status.failureReason)}` : '';
  return outcomeOf(s) === 'passwordAccepted' ? `password accepted, stopped at MFA (${code}${reason})` : `failed (${code}${reason})`;
}

/** "2026-11-18 04:12 UTC · OfficeHome · 192.0.2.200 (São Paulo, BR) · password accepted, stopped at MFA (50074…)". */
export function signInText(s: RiskySignIn): string {
  const where = whereText(s.ipAddress, s.location);
  return [when(s.createdDateTime), e(s.appDisplayName ?? 'unknown app'), where, resultText(s)].filter(Boolean).join(' · ');
}

/**
 * The open detections, newest first: those read apart (when a time window narrowed the list) or else the open ones
 * of the list. One definition for the skill (which sign-ins to read) and the answer (what to advise).
 */
export function openOf(detections: readonly RiskDetection[], readApart: readonly RiskDetection[] | undefined): RiskDetection[] {
  return readApart ? [...readApart].sort(newestFirst) : [...detections].filter((d) => isOpen(d.riskState)).sort(newestFirst);
}

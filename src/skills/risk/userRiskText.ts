/**
 * The words of the risk answers: levels, states, detection types, places and sign-in results. Every string from the
 * tenant goes through `e()` (Markdown escaping) here or in the answer models, never raw into a card.
 */
import { escapeMarkdown } from '../../cards/escape';
import { dateTimeLabel, riskEventTypeLabel, riskLevelLabel } from '../../cards/labels';
import type { RiskDetection, RiskLocation, RiskySignIn } from '../../graph/riskQueries';
import { riskDetailText, riskStateText } from '../../knowledge/riskTypes';

export const e = escapeMarkdown;

/** States in which a user's risk is open: the admin (or the user) still has something to do. */
export const OPEN_STATES: readonly string[] = ['atRisk', 'confirmedCompromised'];

export function isOpen(state: string | null | undefined): boolean {
  return OPEN_STATES.includes(state ?? '');
}

/** high → medium → low → the rest: the order of every risk list. */
export function levelRank(level: string | null | undefined): number {
  const rank = ['high', 'medium', 'low'].indexOf(level ?? '');
  return rank < 0 ? 3 : rank;
}

export function levelText(level: string | null | undefined): string {
  return riskLevelLabel(level);
}

export function stateText(state: string | null | undefined): string {
  return riskStateText(state);
}

/** The detail in plain words, or '' when there is none to tell. */
export function detailText(detail: string | null | undefined): string {
  return detail === 'hidden' ? 'hidden (needs Entra ID P2)' : riskDetailText(detail);
}

/** A detection type's name as the Entra admin center shows it ("Unfamiliar sign-in properties"). */
export function typeName(eventType: string): string {
  return riskEventTypeLabel(eventType);
}

/** "2026-11-20 11:38 UTC". */
export function when(iso: string | null | undefined): string {
  return dateTimeLabel(iso, 'unknown time');
}

export function placeText(location: RiskLocation | null | undefined): string {
  return [location?.city, location?.countryOrRegion].filter(Boolean).join(', ');
}

const TIMING: Record<string, string> = { realtime: 'real-time', nearRealtime: 'near real-time', offline: 'offline' };
const ACTIVITY: Record<string, string> = { signin: 'sign-in', user: 'user activity', servicePrincipal: 'service principal' };

/** The detection's reasons from additionalInfo ("UnfamiliarIP, UnfamiliarLocation" → "unfamiliar IP, location"). */
export function reasonsOf(d: RiskDetection): string {
  let pairs: unknown;
  try {
    pairs = JSON.parse(d.additionalInfo ?? '[]');
  } catch {
    return '';
  }
  if (!Array.isArray(pairs)) return '';
  const reasons = (pairs as unknown[]).find((p): p is { Key: string; Value: string } => {
    const pair = p as { Key?: unknown; Value?: unknown } | null | undefined;
    return pair?.Key === 'riskReasons' && typeof pair.Value === 'string';
  });
  if (!reasons) return '';
  const words = reasons.Value.split(',')
    .map((r) => r.trim())
    .filter(Boolean)
    .map((r) => (r.startsWith('Unfamiliar') ? r.slice('Unfamiliar'.length) : r))
    .map((r) => (/^[A-Z]{2,}$/.test(r) ? r : r.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()));
  if (words.length === 0) return '';
  return reasons.Value.includes('Unfamiliar') ? `unfamiliar ${words.join(', ')}` : words.join(', ');
}

/**
 * One detection on one line: "Password spray — high, at risk · 2026-11-17 09:40 UTC · 192.0.2.145 (São Paulo, BR) ·
 * offline, sign-in, IdentityProtection".
 */
export function detectionText(d: RiskDetection): string {
  const head = `${e(typeName(d.riskEventType))} — ${levelText(d.riskLevel)}, ${stateText(d.riskState)}`;
  const place = placeText(d.location);
  const where = d.ipAddress ? `${e(d.ipAddress)}${place ? ` (${e(place)})` : ''}` : place ? e(place) : '';
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
  const place = placeText(s.location);
  const where = s.ipAddress ? `${e(s.ipAddress)}${place ? ` (${e(place)})` : ''}` : e(place);
  return [when(s.createdDateTime), e(s.appDisplayName ?? 'unknown app'), where, resultText(s)].filter(Boolean).join(' · ');
}

/**
 * The open detections, newest first: those read apart (when a time window narrowed the list) or else the open ones
 * of the list. One definition for the skill (which sign-ins to read) and the answer (what to advise).
 */
export function openOf(detections: readonly RiskDetection[], readApart: readonly RiskDetection[] | undefined): RiskDetection[] {
  return readApart ? [...readApart].sort(newestFirst) : [...detections].filter((d) => isOpen(d.riskState)).sort(newestFirst);
}

/**
 * The words user risk and workload-identity risk share: levels, states, details, detection types, places and the
 * reasons Identity Protection gives. A level is "none" where it stands as a value ("risk none", a table cell) and
 * "no risk" where it qualifies the word risk ("at no risk"); both come from here so the two answers say it alike.
 */
import { escapeMarkdown } from '../../cards/escape';
import { riskEventTypeLabel, riskLevelLabel } from '../../cards/labels';
import type { RiskSubject } from '../../knowledge/riskTypes';
import { riskDetailText, riskStateText } from '../../knowledge/riskTypes';
import { OPEN_RISK_STATES } from '../../graph/workloadRiskQueries';

export const e = escapeMarkdown;

/** The levels a risk list counts and may be narrowed to, highest first. */
export const LEVELS: readonly string[] = ['high', 'medium', 'low'];

/** A risk is open in these states: the admin (or the user) still has something to do. */
export function isOpen(state: string | null | undefined): boolean {
  return (OPEN_RISK_STATES as readonly string[]).includes(state ?? '');
}

/** high → medium → low → the rest: the order of every risk list. */
export function levelRank(level: string | null | undefined): number {
  const rank = LEVELS.indexOf(level ?? '');
  return rank < 0 ? 3 : rank;
}

/** The level as a value: "high", "none", "hidden (needs Entra ID P2)". */
export function levelText(level: string | null | undefined): string {
  return riskLevelLabel(level);
}

/** The level qualifying the word risk: "high risk", "no risk". */
export function levelRiskText(level: string | null | undefined): string {
  return `${level && level !== 'none' ? level : 'no'} risk`;
}

export function stateText(state: string | null | undefined): string {
  return riskStateText(state);
}

/** The detail in plain words, or '' when there is none to tell (a user's hidden detail needs Entra ID P2). */
export function detailText(detail: string | null | undefined, subject: RiskSubject = 'user'): string {
  return detail === 'hidden' && subject === 'user' ? 'hidden (needs Entra ID P2)' : riskDetailText(detail);
}

/** A detection type's name as the Entra admin center shows it ("Unfamiliar sign-in properties"). */
export function typeName(eventType: string | null | undefined, subject: RiskSubject = 'user'): string {
  return riskEventTypeLabel(eventType, subject);
}

/** "São Paulo, BR" (not escaped). */
export function placeText(location: { city?: string | null; countryOrRegion?: string | null } | null | undefined): string {
  return [location?.city, location?.countryOrRegion].filter(Boolean).join(', ');
}

/** The "riskReasons" value Identity Protection gives in additionalInfo (a JSON string of {Key, Value} pairs), as is. */
export function riskReasons(additionalInfo: string | null | undefined): string | undefined {
  if (!additionalInfo) return undefined;
  let pairs: unknown;
  try {
    pairs = JSON.parse(additionalInfo);
  } catch {
    return undefined;
  }
  if (!Array.isArray(pairs)) return undefined;
  const reasons = pairs.find((p: { Key?: unknown } | null) => p?.Key === 'riskReasons') as { Value?: unknown } | undefined;
  return typeof reasons?.Value === 'string' && reasons.Value ? reasons.Value : undefined;
}

/** "192.0.2.145 (São Paulo, BR)", the address alone or the place alone, escaped; '' when neither is known. */
export function whereText(ipAddress: string | null | undefined, location: { city?: string | null; countryOrRegion?: string | null } | null | undefined): string {
  const place = placeText(location);
  return ipAddress ? `${e(ipAddress)}${place ? ` (${e(place)})` : ''}` : e(place);
}

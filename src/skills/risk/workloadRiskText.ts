/**
 * The words of the workload-identity risk answers: a detection with the credential it used, the risk history, a
 * credential's line. Every string from the tenant is escaped here, never raw into a card.
 */
import { escapeMarkdown } from '../../cards/escape';
import { riskEventTypeLabel } from '../../cards/labels';
import type { RiskyServicePrincipalHistoryItem, ServicePrincipalRiskDetection } from '../../graph/workloadRiskQueries';
import { riskDetailText, riskStateText } from '../../knowledge/riskTypes';
import type { AppCredential } from '../common/credentials';
import { ago, formatDate, formatWhen } from '../common/format';
import type { NamedCredential } from './workloadCredentials';

export const LEVEL_ORDER: Record<string, number> = { high: 0, medium: 1, low: 2 };
export const LEVELS = ['high', 'medium', 'low'] as const;

export function capitalised(text: string): string {
  return text ? text[0].toUpperCase() + text.slice(1) : text;
}

export function levelText(level: string | null | undefined): string {
  return level && level !== 'none' ? level : 'no';
}

export function typeName(eventType: string | null | undefined): string {
  return riskEventTypeLabel(eventType, 'servicePrincipal');
}

export function placeText(d: ServicePrincipalRiskDetection): string {
  const where = [d.location?.city, d.location?.countryOrRegion].filter(Boolean).join(', ');
  if (d.ipAddress && where) return `${d.ipAddress} (${where})`;
  return d.ipAddress ?? where;
}

/** The reasons Identity Protection gives in additionalInfo (a JSON string of {Key, Value} pairs). */
function riskReasons(d: ServicePrincipalRiskDetection): string | undefined {
  if (!d.additionalInfo) return undefined;
  try {
    const pairs = JSON.parse(d.additionalInfo) as unknown;
    if (!Array.isArray(pairs)) return undefined;
    const reasons = pairs.find((p: { Key?: unknown }) => p && p.Key === 'riskReasons') as { Value?: unknown } | undefined;
    return typeof reasons?.Value === 'string' && reasons.Value ? reasons.Value : undefined;
  } catch {
    return undefined;
  }
}

/** "48 minutes", "5 hours", "3 days": the gap between two instants, in the project's usual words. */
export function gapText(earlier: string, later: string): string {
  return ago(earlier, new Date(later)).replace(/ ago$/, '');
}

function usedCredentialsText(d: ServicePrincipalRiskDetection, known: ReadonlyMap<string, NamedCredential>): string {
  const keyIds = d.keyIds ?? [];
  if (keyIds.length === 0) return '';
  const labels = keyIds.map((k) => known.get(k.toLowerCase())?.label ?? `a credential no longer on the app (key ${k})`);
  return `, using the ${labels.join(' and the ')}`;
}

export function detectionText(d: ServicePrincipalRiskDetection, known: ReadonlyMap<string, NamedCredential>, now: Date): string {
  const where = placeText(d);
  const reasons = riskReasons(d);
  const detected = d.detectedDateTime ? `; detected ${formatDate(d.detectedDateTime)}` : '';
  return escapeMarkdown(
    `${formatWhen(d.activityDateTime, now)} — ${typeName(d.riskEventType)} (${levelText(d.riskLevel)} risk, ${riskStateText(d.riskState)})` +
      `${where ? ` from ${where}` : ''}${usedCredentialsText(d, known)}${reasons ? ` — "${reasons}"` : ''}${detected}` +
      `${d.riskEventType ? `; Graph: ${[d.riskEventType, d.riskState].filter(Boolean).join(', ')}` : ''}`,
  );
}

export function whoText(id: string | null | undefined, names: ReadonlyMap<string, string>): string {
  if (!id) return 'Identity Protection';
  return names.get(id.toLowerCase()) ?? `an administrator (object id ${id})`;
}

export function historyText(h: RiskyServicePrincipalHistoryItem, names: ReadonlyMap<string, string>, now: Date): string {
  const when = formatWhen(h.riskLastUpdatedDateTime, now);
  const detail = riskDetailText(h.riskDetail ?? h.activity?.detail);
  const types = (h.activity?.riskEventTypes ?? []).map(typeName);
  if (h.initiatedBy) {
    return escapeMarkdown(`${when} — ${riskStateText(h.riskState)} by ${whoText(h.initiatedBy, names)}${detail ? ` (${detail})` : ''}`);
  }
  return escapeMarkdown(`${when} — ${levelText(h.riskLevel)} risk, ${riskStateText(h.riskState)}${types.length ? `: ${types.join(', ')}` : ''}${detail ? ` (${detail})` : ''}`);
}

/** The latest admin action closing or confirming the risk, from the history. */
export function lastDecision(history: readonly RiskyServicePrincipalHistoryItem[]): RiskyServicePrincipalHistoryItem | undefined {
  return [...history].filter((h) => h.initiatedBy).sort((a, b) => Date.parse(b.riskLastUpdatedDateTime ?? '') - Date.parse(a.riskLastUpdatedDateTime ?? ''))[0];
}

export function credentialsText(c: AppCredential, used: boolean, now: Date): string {
  const kind = `${c.kind} "${escapeMarkdown(c.name)}"`;
  return `${kind} — ${c.state === 'expired' ? 'expired' : 'expires'} ${formatWhen(c.endDateTime, now)}${used ? ' — used in the risky activity' : ''}`;
}

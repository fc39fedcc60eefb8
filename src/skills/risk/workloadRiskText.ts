/**
 * The words of the workload-identity risk answers: a detection with the credential it used, the risk history, a
 * credential's line. Every string from the tenant is escaped here, never raw into a card.
 */
import { escapeMarkdown } from '../../cards/escape';
import type { RiskyServicePrincipalHistoryItem, ServicePrincipalRiskDetection } from '../../graph/workloadRiskQueries';
import type { AppCredential } from '../common/credentials';
import { ago, formatDate, formatWhen } from '../common/format';
import type { NamedCredential } from './workloadCredentials';
import { detailText, levelRiskText, placeText, riskReasons, stateText, typeName } from './riskText';

/** A workload detection type's name as the Entra admin center shows it. */
export function spTypeName(eventType: string | null | undefined): string {
  return typeName(eventType, 'servicePrincipal');
}

export function capitalised(text: string): string {
  return text ? text[0].toUpperCase() + text.slice(1) : text;
}

/** "192.0.2.7 (Dublin, IE)", not escaped: the whole line it goes into is escaped. */
export function whereOf(d: ServicePrincipalRiskDetection): string {
  const where = placeText(d.location);
  if (d.ipAddress && where) return `${d.ipAddress} (${where})`;
  return d.ipAddress ?? where;
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
  const where = whereOf(d);
  const reasons = riskReasons(d.additionalInfo);
  const detected = d.detectedDateTime ? `; detected ${formatDate(d.detectedDateTime)}` : '';
  return escapeMarkdown(
    `${formatWhen(d.activityDateTime, now)} — ${spTypeName(d.riskEventType)} (${levelRiskText(d.riskLevel)}, ${stateText(d.riskState)})` +
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
  const detail = detailText(h.riskDetail ?? h.activity?.detail, 'servicePrincipal');
  const types = (h.activity?.riskEventTypes ?? []).map(spTypeName);
  if (h.initiatedBy) {
    return escapeMarkdown(`${when} — ${stateText(h.riskState)} by ${whoText(h.initiatedBy, names)}${detail ? ` (${detail})` : ''}`);
  }
  return escapeMarkdown(`${when} — ${levelRiskText(h.riskLevel)}, ${stateText(h.riskState)}${types.length ? `: ${types.join(', ')}` : ''}${detail ? ` (${detail})` : ''}`);
}

/** The latest admin action closing or confirming the risk, from the history. */
export function lastDecision(history: readonly RiskyServicePrincipalHistoryItem[]): RiskyServicePrincipalHistoryItem | undefined {
  return [...history].filter((h) => h.initiatedBy).sort((a, b) => Date.parse(b.riskLastUpdatedDateTime ?? '') - Date.parse(a.riskLastUpdatedDateTime ?? ''))[0];
}

export function credentialsText(c: AppCredential, used: boolean, now: Date): string {
  const kind = `${c.kind} "${escapeMarkdown(c.name)}"`;
  return `${kind} — ${c.state === 'expired' ? 'expired' : 'expires'} ${formatWhen(c.endDateTime, now)}${used ? ' — used in the risky activity' : ''}`;
}

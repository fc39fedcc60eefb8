/**
 * One audit entry as "who did what to what and when", with the changed properties' old → new values made readable:
 * Graph carries them as JSON-encoded strings ("[\"true\"]", "\"Finance\"") that mean nothing to a reader as is.
 */
import { escapeMarkdown, escapePerson } from '../../cards/escape';
import type { DirectoryAudit, ModifiedProperty } from '../../graph/directoryQueries';
import { formatWhen } from './format';
import type { ChangeActor } from '../types';

/** Bookkeeping entries that only repeat which properties changed, or repeat as ids what the names already say. */
const NOISE = /^(?:Included Updated Properties|TargetId\.UserType)$|\.(?:ObjectID|TemplateId|WellKnownObjectName)$/;

/** A JSON-encoded value as plain words: arrays joined, strings unquoted, objects left as compact JSON. */
export function readableValue(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '(empty)';
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return value;
  }
  if (typeof parsed === 'string') {
    // Some values are JSON nested in a JSON string (a policy as JSON).
    if (/^[[{]/.test(parsed)) return readableValue(parsed);
    return parsed === '' ? '(empty)' : parsed;
  }
  if (Array.isArray(parsed)) return parsed.length ? parsed.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ') : '(empty)';
  if (parsed === null) return '(empty)';
  return typeof parsed === 'number' || typeof parsed === 'boolean' ? String(parsed) : JSON.stringify(parsed);
}

export function changeText(p: ModifiedProperty): string | undefined {
  if (!p.displayName || NOISE.test(p.displayName)) return undefined;
  const before = readableValue(p.oldValue);
  const after = readableValue(p.newValue);
  return before === '(empty)' ? `${p.displayName}: ${after}` : `${p.displayName}: ${before} → ${after}`;
}

/** "Pradeep Gupta (pradeep.gupta@contoso.com)": the name a person knows, the address beside it (escaped). */
function personText(person: { displayName?: string | null; userPrincipalName?: string | null }): string {
  return person.displayName || person.userPrincipalName ? escapePerson(person.displayName, person.userPrincipalName) : 'someone';
}

/** Who made an audited change, escaped for Markdown. */
export function initiatorName(a: DirectoryAudit): string {
  const user = a.initiatedBy?.user;
  if (user && (user.displayName || user.userPrincipalName)) return personText(user);
  const app = a.initiatedBy?.app;
  if (app && (app.displayName || app.servicePrincipalName)) return `the app ${escapeMarkdown(app.displayName ?? app.servicePrincipalName)}`;
  return 'someone';
}

/** "2026-11-18 09:14 UTC (2 days ago) — Miriam Graham: Update application – … on Payroll Connector (KeyDescription: a → b)", escaped. */
export function auditRowText(a: DirectoryAudit, now: Date): string {
  const targets = (a.targetResources ?? []).map((t) => (t.type === 'User' && (t.displayName || t.userPrincipalName) ? personText(t) : escapeMarkdown(t.displayName || t.userPrincipalName || t.id || ''))).filter(Boolean);
  const changes = (a.targetResources ?? []).flatMap((t) => (t.modifiedProperties ?? []).map(changeText)).filter((c): c is string => Boolean(c));
  const failed = a.result && a.result !== 'success' ? ` [${escapeMarkdown(a.result)}]` : '';
  const detail = `${changes.length ? ` (${changes.join('; ')})` : ''}${a.resultReason ? ` — "${a.resultReason}"` : ''}`;
  return `${formatWhen(a.activityDateTime, now)} — ${initiatorName(a)}: ${escapeMarkdown(a.activityDisplayName)}${targets.length ? ` on ${targets.join(', ')}` : ''}${failed}${escapeMarkdown(detail)}`;
}

/** The person who made the newest change shown, and when ("what else did that admin do that day?"). */
export function actorOf(entries: ReadonlyArray<Pick<DirectoryAudit, 'initiatedBy' | 'activityDateTime'>>): ChangeActor | undefined {
  for (const entry of entries) {
    const user = entry.initiatedBy?.user;
    if (user?.id && entry.activityDateTime) return { id: user.id, displayName: user.displayName || user.userPrincipalName || user.id, at: entry.activityDateTime };
  }
  return undefined;
}

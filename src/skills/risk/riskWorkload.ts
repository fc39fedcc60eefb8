/**
 * risk.workload: risky workload identities (service principals) in Identity Protection (issue #7).
 *
 * With no app named it lists the open ones (at risk or confirmed compromised), highest level first and newest first
 * within a level, a page at a time with a "show more" cursor. With an app named it tells the story of that service
 * principal: its risk and how it changed, its detections and which credential each used, who can manage it (owners,
 * credentials, recent credential changes in the audit log), whether a credential was added just before the risky
 * activity, and what to do — with buttons for the mitigations the asker's roles allow.
 */
import { createHash } from 'node:crypto';
import { escapeMarkdown, escapePerson } from '../../cards/escape';
import {
  applicationOwnersRequest,
  auditRequest,
  batchGet,
  bodyOf,
  ID_LIST_LIMIT,
  userNamesRequest,
  type ApplicationDetails,
  type BatchRequest,
  type BatchResponse,
  type DirectoryAudit,
  type DirectoryObjectRef,
  type KeyCredential,
  type Page,
  type PasswordCredential,
  type ServicePrincipalDetails,
} from '../../graph/directoryQueries';
import type { PermissionKey, RoleName } from '../../graph/permissions';
import type { TenantSession } from '../../graph/sessions';
import {
  MAX_RISKY_PAGES,
  OPEN_RISK_STATES,
  remainingPages,
  riskyListRequests,
  workloadRiskRequests,
  type RiskyListFilter,
  type RiskyServicePrincipal,
  type RiskyServicePrincipalHistoryItem,
  type ServicePrincipalRiskDetection,
} from '../../graph/workloadRiskQueries';
import { mitigationPermission, type MitigationAction, type MitigationTarget } from '../../mitigations/types';
import { mitigationButton } from '../../mitigations/mitigationText';
import { riskDetailText, riskStateText, riskTypeInfo } from '../../knowledge/riskTypes';
import { riskEventTypeLabel } from '../../cards/labels';
import { entityOf, type Entity } from '../../understanding/types';
import type { AnswerAction, AnswerSubject, SkillAnswer, SkillRequest } from '../types';
import { mayRead, rolesFor, roleList, throwUnlessFound } from '../common/access';
import { auditRowText } from '../common/auditText';
import { directorySummary, folded, type DirectoryCardModel } from '../common/cardModel';
import { credentialsOf, warnUntilOf, type AppCredential } from '../common/credentials';
import { ago, formatDate, formatWhen } from '../common/format';
import { defineSkill, type Subject } from '../common/defineSkill';
import { isGuid } from '../../graph/ids';

const WHAT = 'risky workload identities';
const DAY_MS = 86_400_000;
/** Risky workload identities per page of the list. */
export const WORKLOAD_PAGE = 10;
/** Detections shown for one service principal, newest first. */
const DETECTIONS_SHOWN = 10;
/** How far back recent credential changes reach, and how close before risky activity a new credential is suspicious. */
const CHANGE_DAYS = 30;
const NEW_CREDENTIAL_WINDOW_DAYS = 7;
/** The card's view model: the directory cards' shape plus the steps to take. Preformatted, escaped strings only. */
export interface WorkloadRiskCardModel extends DirectoryCardModel {
  advice: Array<{ text: string }>;
}

export function workloadSummary(model: WorkloadRiskCardModel): string {
  const advice = model.advice.length ? ['What to do:', ...model.advice.map((a) => `• ${a.text}`)] : [];
  return [directorySummary(model), ...advice].join('\n');
}

function cardAnswer(model: WorkloadRiskCardModel, actions: AnswerAction[] = [], subjects: AnswerSubject[] = []): SkillAnswer {
  return { kind: 'card', template: 'riskWorkload', data: model, summary: workloadSummary(model), ...(actions.length ? { actions } : {}), ...(subjects.length ? { subjects } : {}) };
}

// ---------------------------------------------------------------------------------------------------------------
// Words

const LEVEL_ORDER: Record<string, number> = { high: 0, medium: 1, low: 2 };
const LEVELS = ['high', 'medium', 'low'] as const;

function capitalised(text: string): string {
  return text ? text[0].toUpperCase() + text.slice(1) : text;
}

function levelText(level: string | null | undefined): string {
  return level && level !== 'none' ? level : 'no';
}

function typeName(eventType: string | null | undefined): string {
  return riskEventTypeLabel(eventType, 'servicePrincipal');
}

function placeText(d: ServicePrincipalRiskDetection): string {
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
function gapText(earlier: string, later: string): string {
  return ago(earlier, new Date(later)).replace(/ ago$/, '');
}

// ---------------------------------------------------------------------------------------------------------------
// Credentials: which one a detection used, and which the audit log says were added or removed

export interface NamedCredential {
  keyId: string;
  /** 'secret "Payroll sync rotation"' or 'certificate "CN=…"'. */
  label: string;
}

function credentialLabel(kind: 'secret' | 'certificate', c: PasswordCredential | KeyCredential): string {
  return `${kind} "${c.displayName || c.hint || c.keyId || 'unnamed'}"`;
}

/** Every credential the app registration and the service principal hold, by keyId. */
function credentialsByKeyId(holders: ReadonlyArray<{ passwordCredentials?: PasswordCredential[]; keyCredentials?: KeyCredential[] } | undefined>): Map<string, NamedCredential> {
  const out = new Map<string, NamedCredential>();
  for (const holder of holders) {
    for (const c of holder?.passwordCredentials ?? []) if (c.keyId) out.set(c.keyId.toLowerCase(), { keyId: c.keyId, label: credentialLabel('secret', c) });
    for (const c of holder?.keyCredentials ?? []) if (c.keyId) out.set(c.keyId.toLowerCase(), { keyId: c.keyId, label: credentialLabel('certificate', c) });
  }
  return out;
}

export interface CredentialChange {
  audit: DirectoryAudit;
  added: NamedCredential[];
  removed: NamedCredential[];
}

/** One "[KeyIdentifier=…,KeyType=Password,KeyUsage=Verify,DisplayName=…]" entry of an audit's KeyDescription. */
function parseKeyDescription(entry: string): NamedCredential | undefined {
  const keyId = /KeyIdentifier=([^,\]]+)/.exec(entry)?.[1];
  if (!keyId) return undefined;
  const type = /KeyType=([^,\]]+)/.exec(entry)?.[1];
  const name = /DisplayName=(.*?)\]?$/.exec(entry)?.[1];
  const kind = type && /password/i.test(type) ? 'secret' : 'certificate';
  return { keyId, label: `${kind} "${name || keyId}"` };
}

function keyDescriptions(value: string | null | undefined): NamedCredential[] {
  if (!value) return [];
  try {
    const parsed = JSON.parse(value) as unknown;
    const entries = Array.isArray(parsed) ? parsed : [parsed];
    return entries.filter((e): e is string => typeof e === 'string').map(parseKeyDescription).filter((c): c is NamedCredential => Boolean(c));
  } catch {
    return [];
  }
}

const CREDENTIAL_ACTIVITY = /certificates and secrets|credentials/i;

/** The audit entries that changed an app's or a service principal's credentials, with what was added and removed. */
export function credentialChanges(audits: readonly DirectoryAudit[]): CredentialChange[] {
  const out: CredentialChange[] = [];
  for (const audit of audits) {
    const properties = (audit.targetResources ?? []).flatMap((t) => t.modifiedProperties ?? []);
    const keys = properties.filter((p) => /^Key(Description|Credentials)$|PasswordCredentials/i.test(p.displayName ?? ''));
    if (keys.length === 0 && !CREDENTIAL_ACTIVITY.test(audit.activityDisplayName)) continue;
    const before = keys.flatMap((p) => keyDescriptions(p.oldValue));
    const after = keys.flatMap((p) => keyDescriptions(p.newValue));
    const has = (list: NamedCredential[], c: NamedCredential) => list.some((x) => x.keyId.toLowerCase() === c.keyId.toLowerCase());
    out.push({ audit, added: after.filter((c) => !has(before, c)), removed: before.filter((c) => !has(after, c)) });
  }
  return out;
}

/** Who did it: the audit's own name, else the name the directory gave for the id, else the sign-in name. */
function initiatorText(a: DirectoryAudit, names: ReadonlyMap<string, string>): string {
  const user = a.initiatedBy?.user;
  if (user) {
    const resolved = user.displayName || (user.id ? names.get(user.id.toLowerCase()) : undefined) || user.userPrincipalName;
    if (resolved) return resolved;
  }
  const app = a.initiatedBy?.app;
  if (app && (app.displayName || app.servicePrincipalName)) return `the app ${app.displayName ?? app.servicePrincipalName}`;
  return 'someone';
}

function changeText(change: CredentialChange, names: ReadonlyMap<string, string>, now: Date): string {
  const who = initiatorText(change.audit, names);
  const parts = [
    ...(change.added.length ? [`added the ${change.added.map((c) => c.label).join(' and the ')}`] : []),
    ...(change.removed.length ? [`removed the ${change.removed.map((c) => c.label).join(' and the ')}`] : []),
  ];
  if (parts.length === 0) return auditRowText(change.audit, now);
  const failed = change.audit.result && change.audit.result !== 'success' ? ` [${change.audit.result}]` : '';
  // The audit activity's own name stays beside the story, so the entry can be found in the admin center's audit log.
  return escapeMarkdown(`${formatWhen(change.audit.activityDateTime, now)} — ${who} ${parts.join(', and ')}${failed} (audit: ${change.audit.activityDisplayName})`);
}

/** The new credential used soon after it was added: the callout of the story. */
export interface NewCredentialFinding {
  change: CredentialChange;
  credential: NamedCredential;
  detection: ServicePrincipalRiskDetection;
  /** True when the detection's keyIds name this very credential. */
  used: boolean;
}

/**
 * A credential added within the window before a risky activity. When Graph gives the detection's keyIds, only the
 * credential it used counts; otherwise any credential added in the window is worth saying.
 */
export function newCredentialBeforeRisk(detections: readonly ServicePrincipalRiskDetection[], changes: readonly CredentialChange[]): NewCredentialFinding | undefined {
  const byActivity = detections.filter((d) => d.activityDateTime).sort((a, b) => Date.parse(a.activityDateTime!) - Date.parse(b.activityDateTime!));
  for (const detection of byActivity) {
    const at = Date.parse(detection.activityDateTime!);
    const keyIds = (detection.keyIds ?? []).map((k) => k.toLowerCase());
    for (const change of changes) {
      const added = Date.parse(change.audit.activityDateTime);
      if (!(added <= at && at - added <= NEW_CREDENTIAL_WINDOW_DAYS * DAY_MS)) continue;
      for (const credential of change.added) {
        const used = keyIds.includes(credential.keyId.toLowerCase());
        if (keyIds.length === 0 || used) return { change, credential, detection, used };
      }
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// The list: "any risky apps?"

function rangeOf(request: SkillRequest): Entity | undefined {
  const range = entityOf(request.understanding, 'timeRange');
  return range && range.source === 'message' && range.start ? range : undefined;
}

function levelOf(request: SkillRequest): string | undefined {
  const level = entityOf(request.understanding, 'riskLevel')?.value;
  return level && level in LEVEL_ORDER ? level : undefined;
}

/** What a cursor must match: the same level and time range asked (not the clock-derived instants, which move). */
function questionKey(level: string | undefined, range: Entity | undefined): string {
  return createHash('sha256')
    .update(JSON.stringify(['risk.workload', level ?? '', range?.value ?? '']))
    .digest('hex')
    .slice(0, 12);
}

const CURSOR = /^wl1\.(\d{1,6})\.([0-9a-f]{12})$/;

export function listCursor(offset: number, key: string): string {
  return `wl1.${offset}.${key}`;
}

/**
 * The offset a "show more" cursor points at. A cursor carries only a page offset and the question's key, never a
 * URL, so whatever a client sends can at worst pick another page of the same list: never another query or host.
 */
function readCursor(cursor: string | undefined, key: string): { offset: number } | { error: string } {
  if (cursor === undefined) return { offset: 0 };
  const match = CURSOR.exec(cursor);
  const offset = match ? Number(match[1]) : NaN;
  if (!match || offset <= 0 || offset % WORKLOAD_PAGE !== 0) {
    return { error: 'That "show more" button is not one I handed out, so I did not follow it. Ask about risky workload identities again to start from the first page.' };
  }
  if (match[2] !== key) {
    return { error: 'That "show more" button belongs to a different question (another risk level or time range). Ask your question again to start from the first page.' };
  }
  return { offset };
}

function byLevelThenNewest(a: RiskyServicePrincipal, b: RiskyServicePrincipal): number {
  const level = (LEVEL_ORDER[a.riskLevel ?? ''] ?? 3) - (LEVEL_ORDER[b.riskLevel ?? ''] ?? 3);
  if (level !== 0) return level;
  const time = Date.parse(b.riskLastUpdatedDateTime ?? '') - Date.parse(a.riskLastUpdatedDateTime ?? '');
  return time || a.id.localeCompare(b.id);
}

function riskyRowText(r: RiskyServicePrincipal, now: Date): string {
  const state = r.riskState === 'confirmedCompromised' ? 'confirmed compromised' : `${levelText(r.riskLevel)} risk`;
  return escapeMarkdown(`${r.displayName ?? r.appId ?? r.id} — ${state}, last changed ${formatWhen(r.riskLastUpdatedDateTime, now)}`);
}

function rangeWords(range: Entity | undefined): string {
  if (!range) return '';
  // The asker's own words come back in the answer: escaped like tenant data.
  return range.text ? ` (changed ${escapeMarkdown(range.text)})` : ` (changed ${formatDate(range.start)} to ${formatDate(range.end)})`;
}

export function riskyListModel(
  open: RiskyServicePrincipal[],
  closedCount: number,
  page: { offset: number; truncated: boolean },
  asked: { level?: string; range?: Entity },
  now: Date,
): WorkloadRiskCardModel {
  const counts = LEVELS.map((level) => ({ level, count: open.filter((r) => r.riskLevel === level).length }));
  const compromised = open.filter((r) => r.riskState === 'confirmedCompromised').length;
  const shown = open.slice(page.offset, page.offset + WORKLOAD_PAGE);
  const levelWords = asked.level ? `${asked.level} ` : '';
  const subtitleParts = counts.filter((c) => c.count > 0).map((c) => `${c.count} ${c.level}`);
  const callouts = compromised ? [{ text: `${compromised} confirmed compromised: clean ${compromised === 1 ? 'it' : 'them'} up first.` }] : [];
  const notes: Array<{ text: string }> = [];
  if (open.length > WORKLOAD_PAGE) {
    const last = page.offset + shown.length;
    notes.push({ text: `Showing ${page.offset + 1}–${last} of ${open.length}${last < open.length ? ': "Show more" lists the next ones.' : '.'}` });
  }
  if (page.truncated) notes.push({ text: `Graph returned more risky workload identities than one answer reads; these are the first ${open.length}.` });
  if (closedCount > 0) {
    notes.push({ text: `Not listed: ${closedCount} workload identit${closedCount === 1 ? 'y' : 'ies'} whose risk was dismissed, remediated or confirmed safe${rangeWords(asked.range)}.` });
  }
  const example = shown[0]?.displayName ? escapeMarkdown(shown[0].displayName) : 'Payroll Connector';
  return {
    title: `Risky workload identities${asked.level ? ` (${asked.level} risk)` : ''}`,
    subtitle: `${open.length} service principal${open.length === 1 ? '' : 's'} at ${levelWords}risk${subtitleParts.length > 1 ? `: ${subtitleParts.join(', ')}` : ''}${rangeWords(asked.range)}`,
    callouts,
    // Asked for one level, the others are zero by construction: the subtitle says it all.
    facts: asked.level ? [] : counts.map((c) => ({ title: capitalised(c.level), value: String(c.count) })),
    sections: [{ heading: 'Highest risk first, newest first', items: shown.map((r) => ({ text: riskyRowText(r, now) })) }],
    notes,
    advice: [{ text: `Ask about one by name for its detections, credentials and what to do, e.g. "is the ${example} service principal compromised?"` }],
  };
}

async function listAnswer(request: SkillRequest, tenant: TenantSession): Promise<SkillAnswer> {
  const level = levelOf(request);
  const range = rangeOf(request);
  const key = questionKey(level, range);
  const cursor = readCursor(request.cursor, key);
  if ('error' in cursor) return { kind: 'text', text: cursor.error };
  const filter: RiskyListFilter = { riskLevel: level, updatedFrom: range?.start, updatedTo: range?.end };
  const responses = await batchGet(tenant.client, riskyListRequests(filter));
  for (const r of responses.values()) throwUnlessFound(r.status, r.body, 'riskyServicePrincipals.read');
  const first = bodyOf<Page<RiskyServicePrincipal>>(responses, 'open') ?? { value: [] };
  const { items, truncated } = await remainingPages(tenant.client, first, MAX_RISKY_PAGES);
  const open = items.filter((r) => (OPEN_RISK_STATES as readonly string[]).includes(r.riskState ?? '')).sort(byLevelThenNewest);
  const closed = bodyOf<Page<{ id: string }>>(responses, 'closed');
  const closedCount = closed?.['@odata.count'] ?? closed?.value.length ?? 0;
  if (open.length === 0) {
    const which = level ? `at ${level} risk` : 'at risk';
    const closedWords = closedCount ? ` ${closedCount} other${closedCount === 1 ? ' had its' : 's had their'} risk dismissed, remediated or confirmed safe${rangeWords(range)}.` : '';
    return { kind: 'text', text: `No workload identity (service principal) is ${which}${rangeWords(range)}.${closedWords}` };
  }
  if (cursor.offset >= open.length) {
    return { kind: 'text', text: `There are no more risky workload identities to show: the list has ${open.length}, and all were shown. Ask again for a fresh list.` };
  }
  const model = riskyListModel(open, closedCount, { offset: cursor.offset, truncated }, { level, range }, request.now);
  const next = cursor.offset + WORKLOAD_PAGE;
  const actions: AnswerAction[] = next < open.length ? [{ kind: 'showMore', title: `Show more (${open.length - next} left)`, cursor: listCursor(next, key) }] : [];
  // "the marketing one", "which key did it use": the rows shown, for follow-ups.
  const subjects = open.slice(cursor.offset, next).map((r) => ({ type: 'app' as const, id: r.id, displayName: r.displayName ?? r.id }));
  return cardAnswer(model, actions, subjects);
}

// ---------------------------------------------------------------------------------------------------------------
// One service principal: "is the Payroll Connector compromised?"

interface WorkloadFacts {
  name: string;
  risky: RiskyServicePrincipal;
  history: RiskyServicePrincipalHistoryItem[];
  detections: ServicePrincipalRiskDetection[];
  sp?: ServicePrincipalDetails;
  app?: ApplicationDetails;
  owners: DirectoryObjectRef[];
  /** Undefined when the asker may not read the audit log. */
  changes?: CredentialChange[];
  names: ReadonlyMap<string, string>;
  notes: string[];
}

function usedCredentialsText(d: ServicePrincipalRiskDetection, known: ReadonlyMap<string, NamedCredential>): string {
  const keyIds = d.keyIds ?? [];
  if (keyIds.length === 0) return '';
  const labels = keyIds.map((k) => known.get(k.toLowerCase())?.label ?? `a credential no longer on the app (key ${k})`);
  return `, using the ${labels.join(' and the ')}`;
}

function detectionText(d: ServicePrincipalRiskDetection, known: ReadonlyMap<string, NamedCredential>, now: Date): string {
  const where = placeText(d);
  const reasons = riskReasons(d);
  const detected = d.detectedDateTime ? `; detected ${formatDate(d.detectedDateTime)}` : '';
  return escapeMarkdown(
    `${formatWhen(d.activityDateTime, now)} — ${typeName(d.riskEventType)} (${levelText(d.riskLevel)} risk, ${riskStateText(d.riskState)})` +
      `${where ? ` from ${where}` : ''}${usedCredentialsText(d, known)}${reasons ? ` — "${reasons}"` : ''}${detected}` +
      `${d.riskEventType ? `; Graph: ${[d.riskEventType, d.riskState].filter(Boolean).join(', ')}` : ''}`,
  );
}

function whoText(id: string | null | undefined, names: ReadonlyMap<string, string>): string {
  if (!id) return 'Identity Protection';
  return names.get(id.toLowerCase()) ?? `an administrator (object id ${id})`;
}

function historyText(h: RiskyServicePrincipalHistoryItem, names: ReadonlyMap<string, string>, now: Date): string {
  const when = formatWhen(h.riskLastUpdatedDateTime, now);
  const detail = riskDetailText(h.riskDetail ?? h.activity?.detail);
  const types = (h.activity?.riskEventTypes ?? []).map(typeName);
  if (h.initiatedBy) {
    return escapeMarkdown(`${when} — ${riskStateText(h.riskState)} by ${whoText(h.initiatedBy, names)}${detail ? ` (${detail})` : ''}`);
  }
  return escapeMarkdown(`${when} — ${levelText(h.riskLevel)} risk, ${riskStateText(h.riskState)}${types.length ? `: ${types.join(', ')}` : ''}${detail ? ` (${detail})` : ''}`);
}

/** The latest admin action closing or confirming the risk, from the history. */
function lastDecision(history: readonly RiskyServicePrincipalHistoryItem[]): RiskyServicePrincipalHistoryItem | undefined {
  return [...history].filter((h) => h.initiatedBy).sort((a, b) => Date.parse(b.riskLastUpdatedDateTime ?? '') - Date.parse(a.riskLastUpdatedDateTime ?? ''))[0];
}

function credentialsText(c: AppCredential, used: boolean, now: Date): string {
  const kind = `${c.kind} "${escapeMarkdown(c.name)}"`;
  return `${kind} — ${c.state === 'expired' ? 'expired' : 'expires'} ${formatWhen(c.endDateTime, now)}${used ? ' — used in the risky activity' : ''}`;
}

function advice(f: WorkloadFacts, finding: NewCredentialFinding | undefined, known: ReadonlyMap<string, NamedCredential>): string[] {
  const name = escapeMarkdown(f.name);
  const owners = f.owners.map((o) => escapeMarkdown(o.displayName ?? o.userPrincipalName ?? o.id));
  const ownerWords = owners.length ? owners.join(' or ') : 'whoever runs the app (it has no owners)';
  const open = f.detections.filter((d) => (OPEN_RISK_STATES as readonly string[]).includes(d.riskState ?? ''));
  const usedKeyIds = new Set(open.flatMap((d) => (d.keyIds ?? []).map((k) => k.toLowerCase())));
  const others = [...known.values()].filter((c) => !usedKeyIds.has(c.keyId.toLowerCase()) && c.keyId.toLowerCase() !== finding?.credential.keyId.toLowerCase());
  const places = [...new Set(open.map(placeText).filter(Boolean))].map(escapeMarkdown);
  const fromWords = places.length ? ` from ${places.join(' and ')}` : '';
  const steps: string[] = [];
  if (f.risky.riskState === 'confirmedCompromised') {
    steps.push(`Remove every credential the attacker may hold, and add fresh ones only once ${ownerWords} confirm what the app needs.`);
    if (f.sp?.accountEnabled !== false) steps.push(`Disable ${name} until it is cleaned up: apps that depend on it stop until it is enabled again.`);
    steps.push(`Review what it did: its service-principal sign-ins${fromWords} and the audit log for changes it made with its permissions.`);
    return steps;
  }
  if (finding) {
    const who = escapeMarkdown(initiatorText(finding.change.audit, f.names));
    // When the callout above already says where the new credential was used, the advice does not say it again.
    const use = finding.used ? 'that use' : `its use${fromWords}`;
    steps.push(`Remove the ${escapeMarkdown(finding.credential.label)} now, unless ${who} confirms adding it on purpose and expected ${use}.`);
    if (others.length) steps.push(`Rotate the app's other credentials (${others.map((c) => escapeMarkdown(c.label)).join(', ')}) and update the systems that use them.`);
  } else {
    for (const type of [...new Set(open.map((d) => d.riskEventType).filter((t): t is string => Boolean(t)))]) {
      const info = riskTypeInfo(type, 'servicePrincipal');
      steps.push(`${info.name}: ${info.check}`);
    }
    steps.push(`Ask ${ownerWords} whether they recognise the activity${fromWords}.`);
  }
  steps.push(`Review its sign-ins${fromWords} for use of its other credentials (Entra admin center: Sign-in logs → Service principal sign-ins).`);
  steps.push('If the activity was not expected, confirm the service principal compromised (and disable it); if it was, dismiss the risk.');
  return steps;
}

export function workloadModel(f: WorkloadFacts, now: Date): WorkloadRiskCardModel {
  const known = credentialsByKeyId([f.app, f.sp]);
  // Credentials removed since still have a name in the audit log.
  for (const change of f.changes ?? []) for (const c of [...change.added, ...change.removed]) if (!known.has(c.keyId.toLowerCase())) known.set(c.keyId.toLowerCase(), { ...c, label: `${c.label} (since removed)` });
  const live = credentialsByKeyId([f.app, f.sp]);
  const open = f.detections.filter((d) => (OPEN_RISK_STATES as readonly string[]).includes(d.riskState ?? ''));
  const finding = f.changes ? newCredentialBeforeRisk(open.length ? open : f.detections, f.changes) : undefined;
  const callouts: Array<{ text: string }> = [];
  if (finding) {
    const who = initiatorText(finding.change.audit, f.names);
    const gap = gapText(finding.change.audit.activityDateTime, finding.detection.activityDateTime!);
    const use = finding.used ? `, and the risky activity used it${placeText(finding.detection) ? ` from ${placeText(finding.detection)}` : ''}` : '';
    callouts.push({
      text: escapeMarkdown(
        `A credential was added ${gap} before the first risky activity: ${who} added the ${finding.credential.label} on ${formatDate(finding.change.audit.activityDateTime)}${use}.`,
      ),
    });
  }
  if (f.risky.riskState === 'confirmedCompromised') callouts.push({ text: 'An administrator confirmed this service principal compromised.' });
  if (f.sp?.accountEnabled === false) callouts.push({ text: 'Sign-in is disabled for this service principal.' });

  const detail = riskDetailText(f.risky.riskDetail);
  // The level is the subtitle's ("at high risk"): a fact repeating it cost a line before the advice.
  const facts = [
    { title: 'Risk state', value: riskStateText(f.risky.riskState) },
    ...(detail ? [{ title: 'Risk detail', value: detail }] : []),
    { title: 'Last change', value: formatWhen(f.risky.riskLastUpdatedDateTime, now) },
    // Not "Application (client) ID": a title that wraps widens the title column, and every value then wraps too.
    { title: 'App (client) ID', value: f.sp?.appId ?? f.risky.appId ?? '' },
  ];
  if (f.sp) facts.push({ title: 'Sign-in', value: f.sp.accountEnabled === false ? 'disabled' : 'enabled' });

  const detections = [...f.detections].sort((a, b) => Date.parse(b.activityDateTime ?? '') - Date.parse(a.activityDateTime ?? ''));
  const notes = [...f.notes];
  if (detections.length > DETECTIONS_SHOWN) notes.push(`Showing the newest ${DETECTIONS_SHOWN} of ${detections.length} detections.`);
  const history = [...f.history].sort((a, b) => Date.parse(b.riskLastUpdatedDateTime ?? '') - Date.parse(a.riskLastUpdatedDateTime ?? ''));
  const usedKeyIds = new Set(detections.flatMap((d) => (d.keyIds ?? []).map((k) => k.toLowerCase())));
  const usedLabels = new Set([...live.entries()].filter(([k]) => usedKeyIds.has(k)).map(([, c]) => c.label));
  const name = f.sp?.displayName ?? f.app?.displayName ?? f.name;
  const warnUntil = warnUntilOf(undefined, now);
  const credentials = [...(f.app ? credentialsOf(name, f.app, now, warnUntil) : []), ...(f.sp ? credentialsOf(name, f.sp, now, warnUntil) : [])];
  const sections = [
    folded({ heading: 'Detections (newest first)', items: detections.length ? detections.slice(0, DETECTIONS_SHOWN).map((d) => ({ text: detectionText(d, known, now) })) : [{ text: 'none' }] }, 'detections', 'Detections'),
    folded({ heading: 'Risk history', items: history.length ? history.map((h) => ({ text: historyText(h, f.names, now) })) : [{ text: 'none' }] }, 'riskHistory', 'Risk history'),
    folded({ heading: 'Owners', items: f.owners.length ? f.owners.map((o) => ({ text: escapePerson(o.displayName ?? o.id, o.userPrincipalName) })) : [{ text: 'none: nobody but administrators answers for this app' }] }, 'owners', 'Owners'),
    folded(
      { heading: 'Credentials', items: credentials.length ? credentials.map((c) => ({ text: credentialsText(c, usedLabels.has(`${c.kind} "${c.name}"`), now) })) : [{ text: 'none' }] },
      'credentials',
      'Credentials',
    ),
  ];
  if (f.changes) {
    sections.push(
      folded(
        { heading: `Credential changes (audit log, last ${CHANGE_DAYS} days)`, items: f.changes.length ? f.changes.map((c) => ({ text: changeText(c, f.names, now) })) : [{ text: 'none' }] },
        'credentialChanges',
        'Credential changes',
      ),
    );
  }
  return {
    title: escapeMarkdown(name),
    subtitle: `Workload identity (service principal) at ${levelText(f.risky.riskLevel)} risk`,
    callouts,
    facts,
    sections,
    notes: notes.map((text) => ({ text })),
    advice: advice(f, finding, live).map((text) => ({ text })),
  };
}

/** Names for object ids (risk history initiators, audit initiators without a name): one request per 15 ids. */
function nameRequests(prefix: string, ids: readonly string[]): BatchRequest[] {
  const unique = [...new Set(ids.filter(isGuid).map((id) => id.toLowerCase()))];
  const out: BatchRequest[] = [];
  for (let i = 0; i < unique.length; i += ID_LIST_LIMIT) out.push(userNamesRequest(`${prefix}-${i / ID_LIST_LIMIT}`, unique.slice(i, i + ID_LIST_LIMIT)));
  return out;
}

function namesFrom(responses: Map<string, BatchResponse>, prefix: string, into: Map<string, string>): void {
  for (const [id, response] of responses) {
    if (!id.startsWith(`${prefix}-`) || response.status >= 300) continue;
    for (const u of (response.body as Page<DirectoryObjectRef>).value ?? []) into.set(u.id.toLowerCase(), u.displayName ?? u.userPrincipalName ?? u.id);
  }
}

const ACTIONS: readonly MitigationAction[] = ['confirmCompromised', 'dismiss', 'disable'];

/** The buttons the situation calls for, each only when the asker's roles allow it; the refused ones, to name roles. */
async function mitigationButtons(tenant: TenantSession, f: WorkloadFacts): Promise<{ actions: AnswerAction[]; refused: MitigationAction[] }> {
  const state = f.risky.riskState ?? '';
  const wanted = ACTIONS.filter((action) => {
    if (action === 'disable') return (OPEN_RISK_STATES as readonly string[]).includes(state) && f.sp !== undefined && f.sp.accountEnabled !== false;
    return state === 'atRisk';
  });
  const target: MitigationTarget = { kind: 'servicePrincipal', id: f.risky.id, displayName: f.name, ...(f.sp?.appId || f.risky.appId ? { appId: (f.sp?.appId ?? f.risky.appId)! } : {}) };
  const actions: AnswerAction[] = [];
  const refused: MitigationAction[] = [];
  for (const action of wanted) {
    if (await mayRead(tenant, mitigationPermission(action, 'servicePrincipal'))) actions.push(mitigationButton(action, target));
    else refused.push(action);
  }
  return { actions, refused };
}

function refusedNote(refused: readonly MitigationAction[]): string | undefined {
  if (refused.length === 0) return undefined;
  const byKey = new Map<PermissionKey, MitigationAction[]>();
  for (const action of refused) {
    const key = mitigationPermission(action, 'servicePrincipal');
    byKey.set(key, [...(byKey.get(key) ?? []), action]);
  }
  const words: Record<MitigationAction, string> = {
    confirmCompromised: 'confirming it compromised',
    dismiss: 'dismissing its risk',
    disable: 'disabling it',
    confirmSafe: 'confirming it safe',
    revokeSessions: 'revoking sessions',
  };
  const parts = [...byKey.entries()].map(([key, actions]) => `${actions.map((a) => words[a]).join(' or ')} needs ${roleList(rolesFor(key) as RoleName[])}`);
  return `You can read this risk but not act on it: ${parts.join('; ')}.`;
}

function notRiskyText(name: string, risky: RiskyServicePrincipal | undefined, history: readonly RiskyServicePrincipalHistoryItem[], names: ReadonlyMap<string, string>, now: Date): string {
  const who = escapeMarkdown(name);
  if (!risky) return `${who} is not a risky workload identity: Identity Protection has no risk recorded for this service principal.`;
  const decision = lastDecision(history);
  const earlier = [...history].filter((h) => h.riskLevel && h.riskLevel !== 'none').sort((a, b) => Date.parse(b.riskLastUpdatedDateTime ?? '') - Date.parse(a.riskLastUpdatedDateTime ?? ''))[0];
  const was = earlier ? `its ${earlier.riskLevel} risk${earlier.activity?.riskEventTypes?.length ? ` (${earlier.activity.riskEventTypes.map(typeName).join(', ')})` : ''}` : 'its risk';
  const state = riskStateText(risky.riskState);
  const closure = decision
    ? ` ${capitalised(was)} was ${riskStateText(decision.riskState)} by ${whoText(decision.initiatedBy, names)} on ${formatWhen(decision.riskLastUpdatedDateTime, now)}${riskDetailText(decision.riskDetail) ? ` (${riskDetailText(decision.riskDetail)})` : ''}.`
    : risky.riskLastUpdatedDateTime
      ? ` ${capitalised(was)} was ${state} on ${formatWhen(risky.riskLastUpdatedDateTime, now)}.`
      : '';
  return `${who} is not at risk now (risk state: ${state}).${escapeMarkdown(closure)} Nothing to do unless new detections appear.`;
}

async function workloadAnswer(request: SkillRequest, tenant: TenantSession, subject: Subject, appId: string | undefined): Promise<SkillAnswer> {
  const now = request.now;
  const mayApps = await mayRead(tenant, 'applications.read');
  const first = await batchGet(tenant.client, workloadRiskRequests(subject.id, appId, { application: mayApps }));
  for (const id of ['risky', 'history', 'detections']) {
    const r = first.get(id);
    if (r) throwUnlessFound(r.status, r.body, 'riskyServicePrincipals.read');
  }
  const notes: string[] = [];
  const applicationRefused = ['servicePrincipal', 'spOwners', 'application'].some((id) => first.get(id)?.status === 403);
  if (!mayApps || applicationRefused) notes.push('Owners and credentials not shown: reading app registrations needs Application.Read.All or Directory.Read.All for the bot.');
  for (const id of ['servicePrincipal', 'spOwners', 'application']) {
    const r = first.get(id);
    if (r && r.status !== 403) throwUnlessFound(r.status, r.body, 'applications.read');
  }
  const risky = bodyOf<RiskyServicePrincipal>(first, 'risky');
  const history = bodyOf<Page<RiskyServicePrincipalHistoryItem>>(first, 'history')?.value ?? [];
  const detections = bodyOf<Page<ServicePrincipalRiskDetection>>(first, 'detections')?.value ?? [];
  const sp = bodyOf<ServicePrincipalDetails>(first, 'servicePrincipal');
  const app = bodyOf<Page<ApplicationDetails>>(first, 'application')?.value[0];
  const name = sp?.displayName ?? risky?.displayName ?? subject.displayName;
  const names = new Map<string, string>();
  const historyInitiators = history.map((h) => h.initiatedBy).filter((id): id is string => Boolean(id));

  if (!risky || !(OPEN_RISK_STATES as readonly string[]).includes(risky.riskState ?? '')) {
    const named = historyInitiators.length ? await batchGet(tenant.client, nameRequests('historyNames', historyInitiators)) : new Map<string, BatchResponse>();
    namesFrom(named, 'historyNames', names);
    return { kind: 'text', text: notRiskyText(name, risky, history, names, now) };
  }

  // Second step: the registration's owners, the audit log's credential changes, and the names of who changed the risk.
  const mayAudit = await mayRead(tenant, 'directoryAudits.read');
  const auditRoles = `Recent credential changes not shown: the audit log needs ${roleList(rolesFor('directoryAudits.read'))}.`;
  if (!mayAudit) notes.push(auditRoles);
  const firstActivity = Math.min(...detections.map((d) => Date.parse(d.activityDateTime ?? '')).filter(Number.isFinite), now.getTime());
  const since = new Date(Math.min(now.getTime() - CHANGE_DAYS * DAY_MS, firstActivity - NEW_CREDENTIAL_WINDOW_DAYS * DAY_MS)).toISOString();
  const second: BatchRequest[] = [...nameRequests('historyNames', historyInitiators)];
  if (app) second.push(applicationOwnersRequest(app.id));
  if (mayAudit) second.push(auditRequest('changes', { start: since }, { anyTarget: app ? [app.id, risky.id] : [risky.id] }));
  const more = second.length ? await batchGet(tenant.client, second) : new Map<string, BatchResponse>();
  namesFrom(more, 'historyNames', names);
  const ownerResponse = more.get('appOwners');
  if (ownerResponse) throwUnlessFound(ownerResponse.status, ownerResponse.body, 'applications.read');
  const changesResponse = more.get('changes');
  let changes: CredentialChange[] | undefined;
  if (changesResponse?.status === 403) notes.push(auditRoles);
  else if (changesResponse) {
    throwUnlessFound(changesResponse.status, changesResponse.body, 'directoryAudits.read');
    changes = credentialChanges(bodyOf<Page<DirectoryAudit>>(more, 'changes')?.value ?? []);
  }

  // Third step, only when the audit log names people by id alone: their names.
  const unnamed = (changes ?? []).map((c) => c.audit.initiatedBy?.user).filter((u) => u && !u.displayName && u.id && !names.has(u.id.toLowerCase())).map((u) => u!.id!);
  if (unnamed.length) namesFrom(await batchGet(tenant.client, nameRequests('auditNames', unnamed)), 'auditNames', names);

  const owners = [...(bodyOf<Page<DirectoryObjectRef>>(more, 'appOwners')?.value ?? []), ...(bodyOf<Page<DirectoryObjectRef>>(first, 'spOwners')?.value ?? [])];
  const facts: WorkloadFacts = { name, risky, history, detections, sp, app, owners: [...new Map(owners.map((o) => [o.id, o])).values()], changes, names, notes };
  const { actions, refused } = await mitigationButtons(tenant, facts);
  const note = refusedNote(refused);
  if (note) facts.notes.push(note);
  return cardAnswer(workloadModel(facts, now), actions);
}

export const riskWorkloadSkill = defineSkill<Entity | undefined>({
  name: 'riskWorkload',
  version: '1',
  intents: ['risk.workload'],
  what: WHAT,
  needs: 'riskyServicePrincipals.read',
  /** The app named; with none, the question is the list of risky workload identities. */
  asked: (request) => ({ asked: entityOf(request.understanding, 'app') }),
  subject: (_request, app) => (app ? 'app' : undefined),
  subjectFirst: false,
  async answer({ request, tenant, asked: entity, subject }): Promise<SkillAnswer> {
    if (!entity || !subject) return listAnswer(request, tenant);
    // A "show more" cursor only ever belongs to the list; on a one-app answer it is not one we handed out.
    if (request.cursor !== undefined) return { kind: 'text', text: 'That "show more" button does not belong to this question. Ask it again without it.' };
    return workloadAnswer(request, tenant, subject, entity.appId);
  },
});

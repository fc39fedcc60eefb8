/**
 * audit.changes: who did what to what and when, from the directory audit log — by target (a user, group, app, role
 * or Conditional Access policy, every named one at once: "who added Bob to Finance?") or by initiator ("what did
 * Pradeep change?"), within the asked window (7 days by default). When the default window holds nothing, the
 * answer looks 30 days back once and says so, rather than answering "nothing" to "who added Bob to Finance?".
 * A question about one past event ("who invited Nestor?", "who turned that policy off?") searches the whole 30 days
 * the log keeps at once, leads with that event (who, when) and lists the other changes after it. A policy named in
 * full without quotes ("who turned off Block Azure management from untrusted locations?") is found among the
 * tenant's policies.
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import { escapeMarkdown } from '../../cards/escape';
import {
  applicationByAppIdRequest,
  auditRequest,
  AUDIT_PAGE,
  batchGet,
  bodyOf,
  CONDITIONAL_ACCESS_REQUESTS,
  namePeopleIn,
  roleDefinitionByName,
  type ApplicationDetails,
  type ConditionalAccessPolicy,
  type DirectoryAudit,
  type Page,
} from '../../graph/directoryQueries';
import type { TenantSession } from '../../graph/sessions';
import { asActor } from '../../understanding/text/actor';
import { entityOf, type Entity, type Understanding } from '../../understanding/types';
import type { AnswerAbout, SkillAnswer } from '../types';
import { mayRead, throwUnlessFound } from '../common/access';
import { actorOf, auditRowText, initiatorName } from '../common/auditText';
import { directorySummary, type DirectoryCardModel } from '../common/cardModel';
import { defineSkill } from '../common/defineSkill';
import { formatDate, formatWhen } from '../common/format';
import { askedEvent, type AuditEvent } from './auditEvents';

const DAY_MS = 86_400_000;
const WIDER_DAYS = 30;

interface AuditQuery {
  /** Object ids every entry must touch. */
  allTargets: string[];
  /** Ids of which an entry must touch one (an app's registration or service principal). */
  anyTarget: string[];
  initiatorId?: string;
  /** A policy named in words: entries of the Conditional Access service whose target name holds them. */
  policyWords?: string;
  /** A policy found by its full name among the tenant's: entries about it, by id. */
  policyId?: string;
  /** That policy's own last-modified date: said when the log holds no change to it. */
  policyModified?: string;
  described: string[];
}

const resolved = (e: Entity | undefined): e is Entity & { id: string } => e?.resolution === 'resolved' && Boolean(e.id);

/** "what did Pradeep change?", "changes made by Pradeep": the named user did the changes rather than underwent them. */
function isInitiator(understanding: Understanding, user: Entity): boolean {
  const name = user.text.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // "what has he changed lately?" about the person the conversation is on ("they" may be the one who changed them).
  const person = user.source === 'conversation' ? `(?:${name}|he|she)` : name;
  return asActor(person, { by: true }).test(understanding.text.toLowerCase().replace(/[’]/g, "'"));
}

/** Lower case, single spaces, plain hyphens: how a policy name and a question are compared. */
const comparable = (text: string) => ` ${text.toLowerCase().replace(/[’]/g, "'").replace(/[^a-z0-9'-]+/g, ' ').trim()} `;

/** The tenant's Conditional Access policy whose full name the question holds (the longest, when several do). */
async function policyNamedIn(text: string, tenant: TenantSession): Promise<ConditionalAccessPolicy | undefined> {
  if (!(await mayRead(tenant, 'conditionalAccess.read'))) return undefined;
  const responses = await batchGet(tenant.client, [CONDITIONAL_ACCESS_REQUESTS[0]]);
  const policies = bodyOf<Page<ConditionalAccessPolicy>>(responses, 'policies')?.value ?? [];
  const question = comparable(text);
  return policies
    .filter((p) => p.displayName && question.includes(comparable(p.displayName)))
    .sort((a, b) => b.displayName.length - a.displayName.length)[0];
}

async function queryOf(understanding: Understanding, tenant: TenantSession): Promise<AuditQuery | undefined> {
  const client = tenant.client;
  const q: AuditQuery = { allTargets: [], anyTarget: [], described: [] };
  const user = entityOf(understanding, 'user');
  if (resolved(user)) {
    if (isInitiator(understanding, user)) q.initiatorId = user.id;
    else q.allTargets.push(user.id);
    q.described.push(`${isInitiator(understanding, user) ? 'by' : 'to'} ${user.displayName ?? user.text}`);
  }
  const group = entityOf(understanding, 'group');
  if (resolved(group)) {
    q.allTargets.push(group.id);
    q.described.push(`to ${group.displayName ?? group.text}`);
  }
  const app = entityOf(understanding, 'app');
  if (resolved(app)) {
    q.anyTarget.push(app.id);
    if (app.appId) {
      const responses = await batchGet(client, [applicationByAppIdRequest(app.appId)]);
      const registration = bodyOf<Page<ApplicationDetails>>(responses, 'application')?.value[0];
      if (registration) q.anyTarget.push(registration.id);
    }
    q.described.push(`to ${app.displayName ?? app.text}`);
  }
  const role = entityOf(understanding, 'role');
  if (role?.value) {
    const definition = await roleDefinitionByName(client, role.value);
    if (definition) {
      q.allTargets.push(definition.id);
      q.described.push(`to the role ${definition.displayName}`);
    }
  }
  const policy = entityOf(understanding, 'policy');
  const named = q.described.length === 0 || policy ? await policyNamedIn(policy?.value ?? policy?.text ?? understanding.text, tenant) : undefined;
  if (named) {
    q.policyId = named.id;
    if (named.modifiedDateTime) q.policyModified = named.modifiedDateTime;
    q.described.push(`to the policy "${named.displayName}"`);
  } else if (policy) {
    q.policyWords = (policy.value ?? policy.text).toLowerCase();
    q.described.push(`to Conditional Access policies named "${policy.value ?? policy.text}"`);
  }
  return q.described.length ? q : undefined;
}

async function readAudits(client: Client, q: AuditQuery, window: { start: string; end?: string }): Promise<DirectoryAudit[]> {
  const responses = await batchGet(client, [
    auditRequest('audits', window, {
      allTargets: [...q.allTargets, ...(q.policyId ? [q.policyId] : [])],
      anyTarget: q.anyTarget,
      initiatorId: q.initiatorId,
      loggedByService: q.policyWords || q.policyId ? 'Conditional Access' : undefined,
    }),
  ]);
  for (const r of responses.values()) throwUnlessFound(r.status, r.body, 'directoryAudits.read');
  let entries = bodyOf<Page<DirectoryAudit>>(responses, 'audits')?.value ?? [];
  const words = q.policyWords;
  if (words) entries = entries.filter((a) => (a.targetResources ?? []).some((t) => (t.displayName ?? '').toLowerCase().includes(words)));
  await namePeopleIn(client, entries);
  return entries;
}

/** How the window was chosen: as asked, the default week widened once, or the whole log for one past event. */
export type AuditSearch = 'asked' | 'widened' | 'wholeLog';

/** "Who invited Nestor?": the event first (who, when), then the other changes of the same window. */
function eventModel(subject: string, event: AuditEvent, entries: DirectoryAudit[], window: { start: string; end: string }, now: Date): DirectoryCardModel {
  const matching = entries.filter((e) => event.isEvent(e));
  const others = entries.filter((e) => !event.isEvent(e));
  const latest = matching[0];
  const found = matching.length ? `${matching.length} ${event.label}${matching.length === 1 ? '' : 's'} found` : `no ${event.label} found`;
  return {
    title: escapeMarkdown(`The ${event.label}: changes ${subject}`),
    subtitle: `${formatDate(window.start)} to ${formatDate(window.end)}: ${found}, ${others.length} other change${others.length === 1 ? '' : 's'}`,
    callouts: latest
      ? []
      : [{ text: escapeMarkdown(`No ${event.label} found among the changes ${subject} in the last ${WIDER_DAYS} days, all the audit log keeps: it happened before that, or not in this tenant.`) }],
    facts: latest ? [{ title: 'Who', value: initiatorName(latest) }, { title: 'When', value: formatWhen(latest.activityDateTime, now) }, { title: 'What', value: escapeMarkdown(latest.activityDisplayName) }] : [],
    sections: [
      ...(matching.length ? [{ heading: `The ${event.label}`, items: matching.map((a) => ({ text: auditRowText(a, now) })) }] : []),
      ...(others.length ? [{ heading: matching.length ? 'Other changes in the same days, newest first' : 'The changes found, newest first', items: others.map((a) => ({ text: auditRowText(a, now) })) }] : []),
    ],
    notes: [
      { text: `Searched the whole audit log: the last ${WIDER_DAYS} days, all it keeps (the default is 7 days).` },
      ...(entries.length >= AUDIT_PAGE ? [{ text: `Only the newest ${AUDIT_PAGE} changes were read; narrow the time range to see older ones.` }] : []),
    ],
  };
}

export function auditChangesModel(subject: string, entries: DirectoryAudit[], window: { start: string; end: string }, search: AuditSearch, now: Date, event?: AuditEvent): DirectoryCardModel {
  if (event) return eventModel(subject, event, entries, window, now);
  const notes = [];
  if (search === 'widened') notes.push({ text: `Nothing in the default 7 days, so this looks ${WIDER_DAYS} days back.` });
  if (search === 'wholeLog') notes.push({ text: `Searched the whole audit log for this one event: the last ${WIDER_DAYS} days, all it keeps (the default is 7 days).` });
  if (entries.length >= AUDIT_PAGE) notes.push({ text: `Only the newest ${AUDIT_PAGE} changes are listed; narrow the time range to see older ones.` });
  return {
    title: escapeMarkdown(`Changes ${subject}`),
    subtitle: `${formatDate(window.start)} to ${formatDate(window.end)}: ${entries.length} change${entries.length === 1 ? '' : 's'}`,
    callouts: entries.filter((a) => a.result && a.result !== 'success').length ? [{ text: 'Some of these changes failed; they are marked.' }] : [],
    facts: [],
    sections: [{ heading: 'Who did what, newest first', items: entries.length ? entries.map((a) => ({ text: auditRowText(a, now) })) : [{ text: 'No changes recorded in this window.' }] }],
    notes,
  };
}

/** The one person the changes were made to, if one: "is that person's MFA ok?" after "who made someone a global admin?". */
function changedPerson(entries: DirectoryAudit[]): AnswerAbout[] {
  const people = new Map<string, string>();
  for (const a of entries) for (const t of a.targetResources ?? []) if (t.type === 'User' && t.id) people.set(t.id, t.displayName || t.userPrincipalName || t.id);
  return people.size === 1 ? [...people].map(([id, displayName]) => ({ type: 'user' as const, id, displayName })) : [];
}

export const auditChangesSkill = defineSkill({
  name: 'auditChanges',
  version: '1',
  intents: ['audit.changes'],
  what: 'the audit log',
  needs: 'directoryAudits.read',
  async answer({ request, tenant }): Promise<SkillAnswer> {
    const q = await queryOf(request.understanding, tenant);
    if (!q) return { kind: 'text', text: 'Whose changes do you mean? Name a user, group, app, role or policy, for example: "what changed for Megan this week?"' };
    const range = entityOf(request.understanding, 'timeRange');
    const asked = !range || range.source === 'default' ? undefined : range;
    const now = request.now;
    // One past event ("who invited Nestor?") may be older than a week: the whole log is searched at once.
    const event = asked ? undefined : askedEvent(request.understanding.text);
    const wholeLog = { start: new Date(now.getTime() - WIDER_DAYS * DAY_MS).toISOString(), end: range?.end ?? now.toISOString() };
    let window = event ? wholeLog : { start: asked?.start ?? new Date(now.getTime() - 7 * DAY_MS).toISOString(), end: range?.end ?? now.toISOString() };
    let entries = await readAudits(tenant.client, q, window);
    let search: AuditSearch = event ? 'wholeLog' : 'asked';
    if (entries.length === 0 && !event && !asked) {
      window = wholeLog;
      entries = await readAudits(tenant.client, q, window);
      search = 'widened';
    }
    const model = auditChangesModel(q.described.join(' and '), entries, window, search, now, event === 'generic' ? undefined : event);
    // "when was the guest MFA rule last changed?" when the log keeps no change to it: the date the policy itself carries.
    if (entries.length === 0 && q.policyModified) {
      const older = q.policyModified < wholeLog.start;
      model.callouts.push({ text: `The policy itself was last modified ${formatDate(q.policyModified)}${older ? `, before the ${WIDER_DAYS} days the audit log keeps, so who changed it is no longer recorded` : ''}.` });
    }
    const actor = actorOf(entries);
    return { kind: 'card', template: 'directory', data: model, summary: directorySummary(model), about: changedPerson(entries), ...(actor ? { actor } : {}) };
  },
});

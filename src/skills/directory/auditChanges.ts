/**
 * audit.changes: who did what to what and when, from the directory audit log — by target (a user, group, app, role
 * or Conditional Access policy, every named one at once: "who added Bob to Finance?") or by initiator ("what did
 * Pradeep change?"), within the asked window (7 days by default). When the default window holds nothing, the
 * answer looks 30 days back once and says so, rather than answering "nothing" to "who added Bob to Finance?".
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import { escapeMarkdown } from '../../cards/escape';
import { applicationByAppIdRequest, auditRequest, AUDIT_PAGE, batchGet, bodyOf, namePeopleIn, roleDefinitionByName, type ApplicationDetails, type DirectoryAudit, type Page } from '../../graph/directoryQueries';
import { entityOf, type Entity, type Understanding } from '../../understanding/types';
import type { SkillAnswer } from '../types';
import { throwUnlessFound } from '../common/access';
import { auditRowText } from '../common/auditText';
import { directorySummary, type DirectoryCardModel } from '../common/cardModel';
import { defineSkill } from '../common/defineSkill';
import { formatDate } from '../common/format';

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
  described: string[];
}

const resolved = (e: Entity | undefined): e is Entity & { id: string } => e?.resolution === 'resolved' && Boolean(e.id);

/** "what did Pradeep change?", "changes made by Pradeep": the named user did the changes rather than underwent them. */
function isInitiator(understanding: Understanding, user: Entity): boolean {
  const name = user.text.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`\\b(?:what did|what has|by)\\s+${name}\\b`).test(understanding.text.toLowerCase());
}

async function queryOf(understanding: Understanding, client: Client): Promise<AuditQuery | undefined> {
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
  if (policy) {
    q.policyWords = (policy.value ?? policy.text).toLowerCase();
    q.described.push(`to Conditional Access policies named "${policy.text}"`);
  }
  return q.described.length ? q : undefined;
}

async function readAudits(client: Client, q: AuditQuery, window: { start: string; end?: string }): Promise<DirectoryAudit[]> {
  const responses = await batchGet(client, [
    auditRequest('audits', window, { allTargets: q.allTargets, anyTarget: q.anyTarget, initiatorId: q.initiatorId, loggedByService: q.policyWords ? 'Conditional Access' : undefined }),
  ]);
  for (const r of responses.values()) throwUnlessFound(r.status, r.body, 'directoryAudits.read');
  let entries = bodyOf<Page<DirectoryAudit>>(responses, 'audits')?.value ?? [];
  const words = q.policyWords;
  if (words) entries = entries.filter((a) => (a.targetResources ?? []).some((t) => (t.displayName ?? '').toLowerCase().includes(words)));
  await namePeopleIn(client, entries);
  return entries;
}

export function auditChangesModel(subject: string, entries: DirectoryAudit[], window: { start: string; end: string }, widened: boolean, now: Date): DirectoryCardModel {
  const notes = [];
  if (widened) notes.push({ text: `Nothing in the default 7 days, so this looks ${WIDER_DAYS} days back.` });
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

export const auditChangesSkill = defineSkill({
  name: 'auditChanges',
  version: '1',
  intents: ['audit.changes'],
  what: 'the audit log',
  needs: 'directoryAudits.read',
  async answer({ request, tenant }): Promise<SkillAnswer> {
    const q = await queryOf(request.understanding, tenant.client);
    if (!q) return { kind: 'text', text: 'Whose changes do you mean? Name a user, group, app, role or policy, for example: "what changed for Megan this week?"' };
    const range = entityOf(request.understanding, 'timeRange');
    const now = request.now;
    let window = { start: range?.start ?? new Date(now.getTime() - 7 * DAY_MS).toISOString(), end: range?.end ?? now.toISOString() };
    let entries = await readAudits(tenant.client, q, window);
    let widened = false;
    if (entries.length === 0 && (!range || range.source === 'default')) {
      window = { start: new Date(now.getTime() - WIDER_DAYS * DAY_MS).toISOString(), end: window.end };
      entries = await readAudits(tenant.client, q, window);
      widened = true;
    }
    const model = auditChangesModel(q.described.join(' and '), entries, window, widened, now);
    return { kind: 'card', template: 'auditChanges', data: model, summary: directorySummary(model) };
  },
});

/**
 * risk.users: the users at risk now (at risk or confirmed compromised), optionally of one level or whose risk changed
 * in the window the question gave, highest level first and newest first within a level, ten to a page with "show
 * more", and the detection types behind each (one more request for the page's users).
 */
import { detectionsOfUsers, listRiskyUsers, type ListedRiskLevel, type RiskDetection, type RiskyUser, type RiskyUsersQuery } from '../../graph/riskQueries';
import { entityOf } from '../../understanding/types';
import { mfaRegisteredAmong, userIdsAmong } from '../../graph/directoryQueries';
import { roleList, rolesFor } from '../common/access';
import { defineSkill } from '../common/defineSkill';
import { ago } from '../common/format';
import type { Skill, SkillAnswer, SkillRequest } from '../types';
import { e, LEVELS, levelRank, levelText, stateText, typeName } from './riskText';
import { newestFirst, when } from './userRiskText';
import { AMONG_FIELDS, decodeRiskyUsersCursor, encodeRiskyUsersCursor, type AmongField, type RiskyUsersAmong, type RiskyUsersCursor } from './riskyUsersCursor';
import { messageWindow } from './riskUser';

export const RISKY_USERS_PAGE = 10;

export interface RiskyUserRow {
  name: string;
  upn: string;
  level: string;
  state: string;
  updated: string;
  detections: string;
}

export interface RiskUsersCardModel {
  title: string;
  subtitle: string;
  callouts: Array<{ text: string }>;
  rows: RiskyUserRow[];
  /** Shown instead of the table when no user matches. */
  empty: string;
  notes: Array<{ text: string }>;
}

/** Highest level first; within a level, the most recently changed first. */
export function byLevelThenNewest(a: RiskyUser, b: RiskyUser): number {
  return levelRank(a.riskLevel) - levelRank(b.riskLevel) || (b.riskLastUpdatedDateTime ?? '').localeCompare(a.riskLastUpdatedDateTime ?? '');
}

/** The list's order: by level then newest, unless the question asked for newest or oldest first. */
function orderOf(cursor: RiskyUsersCursor): (a: RiskyUser, b: RiskyUser) => number {
  if (!cursor.order) return byLevelThenNewest;
  const at = (u: RiskyUser) => (u.riskLastUpdatedDateTime ? Date.parse(u.riskLastUpdatedDateTime) : 0);
  return cursor.order === 'newest' ? (a, b) => at(b) - at(a) : (a, b) => at(a) - at(b);
}

/** The page of the list the cursor points at, in the list's order (the model shows the same rows). */
function pageOf(users: readonly RiskyUser[], cursor: RiskyUsersCursor, pageSize: number): RiskyUser[] {
  return [...users].sort(orderOf(cursor)).slice(cursor.offset, cursor.offset + pageSize);
}

function countsText(users: readonly RiskyUser[]): string {
  const counts = LEVELS.map((level) => [level, users.filter((u) => u.riskLevel === level).length] as const);
  const other = users.length - counts.reduce((sum, [, n]) => sum + n, 0);
  const parts = counts.filter(([, n]) => n > 0).map(([level, n]) => `${n} ${level}`);
  if (other > 0) parts.push(`${other} other`);
  return parts.join(', ');
}

/** Distinct detection types per user, newest detection first. */
function typesByUser(detections: readonly RiskDetection[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const d of [...detections].sort(newestFirst)) {
    const id = (d.userId ?? '').toLowerCase();
    const list = out.get(id) ?? [];
    if (!list.includes(d.riskEventType)) list.push(d.riskEventType);
    out.set(id, list);
  }
  return out;
}

export interface RiskUsersInput {
  users: RiskyUser[];
  cursor: RiskyUsersCursor;
  pageSize: number;
  /** Absent: the asker may not read detections. */
  detections?: RiskDetection[];
  truncated: boolean;
  hidden: string[];
  now: Date;
}

export function riskUsersModel(input: RiskUsersInput): { model: RiskUsersCardModel; next?: RiskyUsersCursor } {
  const { cursor, pageSize, now } = input;
  const users = [...input.users].sort(orderOf(cursor));
  const page = users.slice(cursor.offset, cursor.offset + pageSize);
  const types = input.detections ? typesByUser(input.detections) : undefined;
  const rows = page.map((u) => {
    const found = types?.get(u.id.toLowerCase()) ?? [];
    return {
      name: e(u.userDisplayName ?? u.id),
      upn: e(u.userPrincipalName ?? ''),
      level: levelText(u.riskLevel),
      state: stateText(u.riskState),
      updated: u.riskLastUpdatedDateTime ? `${when(u.riskLastUpdatedDateTime)} (${ago(u.riskLastUpdatedDateTime, now)})` : 'unknown',
      detections: types ? (found.length ? found.map((t) => e(typeName(t))).join(', ') : 'none open') : 'not shown',
    };
  });
  const scope = [cursor.level ? `${cursor.level} risk` : '', cursor.window ? `risk changed ${when(cursor.window.start)} to ${when(cursor.window.end)}` : ''].filter(Boolean).join(', ');
  const among = cursor.among ? ` · ${amongText(cursor.among)}` : '';
  const title = `${cursor.level ? `Users at ${cursor.level} risk` : 'Users at risk'}${among}${cursor.noMfa ? ' · no MFA registered' : ''}${cursor.order ? ` · ${cursor.order} first` : ''}`;
  const subtitle = users.length
    ? `${users.length} at risk now${cursor.window ? ` (risk changed ${when(cursor.window.start)} to ${when(cursor.window.end)})` : ''}: ${countsText(users)}`
    : `No users at risk now${cursor.among ? ` among ${amongText(cursor.among)}` : ''}${scope ? ` (${scope})` : ''}`;
  const high = users.filter((u) => u.riskLevel === 'high').length;
  const compromised = users.filter((u) => u.riskState === 'confirmedCompromised').length;
  const callouts: string[] = [];
  if (high > 0 && cursor.offset === 0) callouts.push(`${high} user${high === 1 ? ' is' : 's are'} at high risk: start with ${high === 1 ? 'them' : 'these'}.`);
  if (compromised > 0 && cursor.offset === 0) callouts.push(`${compromised} confirmed compromised.`);
  const notes = [...input.hidden];
  const next = cursor.offset + pageSize < users.length ? { ...cursor, offset: cursor.offset + pageSize } : undefined;
  if (users.length > page.length) {
    notes.unshift(`Showing ${cursor.offset + 1}–${cursor.offset + page.length} of ${users.length}${next ? `; Show more lists the next ${Math.min(pageSize, users.length - next.offset)}` : ''}.`);
  }
  if (input.truncated) notes.push(`The tenant has more users at risk than one answer reads (${users.length} read): narrow the question by level or time.`);
  return {
    model: { title, subtitle, callouts: callouts.map((text) => ({ text })), rows, empty: rows.length ? '' : 'No user matches.', notes: notes.map((text) => ({ text })) },
    next,
  };
}

export function riskUsersSummary(model: RiskUsersCardModel): string {
  return [
    `${model.title} — ${model.subtitle}`,
    ...model.callouts.map((c) => `⚠ ${c.text}`),
    ...model.rows.map((r) => `• ${r.name}${r.upn ? ` (${r.upn})` : ''} — ${r.level}, ${r.state}, updated ${r.updated} — ${r.detections}`),
    ...(model.empty ? [model.empty] : []),
    ...model.notes.map((n) => n.text),
  ].join('\n');
}

/** The list's filters: from the cursor of an earlier page, or from the question. */
function cursorOf(request: SkillRequest): RiskyUsersCursor | undefined {
  if (request.cursor !== undefined) return decodeRiskyUsersCursor(request.cursor);
  const level = entityOf(request.understanding, 'riskLevel')?.value;
  const window = messageWindow(request.understanding);
  const among = amongOf(request);
  const text = request.understanding.text.toLowerCase();
  const order = NEWEST_FIRST.test(text) ? 'newest' : OLDEST_FIRST.test(text) ? 'oldest' : undefined;
  const noMfa = NO_MFA.test(text);
  return { offset: 0, ...(order ? { order } : {}), ...(noMfa ? { noMfa } : {}), ...(level && LEVELS.includes(level) ? { level: level as ListedRiskLevel } : {}), ...(window ? { window } : {}), ...(among ? { among } : {}) };
}

/** "risky users without any MFA method", "who at risk has no MFA registered?". */
const NO_MFA = /\b(?:no|without|missing|lacking|not (?:registered|enrolled)(?: for)?|never registered(?: for)?|hasn'?t (?:got|registered)|haven'?t (?:got|registered)|don'?t have|doesn'?t have)\s+(?:any\s+|an?\s+)?(?:mfa|multi-?factor|authentication method|second factor|2fa)\b|\b(?:mfa|multi-?factor)\s+(?:not registered|missing)\b/;

/** "newest first", "most recently updated first"; "oldest first", "sitting there the longest". */
const NEWEST_FIRST = /\b(?:newest|latest|most recent(?:ly (?:updated|changed|flagged))?|recent) (?:ones? )?first\b|\bnewest to oldest\b|\bmost recently (?:updated|changed|flagged)\b/;
const OLDEST_FIRST = /\boldest (?:ones? )?first\b|\boldest to newest\b|\b(?:sitting|open|waiting|been there|at risk) (?:there )?(?:the )?longest\b|\blongest[- ](?:open|standing|waiting)\b/;

/** "anyone in Finance at risk?", "risky users in the Sales department": the group or the people the list is narrowed to. */
function amongOf(request: SkillRequest): RiskyUsersAmong | undefined {
  const group = entityOf(request.understanding, 'group');
  if (group?.id && group.resolution === 'resolved') return { kind: 'group', id: group.id, name: group.displayName ?? group.text };
  const attribute = request.understanding.entities.find((e) => e.type === 'userAttribute' && (AMONG_FIELDS as readonly string[]).includes(e.field ?? ''));
  return attribute?.value ? { kind: 'attribute', field: attribute.field as AmongField, value: attribute.value } : undefined;
}

function amongText(among: RiskyUsersAmong): string {
  if (among.kind === 'group') return `members of ${among.name}`;
  const label = { department: 'department', city: 'city', country: 'country', jobTitle: 'job title' }[among.field];
  return `${label} ${among.value}`;
}

export function createRiskUsersSkill(options: { pageSize?: number } = {}): Skill {
  const pageSize = options.pageSize ?? RISKY_USERS_PAGE;
  return defineSkill<RiskyUsersCursor>({
    name: 'riskUsers',
    version: '1',
    intents: ['risk.users'],
    what: 'risky users',
    needs: 'riskyUsers.read',
    asked(request) {
      const cursor = cursorOf(request);
      return cursor ? { asked: cursor } : { answer: { kind: 'text', text: 'That "show more" button no longer matches a list I can continue. Ask again, for example "show risky users".' } };
    },
    async answer({ request, tenant, asked: cursor, may }): Promise<SkillAnswer> {
      const query: RiskyUsersQuery = { ...(cursor.level ? { level: cursor.level } : {}), ...(cursor.window ? { window: cursor.window } : {}) };
      const listed = await listRiskyUsers(tenant.client, query);
      let { users } = listed;
      const { truncated } = listed;
      const amongNotes: string[] = [];
      if (cursor.among) {
        const people = await userIdsAmong(tenant.client, cursor.among);
        users = users.filter((u) => people.ids.has(u.id.toLowerCase()));
        if (people.truncated) amongNotes.push(`Only the first ${people.ids.size} of ${amongText(cursor.among)} were read: the list may miss some.`);
      }
      if (cursor.offset > 0 && cursor.offset >= users.length) {
        return { kind: 'text', text: `There are no more users at risk to show: the list now has ${users.length}. Ask again to see it from the top.` };
      }
      if (cursor.noMfa) {
        if (!(await may('userRegistrationDetails.read'))) {
          return { kind: 'text', text: `Whether they have MFA needs ${roleList(rolesFor('userRegistrationDetails.read'))}; ask for the risky users without that part.` };
        }
        const registered = await mfaRegisteredAmong(tenant.client, users.map((u) => u.id));
        users = users.filter((u) => registered.get(u.id.toLowerCase()) === false);
      }
      // The rows this page shows, in the list's order: their detections are read, and they are what the answer is about.
      const shown = pageOf(users, cursor, pageSize);
      const hidden: string[] = [...amongNotes];
      let detections: RiskDetection[] | undefined;
      if (await may('riskDetections.read')) {
        const pageIds = shown.map((u) => u.id);
        try {
          detections = await detectionsOfUsers(tenant.client, pageIds, true);
        } catch (err) {
          if ((err as { statusCode?: number }).statusCode !== 403) throw err;
          hidden.push(`Detection types not shown: they need ${roleList(rolesFor('riskDetections.read'))}.`);
        }
      } else {
        hidden.push(`Detection types not shown: they need ${roleList(rolesFor('riskDetections.read'))}.`);
      }
      const { model, next } = riskUsersModel({ users, cursor, pageSize, detections, truncated, hidden, now: request.now });
      return {
        kind: 'card',
        template: 'riskUsers',
        subjects: shown.map((u) => ({ type: 'user' as const, id: u.id, displayName: u.userDisplayName ?? u.userPrincipalName ?? u.id, shownAs: `${levelText(u.riskLevel)} ${stateText(u.riskState)}` })),
        data: model,
        summary: riskUsersSummary(model),
        ...(next ? { actions: [{ kind: 'showMore' as const, title: `Show ${Math.min(pageSize, users.length - next.offset)} more`, cursor: encodeRiskyUsersCursor(next) }] } : {}),
      };
    },
  });
}

export const riskUsersSkill = createRiskUsersSkill();

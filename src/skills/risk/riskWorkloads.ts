/**
 * risk.workload with no app named: the risky workload identities (service principals) at risk now, highest level first
 * and newest first within a level, a page at a time with a "show more" cursor.
 */
import { createHash } from 'node:crypto';
import { escapeMarkdown } from '../../cards/escape';
import { batchGet, bodyOf, type Page } from '../../graph/directoryQueries';
import type { TenantSession } from '../../graph/sessions';
import { MAX_RISKY_PAGES, remainingPages, riskyListRequests, type RiskyListFilter, type RiskyServicePrincipal } from '../../graph/workloadRiskQueries';
import { entityOf, type Entity } from '../../understanding/types';
import type { AnswerAction, SkillAnswer, SkillRequest } from '../types';
import { throwUnlessFound } from '../common/access';
import { decodeCursor, encodeCursor, isOffset } from '../common/cursor';
import { formatDate, formatWhen } from '../common/format';
import { cardAnswer, type WorkloadRiskCardModel } from './riskWorkloadAnswer';
import { isOpen, LEVELS, levelRank, levelRiskText, stateText } from './riskText';
import { capitalised } from './workloadRiskText';

/** Risky workload identities per page of the list. */
export const WORKLOAD_PAGE = 10;

function rangeOf(request: SkillRequest): Entity | undefined {
  const range = entityOf(request.understanding, 'timeRange');
  return range && range.source === 'message' && range.start ? range : undefined;
}

function levelOf(request: SkillRequest): string | undefined {
  const level = entityOf(request.understanding, 'riskLevel')?.value;
  return level && LEVELS.includes(level) ? level : undefined;
}

/** What a cursor must match: the same level and time range asked (not the clock-derived instants, which move). */
function questionKey(level: string | undefined, range: Entity | undefined): string {
  return createHash('sha256')
    .update(JSON.stringify(['risk.workload', level ?? '', range?.value ?? '']))
    .digest('hex')
    .slice(0, 12);
}

const LIST = 'riskyWorkloads';

/** A page offset and the question's key, in the one cursor format (src/skills/common/cursor.ts). */
export function listCursor(offset: number, key: string): string {
  return encodeCursor(LIST, 1, { o: offset, k: key });
}

/**
 * The offset a "show more" cursor points at. A cursor carries only a page offset and the question's key, never a
 * URL, so whatever a client sends can at worst pick another page of the same list: never another query or host.
 */
function readCursor(cursor: string | undefined, key: string): { offset: number } | { error: string } {
  if (cursor === undefined) return { offset: 0 };
  const body = decodeCursor(LIST, 1, cursor, ['o', 'k']);
  if (!body || !isOffset(body.o, 1, 999_999) || body.o % WORKLOAD_PAGE !== 0 || typeof body.k !== 'string' || !/^[0-9a-f]{12}$/.test(body.k)) {
    return { error: 'That "show more" button is not one I handed out, so I did not follow it. Ask about risky workload identities again to start from the first page.' };
  }
  if (body.k !== key) {
    return { error: 'That "show more" button belongs to a different question (another risk level or time range). Ask your question again to start from the first page.' };
  }
  return { offset: body.o };
}

function byLevelThenNewest(a: RiskyServicePrincipal, b: RiskyServicePrincipal): number {
  const level = levelRank(a.riskLevel) - levelRank(b.riskLevel);
  if (level !== 0) return level;
  const time = Date.parse(b.riskLastUpdatedDateTime ?? '') - Date.parse(a.riskLastUpdatedDateTime ?? '');
  return time || a.id.localeCompare(b.id);
}

function riskyRowText(r: RiskyServicePrincipal, now: Date): string {
  const state = r.riskState === 'confirmedCompromised' ? 'confirmed compromised' : levelRiskText(r.riskLevel);
  return escapeMarkdown(`${r.displayName ?? r.appId ?? r.id} — ${state}, last changed ${formatWhen(r.riskLastUpdatedDateTime, now)}`);
}

function rangeWords(range: Entity | undefined): string {
  if (!range) return '';
  // The asker's own words come back in the answer: escaped like tenant data.
  return range.text ? ` (changed ${escapeMarkdown(range.text)})` : ` (changed ${formatDate(range.start)} to ${formatDate(range.end)})`;
}

/** Closed cases: how many, and the first few by name ("Marketing Automation, dismissed 2026-11-12"). */
export interface ClosedRisks {
  count: number;
  named: Array<Pick<RiskyServicePrincipal, 'id' | 'displayName' | 'riskState' | 'riskLastUpdatedDateTime'>>;
}

function closedWords(closed: ClosedRisks): string {
  if (!closed.named.length) return '';
  const names = closed.named.map((r) => `${escapeMarkdown(r.displayName ?? r.id)} (${stateText(r.riskState)} ${formatDate(r.riskLastUpdatedDateTime ?? '')})`);
  return `: ${names.join(', ')}${closed.count > closed.named.length ? ` and ${closed.count - closed.named.length} more` : ''}`;
}

export function riskyListModel(
  open: RiskyServicePrincipal[],
  closed: ClosedRisks,
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
  if (closed.count > 0) {
    notes.push({ text: `Not listed: ${closed.count} workload identit${closed.count === 1 ? 'y' : 'ies'} whose risk was dismissed, remediated or confirmed safe${rangeWords(asked.range)}${closedWords(closed)}.` });
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

export async function listAnswer(request: SkillRequest, tenant: TenantSession): Promise<SkillAnswer> {
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
  const open = items.filter((r) => isOpen(r.riskState)).sort(byLevelThenNewest);
  const closedPage = bodyOf<Page<ClosedRisks['named'][number]>>(responses, 'closed');
  const closed: ClosedRisks = { count: closedPage?.['@odata.count'] ?? closedPage?.value.length ?? 0, named: closedPage?.value ?? [] };
  if (open.length === 0) {
    const which = level ? `at ${level} risk` : 'at risk';
    const others = closed.count ? ` ${closed.count} other${closed.count === 1 ? ' had its' : 's had their'} risk dismissed, remediated or confirmed safe${rangeWords(range)}${closedWords(closed)}.` : '';
    return { kind: 'text', text: `No workload identity (service principal) is ${which}${rangeWords(range)}.${others}` };
  }
  if (cursor.offset >= open.length) {
    return { kind: 'text', text: `There are no more risky workload identities to show: the list has ${open.length}, and all were shown. Ask again for a fresh list.` };
  }
  const model = riskyListModel(open, closed, { offset: cursor.offset, truncated }, { level, range }, request.now);
  const next = cursor.offset + WORKLOAD_PAGE;
  const actions: AnswerAction[] = next < open.length ? [{ kind: 'showMore', title: `Show more (${open.length - next} left)`, cursor: listCursor(next, key) }] : [];
  // "the marketing one", "which key did it use": the rows shown, for follow-ups.
  // ("what happened with the high one?": a row is also known by the level it shows.)
  const subjects = open.slice(cursor.offset, next).map((r) => ({ type: 'app' as const, id: r.id, displayName: r.displayName ?? r.id, shownAs: `${r.riskLevel ?? ''} ${r.riskState ?? ''}`.trim() }));
  return cardAnswer(model, actions, subjects);
}

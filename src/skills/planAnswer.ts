/**
 * The one answer for question plans: a list, a count or a breakdown read through the plan compiler, with the plan
 * restated in words so the admin sees exactly what was read, the table columns the plan makes relevant, what was
 * read from Graph and where a bounded read stopped, and "show more" continuing from Graph's nextLink.
 */
import { escapeMarkdown } from '../cards/escape';
import type { PermissionKey } from '../graph/permissions';
import { namePeopleIn, type DirectoryAudit } from '../graph/directoryQueries';
import { compilePlan, COUNT_ROWS, LIST_ROWS, VISIBLE_ROWS, type CompiledPlan } from '../plans/compile';
import { jsonText } from '../jsonText';
import { describePlan, valueWords } from '../plans/describe';
import { DEFAULT_MAX_PAGES, runPlan, type Item, type PlanRun } from '../plans/execute';
import { isQuestionPlan, type QuestionPlan } from '../plans/plan';
import { fieldOf, PlanError, resourceOf, valueOf, type FieldSpec, type ResourceSpec } from '../plans/resources';
import { PLAN_INTENTS } from '../understanding/intents/registry';
import { defineSkill } from './common/defineSkill';
import { rolesFor, rolesNeededAnswer } from './common/access';
import { formatDate } from './common/format';
import { actorOf } from './common/auditText';
import { decodeCursor, encodeCursor, isOffset } from './common/cursor';
import type { AnswerAbout, AnswerAction, AnswerSubject, Skill, SkillAnswer } from './types';

const e = escapeMarkdown;
const MAX_COLUMNS = 6;

export interface PlanCardModel {
  title: string;
  headline: string;
  facts: Array<{ title: string; value: string }>;
  hasTable: boolean;
  columns: Array<{ title: string; width: number }>;
  rows: Array<{ cells: Array<{ text: string }> }>;
  /** Rows read but folded: "Show all" reveals them. */
  hasMoreRows: boolean;
  moreRows: Array<{ cells: Array<{ text: string }> }>;
  showAllTitle: string;
  notes: Array<{ text: string }>;
}

function cellText(spec: FieldSpec, item: Item): string {
  if (spec.cell) return e(spec.cell(item));
  const value = valueOf(spec, item);
  if (value === undefined || value === null || value === '') return spec.emptyText ?? '—';
  if (spec.format) return e(spec.format(value));
  if (spec.type === 'date') return formatDate(jsonText(value));
  if (Array.isArray(value)) return value.length ? e(value.map((v) => valueWords(spec, v)).join(', ')) : '—';
  return e(valueWords(spec, value));
}

/** The list's columns: the resource's own, then the fields its conditions are on (they show why a row matched). */
function columnsOf(resource: ResourceSpec, plan: QuestionPlan): FieldSpec[] {
  const names = [...resource.columns, ...(plan.columns ?? []).filter((c) => !resource.columns.includes(c))];
  for (const filter of plan.filters) {
    const spec = fieldOf(resource, filter.field);
    if (spec.type === 'guid' || spec.path.includes('$count')) continue;
    const shown = resource.fields.find((f) => f.path === spec.path && names.includes(f.name));
    if (!shown && !names.includes(spec.name)) names.push(spec.name);
  }
  return names.slice(0, MAX_COLUMNS).map((n) => fieldOf(resource, n));
}

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** What was read, and where a bounded read stopped: never a partial answer passed off as whole. */
function readNotes(compiled: CompiledPlan, run: PlanRun): string[] {
  const notes: string[] = [];
  const resource = compiled.resource;
  const onClient = compiled.clientFilters.map((c) => c.filter.label ?? c.spec.label.toLowerCase());
  if (compiled.plan.operation.kind === 'count' && run.graphCount !== undefined) {
    notes.push(countedRows(compiled, run) ? 'Counted by Microsoft Graph ($count).' : 'Counted by Microsoft Graph ($count): ask to list them to see them.');
    return notes;
  }
  notes.push(
    `Read ${plural(run.pagesRead, 'page', 'pages')} (${plural(run.itemsRead, resource.noun.one, resource.noun.many)}) from Microsoft Graph${onClient.length ? `; checked here, as Graph cannot filter on it: ${e(onClient.join(', '))}` : ''}.`,
  );
  if (!run.complete && run.stoppedAt !== undefined) {
    notes.push(
      `The read stopped after ${plural(run.itemsRead, resource.noun.one, resource.noun.many)}${run.stoppedAt ? `, at ${formatDate(run.stoppedAt)}` : ''}: older ones were not read, so the numbers cover only what was read. Narrow the time window or add a condition to read the rest.`,
    );
  }
  if (compiled.plan.filters.some((f) => f.field === 'lastSignIn' && f.op === 'le')) notes.push('Users who never signed in are not in this list: ask "which users never signed in?".');
  return notes;
}

/** A count whose every row was read on the way (at most COUNT_ROWS of them): the answer names them. */
function countedRows(compiled: CompiledPlan, run: PlanRun): boolean {
  if (compiled.plan.operation.kind !== 'count' || run.items.length === 0) return false;
  const total = run.graphCount ?? (run.complete ? run.matched : undefined);
  return total !== undefined && total <= COUNT_ROWS && run.items.length === total;
}

function headlineOf(compiled: CompiledPlan, run: PlanRun, shown: number): string {
  const { plan, resource } = compiled;
  const noun = resource.noun;
  const op = plan.operation;
  const total = run.graphCount ?? (run.complete ? run.matched : undefined);
  switch (op.kind) {
    case 'count':
      return total !== undefined ? `**${plural(total, noun.one, noun.many)}**.` : `At least **${plural(run.matched, noun.one, noun.many)}** in what was read.`;
    case 'exists':
      if (run.items.length) {
        const how = total !== undefined ? plural(total, noun.one, noun.many) : `at least ${plural(run.items.length, noun.one, noun.many)}`;
        return `**Yes**: ${how} match${total === 1 ? 'es' : ''}.`;
      }
      return run.complete ? `**No**: no ${noun.many} match.` : `**None found** in what was read.`;
    case 'latest':
    case 'first':
      if (!run.items.length) return run.complete ? `No ${noun.many} match.` : `None found in what was read.`;
      return `The ${op.kind === 'latest' ? 'latest' : 'first'} matching ${noun.one}:`;
    case 'groupBy':
    case 'countDistinct':
    case 'top': {
      const groups = run.groups ?? [];
      const label = fieldOf(resource, op.field).label.toLowerCase();
      if (run.matched === 0) return run.complete ? `No ${noun.many} match.` : `None found in what was read.`;
      const words = GROUP_NOUNS[op.field];
      const distinct = words
        ? `${groups.length.toLocaleString('en-US')} different ${groups.length === 1 ? words[0] : words[1]}`
        : `${groups.length.toLocaleString('en-US')} different ${label} value${groups.length === 1 ? '' : 's'}`;
      return op.kind === 'countDistinct'
        ? `**${distinct}** among ${plural(run.matched, noun.one, noun.many)}.`
        : `${plural(run.matched, noun.one, noun.many)}, ${op.kind === 'top' ? `top ${Math.min(op.n, groups.length)} of ${distinct}` : `${/user|initiatedBy|principal/i.test(op.field) ? 'by' : 'in'} ${distinct}`}.`;
    }
    case 'list':
      if (shown === 0) return run.complete ? `No ${noun.many} match.` : `None found in what was read.`;
      if (total !== undefined) return total > shown ? `Showing ${shown} of **${plural(total, noun.one, noun.many)}**.` : `**${plural(total, noun.one, noun.many)}**.`;
      return `The first ${plural(shown, noun.one, noun.many)}; there are more.`;
  }
}

/** What a breakdown's values are, in words: "16 different people" rather than "16 different initiated by values". */
const GROUP_NOUNS: Record<string, [string, string]> = {
  initiatedBy: ['person or app', 'people or apps'],
  userDisplayName: ['user', 'users'],
  app: ['app', 'apps'],
  country: ['country', 'countries'],
  city: ['city', 'cities'],
  errorCode: ['error code', 'error codes'],
  ipAddress: ['IP address', 'IP addresses'],
  day: ['day', 'days'],
  os: ['operating system', 'operating systems'],
  browser: ['browser', 'browsers'],
  clientApp: ['client app', 'client apps'],
  riskEventType: ['detection type', 'detection types'],
  riskLevel: ['risk level', 'risk levels'],
  riskState: ['risk state', 'risk states'],
  activity: ['activity', 'activities'],
  category: ['category', 'categories'],
  department: ['department', 'departments'],
  jobTitle: ['job title', 'job titles'],
  userType: ['user type', 'user types'],
};

export function planCardModel(compiled: CompiledPlan, run: PlanRun, options: { continued?: boolean } = {}): PlanCardModel {
  const { plan, resource } = compiled;
  const op = plan.operation;
  let columns: Array<{ title: string; width: number }> = [];
  let rows: PlanCardModel['rows'] = [];
  const notes: string[] = [];
  if (op.kind === 'groupBy' || op.kind === 'countDistinct' || op.kind === 'top') {
    const spec = fieldOf(resource, op.field);
    const groups = run.groups ?? [];
    const limit = op.kind === 'top' ? op.n : LIST_ROWS;
    columns = [
      { title: spec.label, width: 4 },
      { title: capitalise(resource.noun.many), width: 1 },
    ];
    rows = groups.slice(0, limit).map((g) => ({ cells: [{ text: e(spec.format && g.value !== '(none)' && !/^\d+$/.test(g.value) ? g.value : valueWords(spec, g.value)) }, { text: g.count.toLocaleString('en-US') }] }));
    const rest = groups.slice(limit);
    if (rest.length) notes.push(`And ${plural(rest.length, 'other value', 'other values')} with ${plural(rest.reduce((n, g) => n + g.count, 0), resource.noun.one, resource.noun.many)} between them.`);
  } else if (op.kind !== 'count' || countedRows(compiled, run)) {
    const specs = columnsOf(resource, plan);
    columns = specs.map((s) => ({ title: s.label, width: s.type === 'date' ? 2 : 3 }));
    rows = run.items.map((item) => ({ cells: specs.map((s) => ({ text: cellText(s, item) })) }));
  }
  const visible = rows.slice(0, VISIBLE_ROWS);
  const folded = rows.slice(VISIBLE_ROWS);
  const facts: Array<{ title: string; value: string }> = [];
  if (plan.window) facts.push({ title: 'Time window', value: `${plan.window.label} (${formatDate(plan.window.start)} – ${formatDate(plan.window.end)})` });
  return {
    title: e(describePlan(plan)),
    headline: (options.continued ? 'More: ' : '') + headlineOf(compiled, run, rows.length),
    facts,
    hasTable: rows.length > 0,
    columns,
    rows: visible,
    hasMoreRows: folded.length > 0,
    moreRows: folded,
    showAllTitle: `Show all ${rows.length} rows`,
    notes: [...notes, ...readNotes(compiled, run)].map((text) => ({ text })),
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function planSummary(model: PlanCardModel): string {
  return [
    model.title,
    model.headline.replace(/\*\*/g, ''),
    ...model.facts.map((f) => `${f.title}: ${f.value}`),
    ...(model.hasTable ? [model.columns.map((c) => c.title).join(' | '), ...[...model.rows, ...model.moreRows].map((r) => r.cells.map((c) => c.text).join(' | '))] : []),
    ...model.notes.map((n) => n.text),
  ].join('\n');
}

/** "Show more": Graph's nextLink (relative to the version root) and the matches of that page already shown, in the one cursor format (src/skills/common/cursor.ts). */
export function encodePlanCursor(nextLink: string, version: string, skip: number): string | undefined {
  const at = nextLink.indexOf(`/${version}/`);
  if (at < 0) return undefined;
  return encodeCursor('plan', 1, { s: skip, n: nextLink.slice(at + version.length + 1) });
}

/** Only a link under this plan's own collection is followed, so a forged cursor reads nothing else. */
export function decodePlanCursor(cursor: string, compiled: CompiledPlan): { nextLink: string; skip: number } | undefined {
  const body = decodeCursor('plan', 1, cursor, ['s', 'n']);
  if (!body || !isOffset(body.s, 0, 9999) || typeof body.n !== 'string' || !/^\/[^\s#]*$/.test(body.n)) return undefined;
  const path = compiled.resource.path(compiled.plan.anchor);
  if (!body.n.startsWith(`${path}?`) || body.n.includes('..')) return undefined;
  return { nextLink: body.n, skip: body.s };
}

function refusal(key: PermissionKey, what: string): SkillAnswer {
  return rolesNeededAnswer(what, rolesFor(key));
}

/** The tenant objects a list shows, in order, for "the top one" in a follow-up; logs and policies have none. */
const SUBJECT_TYPES: Partial<Record<CompiledPlan['resource']['name'], { type: AnswerSubject['type']; name: string; id?: string; appId?: string; typeOf?: (item: Record<string, unknown>) => AnswerSubject['type'] | undefined }>> = {
  // A list of sign-ins: the people in it, in the order shown ("the one from Harper").
  signIns: { type: 'user', name: 'userDisplayName', id: 'userId' },
  users: { type: 'user', name: 'displayName' },
  registrationDetails: { type: 'user', name: 'userDisplayName' },
  riskyUsers: { type: 'user', name: 'userDisplayName' },
  groups: { type: 'group', name: 'displayName' },
  memberOf: { type: 'group', name: 'displayName' },
  ownedGroups: { type: 'group', name: 'displayName' },
  conditionalAccessPolicies: { type: 'policy', name: 'displayName' },
  namedLocations: { type: 'namedLocation', name: 'displayName' },
  directReports: { type: 'user', name: 'displayName' },
  servicePrincipals: { type: 'app', name: 'displayName', appId: 'appId' },
  riskyServicePrincipals: { type: 'app', name: 'displayName', appId: 'appId' },
  // A group's members and owners: people and groups (a service principal member is no row to ask of).
  groupMembers: { type: 'user', name: 'displayName', typeOf: memberType },
  groupOwners: { type: 'user', name: 'displayName', typeOf: memberType },
  // App registrations: known by their application id, as the expiring-credentials answer's rows are.
  applications: { type: 'app', name: 'displayName', id: 'appId', appId: 'appId' },
  ownedApps: { type: 'app', name: 'displayName', id: 'appId', appId: 'appId' },
};

/** The kinds of audit targets a follow-up can ask of (Graph's targetResource.type). */
const AUDIT_TARGET_TYPES: Record<string, AnswerSubject['type']> = { User: 'user', Group: 'group', Policy: 'policy', ServicePrincipal: 'app' };

function memberType(item: Record<string, unknown>): AnswerSubject['type'] | undefined {
  const type = typeof item['@odata.type'] === 'string' ? item['@odata.type'] : '#microsoft.graph.user';
  return type.endsWith('.user') ? 'user' : type.endsWith('.group') ? 'group' : undefined;
}

/**
 * The short word values of a row ("low", "atRisk", "Guest", "Windows"), by which a follow-up may describe it ("the low
 * one", "the guest one"): no ids, dates, addresses or sentences.
 */
function shortWordsOf(item: Record<string, unknown>): string | undefined {
  const words = Object.values(item).filter((v): v is string => typeof v === 'string' && v.length > 0 && v.length <= 24 && /^[a-z]/i.test(v) && !/[@/:]/.test(v) && !/^[0-9a-f-]{36}$/i.test(v));
  return words.length ? words.join(' ').slice(0, 120) : undefined;
}

function subjectsOf(compiled: CompiledPlan, run: PlanRun): AnswerSubject[] {
  // Audit events: what each changed, newest first ("the most recent of those - what state is that policy in now?").
  if (compiled.resource.name === 'directoryAudits' && ['list', 'exists', 'latest', 'first', 'count'].includes(compiled.plan.operation.kind)) {
    const targets = run.items.flatMap((item): AnswerSubject[] => {
      const target = ((item.targetResources as Array<{ id?: string; displayName?: string; userPrincipalName?: string; type?: string }> | undefined) ?? [])[0];
      const type = target?.type ? AUDIT_TARGET_TYPES[target.type] : undefined;
      return target?.id && type ? [{ type, id: target.id, displayName: target.displayName || target.userPrincipalName || target.id }] : [];
    });
    return [...new Map(targets.map((s) => [s.id, s])).values()];
  }
  const kind = SUBJECT_TYPES[compiled.resource.name];
  if (!kind || (compiled.plan.operation.kind === 'count' && !countedRows(compiled, run))) return [];
  const op = compiled.plan.operation;
  // Sign-ins counted by person: the people in the order the table shows them ("the second one - what's his deal?").
  if (compiled.resource.name === 'signIns' && (op.kind === 'groupBy' || op.kind === 'top' || op.kind === 'countDistinct') && op.field === 'userDisplayName') {
    const ids = run.groupIds ?? {};
    return (run.groups ?? []).flatMap((g) => (ids[g.value] ? [{ type: 'user' as const, id: ids[g.value], displayName: g.value }] : []));
  }
  // Sign-ins by app: the apps in the order shown, known by their application id ("the exchange ones").
  if (compiled.resource.name === 'signIns' && (op.kind === 'groupBy' || op.kind === 'top' || op.kind === 'countDistinct') && op.field === 'app') {
    const ids = run.groupIds ?? {};
    return (run.groups ?? []).flatMap((g) => (ids[g.value] ? [{ type: 'app' as const, id: ids[g.value], appId: ids[g.value], displayName: g.value }] : []));
  }
  if (compiled.resource.name === 'signIns' && !['list', 'exists', 'latest', 'first', 'count'].includes(op.kind)) return [];
  const idField = kind.id ?? 'id';
  const subjects = run.items
    .filter((item) => typeof item[idField] === 'string' && item[idField])
    .flatMap((item): AnswerSubject[] => {
      const type = kind.typeOf ? kind.typeOf(item) : kind.type;
      if (!type) return [];
      const shownAs = shortWordsOf(item);
      const appId = kind.appId && typeof item[kind.appId] === 'string' ? { appId: item[kind.appId] as string } : {};
      return [{ type, id: item[idField] as string, displayName: String(item[kind.name] ?? item[idField]), ...appId, ...(shownAs ? { shownAs } : {}) }];
    });
  return [...new Map(subjects.map((s) => [s.id, s])).values()];
}

export function createPlanSkill(options: { listRows?: number; maxPages?: number } = {}): Skill {
  const listRows = options.listRows ?? LIST_ROWS;
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  return defineSkill({
    name: 'planAnswer',
    version: '1',
    intents: [...new Set(Object.values(PLAN_INTENTS))],
    what: 'this list',
    async answer({ request, tenant, may }) {
      const plan = request.understanding.plan;
      if (!isQuestionPlan(plan)) return { kind: 'text', text: 'I could not make a list question of that. Ask again, for example "which accounts are disabled?"' };
      let compiled: CompiledPlan;
      try {
        compiled = compilePlan(plan, { listRows });
      } catch (err) {
        if (err instanceof PlanError) return { kind: 'text', text: `I can't read that list: ${err.message}.` };
        throw err;
      }
      const what = resourceOf(plan.resource).noun.many;
      // Every read the plan needs is checked before the first one is made.
      for (const key of compiled.permissions) if (!(await may(key))) return refusal(key, what);
      let from: { nextLink: string; skip: number } | undefined;
      if (request.cursor !== undefined) {
        from = decodePlanCursor(request.cursor, compiled);
        if (!from) return { kind: 'text', text: 'That "show more" button no longer matches a list I can continue. Ask the question again.' };
      }
      let run: PlanRun;
      try {
        // The audit log names people by sign-in address only: their display names are read, so rows say who.
        const enrich = plan.resource === 'directoryAudits' ? (items: Item[]) => namePeopleIn(tenant.client, items as unknown as DirectoryAudit[]) : undefined;
        run = await runPlan(tenant.client, compiled, { listRows, maxPages, from, ...(enrich ? { enrich } : {}) });
      } catch (err) {
        const status = (err as { statusCode?: number }).statusCode;
        if (status === 403) return refusal(compiled.resource.permission, what);
        if (status === 400) {
          return { kind: 'text', text: `Microsoft Graph refused this query (${e((err as Error).message)}). Nothing was read; try fewer conditions.` };
        }
        throw err;
      }
      const model = planCardModel(compiled, run, { continued: from !== undefined });
      const actions: AnswerAction[] = [];
      if (plan.operation.kind === 'list' && run.nextLink && run.items.length > 0) {
        const cursor = encodePlanCursor(run.nextLink.startsWith('/') ? `/${compiled.version}${run.nextLink}` : run.nextLink, compiled.version, run.skipInNext ?? 0);
        if (cursor) actions.push({ kind: 'showMore', title: `Show more ${compiled.resource.noun.many}`, cursor });
      }
      const subjects = subjectsOf(compiled, run);
      // Sign-ins by error code: the top code, for "explain the top one".
      const op = compiled.plan.operation;
      const topCode = compiled.resource.name === 'signIns' && (op.kind === 'groupBy' || op.kind === 'top') && op.field === 'errorCode' ? run.groups?.[0]?.value : undefined;
      const about: AnswerAbout[] = topCode !== undefined && /^\d+$/.test(String(topCode)) ? [{ type: 'errorCode', displayName: String(topCode) }] : [];
      // Audit events: who made the newest one shown ("what else did that admin do that day?").
      const actor = compiled.resource.name === 'directoryAudits' ? actorOf(run.items as unknown as DirectoryAudit[]) : undefined;
      return { kind: 'card', template: 'planAnswer', data: model, summary: planSummary(model), ...(actions.length ? { actions } : {}), ...(subjects.length ? { subjects } : {}), ...(about.length ? { about } : {}), ...(actor ? { actor } : {}) };
    },
  });
}

export const planSkill = createPlanSkill();

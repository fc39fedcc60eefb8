/**
 * Questions asked of the rows the last answer showed: "which of them failed to sign in this week?" after a group's
 * members, "are any of those guests?" after a list of sign-ins, "which of these have MFA?" after the holders of a
 * role. The message's own plan (its collection, conditions and operation) is read only for those rows: a condition on
 * their ids, as the collection names them (a user's id, a sign-in's user, a role assignment's principal).
 */
import type { PlanFilter, PlanResource, QuestionPlan } from '../plans/plan';
import type { Entity, IntentName } from './types';
import { PLAN_INTENTS } from './intents/registry';

/** "which of them", "any of those", "among them", "those four", "do they all": the words that point at the last rows. */
export const ASKS_OF_ROWS =
  /\b(?:which|who|whom|how many|any|none|all|each|one|some|many|most|both|either|neither)(?: one)? of (?:them|those|these|the above)\b|\bamong (?:them|those|these)\b|\bthose (?:two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\b|\b(?:are|were|do|did|does|have|has|had|is) (?:any of )?(?:they|those|these)(?: (?:two|three|four|five|people|users|accounts|guys|folks))? (?:all |both )?(?!(?:sign|log|attempt|event|failure|change|entr|record|error))\w|\bthey all\b|\ball of them\b|\bany of (?:them|those|these)\b/;

type RowType = 'user' | 'group' | 'app';

export interface AskedRow {
  type: string;
  id: string;
  displayName: string;
  appId?: string;
  /** A person's department, title and place (conversation.ts adds them while a message is read). */
  describedAs?: string;
  /** Short words the answer showed beside the row ("guest", "low", "certificate"). */
  shownAs?: string;
}

/** How a collection names the object each kind of row is: the field, and whether it holds the app's application id. */
const ROW_FIELDS: Record<RowType, Partial<Record<PlanResource, { field: string; appId?: boolean }>>> = {
  user: {
    users: { field: 'id' },
    signIns: { field: 'user' },
    registrationDetails: { field: 'id' },
    riskyUsers: { field: 'id' },
    riskDetections: { field: 'user' },
    roleAssignments: { field: 'principalId' },
    groupMembers: { field: 'id' },
    groupOwners: { field: 'id' },
    directReports: { field: 'id' },
  },
  group: {
    groups: { field: 'id' },
    memberOf: { field: 'id' },
    ownedGroups: { field: 'id' },
    groupMembers: { field: 'id' },
    roleAssignments: { field: 'principalId' },
  },
  app: {
    ownedApps: { field: 'appId', appId: true },
    applications: { field: 'appId', appId: true },
    servicePrincipals: { field: 'appId', appId: true },
    signIns: { field: 'appId', appId: true },
    riskyServicePrincipals: { field: 'appId', appId: true },
  },
};

/** At most this many rows are asked of by id; an answer shows no more than this many rows to point at. */
const MAX_ROWS = 20;
/** The rows become the question's objects (in its record and for the next follow-up) up to this many. */
const MAX_ABOUT = 10;

/**
 * The plan restricted to the last rows, when the words point at them and the plan reads a collection those rows can
 * be named in; otherwise undefined (the plan stands as it is). A plan that already continues the last list, starts
 * from an object, or names its own people is left alone.
 */
export function restrictToRows(plan: QuestionPlan, cue: string, rows: readonly AskedRow[] | undefined, entities: readonly Entity[]): { plan: QuestionPlan; about: Entity[] } | undefined {
  if (!rows?.length || plan.basedOnPrevious || plan.anchor || !ASKS_OF_ROWS.test(cue)) return undefined;
  if (entities.some((e) => e.source === 'message' && (e.type === 'user' || e.type === 'group' || e.type === 'app') && e.resolution === 'resolved')) return undefined;
  const filter = plan.resource === 'directoryAudits' && rows[0].type === 'user' && ROWS_AS_ACTORS.test(cue) ? actorsFilter(rows) : rowsFilter(plan.resource, rows);
  if (!filter || plan.filters.some((f) => f.field === filter.field)) return undefined;
  const asked = rows.slice(0, MAX_ROWS);
  filter.label = asked.length === 1 ? 'the one shown before' : `the ${asked.length} shown before`;
  const restricted: QuestionPlan = { ...plan, filters: [filter, ...plan.filters] };
  // "which of them failed this week?": the people among them, each with their count, rather than every attempt.
  if (plan.resource === 'signIns' && rows[0].type === 'user' && plan.operation.kind === 'list' && /\b(?:which|who|whom)(?: one)? of (?:them|those|these)\b/.test(cue)) restricted.operation = { kind: 'groupBy', field: 'userDisplayName' };
  const about = rowEntities(asked);
  return { plan: restricted, about };
}

/** "how many resets did they do?", "anything changed by those two?": the people shown made the changes asked about. */
const ROWS_AS_ACTORS = /\b(?:did|do|have|has|had) (?:they|those|these|any of (?:them|those|these))(?: (?:two|three|four|five|people|users|admins|guys|folks))? (?:all |both |ever )?(?:do|done|make|made|perform(?:ed)?|reset|change[ds]?|run|ran|add(?:ed)?|remove[ds]?|delete[ds]?)\b|\bby (?:them|those|these|any of (?:them|those|these))\b|\b(?:they|those (?:two|three|people|admins)) (?:did|made|performed|reset|changed|added|removed|deleted)\b/;

/** The changes made by these people (the audit log names who made a change by their id). */
function actorsFilter(rows: readonly AskedRow[]): PlanFilter | undefined {
  if (rows.some((r) => r.type !== 'user')) return undefined;
  const asked = rows.slice(0, MAX_ROWS);
  return { field: 'initiatedByUserId', op: 'in', value: asked.map((r) => r.id), label: asked.map((r) => r.displayName).join(', ') };
}

/** Words about app credentials and their expiry ("expired creds", "secrets running out", "certs expiring soon"). */
const CREDENTIAL_WORDS = /\b(?:secrets?|certs?|certificates?|credentials?|creds|client secrets?|keys?)\b.{0,40}\b(?:expir\w*|run(?:s|ning)? out|ran out|lapsed?|end(?:s|ing)?|renew\w*|due|valid|old|stale)\b|\b(?:expir\w*|run(?:s|ning)? out|lapsed?)\b.{0,30}\b(?:secrets?|certs?|certificates?|credentials?|creds|keys?)\b|\bexpired\b/;

/**
 * "which of those have expired creds?", "any of these with secrets running out?" after a list of apps: the
 * expiring-credentials answer, for those apps only. The rows asked of, or undefined.
 */
export function credentialsOfRows(cue: string, rows: readonly AskedRow[] | undefined, entities: readonly Entity[]): { type: 'app'; ids: string[]; label: string } | undefined {
  // Apps are matched to their registrations by application id: rows known only by an object id cannot be.
  if (!rows?.length || !rows.every((r) => r.type === 'app' && r.appId) || !CREDENTIAL_WORDS.test(cue) || !(ASKS_OF_ROWS.test(cue) || /\b(?:they|them|those|these|their)\b/.test(cue))) return undefined;
  if (entities.some((e) => e.source === 'message' && e.type === 'app' && e.resolution === 'resolved')) return undefined;
  const asked = rows.slice(0, MAX_ROWS);
  return { type: 'app', ids: asked.map((r) => r.appId!), label: `the ${asked.length} apps shown before` };
}

/** The condition on a collection that keeps only these rows, if the collection names them; undefined otherwise. */
export function rowsFilter(resource: PlanResource, rows: readonly AskedRow[]): PlanFilter | undefined {
  const type = rows[0]?.type as RowType | undefined;
  const naming = type ? ROW_FIELDS[type]?.[resource] : undefined;
  // A collection that names apps by application id cannot be asked of rows known only by their object id.
  if (!naming || rows.some((r) => r.type !== type || (naming.appId && !r.appId))) return undefined;
  const asked = rows.slice(0, MAX_ROWS);
  return { field: naming.field, op: 'in', value: asked.map((r) => (naming.appId ? r.appId ?? r.id : r.id)), label: asked.map((r) => r.displayName).join(', ') };
}

/** The rows as the objects a question is about. */
export function rowEntities(rows: readonly AskedRow[]): Entity[] {
  if (rows.length > MAX_ABOUT) return [];
  return rows.map((r): Entity => ({ type: r.type as RowType, text: r.displayName, displayName: r.displayName, id: r.id, ...(r.appId ? { appId: r.appId } : {}), resolution: 'resolved', source: 'conversation' }));
}

/**
 * "the finance ones", "the certificate ones", "the guest ones", "the ones in Toronto": the plural description of some
 * of the last rows, by their names, what the answer showed beside them, or who the people are (department, title,
 * place). The phrase and the rows it fits (some, not all, of them); undefined when it fits none or every row.
 */
const DESCRIBED_ONES = /\bthe ([a-z0-9][a-z0-9-]*(?: [a-z0-9-]+)?) ones\b|\bthe ones (?:in|from|at|based in|with|that are|who are|which are) ([a-z0-9][a-z0-9-]*(?: [a-z0-9-]+)?)\b|\bthe ([a-z0-9][a-z0-9-]*) (?:users|people|accounts|apps|groups|members|guys|folks)\b(?= among| of| in (?:that|the) list|\s*[?.!,-]|\s*$)|\bwhich (?:ones |of (?:them|those|these) )?(?:are|were) (?:already |still |now )?([a-z][a-z-]+)\s*[?.!]*$/;
const NOT_DESCRIBING = new Set(['first', 'last', 'top', 'other', 'same', 'next', 'bottom', 'previous', 'only', 'right', 'wrong', 'new', 'old', 'two', 'three', 'four', 'five', 'both', 'remaining', 'rest', 'all', 'those', 'these', 'main']);

export function describedRows(cue: string, rows: readonly AskedRow[] | undefined): { text: string; rows: AskedRow[] } | undefined {
  const m = DESCRIBED_ONES.exec(cue);
  if (!m || !rows || rows.length < 2) return undefined;
  const phrase = m[1] ?? m[2] ?? m[3] ?? m[4];
  const words = phrase.split(/[\s-]+/).filter((w) => w.length > 1 && !NOT_DESCRIBING.has(w)).map(singular);
  if (!words.length || NOT_DESCRIBING.has(phrase)) return undefined;
  const fold = (text: string) => ` ${text.toLowerCase().replace(/[-_,.()]/g, ' ').split(/\s+/).map(singular).join(' ')} `;
  const fits = (text: string | undefined) => text !== undefined && words.every((w) => fold(text).includes(` ${w} `));
  for (const about of [(r: AskedRow) => r.displayName, (r: AskedRow) => r.shownAs, (r: AskedRow) => r.describedAs]) {
    const hits = rows.filter((r) => fits(about(r)));
    if (hits.length > 0 && hits.length < rows.length) return { text: m[0], rows: hits };
  }
  return undefined;
}

function singular(word: string): string {
  return word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word;
}

/** What a message makes of the last rows: the rows its question is asked of, or an answer of its own. */
export interface RowsTurn {
  /** The rows "them" and "those" mean in this message (some of the last rows when a description chose them). */
  rows?: readonly AskedRow[];
  /** "the finance ones" alone: the last answer again, for those rows only. */
  plan?: { plan: QuestionPlan; intent: IntentName; about: Entity[]; rich?: false };
  /** The message without the description that chose the rows ("who owns them?" of "the expired ones - who owns them?"). */
  rest?: string;
  /** "the certificate ones" alone after the expiring credentials: that answer, for those apps only. */
  among?: { type: 'app'; ids: string[]; label: string };
}

/** Words around a description that ask nothing more of it ("and the finance ones?", "just the guest ones please"). */
const NOTHING_MORE = /\b(?:and|what about|how about|only|just|show(?: me)?|list|now|then|please|ok(?:ay)?|so|same for|what of)\b|[?.!,:;–—-]/g;

/**
 * "the finance ones" after the risky users: the risky users list again with only those people; "the certificate ones -
 * who owns them?": the question asked of those rows. Without a description, the last rows as they are.
 */
export function rowsOfMessage(cue: string, rows: readonly AskedRow[] | undefined, lastPlan: QuestionPlan | undefined, conditions: (resource: PlanResource) => PlanFilter[]): RowsTurn {
  const subset = describedRows(cue, rows);
  if (!subset) return { rows };
  // "the medium ones" after the risky users: a condition of the last list ("risk level medium") narrows it instead.
  if (lastPlan && conditions(lastPlan.resource).some((c) => !lastPlan.filters.some((f) => f.field === c.field && JSON.stringify(f.value) === JSON.stringify(c.value)))) return { rows };
  const rest = cue.replace(subset.text, ' ').replace(/\s+/g, ' ').trim();
  if (rest.replace(NOTHING_MORE, ' ').trim()) return { rows: subset.rows, rest };
  const about = rowEntities(subset.rows);
  const filter = lastPlan ? rowsFilter(lastPlan.resource, subset.rows) : undefined;
  if (lastPlan && filter) {
    const operation = lastPlan.operation.kind === 'count' || lastPlan.operation.kind === 'exists' ? { kind: 'list' as const } : lastPlan.operation;
    const plan: QuestionPlan = { ...lastPlan, filters: [filter, ...lastPlan.filters.filter((f) => f.field !== filter.field)], operation, basedOnPrevious: true };
    return { rows: subset.rows, plan: { plan, intent: PLAN_INTENTS[plan.resource], about } };
  }
  // "the certificate ones" after the expiring credentials (apps known by application id): that answer for those apps.
  const appIds = subset.rows.flatMap((r) => (r.type === 'app' && r.appId ? [r.appId] : []));
  if (appIds.length === subset.rows.length) return { rows: subset.rows, among: { type: 'app', ids: appIds, label: subset.rows.map((r) => r.displayName).join(', ') } };
  const users = rowsFilter('users', subset.rows);
  if (users) return { rows: subset.rows, plan: { plan: { resource: 'users', filters: [users], operation: { kind: 'list' } }, intent: 'user.info', about } };
  return { rows: subset.rows };
}

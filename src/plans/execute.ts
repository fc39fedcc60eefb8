/**
 * Runs a compiled plan against Graph: one request when Graph does all the work, otherwise pages followed by their
 * `@odata.nextLink` (whole, never spliced) with the client filters applied, up to a stated bound. The result says
 * what was read and whether it is the whole answer, so an answer never passes a partial read off as complete.
 */
import { BlockList, isIP } from 'node:net';
import type { Client } from '@microsoft/microsoft-graph-client';
import { jsonText } from '../jsonText';
import { COUNT_ROWS, type CompiledPlan } from './compile';
import type { FilterValue, PlanFilter } from './plan';
import { fieldOf, valueOf, type FieldSpec } from './resources';

export type Item = Record<string, unknown>;

export interface PlanRun {
  /** The matching items read, in the order Graph served them (at most what the operation needs). */
  items: Item[];
  /** Matching items seen in what was read. */
  matched: number;
  /** Graph's count of the whole result (`@odata.count`), when Graph counted. */
  graphCount?: number;
  /** True when everything that could match was read (or Graph counted it). */
  complete: boolean;
  pagesRead: number;
  itemsRead: number;
  /** The next page of the same request, for "show more". */
  nextLink?: string;
  /** Matching items of the last page read that were not shown yet (a list continues from them). */
  skipInNext?: number;
  /** Grouped by a person's name: the person's id for each name, from the first item that had both. */
  groupIds?: Record<string, string>;
  /** groupBy / countDistinct / top: each value and how many matching items have it. */
  groups?: Array<{ value: string; count: number }>;
  /** When the read stopped before the end: the time of the last item read (logs served newest first). */
  stoppedAt?: string;
}

export interface RunOptions {
  /** Rows a list shows. */
  listRows: number;
  /** Pages read at most before stopping (a stated bound). */
  maxPages: number;
  /** Continue a list: the nextLink and how many matches of the first page to skip. */
  from?: { nextLink: string; skip: number };
  /** Fills in what a page lacks before it is matched and grouped (the audit log's people, named by id only). */
  enrich?: (items: Item[]) => Promise<void>;
}

export const DEFAULT_MAX_PAGES = 250;

interface Page {
  value?: Item[];
  '@odata.nextLink'?: string;
  '@odata.count'?: number;
}

const rangeLists = new Map<string, BlockList>();

/** Whether an IPv4 or IPv6 address is in any of these CIDR ranges (node:net's BlockList does the matching). */
export function inRanges(address: string, ranges: readonly string[]): boolean {
  const key = ranges.join(',');
  let list = rangeLists.get(key);
  if (!list) {
    list = new BlockList();
    for (const range of ranges) {
      const [network, bits] = range.split('/');
      const family = isIP(network);
      if (!family) continue;
      list.addSubnet(network, Number(bits ?? (family === 4 ? 32 : 128)), family === 4 ? 'ipv4' : 'ipv6');
    }
    // A handful of named locations: the cache stays small, but is bounded all the same.
    if (rangeLists.size > 100) rangeLists.clear();
    rangeLists.set(key, list);
  }
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

function comparable(value: unknown): string {
  if (typeof value === 'string') return value.toLowerCase();
  return String(value);
}

/** One client filter over one item. */
export function matches(spec: FieldSpec, filter: PlanFilter, item: Item): boolean {
  const value = valueOf(spec, item);
  const wanted: FilterValue | undefined = filter.value;
  switch (filter.op) {
    case 'present':
      return value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0);
    case 'absent':
      return value === undefined || value === null || (Array.isArray(value) && value.length === 0);
    case 'contains':
      return Array.isArray(value) ? value.some((v) => comparable(v).includes(comparable(wanted))) : comparable(value).includes(comparable(wanted));
    case 'ne':
      // As Graph's any(): some element is not the value.
      if (Array.isArray(value)) return value.some((v) => comparable(v) !== comparable(wanted));
      return comparable(value) !== comparable(wanted);
    case 'in':
      return (Array.isArray(wanted) ? wanted : [wanted]).some((w) => comparable(w) === comparable(value));
    case 'startsWith':
      return typeof value === 'string' && value.toLowerCase().startsWith(String(wanted).toLowerCase());
    case 'eq':
      // A collection equals one value when that value is all it holds ("SMS only": methods exactly [mobilePhone]).
      if (Array.isArray(value)) return value.length === 1 && comparable(value[0]) === comparable(wanted);
      return comparable(value) === comparable(wanted);
    case 'inRange':
      return typeof value === 'string' && inRanges(value, Array.isArray(wanted) ? wanted : [String(wanted)]);
    case 'ge':
    case 'le': {
      if (value === undefined || value === null) return false;
      const a = spec.type === 'date' ? Date.parse(jsonText(value)) : Number(value);
      const b = spec.type === 'date' ? Date.parse(String(wanted)) : Number(wanted);
      return filter.op === 'ge' ? a >= b : a <= b;
    }
  }
}

function groupValues(spec: FieldSpec, item: Item): string[] {
  const value = valueOf(spec, item);
  const values = Array.isArray(value) ? value : [value];
  return values.map((v) => (v === undefined || v === null || v === '' ? '(none)' : spec.format && !Array.isArray(value) ? spec.format(v) : String(v)));
}

export async function runPlan(client: Client, compiled: CompiledPlan, options: RunOptions): Promise<PlanRun> {
  const { plan, resource } = compiled;
  const operation = plan.operation;
  const needAll = operation.kind === 'count' || operation.kind === 'countDistinct' || operation.kind === 'groupBy' || operation.kind === 'top' || (operation.kind === 'latest' && !resource.time?.newestFirst) || (operation.kind === 'first' && !resource.time?.orderBy);
  // "Did anyone …?" answers yes or no and shows who: it reads like a list.
  // A count keeps its first rows: when they are all there are, the answer names them.
  const wanted = operation.kind === 'list' || operation.kind === 'exists' ? options.listRows : operation.kind === 'latest' || operation.kind === 'first' ? 1 : operation.kind === 'count' ? COUNT_ROWS : 0;
  // latest / first over a collection Graph does not sort by time: every match is compared on the time field.
  const timeField = resource.time?.field ?? 'createdDateTime';
  const better = needAll && (operation.kind === 'latest' || operation.kind === 'first')
    ? (candidate: Item, held: Item) => {
        const a = Date.parse(jsonText(candidate[timeField]));
        const b = Date.parse(jsonText(held[timeField]));
        return operation.kind === 'latest' ? a > b : a < b;
      }
    : undefined;
  const request = (url: string) => {
    const api = client.api(url).version(compiled.version);
    return (compiled.advanced ? api.header('ConsistencyLevel', 'eventual') : api).get() as Promise<Page>;
  };
  const groupSpec = operation.kind === 'groupBy' || operation.kind === 'countDistinct' || operation.kind === 'top' ? fieldOf(resource, operation.field) : undefined;
  const groups = new Map<string, number>();

  const run: PlanRun = { items: [], matched: 0, complete: false, pagesRead: 0, itemsRead: 0 };
  let url = options.from?.nextLink ?? compiled.url;
  let skip = options.from?.skip ?? 0;
  for (;;) {
    const page = await request(url);
    run.pagesRead++;
    const values = page.value ?? [];
    if (options.enrich && values.length) await options.enrich(values);
    run.itemsRead += values.length;
    if (run.pagesRead === 1 && typeof page['@odata.count'] === 'number' && compiled.countFromGraph) run.graphCount = page['@odata.count'];
    let matchedInPage = 0;
    for (const item of values) {
      if (!compiled.clientFilters.every((c) => matches(c.spec, c.filter, item))) continue;
      matchedInPage++;
      if (skip > 0) {
        skip--;
        continue;
      }
      if ((operation.kind === 'list' || operation.kind === 'exists') && run.items.length >= wanted) {
        // A full list stops inside this page: "show more" reads it again and skips what was shown.
        run.nextLink = url;
        run.skipInNext = matchedInPage - 1;
        return finish(run, groups, operation);
      }
      run.matched++;
      if (groupSpec) for (const value of new Set(groupValues(groupSpec, item))) groups.set(value, (groups.get(value) ?? 0) + 1);
      if (groupSpec?.name === 'userDisplayName' && typeof item.userId === 'string' && typeof item.userDisplayName === 'string') {
        run.groupIds ??= {};
        run.groupIds[item.userDisplayName] ??= item.userId;
      }
      // Audit events by who made them: each person's object id, so "what did they do mostly?" can be asked of the top one.
      if (groupSpec?.name === 'initiatedBy') {
        const by = (item.initiatedBy as { user?: { id?: string; displayName?: string; userPrincipalName?: string } | null } | undefined)?.user;
        const name = by?.displayName || by?.userPrincipalName;
        if (by?.id && name) {
          run.groupIds ??= {};
          run.groupIds[name] ??= by.id;
        }
      }
      // Sign-ins by app: each app's application id, so "the exchange ones" can be asked of again.
      if (groupSpec?.name === 'app' && typeof item.appId === 'string' && typeof item.appDisplayName === 'string') {
        run.groupIds ??= {};
        run.groupIds[item.appDisplayName] ??= item.appId;
      }
      if (run.items.length < wanted) run.items.push(item);
      else if (better && better(item, run.items[0])) run.items[0] = item;
      if (!needAll && operation.kind !== 'list' && operation.kind !== 'exists' && run.items.length >= wanted) {
        // exists / latest / first: the answer is found.
        run.complete = true;
        return finish(run, groups, operation);
      }
    }
    const next = page['@odata.nextLink'];
    if (!next) {
      run.complete = true;
      break;
    }
    if ((operation.kind === 'list' || operation.kind === 'exists') && run.items.length >= wanted) {
      run.nextLink = next;
      run.skipInNext = 0;
      break;
    }
    if (run.graphCount !== undefined && operation.kind === 'count') {
      run.complete = true;
      break;
    }
    if (run.pagesRead >= options.maxPages) {
      run.nextLink = next;
      run.skipInNext = 0;
      const last = values[values.length - 1];
      if (last && resource.time) run.stoppedAt = jsonText(last[resource.time.field]);
      break;
    }
    url = next;
  }
  return finish(run, groups, operation);
}

function finish(run: PlanRun, groups: Map<string, number>, operation: CompiledPlan['plan']['operation']): PlanRun {
  if (operation.kind === 'groupBy' || operation.kind === 'countDistinct' || operation.kind === 'top') {
    // Days read in order ("failures per day"); any other breakdown, most first.
    const byDay = operation.field === 'day';
    run.groups = [...groups.entries()].map(([value, count]) => ({ value, count })).sort((a, b) => (byDay ? a.value.localeCompare(b.value) : b.count - a.count || a.value.localeCompare(b.value)));
  }
  return run;
}

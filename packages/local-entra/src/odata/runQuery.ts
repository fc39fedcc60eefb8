/**
 * Applies a request's OData query options to a collection the way Graph does for that endpoint:
 * read options → parse $filter/$search → gate them by the endpoint's rules → plan candidates (index,
 * order, range) → scan one page from the skip token → shape items → build the body with nextLink.
 */
import { CollectionBody, EndpointRules, QueryableCollection, QueryInput, RunQuery } from './contract';
import { CandidateWindow, planCandidates } from './candidatePlan';
import * as filterEvaluation from './evaluate';
import { FilterNode } from './filterAst';
import { FilterSyntaxError, parseFilter } from './filterParser';
import { operatorUses } from './filterTerms';
import { ItemReads } from './itemReads';
import { checkQueryAllowed } from './queryGate';
import { queryErrors } from './queryErrors';
import { OrderByTerm, QueryOptions, readQueryOptions } from './queryOptions';
import { parseSearch, SearchQuery, searchMatches } from './search';
import { contextWithSelect, expandNavigation, selector } from './shape';
import { decodeSkipToken, encodeSkipToken, queryFingerprint } from './skipToken';

type Item = Record<string, unknown>;

function parseFilterFor(rules: EndpointRules, text: string | undefined): FilterNode | undefined {
  if (text === undefined) return undefined;
  try {
    return parseFilter(text);
  } catch (error) {
    if (error instanceof FilterSyntaxError) throw queryErrors.invalidFilter(rules, error.message);
    throw error;
  }
}

function pageSizeFor(rules: EndpointRules, options: QueryOptions): number {
  if (options.top === undefined) return rules.defaultPageSize;
  const top = options.top.trim();
  if (!/^\d+$/.test(top)) throw queryErrors.invalidQueryOptionValue(rules, '$top', options.top);
  const size = Number(top);
  if (size < 1 || size > rules.maxPageSize) throw queryErrors.invalidPageSize(rules, top);
  return size;
}

function skipFor(rules: EndpointRules, options: QueryOptions): number {
  if (options.skip === undefined) return 0;
  if (!/^\d+$/.test(options.skip.trim())) throw queryErrors.invalidQueryOptionValue(rules, '$skip', options.skip);
  return Number(options.skip.trim());
}

function effectiveOrder(rules: EndpointRules, options: QueryOptions): OrderByTerm[] {
  if (options.orderBy) return options.orderBy;
  return rules.defaultOrder ? [{ property: rules.defaultOrder.property, descending: rules.defaultOrder.descending }] : [];
}

/** Builds the test an item must pass; evaluation goes through the module export so tests can count it. */
function matcherFor(filter: FilterNode | undefined, search: SearchQuery | undefined): ((item: Item) => boolean) | undefined {
  if (!filter && !search) return undefined;
  return (item) =>
    (!filter || filterEvaluation.evaluate(filter, item)) && (!search || searchMatches(search, item));
}

interface Page {
  items: Item[];
  /** Window-relative position of the first item of the next page, if there is one. */
  nextPosition?: number;
}

/**
 * One page from window position `from`: the items passing `matches`, after skipping `skip` of them. Items are read
 * as `reads` says (whole, or the properties the query uses), and only as far as the page needs.
 */
function readPage(window: CandidateWindow, reads: ItemReads, matches: ((item: Item) => boolean) | undefined, from: number, skip: number, size: number): Page {
  const items: Item[] = [];
  let toSkip = skip;
  for (let index = window.start + from; index < window.end; index += 1) {
    // Without a test to pass, a full page is known to have a next one without reading it (a log on disk reads it).
    if (!matches && toSkip === 0 && items.length === size) return { items, nextPosition: index - window.start };
    if (matches && !matches(reads.forTest(index))) continue;
    if (toSkip > 0) {
      toSkip -= 1;
      continue;
    }
    if (items.length === size) return { items, nextPosition: index - window.start };
    items.push(reads.forPage(index));
  }
  return { items };
}

function countMatches(window: CandidateWindow, reads: ItemReads, matches: ((item: Item) => boolean) | undefined): number {
  if (!matches) return window.end - window.start;
  let count = 0;
  for (let index = window.start; index < window.end; index += 1) if (matches(reads.forTest(index))) count += 1;
  return count;
}

/** nextLink = the request URL, its original query options in their order, and a fresh $skiptoken. */
function nextLinkFor(input: QueryInput, token: string): string {
  const kept = [...input.params]
    .filter(([key]) => key.replace(/^\$/, '').toLowerCase() !== 'skiptoken')
    .map(([key, value]) => `${key}=${encodeURIComponent(value)}`);
  kept.push(`$skiptoken=${token}`);
  return `${input.requestUrl}?${kept.join('&')}`;
}

export const runQuery: RunQuery = (collection: QueryableCollection, input: QueryInput, rules: EndpointRules): CollectionBody => {
  const options = readQueryOptions(input.params, rules);
  const filter = parseFilterFor(rules, options.filter);
  const gate = checkQueryAllowed(rules, options, filter ? operatorUses(filter) : [], input.consistencyLevel);
  const pageSize = pageSizeFor(rules, options);
  const search = options.search === undefined ? undefined : parseSearch(options.search, rules);

  const fingerprint = queryFingerprint(input.requestUrl, input.params);
  let from = 0;
  if (options.skipToken !== undefined) {
    const position = decodeSkipToken(options.skipToken, fingerprint);
    if (position === undefined) throw queryErrors.invalidSkipToken(rules);
    from = position;
  }
  // $skip counts matches from the start; a skip token already resumes past them.
  const skip = options.skipToken === undefined ? skipFor(rules, options) : 0;

  const window = planCandidates(collection, filter, effectiveOrder(rules, options));
  if (from > window.end - window.start) throw queryErrors.invalidSkipToken(rules);
  const matches = matcherFor(filter, search);
  const reads = new ItemReads(window.items, filter, options, search !== undefined, pageSize);
  const page = readPage(window, reads, matches, from, skip, pageSize);

  const select = selector(options.select);
  const value = page.items.map((item) => {
    if (!options.expand) return select(item);
    // Graph returns expanded navigation properties whatever $select names.
    const expanded = expandNavigation(item, options.expand, input, rules);
    const projected = select(expanded);
    for (const term of options.expand) projected[term.navigationProperty] = expanded[term.navigationProperty];
    return projected;
  });
  // Key order as Graph writes it: context, count, nextLink, value.
  return {
    '@odata.context': contextWithSelect(input.contextUrl, options.select),
    ...(gate.includeCount ? { '@odata.count': countMatches(window, new ItemReads(window.items, filter, { count: true }, search !== undefined), matches) } : {}),
    ...(page.nextPosition !== undefined ? { '@odata.nextLink': nextLinkFor(input, encodeSkipToken(page.nextPosition, fingerprint)) } : {}),
    value,
  };
};

/**
 * `GET …/users/$count`: the number of items matching $filter/$search. Directory objects need
 * `ConsistencyLevel: eventual` for it (400 "$count is not currently supported." otherwise).
 */
export function countQuery(collection: QueryableCollection, input: QueryInput, rules: EndpointRules): number {
  const eventual = input.consistencyLevel?.trim().toLowerCase() === 'eventual';
  if (rules.directoryObject && !eventual) throw queryErrors.countNotSupported();
  if (rules.countSupported === false) throw queryErrors.queryOptionNotAllowed('Count');
  const options = readQueryOptions(input.params, rules);
  const filter = parseFilterFor(rules, options.filter);
  // The /$count segment is itself an advanced query, so gate as if $count=true had been sent.
  checkQueryAllowed(rules, { ...options, count: true }, filter ? operatorUses(filter) : [], input.consistencyLevel);
  const search = options.search === undefined ? undefined : parseSearch(options.search, rules);
  const window = planCandidates(collection, filter, []);
  return countMatches(window, new ItemReads(window.items, filter, { count: true }, search !== undefined), matcherFor(filter, search));
}

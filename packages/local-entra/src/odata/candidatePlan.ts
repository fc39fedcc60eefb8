/**
 * Chooses which items a query has to look at, in the order it returns them: the smallest index bucket of an
 * AND-ed equality term (or the whole collection in the query's order), narrowed by binary search when the
 * filter bounds the sort property (`createdDateTime ge …` on sign-ins stored newest first).
 */
import { ItemSequence, QueryableCollection } from './contract';
import { FilterNode, LiteralNode } from './filterAst';
import { andTerms, propertyComparison } from './filterTerms';
import { itemSortKey, sortItems, sortedView, storedInOrder } from './ordering';
import { OrderByTerm } from './queryOptions';
import { compareSortKeys, instantKey, SortKey } from './values';

type Item = Record<string, unknown>;

/** A window [start, end) of a sequence already in the query's order; every match lies inside it. */
export interface CandidateWindow {
  items: ItemSequence;
  start: number;
  end: number;
  /** Whether an index answered the equality term (exposed for tests and diagnostics). */
  usedIndex: boolean;
}

/** Above this, an unordered bucket is not sorted per request; the sorted view is scanned instead. */
const LARGEST_BUCKET_TO_SORT = 20_000;

const INDEXABLE_LITERALS: ReadonlySet<LiteralNode['literalKind']> = new Set(['string', 'number', 'boolean', 'guid', 'enum', 'null']);

/** Items for one AND term from the collection's indexes, or undefined when no index answers it. */
function bucketFor(collection: QueryableCollection, term: FilterNode): { items: ItemSequence; union: boolean } | undefined {
  if (!collection.lookup) return undefined;
  if (term.kind === 'in' && term.operand.kind === 'property') {
    if (!term.values.every((value) => INDEXABLE_LITERALS.has(value.literalKind))) return undefined;
    const path = term.operand.path.join('/');
    const buckets = term.values.map((value) => collection.lookup?.(path, value.value));
    if (buckets.some((bucket) => bucket === undefined)) return undefined;
    const present = buckets as ItemSequence[];
    if (collection.union) return { items: collection.union(present), union: buckets.length > 1 };
    const union = new Set<Item>();
    for (const bucket of present) for (let index = 0; index < bucket.length; index += 1) union.add(bucket.at(index) as Item);
    return { items: [...union], union: buckets.length > 1 };
  }
  const comparison = propertyComparison(term);
  if (!comparison || comparison.operator !== 'eq' || !INDEXABLE_LITERALS.has(comparison.literal.literalKind)) return undefined;
  const bucket = collection.lookup(comparison.property, comparison.literal.value);
  return bucket ? { items: bucket, union: false } : undefined;
}

/** The sort key a range literal compares as; only kinds whose filter and sort semantics agree. */
function rangeKey(literal: LiteralNode): SortKey | undefined {
  if (literal.literalKind === 'dateTime' || literal.literalKind === 'date') return instantKey(String(literal.value)) ?? undefined;
  if (literal.literalKind === 'number') return literal.value;
  return undefined;
}

/** First index in [low, high) where `test` holds, for a test that is false then true along the sequence. */
function firstWhere(read: (index: number) => Item, low: number, high: number, test: (item: Item) => boolean): number {
  let lo = low;
  let hi = high;
  while (lo < hi) {
    const middle = (lo + hi) >>> 1;
    if (test(read(middle))) hi = middle;
    else lo = middle + 1;
  }
  return lo;
}

function narrowBySortProperty(window: CandidateWindow, filter: FilterNode, order: OrderByTerm): CandidateWindow {
  let { start, end } = window;
  const key = (item: Item): SortKey => itemSortKey(item, order.property);
  // The search reads only the sort property's top-level value where the sequence can read it alone.
  const { items } = window;
  const names: ReadonlySet<string> = new Set([order.property.split('/')[0].toLowerCase()]);
  const read = items.partial ? (index: number) => items.partial?.(index, names) as Item : (index: number) => items.at(index) as Item;
  for (const term of andTerms(filter)) {
    const comparison = propertyComparison(term);
    if (!comparison || comparison.property.toLowerCase() !== order.property.toLowerCase()) continue;
    const bound = rangeKey(comparison.literal);
    if (bound === undefined || bound === null) continue;
    const above = (strict: boolean) => (item: Item) => {
      const order = compareSortKeys(key(item), bound);
      return strict ? order > 0 : order >= 0;
    };
    const below = (strict: boolean) => (item: Item) => {
      const order = compareSortKeys(key(item), bound);
      return strict ? order < 0 : order <= 0;
    };
    const op = comparison.operator;
    const lowerBound = op === 'ge' || op === 'eq' ? above(false) : op === 'gt' ? above(true) : undefined;
    const upperBound = op === 'le' || op === 'eq' ? below(false) : op === 'lt' ? below(true) : undefined;
    if (!order.descending) {
      if (lowerBound) start = firstWhere(read, start, end, lowerBound);
      if (upperBound) end = firstWhere(read, start, end, (item) => !upperBound(item));
    } else {
      if (lowerBound) end = firstWhere(read, start, end, (item) => !lowerBound(item));
      if (upperBound) start = firstWhere(read, start, end, upperBound);
    }
  }
  return { ...window, start, end: Math.max(start, end) };
}

export function planCandidates(
  collection: QueryableCollection,
  filter: FilterNode | undefined,
  order: readonly OrderByTerm[],
): CandidateWindow {
  let best: { items: ItemSequence; union: boolean } | undefined;
  for (const term of filter ? andTerms(filter) : []) {
    const bucket = bucketFor(collection, term);
    if (bucket && (!best || bucket.items.length < best.items.length)) best = bucket;
  }
  let window: CandidateWindow;
  const inOrder = best !== undefined && (order.length === 0 || (storedInOrder(collection, order) && !best.union));
  // Sorting a big bucket on every request costs more than scanning the cached sorted view, which stops
  // as soon as the page is full (a big bucket means dense matches).
  const bucketWorthSorting = best !== undefined && (inOrder || best.items.length <= LARGEST_BUCKET_TO_SORT);
  if (best && bucketWorthSorting) {
    const items = inOrder ? best.items : sortItems(best.items, order);
    window = { items, start: 0, end: items.length, usedIndex: true };
  } else {
    const items = sortedView(collection, order);
    window = { items, start: 0, end: items.length, usedIndex: false };
  }
  return filter && order.length === 1 ? narrowBySortProperty(window, filter, order[0]) : window;
}

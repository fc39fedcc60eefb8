/**
 * A collection with hash indexes on chosen property paths, so that `userId eq '…'` over two million sign-ins
 * reads one bucket instead of scanning. Buckets keep storage order, so when the items are stored in the
 * query's order (sign-ins: newest first) a bucket is already sorted.
 */
import { QueryableCollection } from './contract';
import { sortItems } from './ordering';
import { compareSortKeys, indexKey, readPath, sortKey } from './values';

type Item = Record<string, unknown>;
/** One item is kept as itself, more as an array: unique keys (ids) then cost no array each. */
type Bucket = Item | Item[];

export interface IndexedCollectionOptions {
  /** Store the items sorted this way (once, at build time), e.g. sign-ins by createdDateTime descending. */
  order?: { property: string; descending: boolean };
  /**
   * Declare this order only when the items are already stored in it (one pass; never reorders): sign-ins written
   * newest first then need no sort of two million items on the first query, and index buckets come out in order.
   */
  observedOrder?: { property: string; descending: boolean };
}

/**
 * Whether a stable sort by `order` would leave the items as they are. Keys of one type (and nulls, which sort
 * first) form a total order, so checking neighbours suffices; mixed types are reported unsorted and get sorted.
 */
function alreadyInOrder(items: readonly Item[], order: { property: string; descending: boolean }): boolean {
  const path = order.property.split('/');
  let previous: ReturnType<typeof sortKey> | undefined;
  let keyType: string | undefined;
  for (const item of items) {
    const key = sortKey(readPath(item, path));
    if (key !== null) {
      if (keyType === undefined) keyType = typeof key;
      else if (typeof key !== keyType) return false;
    }
    if (previous !== undefined) {
      const comparison = compareSortKeys(previous, key);
      if (order.descending ? comparison < 0 : comparison > 0) return false;
    }
    previous = key;
  }
  return true;
}

/** A collection held in memory: its items are a plain array, and so are its index buckets. */
export interface InMemoryCollection extends QueryableCollection {
  readonly items: readonly Item[];
  lookup(propertyPath: string, value: unknown): readonly Item[] | undefined;
}

class IndexedCollection implements InMemoryCollection {
  readonly items: readonly Item[];
  readonly sortedBy?: { property: string; descending: boolean };
  private readonly indexes = new Map<string, Map<string | number | boolean | null, Bucket>>();

  constructor(items: readonly Item[], indexedPaths: readonly string[], options: IndexedCollectionOptions) {
    if (options.order) {
      this.items = alreadyInOrder(items, options.order) ? items : sortItems(items, [options.order]);
      this.sortedBy = { ...options.order };
    } else {
      this.items = items;
      if (options.observedOrder && alreadyInOrder(items, options.observedOrder)) this.sortedBy = { ...options.observedOrder };
    }
    for (const path of indexedPaths) this.indexes.set(path.toLowerCase(), this.buildIndex(path));
  }

  private buildIndex(path: string): Map<string | number | boolean | null, Bucket> {
    const index = new Map<string | number | boolean | null, Bucket>();
    const segments = path.split('/');
    for (const item of this.items) {
      // Arrays and objects never equal a literal, so they stay out of every bucket.
      const key = indexKey(readPath(item, segments));
      if (key === undefined) continue;
      const bucket = index.get(key);
      if (bucket === undefined) index.set(key, item);
      else if (Array.isArray(bucket)) bucket.push(item);
      else index.set(key, [bucket, item]);
    }
    return index;
  }

  lookup(propertyPath: string, value: unknown): readonly Item[] | undefined {
    const index = this.indexes.get(propertyPath.toLowerCase());
    if (!index) return undefined;
    const key = indexKey(value);
    if (key === undefined) return undefined;
    const bucket = index.get(key);
    if (bucket === undefined) return [];
    return Array.isArray(bucket) ? bucket : [bucket];
  }
}

/**
 * Builds a queryable collection with hash indexes on `indexedPaths` (slash paths such as "status/errorCode";
 * string keys are case-folded, matching how `$filter` compares strings).
 */
export function createIndexedCollection(
  items: readonly Item[],
  indexedPaths: string[],
  options: IndexedCollectionOptions = {},
): InMemoryCollection {
  return new IndexedCollection(items, indexedPaths, options);
}

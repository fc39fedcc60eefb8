/** `$orderby` and default orders: sorting by precomputed keys, and sorted views cached per collection. */
import { ItemSequence, QueryableCollection } from './contract';
import { OrderByTerm } from './queryOptions';
import { compareSortKeys, readPath, readSlashPath, SortKey, sortKey } from './values';

type Item = Record<string, unknown>;

/** The items of a sequence as an array (itself when it is one). */
export function toArray(items: ItemSequence): readonly Item[] {
  if (Array.isArray(items)) return items as readonly Item[];
  return Array.from({ length: items.length }, (_, index) => items.at(index) as Item);
}

/** Stable sort by the terms; items that tie keep their input order, so paging over the result is repeatable. */
export function sortItems(sequence: ItemSequence, terms: readonly OrderByTerm[]): Item[] {
  const items = toArray(sequence);
  const paths = terms.map((term) => term.property.split('/'));
  // Keys are computed once per item and the sort moves positions, not objects: 2M sign-ins sort in seconds.
  const keys = paths.map((path) => items.map((item) => sortKey(readPath(item, path))));
  const positions = Array.from({ length: items.length }, (_, position) => position);
  positions.sort((a, b) => {
    for (let index = 0; index < terms.length; index += 1) {
      const order = compareSortKeys(keys[index][a], keys[index][b]);
      if (order !== 0) return terms[index].descending ? -order : order;
    }
    return a - b;
  });
  return positions.map((position) => items[position]);
}

export function orderKey(terms: readonly OrderByTerm[]): string {
  return terms.map((term) => `${term.property.toLowerCase()} ${term.descending ? 'desc' : 'asc'}`).join(',');
}

/** True when the collection is stored in exactly this order. */
export function storedInOrder(collection: QueryableCollection, terms: readonly OrderByTerm[]): boolean {
  if (terms.length === 0) return true;
  const sortedBy = collection.sortedBy;
  return (
    terms.length === 1 &&
    sortedBy !== undefined &&
    sortedBy.property.toLowerCase() === terms[0].property.toLowerCase() &&
    sortedBy.descending === terms[0].descending
  );
}

const sortedViews = new WeakMap<QueryableCollection, Map<string, ItemSequence>>();

/**
 * The whole collection in the given order, sorted once and then reused by every query asking for that order
 * (a collection's items do not change after it is built). A collection that can order itself (a log on disk)
 * does, so that its items are not all read.
 */
export function sortedView(collection: QueryableCollection, terms: readonly OrderByTerm[]): ItemSequence {
  if (storedInOrder(collection, terms)) return collection.items;
  let views = sortedViews.get(collection);
  if (!views) {
    views = new Map();
    sortedViews.set(collection, views);
  }
  const key = orderKey(terms);
  let view = views.get(key);
  if (!view) {
    view = collection.ordered?.(terms) ?? sortItems(collection.items, terms);
    views.set(key, view);
  }
  return view;
}

/** The sort key of an item for a one-property order, used to binary-search a sorted sequence. */
export function itemSortKey(item: Item, property: string): SortKey {
  return sortKey(readSlashPath(item, property));
}

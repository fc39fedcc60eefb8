/**
 * The columns that let a log stay on disk: where each item's line starts, a hash of each indexed value, positions
 * grouped by those hashes (the index buckets), membership of the routes' views, whether the items are stored in
 * the list order, and each line's key sequence (its shape, lineFields.ts), which lets a query read a few properties
 * of a line without parsing it. They are computed once from the file (ColumnsBuilder) and cached beside it (indexCache.ts); a
 * query then reads only the items of its page.
 *
 * Hash buckets may hold a few items of another value (32-bit hashes collide): the query engine evaluates the whole
 * filter on every candidate anyway, and id lookups compare the id itself.
 */
import { compareSortKeys, indexKey, readPath, sortKey, type SortKey } from '../odata/values';
import { isIsoDateTime } from './dateTimes';
import type { GraphObject } from './layout';
import { IRREGULAR, MAX_LANDMARKS, ShapeTable } from './lineFields';

/** What a log is indexed on: the properties equality filters use, the list order, and the routes' subsets. */
export interface LogShape {
  /** Paths indexed for equality ("status/errorCode"); "id" is always among them (lookups by id use it). */
  readonly indexedPaths: readonly string[];
  /** The order the list endpoint returns, declared when the items are stored in it (checked, never assumed). */
  readonly order?: { property: string; descending: boolean };
  /** Subsets the routes list (sign-ins: the interactive ones), by name. */
  readonly views: Readonly<Record<string, (item: GraphObject) => boolean>>;
}

export type Column = Float64Array | Uint32Array | Uint16Array | Uint8Array;

/**
 * The columns of one log. The offsets are always at hand; the other sections may come from the index cache only
 * when first used (a query on userId loads the userId keys and buckets), through `load`.
 */
export class LogColumns {
  private readonly sections = new Map<string, Column>();
  private table: ShapeTable | undefined;

  constructor(
    readonly count: number,
    /** count + 1 byte offsets: where each item's line starts, then where the closing "]}" line starts. */
    public offsets: Float64Array,
    /** Whether the items are stored in `shape.order`. */
    public inOrder: boolean,
    /** Per indexed path: a value was an ISO date-time, whose text moves with rebasing: the index is not used. */
    readonly shiftDependent: boolean[],
    /** Reads a section not held yet (from the cache file). */
    private readonly load?: (name: string) => Column,
  ) {}

  private section<T extends Column>(name: string): T {
    let column = this.sections.get(name);
    if (!column) {
      if (!this.load) throw new Error(`The log index has no section ${name}`);
      column = this.load(name);
      this.sections.set(name, column);
    }
    return column as T;
  }

  set(name: string, column: Column): void {
    this.sections.set(name, column);
  }

  /** Per indexed path (shape order): the hash of each item's key; NOT_INDEXED when the value is an object or array. */
  keys(path: number): Uint32Array {
    return this.section(`keys.${path}`);
  }

  /** Per indexed path: positions ordered by key hash, storage order within one hash (buckets are in list order). */
  buckets(path: number): Uint32Array {
    return this.section(`buckets.${path}`);
  }

  /** Per view (shape order): 1 when the item belongs to it. */
  views(view: number): Uint8Array {
    return this.section(`views.${view}`);
  }

  /** 1 when the item's order key equals the previous item's (ties keep storage order in both directions). */
  ties(): Uint8Array {
    return this.section('ties');
  }

  /** Per item: the id of its line's shape in `shapeTable()`, or IRREGULAR (lineFields.ts). */
  shapes(): Uint32Array {
    return this.section('shapes');
  }

  /**
   * Per item, MAX_LANDMARKS slots: where its line has its shape's landmark keys, in bytes from the line's start
   * (0: not known, the line is read from its start).
   */
  landmarks(): Uint16Array {
    return this.section('landmarks');
  }

  /** The shapes the lines have (the section 'shapeKeys' holds them as JSON). */
  shapeTable(): ShapeTable {
    if (!this.table) {
      const stored = this.section<Uint8Array>('shapeKeys');
      try {
        this.table = ShapeTable.decode(stored);
      } catch (error) {
        throw new Error(`The log index's line shapes do not read (${(error as Error).message})`, { cause: error });
      }
    }
    return this.table;
  }

  setShapeTable(table: ShapeTable): void {
    this.table = table;
  }

  /** Every section by name (all loaded), for writing the cache. */
  all(paths: number, views: number): Array<[string, Column]> {
    const names = [
      ...Array.from({ length: paths }, (_, p) => `keys.${p}`),
      ...Array.from({ length: paths }, (_, p) => `buckets.${p}`),
      ...Array.from({ length: views }, (_, v) => `views.${v}`),
      'ties',
      'shapes',
      'landmarks',
    ];
    // The table as it is now: changed items written back may have added shapes.
    const shapeKeys = this.table ? this.table.encode() : this.section<Uint8Array>('shapeKeys');
    return [['offsets', this.offsets], ...names.map((name): [string, Column] => [name, this.section(name)]), ['shapeKeys', shapeKeys]];
  }
}

/** Key hash of objects and arrays, which never equal a literal and stay out of every bucket. */
export const NOT_INDEXED = 0;

/** FNV-1a over a type tag and the key's text, never 0. */
export function keyHash(key: string | number | boolean | null): number {
  let text: string;
  let tag: number;
  if (key === null) {
    tag = 0x7a; // z
    text = '';
  } else if (typeof key === 'string') {
    tag = 0x73; // s
    text = key;
  } else if (typeof key === 'number') {
    tag = 0x6e; // n
    text = String(key);
  } else {
    tag = 0x62; // b
    text = key ? '1' : '0';
  }
  let hash = Math.imul(0x811c9dc5 ^ tag, 0x01000193);
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  hash >>>= 0;
  return hash === NOT_INDEXED ? 1 : hash;
}

/** The hash a value is indexed under, NOT_INDEXED for objects and arrays. */
export function valueHash(value: unknown): number {
  const key = indexKey(value);
  return key === undefined ? NOT_INDEXED : keyHash(key);
}

/** Positions 0..n-1 ordered by key (stable: ascending positions within one key), by two 16-bit radix passes. */
export function positionsByKey(keys: Uint32Array): Uint32Array {
  const n = keys.length;
  let from = new Uint32Array(n);
  let to = new Uint32Array(n);
  for (let i = 0; i < n; i++) from[i] = i;
  const counts = new Uint32Array(65537);
  for (const shift of [0, 16]) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[((keys[from[i]] >>> shift) & 0xffff) + 1]++;
    for (let d = 1; d <= 65536; d++) counts[d] += counts[d - 1];
    for (let i = 0; i < n; i++) to[counts[(keys[from[i]] >>> shift) & 0xffff]++] = from[i];
    [from, to] = [to, from];
  }
  return from;
}

/** [start, end) of `buckets` whose items have this key hash. */
export function bucketRange(keys: Uint32Array, buckets: Uint32Array, hash: number): [number, number] {
  let lo = 0;
  let hi = buckets.length;
  while (lo < hi) {
    const middle = (lo + hi) >>> 1;
    if (keys[buckets[middle]] < hash) lo = middle + 1;
    else hi = middle;
  }
  const start = lo;
  hi = buckets.length;
  while (lo < hi) {
    const middle = (lo + hi) >>> 1;
    if (keys[buckets[middle]] <= hash) lo = middle + 1;
    else hi = middle;
  }
  return [start, lo];
}

function grow<T extends Column>(array: T, size: number): T {
  if (size <= array.length) return array;
  const bigger = new (array.constructor as new (length: number) => T)(Math.max(size, array.length * 2));
  bigger.set(array);
  return bigger;
}

/** Tracks the stored order the way the in-memory collection checks it (odata/indexedCollection alreadyInOrder). */
class OrderCheck {
  private previous: SortKey | undefined;
  private keyType: string | undefined;
  inOrder = true;

  constructor(private readonly descending: boolean) {}

  /** Feeds the next item's key; returns whether it ties with the previous one. */
  next(key: SortKey): boolean {
    if (key !== null) {
      if (this.keyType === undefined) this.keyType = typeof key;
      else if (typeof key !== this.keyType) this.inOrder = false;
    }
    let tie = false;
    if (this.previous !== undefined) {
      const comparison = compareSortKeys(this.previous, key);
      if (this.descending ? comparison < 0 : comparison > 0) this.inOrder = false;
      tie = comparison === 0;
    }
    this.previous = key;
    return tie;
  }
}

/** Collects the columns while a log file is read item by item. */
export class ColumnsBuilder {
  private count = 0;
  private offsets = new Float64Array(1024);
  private keys: Uint32Array[];
  private views: Uint8Array[];
  private ties = new Uint8Array(1024);
  private shapes = new Uint32Array(1024);
  private landmarks = new Uint16Array(1024 * MAX_LANDMARKS);
  private readonly shapeTable = new ShapeTable();
  private readonly segments: string[][];
  private readonly viewTests: Array<(item: GraphObject) => boolean>;
  private readonly orderSegments: string[] | undefined;
  private readonly order: OrderCheck | undefined;
  private readonly shiftDependent: boolean[];

  constructor(private readonly shape: LogShape) {
    this.segments = shape.indexedPaths.map((path) => path.split('/'));
    this.keys = shape.indexedPaths.map(() => new Uint32Array(1024));
    this.shiftDependent = shape.indexedPaths.map(() => false);
    this.viewTests = Object.values(shape.views);
    this.views = this.viewTests.map(() => new Uint8Array(1024));
    this.orderSegments = shape.order?.property.split('/');
    this.order = shape.order ? new OrderCheck(shape.order.descending) : undefined;
  }

  /** Adds the next item (as captured, not rebased), the byte offset of its line, and the line (for its shape). */
  add(item: GraphObject, byteOffset: number, line: string): void {
    const position = this.count++;
    this.offsets = grow(this.offsets, this.count + 1);
    this.offsets[position] = byteOffset;
    this.shapes = grow(this.shapes, this.count);
    const shape = this.shapeTable.ofLine(line, item);
    this.shapes[position] = shape;
    this.landmarks = grow(this.landmarks, this.count * MAX_LANDMARKS);
    if (shape !== IRREGULAR) this.shapeTable.landmarksOfLastLine(shape, line, this.landmarks, position * MAX_LANDMARKS);
    for (let p = 0; p < this.segments.length; p++) {
      this.keys[p] = grow(this.keys[p], this.count);
      const value = readPath(item, this.segments[p]);
      if (typeof value === 'string' && !this.shiftDependent[p] && isIsoDateTime(value)) this.shiftDependent[p] = true;
      this.keys[p][position] = valueHash(value);
    }
    for (let v = 0; v < this.viewTests.length; v++) {
      this.views[v] = grow(this.views[v], this.count);
      this.views[v][position] = this.viewTests[v](item) ? 1 : 0;
    }
    this.ties = grow(this.ties, this.count);
    if (this.order && this.orderSegments) this.ties[position] = this.order.next(sortKey(readPath(item, this.orderSegments))) ? 1 : 0;
  }

  /** The columns, given where the closing "]}" line starts. */
  finish(endOffset: number): LogColumns {
    const n = this.count;
    const offsets = this.offsets.slice(0, n + 1);
    offsets[n] = endOffset;
    const columns = new LogColumns(n, offsets, this.order?.inOrder ?? false, [...this.shiftDependent]);
    this.keys.forEach((column, p) => {
      const keys = column.slice(0, n);
      columns.set(`keys.${p}`, keys);
      columns.set(`buckets.${p}`, positionsByKey(keys));
    });
    this.views.forEach((column, v) => columns.set(`views.${v}`, column.slice(0, n)));
    columns.set('ties', this.ties.slice(0, n));
    columns.set('shapes', this.shapes.slice(0, n));
    columns.set('landmarks', this.landmarks.slice(0, n * MAX_LANDMARKS));
    columns.setShapeTable(this.shapeTable);
    return columns;
  }
}

/** Groups of positions whose ids hash alike (candidates for duplicate ids, compared by the caller). */
export function sameIdHashGroups(columns: LogColumns, idPath: number): number[][] {
  const keys = columns.keys(idPath);
  const buckets = columns.buckets(idPath);
  const groups: number[][] = [];
  for (let i = 1; i < buckets.length; i++) {
    if (keys[buckets[i]] !== keys[buckets[i - 1]]) continue;
    const group = [buckets[i - 1]];
    while (i < buckets.length && keys[buckets[i]] === keys[buckets[i - 1]]) group.push(buckets[i++]);
    groups.push(group);
  }
  return groups;
}

/**
 * Updates the columns for items changed in place (`changed`: position → the item as served). Returns what derived
 * data changed (a key, a view, the order). `keyAt` reads a neighbour's order key as served: the order compares
 * served values with served values, and rebasing moves every date-time alike.
 */
export function updateColumns(
  columns: LogColumns,
  shape: LogShape,
  changed: ReadonlyMap<number, GraphObject>,
  keyAt: (position: number) => SortKey,
): { keys: boolean[]; views: boolean[]; order: boolean } {
  const keysChanged = shape.indexedPaths.map(() => false);
  const viewTests = Object.values(shape.views);
  const viewsChanged = viewTests.map(() => false);
  let orderChanged = false;
  const segments = shape.indexedPaths.map((path) => path.split('/'));
  const shapes = columns.shapes();
  const shapeTable = columns.shapeTable();
  for (const [position, item] of changed) {
    // The item is served from memory from now on; its shape is the one of the line --persist writes for it, whose
    // landmarks are not known (its date-times are written back as captured).
    shapes[position] = shapeTable.ofObject(item);
    columns.landmarks().fill(0, position * MAX_LANDMARKS, (position + 1) * MAX_LANDMARKS);
    for (let p = 0; p < segments.length; p++) {
      const value = readPath(item, segments[p]);
      // A date-time key's text moves with rebasing: such a path is not answered from the index.
      if (typeof value === 'string' && isIsoDateTime(value)) columns.shiftDependent[p] = true;
      const hash = valueHash(value);
      if (hash !== columns.keys(p)[position]) {
        columns.keys(p)[position] = hash;
        keysChanged[p] = true;
      }
    }
    for (let v = 0; v < viewTests.length; v++) {
      const member = viewTests[v](item) ? 1 : 0;
      if (member !== columns.views(v)[position]) {
        columns.views(v)[position] = member;
        viewsChanged[v] = true;
      }
    }
    if (shape.order) {
      const path = shape.order.property.split('/');
      const key = sortKey(readPath(item, path));
      const before = position > 0 ? keyAt(position - 1) : undefined;
      const after = position + 1 < columns.count ? keyAt(position + 1) : undefined;
      const check = new OrderCheck(shape.order.descending);
      if (before !== undefined) check.next(before);
      const tie = check.next(key);
      const nextTie = after !== undefined ? check.next(after) : false;
      if (!check.inOrder && columns.inOrder) {
        columns.inOrder = false;
        orderChanged = true;
      }
      const ties = columns.ties();
      if ((before !== undefined && ties[position] !== (tie ? 1 : 0)) || (after !== undefined && ties[position + 1] !== (nextTie ? 1 : 0))) orderChanged = true;
      if (before !== undefined) ties[position] = tie ? 1 : 0;
      if (after !== undefined) ties[position + 1] = nextTie ? 1 : 0;
    }
  }
  for (let p = 0; p < keysChanged.length; p++) if (keysChanged[p]) columns.set(`buckets.${p}`, positionsByKey(columns.keys(p)));
  return { keys: keysChanged, views: viewsChanged, order: orderChanged };
}

/**
 * A log collection (sign-ins) kept on disk. The file stays where it is; the columns of logIndex.ts (from the index
 * cache, or built by reading the file once) say where each item's line is and which items an equality filter can
 * match. A query reads, parses and rebases only the items it looks at: the page, and the few a binary search on
 * the stored order touches. A query that needs a few properties of each item (`$select`, the properties its filter
 * reads) reads just those from the line, by the line's shape (lineFields.ts), and parses nothing else.
 *
 * Items changed in place (the sign-in risk actions) stay in memory from then on and are served from there; --persist
 * writes them back, copying every other line of the file as it is.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ItemSequence, QueryableCollection } from '../odata/contract';
import { compareSortKeys, indexKey, readPath, sortKey, type SortKey } from '../odata/values';
import { shiftAllDateTimes } from './dateTimes';
import { cacheFileFor, fallbackCacheDir, openLogCache, stampOf, writeLogCache, type OpenCache, type SourceStamp } from './indexCache';
import type { GraphObject } from './layout';
import { IRREGULAR, isPlainString, MAX_LANDMARKS, planFields, readFields, type FieldPlan } from './lineFields';
import { LineHeads } from './lineHeads';
import { bucketRange, ColumnsBuilder, keyHash, sameIdHashGroups, updateColumns, valueHash, type LogColumns, type LogShape } from './logIndex';
import { scanLineLayout, SnapshotError } from './readCollectionFile';
import { ValueReviver } from './reviveValues';

export interface DiskLogOptions {
  /** The snapshot folder and the file's path in it ("auditLogs/signIns.json"). */
  dir: string;
  file: string;
  shape: LogShape;
  /** Seconds added to every date-time as items are read (rebasing). */
  shiftSeconds: number;
  /** Where the index cache lives: absent, beside the snapshot (.local-entra-cache); false, nowhere (built each start). */
  cacheDir?: string | false;
  /** Progress lines (indexing, cache problems). */
  log?: (message: string) => void;
  /**
   * Whether a query may read a few properties of an item from its line without parsing it (default true). Off, every
   * read parses the whole item: the answers are the same, which the tests compare.
   */
  partialReads?: boolean;
}

/** How the log was opened, for the start-up report. */
export interface DiskLogOrigin {
  /** The index came from this cache file, or was built (reason: why no cache was used). */
  cacheFile?: string;
  built?: { reason: string; seconds: number };
  /** Where the built index was saved, if it could be. */
  savedTo?: string;
}

/** Bytes read at once when items are read one after another (a page). */
const READ_AHEAD = 1 << 20;
/** Items handed out by `get` are remembered until this many, in case the caller changes them. */
const RECENT_LIMIT = 4096;
/**
 * Entries read recently stay parsed, up to this much of their JSON text (about three times as much heap): the newest
 * sign-ins and one user's are read again and again (pages, follow-up questions), and parsing is most of a read.
 */
const PARSED_BYTES_LIMIT = 16 << 20;

/** A version of the shape for the cache header: other paths, order or views make another index. */
function shapeId(shape: LogShape): string {
  return JSON.stringify({ paths: shape.indexedPaths, order: shape.order ?? null, views: Object.keys(shape.views) });
}

/** A query's reads of lines of one shape: from their start, and from their landmarks when that skips keys. */
interface ShapePlans {
  plain: FieldPlan;
  jumping?: FieldPlan;
}

/** Starts of lines kept in memory after reads of a few properties (a 30-day count on 200,000 sign-ins keeps 15 MiB). */
const HEADS_LIMIT = 32 << 20;
/** Line starts longer than this are not kept. */
const LONGEST_HEAD_KEPT = 512;
/** Reading part of lines, fewer bytes than this between one read and the next are read through rather than skipped. */
const DENSE_GAP = 3 << 10;
/** Bytes read beyond the most a plan has needed, for values a little longer than seen so far. */
const HEAD_SLACK = 64;

/** The names a read of ids alone wants. */
const ID_ONLY: ReadonlySet<string> = new Set(['id']);

function gib(bytes: number): string {
  return bytes >= 1 << 30 ? `${(bytes / (1 << 30)).toFixed(1)} GiB` : `${Math.max(1, Math.round(bytes / (1 << 20)))} MiB`;
}

function trimmedEnd(buffer: Buffer, start: number, end: number): [number, number] {
  const blank = (byte: number) => byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
  while (start < end && blank(buffer[start])) start++;
  while (end > start && blank(buffer[end - 1])) end--;
  if (end > start && buffer[end - 1] === 0x2c) end--;
  return [start, end];
}

export class DiskLog {
  private fd: number;
  private fileSize: number;
  private columns!: LogColumns;
  private readonly reviver: ValueReviver;
  private readonly modified = new Map<number, GraphObject>();
  private readonly recent = new Map<number, GraphObject>();
  private readonly viewLists = new Map<number, Uint32Array>();
  /** Recently read items, least recently used first, and the size of their text. */
  private readonly parsed = new Map<number, GraphObject>();
  private parsedBytes = 0;
  private window = Buffer.allocUnsafe(READ_AHEAD);
  private windowStart = 0;
  private windowEnd = 0;
  private lastEnd = -1;
  private readonly idPath: number;
  private readonly orderSegments: string[] | undefined;
  /** The cache file the columns' sections are read from, while open. */
  private cache: OpenCache | undefined;
  readonly origin: DiskLogOrigin = {};
  /** Per set of wanted names (one query's): per line shape, what to read. */
  private readonly plans = new WeakMap<ReadonlySet<string>, Array<ShapePlans | null>>();
  /** Where the line being read has its landmarks: `landmarks()` from `landmarkBase`, or none (undefined). */
  private lineLandmarks: Uint16Array | undefined;
  private landmarkBase = 0;
  /** The item `partial` is filling, and the bytes it reads the line from (the read window or a kept line start). */
  private filling: GraphObject = {};
  private source: Buffer = this.window;
  /** Starts of lines read for a few properties, kept for the next read (made at the first such read). */
  private heads: LineHeads | undefined;
  private readonly takeField = (key: string, start: number, end: number): void => {
    const value = this.reviver.reviveProperty(key, this.fieldValue(start, end));
    // JSON.parse makes "__proto__" an own property; plain assignment would set the prototype instead.
    if (key === '__proto__') Object.defineProperty(this.filling, key, { value, writable: true, enumerable: true, configurable: true });
    else this.filling[key] = value;
  };

  private constructor(
    readonly file: string,
    private readonly fullPath: string,
    readonly shape: LogShape,
    private readonly options: DiskLogOptions,
  ) {
    this.reviver = new ValueReviver(options.shiftSeconds, false);
    this.fd = fs.openSync(fullPath, 'r');
    this.fileSize = fs.fstatSync(this.fd).size;
    this.idPath = shape.indexedPaths.findIndex((p) => p === 'id');
    if (this.idPath < 0) throw new Error(`A log index needs "id" among its paths (${file})`);
    this.orderSegments = shape.order?.property.split('/');
  }

  /** Opens a line-layout log: its index from the cache when valid, else by reading the whole file once. */
  static async open(options: DiskLogOptions): Promise<DiskLog> {
    const fullPath = path.join(options.dir, options.file);
    const log = new DiskLog(options.file, fullPath, options.shape, options);
    try {
      await log.loadColumns();
    } catch (error) {
      log.close();
      throw error;
    }
    return log;
  }

  /** Cache files to try, in order: the chosen folder, or beside the snapshot and then the temp fallback. */
  private cacheCandidates(): string[] {
    const { dir, file, cacheDir } = this.options;
    if (cacheDir === false) return [];
    if (cacheDir !== undefined) return [cacheFileFor(dir, file, cacheDir)];
    return [cacheFileFor(dir, file, undefined), cacheFileFor(dir, file, fallbackCacheDir())];
  }

  private async loadColumns(): Promise<void> {
    const say = this.options.log ?? (() => undefined);
    const stamp = stampOf(this.fullPath);
    const expected = { keys: this.shape.indexedPaths.length, views: Object.keys(this.shape.views).length };
    let reason = this.options.cacheDir === false ? 'the index cache is off' : 'no index yet';
    for (const candidate of this.cacheCandidates()) {
      const cached = openLogCache(candidate, stamp, shapeId(this.shape), expected);
      if ('reason' in cached) {
        // The first candidate's reason is the one worth telling (the fallback is usually just absent).
        if (candidate === this.cacheCandidates()[0] || cached.reason !== 'no index yet') reason = cached.reason;
        continue;
      }
      this.columns = cached.columns;
      const problem = this.spotCheck();
      if (!problem) {
        this.cache = cached;
        this.origin.cacheFile = candidate;
        return;
      }
      cached.close();
      reason = `the index file is corrupt (${problem})`;
    }
    say(`local Entra: indexing ${this.file} (${gib(stamp.size)}): ${reason}. This start reads the whole file once; later starts reuse the index.`);
    const started = performance.now();
    this.columns = await this.build();
    this.refuseDuplicateIds();
    const seconds = Math.round((performance.now() - started) / 100) / 10;
    this.origin.built = { reason, seconds };
    say(`local Entra: indexed ${this.columns.count.toLocaleString('en-US')} items of ${this.file} in ${seconds} s`);
    await this.saveCache(stamp);
  }

  private async saveCache(stamp: SourceStamp): Promise<void> {
    const say = this.options.log ?? (() => undefined);
    const failures: string[] = [];
    for (const candidate of this.cacheCandidates()) {
      try {
        await writeLogCache(candidate, stamp, shapeId(this.shape), this.columns, { keys: this.shape.indexedPaths.length, views: Object.keys(this.shape.views).length });
        this.origin.savedTo = candidate;
        return;
      } catch (error) {
        failures.push(`${candidate}: ${(error as Error).message}`);
      }
    }
    if (failures.length) say(`local Entra: the index of ${this.file} could not be saved (${failures.join('; ')}); the next start indexes again`);
  }

  /** Reads the file once: checks every line as loading always has, and collects the columns. */
  private async build(): Promise<LogColumns> {
    const builder = new ColumnsBuilder(this.shape);
    // Keys, views and order come from the values as captured; rebasing moves every date-time alike.
    const end = await scanLineLayout(this.file, this.fullPath, new ValueReviver(0, false), (item, byteOffset, line) => builder.add(item, byteOffset, line));
    return builder.finish(end);
  }

  /** Duplicate ids are refused as for collections in memory (validateReferences); only equal hashes are compared. */
  private refuseDuplicateIds(): void {
    for (const group of sameIdHashGroups(this.columns, this.idPath)) {
      const seen = new Set<unknown>();
      for (const position of group) {
        const id = this.rawItem(position).id;
        if (seen.has(id)) throw new SnapshotError(this.file, `duplicate id ${String(id)}`);
        seen.add(id);
      }
    }
  }

  /** A cached index must point at the right lines: the first, middle and last item's ids must hash as recorded. */
  private spotCheck(): string | undefined {
    const { count } = this.columns;
    for (const position of new Set([0, count >> 1, count - 1].filter((p) => p >= 0 && p < count))) {
      try {
        const id = this.rawItem(position).id;
        if (valueHash(id) !== this.columns.keys(this.idPath)[position]) return `item ${position + 1} is not the one indexed`;
        if (this.columns.shapes()[position] !== IRREGULAR && this.partial(position, ID_ONLY).id !== id) return `item ${position + 1} does not have the shape indexed`;
      } catch (error) {
        return `item ${position + 1} does not read: ${(error as Error).message}`;
      }
    }
    return undefined;
  }

  get count(): number {
    return this.columns.count;
  }

  /** The file the log is read from. */
  get path(): string {
    return this.fullPath;
  }

  get inOrder(): boolean {
    return this.columns.inOrder;
  }

  /** Where a cache that matches the current file was read from or saved to, if any. */
  get cacheFile(): string | undefined {
    return this.origin.cacheFile ?? this.origin.savedTo;
  }

  /** Bytes [start, end) of the file, read ahead when items are read in a row. */
  private bytes(start: number, end: number): Buffer {
    const at = this.load(start, end);
    return this.window.subarray(at, at + end - start);
  }

  /**
   * Makes bytes [start, end) of the file available in `window` and returns where they start in it. Reading forward
   * (the next items of a page, or of a view whose items lie a few lines apart) reads ahead. With `readAhead` false
   * (a part of a line is wanted) it reads ahead only when the bytes skipped since the last read are few: copying them
   * then costs less than a read of its own.
   */
  private load(start: number, end: number, readAhead = true): number {
    if (start < this.windowStart || end > this.windowEnd) {
      const length = end - start;
      const gap = start - this.lastEnd;
      const forward = this.lastEnd >= 0 && gap >= 0 && gap < (readAhead ? READ_AHEAD >> 4 : DENSE_GAP);
      const want = Math.min(forward ? Math.max(length, READ_AHEAD) : length, this.fileSize - start);
      if (this.window.length < want) this.window = Buffer.allocUnsafe(want);
      const read = want > 0 ? fs.readSync(this.fd, this.window, 0, want, start) : 0;
      if (read < length) throw new SnapshotError(this.file, 'the file is shorter than when it was indexed (was it changed while the local Entra ran?)');
      this.windowStart = start;
      this.windowEnd = start + read;
    }
    this.lastEnd = end;
    return start - this.windowStart;
  }

  /** The JSON text of an item's line (trimmed, without the trailing comma). */
  private text(position: number): string {
    const buffer = this.bytes(this.columns.offsets[position], this.columns.offsets[position + 1]);
    const [start, end] = trimmedEnd(buffer, 0, buffer.length);
    return buffer.toString('utf8', start, end);
  }

  /** An item as written in the file (not rebased, nothing checked). */
  private rawItem(position: number): GraphObject {
    return JSON.parse(this.text(position)) as GraphObject;
  }

  /** The item at a storage position, as served (rebased); changed items come from memory. */
  item(position: number): GraphObject {
    const held = this.modified.get(position) ?? this.recent.get(position);
    if (held) return held;
    const cached = this.parsed.get(position);
    if (cached) {
      this.parsed.delete(position);
      this.parsed.set(position, cached);
      return cached;
    }
    let item: GraphObject;
    try {
      item = this.reviver.revive(JSON.parse(this.text(position))) as GraphObject;
    } catch (error) {
      if (error instanceof SnapshotError) throw error;
      throw new SnapshotError(this.file, `item ${position + 1} no longer reads (${(error as Error).message}); was the file changed while the local Entra ran?`);
    }
    this.parsed.set(position, item);
    this.parsedBytes += this.lineBytes(position);
    for (const oldest of this.parsed.keys()) {
      if (this.parsedBytes <= PARSED_BYTES_LIMIT) break;
      this.parsed.delete(oldest);
      this.parsedBytes -= this.lineBytes(oldest);
    }
    return item;
  }

  /**
   * The item at a storage position with at least the top-level properties whose lower-cased names are in `names`,
   * under every spelling the item has, as `item` gives them (rebased): when the index knows the line's shape, those
   * values alone are read from the line, else (or when the line is not as indexed) the whole item is.
   */
  partial(position: number, names: ReadonlySet<string>): GraphObject {
    const whole = this.modified.get(position) ?? this.recent.get(position) ?? this.parsed.get(position);
    if (whole) return whole;
    const plans = this.options.partialReads === false ? undefined : this.plansFor(position, names);
    if (plans === undefined) return this.item(position);
    // A line whose landmarks the index knows is walked from them; others from their start.
    const landmarks = plans.jumping ? this.columns.landmarks() : undefined;
    const jumps = landmarks !== undefined && landmarks[position * MAX_LANDMARKS] !== 0;
    const plan = jumps ? (plans.jumping as FieldPlan) : plans.plain;
    this.lineLandmarks = jumps ? landmarks : undefined;
    this.landmarkBase = position * MAX_LANDMARKS;
    const start = this.columns.offsets[position];
    const end = this.columns.offsets[position + 1];
    // When the values wanted come early in the line (an id and a time), only that much of it is read, and kept: most
    // of a line is never looked at, and reading all of it would copy the whole file for a count over it.
    const head = plan.reach > 0 ? plan.reach + HEAD_SLACK : end - start;
    if (head < (end - start) >> 1) {
      const heads = (this.heads ??= new LineHeads(this.count, HEADS_LIMIT));
      const kept = heads.startOf(position);
      if (kept >= 0) {
        const item = this.readFrom(plan, heads.bytes, kept, kept + heads.lengthOf(position));
        if (item) return item;
      }
      const at = this.load(start, start + head, false);
      const item = this.readFrom(plan, this.window, at, at + head);
      if (item) {
        // Only short starts are kept: a long one is cheap to read again next to the others (reading through them).
        if (head <= LONGEST_HEAD_KEPT) heads.keep(position, this.window, at, head);
        return item;
      }
    }
    const at = this.load(start, end, true);
    return this.readFrom(plan, this.window, at, at + end - start) ?? this.item(position);
  }

  /** The plan's values from bytes [from, to) of `source`, or undefined when they are not all there (or not as indexed). */
  private readFrom(plan: FieldPlan, source: Buffer, from: number, to: number): GraphObject | undefined {
    const item: GraphObject = {};
    this.filling = item;
    this.source = source;
    let stopped: number;
    try {
      stopped = readFields(source, from, to, plan, this.takeField, this.lineLandmarks, this.landmarkBase);
    } catch {
      // A value JSON.parse refuses: the line is not as indexed (changed while running?); read whole, it says why.
      return undefined;
    }
    if (stopped < 0) return undefined;
    if (stopped - from > plan.reach) plan.reach = stopped - from;
    return item;
  }

  /** How `partial` reads lines of this position's shape; undefined when the index knows no shape for the line. */
  private plansFor(position: number, names: ReadonlySet<string>): ShapePlans | undefined {
    const shape = this.columns.shapes()[position];
    if (shape === IRREGULAR) return undefined;
    let byShape = this.plans.get(names);
    if (!byShape) {
      byShape = [];
      this.plans.set(names, byShape);
    }
    let plans = byShape[shape];
    if (plans === undefined) {
      const table = this.columns.shapeTable();
      const plain = planFields(table, shape, names);
      const jumping = planFields(table, shape, names, true);
      // null: a shape id the table does not have (a damaged index), whose lines are read whole.
      plans = plain && jumping ? { plain, jumping: jumping.segments.some((segment) => segment.landmark >= 0) ? jumping : undefined } : null;
      byShape[shape] = plans;
    }
    return plans ?? undefined;
  }

  /** The value in bytes [start, end) of the line read, as JSON.parse of the whole line gives it (before reviving). */
  private fieldValue(start: number, end: number): unknown {
    const source = this.source;
    if (isPlainString(source, start, end)) return source.toString('utf8', start + 1, end - 1);
    return JSON.parse(source.toString('utf8', start, end));
  }

  private lineBytes(position: number): number {
    return this.columns.offsets[position + 1] - this.columns.offsets[position];
  }

  /**
   * An item by its id (exact, as a Map would compare). The object is remembered: a caller that changes it and then
   * calls `changed` makes the change the log's own.
   */
  get(id: string): GraphObject | undefined {
    const keys = this.columns.keys(this.idPath);
    const buckets = this.columns.buckets(this.idPath);
    const candidates: Iterable<number> = this.columns.shiftDependent[this.idPath]
      ? Array.from({ length: this.count }, (_, position) => position)
      : (() => {
          const [start, end] = bucketRange(keys, buckets, valueHash(id));
          return buckets.subarray(start, end);
        })();
    for (const position of candidates) {
      const item = this.item(position);
      if (item.id !== id) continue;
      this.recent.delete(position);
      this.recent.set(position, item);
      if (this.recent.size > RECENT_LIMIT) this.recent.delete(this.recent.keys().next().value as number);
      return item;
    }
    return undefined;
  }

  /**
   * Items handed out by `get` may have been changed in place: they become the log's own (served from memory and
   * written back by --persist) and the columns follow them. Returns whether the order or a view changed.
   */
  changed(): { reordered: boolean } {
    const batch = new Map(this.recent);
    this.recent.clear();
    for (const [position, item] of batch) {
      this.modified.set(position, item);
      if (this.parsed.delete(position)) this.parsedBytes -= this.lineBytes(position);
    }
    const orderKey = (position: number): SortKey => (this.orderSegments ? sortKey(readPath(this.item(position), this.orderSegments)) : null);
    const result = updateColumns(this.columns, this.shape, batch, orderKey);
    result.views.forEach((changed, view) => changed && this.viewLists.delete(view));
    return { reordered: result.order || result.views.some(Boolean) };
  }

  /** Storage positions of a view's items (all items when `view` is undefined). */
  positions(view: number | undefined): Uint32Array {
    if (view === undefined) {
      const all = new Uint32Array(this.count);
      for (let i = 0; i < all.length; i++) all[i] = i;
      return all;
    }
    let list = this.viewLists.get(view);
    if (!list) {
      const member = this.columns.views(view);
      let size = 0;
      for (let i = 0; i < member.length; i++) size += member[i];
      list = new Uint32Array(size);
      for (let i = 0, w = 0; i < member.length; i++) if (member[i]) list[w++] = i;
      this.viewLists.set(view, list);
    }
    return list;
  }

  /** Positions (storage order) whose indexed value may equal `value`; undefined when the path is not indexed. */
  lookup(propertyPath: string, value: unknown, view: number | undefined): Uint32Array | undefined {
    const wanted = propertyPath.toLowerCase();
    const p = this.shape.indexedPaths.findIndex((indexed) => indexed.toLowerCase() === wanted);
    if (p < 0 || this.columns.shiftDependent[p]) return undefined;
    const key = indexKey(value);
    if (key === undefined) return undefined;
    const [start, end] = bucketRange(this.columns.keys(p), this.columns.buckets(p), keyHash(key));
    const bucket = this.columns.buckets(p).subarray(start, end);
    if (view === undefined) return bucket;
    const member = this.columns.views(view);
    let size = 0;
    for (let i = 0; i < bucket.length; i++) size += member[bucket[i]];
    if (size === bucket.length) return bucket;
    const inView = new Uint32Array(size);
    for (let i = 0, w = 0; i < bucket.length; i++) if (member[bucket[i]]) inView[w++] = bucket[i];
    return inView;
  }

  /**
   * A view's positions in the order of `terms`, as a stable sort would give them. The stored order and its reverse
   * come from the columns (ties keep storage order both ways); any other order reads each item once for its keys.
   */
  ordered(terms: readonly { property: string; descending: boolean }[], view: number | undefined): Uint32Array {
    const positions = this.positions(view);
    const order = this.shape.order;
    if (order && this.columns.inOrder && terms.length === 1 && terms[0].property.toLowerCase() === order.property.toLowerCase()) {
      return terms[0].descending === order.descending ? positions : this.reverseRuns(positions);
    }
    const paths = terms.map((term) => term.property.split('/'));
    const keys = paths.map(() => new Array<SortKey>(positions.length));
    for (let i = 0; i < positions.length; i++) {
      const item = this.item(positions[i]);
      for (let t = 0; t < paths.length; t++) keys[t][i] = sortKey(readPath(item, paths[t]));
    }
    const indexes = Array.from({ length: positions.length }, (_, i) => i);
    indexes.sort((a, b) => {
      for (let t = 0; t < terms.length; t++) {
        const comparison = compareSortKeys(keys[t][a], keys[t][b]);
        if (comparison !== 0) return terms[t].descending ? -comparison : comparison;
      }
      return a - b;
    });
    return Uint32Array.from(indexes, (i) => positions[i]);
  }

  /** The positions with runs of equal keys in reverse order, each run kept in storage order. */
  private reverseRuns(positions: Uint32Array): Uint32Array {
    const ties = this.columns.ties();
    const run = new Uint32Array(positions.length);
    let breaks = 0;
    let q = 0;
    for (let j = 0; j < positions.length; j++) {
      for (; q <= positions[j]; q++) if (!ties[q]) breaks++;
      run[j] = breaks;
    }
    const out = new Uint32Array(positions.length);
    let w = 0;
    let end = positions.length;
    while (end > 0) {
      let start = end - 1;
      while (start > 0 && run[start - 1] === run[end - 1]) start--;
      for (let k = start; k < end; k++) out[w++] = positions[k];
      end = start;
    }
    return out;
  }

  /**
   * Writes the log back to its file (--persist): changed items serialised with their date-times moved back to the
   * capture's time base, every other line copied as it is. The file is replaced atomically, then read from, and
   * its index cache rewritten so that the next start does not index again.
   */
  async writeBack(shiftSeconds: number): Promise<void> {
    const target = this.fullPath;
    const temp = `${target}.${process.pid}.${Date.now()}.tmp`;
    const count = this.count;
    const offsets = new Float64Array(count + 1);
    const handle = await fs.promises.open(temp, 'w');
    let written = 0;
    try {
      let chunks: Buffer[] = [];
      let pending = 0;
      const push = (chunk: Buffer) => {
        chunks.push(chunk);
        pending += chunk.length;
        written += chunk.length;
      };
      const flush = async () => {
        if (chunks.length) await handle.writev(chunks);
        chunks = [];
        pending = 0;
      };
      push(Buffer.from('{"value":[\n'));
      const comma = Buffer.from(',\n');
      const newline = Buffer.from('\n');
      for (let p = 0; p < count; p++) {
        offsets[p] = written;
        const changed = this.modified.get(p);
        if (changed) {
          push(Buffer.from(JSON.stringify(shiftSeconds ? shiftAllDateTimes(structuredClone(changed), -shiftSeconds) : changed), 'utf8'));
        } else {
          const line = this.bytes(this.columns.offsets[p], this.columns.offsets[p + 1]);
          const [start, end] = trimmedEnd(line, 0, line.length);
          push(Buffer.from(line.subarray(start, end)));
        }
        push(p < count - 1 ? comma : newline);
        if (pending >= 8 * READ_AHEAD) await flush();
      }
      offsets[count] = written;
      push(Buffer.from(']}\n'));
      await flush();
    } catch (error) {
      await handle.close();
      await fs.promises.rm(temp, { force: true });
      throw error;
    }
    await handle.close();
    await fs.promises.rename(temp, target);
    // From here on the new file is the log: same items, new offsets (the parsed items are sized by the old ones).
    this.parsed.clear();
    this.parsedBytes = 0;
    this.heads?.clear();
    fs.closeSync(this.fd);
    this.fd = fs.openSync(target, 'r');
    this.fileSize = fs.fstatSync(this.fd).size;
    this.columns.offsets = offsets;
    this.windowStart = this.windowEnd = 0;
    this.lastEnd = -1;
    await this.saveCache(stampOf(target));
  }

  close(): void {
    this.cache?.close();
    try {
      fs.closeSync(this.fd);
    } catch {
      // Already closed.
    }
  }
}

/** Positions of a log as the query engine's item sequence: an item is read when the engine asks for it. */
export class PositionSequence implements ItemSequence {
  readonly length: number;

  constructor(
    readonly log: DiskLog,
    readonly positions: Uint32Array,
  ) {
    this.length = positions.length;
  }

  at(index: number): GraphObject | undefined {
    return index >= 0 && index < this.length ? this.log.item(this.positions[index]) : undefined;
  }

  partial(index: number, names: ReadonlySet<string>): GraphObject | undefined {
    return index >= 0 && index < this.length ? this.log.partial(this.positions[index], names) : undefined;
  }
}

/** A view of a log (all items, or a named subset such as the interactive sign-ins) as a queryable collection. */
export class LogView implements QueryableCollection {
  readonly items: PositionSequence;
  readonly sortedBy?: { property: string; descending: boolean };
  private readonly view: number | undefined;

  constructor(
    private readonly log: DiskLog,
    viewName?: string,
  ) {
    this.view = viewName === undefined ? undefined : Object.keys(log.shape.views).indexOf(viewName);
    if (this.view === -1) throw new Error(`No view ${viewName} of ${log.file}`);
    this.items = new PositionSequence(log, log.positions(this.view));
    if (log.inOrder && log.shape.order) this.sortedBy = { ...log.shape.order };
  }

  lookup(propertyPath: string, value: unknown): ItemSequence | undefined {
    const positions = this.log.lookup(propertyPath, value, this.view);
    return positions && new PositionSequence(this.log, positions);
  }

  /** The buckets one after another without repeats (first occurrence kept), as the engine unites items in memory. */
  union(buckets: readonly ItemSequence[]): ItemSequence {
    const lists = buckets.map((bucket) => {
      if (!(bucket instanceof PositionSequence) || bucket.log !== this.log) throw new Error(`A union over ${this.log.file} got items of another collection`);
      return bucket.positions;
    });
    const all = new Uint32Array(lists.reduce((sum, list) => sum + list.length, 0));
    const seen = new Set<number>();
    let size = 0;
    for (const list of lists) {
      for (let i = 0; i < list.length; i++) {
        if (seen.has(list[i])) continue;
        seen.add(list[i]);
        all[size++] = list[i];
      }
    }
    return new PositionSequence(this.log, all.subarray(0, size));
  }

  ordered(terms: readonly { property: string; descending: boolean }[]): ItemSequence {
    return new PositionSequence(this.log, this.log.ordered(terms, this.view));
  }
}

/**
 * The log index cache: the columns of logIndex.ts written to one binary file, so that a start after the first reads
 * them instead of parsing millions of lines.
 *
 * Where: `<snapshot>/.local-entra-cache/` by default (it travels with the snapshot and a persisted copy), or a chosen
 * folder; when the snapshot folder cannot be written, a folder under the system's temp directory. Deleting the
 * folder clears it; the next start rebuilds it.
 *
 * Trust: a cache is used only when it names this format, this index shape, and the file's current size, modification
 * time and a fingerprint of its content; when its checksum matches; and when its columns are consistent (offsets
 * rising inside the file, every position in range). Anything else is reported and rebuilt, never patched up.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { crc32 } from 'node:zlib';
import type { LogColumns } from './logIndex';

/** Bumped whenever the layout of the file or the meaning of a column changes. */
export const CACHE_FORMAT = 'local-entra-log-index/1';

/** The folder name used beside a snapshot's files. */
export const CACHE_FOLDER = '.local-entra-cache';

/** What identifies the source file's content. */
export interface SourceStamp {
  size: number;
  mtimeMs: number;
  /** SHA-1 of the size and of samples of the content (start, end, and evenly spread blocks). */
  fingerprint: string;
}

const SAMPLE_BYTES = 64 * 1024;
const SAMPLES = 16;

export function stampOf(fullPath: string): SourceStamp {
  const fd = fs.openSync(fullPath, 'r');
  try {
    const { size, mtimeMs } = fs.fstatSync(fd);
    const hash = createHash('sha1').update(String(size));
    const buffer = Buffer.allocUnsafe(SAMPLE_BYTES);
    const starts = new Set<number>([0, Math.max(0, size - SAMPLE_BYTES)]);
    for (let i = 1; i < SAMPLES - 1; i++) starts.add(Math.floor((size / SAMPLES) * i));
    for (const start of [...starts].sort((a, b) => a - b)) {
      const read = fs.readSync(fd, buffer, 0, Math.min(SAMPLE_BYTES, size - start), start);
      hash.update(buffer.subarray(0, read));
    }
    return { size, mtimeMs, fingerprint: hash.digest('hex') };
  } finally {
    fs.closeSync(fd);
  }
}

function sameStamp(a: SourceStamp, b: SourceStamp): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.fingerprint === b.fingerprint;
}

/** Where the cache of `file` (relative to the snapshot folder) lives, given the chosen cache folder if any. */
export function cacheFileFor(snapshotDir: string, file: string, cacheDir: string | undefined): string {
  const name = `${file.replace(/[\\/]/g, '.')}.index`;
  if (cacheDir === undefined) return path.join(snapshotDir, CACHE_FOLDER, name);
  // One folder for several snapshots: the snapshot's own path tells them apart.
  const owner = createHash('sha1').update(path.resolve(snapshotDir)).digest('hex').slice(0, 16);
  return path.join(cacheDir, `${owner}-${name}`);
}

/** The fallback when the snapshot's folder cannot be written: one folder per snapshot under the temp directory. */
export function fallbackCacheDir(): string {
  return path.join(os.tmpdir(), 'local-entra-cache');
}

interface Header {
  format: string;
  shape: string;
  source: SourceStamp;
  count: number;
  inOrder: boolean;
  shiftDependent: boolean[];
  sections: Array<{ name: string; type: 'f64' | 'u32' | 'u8'; offset: number; length: number }>;
  crc32: number;
}

type Column = Float64Array | Uint32Array | Uint8Array;

function sectionsOf(columns: LogColumns): Array<[string, Column]> {
  return [
    ['offsets', columns.offsets],
    ...columns.keys.map((column, i): [string, Column] => [`keys.${i}`, column]),
    ...columns.buckets.map((column, i): [string, Column] => [`buckets.${i}`, column]),
    ...columns.views.map((column, i): [string, Column] => [`views.${i}`, column]),
    ['ties', columns.ties],
  ];
}

const align8 = (n: number) => Math.ceil(n / 8) * 8;

/** Writes the cache atomically (temp file, then rename), creating its folder. */
export async function writeLogCache(cacheFile: string, source: SourceStamp, shape: string, columns: LogColumns): Promise<void> {
  const sections = sectionsOf(columns);
  let offset = 0;
  const layout = sections.map(([name, column]) => {
    const type = column instanceof Float64Array ? 'f64' : column instanceof Uint32Array ? 'u32' : 'u8';
    const entry = { name, type: type as Header['sections'][number]['type'], offset, length: column.length };
    offset = align8(offset + column.byteLength);
    return entry;
  });
  const payload = Buffer.alloc(offset);
  sections.forEach(([, column], i) => payload.set(new Uint8Array(column.buffer, column.byteOffset, column.byteLength), layout[i].offset));
  const header: Header = { format: CACHE_FORMAT, shape, source, count: columns.count, inOrder: columns.inOrder, shiftDependent: columns.shiftDependent, sections: layout, crc32: crc32(payload) };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const prefix = Buffer.alloc(align8(8 + headerBytes.length));
  prefix.writeUInt32LE(headerBytes.length, 0);
  headerBytes.copy(prefix, 8);
  await fs.promises.mkdir(path.dirname(cacheFile), { recursive: true });
  const temp = `${cacheFile}.${process.pid}.${Date.now()}.tmp`;
  try {
    const handle = await fs.promises.open(temp, 'w');
    try {
      await handle.writev([prefix, payload]);
    } finally {
      await handle.close();
    }
    await fs.promises.rename(temp, cacheFile);
  } catch (error) {
    await fs.promises.rm(temp, { force: true });
    throw error;
  }
}

/** The cached columns, or why they cannot be used (missing, stale, corrupt). */
export function readLogCache(cacheFile: string, source: SourceStamp, shape: string, expected: { keys: number; views: number }): { columns: LogColumns } | { reason: string } {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(cacheFile);
  } catch {
    return { reason: 'no index yet' };
  }
  try {
    // Typed arrays need their element size's alignment; a pooled small buffer may not start at 0.
    if (bytes.byteOffset % 8 !== 0) bytes = Buffer.from(bytes);
    if (bytes.length < 8) return { reason: 'the index file is truncated' };
    const headerLength = bytes.readUInt32LE(0);
    if (8 + headerLength > bytes.length) return { reason: 'the index file is truncated' };
    let header: Header;
    try {
      header = JSON.parse(bytes.toString('utf8', 8, 8 + headerLength)) as Header;
    } catch {
      return { reason: 'the index file is corrupt (unreadable header)' };
    }
    if (header.format !== CACHE_FORMAT) return { reason: `the index was written in another format (${String(header.format)})` };
    if (header.shape !== shape) return { reason: 'the index covers other properties than this version indexes' };
    if (!header.source || !sameStamp(header.source, source)) return { reason: 'the file changed since it was indexed' };
    const base = align8(8 + headerLength);
    const payload = bytes.subarray(base);
    if (!Array.isArray(header.sections) || header.sections.some((s) => s.offset < 0 || s.offset % 8 !== 0)) return { reason: 'the index file is corrupt (bad layout)' };
    const byteSize = { f64: 8, u32: 4, u8: 1 } as const;
    const end = Math.max(0, ...header.sections.map((s) => s.offset + s.length * (byteSize[s.type] ?? Infinity)));
    if (!(end <= payload.length)) return { reason: 'the index file is truncated' };
    if (crc32(payload.subarray(0, end)) !== header.crc32) return { reason: 'the index file is corrupt (checksum)' };
    const column = (name: string, type: 'f64' | 'u32' | 'u8', length: number): Column => {
      const section = header.sections.find((s) => s.name === name);
      if (!section || section.type !== type || section.length !== length) throw new Error(`section ${name} missing or misshapen`);
      const at = payload.byteOffset + section.offset;
      if (type === 'f64') return new Float64Array(payload.buffer, at, length);
      if (type === 'u32') return new Uint32Array(payload.buffer, at, length);
      return new Uint8Array(payload.buffer, at, length);
    };
    const n = header.count;
    if (!Number.isInteger(n) || n < 0) return { reason: 'the index file is corrupt (count)' };
    const columns: LogColumns = {
      count: n,
      offsets: column('offsets', 'f64', n + 1) as Float64Array,
      keys: Array.from({ length: expected.keys }, (_, i) => column(`keys.${i}`, 'u32', n) as Uint32Array),
      buckets: Array.from({ length: expected.keys }, (_, i) => column(`buckets.${i}`, 'u32', n) as Uint32Array),
      shiftDependent: Array.from({ length: expected.keys }, (_, i) => header.shiftDependent?.[i] === true),
      views: Array.from({ length: expected.views }, (_, i) => column(`views.${i}`, 'u8', n) as Uint8Array),
      ties: column('ties', 'u8', n) as Uint8Array,
      inOrder: header.inOrder === true,
    };
    const problem = inconsistency(columns, source.size);
    return problem ? { reason: `the index file is corrupt (${problem})` } : { columns };
  } catch (error) {
    return { reason: `the index file is corrupt (${(error as Error).message})` };
  }
}

/** What makes columns unusable for this file, if anything: each check is one pass over a typed array. */
function inconsistency(columns: LogColumns, fileSize: number): string | undefined {
  const { offsets, count } = columns;
  for (let i = 1; i <= count; i++) if (!(offsets[i] > offsets[i - 1])) return 'offsets do not rise';
  if (!(offsets[0] > 0) || !(offsets[count] < fileSize)) return 'offsets outside the file';
  for (const bucket of columns.buckets) {
    const seen = new Uint8Array(count);
    for (let i = 0; i < count; i++) {
      const position = bucket[i];
      if (position >= count || seen[position]) return 'an index bucket is not a permutation';
      seen[position] = 1;
    }
  }
  columns.buckets.forEach((bucket, p) => {
    const keys = columns.keys[p];
    for (let i = 1; i < count; i++) {
      const a = keys[bucket[i - 1]];
      const b = keys[bucket[i]];
      if (a > b || (a === b && bucket[i - 1] > bucket[i])) throw new Error('an index bucket is out of order');
    }
  });
  return undefined;
}

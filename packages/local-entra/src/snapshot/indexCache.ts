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
import { MAX_LANDMARKS } from './lineFields';
import { LogColumns, type Column } from './logIndex';

/** Bumped whenever the layout of the file or the meaning of a column changes. */
export const CACHE_FORMAT = 'local-entra-log-index/4';

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

/**
 * Same size, content fingerprint and modification time. The time is compared to within two milliseconds: a copy
 * made with preserved times (--persist's first copy) keeps whole milliseconds, and may lose one more in the float
 * round trip.
 */
function sameStamp(a: SourceStamp, b: SourceStamp): boolean {
  return a.size === b.size && Math.abs(a.mtimeMs - b.mtimeMs) < 2 && a.fingerprint === b.fingerprint;
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

interface Section {
  name: string;
  type: 'f64' | 'u32' | 'u16' | 'u8';
  /** Byte offset in the payload (a multiple of 8) and number of elements. */
  offset: number;
  length: number;
  crc32: number;
}

interface Header {
  format: string;
  shape: string;
  source: SourceStamp;
  count: number;
  inOrder: boolean;
  shiftDependent: boolean[];
  sections: Section[];
}

const ELEMENT_BYTES = { f64: 8, u32: 4, u16: 2, u8: 1 } as const;
const align8 = (n: number) => Math.ceil(n / 8) * 8;

function typeOf(column: Column): Section['type'] {
  return column instanceof Float64Array ? 'f64' : column instanceof Uint32Array ? 'u32' : column instanceof Uint16Array ? 'u16' : 'u8';
}

function bytesOf(column: Column): Buffer {
  return Buffer.from(column.buffer, column.byteOffset, column.byteLength);
}

/** Writes the cache atomically (temp file, then rename), creating its folder. */
export async function writeLogCache(cacheFile: string, source: SourceStamp, shape: string, columns: LogColumns, counts: { keys: number; views: number }): Promise<void> {
  const sections = columns.all(counts.keys, counts.views);
  let offset = 0;
  const layout: Section[] = sections.map(([name, column]) => {
    const entry = { name, type: typeOf(column), offset, length: column.length, crc32: crc32(bytesOf(column)) };
    offset = align8(offset + column.byteLength);
    return entry;
  });
  const header: Header = { format: CACHE_FORMAT, shape, source, count: columns.count, inOrder: columns.inOrder, shiftDependent: columns.shiftDependent, sections: layout };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const prefix = Buffer.alloc(align8(8 + headerBytes.length));
  prefix.writeUInt32LE(headerBytes.length, 0);
  headerBytes.copy(prefix, 8);
  const chunks: Buffer[] = [prefix];
  sections.forEach(([, column], i) => {
    chunks.push(bytesOf(column));
    const end = layout[i].offset + column.byteLength;
    const next = i + 1 < layout.length ? layout[i + 1].offset : end;
    if (next > end) chunks.push(Buffer.alloc(next - end));
  });
  await fs.promises.mkdir(path.dirname(cacheFile), { recursive: true });
  const temp = `${cacheFile}.${process.pid}.${Date.now()}.tmp`;
  try {
    const handle = await fs.promises.open(temp, 'w');
    try {
      await handle.writev(chunks);
    } finally {
      await handle.close();
    }
    await fs.promises.rename(temp, cacheFile);
  } catch (error) {
    await fs.promises.rm(temp, { force: true });
    throw error;
  }
}

/** An open cache: the columns (offsets read, other sections read when first used) and the file they come from. */
export interface OpenCache {
  columns: LogColumns;
  close(): void;
}

/** Bytes read at once while checksumming the sections a start does not need yet (small enough to stay in cache). */
const CHECK_CHUNK = 1 << 20;

/**
 * Opens the cache for this source, or says why it cannot be used (missing, stale, corrupt). Every section's
 * checksum is verified now, streaming through one reused buffer; only the offsets are kept. Other sections are read
 * when first asked for, and checked again then (the file stays open, so a cache rebuilt meanwhile by another
 * process does not change what this one reads).
 */
export function openLogCache(cacheFile: string, source: SourceStamp, shape: string, expected: { keys: number; views: number }): OpenCache | { reason: string } {
  let fd: number;
  try {
    fd = fs.openSync(cacheFile, 'r');
  } catch {
    return { reason: 'no index yet' };
  }
  const refuse = (reason: string) => {
    fs.closeSync(fd);
    return { reason };
  };
  try {
    const size = fs.fstatSync(fd).size;
    const head = Buffer.alloc(8);
    if (size < 8 || fs.readSync(fd, head, 0, 8, 0) < 8) return refuse('the index file is truncated');
    const headerLength = head.readUInt32LE(0);
    if (8 + headerLength > size) return refuse('the index file is truncated');
    const headerBytes = Buffer.alloc(headerLength);
    fs.readSync(fd, headerBytes, 0, headerLength, 8);
    let header: Header;
    try {
      header = JSON.parse(headerBytes.toString('utf8')) as Header;
    } catch {
      return refuse('the index file is corrupt (unreadable header)');
    }
    if (header.format !== CACHE_FORMAT) return refuse(`the index was written in another format (${String(header.format)})`);
    if (header.shape !== shape) return refuse('the index covers other properties than this version indexes');
    if (!header.source || !sameStamp(header.source, source)) return refuse('the file changed since it was indexed');
    const n = header.count;
    if (!Number.isInteger(n) || n < 0 || !Array.isArray(header.sections)) return refuse('the index file is corrupt (header)');
    const base = align8(8 + headerLength);
    const wanted: Array<[string, Section['type'], number]> = [
      ['offsets', 'f64', n + 1],
      ...Array.from({ length: expected.keys }, (_, p): [string, Section['type'], number] => [`keys.${p}`, 'u32', n]),
      ...Array.from({ length: expected.keys }, (_, p): [string, Section['type'], number] => [`buckets.${p}`, 'u32', n]),
      ...Array.from({ length: expected.views }, (_, v): [string, Section['type'], number] => [`views.${v}`, 'u8', n]),
      ['ties', 'u8', n],
      ['shapes', 'u32', n],
      ['landmarks', 'u16', n * MAX_LANDMARKS],
      // The table of line shapes (JSON text), of any length.
      ['shapeKeys', 'u8', -1],
    ];
    const byName = new Map<string, Section>();
    for (const [name, type, length] of wanted) {
      const section = header.sections.find((candidate) => candidate.name === name);
      const lengthOk = length < 0 ? Number.isInteger(section?.length) && (section?.length ?? -1) >= 0 : section?.length === length;
      if (!section || section.type !== type || !lengthOk || !Number.isInteger(section.offset) || section.offset < 0 || section.offset % 8 !== 0) {
        return refuse(`the index file is corrupt (section ${name})`);
      }
      if (base + section.offset + section.length * ELEMENT_BYTES[type] > size) return refuse('the index file is truncated');
      byName.set(name, section);
    }
    // Every checksum now, through one buffer: a corrupt cache is rebuilt at start, never found out mid-query.
    const chunk = Buffer.allocUnsafe(CHECK_CHUNK);
    for (const section of byName.values()) {
      const bytes = section.length * ELEMENT_BYTES[section.type];
      let crc = 0;
      for (let done = 0; done < bytes; ) {
        const read = fs.readSync(fd, chunk, 0, Math.min(CHECK_CHUNK, bytes - done), base + section.offset + done);
        if (read <= 0) return refuse('the index file is truncated');
        crc = crc32(chunk.subarray(0, read), crc);
        done += read;
      }
      if (crc !== section.crc32) return refuse(`the index file is corrupt (checksum of ${section.name})`);
    }
    const read = (name: string): Column => {
      const section = byName.get(name);
      if (!section) throw new Error(`The index of this log has no section ${name}`);
      const bytes = section.length * ELEMENT_BYTES[section.type];
      const buffer = new ArrayBuffer(align8(bytes));
      const view = new Uint8Array(buffer, 0, bytes);
      for (let done = 0; done < bytes; ) {
        const got = fs.readSync(fd, view, done, bytes - done, base + section.offset + done);
        if (got <= 0) throw new Error(`The index file ${cacheFile} was cut short while in use`);
        done += got;
      }
      if (crc32(view) !== section.crc32) throw new Error(`The index file ${cacheFile} changed while in use; delete it and restart`);
      const column =
        section.type === 'f64'
          ? new Float64Array(buffer, 0, section.length)
          : section.type === 'u32'
            ? new Uint32Array(buffer, 0, section.length)
            : section.type === 'u16'
              ? new Uint16Array(buffer, 0, section.length)
              : new Uint8Array(buffer, 0, section.length);
      const problem = name.startsWith('buckets.') ? bucketProblem(column as Uint32Array, columns.keys(Number(name.slice(8)))) : undefined;
      if (problem) throw new Error(`The index file ${cacheFile} is inconsistent (${problem}); delete it and restart`);
      return column;
    };
    const offsets = read('offsets') as Float64Array;
    const problem = offsetsProblem(offsets, n, source.size);
    if (problem) return refuse(`the index file is corrupt (${problem})`);
    const shiftDependent = Array.from({ length: expected.keys }, (_, p) => header.shiftDependent?.[p] === true);
    const columns = new LogColumns(n, offsets, header.inOrder === true, shiftDependent, read);
    return {
      columns,
      close: () => {
        try {
          fs.closeSync(fd);
        } catch {
          // Already closed.
        }
      },
    };
  } catch (error) {
    return refuse(`the index file is corrupt (${(error as Error).message})`);
  }
}

function offsetsProblem(offsets: Float64Array, count: number, fileSize: number): string | undefined {
  for (let i = 1; i <= count; i++) if (!(offsets[i] > offsets[i - 1])) return 'offsets do not rise';
  if (!(offsets[0] > 0) || !(offsets[count] < fileSize)) return 'offsets outside the file';
  return undefined;
}

/** A bucket section must list every position once, ordered by key hash and then by position. */
function bucketProblem(bucket: Uint32Array, keys: Uint32Array): string | undefined {
  const count = bucket.length;
  const seen = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const position = bucket[i];
    if (position >= count || seen[position]) return 'an index bucket is not a permutation';
    seen[position] = 1;
    if (i > 0) {
      const a = keys[bucket[i - 1]];
      const b = keys[position];
      if (a > b || (a === b && bucket[i - 1] > position)) return 'an index bucket is out of order';
    }
  }
  return undefined;
}

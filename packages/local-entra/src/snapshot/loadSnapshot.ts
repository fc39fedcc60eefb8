import * as fs from 'node:fs';
import * as path from 'node:path';
import { DiskLog } from './diskLog';
import { COLLECTION_FILES, COLLECTION_NAMES, SNAPSHOT_META_FILE, type CollectionName, type GraphObject, type SnapshotMeta } from './layout';
import type { LogShape } from './logIndex';
import { isLineLayout, readCollectionFile, readSnapshotMeta } from './readCollectionFile';
import { validateReferences } from './validateReferences';

export interface LoadedSnapshot {
  meta: SnapshotMeta;
  /** Collections held in memory. A collection kept on disk (see `onDisk`) is an empty array here. */
  collections: Record<CollectionName, GraphObject[]>;
  /** Collections kept on disk and read item by item (sign-ins in the one-object-per-line layout). */
  onDisk?: Partial<Record<CollectionName, DiskLog>>;
  /** Seconds added to every date-time on load (0 when not rebased). Persisting subtracts it again. */
  shiftSeconds: number;
}

/** Which collections may stay on disk, how they are indexed, and where their index cache lives. */
export interface OnDiskOptions {
  shapes: Partial<Record<CollectionName, LogShape>>;
  /** Index cache folder: absent, beside the snapshot; false, none (indexed at every start). */
  cacheDir?: string | false;
  log?: (message: string) => void;
  /** Whether queries may read a few properties of a line without parsing it (DiskLogOptions.partialReads). */
  partialReads?: boolean;
}

/** Whole seconds from the capture to `now`, so rebased values keep their written precision. */
export function rebaseShiftSeconds(capturedDateTime: string, now: Date): number {
  return Math.round((now.getTime() - Date.parse(capturedDateTime)) / 1000);
}

/**
 * Loads and checks a snapshot folder; refuses a malformed one with an Error naming the file and the reason.
 * With `onDisk`, the named collections whose files are in the line layout stay on disk behind an index (built and
 * checked once, then cached); every other collection is read into memory as before.
 */
export async function loadSnapshot(dir: string, options: { now: Date; rebase: boolean; onDisk?: OnDiskOptions }): Promise<LoadedSnapshot> {
  const meta = await readSnapshotMeta(dir, SNAPSHOT_META_FILE);
  const shiftSeconds = options.rebase ? rebaseShiftSeconds(meta.capturedDateTime, options.now) : 0;
  const onDisk: Partial<Record<CollectionName, DiskLog>> = {};
  const diskSide = options.onDisk;
  // Settled one by one, so that a refusal of one file still closes the logs the others opened.
  const settled = await Promise.allSettled(
    COLLECTION_NAMES.map(async (name) => {
      const file = COLLECTION_FILES[name];
      const shape = diskSide?.shapes[name];
      const fullPath = path.join(dir, file);
      if (shape && fs.existsSync(fullPath) && (await isLineLayout(fullPath))) {
        onDisk[name] = await DiskLog.open({ dir, file, shape, shiftSeconds, cacheDir: diskSide?.cacheDir, log: diskSide?.log, partialReads: diskSide?.partialReads });
        return [name, [] as GraphObject[]] as const;
      }
      return [name, await readCollectionFile(dir, file, shiftSeconds)] as const;
    }),
  );
  try {
    const refused = settled.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (refused) throw refused.reason;
    const entries = settled.map((result) => (result as PromiseFulfilledResult<readonly [CollectionName, GraphObject[]]>).value);
    const collections = Object.fromEntries(entries) as Record<CollectionName, GraphObject[]>;
    // Collections on disk were checked for duplicate ids when indexed; nothing refers into them.
    validateReferences(collections);
    return { meta, collections, onDisk, shiftSeconds };
  } catch (error) {
    for (const log of Object.values(onDisk)) log.close();
    throw error;
  }
}

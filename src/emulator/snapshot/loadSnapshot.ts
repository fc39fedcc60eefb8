import { COLLECTION_FILES, COLLECTION_NAMES, SNAPSHOT_META_FILE, type CollectionName, type GraphObject, type SnapshotMeta } from './layout';
import { readCollectionFile, readSnapshotMeta } from './readCollectionFile';
import { validateReferences } from './validateReferences';

export interface LoadedSnapshot {
  meta: SnapshotMeta;
  collections: Record<CollectionName, GraphObject[]>;
  /** Seconds added to every date-time on load (0 when not rebased). Persisting subtracts it again. */
  shiftSeconds: number;
}

/** Whole seconds from the capture to `now`, so rebased values keep their written precision. */
export function rebaseShiftSeconds(capturedDateTime: string, now: Date): number {
  return Math.round((now.getTime() - Date.parse(capturedDateTime)) / 1000);
}

/** Loads and checks a snapshot folder; refuses a malformed one with an Error naming the file and the reason. */
export async function loadSnapshot(dir: string, options: { now: Date; rebase: boolean }): Promise<LoadedSnapshot> {
  const meta = await readSnapshotMeta(dir, SNAPSHOT_META_FILE);
  const shiftSeconds = options.rebase ? rebaseShiftSeconds(meta.capturedDateTime, options.now) : 0;
  const entries = await Promise.all(
    COLLECTION_NAMES.map(async (name) => [name, await readCollectionFile(dir, COLLECTION_FILES[name], shiftSeconds)] as const),
  );
  const collections = Object.fromEntries(entries) as Record<CollectionName, GraphObject[]>;
  validateReferences(collections);
  return { meta, collections, shiftSeconds };
}

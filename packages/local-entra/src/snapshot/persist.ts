import * as fs from 'node:fs';
import * as path from 'node:path';
import { shiftAllDateTimes } from './dateTimes';
import { COLLECTION_FILES, SNAPSHOT_META_FILE, type CollectionName, type GraphObject } from './layout';

/**
 * The writable copy behind --persist. The first start copies the source snapshot into it; later starts load it
 * as it is. Files keep the capture's time base: values are shifted back before writing, so a restart rebases them
 * the same way again. Modification times are kept, so that the sign-in index cached beside the source (copied
 * along) still matches the copy and the first persisted start does not index again.
 */
export async function preparePersistDir(sourceDir: string, persistDir: string): Promise<void> {
  if (fs.existsSync(path.join(persistDir, SNAPSHOT_META_FILE))) return;
  await fs.promises.mkdir(persistDir, { recursive: true });
  await fs.promises.cp(sourceDir, persistDir, { recursive: true, preserveTimestamps: true });
}

/** Writes one collection atomically (temp file + rename) in the one-object-per-line layout. */
export async function writeCollection(persistDir: string, name: CollectionName, items: readonly GraphObject[], shiftSeconds: number): Promise<void> {
  const target = path.join(persistDir, COLLECTION_FILES[name]);
  await fs.promises.mkdir(path.dirname(target), { recursive: true });
  const temp = `${target}.${process.pid}.${Date.now()}.tmp`;
  const out = fs.createWriteStream(temp, { encoding: 'utf8' });
  // Each wait for 'drain' removes its own 'error' listener again: a big file drains thousands of times.
  const write = (text: string) =>
    new Promise<void>((resolve, reject) => {
      if (out.write(text)) return resolve();
      const failed = (error: Error) => {
        out.off('drain', drained);
        reject(error);
      };
      const drained = () => {
        out.off('error', failed);
        resolve();
      };
      out.once('drain', drained).once('error', failed);
    });
  await write('{"value":[\n');
  for (let i = 0; i < items.length; i++) {
    const copy = shiftSeconds ? shiftAllDateTimes(structuredClone(items[i]), -shiftSeconds) : items[i];
    await write(JSON.stringify(copy) + (i < items.length - 1 ? ',\n' : '\n'));
  }
  await write(']}\n');
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  await fs.promises.rename(temp, target);
}

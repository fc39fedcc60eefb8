import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startAzurite, type RunningAzurite } from '../../src/cli/azurite';

/** One backend a store test runs against: `open()` gives what the test uses (a store, or two handles on one). */
export interface StoreBackend<T> {
  name: string;
  open(): Promise<T>;
  cleanup(): Promise<void>;
}

/** SQLite files in one temporary folder, removed at cleanup; `make` gets the folder and the open's number (1, 2, …). */
export function sqliteBackend<T>(prefix: string, make: (dir: string, n: number) => T): StoreBackend<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-sqlite-`));
  let n = 0;
  return {
    name: 'SQLite',
    open: async () => make(dir, ++n),
    cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * Azure Table Storage in an Azurite started at the first open and stopped at cleanup; `make` gets its connection
 * string and a table name of its own for each open.
 */
export function tableBackend<T>(prefix: string, make: (connectionString: string, table: string) => T): StoreBackend<T> {
  let azurite: RunningAzurite | undefined;
  let n = 0;
  return {
    name: 'Azure Table Storage (Azurite)',
    open: async () => {
      azurite ??= await startAzurite();
      return make(azurite.connectionString, `${prefix}${process.pid}x${++n}`);
    },
    cleanup: async () => azurite?.stop(),
  };
}

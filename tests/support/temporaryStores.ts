import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface TemporaryStores {
  /** The environment that points the feedback and mitigation stores at a private temporary folder. */
  env: { FEEDBACK_SQLITE_PATH: string };
  dispose: () => void;
}

/**
 * Where a test bot keeps answers, ratings and mitigation records: a fresh temporary folder, removed afterwards.
 * Without it the bot would use its default, data/feedback.sqlite: the user's own store.
 */
export function temporaryStores(): TemporaryStores {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'entra-assistant-stores-'));
  return {
    env: { FEEDBACK_SQLITE_PATH: path.join(dir, 'feedback.sqlite') },
    dispose: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** The test's own environment with temporary stores, unless it names a store of its own. */
export function withTemporaryStores<T extends Readonly<Record<string, string | undefined>>>(env: T): { env: T & Partial<TemporaryStores['env']>; dispose: () => void } {
  if (env.FEEDBACK_SQLITE_PATH || env.FEEDBACK_STORE === 'table') return { env, dispose: () => undefined };
  const stores = temporaryStores();
  return { env: { ...env, ...stores.env }, dispose: stores.dispose };
}

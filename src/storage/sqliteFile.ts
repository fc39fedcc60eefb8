import * as fs from 'node:fs';
import * as path from 'node:path';
import Database from 'better-sqlite3';

/**
 * A SQLite file for what the assistant keeps (feedback, mitigation records): its folder created, WAL, and
 * synchronous=FULL, so a write has reached the disk when the call returns and a crash right after loses nothing;
 * a small page cache; then the store's `schema` (CREATE … IF NOT EXISTS statements).
 */
export function openSqliteFile(file: string, schema: string): Database.Database {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file, { timeout: 5000 });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  // 512 KiB of page cache, not SQLite's 2 MB: the stores append answer records of 20–40 KB and read a few back by
  // id, so the pages cached are mostly ones just written. The default filled up to 17 MiB of the bot's native memory
  // over 2,000 turns, the largest part of its growth (docs/bench.md, "Memory and start-up, session 7").
  db.pragma('cache_size = -512');
  db.exec(schema);
  return db;
}

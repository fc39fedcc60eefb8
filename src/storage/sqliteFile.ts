import * as fs from 'node:fs';
import * as path from 'node:path';
import Database from 'better-sqlite3';

/**
 * A SQLite file for what the assistant keeps (feedback, mitigation records): its folder created, WAL, and
 * synchronous=FULL, so a write has reached the disk when the call returns and a crash right after loses nothing;
 * then the store's `schema` (CREATE … IF NOT EXISTS statements).
 */
export function openSqliteFile(file: string, schema: string): Database.Database {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file, { timeout: 5000 });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(schema);
  return db;
}

import type Database from 'better-sqlite3';
import { openSqliteFile } from './sqliteFile';

/** What the SQLite stores (feedback, mitigation records) share: the file opened with their schema, and closing it. */
export abstract class SqliteStore {
  protected readonly db: Database.Database;

  constructor(file: string, schema: string) {
    this.db = openSqliteFile(file, schema);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

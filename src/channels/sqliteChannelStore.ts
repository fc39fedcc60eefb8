import { SqliteStore } from '../storage/sqliteStore';
import { type ChannelSettings, type ChannelStore, emptySettings } from './channelStore';

interface Row {
  settings: string;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS channel_settings (
    channel_id TEXT PRIMARY KEY,
    subscribed INTEGER NOT NULL,
    settings TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS triaged_threads (
    thread_id TEXT PRIMARY KEY,
    claimed_at TEXT NOT NULL
  );`;

/** Channel settings in the feedback SQLite file: one row per channel, one per triaged thread; updates are transactions. */
export class SqliteChannelStore extends SqliteStore implements ChannelStore {
  constructor(file: string) {
    super(file, SCHEMA);
  }

  async get(channelId: string): Promise<ChannelSettings | undefined> {
    const row = this.db.prepare<Row>('SELECT settings FROM channel_settings WHERE channel_id = ?').get(channelId);
    return row ? (JSON.parse(row.settings) as ChannelSettings) : undefined;
  }

  async update(channelId: string, change: (current: ChannelSettings) => ChannelSettings | undefined): Promise<ChannelSettings> {
    return this.db.transaction(() => {
      const row = this.db.prepare<Row>('SELECT settings FROM channel_settings WHERE channel_id = ?').get(channelId);
      const current = row ? (JSON.parse(row.settings) as ChannelSettings) : emptySettings(channelId);
      const next = change(current);
      if (!next) return current;
      this.db
        .prepare('INSERT INTO channel_settings (channel_id, subscribed, settings) VALUES (?, ?, ?) ON CONFLICT(channel_id) DO UPDATE SET subscribed = excluded.subscribed, settings = excluded.settings')
        .run(channelId, next.alerts?.kinds.length ? 1 : 0, JSON.stringify(next));
      return next;
    }).immediate();
  }

  async subscribed(): Promise<ChannelSettings[]> {
    return this.db.prepare<Row>('SELECT settings FROM channel_settings WHERE subscribed = 1 ORDER BY channel_id').all().map((r) => JSON.parse(r.settings) as ChannelSettings);
  }

  async claimThread(threadId: string, at: string): Promise<boolean> {
    return this.db.prepare('INSERT OR IGNORE INTO triaged_threads (thread_id, claimed_at) VALUES (?, ?)').run(threadId, at).changes === 1;
  }

  async releaseThread(threadId: string): Promise<void> {
    this.db.prepare('DELETE FROM triaged_threads WHERE thread_id = ?').run(threadId);
  }
}

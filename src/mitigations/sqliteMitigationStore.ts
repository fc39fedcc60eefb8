import { SqliteStore } from '../storage/sqliteStore';
import { completed, decided, type Decision, type MitigationOutcome, type MitigationPerson, type MitigationRecord, type MitigationStore } from './mitigationStore';

interface Row {
  record: string;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS mitigations (
    id TEXT PRIMARY KEY,
    status TEXT NOT NULL,
    proposed_at TEXT NOT NULL,
    record TEXT NOT NULL
  );`;

/**
 * Mitigations in a SQLite file (by default the feedback file: one place for what the assistant keeps). WAL with
 * synchronous=FULL, and every state move is one `UPDATE … WHERE status = 'pending'` inside a transaction.
 */
export class SqliteMitigationStore extends SqliteStore implements MitigationStore {
  constructor(file: string) {
    super(file, SCHEMA);
  }

  async create(record: MitigationRecord): Promise<void> {
    this.db.prepare('INSERT INTO mitigations (id, status, proposed_at, record) VALUES (?, ?, ?, ?)').run(record.id, record.status, record.proposedAt, JSON.stringify(record));
  }

  async get(id: string): Promise<MitigationRecord | undefined> {
    const row = this.db.prepare<Row>('SELECT record FROM mitigations WHERE id = ?').get(id);
    return row ? (JSON.parse(row.record) as MitigationRecord) : undefined;
  }

  async decide(id: string, to: Decision, by: MitigationPerson, at: string): Promise<{ moved: boolean; record?: MitigationRecord }> {
    return this.db.transaction(() => {
      const row = this.db.prepare<Row>('SELECT record FROM mitigations WHERE id = ?').get(id);
      if (!row) return { moved: false };
      const record = JSON.parse(row.record) as MitigationRecord;
      if (record.status !== 'pending') return { moved: false, record };
      const next = decided(record, to, by, at);
      this.write(next);
      return { moved: true, record: next };
    }).immediate();
  }

  async complete(id: string, outcome: MitigationOutcome, at: string): Promise<MitigationRecord | undefined> {
    return this.db.transaction(() => {
      const record = this.read(id);
      if (!record || record.status !== 'running') return record;
      const next = completed(record, outcome, at);
      this.write(next);
      return next;
    }).immediate();
  }

  async linkMessage(id: string, messageId: string): Promise<void> {
    this.db.transaction(() => {
      const record = this.read(id);
      if (record) this.write({ ...record, confirmationMessageId: messageId });
    }).immediate();
  }

  async list(): Promise<MitigationRecord[]> {
    return this.db.prepare<Row>('SELECT record FROM mitigations ORDER BY proposed_at, id').all().map((r) => JSON.parse(r.record) as MitigationRecord);
  }

  private read(id: string): MitigationRecord | undefined {
    const row = this.db.prepare<Row>('SELECT record FROM mitigations WHERE id = ?').get(id);
    return row ? (JSON.parse(row.record) as MitigationRecord) : undefined;
  }

  private write(record: MitigationRecord): void {
    this.db.prepare('UPDATE mitigations SET status = ?, record = ? WHERE id = ?').run(record.status, JSON.stringify(record), record.id);
  }
}

import type Database from 'better-sqlite3';
import { SqliteStore } from '../storage/sqliteStore';
import { type AnswerRecord, type FeedbackStore, type RatedAnswer, type RateOutcome, type RaterFeedback, refusalFor } from './types';

interface AnswerRow {
  answer_id: string;
  record: string;
  message_id: string | null;
}
interface RatingRow {
  answer_id: string;
  feedback: string;
}

/** An answer with its message id: from its link, else from the column files written before the link table kept. */
const SELECT_ANSWERS = 'SELECT a.answer_id, a.record, COALESCE(m.message_id, a.message_id) AS message_id FROM answers a LEFT JOIN answer_messages m ON m.answer_id = a.answer_id';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS answers (
    answer_id TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL,
    message_id TEXT,
    answered_at TEXT NOT NULL,
    record TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS answers_by_message ON answers (conversation_id, message_id);
  CREATE TABLE IF NOT EXISTS answer_messages (
    answer_id TEXT PRIMARY KEY REFERENCES answers (answer_id),
    conversation_id TEXT NOT NULL,
    message_id TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS answer_messages_by_message ON answer_messages (conversation_id, message_id);
  CREATE TABLE IF NOT EXISTS ratings (
    answer_id TEXT NOT NULL REFERENCES answers (answer_id),
    rater TEXT NOT NULL,
    rated_at TEXT NOT NULL,
    feedback TEXT NOT NULL,
    PRIMARY KEY (answer_id, rater)
  );`;

/**
 * Feedback in one SQLite file (the default, for a single instance), in WAL mode. A rating is written with
 * synchronous=FULL: it has reached the disk when the call returns, so a crash after the thank-you loses nothing,
 * and that sync also carries every answer written before it (one WAL file, synced up to its end). The answer of each
 * turn and its message id are written with synchronous=NORMAL: safe from a crash of the process the moment the call
 * returns, synced to the disk with the next rating or checkpoint. Two disk syncs a turn held the event loop for
 * about 5 ms, longer than the rest of an answer (docs/bench.md, "Load").
 *
 * A message id is linked in a small table of its own: an UPDATE of the answer's row rewrote the whole 20–40 KB record
 * into the WAL again (74 µs of CPU a turn against 11). Files written before keep their links in answers.message_id,
 * which is still read.
 */
export class SqliteFeedbackStore extends SqliteStore implements FeedbackStore {
  /** Prepared once: preparing is a parse of the SQL, and these run on every turn (db.pragma() prepares at each call). */
  private readonly insertAnswer: Database.Statement;
  private readonly insertMessageLink: Database.Statement;
  private readonly syncNormal: Database.Statement;
  private readonly syncFull: Database.Statement;

  constructor(file: string) {
    super(file, SCHEMA);
    this.insertAnswer = this.db.prepare('INSERT OR REPLACE INTO answers (answer_id, conversation_id, answered_at, record) VALUES (?, ?, ?, ?)');
    this.insertMessageLink = this.db.prepare(
      'INSERT OR REPLACE INTO answer_messages (answer_id, conversation_id, message_id) SELECT answer_id, conversation_id, ? FROM answers WHERE answer_id = ?',
    );
    this.syncNormal = this.db.prepare('PRAGMA synchronous = NORMAL');
    this.syncFull = this.db.prepare('PRAGMA synchronous = FULL');
  }

  async recordAnswer(answer: AnswerRecord): Promise<void> {
    this.withoutDiskSync(() => this.insertAnswer.run(answer.answerId, answer.conversationId, answer.answeredAt, JSON.stringify(answer)));
  }

  async linkMessage(answerId: string, messageId: string): Promise<void> {
    this.withoutDiskSync(() => this.insertMessageLink.run(messageId, answerId));
  }

  /** Runs one write with synchronous=NORMAL; the connection stays FULL for everything else (ratings, retention). */
  private withoutDiskSync(write: () => unknown): void {
    this.syncNormal.run();
    try {
      write();
    } finally {
      this.syncFull.run();
    }
  }

  async answerForMessage(conversationId: string, messageId: string): Promise<string | undefined> {
    const row = this.db
      .prepare<{ answer_id: string }>(
        `SELECT answer_id FROM answer_messages WHERE conversation_id = ? AND message_id = ?
         UNION ALL SELECT answer_id FROM answers WHERE conversation_id = ? AND message_id = ? LIMIT 1`,
      )
      .get(conversationId, messageId, conversationId, messageId);
    return row?.answer_id;
  }

  async getAnswer(answerId: string): Promise<RatedAnswer | undefined> {
    const row = this.db.prepare<AnswerRow>(`${SELECT_ANSWERS} WHERE a.answer_id = ?`).get(answerId);
    if (!row) return undefined;
    const ratings = this.db.prepare<RatingRow>('SELECT answer_id, feedback FROM ratings WHERE answer_id = ? ORDER BY rated_at').all(answerId);
    return toRatedAnswer(row, ratings);
  }

  async rate(answerId: string, conversationId: string, feedback: RaterFeedback): Promise<RateOutcome> {
    const upsert = this.db.transaction((): RateOutcome => {
      const row = this.db.prepare<Pick<AnswerRow, 'record'>>('SELECT record FROM answers WHERE answer_id = ?').get(answerId);
      const refusal = refusalFor(row && (JSON.parse(row.record) as AnswerRecord), conversationId);
      if (refusal) return refusal;
      this.db
        .prepare('INSERT OR REPLACE INTO ratings (answer_id, rater, rated_at, feedback) VALUES (?, ?, ?, ?)')
        .run(answerId, feedback.rater, feedback.ratedAt, JSON.stringify(feedback));
      return 'saved';
    });
    return upsert();
  }

  async listAnswers(): Promise<RatedAnswer[]> {
    const rows = this.db.prepare<AnswerRow>(`${SELECT_ANSWERS} ORDER BY a.answered_at, a.answer_id`).all();
    const ratings = this.db.prepare<RatingRow>('SELECT answer_id, feedback FROM ratings ORDER BY rated_at').all();
    return rows.map((row) => toRatedAnswer(row, ratings.filter((r) => r.answer_id === row.answer_id)));
  }

  async deleteUnratedBefore(cutoff: string): Promise<number> {
    // answered_at holds toISOString() values, so text order is time order. The card id test is isKeptForever's.
    const unrated = `answered_at < ?
           AND NOT EXISTS (SELECT 1 FROM ratings WHERE ratings.answer_id = answers.answer_id)
           AND json_extract(record, '$.answer.cardId') IS NOT 'mitigation'`;
    const sweep = this.db.transaction((): number => {
      this.db.prepare(`DELETE FROM answer_messages WHERE answer_id IN (SELECT answer_id FROM answers WHERE ${unrated})`).run(cutoff);
      return this.db.prepare(`DELETE FROM answers WHERE ${unrated}`).run(cutoff).changes;
    });
    return sweep();
  }
}

function toRatedAnswer(row: AnswerRow, ratings: RatingRow[]): RatedAnswer {
  const record = JSON.parse(row.record) as AnswerRecord;
  return { ...record, messageId: row.message_id ?? undefined, ratings: ratings.map((r) => JSON.parse(r.feedback) as RaterFeedback) };
}

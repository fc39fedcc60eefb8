import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { sqliteBackend, tableBackend } from '../support/storeBackends';
import { SqliteFeedbackStore } from '../../src/feedback/sqliteFeedbackStore';
import { TableFeedbackStore } from '../../src/feedback/tableFeedbackStore';
import type { FeedbackStore } from '../../src/feedback/types';
import { answerRecord, rating } from './records';

const sqliteStore = () => sqliteBackend<FeedbackStore>('feedback', (dir) => new SqliteFeedbackStore(path.join(dir, 'nested', 'feedback.sqlite')));
const tableStore = () => tableBackend<FeedbackStore>('Feedback', (connection, table) => TableFeedbackStore.fromConnectionString(connection, table));

for (const subject of [sqliteStore(), tableStore()]) {
  describe(`Feedback store: ${subject.name}`, function () {
    this.timeout(30_000);
    let store: FeedbackStore;
    beforeEach(async () => {
      store = await subject.open();
    });
    afterEach(async () => store.close());
    after(async () => subject.cleanup());

    it('When an answer is recorded, then it comes back whole: question, understanding, answer digest, asker and card', async () => {
      const answer = answerRecord();
      await store.recordAnswer(answer);
      const stored = await store.getAnswer(answer.answerId);
      assert.deepEqual(stored, { ...answer, messageId: undefined, ratings: [] });
    });

    it('When a person rates twice, then the second rating replaces the first (one record per rater)', async () => {
      const answer = answerRecord();
      await store.recordAnswer(answer);
      assert.equal(await store.rate(answer.answerId, answer.conversationId, rating()), 'saved');
      const changed = rating({ rating: 'down', categories: ['inaccurate', 'other'], comment: 'Wrong policy', ratedAt: '2026-11-20T12:02:00.000Z' });
      assert.equal(await store.rate(answer.answerId, answer.conversationId, changed), 'saved');
      assert.equal(await store.rate(answer.answerId, answer.conversationId, rating({ rater: 'someone-else' })), 'saved');
      const stored = await store.getAnswer(answer.answerId);
      assert.deepEqual(stored?.ratings, [changed, rating({ rater: 'someone-else' })].sort((a, b) => a.ratedAt.localeCompare(b.ratedAt)));
    });

    it('When a rating names an answer the store does not know, then it is refused and nothing is written', async () => {
      assert.equal(await store.rate('no-such-answer', 'a:somewhere', rating()), 'unknownAnswer');
      assert.equal(await store.getAnswer('no-such-answer'), undefined);
    });

    it('When a rating comes from a conversation the answer was not sent to, then it is refused', async () => {
      const answer = answerRecord();
      await store.recordAnswer(answer);
      assert.equal(await store.rate(answer.answerId, 'a:another-chat', rating()), 'otherConversation');
      assert.deepEqual((await store.getAnswer(answer.answerId))?.ratings, []);
    });

    it("When the sent message's id is linked, then Teams' feedback finds the answer by conversation and message, and only there", async () => {
      const answer = answerRecord();
      await store.recordAnswer(answer);
      await store.linkMessage(answer.answerId, '1700000000001');
      assert.equal(await store.answerForMessage(answer.conversationId, '1700000000001'), answer.answerId);
      assert.equal(await store.answerForMessage('a:another-chat', '1700000000001'), undefined);
      assert.equal((await store.getAnswer(answer.answerId))?.messageId, '1700000000001');
    });

    it('When answers are listed, then each comes with its own ratings, oldest answer first', async () => {
      const later = answerRecord({ answeredAt: '2026-11-21T08:00:00.000Z' });
      const earlier = answerRecord({ answeredAt: '2026-11-19T08:00:00.000Z', card: undefined });
      await store.recordAnswer(later);
      await store.recordAnswer(earlier);
      await store.rate(later.answerId, later.conversationId, rating({ rating: 'down', categories: ['unclear'] }));
      const listed = (await store.listAnswers()).filter((a) => a.answerId === later.answerId || a.answerId === earlier.answerId);
      assert.deepEqual(listed.map((a) => a.answerId), [earlier.answerId, later.answerId]);
      assert.deepEqual(listed.map((a) => a.ratings.map((r) => r.categories)), [[], [['unclear']]]);
    });

    it('When unrated answers are older than the retention cutoff, then they and their message links are deleted, while rated, mitigation and newer answers stay', async () => {
      const old = { answeredAt: '2026-10-01T08:00:00.000Z' };
      const unrated = answerRecord(old);
      const rated = answerRecord(old);
      const mitigation = answerRecord({ ...old, answer: { cardId: 'mitigation', skill: 'mitigation', skillVersion: '1', graphRequests: [] } });
      const recent = answerRecord({ answeredAt: '2026-11-19T08:00:00.000Z' });
      for (const a of [unrated, rated, mitigation, recent]) await store.recordAnswer(a);
      await store.linkMessage(unrated.answerId, '1700000000009');
      await store.rate(rated.answerId, rated.conversationId, rating());
      assert.equal(await store.deleteUnratedBefore('2026-10-21T12:00:00.000Z'), 1);
      assert.equal(await store.getAnswer(unrated.answerId), undefined);
      assert.equal(await store.answerForMessage(unrated.conversationId, '1700000000009'), undefined, 'the message link went with it');
      for (const kept of [rated, mitigation, recent]) assert.equal((await store.getAnswer(kept.answerId))?.answerId, kept.answerId);
      assert.equal(await store.deleteUnratedBefore('2026-10-21T12:00:00.000Z'), 0, 'a second sweep finds nothing more');
    });

    it('When a rater id holds characters table keys forbid, then it is still stored and replaced per rater', async () => {
      const answer = answerRecord();
      await store.recordAnswer(answer);
      const rater = '29:1a/b#c?d\\e';
      await store.rate(answer.answerId, answer.conversationId, rating({ rater }));
      await store.rate(answer.answerId, answer.conversationId, rating({ rater, rating: 'down' }));
      assert.deepEqual((await store.getAnswer(answer.answerId))?.ratings.map((r) => [r.rater, r.rating]), [[rater, 'down']]);
    });
  });
}

describe('Feedback store: SQLite durability', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'feedback-crash-'));
    file = path.join(dir, 'feedback.sqlite');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Runs `steps` (statements using `store`) in a child process that then dies with SIGKILL: no close(), no exit handlers. */
  function killedRightAfter(steps: string): { signal: NodeJS.Signals | null; stdout: string } {
    const storeModule = require.resolve('../../src/feedback/sqliteFeedbackStore');
    const script = `
      const { SqliteFeedbackStore } = require(${JSON.stringify(storeModule)});
      const store = new SqliteFeedbackStore(${JSON.stringify(file)});
      (async () => {
        ${steps}
        process.kill(process.pid, 'SIGKILL');
      })();`;
    return spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  }

  async function reopened<T>(read: (store: SqliteFeedbackStore) => Promise<T>): Promise<T> {
    const store = new SqliteFeedbackStore(file);
    try {
      return await read(store);
    } finally {
      await store.close();
    }
  }

  it('When the process is killed right after an answer was recorded and linked, then both are in the file, and ratings are still synced to disk', async () => {
    const answer = answerRecord();
    // Answers are written without a disk sync (synchronous=NORMAL): a dead process must still lose nothing.
    const child = killedRightAfter(`
      await store.recordAnswer(${JSON.stringify(answer)});
      await store.linkMessage(${JSON.stringify(answer.answerId)}, 'message-1');
      process.stdout.write(String(store.db.pragma('synchronous', { simple: true })));`);
    assert.equal(child.signal, 'SIGKILL');
    assert.equal(child.stdout, '2', 'the connection is back to synchronous=FULL (2) after an answer, for the ratings');
    await reopened(async (store) => {
      assert.equal((await store.getAnswer(answer.answerId))?.messageId, 'message-1');
      assert.equal(await store.answerForMessage(answer.conversationId, 'message-1'), answer.answerId);
    });
  });

  it('When a file linked its messages in the answers row (before the link table), then those links are still found, and a new link replaces one', async () => {
    const answer = answerRecord();
    await reopened((store) => store.recordAnswer(answer));
    // What linkMessage wrote before: the id in the answer's own row.
    const db = new Database(file);
    db.prepare('UPDATE answers SET message_id = ? WHERE answer_id = ?').run('old-message', answer.answerId);
    db.close();
    await reopened(async (store) => {
      assert.equal(await store.answerForMessage(answer.conversationId, 'old-message'), answer.answerId);
      assert.equal(await store.answerForMessage('another conversation', 'old-message'), undefined);
      assert.equal((await store.getAnswer(answer.answerId))?.messageId, 'old-message');
      await store.linkMessage(answer.answerId, 'new-message');
      assert.equal((await store.getAnswer(answer.answerId))?.messageId, 'new-message');
      assert.equal((await store.listAnswers())[0].messageId, 'new-message');
      assert.equal(await store.answerForMessage(answer.conversationId, 'new-message'), answer.answerId);
    });
  });

  it('When a message id is linked to an answer the store does not know, then nothing is linked', async () => {
    await reopened(async (store) => {
      await store.linkMessage('no-such-answer', 'message-9');
      assert.equal(await store.answerForMessage('a:conversation', 'message-9'), undefined);
    });
  });

  it('When the process is killed right after a rating was acknowledged, then the rating is in the file', async () => {
    const answer = answerRecord();
    const child = killedRightAfter(`
      await store.recordAnswer(${JSON.stringify(answer)});
      await store.rate(${JSON.stringify(answer.answerId)}, ${JSON.stringify(answer.conversationId)}, ${JSON.stringify(rating({ rating: 'down', categories: ['incomplete'] }))});
      process.stdout.write('acknowledged');`);
    assert.equal(child.signal, 'SIGKILL');
    assert.equal(child.stdout, 'acknowledged');
    await reopened(async (store) => {
      const stored = await store.getAnswer(answer.answerId);
      assert.deepEqual(stored?.ratings.map((r) => [r.rating, r.categories]), [['down', ['incomplete']]]);
    });
  });
});

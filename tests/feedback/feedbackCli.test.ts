import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SqliteFeedbackStore } from '../../src/feedback/sqliteFeedbackStore';
import { answerRecord, rating } from './records';
import { SqliteMitigationStore } from '../../src/mitigations/sqliteMitigationStore';

const CLI = path.join(__dirname, '..', '..', 'src', 'cli', 'feedback.js');

describe('npm run feedback', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const liked = answerRecord({ question: 'help', intent: 'help', answer: { cardId: 'help', skill: 'help', skillVersion: '1', graphRequests: [] } });
  const disliked = answerRecord({ question: 'Why can\'t Megan sign in, "again"?', conversationType: 'channel' });
  const unrated = answerRecord({ question: '=HYPERLINK("x")', intent: 'outOfScope', answer: { skill: 'outOfScope', skillVersion: '1', graphRequests: [] } });

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'feedback-cli-'));
    env = { ...process.env, FEEDBACK_SQLITE_PATH: path.join(dir, 'feedback.sqlite'), LOG_LEVEL: 'silent' };
    const store = new SqliteFeedbackStore(env.FEEDBACK_SQLITE_PATH!);
    for (const a of [liked, disliked, unrated]) await store.recordAnswer(a);
    await store.rate(liked.answerId, liked.conversationId, rating());
    await store.rate(disliked.answerId, disliked.conversationId, rating({ rating: 'down', categories: ['inaccurate', 'unclear'], comment: 'Wrong policy' }));
    await store.rate(disliked.answerId, disliked.conversationId, rating({ rater: 'second-admin', rating: 'down', categories: ['inaccurate'] }));
    await store.close();
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  function run(...args: string[]) {
    const result = spawnSync(process.execPath, [CLI, ...args], { env, encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    return result.stdout;
  }

  it('When a report is asked for, then it prints counts by intent, skill and category and writes an HTML chart per skill', () => {
    const html = path.join(dir, 'report.html');
    const out = run('report', '--html', html);
    assert.match(out, /^signin\.troubleshoot\s+1\s+0\s+2$/m);
    assert.match(out, /^help\s+1\s+1\s+0$/m);
    assert.match(out, /^total\s+3\s+1\s+2$/m);
    assert.match(out, /^Inaccurate: 2$/m);
    assert.match(out, /^Unclear: 1$/m);
    const page = fs.readFileSync(html, 'utf8');
    assert.equal(page.match(/<svg /g)?.length, 3, 'one chart per skill: help, outOfScope, signIns');
    assert.match(page, /<h2>signIns<\/h2>/);
  });

  it('When exported as CSV, then there is a row per rating (or per unrated answer), quoted safely', () => {
    const lines = run('export', '--format', 'csv').trimEnd().split('\r\n');
    assert.equal(lines.length, 1 + 4);
    assert.ok(lines[0].startsWith('answerId,answeredAt,conversationType,question,intent'));
    assert.ok(lines.some((l) => l.includes('"Why can\'t Megan sign in, ""again""?"')));
    assert.ok(lines.some((l) => l.includes(`"'=HYPERLINK(""x"")"`)), 'a formula-looking question is defused');
  });

  it('When exported as JSON lines, then each answer is one object with its ratings and without its card', () => {
    const objects = run('export', '--format', 'jsonl').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual(objects.map((o) => o.answerId).sort(), [liked, disliked, unrated].map((a) => a.answerId).sort());
    assert.ok(objects.every((o) => !('card' in o)));
    assert.equal((objects.find((o) => o.answerId === disliked.answerId)!.ratings as unknown[]).length, 2);
  });

  it('When exported as tests, then each 👎 question is one ask --batch line, with what was wrong', () => {
    const lines = run('export', '--as-tests').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual(lines, [
      {
        conversation: `feedback-${disliked.answerId}`,
        as: disliked.askerAadObjectId,
        text: disliked.question,
        channel: true,
        answerId: disliked.answerId,
        intent: disliked.intent,
        skill: 'signIns',
        categories: ['inaccurate', 'unclear'],
        comments: ['Wrong policy'],
      },
    ]);
  });

  it('When the mitigations are asked for, then every record comes out as a JSON line with who asked, who confirmed, the target and the result', async () => {
    const store = new SqliteMitigationStore(env.FEEDBACK_SQLITE_PATH!);
    const id = '0f8e2a4c-1b3d-4e5f-9a7b-6c5d4e3f2a1b';
    await store.create({
      id,
      conversationId: 'a:chat',
      proposal: { action: 'revokeSessions', target: { kind: 'user', id: '11111111-2222-4333-8444-555555555555', displayName: 'Megan Bowen' } },
      stateWhenAsked: 'account enabled',
      proposedBy: { name: 'Avery Admin' },
      proposedAt: '2026-11-20T12:00:00.000Z',
      expiresAt: '2026-11-20T12:15:00.000Z',
      status: 'pending',
    });
    await store.decide(id, 'running', { name: 'Sam Secadmin' }, '2026-11-20T12:01:00.000Z');
    await store.complete(id, { ok: true, message: "Megan Bowen's sessions are revoked.", graphStatus: 200 }, '2026-11-20T12:01:01.000Z');
    await store.close();
    const lines = run('actions').trim().split('\n');
    assert.equal(lines.length, 1);
    const record = JSON.parse(lines[0]) as { proposedBy: { name: string }; decidedBy: { name: string }; status: string; proposal: { target: { displayName: string } }; outcome: { message: string } };
    assert.equal(record.proposedBy.name, 'Avery Admin');
    assert.equal(record.decidedBy.name, 'Sam Secadmin');
    assert.equal(record.status, 'done');
    assert.equal(record.proposal.target.displayName, 'Megan Bowen');
    assert.match(record.outcome.message, /sessions are revoked/);
  });
});

import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { SqliteFeedbackStore } from '../../src/feedback/sqliteFeedbackStore';
import { SqliteMitigationStore } from '../../src/mitigations/sqliteMitigationStore';
import { repoRoot } from '../../src/paths';
import { currentUserId, openPersonalChat, sendMessage, skipUnlessBrowserCanRun, startPlaygroundSession, type PlaygroundSession } from './playgroundSession';

const OUTPUT = path.join(repoRoot(), 'test-output', 'browser');

describe('A real client: the Agents Playground in headless Chromium', function () {
  this.timeout(120_000);
  let session: PlaygroundSession;
  let page: Page;
  let dir: string;

  before(async function () {
    skipUnlessBrowserCanRun(this);
    fs.mkdirSync(OUTPUT, { recursive: true });
    session = await startPlaygroundSession();
    ({ page, dir } = session);
  });

  after(async () => {
    await session?.stop();
  });

  it('When an admin asks, clicks 👎, picks a category and sends, then the card thanks them and the store holds the rating', async () => {
    await openPersonalChat(session);
    await sendMessage(page, 'help');

    const card = page.locator('.ac-adaptiveCard').filter({ hasText: 'Not helpful' }).last();
    await card.waitFor({ timeout: 30_000 });
    await card.screenshot({ path: path.join(OUTPUT, 'feedback-card-before.png') });

    await card.getByRole('button', { name: '👎 Not helpful' }).click();
    const form = page.locator('.ac-adaptiveCard').filter({ hasText: 'What went wrong?' }).last();
    await form.waitFor({ timeout: 30_000 });
    await form.getByText('Inaccurate', { exact: true }).click();
    await form.locator('textarea').fill('The help card should list the sign-in questions first');
    await form.getByRole('button', { name: 'Send feedback' }).click();

    const thanked = page.locator('.ac-adaptiveCard').filter({ hasText: 'You rated this answer' }).last();
    await thanked.waitFor({ timeout: 30_000 });
    await thanked.screenshot({ path: path.join(OUTPUT, 'feedback-card-after.png') });
    assert.match((await thanked.innerText()).replace(/\s+/g, ' '), /You rated this answer 👎 not helpful \(Inaccurate\)\. Thank you/);
    assert.match(await thanked.innerText(), /What I can help with/, 'the answer is still there');

    const store = new SqliteFeedbackStore(path.join(dir, 'feedback.sqlite'));
    try {
      const rated = (await store.listAnswers()).filter((a) => a.ratings.length > 0);
      assert.equal(rated.length, 1);
      assert.equal(rated[0].question, 'help');
      assert.equal(rated[0].askerAadObjectId, currentUserId());
      assert.deepEqual(rated[0].ratings.map((r) => [r.rater, r.rating, r.categories, r.comment]), [
        [currentUserId(), 'down', ['inaccurate'], 'The help card should list the sign-in questions first'],
      ]);
    } finally {
      await store.close();
    }
  });

  it('When an admin presses a mitigation button on a risk card and confirms, then the confirmation becomes the result and the risk card says what was done', async () => {
    await openPersonalChat(session);
    await sendMessage(page, 'why is Bob high risk?');

    // The risk card states the verdict and what to do first; its detections are folded one click away.
    const riskCard = page.locator('.ac-adaptiveCard').filter({ hasText: 'Bob Kelly is at risk' }).filter({ hasText: 'What to do' }).last();
    await riskCard.waitFor({ timeout: 30_000 });
    await riskCard.getByRole('button', { name: 'Revoke sessions', exact: true }).click();

    const confirmation = page.locator('.ac-adaptiveCard').filter({ hasText: "Confirm: revoke all of Bob Kelly's sessions?" }).last();
    await confirmation.waitFor({ timeout: 30_000 });
    await confirmation.screenshot({ path: path.join(OUTPUT, 'mitigation-confirm.png') });
    await confirmation.getByRole('button', { name: 'Revoke sessions', exact: true }).click();

    const done = page.locator('.ac-adaptiveCard').filter({ hasText: 'Done: revoke sessions — Bob Kelly' }).last();
    await done.waitFor({ timeout: 30_000 });
    await done.screenshot({ path: path.join(OUTPUT, 'mitigation-done.png') });
    assert.match((await done.innerText()).replace(/\s+/g, ' '), /Bob Kelly's sessions are revoked/);

    const bannered = page.locator('.ac-adaptiveCard').filter({ hasText: 'The details below are from before' }).last();
    await bannered.waitFor({ timeout: 30_000 });
    assert.equal(await bannered.getByRole('button', { name: 'Revoke sessions', exact: true }).count(), 0, 'the risk card lost its mitigation buttons');

    const store = new SqliteMitigationStore(path.join(dir, 'feedback.sqlite'));
    try {
      const [record] = await store.list();
      assert.equal(record.status, 'done');
      assert.equal(record.proposal.action, 'revokeSessions');
      assert.equal(record.proposedBy.aadObjectId, currentUserId());
      assert.equal(record.decidedBy?.aadObjectId, currentUserId());
    } finally {
      await store.close();
    }
  });
});

import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startLocalStack, type LocalStack } from '../../src/cli/localStack';
import { startPlayground, type RunningPlayground } from '../../src/cli/playground';
import { DEMO_TENANT_ID, PLAYGROUND_USERS } from '@entra-assistant/local-entra';
import { ensureDemoTenant } from '@entra-assistant/local-entra/demo';
import { SqliteFeedbackStore } from '../../src/feedback/sqliteFeedbackStore';
import { SqliteMitigationStore } from '../../src/actions/sqliteMitigationStore';
import { repoRoot } from '../../src/paths';
import { CHROMIUM, missingBrowserPrerequisite } from './browserPrerequisites';

const OUTPUT = path.join(repoRoot(), 'test-output', 'browser');

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('A real client: the Agents Playground in headless Chromium', function () {
  this.timeout(120_000);
  let dir: string;
  let stack: LocalStack;
  let playground: RunningPlayground;
  let browser: Browser;
  let page: Page;

  before(async function () {
    // The Playground and its page reach for the internet; they run only inside scripts/test-browser.sh's namespace.
    if (!process.env.ENTRA_LOOPBACK_ONLY) {
      console.log('    (skipped: run by scripts/test-browser.sh inside a loopback-only network namespace; `npm test` does)');
      this.skip();
    }
    const missing = missingBrowserPrerequisite();
    if (missing) {
      console.log(`    (skipped: ${missing}; scripts/test-browser.sh installs it when run as root on Debian)`);
      this.skip();
    }
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'feedback-browser-'));
    fs.mkdirSync(OUTPUT, { recursive: true });
    const tenantDir = await ensureDemoTenant();
    stack = await startLocalStack({ env: { LOG_LEVEL: 'silent', FEEDBACK_SQLITE_PATH: path.join(dir, 'feedback.sqlite') }, botPort: 0, entra: { tenantDir } });
    const [currentUser, ...others] = PLAYGROUND_USERS.map((u) => ({ ...u }));
    playground = await startPlayground({
      botEndpoint: `${stack.assistant.server.url}/api/messages`,
      port: await freePort(),
      tenantId: DEMO_TENANT_ID,
      currentUser,
      users: [...others, { id: '00000000-0000-4000-8000-000000000005', displayName: 'Guest Five', userPrincipalName: 'guest5@example.com' }],
      logFile: path.join(dir, 'playground.log'),
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  });

  after(async () => {
    await browser?.close();
    await playground?.stop();
    await stack?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('When an admin asks, clicks 👎, picks a category and sends, then the card thanks them and the store holds the rating', async () => {
    await page.goto(playground.url);
    const compose = page.locator('[data-lexical-editor="true"]');
    await compose.click({ timeout: 30_000 });
    await compose.pressSequentially('help');
    await page.getByRole('button', { name: 'Send Message' }).click();

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
    await page.goto(playground.url);
    const compose = page.locator('[data-lexical-editor="true"]');
    await compose.click({ timeout: 30_000 });
    await compose.pressSequentially('why is Bob high risk?');
    await page.getByRole('button', { name: 'Send Message' }).click();

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

function currentUserId(): string {
  return PLAYGROUND_USERS[0].id;
}

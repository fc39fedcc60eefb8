import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { repoRoot } from '../../src/paths';
import { skipUnlessBrowserCanRun, startPlaygroundSession, type PlaygroundSession } from './playgroundSession';

/** `npm run screenshots` (UPDATE_SCREENSHOTS=1) writes the committed screenshot the README shows; tests write to test-output. */
const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === '1' ? path.join(repoRoot(), 'docs', 'screenshots') : path.join(repoRoot(), 'test-output', 'browser', 'screenshots');

/**
 * Starts a new post in the open channel that @mentions the bot (the Playground delivers only those), and sends it.
 * A channel has a compose box per thread besides the new-post one: the new-post box is the one used.
 */
async function sayToBot(page: Page, text: string): Promise<void> {
  // The new-post box comes first on the page, above the threads.
  const compose = page.locator('[data-lexical-editor="true"]').first();
  await compose.click({ timeout: 30_000 });
  await compose.pressSequentially('@Entra');
  await page.getByRole('menuitem').first().click({ timeout: 15_000 });
  await compose.pressSequentially(` ${text}`);
  await page.getByRole('button', { name: 'Post', exact: true }).click();
}

describe('Alerts in the Agents Playground\'s Help Desk channel (headless Chromium)', function () {
  this.timeout(120_000);
  let session: PlaygroundSession;
  let page: Page;

  before(async function () {
    skipUnlessBrowserCanRun(this);
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    // Real time, not the demo's pinned instant: the bot's pinned clock stands still while the local Entra's runs on,
    // so a fresh alert would read "in 0 minutes".
    session = await startPlaygroundSession({ env: { ALERTS_POLL_SECONDS: '1' } });
    ({ page } = session);
  });

  after(async () => {
    await session?.stop();
  });

  it('When the channel subscribes and the local Entra gets a new high-risk user, then the alert card appears in the channel', async () => {
    await page.goto(session.playground.url);
    await page.getByRole('treeitem', { name: /Help Desk/ }).click({ timeout: 30_000 });
    await sayToBot(page, '/alerts on high-risk users');
    await page.getByText(/Alerts on high-risk users are on in this channel/).last().waitFor({ timeout: 30_000 });

    await session.stack.entra.addEvent({ kind: 'riskyUser', user: 'megan.bowen@contoso.com', riskLevel: 'high' });
    const card = page.locator('.ac-adaptiveCard').filter({ hasText: 'Alert: Megan Bowen is a high-risk user' }).last();
    await card.waitFor({ timeout: 30_000 });
    await card.screenshot({ path: path.join(SCREENSHOTS, '11-alert-high-risk-user.png'), animations: 'disabled' });
    assert.match(await card.innerText(), /Confirm compromised/, 'the risk card\'s actions, for an admin reader');
  });

  it('When the channel also subscribes to privileged role changes and someone becomes a Global Administrator, then that alert appears', async () => {
    await sayToBot(page, '/alerts on privileged role changes');
    await page.getByText(/Alerts on privileged role changes are on in this channel/).last().waitFor({ timeout: 30_000 });

    await session.stack.entra.addEvent({ kind: 'roleChange', user: 'lee.gu@contoso.com', role: 'Global Administrator', by: 'admin@contoso.com' });
    const card = page.locator('.ac-adaptiveCard').filter({ hasText: 'Lee Gu was added to Global Administrator by Avery Admin' }).last();
    await card.waitFor({ timeout: 30_000 });
    await card.screenshot({ path: path.join(SCREENSHOTS, '12-alert-role-change.png'), animations: 'disabled' });
    assert.match(await card.innerText(), /Who holds Global Administrator\?/);
  });
});

/**
 * One bot on the local Entra, one Agents Playground and one headless Chromium page, for the browser tests. They run
 * only inside scripts/test-browser.sh's loopback-only network namespace: the Playground and its page reach for the
 * internet, and none of that may leave the machine.
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { startLocalStack, type LocalStack } from '../../src/cli/localStack';
import { startPlayground, type RunningPlayground } from '../../src/cli/playground';
import { DEMO_TENANT_ID, PLAYGROUND_USERS } from '@entra-assistant/local-entra';
import { ensureDemoTenant } from '@entra-assistant/local-entra/demo';
import { CHROMIUM, missingBrowserPrerequisite } from './browserPrerequisites';

/** The window the browser tests use: a laptop screen, where the Playground shows the chat beside its sidebar. */
export const VIEWPORT = { width: 1280, height: 1000 };

export interface PlaygroundSession {
  /** A scratch folder for the feedback store and the Playground's log; removed by stop(). */
  dir: string;
  stack: LocalStack;
  playground: RunningPlayground;
  browser: Browser;
  page: Page;
  stop(): Promise<void>;
}

export interface PlaygroundSessionOptions {
  /** Extra environment for the bot (ASSISTANT_NOW, ...); LOG_LEVEL and the feedback store are set here. */
  env?: Record<string, string>;
  /** The browser window; VIEWPORT unless given. */
  viewport?: { width: number; height: number };
}

/** Skips the suite (with the reason) unless Chromium can run here in a loopback-only namespace. */
export function skipUnlessBrowserCanRun(context: Mocha.Context): void {
  if (!process.env.ENTRA_LOOPBACK_ONLY) {
    console.log('    (skipped: run by scripts/test-browser.sh inside a loopback-only network namespace; `npm test` does)');
    context.skip();
  }
  const missing = missingBrowserPrerequisite();
  if (missing) {
    console.log(`    (skipped: ${missing}; scripts/test-browser.sh installs it when run as root on Debian)`);
    context.skip();
  }
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function startPlaygroundSession(options: PlaygroundSessionOptions = {}): Promise<PlaygroundSession> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'playground-browser-'));
  const started: Partial<PlaygroundSession> = { dir };
  const stop = async () => {
    await started.browser?.close();
    await started.playground?.stop();
    await started.stack?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    const tenantDir = await ensureDemoTenant();
    started.stack = await startLocalStack({
      env: { LOG_LEVEL: 'silent', FEEDBACK_SQLITE_PATH: path.join(dir, 'feedback.sqlite'), ...options.env },
      botPort: 0,
      entra: { tenantDir },
    });
    const [currentUser, ...others] = PLAYGROUND_USERS.map((u) => ({ ...u }));
    started.playground = await startPlayground({
      botEndpoint: `${started.stack.assistant.server.url}/api/messages`,
      port: await freePort(),
      tenantId: DEMO_TENANT_ID,
      currentUser,
      users: [...others, { id: '00000000-0000-4000-8000-000000000005', displayName: 'Guest Five', userPrincipalName: 'guest5@example.com' }],
      logFile: path.join(dir, 'playground.log'),
    });
    started.browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    started.page = await started.browser.newPage({ viewport: options.viewport ?? VIEWPORT });
    return { ...(started as PlaygroundSession), stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** The signed-in user's Entra object id (the Playground's current user is a demo tenant person). */
export function currentUserId(): string {
  return PLAYGROUND_USERS[0].id;
}

/** Opens the personal chat with the bot and waits until one can type. */
export async function openPersonalChat(session: PlaygroundSession): Promise<void> {
  await session.page.goto(session.playground.url);
  await composeBox(session.page).click({ timeout: 30_000 });
}

function composeBox(page: Page): Locator {
  return page.locator('[data-lexical-editor="true"]');
}

/** Types a message in the open chat and sends it, as a person would. */
export async function sendMessage(page: Page, text: string): Promise<void> {
  const compose = composeBox(page);
  await compose.click({ timeout: 30_000 });
  await compose.pressSequentially(text);
  await page.getByRole('button', { name: 'Send Message' }).click();
}

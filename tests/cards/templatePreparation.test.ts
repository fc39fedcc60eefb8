import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { prepareTemplates, prepareTemplatesLater } from '../../src/cards/render';
import { repoRoot } from '../../src/paths';
import { startTestAssistant } from '../support/assistant';

/** A copy of the built bot whose adaptiveCards/ has one template changed, with the checkout's node_modules. */
function botWithTemplate(name: string, text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'templates-'));
  fs.cpSync(path.join(repoRoot(), 'dist', 'src'), path.join(dir, 'dist', 'src'), { recursive: true });
  fs.cpSync(path.join(repoRoot(), 'adaptiveCards'), path.join(dir, 'adaptiveCards'), { recursive: true });
  fs.copyFileSync(path.join(repoRoot(), 'package.json'), path.join(dir, 'package.json'));
  fs.symlinkSync(path.join(repoRoot(), 'node_modules'), path.join(dir, 'node_modules'));
  fs.writeFileSync(path.join(dir, 'adaptiveCards', `${name}.json`), text);
  return dir;
}

/** Runs `node dist/src/index.js` there (auth off, loopback, temporary feedback file) until it exits; its code and stderr. */
async function runBot(dir: string): Promise<{ code: number | null; stderr: string; listened: boolean }> {
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, HOST: '127.0.0.1', PORT: '0', LOG_FORMAT: 'json', FEEDBACK_SQLITE_PATH: path.join(dir, 'feedback.sqlite') };
  const child = spawn(process.execPath, ['--disable-warning=DEP0111', path.join(dir, 'dist', 'src', 'index.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearTimeout(timer);
  return { code, stderr, listened: stdout.includes('Entra Assistant is listening') };
}

describe('Card templates: JSON checked at start, expressions parsed once the bot listens', function () {
  this.timeout(60_000);

  it('When a template cannot be read or parsed, then preparing the templates fails and names it', async () => {
    await assert.rejects(prepareTemplates(['noSuchTemplate']), /card template adaptiveCards\/noSuchTemplate\.json is broken/);
  });

  it('When the later preparation is cancelled before it begins, then it settles without preparing anything', async () => {
    const later = prepareTemplatesLater(['noSuchTemplate'], 50);
    later.cancel();
    await later.done;
    await assert.rejects(prepareTemplatesLater(['noSuchTemplate'], 10).done, /noSuchTemplate\.json is broken/);
  });

  it('When the bot starts, then every template is prepared after it listens', async () => {
    const running = await startTestAssistant();
    try {
      await running.templatesPrepared;
    } finally {
      await running.stop();
    }
  });

  it('When a template is not JSON, then the bot stops before it listens', async () => {
    const dir = botWithTemplate('help', '{ "type": "AdaptiveCard", ');
    try {
      const { code, stderr, listened } = await runBot(dir);
      assert.equal(code, 1, stderr);
      assert.equal(listened, false);
      assert.match(stderr, /Entra Assistant failed to start: SyntaxError/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('When a template holds an expression that does not parse, then the bot stops with an error naming it, a moment after it listens', async () => {
    const dir = botWithTemplate('help', JSON.stringify({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: '${if(a,}' }] }));
    try {
      const { code, stderr, listened } = await runBot(dir);
      assert.equal(code, 1, stderr);
      assert.equal(listened, true);
      assert.match(stderr, /Entra Assistant failed to start: card template adaptiveCards\/help\.json is broken: syntax error/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { ensureDemoTenant } from '@entra-assistant/local-entra/demo';
import { DEMO_ADMIN, DEMO_READER } from '@entra-assistant/local-entra';
import type { AskAnswer } from '../../src/cli/ask';
import { openFeedbackStore } from '../../src/feedback/openFeedbackStore';
import { feedbackReport, reportText } from '../../src/feedback/report';
import { FENCE_OPEN } from '../../src/llm/prompt';
import { PLAN_TOOL } from '../../src/llm/tools';
import { DemoStack } from '../support/demoStack';
import { azureModelEnv, ModelServer } from '../support/modelServer';
import { repoRoot } from '../../src/paths';

const run = promisify(execFile);
const ADMIN = DEMO_ADMIN.userPrincipalName;
const GUEST_COUNT_PLAN = { resource: 'users', filters: [{ field: 'userType', op: 'eq', value: 'Guest' }], operation: { kind: 'count' } };

function guestCount(tenantDir: string): number {
  const users = JSON.parse(fs.readFileSync(path.join(tenantDir, 'users.json'), 'utf8')) as { value: Array<{ userType?: string }> };
  return users.value.filter((u) => u.userType === 'Guest').length;
}

function modelUse(answer: AskAnswer): { understoodBy: string; fallback?: string; tokens: number; summary?: boolean } {
  assert.ok(answer.model, answer.text);
  return answer.model as { understoodBy: string; fallback?: string; tokens: number; summary?: boolean };
}

/** The message activities the bot sent to the channel since `from`. */
function sentSince(stack: DemoStack, from: number): Array<Record<string, unknown>> {
  return stack.connectorServer.calls.slice(from).map((c) => c.body).filter((b) => b.type === 'message');
}

describe('Language model settings (issue #17)', function () {
  this.timeout(120_000);
  const server = new ModelServer();
  let tenantDir: string;
  before(async () => {
    await server.start();
    tenantDir = await ensureDemoTenant();
  });
  after(() => server.stop());
  beforeEach(() => server.reset());

  describe('When summaries are on (MODEL_SUMMARIES=on)', () => {
    let stack: DemoStack;
    const storeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ea-model-store-'));
    before(async () => {
      stack = await new DemoStack(tenantDir, azureModelEnv(server, { MODEL_SUMMARIES: 'on', FEEDBACK_SQLITE_PATH: path.join(storeDir, 'feedback.sqlite') })).start();
    });
    after(async () => {
      await stack?.stop();
      fs.rmSync(storeDir, { recursive: true, force: true });
    });

    it('then a summary whose numbers are all in the card\'s rows goes above the card, marked in the card and with Teams\' AI label', async () => {
      const guests = guestCount(tenantDir);
      server.next({ kind: 'tool', name: PLAN_TOOL, args: GUEST_COUNT_PLAN }, { kind: 'text', content: `The tenant has ${guests} guest accounts.` });
      const before = stack.connectorServer.calls.length;
      const answer = await stack.ask('count the guests', ADMIN);
      assert.deepEqual([modelUse(answer).understoodBy, modelUse(answer).summary], ['model', true]);
      const card = answer.cards[0] as { body: Array<{ id?: string }> };
      assert.equal(card.body[0].id, 'modelSummary');
      assert.match(answer.text, new RegExp(`^The tenant has ${guests} guest accounts\\.\\nAI-generated summary of the rows below`));
      const [message] = sentSince(stack, before);
      assert.deepEqual(message.entities, [{ type: 'https://schema.org/Message', '@type': 'Message', '@context': 'https://schema.org', '@id': '', additionalType: ['AIGeneratedContent'] }]);
      const summaryRequest = server.requests[1];
      assert.equal(summaryRequest.body.tools, undefined, 'a summary is text, no tools');
      const rows = summaryRequest.body.messages.find((m) => m.content.includes("The card's rows:\n" + FENCE_OPEN));
      assert.ok(rows && rows.content.includes(`${guests} users`), 'the card rows are given, fenced');
    });

    it('then a summary that states a number the rows do not show is dropped, and the message carries no AI label', async () => {
      server.next({ kind: 'tool', name: PLAN_TOOL, args: GUEST_COUNT_PLAN }, { kind: 'text', content: 'The tenant has 4,812 guest accounts, up 12% this month.' });
      const before = stack.connectorServer.calls.length;
      const answer = await stack.ask('count the guests', ADMIN);
      assert.equal(modelUse(answer).summary, undefined);
      assert.doesNotMatch(answer.text, /4,812|AI-generated/);
      const card = answer.cards[0] as { body: Array<{ id?: string }> };
      assert.ok(!card.body.some((e) => e.id === 'modelSummary'));
      assert.equal(sentSince(stack, before)[0].entities, undefined);
    });

    it('then `npm run feedback -- report` shows tokens and fallbacks by intent', async () => {
      server.next({ kind: 'tool', name: PLAN_TOOL, args: GUEST_COUNT_PLAN }, { kind: 'text', content: 'Guests are counted.' });
      await stack.ask('count the guests', ADMIN);
      server.next({ kind: 'error', status: 400 });
      await stack.ask('who is Megan?', ADMIN);
      const store = openFeedbackStore({ store: 'sqlite', sqlitePath: path.join(storeDir, 'feedback.sqlite') });
      const report = feedbackReport(await store.listAnswers());
      await store.close();
      assert.ok(report.modelByIntent['user.info'].byModel >= 1, 'the guest count');
      assert.equal(report.modelByIntent['user.info'].fallbackReasons.refused, 1);
      assert.ok(report.modelTotal.tokens > 0);
      const { stdout } = await run(process.execPath, [path.join(repoRoot(), 'dist/src/cli/feedback.js'), 'report', '--html', path.join(storeDir, 'report.html')], { env: { ...process.env, FEEDBACK_SQLITE_PATH: path.join(storeDir, 'feedback.sqlite') } });
      assert.match(stdout, /language model\s+answers\s+model\s+fallbacks\s+tokens\s+tokens\/q\s+fallback reasons/);
      assert.match(stdout, /user\.info\s+\d+\s+\d+\s+1\s+\d+\s+\d+\s+refused 1/);
      assert.equal(reportText(report), stdout);
      assert.match(fs.readFileSync(path.join(storeDir, 'report.html'), 'utf8'), /<h2>Language model<\/h2><pre>[^<]*refused 1/);
    });
  });

  describe('When the hourly token budget is spent (an OpenAI-compatible server on /v1)', () => {
    let stack: DemoStack;
    before(async () => {
      stack = await new DemoStack(tenantDir, {
        OPENAI_COMPATIBLE_URL: `${server.url}/v1`,
        OPENAI_COMPATIBLE_MODEL: 'local-test',
        MODEL_TOKENS_PER_USER_PER_HOUR: '1000',
        MODEL_TOKENS_PER_TENANT_PER_HOUR: '1000',
      }).start();
    });
    after(() => stack?.stop());

    it('then the offline understanding answers, says when the budget renews, and the model is not asked', async () => {
      server.next({ kind: 'tool', name: PLAN_TOOL, args: GUEST_COUNT_PLAN });
      const first = await stack.ask('count the guests', ADMIN);
      assert.equal(modelUse(first).understoodBy, 'model');
      assert.equal(server.requests[0].path, '/v1/chat/completions');
      assert.equal(server.requests[0].body.model, 'local-test');
      assert.ok(modelUse(first).tokens > 1000, `one question costs more than this tiny budget (${modelUse(first).tokens} tokens)`);

      const second = await stack.ask('count the guests', ADMIN);
      assert.deepEqual([modelUse(second).understoodBy, modelUse(second).fallback, modelUse(second).tokens], ['offline', 'budget', 0]);
      assert.match(second.text, /Understood by the built-in rules: your language-model budget for this hour \(1,000 tokens\) is spent; it renews at \d\d:\d\d UTC\./);
      assert.equal(server.requests.length, 1, 'the model was not asked again');
      assert.match(second.text, new RegExp(`\\*\\*${guestCount(tenantDir)} users\\*\\*`), 'the question is still answered');

      const other = await stack.ask('count the guests', DEMO_READER.userPrincipalName);
      assert.match(other.text, /this tenant’s language-model budget for this hour \(1,000 tokens\) is spent/);
    });
  });

  describe('When no model is configured', () => {
    it('then no model code is loaded, and answers carry no model line', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ea-no-model-'));
      const script = `
        const { loadConfig } = require('./dist/src/config');
        const { startEntraAssistant } = require('./dist/src/index');
        (async () => {
          const env = JSON.parse(process.argv[1]);
          const running = await startEntraAssistant(loadConfig({ PORT: '0', LOG_LEVEL: 'silent', FEEDBACK_SQLITE_PATH: ${JSON.stringify(path.join(dir, 'f.sqlite'))}, ...env }));
          const loaded = Object.keys(require.cache).filter((k) => /[\\\\/]dist[\\\\/]src[\\\\/]llm[\\\\/]|[\\\\/]node_modules[\\\\/]openai[\\\\/]/.test(k));
          await running.stop();
          process.stdout.write(JSON.stringify(loaded));
        })();`;
      try {
        const without = await run(process.execPath, ['-e', script, '{}'], { cwd: repoRoot() });
        assert.deepEqual(JSON.parse(without.stdout), []);
        // The same check sees the model code when a model is configured: it can fail.
        const withModel = await run(process.execPath, ['-e', script, JSON.stringify(azureModelEnv(server))], { cwd: repoRoot() });
        const loaded = JSON.parse(withModel.stdout) as string[];
        assert.ok(loaded.some((k) => k.includes(`${path.sep}llm${path.sep}modelUnderstanding.js`)) && loaded.some((k) => k.includes(`node_modules${path.sep}openai${path.sep}`)), loaded.join('\n'));
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
      const plain = await new DemoStack(tenantDir).start();
      try {
        const answer = await plain.ask('count the guests', ADMIN);
        assert.equal(answer.model, undefined);
        assert.doesNotMatch(answer.text, /Understood by|language model/);
        assert.equal(server.requests.length, 0);
      } finally {
        await plain.stop();
      }
    });
  });

  describe('When `npm run ask -- --llm URL` is used', () => {
    it('then the bot it starts asks that OpenAI-compatible server', async () => {
      server.next({ kind: 'tool', name: PLAN_TOOL, args: GUEST_COUNT_PLAN });
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ea-ask-llm-'));
      try {
        const { stdout } = await run(process.execPath, ['dist/src/cli/ask.js', '--json', '--llm', `${server.url}/v1`, '--llm-model', 'my-local-model', 'count the guests'], {
          cwd: repoRoot(),
          env: { ...process.env, LOG_LEVEL: 'silent', FEEDBACK_SQLITE_PATH: path.join(dir, 'f.sqlite') },
        });
        const answer = JSON.parse(stdout.trim().split('\n').at(-1)!) as AskAnswer;
        assert.equal(modelUse(answer).understoodBy, 'model');
        assert.deepEqual(answer.plan, GUEST_COUNT_PLAN);
        assert.equal(server.requests[0].path, '/v1/chat/completions');
        assert.equal(server.requests[0].body.model, 'my-local-model');
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});

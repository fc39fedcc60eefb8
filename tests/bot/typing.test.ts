import { strict as assert } from 'node:assert';
import { DEMO_ADMIN } from '@entra-assistant/local-entra';
import { ensureDemoTenant } from '@entra-assistant/local-entra/demo';
import { ConnectorStub } from '../support/connectorStub';
import { teamsMessage } from '../support/activities';
import { postActivity, startTestAssistant } from '../support/assistant';
import { DemoStack } from '../support/demoStack';

/** The sign-in log answers this late: the diagnosis is not ready until after two typing periods have begun. */
const SLOW_SIGN_INS_MS = 3000;

describe('The typing indicator', () => {
  describe('When Microsoft Graph is slow to answer', () => {
    let stack: DemoStack;
    before(async () => {
      stack = await new DemoStack(await ensureDemoTenant(), {}, { faults: [{ kind: 'latency', pathPattern: '^/beta/auditLogs/signIns', latencyMs: SLOW_SIGN_INS_MS }] }).start();
    });
    after(async () => {
      await stack?.stop();
    });

    it('When a diagnosis waits on a slow sign-in log, then "typing…" goes out after half a second and again every two seconds, and the answer after it', async function () {
      this.timeout(30_000);
      const before = stack.connectorServer.calls.length;
      const asked = Date.now();
      const answer = await stack.ask("why can't Megan sign in?", DEMO_ADMIN.userPrincipalName);
      assert.equal(answer.intent, 'signin.troubleshoot');
      const calls = stack.connectorServer.calls.slice(before);
      const types = calls.map((c) => c.body.type);
      assert.equal(types[types.length - 1], 'message', `the answer comes last: ${types.join(',')}`);
      const typings = types.filter((t) => t === 'typing').length;
      // Typing at ~0.5 s and ~2.5 s; the answer at 3 s or later (a slow machine may add one more before it).
      assert.ok(typings >= 2, `typing was sent ${typings} times before an answer that took ${Date.now() - asked} ms`);
      assert.ok(types.slice(0, -1).every((t) => t === 'typing'), `nothing but typing before the answer: ${types.join(',')}`);
    });
  });

  describe('When TYPING_DELAY_MS is 0', () => {
    let connector: ConnectorStub;
    let assistant: Awaited<ReturnType<typeof startTestAssistant>>;
    before(async () => {
      connector = await new ConnectorStub().start();
      assistant = await startTestAssistant({ TYPING_DELAY_MS: '0' });
    });
    after(async () => {
      await assistant.stop();
      await connector.stop();
    });
    beforeEach(() => connector.calls.splice(0));

    it('When an answer is ready at once, then it is still preceded by one typing indicator', async () => {
      await postActivity(assistant.server.url, teamsMessage({ text: 'help', serviceUrl: connector.url }));
      assert.deepEqual(connector.calls.map((c) => c.body.type), ['typing', 'message']);
    });

    it('When a message is longer than the limit, then only the notice goes out: no typing, no work started', async () => {
      await postActivity(assistant.server.url, teamsMessage({ text: `help ${'x'.repeat(5000)}`, serviceUrl: connector.url }));
      assert.deepEqual(connector.calls.map((c) => c.body.type), ['message']);
      assert.match(String(connector.calls[0].body.text), /characters long/);
    });
  });
});

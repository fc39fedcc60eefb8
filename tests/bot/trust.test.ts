import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import { activityFor } from '../../src/cli/ask';
import { ensureDemoTenant } from '../../src/emulator/demo';
import { DEMO_TENANT_ID } from '../../src/emulator/demo/constants';
import { DemoStack } from '../support/demoStack';

/** What the bot posted in reply to one activity, and the HTTP answer to it. */
interface Exchange {
  status: number;
  body: string;
  texts: string[];
  messages: Array<Record<string, unknown>>;
}

/** Posts one Teams message (or a variation of it) as `from`, and collects what the bot sent back. */
async function post(stack: DemoStack, text: string, aadObjectId: string, bend: (activity: Record<string, unknown>) => Record<string, unknown> = (a) => a): Promise<Exchange> {
  const connector = stack.connectorServer;
  const activity = bend(activityFor({ conversation: 'c', as: aadObjectId, text }, { upn: aadObjectId, id: aadObjectId, name: 'Someone' }, randomUUID(), connector.url));
  const before = connector.calls.length;
  const res = await fetch(`${stack.botUrl}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(activity) });
  const body = await res.text();
  const messages = connector.calls.slice(before).map((c) => c.body).filter((b) => b.type === 'message');
  return { status: res.status, body, messages, texts: messages.map((m) => String(m.text ?? '')) };
}

describe('Trust: who the bot answers (issue #15)', function () {
  this.timeout(60_000);
  let stack: DemoStack;
  let dir: string;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trust-'));
    stack = await new DemoStack(await ensureDemoTenant(), { FEEDBACK_SQLITE_PATH: path.join(dir, 'feedback.sqlite') }).start();
  });
  after(async () => {
    await stack?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  describe('An asker the directory does not know', () => {
    it('When a Teams user whose object id is no user of the tenant asks, then the reply names the tenant, says the account is not in it and shows nothing', async () => {
      const stranger = randomUUID();
      const reply = await post(stack, 'who is Megan?', stranger);
      assert.equal(reply.status, 200);
      assert.equal(reply.messages.length, 1, 'one reply');
      assert.equal(reply.messages[0].attachments, undefined, 'no card: nothing of the tenant is shown');
      const text = reply.texts[0];
      assert.doesNotMatch(text, /Sorry, something went wrong/);
      assert.match(text, new RegExp(`Contoso.*\\(tenant ${DEMO_TENANT_ID}\\)`));
      assert.match(text, new RegExp(`object id ${stranger}\\) is not a user in that directory`));
      assert.match(text, /can't show you anything from it/);
      assert.doesNotMatch(text, /Megan Bowen|MeganB@/i, 'nothing about the person asked for');
    });

    it('When Teams sends an asker id that is not an Entra object id, then the reply says it cannot be looked up in the tenant and shows nothing', async () => {
      const reply = await post(stack, 'who is Megan?', 'not-an-object-id');
      assert.equal(reply.status, 200);
      const text = reply.texts.join('\n');
      assert.doesNotMatch(text, /Sorry, something went wrong/);
      assert.match(text, new RegExp(`\\(tenant ${DEMO_TENANT_ID}\\)`));
      assert.match(text, /did not send an Entra account id for you that I can look up/);
      assert.equal(reply.messages[0].attachments, undefined);
    });
  });
});

import { strict as assert } from 'node:assert';
import { ensureDemoTenant } from '@entra-assistant/local-entra/demo';
import { DEMO_ADMIN, DEMO_SECURITY_ADMIN } from '@entra-assistant/local-entra';
import { loadConfig, ConfigError } from '../../src/config';
import { buttonsOf, TeamsChat } from '../support/teamsChat';
import { cardToText } from '../../src/cards/cardText';
import { createGraphClient } from '../../src/graph/client';
import { DemoStack } from '../support/demoStack';

describe('Usage limits (issue #15, item 7)', function () {
  this.timeout(120_000);
  let stack: DemoStack;

  before(async () => {
    stack = await new DemoStack(await ensureDemoTenant(), {
      QUESTIONS_PER_USER_PER_MINUTE: '3',
      QUESTIONS_PER_TENANT_PER_MINUTE: '5',
      MITIGATIONS_PER_USER_PER_MINUTE: '1',
      MITIGATIONS_PER_TENANT_PER_MINUTE: '1',
    }).start();
  });
  after(async () => {
    await stack?.stop();
  });

  it('When one person asks more questions in a minute than QUESTIONS_PER_USER_PER_MINUTE, then the next is answered with when to try again and nothing is read from Graph; others still get answers until the tenant limit', async () => {
    for (let i = 0; i < 3; i++) assert.match((await stack.ask('who is Megan?', DEMO_ADMIN.userPrincipalName)).text, /Megan Bowen/);
    const limited = await stack.ask('who is Megan?', DEMO_ADMIN.userPrincipalName);
    assert.match(limited.text, /more questions than I take in a minute \(you have sent the most allowed\), so I did not act on this one and read nothing\. Try again in \d+ seconds?\./);
    assert.equal(limited.cards.length, 0);
    assert.deepEqual(limited.graphRequests ?? [], [], 'no Graph read');
    assert.match((await stack.ask('who is Megan?', DEMO_SECURITY_ADMIN.userPrincipalName)).text, /Megan Bowen/, 'another person is answered');
    assert.match((await stack.ask('who is Megan?', DEMO_SECURITY_ADMIN.userPrincipalName)).text, /Megan Bowen/);
    const tenantLimited = await stack.ask('who is Megan?', DEMO_SECURITY_ADMIN.userPrincipalName);
    assert.match(tenantLimited.text, /\(your organisation has sent the most allowed\)[^]*Try again in \d+ seconds?\./);
  });

  it('When the mitigation limit is reached, then a further Confirm is refused on the card with when to try again and nothing changes', async () => {
    const own = await new DemoStack(stack.tenantDir, { MITIGATIONS_PER_USER_PER_MINUTE: '1', MITIGATIONS_PER_TENANT_PER_MINUTE: '1' }).start();
    try {
      await mitigationLimit(own);
    } finally {
      await own.stop();
    }
  });

  async function mitigationLimit(stack: DemoStack): Promise<void> {
    const chat = new TeamsChat(stack.botUrl, stack.connectorServer, stack.tenantDir);
    const asked = await chat.say('revoke Megan Bowen\'s sessions', 'pradeep.gupta@contoso.com');
    const first = asked.cards[0];
    assert.ok(first && buttonsOf(first).some((b) => b.title === 'Revoke sessions'), asked.text);
    const done = await chat.execute(first, 'Revoke sessions', 'pradeep.gupta@contoso.com');
    assert.doesNotMatch(cardToText(done.body.value), /than I take in a minute/);
    const otherChat = new TeamsChat(stack.botUrl, stack.connectorServer, stack.tenantDir);
    const again = await otherChat.say('disable jordan.member@contoso.com', 'enrico.cattaneo@contoso.com');
    const second = again.cards[0];
    assert.ok(second && buttonsOf(second).some((b) => b.title === 'Disable account'), again.text);
    const refused = await otherChat.execute(second, 'Disable account', 'enrico.cattaneo@contoso.com');
    assert.match(cardToText(refused.body.value), /more changes to the tenant than I take in a minute[^]*Try again in \d+ seconds?\./);
    const user = (await createGraphClient(stack.graphConfig).api('/users/0b8e2a9c-4d6f-4e21-8c1b-5a3f9e7d2c03').select('accountEnabled').get()) as { accountEnabled: boolean };
    assert.equal(user.accountEnabled, true, 'nothing changed');
  }

  it('When a usage limit is not a whole number, or a tenant limit is below its per-user limit, then start-up stops with a line naming the variable', () => {
    assert.throws(() => loadConfig({ QUESTIONS_PER_USER_PER_MINUTE: 'lots' }), (e: unknown) => e instanceof ConfigError && /^Configuration error: QUESTIONS_PER_USER_PER_MINUTE must be a whole number/.test(e.message));
    assert.throws(() => loadConfig({ QUESTIONS_PER_USER_PER_MINUTE: '50', QUESTIONS_PER_TENANT_PER_MINUTE: '10' }), /QUESTIONS_PER_TENANT_PER_MINUTE must be at least QUESTIONS_PER_USER_PER_MINUTE/);
    assert.deepEqual(loadConfig({}).usage, { questionsPerUserPerMinute: 30, questionsPerTenantPerMinute: 600, mitigationsPerUserPerMinute: 10, mitigationsPerTenantPerMinute: 60 });
  });
});

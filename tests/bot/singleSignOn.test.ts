import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { ConnectorServer } from '../../src/cli/connectorServer';
import { askAll } from '../../src/cli/ask';
import { startLocalStack, type LocalStack } from '../../src/cli/localStack';
import { DEMO_ADMIN, DEMO_MEMBER, LOCAL_BOT_CLIENT, DEMO_TENANT_ID } from '@entra-assistant/local-entra';
import { MINI_TENANT_DIR, MINI_CAPTURED_AT } from '@entra-assistant/local-entra/testing';
import { temporaryStores } from '../support/temporaryStores';

interface Diagnostics {
  intent: string;
  graphAccess: string;
}

describe('Teams single sign-on: reading with the asker\'s own rights', () => {
  let stack: LocalStack;
  let connector: ConnectorServer;

  const stores = temporaryStores();

  before(async () => {
    connector = await new ConnectorServer().start();
    stack = await startLocalStack({
      env: { ...stores.env, SSO_ENABLED: 'on', SSO_APP_ID: LOCAL_BOT_CLIENT.clientId, ANSWER_DIAGNOSTICS: 'on', LOG_LEVEL: 'silent', ASSISTANT_NOW: MINI_CAPTURED_AT.toISOString() },
      botPort: 0,
      entra: { tenantDir: MINI_TENANT_DIR, port: 0 },
      overrides: { logger: pino({ level: 'silent' }) },
    });
  });
  after(async () => {
    await stack.stop();
    await connector.stop();
    stores.dispose();
  });

  const ask = (text: string, as: string, ssoToken?: (id: string) => Promise<string>) =>
    askAll([{ conversation: randomUUID(), as, text }], stack.assistant.server.url, connector, MINI_TENANT_DIR, ssoToken ? { ssoToken } : {});

  it('When a tenant question arrives before any token, then the bot sends a sign-in card for its own API', async () => {
    const [answer] = await ask("why can't Megan sign in?", DEMO_ADMIN.id);
    const card = answer.cards[0] as { tokenExchangeResource?: { uri?: string }; connectionName?: string };
    assert.equal(card.tokenExchangeResource?.uri, `api://botid-${LOCAL_BOT_CLIENT.clientId}`);
    assert.equal(card.connectionName, 'graph');
  });

  it('When Teams hands over the token, then the waiting question is answered with delegated access', async () => {
    const [answer] = await ask("why can't Megan sign in?", DEMO_ADMIN.id, (id) => stack.entra.issueUserAssertion(id));
    assert.equal(answer.intent, 'signin.troubleshoot');
    const reply = connector.messages().at(-1) as { channelData: { entraAssistant: Diagnostics } };
    assert.equal(reply.channelData.entraAssistant.graphAccess, 'delegated');
  });

  it('When help is asked, then no sign-in is needed', async () => {
    const [answer] = await ask('help', DEMO_MEMBER.id);
    assert.match(answer.text, /What I can help with/);
  });

  it('When the token belongs to someone else, then the exchange is refused with 412 and nothing is answered', async () => {
    const tokenOfAdmin = await stack.entra.issueUserAssertion(DEMO_ADMIN.id);
    const before = connector.calls.length;
    const res = await fetch(`${stack.assistant.server.url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        type: 'invoke',
        name: 'signin/tokenExchange',
        id: randomUUID(),
        channelId: 'msteams',
        serviceUrl: connector.url,
        from: { id: '29:member', aadObjectId: DEMO_MEMBER.id },
        recipient: { id: '28:entra-assistant' },
        conversation: { id: `a:${randomUUID()}`, conversationType: 'personal', tenantId: DEMO_TENANT_ID },
        value: { id: 'x', connectionName: 'graph', token: tokenOfAdmin },
      }),
    });
    assert.equal(res.status, 412);
    assert.match(await res.text(), /another user/);
    assert.equal(connector.calls.length, before);
  });
});

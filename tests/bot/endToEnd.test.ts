import { strict as assert } from 'node:assert';
import { ConnectorServer as ConnectorStub } from '../../src/cli/connectorServer';
import { installUpdate, teamsMessage } from '../support/activities';
import { postActivity, startTestAssistant } from '../support/assistant';

interface CardAttachment {
  contentType: string;
  content: { type: string; version: string; body: Array<Record<string, unknown>>; actions?: Array<Record<string, unknown>> };
}

function cardOf(activity: Record<string, unknown>): CardAttachment['content'] {
  const attachments = activity.attachments as CardAttachment[] | undefined;
  assert.ok(attachments && attachments.length === 1, 'expected one attachment');
  assert.equal(attachments[0].contentType, 'application/vnd.microsoft.card.adaptive');
  return attachments[0].content;
}

describe('The bot over HTTP, in local mode (no BOT_ID)', () => {
  let connector: ConnectorStub;
  let assistant: Awaited<ReturnType<typeof startTestAssistant>>;

  before(async () => {
    connector = await new ConnectorStub().start();
    // A typing delay no answer here comes near, however busy the machine (tests/bot/typing.test.ts tests the delay).
    assistant = await startTestAssistant({ TYPING_DELAY_MS: '10000' });
  });
  after(async () => {
    await assistant.stop();
    await connector.stop();
  });
  beforeEach(() => connector.calls.splice(0));

  it('When the server starts without BOT_ID, then it listens on loopback and answers /healthz', async () => {
    assert.match(assistant.server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${assistant.server.url}/healthz`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: 'ok' });
  });

  it('When an admin asks for help in a personal chat, then a help card with example buttons reaches the connector', async () => {
    const activity = teamsMessage({ text: 'help', serviceUrl: connector.url });
    const res = await postActivity(assistant.server.url, activity);
    assert.equal(res.status, 200);
    const call = await connector.waitFor((c) => c.body.type === 'message');
    const conversationId = (activity.conversation as { id: string }).id;
    assert.ok(call.path.startsWith(`/v3/conversations/${encodeURIComponent(conversationId)}/activities`), call.path);
    const card = cardOf(call.body);
    assert.equal(card.version, '1.5');
    const texts = JSON.stringify(card.body);
    assert.match(texts, /What I can help with/);
    assert.match(texts, /Why can't Megan sign in\?/);
    assert.match(texts, /"id":"footer"/, 'every answer card ends with the footer slot');
    assert.equal(call.body.replyToId, activity.id, 'the answer replies to the question');
  });

  it('When an answer is ready within the typing delay, then it goes out alone: one message, no typing indicator', async () => {
    await postActivity(assistant.server.url, teamsMessage({ text: 'help', serviceUrl: connector.url }));
    await connector.waitFor((c) => c.body.type === 'message');
    assert.deepEqual(connector.calls.map((c) => c.body.type), ['message']);
  });

  it('When a channel post @mentions the bot, then the mention is stripped and the answer goes to the same thread', async () => {
    const threadConversation = '19:abc@thread.tacv2;messageid=1700000000000';
    const activity = teamsMessage({ text: 'help', mention: true, conversationType: 'channel', conversationId: threadConversation, serviceUrl: connector.url });
    await postActivity(assistant.server.url, activity);
    const call = await connector.waitFor((c) => c.body.type === 'message');
    assert.ok(call.path.includes(encodeURIComponent(threadConversation)), `reply went to ${call.path}`);
    const diagnostics = (call.body.channelData as { entraAssistant: { intent: string } }).entraAssistant;
    assert.equal(diagnostics.intent, 'help', 'the @mention did not stop the question being understood');
  });

  it('When a channel post does not mention the bot and is not an Entra question, then the bot stays silent', async () => {
    const activity = teamsMessage({ text: 'anyone up for lunch at noon?', conversationType: 'channel', conversationId: '19:helpdesk@thread.tacv2', serviceUrl: connector.url });
    const res = await postActivity(assistant.server.url, activity);
    assert.equal(res.status, 200);
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(connector.calls.length, 0, 'no typing, no scope message');
  });

  it('When a help-desk channel post without a mention reports a sign-in problem, then the bot answers it in the thread', async () => {
    const thread = '19:helpdesk@thread.tacv2;messageid=1700000000001';
    const activity = teamsMessage({ text: 'Hi team, Megan cannot get into Outlook since this morning, error 53000, ideas?', conversationType: 'channel', conversationId: thread, serviceUrl: connector.url });
    await postActivity(assistant.server.url, activity);
    const call = await connector.waitFor((c) => c.body.type === 'message');
    assert.ok(call.path.includes(encodeURIComponent(thread)));
    const diagnostics = (call.body.channelData as { entraAssistant: { intent: string } }).entraAssistant;
    assert.equal(diagnostics.intent, 'signin.troubleshoot');
  });

  it('When the question is outside Entra ID, then a plain-text scope message answers it', async () => {
    await postActivity(assistant.server.url, teamsMessage({ text: 'what is the weather in Paris?', serviceUrl: connector.url }));
    const call = await connector.waitFor((c) => c.body.type === 'message');
    assert.match(String(call.body.text), /outside what I can answer/);
    assert.equal(call.body.attachments, undefined);
  });

  it('When a message is longer than the limit, then the user is told and nothing is processed', async () => {
    await postActivity(assistant.server.url, teamsMessage({ text: `help ${'x'.repeat(5000)}`, serviceUrl: connector.url }));
    const call = await connector.waitFor((c) => c.body.type === 'message');
    assert.match(String(call.body.text), /characters long; I read at most 4,000/);
  });

  it('When the bot is installed in a team, then it sends the welcome card with three example questions', async () => {
    await postActivity(assistant.server.url, installUpdate(connector.url, 'channel'));
    const call = await connector.waitFor((c) => c.body.type === 'message');
    const card = cardOf(call.body);
    assert.match(JSON.stringify(card.body), /Entra Assistant/);
    assert.equal(card.actions?.length, 3);
  });

  it('When a card button is pressed (Action.Submit with ask), then the question in value is answered', async () => {
    await postActivity(assistant.server.url, teamsMessage({ text: '', value: { ask: 'help' }, serviceUrl: connector.url }));
    const call = await connector.waitFor((c) => c.body.type === 'message');
    assert.match(JSON.stringify(cardOf(call.body).body), /What I can help with/);
  });

  it('When the body is not an activity, then the server answers 400 and runs no turn', async () => {
    const res = await fetch(`${assistant.server.url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '[1,2]' });
    assert.equal(res.status, 400);
    const bad = await fetch(`${assistant.server.url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{not json' });
    assert.equal(bad.status, 400);
    assert.equal(connector.calls.length, 0);
  });

  it('When an invoke the bot does not handle arrives, then it is passed to botbuilder and answered, not swallowed', async () => {
    const invoke = { ...teamsMessage({ serviceUrl: connector.url }), type: 'invoke', name: 'composeExtension/query', value: {} };
    const res = await postActivity(assistant.server.url, invoke);
    // botbuilder's TeamsActivityHandler answers unimplemented invokes with 501 (NotImplemented).
    assert.equal(res.status, 501);
  });
});

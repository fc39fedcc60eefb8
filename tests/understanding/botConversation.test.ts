import { strict as assert } from 'node:assert';
import { ConnectorStub } from '../support/connectorStub';
import { teamsMessage } from '../support/activities';
import { postActivity, testLogger } from '../support/assistant';
import { startBotWithSkills } from '../support/botWithSkills';
import type { WebServer } from '../../src/server';
import { GrammarRecognizer } from '../../src/understanding/grammarRecognizer';
import { InMemoryDirectory } from '../../src/understanding/inMemoryDirectory';
import { helpSkill } from '../../src/skills/help';
import { notYetAnsweredSkill } from '../../src/skills/notYetAnswered';
import type { Entity } from '../../src/understanding/types';

const MEGAN = { id: 'a0b4c58a-5b27-48fa-b6d1-bf1a1f3ccabe', displayName: 'Megan Bowen', givenName: 'Megan', userPrincipalName: 'megan.bowen@contoso.com' };
const CONOR = { id: '528c9da7-92f2-423a-b255-6fb00faa6f1b', displayName: "Conor O'Brien", givenName: 'Conor', surname: "O'Brien", userPrincipalName: 'conor.obrien@contoso.com' };
const SIOBHAN = { id: '0d6a9f2e-7b41-4c1e-8f35-2e9b7c1a4d60', displayName: "Siobhan O'Brien", givenName: 'Siobhan', surname: "O'Brien", userPrincipalName: 'siobhan.obrien@contoso.com' };

interface Diagnostics {
  intent: string;
  skill: string;
  entities: Entity[];
}

function diagnosticsOf(body: Record<string, unknown>): Diagnostics {
  return (body.channelData as { entraAssistant: Diagnostics }).entraAssistant;
}

describe('The bot understands a conversation (grammar recogniser, fake directory)', () => {
  let connector: ConnectorStub;
  let server: WebServer;

  before(async () => {
    connector = await new ConnectorStub().start();
    const directory = new InMemoryDirectory({ users: [MEGAN, CONOR, SIOBHAN], groups: [], apps: [] });
    server = await startBotWithSkills({ skills: [helpSkill, notYetAnsweredSkill], recognizer: new GrammarRecognizer({ directory }), logger: testLogger() });
  });
  after(async () => {
    await server?.stop();
    await connector?.stop();
  });
  beforeEach(() => connector.calls.splice(0));

  async function say(text: string, options: { conversationId: string; conversationType?: 'personal' | 'channel'; value?: unknown }): Promise<Record<string, unknown>> {
    connector.calls.splice(0);
    const res = await postActivity(server.url, teamsMessage({ text, serviceUrl: connector.url, ...options }));
    assert.equal(res.status, 200);
    return (await connector.waitFor((c) => c.body.type === 'message')).body;
  }

  it('When a tenant question has no skill yet, then the answer says what was understood, with the resolved user, and no scope message', async () => {
    const reply = await say("Why can't Megan sign in?", { conversationId: 'a:conv-understood' });
    const text = String(reply.text);
    assert.match(text, /why a sign-in failed \(signin\.troubleshoot\)/);
    assert.match(text, /user Megan Bowen \(megan\.bowen@contoso\.com\)/);
    assert.match(text, /not available in this version/);
    assert.doesNotMatch(text, /outside what I can answer/);
    const user = diagnosticsOf(reply).entities.find((e) => e.type === 'user');
    assert.deepEqual([user?.id, user?.displayName, user?.userPrincipalName], [MEGAN.id, 'Megan Bowen', 'megan.bowen@contoso.com']);
  });

  it('When "and her groups?" follows in the same chat, then it is about the same user', async () => {
    await say("Why can't Megan sign in?", { conversationId: 'a:conv-follow' });
    const reply = await say('and her groups?', { conversationId: 'a:conv-follow' });
    const diagnostics = diagnosticsOf(reply);
    assert.equal(diagnostics.intent, 'user.groups');
    assert.equal(diagnostics.entities.find((e) => e.type === 'user')?.id, MEGAN.id);
  });

  it('When two channel threads talk, then a follow-up in one does not see the other thread', async () => {
    await say("Why can't Megan sign in?", { conversationId: '19:ops@thread.tacv2;messageid=1700000000001', conversationType: 'channel' });
    const other = await say('and her groups?', { conversationId: '19:ops@thread.tacv2;messageid=1700000000002', conversationType: 'channel' });
    assert.equal(diagnosticsOf(other).entities.find((e) => e.type === 'user'), undefined);
    const same = await say('and her groups?', { conversationId: '19:ops@thread.tacv2;messageid=1700000000001', conversationType: 'channel' });
    assert.equal(diagnosticsOf(same).entities.find((e) => e.type === 'user')?.id, MEGAN.id);
  });

  it('When a name matches two users, then a card asks which, and pressing a button answers the original question for that user', async () => {
    const card = await say("why can't O'Brien sign in?", { conversationId: 'a:conv-choose' });
    const content = (card.attachments as Array<{ content: { body: Array<Record<string, unknown>> } }>)[0].content;
    const actionSet = content.body.find((b) => b.type === 'ActionSet') as { actions: Array<{ type: string; title: string; data: { chooseEntity: Record<string, string> } }> };
    assert.deepEqual(actionSet.actions.map((a) => a.title).sort(), ["Conor O'Brien (conor.obrien@contoso.com)", "Siobhan O'Brien (siobhan.obrien@contoso.com)"]);
    const siobhan = actionSet.actions.find((a) => a.title.startsWith('Siobhan'))!;
    assert.equal(siobhan.type, 'Action.Submit');
    assert.equal(siobhan.data.chooseEntity.question, "why can't O'Brien sign in?");

    const answer = await say('', { conversationId: 'a:conv-choose', value: siobhan.data });
    const diagnostics = diagnosticsOf(answer);
    assert.equal(diagnostics.intent, 'signin.troubleshoot');
    assert.equal(diagnostics.entities.find((e) => e.type === 'user')?.id, SIOBHAN.id);
    assert.match(String(answer.text), /Siobhan O'Brien/);

    const followUp = await say('is she risky?', { conversationId: 'a:conv-choose' });
    assert.equal(diagnosticsOf(followUp).entities.find((e) => e.type === 'user')?.id, SIOBHAN.id, 'the choice is remembered');
  });

  it('When the stored question is gone, then the button still continues the question it carries', async () => {
    const choice = { pendingId: 'gone', entityType: 'user', id: CONOR.id, displayName: CONOR.displayName, userPrincipalName: CONOR.userPrincipalName, question: "is O'Brien risky?" };
    const answer = await say('', { conversationId: 'a:conv-restart', value: { chooseEntity: choice } });
    const diagnostics = diagnosticsOf(answer);
    assert.equal(diagnostics.intent, 'risk.user');
    assert.equal(diagnostics.entities.find((e) => e.type === 'user')?.id, CONOR.id);
  });

  it('When a name matches nobody, then the answer says so and suggests the closest name', async () => {
    const reply = await say('is Megn risky?', { conversationId: 'a:conv-missing' });
    assert.match(String(reply.text), /couldn't find a user named “Megn”.*Did you mean “Megan Bowen”\?/);
  });
});

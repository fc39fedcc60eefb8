import { strict as assert } from 'node:assert';
import { DEMO_ADMIN, DEMO_MEMBER } from '@entra-assistant/local-entra';
import { resolveAsker } from '../../src/cli/ask';
import { demoStackFor } from '../support/demoStack';
import { buttonsOf, type Card } from '../support/teamsChat';
import { cardOf, cardText, TeamsChannel } from '../support/teamsChannel';

const LEE = 'lee.gu@contoso.com';

describe('Message action "Diagnose with Entra Assistant" (composeExtension invokes over HTTP)', function () {
  this.timeout(60_000);
  const demo = demoStackFor();
  let channel: TeamsChannel;

  beforeEach(() => {
    channel = new TeamsChannel(demo.stack.botUrl, demo.stack.connectorServer, demo.stack.tenantDir);
  });

  async function diagnosedIn(rootId: string, after: number): Promise<Card> {
    const call = await channel.nextReplyIn(rootId, after);
    const card = cardOf(call);
    assert.ok(card, `a card in the thread, got: ${JSON.stringify(call.body).slice(0, 300)}`);
    return card;
  }

  it('When the post names the person, then the invoke is answered at once and the diagnosis card of that person is posted in its thread', async () => {
    const post = { id: '1732100000001', html: '<p>Megan Bowen can&#39;t get into Outlook on her new phone since this morning</p>', poster: DEMO_MEMBER.userPrincipalName };
    const before = demo.stack.connectorServer.calls.length;
    const res = await channel.messageAction(post, DEMO_ADMIN.userPrincipalName);
    assert.equal(res.status, 200);
    const task = res.body.task as { type: string; value: string };
    assert.equal(task.type, 'message');
    assert.match(task.value, /Megan Bowen.*in the thread/);
    const card = await diagnosedIn(post.id, before);
    const text = cardText(card);
    assert.match(text, /Sign-in diagnosis: Megan Bowen/);
    assert.match(text, /53000/);
    assert.match(text, /Require compliant device for Office 365/);
  });

  it('When the post only @mentions the person, then the mentioned user is diagnosed', async () => {
    const lee = resolveAsker(demo.stack.tenantDir, LEE);
    const post = { id: '1732100000002', html: '<p><at id="0">LG</at> is stuck again, can someone look?</p>', poster: DEMO_MEMBER.userPrincipalName, mentions: [{ id: lee.id, displayName: 'Lee Gu', text: 'LG' }] };
    const before = demo.stack.connectorServer.calls.length;
    const res = await channel.messageAction(post, DEMO_ADMIN.userPrincipalName);
    assert.equal(res.status, 200);
    const text = cardText(await diagnosedIn(post.id, before));
    assert.match(text, /Sign-in diagnosis: Lee Gu/);
    assert.match(text, /50057/);
  });

  it('When a reply in a thread describes the poster\'s own problem, then the poster is diagnosed and the card goes to that thread', async () => {
    const root = '1732100000003';
    const post = { id: '1732100000004', threadRootId: root, html: '<p>I cannot sign in since yesterday, it says my account is disabled</p>', poster: LEE };
    const before = demo.stack.connectorServer.calls.length;
    const res = await channel.messageAction(post, DEMO_ADMIN.userPrincipalName);
    assert.equal(res.status, 200);
    const text = cardText(await diagnosedIn(root, before));
    assert.match(text, /Sign-in diagnosis: Lee Gu/);
  });

  it('When the post is about nothing Entra and names nobody, then a dialog says so and takes a name, and the typed name is diagnosed', async () => {
    const post = { id: '1732100000005', html: '<p>Lunch at noon on Friday?</p>', poster: DEMO_MEMBER.userPrincipalName };
    const before = demo.stack.connectorServer.calls.length;
    const res = await channel.messageAction(post, DEMO_ADMIN.userPrincipalName);
    assert.equal(res.status, 200);
    const task = res.body.task as { type: string; value: { title: string; card: { content: Card } } };
    assert.equal(task.type, 'continue');
    const dialog = task.value.card.content;
    assert.match(cardText(dialog), /found no person and no sign-in problem/);
    assert.ok(JSON.stringify(dialog.body).includes('"Input.Text"'), 'the dialog has a name field');
    assert.deepEqual(buttonsOf(dialog).map((b) => b.title), ['Diagnose']);
    assert.equal(channel.repliesIn(post.id, before).length, 0, 'nothing is posted for such a message');

    const empty = await channel.messageAction(post, DEMO_ADMIN.userPrincipalName, { diagnoseMessage: true, name: '  ' });
    assert.equal((empty.body.task as { type: string }).type, 'continue', 'an empty name keeps the dialog open');

    const submitted = await channel.messageAction(post, DEMO_ADMIN.userPrincipalName, { diagnoseMessage: true, name: 'Megan Bowen' });
    assert.equal(submitted.status, 200);
    assert.equal(submitted.body.task, undefined, 'the dialog closes');
    const text = cardText(await diagnosedIn(post.id, before));
    assert.match(text, /Sign-in diagnosis: Megan Bowen/);
  });

  it('When a client sends the action straight as submitAction (no dialog fetched), then the message is read the same way', async () => {
    const post = { id: '1732100000007', html: '<p>Megan Bowen says Outlook keeps refusing her</p>', poster: DEMO_MEMBER.userPrincipalName };
    const before = demo.stack.connectorServer.calls.length;
    const res = await channel.messageAction(post, DEMO_ADMIN.userPrincipalName, {});
    assert.equal(res.status, 200);
    assert.match((res.body.task as { value: string }).value, /Megan Bowen/);
    assert.match(cardText(await diagnosedIn(post.id, before)), /Sign-in diagnosis: Megan Bowen/);
  });

  it('When someone without a directory role clicks, then the answer in the thread is theirs: the roles needed, no diagnosis', async () => {
    const post = { id: '1732100000006', html: '<p>Megan Bowen cannot sign in</p>', poster: DEMO_ADMIN.userPrincipalName };
    const before = demo.stack.connectorServer.calls.length;
    const res = await channel.messageAction(post, DEMO_MEMBER.userPrincipalName);
    assert.equal(res.status, 200);
    const call = await channel.nextReplyIn(post.id, before);
    const said = `${typeof call.body.text === 'string' ? call.body.text : ''}\n${cardText(cardOf(call))}`;
    assert.doesNotMatch(said, /53000/);
    assert.match(said, /Global Reader|Reports Reader|Security Reader/);
  });
});

import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEMO_ADMIN, DEMO_MEMBER, DEMO_READER } from '@entra-assistant/local-entra';
import { ensureDemoTenant } from '@entra-assistant/local-entra/demo';
import { DemoStack } from '../support/demoStack';
import { captureLogs } from '../support/logCapture';
import { buttonsOf, TeamsChat } from '../support/teamsChat';
import { cardOf, cardText, TeamsChannel } from '../support/teamsChannel';

const MEGAN = 'megan.bowen@contoso.com';

/** The demo tenant's Marketing Team group: Megan Bowen owns it and holds no directory role. */
function marketingTeamGroupId(tenantDir: string): string {
  const groups = (JSON.parse(fs.readFileSync(path.join(tenantDir, 'groups.json'), 'utf8')) as { value: Array<{ id: string; displayName: string }> }).value;
  return groups.find((g) => g.displayName === 'Marketing Team')!.id;
}

/** Waits until the bot has been quiet for a moment: triage replies within the post's own turn, so this is short. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 200));

describe('Help-desk channels: /helpdesk and triage of posts (whole stack over HTTP)', function () {
  this.timeout(90_000);
  const logs = captureLogs('debug');
  let stack: DemoStack;
  let channel: TeamsChannel;

  before(async () => {
    stack = await new DemoStack(await ensureDemoTenant(), { HELPDESK_READER: DEMO_READER.userPrincipalName }, {}, logs.logger).start();
  });
  after(() => stack?.stop());
  beforeEach(() => {
    channel = new TeamsChannel(stack.botUrl, stack.connectorServer, stack.tenantDir, marketingTeamGroupId(stack.tenantDir));
  });

  async function command(text: string, as: string): Promise<string> {
    const before = stack.connectorServer.calls.length;
    const posted = await channel.post(text, as, { toBot: true });
    assert.equal(posted.status, 200, posted.body);
    return channel.repliesIn(posted.id, before).map((c) => (typeof c.body.text === 'string' ? c.body.text : '')).join('\n');
  }

  it('When nobody turned it on, then a post about a sign-in problem gets no triage reply (off by default)', async () => {
    const before = stack.connectorServer.calls.length;
    const post = await channel.post("Megan Bowen can't sign in to Outlook on her new phone", DEMO_MEMBER.userPrincipalName);
    assert.equal(post.status, 200);
    await settle();
    assert.equal(channel.repliesIn(post.id, before).filter((c) => cardText(cardOf(c)).includes('Help desk:')).length, 0);
  });

  it('When a member who neither owns the team nor holds a role says /helpdesk on, then it is refused and stays off', async () => {
    const said = await command('/helpdesk on', DEMO_MEMBER.userPrincipalName);
    assert.match(said, /Only an owner of this team or an admin/);
    assert.match(await command('/helpdesk', DEMO_MEMBER.userPrincipalName), /Help-desk triage is off/);
  });

  it('When the team owner (no admin role) turns it on, then it is on, with the configured reader named', async () => {
    const said = await command('/helpdesk on', MEGAN);
    assert.match(said, /Help-desk triage is on/);
    assert.match(said, /Harper Helpdesk \(HELPDESK_READER\)/);
    assert.match(await command('/helpdesk', DEMO_MEMBER.userPrincipalName), /Help-desk triage is on \(turned on by Megan Bowen/);
  });

  it('When posts describe a sign-in problem, then one short reply comes in the thread, never a second, never for other posts, and the words are not logged', async () => {
    await command('/helpdesk on', DEMO_ADMIN.userPrincipalName);
    const words = 'Megan Bowen cannot get into Outlook on her new phone since this morning, zebra-marker-7731';
    const before = stack.connectorServer.calls.length;
    const post = await channel.post(words, DEMO_MEMBER.userPrincipalName);
    assert.equal(post.status, 200);
    const replies = channel.repliesIn(post.id, before);
    assert.equal(replies.length, 1, 'one reply in the thread');
    const card = cardOf(replies[0])!;
    const text = cardText(card);
    assert.match(text, /Help desk: Megan Bowen's sign-in/);
    assert.match(text, /53000/);
    assert.match(text, /Likely cause: .*Require compliant device for Office 365/);
    assert.match(text, /Read with the roles of Harper Helpdesk/);
    assert.deepEqual(buttonsOf(card).map((b) => b.title), ['Full diagnosis']);

    // A second post in the same thread, and the same words again there: no second reply.
    const again = await channel.post('Still broken for Megan Bowen, she cannot sign in', DEMO_MEMBER.userPrincipalName, { threadRootId: post.id });
    assert.equal(again.status, 200);
    await settle();
    assert.equal(channel.repliesIn(post.id, before).length, 1, 'never a second reply in one thread');

    // Posts not about Entra, and Entra posts that are not a sign-in problem, get nothing.
    const after = stack.connectorServer.calls.length;
    const lunch = await channel.post('Who is up for lunch at noon?', DEMO_MEMBER.userPrincipalName);
    const printer = await channel.post('The printer on floor 3 is jammed again', DEMO_MEMBER.userPrincipalName);
    await settle();
    assert.equal(channel.repliesIn(lunch.id, after).length + channel.repliesIn(printer.id, after).length, 0);

    assert.ok(!logs.raw().includes('zebra-marker-7731'), 'the poster\'s words are not in the log');
    assert.ok(logs.entries().some((e) => e.msg === 'help-desk post triaged: short reply sent in its thread'), 'the triage itself is logged, by ids');
  });

  it('When someone presses "Full diagnosis", then the full diagnosis card is posted in the thread, read with the presser\'s roles', async () => {
    await command('/helpdesk on', DEMO_ADMIN.userPrincipalName);
    const before = stack.connectorServer.calls.length;
    const post = await channel.post("I can't sign in since yesterday, it says my account is disabled", 'lee.gu@contoso.com');
    const [reply] = channel.repliesIn(post.id, before);
    assert.ok(reply, 'the poster\'s own problem is triaged');
    const card = cardOf(reply)!;
    assert.match(cardText(card), /Lee Gu/);
    const chat = new TeamsChat(stack.botUrl, stack.connectorServer, stack.tenantDir, true);
    const full = await chat.submit(card, 'Full diagnosis', DEMO_ADMIN.userPrincipalName);
    assert.match(cardText(full.cards[0]), /Sign-in diagnosis: Lee Gu/);
    const refused = await chat.submit(card, 'Full diagnosis', DEMO_MEMBER.userPrincipalName);
    assert.doesNotMatch(`${refused.text}\n${cardText(refused.cards[0])}`, /50057/);
  });

  it('When /helpdesk off is said, then posts get no triage again', async () => {
    await command('/helpdesk on', DEMO_ADMIN.userPrincipalName);
    assert.match(await command('/helpdesk off', DEMO_ADMIN.userPrincipalName), /triage is off/);
    const before = stack.connectorServer.calls.length;
    const post = await channel.post("Megan Bowen can't sign in to Outlook", DEMO_MEMBER.userPrincipalName);
    await settle();
    assert.equal(channel.repliesIn(post.id, before).filter((c) => cardText(cardOf(c)).includes('Help desk:')).length, 0);
  });
});

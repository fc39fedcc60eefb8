import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateTenant } from '@entra-assistant/local-entra/demo';
import { DEMO_ADMIN } from '@entra-assistant/local-entra';
import { answerRequests, DemoStack } from '../../support/demoStack';
import { TeamsChat, type Card } from '../../support/teamsChat';
import { cardLines } from '../../support/cardLines';
import { encodeCursor } from '../../../src/skills/common/cursor';

/** Enough people that the dynamic "All Employees" group (every enabled member) passes 5,000 members. */
const USERS = 5_700;

describe('A group of more than 5,000 members, through the whole stack', function () {
  this.timeout(60_000);
  let dir: string;
  let stack: DemoStack;
  let memberCount: number;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'h10-big-group-'));
    await generateTenant({ outDir: dir, users: USERS, signIns: 200, audits: 20 });
    const groups = JSON.parse(fs.readFileSync(path.join(dir, 'groups.json'), 'utf8')) as { value: Array<{ displayName: string; members: unknown[] }> };
    memberCount = groups.value.find((g) => g.displayName === 'All Employees')!.members.length;
    stack = await new DemoStack(dir).start();
    await stack.ask('who is Megan?', DEMO_ADMIN.userPrincipalName);
  });
  after(async () => {
    await stack?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('When asked for its members, then the card gives the exact count and one page of 25, read in one round trip', async () => {
    assert.ok(memberCount > 5_000, `the fixture group has ${memberCount} members`);
    const answer = await stack.ask('members of All Employees', DEMO_ADMIN.userPrincipalName);
    assert.equal(answer.intent, 'group.info');
    assert.match(answer.text, new RegExp(`Direct members: ${memberCount}\\b`));
    assert.match(answer.text, new RegExp(`Members \\(first 25 of ${memberCount}\\)`));
    assert.match(answer.text, new RegExp(`${memberCount - 25} more members are not listed here: "Show more members" gives the next 25`));
    assert.match(answer.text, /Membership rule: \(user\.userType -eq "Member"\) -and \(user\.accountEnabled -eq true\)/);
    assert.equal(answerRequests(answer).length, 1);
  });

  it('When the admin presses "Show more members" twice, then the next pages continue where the last ended, each one round trip', async () => {
    const chat = new TeamsChat(stack.botUrl, stack.connectorServer, dir);
    const first = await chat.say('members of All Employees', DEMO_ADMIN.userPrincipalName);
    const firstLines = cardLines(first.cards[0]);
    const firstNames = firstLines.slice(firstLines.findIndex((l) => l.startsWith('Members (first 25')) + 1, -2);
    assert.equal(firstNames.length, 25);
    const second = await chat.submit(first.cards[0], 'Show more members', DEMO_ADMIN.userPrincipalName);
    const lines = cardLines(second.cards[0]);
    assert.equal(lines[0], 'Members of All Employees');
    assert.equal(lines[1], `26–50 of ${memberCount}`);
    assert.equal(lines[2], 'Members 26–50');
    const secondNames = lines.slice(3, 28);
    assert.ok(secondNames.every((l) => / — \S+@\S+/.test(l)), secondNames.join('\n'));
    assert.equal(secondNames.length, 25);
    assert.equal(secondNames.filter((n) => firstNames.includes(n)).length, 0, 'no member shown twice');
    const graph = (second.activities[0].channelData as { entraAssistant: { graphRequests: Array<{ url: string }> } }).entraAssistant.graphRequests;
    assert.equal(graph.length, 1);
    assert.match(decodeURIComponent(graph[0].url), /\/groups\/[0-9a-f-]{36}\/members\?/);
    const third = await chat.submit(second.cards[0], 'Show more members', DEMO_ADMIN.userPrincipalName);
    assert.equal(cardLines(third.cards[0])[1], `51–75 of ${memberCount}`);
  });

  it('When a "show more" cursor is forged to read another path, then the bot refuses it in words and reads nothing', async () => {
    const chat = new TeamsChat(stack.botUrl, stack.connectorServer, dir);
    const first = await chat.say('members of All Employees', DEMO_ADMIN.userPrincipalName);
    const forgedCursor = encodeCursor('groupMembers', 1, { o: 25, p: '/users?$select=id' });
    const forged = JSON.parse(JSON.stringify(first.cards[0]).replace(/"cursor":"groupMembers\.1\.[A-Za-z0-9_-]+"/, `"cursor":"${forgedCursor}"`)) as Card;
    assert.ok(JSON.stringify(forged).includes(forgedCursor), 'the card carried a members cursor to forge');
    const reply = await chat.submit(forged, 'Show more members', DEMO_ADMIN.userPrincipalName);
    assert.match(reply.text, /That "show more" button does not belong to All Employees's members/);
    const graph = (reply.activities[0].channelData as { entraAssistant: { graphRequests: unknown[] } }).entraAssistant.graphRequests;
    assert.equal(graph.length, 0);
  });
});

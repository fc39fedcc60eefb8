import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateTenant } from '../../../src/emulator/demo';
import { DEMO_ADMIN } from '../../../src/emulator/demo/constants';
import { answerRequests, DemoStack } from '../../support/demoStack';

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
    assert.match(answer.text, new RegExp(`${memberCount - 25} more members are not listed`));
    assert.match(answer.text, /Membership rule: \(user\.userType -eq "Member"\) -and \(user\.accountEnabled -eq true\)/);
    assert.equal(answerRequests(answer).length, 1);
  });
});

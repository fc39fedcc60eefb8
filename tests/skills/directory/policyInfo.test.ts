import { strict as assert } from 'node:assert';
import { DEMO_ADMIN, DEMO_MEMBER } from '@entra-assistant/local-entra';
import { cardLines } from '../../support/cardLines';
import { answerRequests, DemoStack } from '../../support/demoStack';

describe('policy.info on the demo tenant, through the whole stack', function () {
  this.timeout(60_000);
  let stack: DemoStack;

  before(async () => {
    stack = await DemoStack.onDemoTenant([DEMO_ADMIN, DEMO_MEMBER]);
  });
  after(async () => {
    await stack.stop();
  });

  it('When asked which Conditional Access policies there are, then each is listed under its state, in one round trip', async () => {
    const answer = await stack.ask('which Conditional Access policies are there?', DEMO_ADMIN.userPrincipalName);
    assert.equal(answer.intent, 'policy.info');
    const lines = cardLines(answer.cards[0]);
    assert.equal(lines[1], '10 policies: 7 on, 2 report-only, 1 off', lines.join('\n'));
    const on = lines.indexOf('On');
    const reportOnly = lines.indexOf('Report-only (logged, not enforced)');
    const off = lines.indexOf('Off');
    assert.ok(on > 0 && reportOnly > on && off > reportOnly, lines.join('\n'));
    assert.ok(lines.slice(on + 1, reportOnly).includes('Require MFA for all users'));
    assert.ok(lines.slice(reportOnly + 1, off).includes('Require password change for high-risk users'));
    assert.deepEqual(lines.slice(off + 1, off + 3), ['Block Azure management from untrusted locations', lines[off + 2]]);
    assert.match(lines[off + 2] ?? '', /^Entra Assistant · policyInfo/, 'one policy is off');
    assert.equal(answerRequests(answer).length, 1);
  });

  it('When asked to explain the blocked-countries policy, then its users, exclusions, named location and block are in plain words', async () => {
    const answer = await stack.ask('explain the Block sign-ins from blocked countries policy', DEMO_ADMIN.userPrincipalName);
    assert.equal(answer.intent, 'policy.info');
    const lines = cardLines(answer.cards[0]);
    assert.equal(lines[0], 'Block sign-ins from blocked countries', lines.join('\n'));
    assert.ok(lines.includes('State: on (enabled)'), lines.join('\n'));
    assert.ok(lines.includes('Includes all users'), lines.join('\n'));
    assert.match(lines.find((l) => l.startsWith('Excludes')) ?? '', /^Excludes the users .+ and .+; members of Emergency Access Accounts$/);
    assert.ok(lines.includes('Locations: sign-ins from Blocked countries'), lines.join('\n'));
    assert.ok(lines.includes('Block access'), lines.join('\n'));
    assert.equal(answerRequests(answer).length, 2, 'policies and named locations, then the names of the people and groups');
  });

  it('When asked which policies apply to Adele, then the all-users policies apply to her, the guest and admin ones do not, and none exclude her', async () => {
    const answer = await stack.ask('which Conditional Access policies apply to Adele?', DEMO_ADMIN.userPrincipalName);
    assert.equal(answer.intent, 'policy.info');
    const lines = cardLines(answer.cards[0]);
    assert.equal(lines[0], 'Conditional Access policies for Adele Vance', lines.join('\n'));
    const apply = lines.indexOf('Apply');
    const exclude = lines.indexOf('Exclude');
    const applying = lines.slice(apply + 1, exclude);
    assert.ok(applying.includes('Require MFA for all users (on) — as one of all users'), lines.join('\n'));
    assert.ok(!applying.some((l) => l.startsWith('Require MFA for guests') || l.startsWith('Require MFA for administrators')), lines.join('\n'));
    assert.deepEqual(lines.slice(exclude + 1, exclude + 2), ['none']);
  });

  it('When a member without a Conditional Access reading role asks, then the roles are named and no policy is shown or read', async () => {
    const answer = await stack.ask('which Conditional Access policies are there?', DEMO_MEMBER.userPrincipalName);
    assert.equal(answer.cards.length, 0);
    assert.match(answer.text ?? '', /Reading Conditional Access policies needs one of these Microsoft Entra roles: .*Conditional Access Administrator/);
    assert.doesNotMatch(answer.text ?? '', /Require MFA/);
    assert.equal(answerRequests(answer).length, 0);
  });
});

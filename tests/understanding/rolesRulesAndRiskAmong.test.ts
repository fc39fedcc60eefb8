import { strict as assert } from 'node:assert';
import { DEMO_ADMIN } from '@entra-assistant/local-entra';
import { demoStackFor } from '../support/demoStack';

/**
 * A user asked by object id, an account fact asked as "what is her …", what a built-in role lets its holders do,
 * how a dynamic group gets its members, and the people at risk among a department or a group (issue #13). Whole
 * stack on Contoso, in our own words.
 */
describe('Object ids, what a role allows, group rules and risk among people (issue #13)', function () {
  this.timeout(120_000);
  const demo = demoStackFor([DEMO_ADMIN]);
  const admin = DEMO_ADMIN.userPrincipalName;

  it('When a user is asked for by object id, then that user is shown; an id that matches no one is said to match no one', async () => {
    const patti = await demo.stack.ask('who is object id 9edaa7ac-90c0-4802-b9b9-c0d21f6af725?', admin);
    assert.equal(patti.intent, 'user.info');
    assert.match(patti.text, /^Patti Fernandez\n/);
    const nobody = await demo.stack.ask('whose object id is 00000000-90c0-4802-b9b9-c0d21f6af725', admin);
    assert.match(nobody.text, /No user in your directory has the object id 00000000-90c0-4802-b9b9-c0d21f6af725/);
    const request = await demo.stack.ask('what happened with request 00000000-90c0-4802-b9b9-c0d21f6af725', admin);
    assert.equal(request.intent, 'signin.troubleshoot', 'an id with no object-id words is still a request id');
  });

  it('When "what is her department" follows a person, then it is that person\'s account, not a definition', async () => {
    const [, department, manager] = await demo.stack.askChain(['who is megan bowen', 'what is her department', 'what is her manager'], admin);
    for (const answer of [department, manager]) {
      assert.equal(answer.intent, 'user.info');
      assert.match(answer.text, /^Megan Bowen\n/);
    }
    assert.match(department.text, /Marketing/);
  });

  it('When an admin asks what a built-in role can do, then the role is explained with its reference; "that role" after its holders is that role', async () => {
    const answer = await demo.stack.ask('what can a Security Administrator do?', admin);
    assert.equal(answer.intent, 'docs.answer');
    assert.match(answer.text, /^Security Administrator \(built-in Microsoft Entra role\)\n/);
    assert.match(answer.text, /Conditional Access/);
    assert.match(answer.text, /permissions-reference#security-administrator/);
    const [holders, allowed] = await demo.stack.askChain(['who holds Privileged Role Administrator', "what's that role allowed to do?"], admin);
    assert.equal(holders.intent, 'role.assignments');
    assert.equal(allowed.intent, 'docs.answer');
    assert.match(allowed.text, /^Privileged Role Administrator \(built-in Microsoft Entra role\)\n/);
    const pim = await demo.stack.ask('how does PIM differ from a permanent role assignment?', admin);
    assert.equal(pim.intent, 'docs.answer');
    assert.match(pim.text, /Privileged Identity Management/);
  });

  it('When an admin asks what a person can do, then the roles that person holds answer', async () => {
    const answer = await demo.stack.ask('what is Pradeep Gupta allowed to change?', admin);
    assert.equal(answer.intent, 'role.assignments');
    assert.match(answer.text, /Pradeep Gupta/);
    assert.match(answer.text, /Privileged Role Administrator/);
  });

  it('When an admin asks how a department group gets its members, then the group and its membership rule answer', async () => {
    for (const question of ['how is Marketing Department populated?', "what's the dynamic rule on Marketing Department"]) {
      const answer = await demo.stack.ask(question, admin);
      assert.equal(answer.intent, 'group.info', question);
      assert.match(answer.text, /^Marketing Department\n/, question);
      assert.match(answer.text, /Membership rule: \(user\.department -eq "Marketing"\)/, question);
    }
  });

  it('When an admin asks who in a department or a group is at risk, then the risk list is narrowed to those people', async () => {
    const marketing = await demo.stack.ask('are any Marketing people at risk', admin);
    assert.equal(marketing.intent, 'risk.users');
    assert.match(marketing.text, /^Users at risk · department Marketing\n/);
    assert.match(marketing.text, /Alex Wilber/);
    assert.doesNotMatch(marketing.text, /Bob Kelly/, 'Bob Kelly is at risk but not in Marketing');
    const all = await demo.stack.ask('who is at risk', admin);
    assert.match(all.text, /Bob Kelly/, 'the whole list has him');
    const vpn = await demo.stack.ask('is anyone in the VPN Users group at risk', admin);
    assert.equal(vpn.intent, 'risk.users');
    assert.match(vpn.text, /^Users at risk · members of VPN Users\n/);
  });

  it('When risky users without MFA are asked for, then the risk list keeps only those with no method; "users without MFA" lists everyone without one', async () => {
    for (const question of ['risky users without any MFA method - anyone?', 'Among the users at risk right now, who has no MFA registered?']) {
      const answer = await demo.stack.ask(question, admin);
      assert.equal(answer.intent, 'risk.users', question);
      assert.match(answer.text, /^Users at risk · no MFA registered\n/, question);
      assert.match(answer.text, /Alex Wilber/, question);
      assert.doesNotMatch(answer.text, /Bob Kelly/, `${question}: Bob has a method`);
    }
    const everyone = await demo.stack.ask('users without MFA', admin);
    assert.equal(everyone.intent, 'user.info');
    assert.match(everyone.text, /no MFA registered/);
  });

  it('When a department\'s people are followed by "what about Sales?" or "ok and Research?", then that other department is asked of, not a group of the same name', async () => {
    const [, sales] = await demo.stack.askChain(['how many people in Finance have no MFA registered?', 'what about Sales?'], admin);
    assert.equal(sales.intent, 'user.info');
    assert.match(sales.text, /^Users · no MFA registered · in Sales · count\n/);
    const [, research] = await demo.stack.askChain(['how many people in the Legal department?', 'ok and Research?'], admin);
    assert.match(research.text, /^Users · department Research · count\n/);
  });
});

import { strict as assert } from 'node:assert';
import { DEMO_ADMIN } from '@entra-assistant/local-entra';
import { demoStackFor } from '../support/demoStack';

interface PlanShape {
  resource: string;
  filters: Array<{ field: string; op: string; value?: unknown }>;
  operation: { kind: string };
}

/**
 * Everyday ways of asking (issue #13): accounts "switched off", "zero sign-ins ever", a headcount, how big a group is,
 * which error someone hits, an app that "loops back to login", whether a person's risk was already decided. Whole
 * stack on Contoso, in words of our own.
 */
describe('Everyday asks, through the whole stack (issue #13)', function () {
  this.timeout(120_000);
  const demo = demoStackFor([DEMO_ADMIN]);
  const admin = DEMO_ADMIN.userPrincipalName;

  it('When asked for accounts switched off, or enabled ones with zero sign-ins ever, then the users list has those conditions', async () => {
    const off = await demo.stack.ask('show the accounts that are switched off', admin);
    assert.equal(off.intent, 'user.info');
    assert.deepEqual((off.plan as PlanShape).filters.map((f) => [f.field, f.value]), [['accountEnabled', false]]);
    assert.match(off.text, /Lee Gu/);
    const never = await demo.stack.ask('enabled users with zero sign-ins ever', admin);
    assert.deepEqual((never.plan as PlanShape).filters.map((f) => [f.field, f.op]).sort(), [['accountEnabled', 'eq'], ['lastSignIn', 'absent']]);
  });

  it('When a headcount of a department is asked, then its people are counted', async () => {
    const answer = await demo.stack.ask("what's the headcount for Marketing?", admin);
    assert.equal(answer.intent, 'user.info');
    const plan = answer.plan as PlanShape;
    assert.equal(plan.operation.kind, 'count');
    assert.deepEqual(plan.filters.map((f) => [f.field, f.value]), [['department', 'Marketing']]);
    assert.match(answer.text, /\*\*26 users\*\*/);
  });

  it('When asked how big a group is, then the group page answers with its member counts', async () => {
    const answer = await demo.stack.ask('how big is the VPN Users group?', admin);
    assert.equal(answer.intent, 'group.info');
    assert.match(answer.text, /^VPN Users\n/);
    assert.match(answer.text, /Direct members: \d+/);
  });

  it('When asked which error a person is hitting, or told the app loops back to login, then that person is diagnosed', async () => {
    const which = await demo.stack.ask('what error is Megan Bowen hitting?', admin);
    assert.equal(which.intent, 'signin.troubleshoot');
    assert.match(which.text, /failing with 53000/);
    const loop = await demo.stack.ask('Lee Gu says the portal just loops back to login', admin);
    assert.equal(loop.intent, 'signin.troubleshoot');
    assert.match(loop.text, /Lee Gu: sign-in to \S+ failing with 50057/);
  });

  it('When asked whom a person reports to, then it is their manager, not their direct reports; "who reports to" is the other way', async () => {
    const up = await demo.stack.ask('who does Megan Bowen report to?', admin);
    assert.equal(up.plan, undefined);
    assert.match(up.text, /Manager: Sofia Williams/);
    const down = await demo.stack.ask('who reports to Sofia Williams?', admin);
    assert.equal((down.plan as PlanShape).resource, 'directReports');
    assert.match(down.text, /Megan Bowen/);
  });

  it('When a guest "never managed to log in", then the guest\'s sign-ins are diagnosed', async () => {
    const answer = await demo.stack.ask("Nestor Wilke never managed to log in, what's going on?", admin);
    assert.equal(answer.intent, 'signin.troubleshoot');
    assert.match(answer.text, /Nestor Wilke/);
  });

  it('When asked whether someone was already confirmed compromised, then it is that person\'s risk story, not an action', async () => {
    const answer = await demo.stack.ask('has anyone already confirmed Bob Kelly compromised?', admin);
    assert.equal(answer.intent, 'risk.user');
    assert.doesNotMatch(answer.text, /^Confirm/);
    assert.match(answer.text, /Bob Kelly/);
  });
});

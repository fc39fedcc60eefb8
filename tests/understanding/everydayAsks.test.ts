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

  it('When a diagnosis is followed by "ok and who manages her?" or "did she ever register any auth method?", then it is her account page', async () => {
    const [, manager, methods] = await demo.stack.askChain(["why can't Megan sign in?", 'ok and who manages her', 'did she ever register any auth method?'], admin);
    assert.equal(manager.intent, 'user.info');
    assert.match(manager.text, /Manager: Sofia Williams/);
    assert.equal(methods.intent, 'user.info');
    assert.match(methods.text, /MFA: Registered: /);
  });

  it('When who failed most is followed by a bare "why?", then the first person of that list is diagnosed', async () => {
    const [most, why] = await demo.stack.askChain(['who had the most failed sign-ins this week?', 'why?'], admin);
    const top = /\| ([A-Z][^|\n]+?) \| \d+/.exec(most.text.replace(/\n/g, ' | '))?.[1];
    assert.ok(top, most.text);
    assert.equal(why.intent, 'signin.troubleshoot');
    assert.match(why.text, new RegExp(`^Sign-in diagnosis: ${top}`));
  });

  it('When asked whether anyone used IMAP or POP, written in capitals, then both protocols are the condition', async () => {
    const answer = await demo.stack.ask('has anyone used IMAP or POP today?', admin);
    assert.equal(answer.intent, 'signin.list');
    const plan = answer.plan as PlanShape;
    assert.ok(plan.filters.some((f) => f.field === 'clientApp' && f.op === 'in' && JSON.stringify(f.value) === '["IMAP4","POP3"]'), JSON.stringify(plan.filters));
  });

  it('When apps with expired secrets are followed by "is the inventory one actually failing because of it?", then that app\'s sign-ins are diagnosed', async () => {
    const [, failing] = await demo.stack.askChain(['which apps have a secret that already expired?', 'is the inventory one actually failing because of it?'], admin);
    assert.equal(failing.intent, 'signin.troubleshoot');
    assert.match(failing.text, /Inventory Sync: sign-in to Inventory Sync failing with 7000222/);
  });

  it('When sign-ins are asked "from RU" (a country code) and then "did any of them succeed?", then the country is the condition and "them" the list, not a person named before', async () => {
    const [, byUser, succeeded] = await demo.stack.askChain(['who is Megan?', 'sign-ins from RU this month - who?', 'did any of them succeed?'], admin);
    const plan = byUser.plan as PlanShape;
    assert.ok(plan.filters.some((f) => f.field === 'country' && f.value === 'RU'), JSON.stringify(plan.filters));
    assert.doesNotMatch(byUser.text, /Which user do you mean/);
    const next = succeeded.plan as PlanShape;
    assert.equal(next.resource, 'signIns');
    assert.ok(next.filters.some((f) => f.field === 'country' && f.value === 'RU') && next.filters.some((f) => f.field === 'result' && f.value === 'success'), JSON.stringify(next.filters));
    assert.ok(!next.filters.some((f) => f.field === 'user' && f.op === 'eq'), JSON.stringify(next.filters));
    assert.doesNotMatch(succeeded.text, /^Sign-ins: Megan Bowen/);
  });

  it('When asked who only has SMS for MFA, then the registration report is read for people whose one method is a text message', async () => {
    const answer = await demo.stack.ask('which users have sms-only mfa?', admin);
    assert.equal(answer.intent, 'user.info');
    const plan = answer.plan as PlanShape;
    assert.equal(plan.resource, 'registrationDetails');
    assert.deepEqual(plan.filters.map((f) => [f.field, f.op, f.value]), [['methodsRegistered', 'eq', 'mobilePhone']]);
    assert.match(answer.text, /\*\*21 users\*\*|Showing \d+ of \*\*21 users\*\*/);
  });

  it('When asked to confirm a service principal compromised, then the confirmation is offered; asked whether one was dismissed before, the history answers', async () => {
    const request = await demo.stack.ask('confirm the Payroll Connector service principal is compromised', admin);
    assert.equal(request.intent, 'risk.remediate');
    const past = await demo.stack.ask('has anybody dismissed a risky app before?', admin);
    assert.equal(past.intent, 'risk.workload');
    assert.doesNotMatch(past.text, /^Confirm/);
  });

  it('When asked whether someone was already confirmed compromised, then it is that person\'s risk story, not an action', async () => {
    const answer = await demo.stack.ask('has anyone already confirmed Bob Kelly compromised?', admin);
    assert.equal(answer.intent, 'risk.user');
    assert.doesNotMatch(answer.text, /^Confirm/);
    assert.match(answer.text, /Bob Kelly/);
  });
});

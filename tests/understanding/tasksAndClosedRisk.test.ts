import { strict as assert } from 'node:assert';
import { DEMO_ADMIN } from '@entra-assistant/local-entra';
import { demoStackFor } from '../support/demoStack';

interface PlanShape {
  resource: string;
  filters: Array<{ field: string; op: string; value: unknown }>;
  operation: { kind: string };
}

/**
 * Requests for work the assistant does not do, risk cases closed by hand, and a row named by when it comes
 * (issue #13): "could you unlock him again?" is explained, not answered with the last question; "did anybody confirm
 * a user compromised?" reads the risky users by state; "the one that expires first" is the first row shown. Whole
 * stack on Contoso; phrasings of our own.
 */
describe('Tasks to explain, risk cases closed by hand, and "the one that expires first", through the whole stack (issue #13)', function () {
  this.timeout(120_000);
  const demo = demoStackFor([DEMO_ADMIN]);
  const admin = DEMO_ADMIN.userPrincipalName;

  it('When the admin asks the bot to re-enable or unblock someone, then it is answered as how to do it, not as the last question again', async () => {
    const [, task] = await demo.stack.askChain(['who changed Lee Gu\'s account this week?', 'ok, could you unblock him?'], admin);
    assert.equal(task.intent, 'docs.answer');
    const renew = await demo.stack.ask('please renew the secret', admin);
    assert.equal(renew.intent, 'docs.answer');
  });

  it('When the admin asks whether anybody confirmed a user compromised, then the risky users in that state are read', async () => {
    const answer = await demo.stack.ask('has anybody been marked as confirmed compromised this month?', admin);
    assert.equal(answer.intent, 'risk.users');
    const plan = answer.plan as PlanShape;
    assert.equal(plan.resource, 'riskyUsers');
    assert.ok(plan.filters.some((f) => f.field === 'riskState' && f.value === 'confirmedCompromised'), JSON.stringify(plan.filters));
  });

  it('When the admin asks whether risky users were dismissed or confirmed, then every hand-closed state is read', async () => {
    const answer = await demo.stack.ask('were any risky users dismissed or confirmed lately?', admin);
    const plan = answer.plan as PlanShape;
    assert.ok(plan.filters.some((f) => f.field === 'riskState' && f.op === 'in'), JSON.stringify(plan.filters));
    assert.match(answer.text, /Adele Vance[^\n]*dismissed/);
  });

  it('When a list of dismissed risky users is followed by "by whom?", then the risk history of that user says who dismissed it', async () => {
    const [, who] = await demo.stack.askChain(['which users had their risk dismissed?', 'by whom?'], admin);
    assert.equal(who.intent, 'risk.user');
    assert.match(who.text, /Sam Secadmin dismissed/);
  });

  it('When a named person is asked about as confirmed compromised, then that person\'s risk answers, not a list', async () => {
    const answer = await demo.stack.ask('has Alex Wilber been confirmed compromised?', admin);
    assert.equal(answer.intent, 'risk.user');
    assert.equal(answer.plan, undefined);
  });

  it('When expiring credentials were listed and the admin asks who owns the one that expires first, then the first app shown answers', async () => {
    const [list, owner] = await demo.stack.askChain(['which app secrets or certificates run out this month?', 'the one which expires soonest, who owns it?'], admin);
    const first = /Expiring[^\n]*\n([^:\n]+):/.exec(list.text)?.[1]?.trim();
    assert.ok(first, list.text.slice(0, 400));
    assert.equal(owner.intent, 'app.info');
    assert.match(owner.text, new RegExp(first!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  });
});

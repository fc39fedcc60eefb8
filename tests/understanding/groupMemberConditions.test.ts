import { strict as assert } from 'node:assert';
import { DEMO_ADMIN } from '@entra-assistant/local-entra';
import { demoStackFor } from '../support/demoStack';

interface PlanShape {
  resource: string;
  anchor?: { id: string; displayName: string };
  filters: Array<{ field: string; op: string; value: unknown }>;
}

/**
 * A group's members with a condition, and a question about another kind of row after a group's page (issue #13):
 * "anybody disabled left in All Managers?" lists the disabled members; "guests in Project Falcon?" its guests; "do any
 * of those apps have secrets running out?" after a group's page asks about app credentials, not the group again.
 * Whole stack on Contoso; phrasings of our own.
 */
describe("A group's members with a condition, through the whole stack (issue #13)", function () {
  this.timeout(120_000);
  const demo = demoStackFor([DEMO_ADMIN]);
  const admin = DEMO_ADMIN.userPrincipalName;

  it('When the admin asks whether anybody disabled is still in a group, then that group\'s disabled members are listed', async () => {
    const answer = await demo.stack.ask('anybody disabled left in All Managers?', admin);
    assert.equal(answer.intent, 'group.info');
    const plan = answer.plan as PlanShape;
    assert.equal(plan.resource, 'groupMembers');
    assert.equal(plan.anchor?.displayName, 'All Managers');
    assert.ok(plan.filters.some((f) => f.field === 'accountEnabled' && f.value === false), JSON.stringify(plan.filters));
    assert.match(answer.text, /Mohammed O'Connor/);
  });

  it('When the admin asks for the guests of a named group, then its members are read with that condition', async () => {
    const answer = await demo.stack.ask('are there guests in Project Falcon?', admin);
    const plan = answer.plan as PlanShape;
    assert.equal(plan.resource, 'groupMembers');
    assert.ok(plan.filters.some((f) => f.field === 'userType' && f.value === 'Guest'), JSON.stringify(plan.filters));
  });

  it('When a group\'s page is followed by a question about "those apps", then app credentials answer, not the group', async () => {
    const [, apps] = await demo.stack.askChain(['show me the Automation Service Accounts group', 'do any of those apps have secrets running out?'], admin);
    assert.equal(apps.intent, 'app.info');
    assert.match(apps.text, /App credentials expiring/);
  });
});

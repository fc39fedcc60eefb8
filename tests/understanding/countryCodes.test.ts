import { strict as assert } from 'node:assert';
import { DEMO_ADMIN } from '@entra-assistant/local-entra';
import { demoStackFor } from '../support/demoStack';

interface PlanShape {
  resource: string;
  filters: Array<{ field: string; op: string; value: unknown }>;
}

/**
 * A country written as the two capitals Graph uses ("logins out of CN") is that country, not a person's initials;
 * two capitals that name a team ("from HR", "in IT") stay the team (issue #13). Whole stack on Contoso; words of our own.
 */
describe('Countries written as their ISO code, through the whole stack (issue #13)', function () {
  this.timeout(120_000);
  const demo = demoStackFor([DEMO_ADMIN]);
  const admin = DEMO_ADMIN.userPrincipalName;

  it('When sign-ins are asked for "out of CN", then the sign-ins from China are read, and no user is asked about', async () => {
    const [answer] = await demo.stack.askChain(['any logins out of CN this week, and who?'], admin);
    assert.equal(answer.intent, 'signin.list');
    const plan = answer.plan as PlanShape;
    assert.ok(plan.filters.some((f) => f.field === 'country' && f.value === 'CN'), JSON.stringify(plan.filters));
    assert.doesNotMatch(answer.text, /Which user do you mean/);
  });

  it('When people "from HR" are asked about, then HR stays the department, not Croatia', async () => {
    const [answer] = await demo.stack.askChain(['which people from HR have no MFA registered?'], admin);
    const plan = answer.plan as PlanShape;
    assert.ok(!plan.filters.some((f) => f.field === 'country'), JSON.stringify(plan.filters));
    assert.match(answer.text, /Human Resources|HR/);
  });
});

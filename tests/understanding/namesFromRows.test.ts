import { strict as assert } from 'node:assert';
import { DEMO_ADMIN } from '@entra-assistant/local-entra';
import { demoStackFor } from '../support/demoStack';

/**
 * A first name the tenant has several of, right after a list that showed one of them (issue #13): "is javier's account
 * enabled?" after the people without MFA is Javier Murphy, the one shown; asked cold, it still asks which Javier.
 * Whole stack on Contoso; phrasings of our own.
 */
describe('Ambiguous names settled by the rows just shown, through the whole stack (issue #13)', function () {
  this.timeout(120_000);
  const demo = demoStackFor([DEMO_ADMIN]);
  const admin = DEMO_ADMIN.userPrincipalName;

  it('When a list showed one Javier and the admin then asks about "javier", then that Javier is meant', async () => {
    const [, javier] = await demo.stack.askChain(['which accounts have no MFA method set up?', "is javier's account enabled?"], admin);
    assert.equal(javier.intent, 'user.info');
    assert.match(javier.text, /Javier Murphy/);
    assert.doesNotMatch(javier.text, /Which user do you mean/);
  });

  it('When no list showed a Javier, then "javier" still asks which one', async () => {
    const answer = await demo.stack.ask("is javier's account enabled?", admin);
    assert.match(answer.text, /Which user do you mean by “javier”/);
  });

  it('When two people were asked about in turn and the admin asks whether either is risky, then both risk records are read, in any state', async () => {
    const [, , risk] = await demo.stack.askChain(['who is Adele Vance?', 'and Megan Bowen?', 'is either of them flagged as risky?'], admin);
    assert.equal(risk.intent, 'risk.users');
    const plan = risk.plan as { resource: string; filters: Array<{ field: string; op: string; value: unknown }> };
    assert.equal(plan.resource, 'riskyUsers');
    assert.ok(plan.filters.some((f) => f.field === 'id' && f.op === 'in' && Array.isArray(f.value) && f.value.length === 2), JSON.stringify(plan.filters));
    assert.match(risk.text, /Adele Vance[^\n]*dismissed/);
  });
});

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
});

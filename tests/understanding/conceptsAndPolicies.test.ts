import { strict as assert } from 'node:assert';
import { DEMO_ADMIN } from '@entra-assistant/local-entra';
import { demoStackFor } from '../support/demoStack';

/**
 * A concept asked about beside the tenant's policy ("and why do we block it?"), two settings compared, and whether a
 * policy blocks a country (issue #13). Whole stack on Contoso, in words of our own.
 */
describe('Concepts and what the policies block, through the whole stack (issue #13)', function () {
  this.timeout(120_000);
  const demo = demoStackFor([DEMO_ADMIN]);
  const admin = DEMO_ADMIN.userPrincipalName;

  it('When asked what a concept is and why the tenant blocks it, or the difference between two settings, then it is explained, not listed', async () => {
    const why = await demo.stack.ask("what's basic authentication and why do we block it?", admin);
    assert.equal(why.intent, 'docs.answer');
    const diff = await demo.stack.ask("what's the diff between report-only and enabled for a CA policy?", admin);
    assert.equal(diff.intent, 'docs.answer');
    assert.equal(diff.plan, undefined);
  });

  it('When asked whether a policy blocks sign-ins from a country, then the blocking locations that include it answer', async () => {
    const answer = await demo.stack.ask('is there a policy that blocks sign-ins from north korea?', admin);
    assert.equal(answer.intent, 'policy.info');
    assert.equal((answer.plan as { resource: string }).resource, 'namedLocations');
  });
});

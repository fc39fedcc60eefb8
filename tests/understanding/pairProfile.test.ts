import { strict as assert } from 'node:assert';
import { DEMO_ADMIN } from '@entra-assistant/local-entra';
import { demoStackFor } from '../support/demoStack';

interface PlanShape {
  resource: string;
  filters: Array<{ field: string; op: string; value: unknown }>;
  columns?: string[];
}

/**
 * "is either of them in operations?" after two people were named (issue #13): where the two sit, read from their
 * profiles, rather than a repeat of the last question. Whole stack on Contoso; phrasings of our own.
 */
describe('Where the two people in focus sit, through the whole stack (issue #13)', function () {
  this.timeout(120_000);
  const demo = demoStackFor([DEMO_ADMIN]);
  const admin = DEMO_ADMIN.userPrincipalName;

  it('When two people were asked about and then "is either of them in operations?", then both are listed with department, title and office', async () => {
    const [, where] = await demo.stack.askChain(['did Adele Vance or Lee Gu fail to sign in today?', 'is either of them in operations?'], admin);
    assert.equal(where.intent, 'user.info');
    const plan = where.plan as PlanShape;
    assert.equal(plan.resource, 'users');
    assert.deepEqual(plan.columns, ['department', 'jobTitle', 'officeLocation']);
    const ids = plan.filters.find((f) => f.field === 'id' && f.op === 'in')?.value as string[];
    assert.equal(ids.length, 2);
    assert.match(where.text, /Adele Vance[^\n]*Sales/);
    assert.match(where.text, /Lee Gu[^\n]*Operations/);
  });

  it('When the same two are followed by "which departments are the two in", then their profiles are read, not their sign-ins', async () => {
    const [, where] = await demo.stack.askChain(['did Adele Vance or Lee Gu fail to sign in today?', 'which departments are the two in'], admin);
    assert.equal((where.plan as PlanShape).resource, 'users');
    assert.match(where.text, /Lee Gu[^\n]*Operations/);
  });

  it('When a pair question is about their sign-ins, then it still reads the sign-ins of the two', async () => {
    const [, signIns] = await demo.stack.askChain(['did Adele Vance or Lee Gu fail to sign in today?', 'did either of them get in yesterday?'], admin);
    assert.equal((signIns.plan as PlanShape).resource, 'signIns');
  });
});

import { strict as assert } from 'node:assert';
import { DEMO_ADMIN } from '@entra-assistant/local-entra';
import { demoStackFor } from '../support/demoStack';

/**
 * What a person owns and who reports to them (Graph's /users/{id}/ownedObjects and /directReports), asked in words
 * and answered from the local Entra through the whole stack.
 */
describe('Questions about what someone owns and who reports to them, through the whole stack', function () {
  this.timeout(120_000);
  const demo = demoStackFor([DEMO_ADMIN]);
  const admin = DEMO_ADMIN.userPrincipalName;

  it('When asked which groups a person owns, then the groups whose owners include them are listed', async () => {
    const answer = await demo.stack.ask('which groups are owned by Adele Vance?', admin);
    assert.equal(answer.intent, 'group.info');
    assert.equal((answer.plan as { resource: string }).resource, 'ownedGroups');
    for (const group of ['Sales Team', 'Product Launch 2027', 'Customer Advisory Board']) assert.match(answer.text, new RegExp(group));
  });

  it('When asked which apps a person owns, then their app registrations are listed', async () => {
    const answer = await demo.stack.ask('what apps does Miriam Graham own?', admin);
    assert.equal(answer.intent, 'app.info');
    assert.match(answer.text, /Payroll Connector/);
    assert.match(answer.text, /Contoso Intranet/);
  });

  it('When asked who reports to the CFO, then the job title links to the person and their direct reports are listed', async () => {
    const answer = await demo.stack.ask('who reports to the CFO?', admin);
    assert.equal(answer.intent, 'user.info');
    assert.equal((answer.plan as { resource: string }).resource, 'directReports');
    for (const person of ['Priya Patel', 'Bob Kelly', 'Irvin Sayers']) assert.match(answer.text, new RegExp(person));
  });
});

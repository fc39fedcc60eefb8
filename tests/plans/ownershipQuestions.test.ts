import { strict as assert } from 'node:assert';
import { DEMO_ADMIN } from '@entra-assistant/local-entra';
import { demoStackFor } from '../support/demoStack';
import { compilePlan } from '../../src/plans/compile';
import { DemoFacts } from './demoFacts';

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

describe('Who owns the apps a list showed (issue #13)', function () {
  this.timeout(120_000);
  const demo = demoStackFor([DEMO_ADMIN]);
  const admin = DEMO_ADMIN.userPrincipalName;

  it('When expiring credentials are followed by "who owns them?", then those registrations are listed with their owners, read in one expanded query', async () => {
    const [, owners] = await demo.stack.askChain(['apps whose credentials are expired or about to', 'who owns them?'], admin);
    assert.equal(owners.intent, 'app.info');
    const plan = owners.plan as { resource: string; columns?: string[]; filters: Array<{ field: string; op: string }> };
    assert.equal(plan.resource, 'applications');
    assert.deepEqual(plan.columns, ['owners']);
    assert.ok(plan.filters.some((f) => f.field === 'appId' && f.op === 'in'));
    assert.match(owners.text, /\| Name \| App id \| Created \| Owners \|/);
    assert.match(owners.text, /\| Sales Dashboard \| [0-9a-f-]{36} \| [^|]+ \| Adele Vance \|/);
    assert.match(owners.text, /\| Expense Tracker \| [0-9a-f-]{36} \| [^|]+ \| Irvin Sayers \|/);
  });

  it('When a plan asks for the owners column, then the read expands owners and does not ask Graph to count (Graph refuses $expand with advanced queries)', () => {
    const compiled = compilePlan({ resource: 'applications', filters: [{ field: 'appId', op: 'in', value: ['05b0eccb-ff96-447c-8c42-27e7e3682a59'] }], operation: { kind: 'list' }, columns: ['owners'] });
    assert.match(compiled.url, /\$expand=owners/);
    assert.doesNotMatch(compiled.url, /\$count=true/);
    const plain = compilePlan({ resource: 'applications', filters: [{ field: 'appId', op: 'in', value: ['05b0eccb-ff96-447c-8c42-27e7e3682a59'] }], operation: { kind: 'list' } });
    assert.doesNotMatch(plain.url, /\$expand/);
  });
});

describe('People counted by two of their fields at once (issue #13)', function () {
  this.timeout(120_000);
  const demo = demoStackFor([DEMO_ADMIN]);
  const admin = DEMO_ADMIN.userPrincipalName;

  it('When people are counted by department and city together, then both are conditions', async () => {
    const answer = await demo.stack.ask('how many people in engineering are based in Redmond?', admin);
    const plan = answer.plan as { resource: string; filters: Array<{ field: string; value: unknown }> };
    assert.equal(plan.resource, 'users');
    assert.ok(plan.filters.some((f) => f.field === 'department' && f.value === 'Engineering'));
    assert.ok(plan.filters.some((f) => f.field === 'city' && f.value === 'Redmond'));
    const expected = new DemoFacts(demo.stack.tenantDir).users.filter((u) => u.department === 'Engineering' && u.city === 'Redmond').length;
    assert.ok(expected > 0);
    assert.match(answer.text, new RegExp(`\\*\\*${expected} users\\*\\*`));
  });
});

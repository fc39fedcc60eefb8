import { strict as assert } from 'node:assert';
import { DEMO_ADMIN } from '@entra-assistant/local-entra';
import { demoStackFor } from '../support/demoStack';

interface PlanShape {
  resource: string;
  filters: Array<{ field: string; op: string; value: unknown }>;
  operation: { kind: string; field?: string };
  columns?: string[];
}

/**
 * Follow-ups about the rows the last answer showed, in the plural (issue #13, "plural referents"): a field of each,
 * their sign-ins, a one-object question asked of each of a few rows, and "who are they?" after a count. Whole stack on
 * Contoso; phrasings of our own, not from any measured set.
 */
describe('Follow-ups about the rows of the last answer, in the plural, through the whole stack (issue #13)', function () {
  this.timeout(120_000);
  const demo = demoStackFor([DEMO_ADMIN]);
  const admin = DEMO_ADMIN.userPrincipalName;

  it('When the accounts with no MFA method are followed by "which department is each in?", then those same people are listed with their department', async () => {
    const [list, each] = await demo.stack.askChain(['who has no MFA method registered?', 'which department is each in?'], admin);
    assert.equal(list.intent, 'user.info');
    const plan = each.plan as PlanShape;
    assert.equal(plan.resource, 'users');
    assert.deepEqual(plan.columns, ['department']);
    const ids = plan.filters.find((f) => f.field === 'id' && f.op === 'in')?.value as string[];
    assert.equal(ids.length, 13);
    assert.match(each.text, /the 13 people shown before/);
    assert.match(each.text, /Alex Wilber[^\n]*Marketing/);
  });

  it('When the guests are followed by "which companies are they from?", then the guests are counted by company', async () => {
    const [, companies] = await demo.stack.askChain(['list the guest accounts', 'which companies are they from?'], admin);
    const plan = companies.plan as PlanShape;
    assert.equal(plan.resource, 'users');
    assert.deepEqual(plan.operation, { kind: 'groupBy', field: 'companyName' });
    assert.ok(plan.filters.some((f) => f.field === 'userType' && f.value === 'Guest'));
  });

  it('When the disabled accounts are followed by "are any of them still trying to sign in?", then the sign-ins of exactly those people are read', async () => {
    const [list, tries] = await demo.stack.askChain(['which accounts are disabled?', 'are any of them still trying to sign in?'], admin);
    assert.match(list.text, /Lee Gu/);
    assert.equal(tries.intent, 'signin.list');
    const plan = tries.plan as PlanShape;
    assert.equal(plan.resource, 'signIns');
    const users = plan.filters.find((f) => f.field === 'user' && f.op === 'in')?.value as string[];
    assert.ok(users.length >= 2 && users.length <= 15, JSON.stringify(users));
    assert.match(tries.text, /Lee Gu/);
    assert.doesNotMatch(tries.text, /Megan Bowen/);
  });

  it('When a count of Global Administrators is followed by "who are they?", then the holders of that role are named', async () => {
    const [count, who] = await demo.stack.askChain(['how many global admins do we have?', 'who are they?'], admin);
    assert.equal(count.intent, 'role.assignments');
    assert.equal(who.intent, 'role.assignments');
    assert.match(who.text, /Who holds Global Administrator/);
    assert.match(who.text, /Isaiah Langer/);
  });

  it('When the Global Administrators are followed by "what groups are they in?", then each holder\'s groups are answered in turn, not every group of the tenant', async () => {
    const [, groups] = await demo.stack.askChain(['who are the global admins?', 'what groups are they in?'], admin);
    assert.equal(groups.intent, 'user.groups');
    const parts = groups.text.split('\n\n');
    assert.equal(parts.length, 4, groups.text);
    assert.match(parts[0], /Groups of Avery Admin/);
    assert.ok(parts.some((p) => /Groups of Isaiah Langer/.test(p)));
  });

  it('When the role-assignable groups are followed by "who owns them?", then each group is answered with its owners', async () => {
    const [list, owners] = await demo.stack.askChain(['which groups can be assigned roles?', 'who owns them?'], admin);
    assert.match(list.text, /Helpdesk Operators/);
    const parts = owners.text.split('\n\n');
    assert.equal(parts.length, 2, owners.text);
    assert.match(parts[0], /Helpdesk Operators[\s\S]*Owners/);
    assert.match(parts[1], /Security Operations[\s\S]*Owners/);
  });

  it('When a list of many rows is followed by a question about "them", then it is not asked of each row (at most five are)', async () => {
    const [, owners] = await demo.stack.askChain(['list all groups', 'who owns them?'], admin);
    assert.ok(owners.text.split('\n\n').length < 5, owners.text.slice(0, 400));
  });
});

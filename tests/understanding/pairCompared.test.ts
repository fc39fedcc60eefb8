import { strict as assert } from 'node:assert';
import { DEMO_ADMIN } from '@entra-assistant/local-entra';
import { demoStackFor } from '../support/demoStack';

interface PlanShape {
  resource: string;
  anchor?: { displayName: string };
  filters: Array<{ field: string; op: string; value: unknown }>;
}

/**
 * Two people compared (issue #13): their groups side by side (what only one of them is in, and what they share), the
 * roles both hold, whether both are in a named group. Whole stack on Contoso; phrasings of our own, not from any
 * measured set.
 */
describe('Two people compared, through the whole stack (issue #13)', function () {
  this.timeout(120_000);
  const demo = demoStackFor([DEMO_ADMIN]);
  const admin = DEMO_ADMIN.userPrincipalName;

  it('When two people\'s groups were asked in turn and then "what does he belong to that she doesn\'t?", then both sides of the difference are shown, with what they share', async () => {
    const [, , difference] = await demo.stack.askChain(['which groups is Miriam Graham in?', 'and Raul Razo?', "what does he belong to that she doesn't?"], admin);
    assert.equal(difference.intent, 'user.groups');
    const people = (difference.entities as Array<{ type: string; displayName?: string }>).filter((e) => e.type === 'user').map((e) => e.displayName);
    assert.deepEqual(people, ['Miriam Graham', 'Raul Razo']);
    assert.match(difference.text, /Only Raul Razo is in\nConditional Access Pilot/);
    assert.match(difference.text, /Only Miriam Graham is in\nContoso Social Club/);
    assert.match(difference.text, /Both are in[\s\S]*IT Change Advisory Board/);
  });

  it('When a message names two people and asks which groups both belong to, then what they share comes first and the two are not answered apart', async () => {
    const [shared] = await demo.stack.askChain(['which groups do Megan Bowen and Adele Vance both belong to?'], admin);
    assert.equal(shared.intent, 'user.groups');
    assert.match(shared.text, /^Groups of Megan Bowen and Adele Vance compared/);
    assert.match(shared.text, /Both are in\nAll Employees\nLicense - Microsoft 365 E5\nProduct Launch 2027/);
    assert.ok(shared.text.indexOf('Both are in') < shared.text.indexOf('Only Megan Bowen is in'));
  });

  it('When the comparison is followed by "and which does only one of them have?", then the same two people are compared again', async () => {
    const [, again] = await demo.stack.askChain(['which groups do Megan Bowen and Adele Vance both belong to?', 'and which ones does only one of them have?'], admin);
    assert.match(again.text, /^Groups of Megan Bowen and Adele Vance compared/);
    assert.ok(again.text.indexOf('Only Megan Bowen is in') < again.text.indexOf('Both are in'));
  });

  it('When two people\'s roles were asked in turn and then "which roles do the two of them hold?", then the roles of exactly those two are listed', async () => {
    const [, , roles] = await demo.stack.askChain(['what roles does Raul Razo have?', 'and Isaiah Langer?', 'which roles do the two of them hold?'], admin);
    assert.equal(roles.intent, 'role.assignments');
    const plan = roles.plan as PlanShape;
    assert.equal(plan.resource, 'roleAssignments');
    assert.equal((plan.filters.find((f) => f.field === 'principalId')?.value as string[]).length, 2);
    assert.match(roles.text, /Isaiah Langer \| Global Administrator/);
    assert.match(roles.text, /Raul Razo \| Conditional Access Administrator/);
  });

  it('When two people were asked about and then "are both in Finance Approvers?", then the group is read for those two, and only the member is shown', async () => {
    const [, , both] = await demo.stack.askChain(['who is Sara Novak?', 'and Megan Bowen?', 'are both in Finance Approvers?'], admin);
    const plan = both.plan as PlanShape;
    assert.equal(plan.resource, 'groupMembers');
    assert.equal(plan.anchor?.displayName, 'Finance Approvers');
    assert.match(both.text, /Sara Novak/);
    assert.doesNotMatch(both.text, /Megan Bowen \|/);
  });
});

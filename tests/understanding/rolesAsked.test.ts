import { strict as assert } from 'node:assert';
import { DEMO_ADMIN } from '@entra-assistant/local-entra';
import { demoStackFor } from '../support/demoStack';

interface PlanShape {
  resource: string;
  filters: Array<{ field: string; op: string; value: unknown }>;
}

/**
 * Roles asked for in other words (issue #13): a person's roles "directly or through groups" (not their groups), a role
 * named by what it lets its holders do ("who can manage groups?"), the roles a group carries, and the roles that come
 * from group membership. Whole stack on Contoso; phrasings of our own.
 */
describe('Roles asked for by what they allow, by group and through groups, through the whole stack (issue #13)', function () {
  this.timeout(120_000);
  const demo = demoStackFor([DEMO_ADMIN]);
  const admin = DEMO_ADMIN.userPrincipalName;

  it('When a person\'s roles are asked for "directly or through groups", then the roles answer, not the groups', async () => {
    const answer = await demo.stack.ask('what roles does Pradeep Gupta hold, directly or through a group?', admin);
    assert.equal(answer.intent, 'role.assignments');
    assert.match(answer.text, /Roles of Pradeep Gupta[\s\S]*Security Operator, through the group Security Operations/);
  });

  it('When the admin asks who may manage groups or create users, then the holders of the role whose job that is answer', async () => {
    const groups = await demo.stack.ask('which admins are allowed to manage groups?', admin);
    assert.equal(groups.intent, 'role.assignments');
    assert.match(groups.text, /Who holds Groups Administrator/);
    const users = await demo.stack.ask('who can create users here?', admin);
    assert.match(users.text, /Who holds User Administrator/);
  });

  it('When a group was shown and the admin asks what role it carries, then the group\'s own role assignments are listed', async () => {
    const [, roles] = await demo.stack.askChain(['who is in Helpdesk Operators?', 'which role does that group give?'], admin);
    assert.equal(roles.intent, 'role.assignments');
    const plan = roles.plan as PlanShape;
    assert.equal(plan.resource, 'roleAssignments');
    assert.ok(plan.filters.some((f) => f.field === 'principalId'), JSON.stringify(plan.filters));
    assert.match(roles.text, /Helpdesk Administrator/);
  });

  it('When the admin asks which roles are held through groups, then only the assignments to groups are listed', async () => {
    const answer = await demo.stack.ask('list the roles that come from group membership', admin);
    assert.equal(answer.intent, 'role.assignments');
    assert.ok((answer.plan as PlanShape).filters.some((f) => f.field === 'principalType' && f.value === 'group'));
    assert.match(answer.text, /Helpdesk Operators[^\n]*Helpdesk Administrator/);
    assert.match(answer.text, /Security Operations[^\n]*Security Operator/);
    assert.doesNotMatch(answer.text, /Pradeep Gupta/);
  });

  it('When a role\'s holders were shown and the admin asks which of them got it last, then the role\'s changes answer once, not per holder', async () => {
    const [, last] = await demo.stack.askChain(['who are our global admins?', 'which of those got assigned last?'], admin);
    assert.equal(last.intent, 'audit.changes');
    // The latest addition to the role, read from the audit log with that role among its targets.
    assert.match(last.text, /\| Add member to role \| Pradeep Gupta \| Global Administrator, Isaiah Langer \|/);
    assert.equal(last.text.split('\n\n').length, 1);
  });
});

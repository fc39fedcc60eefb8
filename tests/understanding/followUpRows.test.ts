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

  it('When an answer showed one person (the one holder of a role), then "she" in the next question is that person', async () => {
    const [, changes] = await demo.stack.askChain(['who holds the Application Administrator role?', 'what did she change this week?'], admin);
    assert.equal(changes.intent, 'audit.changes');
    const entities = changes.entities as Array<{ type: string; displayName?: string }>;
    assert.ok(entities.some((e) => e.type === 'user' && e.displayName === 'Miriam Graham'), JSON.stringify(entities));
  });

  it('When an app\'s owner was shown, then "what else does he own?" lists the apps that person owns, and "who owns it?" still means the app', async () => {
    const [, more] = await demo.stack.askChain(['who owns the Expense Tracker app?', 'what else does he own?'], admin);
    const plan = more.plan as PlanShape & { anchor?: { displayName: string } };
    assert.equal(plan.resource, 'ownedApps');
    assert.equal(plan.anchor?.displayName, 'Irvin Sayers');
    assert.match(more.text, /owned by Irvin Sayers/);
    const [, , owner] = await demo.stack.askChain(['tell me about the Expense Tracker app', 'who owns it?', 'who owns it?'], admin);
    assert.equal(owner.intent, 'app.info');
  });

  it('When a list showed one group, then "who\'s in that one?" is about that group', async () => {
    const [list, members] = await demo.stack.askChain(["what groups does Conor O'Brien own?", "who's in that one?"], admin);
    assert.match(list.text, /owned by Conor O'Brien/);
    assert.equal(members.intent, 'group.info');
    assert.match(members.text, /Partner Collaboration - Fabrikam/);
  });

  it('When a policy was just explained, then "who did it block yesterday?" lists the people whose sign-ins that policy failed, by person, and "and today?" asks again', async () => {
    const [, blocked, today] = await demo.stack.askChain(['what does the Block legacy authentication policy cover?', 'who did it block yesterday?', 'and today?'], admin);
    assert.equal(blocked.intent, 'signin.list');
    const plan = blocked.plan as PlanShape & { window?: { label: string } };
    assert.ok(plan.filters.some((f) => f.field === 'caPolicy' && f.value === 'Block legacy authentication: failure'), JSON.stringify(plan.filters));
    assert.deepEqual(plan.operation, { kind: 'groupBy', field: 'userDisplayName' });
    assert.match(blocked.text, /Johanna Lorenz/);
    assert.match(blocked.text, /by \d+ different users?/);
    assert.equal((today.plan as { window?: { label: string } }).window?.label, 'today');
  });

  it('When a sign-in list is followed by "group those by user", then the same sign-ins are counted by person ("group" is the verb)', async () => {
    const [, grouped] = await demo.stack.askChain(['show me sign-ins from Russia this month', 'group those by user'], admin);
    assert.equal(grouped.intent, 'signin.list');
    const plan = grouped.plan as PlanShape;
    assert.deepEqual(plan.operation, { kind: 'groupBy', field: 'userDisplayName' });
    assert.ok(plan.filters.some((f) => f.field === 'country' && f.value === 'RU'));
  });

  it('When diagnoses are followed by "who else got that error this week?", then everyone else with that error is listed by person', async () => {
    const [, , others] = await demo.stack.askChain(["why can't Megan Bowen get into Outlook on her phone?", 'and for Priya Patel?', 'who else got that error this week?'], admin);
    assert.equal(others.intent, 'signin.list');
    const plan = others.plan as PlanShape;
    assert.ok(plan.filters.some((f) => f.field === 'errorCode' && f.value === 53000), JSON.stringify(plan.filters));
    assert.deepEqual(plan.operation, { kind: 'groupBy', field: 'userDisplayName' });
  });

  it('When the admin asks how many people hit a named block, then people are counted in the sign-in log, not in the directory', async () => {
    const answer = await demo.stack.ask('how many users ran into the compliant-device block since Monday?', admin);
    const plan = answer.plan as PlanShape;
    assert.equal(plan.resource, 'signIns');
    assert.deepEqual(plan.operation, { kind: 'countDistinct', field: 'userDisplayName' });
    assert.match(answer.text, /\d+ different users/);
  });

  it('When a sign-in is found by its correlation id, then the answer records its person and app, and "who owns that app?" is about that app', async () => {
    const [found, owner] = await demo.stack.askChain(['a user pasted correlation id c3a9e6f1-5b7d-4e2a-9f18-6d4b2c7a1e05 - what failed?', 'who owns that app?'], admin);
    const entities = found.entities as Array<{ type: string; displayName?: string }>;
    assert.ok(entities.some((e) => e.type === 'user' && e.displayName === 'Joni Sherman'), JSON.stringify(entities));
    assert.ok(entities.some((e) => e.type === 'app' && e.displayName === 'HR Portal'), JSON.stringify(entities));
    assert.equal(owner.intent, 'app.info');
    assert.match(owner.text, /HR Portal[\s\S]*Owners[\s\S]*Diego Siciliani/);
  });

  it('When sign-ins were counted by person, then "why is the second one failing?" diagnoses the second person of that table', async () => {
    const [byUser, second] = await demo.stack.askChain(['failed sign-ins this week by user', 'why is the second one failing?'], admin);
    assert.deepEqual((byUser.plan as PlanShape).operation, { kind: 'groupBy', field: 'userDisplayName' });
    const rows = byUser.text.split('\n').filter((l) => /^\|/.test(l) || /\|/.test(l));
    assert.ok(rows.length > 0, byUser.text.slice(0, 300));
    assert.equal(second.intent, 'signin.troubleshoot');
    assert.match(second.text, /Sign-in diagnosis: Bob Kelly/);
  });

  it('When a list of many rows is followed by a question about "them", then it is not asked of each row (at most five are)', async () => {
    const [, owners] = await demo.stack.askChain(['list all groups', 'who owns them?'], admin);
    assert.ok(owners.text.split('\n\n').length < 5, owners.text.slice(0, 400));
  });

  it('When two people were answered in turn, then "which of the two tried most recently?" and "do both have MFA registered?" are about both', async () => {
    const [both, latest, mfa] = await demo.stack.askChain(['Megan Bowen and Priya Patel both cannot sign in - same cause?', 'which of the two tried most recently?', 'do both have MFA registered?'], admin);
    assert.equal(both.text.split('\n\n').length, 2, both.text.slice(0, 300));
    const latestPlan = latest.plan as PlanShape;
    assert.equal(latestPlan.resource, 'signIns');
    assert.deepEqual(latestPlan.operation, { kind: 'latest' });
    const people = latestPlan.filters.find((f) => f.field === 'user');
    assert.equal(people?.op, 'in');
    assert.equal((people?.value as string[]).length, 2);
    assert.equal(mfa.intent, 'user.info');
    assert.equal((mfa.plan as PlanShape).resource, 'registrationDetails');
    assert.match(mfa.text, /Megan Bowen[\s\S]*Priya Patel|Priya Patel[\s\S]*Megan Bowen/);
  });

  it('When two people were asked about one after the other, then "did either of them get in today?" lists both people\'s successful sign-ins', async () => {
    const [, , either] = await demo.stack.askChain(["why can't Priya Patel sign in?", 'and for Megan?', 'did either of them get in today?'], admin);
    const plan = either.plan as PlanShape;
    assert.equal(either.intent, 'signin.list');
    assert.equal((plan.filters.find((f) => f.field === 'user')?.value as string[]).length, 2);
    assert.ok(plan.filters.some((f) => f.field === 'result' && f.value === 'success'), JSON.stringify(plan.filters));
    const names = (either.entities as Array<{ type: string; displayName?: string }>).filter((e) => e.type === 'user').map((e) => e.displayName);
    assert.deepEqual(names.sort(), ['Megan Bowen', 'Priya Patel']);
  });

  it('When a row is described by the person\'s department ("the finance one", "the one from customer support"), then that row is meant', async () => {
    const [, finance] = await demo.stack.askChain(["who's at risk right now?", 'the finance one - what was detected?'], admin);
    assert.equal(finance.intent, 'risk.user');
    assert.ok((finance.entities as Array<{ type: string; displayName?: string }>).some((e) => e.type === 'user' && e.displayName === 'Bob Kelly'));
    const [all, support] = await demo.stack.askChain(['list every risky user including remediated', 'the one from customer support - when was that fixed?'], admin);
    assert.match(all.text, /\*\*8 risky users\*\*/);
    assert.ok((support.entities as Array<{ type: string; displayName?: string }>).some((e) => e.type === 'user' && e.displayName === 'Thomas Johnson'), JSON.stringify(support.entities));
  });
});

import { strict as assert } from 'node:assert';
import { DEMO_ADMIN } from '@entra-assistant/local-entra';
import { demoStackFor } from '../support/demoStack';

/**
 * A follow-up that names no one and has no pronoun (issue #13): "mfa registered?", "job title?", "groups?" after an
 * answer about one person is about that person; a question about everyone ("who has no MFA registered?") still
 * lists. And a title's acronym written as one ("CFO mfa status?") names its holder. Whole stack on Contoso.
 */
describe('Follow-ups without a name or pronoun, through the whole stack (issue #13)', function () {
  this.timeout(120_000);
  const demo = demoStackFor([DEMO_ADMIN]);
  const admin = DEMO_ADMIN.userPrincipalName;

  it('When a diagnosis is followed by "department and office?", "mfa registered? which methods", "groups?" and "roles?", then each is about the diagnosed person', async () => {
    const [, office, methods, groups, roles] = await demo.stack.askChain(['what error is Lee Gu hitting?', 'which department and office? and job title', 'mfa registered? which methods', 'groups?', 'roles?'], admin);
    assert.equal(office.intent, 'user.info');
    assert.match(office.text, /^Lee Gu\n/);
    assert.match(office.text, /Logistics Coordinator, Operations/);
    assert.match(office.text, /Office: Chicago/);
    assert.equal(methods.intent, 'user.info');
    assert.equal(methods.plan, undefined);
    assert.match(methods.text, /^Lee Gu\n/);
    assert.match(methods.text, /MFA: Registered: .*microsoftAuthenticatorPush/);
    assert.equal(groups.intent, 'user.groups');
    assert.match(groups.text, /^Groups of Lee Gu\n/);
    assert.equal(roles.intent, 'role.assignments');
    assert.match(roles.text, /^Roles of Lee Gu\n/);
  });

  it('When a named person is asked about with "which methods", then their page answers, not everyone\'s registrations', async () => {
    const answer = await demo.stack.ask('is Adele Vance registered for mfa? which methods', admin);
    assert.equal(answer.intent, 'user.info');
    assert.equal(answer.plan, undefined);
    assert.match(answer.text, /^Adele Vance\n/);
    assert.match(answer.text, /MFA: Registered/);
  });

  it('When a question about everyone follows a person, then it still lists', async () => {
    const [, everyone] = await demo.stack.askChain(['who is Lee Gu?', 'who has no mfa registered?'], admin);
    assert.equal(everyone.intent, 'user.info');
    assert.equal((everyone.plan as { resource: string }).resource, 'registrationDetails');
    assert.match(everyone.text, /Alex Wilber/);
  });

  it('When a title acronym is written in capitals or owns something, then it is the person with that title, as after "the"', async () => {
    const capitals = await demo.stack.ask('CFO mfa status?', admin);
    assert.equal(capitals.intent, 'user.info');
    assert.match(capitals.text, /^Grace Kaur\n/);
    const owning = await demo.stack.ask("cfo's groups", admin);
    assert.equal(owning.intent, 'user.groups');
    assert.match(owning.text, /^Groups of Grace Kaur\n/);
    const [, bare] = await demo.stack.askChain(['who is Megan Bowen?', 'and the ceo?'], admin);
    assert.match(bare.text, /^Patti Fernandez\n/);
  });

  it('When a risk answer is followed by "has anyone already done anything about it?", then the same person\'s risk history answers; after an account answer, its audit changes', async () => {
    const [, acted] = await demo.stack.askChain(['is Adele Vance risky?', 'has anyone already done anything about it?'], admin);
    assert.equal(acted.intent, 'risk.user');
    assert.match(acted.text, /^Adele Vance\n/);
    assert.match(acted.text, /Sam Secadmin dismissed the risk/);
    const [, looked] = await demo.stack.askChain(["is Lee Gu's account enabled?", 'has anyone looked into it?'], admin);
    assert.equal(looked.intent, 'audit.changes');
    assert.match(looked.text, /^Changes to Lee Gu\n/);
    assert.match(looked.text, /Pradeep Gupta/);
  });

  it('When audit events were listed, then "the most recent of those" is the object the newest one changed, and "the research one" the app it names', async () => {
    const [, state] = await demo.stack.askChain(['did anyone touch a CA policy this month?', 'the most recent of those - what state is that policy in now?'], admin);
    assert.equal(state.intent, 'policy.info');
    assert.match(state.text, /^Require MFA for all users\n/);
    assert.match(state.text, /State: on/);
    const [, app] = await demo.stack.askChain(['which apps got consent this month', 'the research one - who owns it and does it have secrets?'], admin);
    assert.equal(app.intent, 'app.info');
    assert.match(app.text, /^Research Notebook\n/);
    assert.match(app.text, /Registered: In this tenant/);
    assert.match(app.text, /secret "Notebook API"/);
  });

  it('When asked who can connect to VPN, or how many users get VPN counting nested groups, then the VPN Users group answers with its nested members; "connect" names no Connector app', async () => {
    const who = await demo.stack.ask('who can connect to VPN?', admin);
    assert.equal(who.intent, 'group.info');
    assert.match(who.text, /^VPN Users\n/);
    assert.match(who.text, /Users including nested groups: 69/);
    const count = await demo.stack.ask('how many users get VPN counting nested groups', admin);
    assert.equal((count.plan as { resource: string; anchor?: { transitive?: boolean } }).resource, 'groupMembers');
    assert.equal((count.plan as { anchor?: { transitive?: boolean } }).anchor?.transitive, true);
    assert.match(count.text, /\*\*69 members\*\*/);
    const app = await demo.stack.ask('who has access to the payroll app?', admin);
    assert.equal(app.intent, 'app.info');
    assert.match(app.text, /^Payroll Connector\n/);
  });

  it('When asked whether two named people, or "the break glass accounts", sign in, then both people\'s sign-ins are read together; "ever" reads all the log keeps', async () => {
    const pair = await demo.stack.ask('did Megan and Adele sign in today?', admin);
    assert.equal(pair.intent, 'signin.list');
    const plan = pair.plan as { filters: Array<{ field: string; op: string; value: unknown }> };
    assert.deepEqual(plan.filters.map((f) => [f.field, f.op]), [['user', 'in']]);
    assert.match(pair.text, /Megan Bowen, Adele Vance · today/);
    const glass = await demo.stack.ask('do the break glass ones ever sign in?', admin);
    assert.equal(glass.intent, 'signin.list');
    assert.match(glass.text, /Emergency Access 01, Emergency Access 02 · last 30 days/);
    assert.match(glass.text, /\| Emergency Access 02 \|/);
    const one = await demo.stack.ask('what did the break glass account do', admin);
    assert.match(one.text, /Which user do you mean by “the break glass account”\?/);
    assert.match(one.text, /Emergency Access 01/);
    assert.match(one.text, /Emergency Access 02/);
    const term = await demo.stack.ask("what's a break glass account?", admin);
    assert.doesNotMatch(term.text, /Which user do you mean/);
  });

  it('When a person is followed by "how many people report to her?", then her direct reports are counted', async () => {
    const [, reports] = await demo.stack.askChain(['who is Sofia Williams?', 'how many people report to her?'], admin);
    const plan = reports.plan as { resource: string; anchor?: { displayName?: string }; operation: { kind: string } };
    assert.equal(plan.resource, 'directReports');
    assert.equal(plan.anchor?.displayName, 'Sofia Williams');
    assert.equal(plan.operation.kind, 'count');
    assert.match(reports.text, /\*\*6 direct reports\*\*/);
  });
});

import { strict as assert } from 'node:assert';
import { DEMO_ADMIN } from '@entra-assistant/local-entra';
import { demoStackFor } from '../support/demoStack';

interface PlanShape {
  resource: string;
  filters: Array<{ field: string; op: string; value?: unknown }>;
  operation: { kind: string; field?: string };
}

/**
 * Follow-ups over a list's people and a diagnosed person's account (issue #13): "which users?" after sign-ins, "any of
 * them risky?" after a list of people, "and her manager?" or "what does she need to do?" after a diagnosis, a guest's
 * own mail address, a misspelt list noun. Whole stack on Contoso, in words of our own.
 */
describe('Rows and account facts asked in follow-ups, through the whole stack (issue #13)', function () {
  this.timeout(120_000);
  const demo = demoStackFor([DEMO_ADMIN]);
  const admin = DEMO_ADMIN.userPrincipalName;

  it('When sign-ins were listed, then "which users?" breaks the same sign-ins down by person, and "any of them risky?" reads those people\'s risk', async () => {
    const [, users, risky] = await demo.stack.askChain(['failed interactive sign-ins from Android devices this week', 'which users?', 'any of them risky?'], admin);
    const byUser = users.plan as PlanShape;
    assert.equal(byUser.resource, 'signIns');
    assert.deepEqual(byUser.operation, { kind: 'groupBy', field: 'userDisplayName' });
    assert.ok(byUser.filters.some((f) => f.field === 'os'));
    assert.match(users.text, /Megan Bowen/);
    assert.equal(risky.intent, 'risk.users');
    const risk = risky.plan as PlanShape;
    assert.equal(risk.resource, 'riskyUsers');
    assert.equal(risk.filters[0].field, 'id');
    assert.ok(Array.isArray(risk.filters[0].value) && (risk.filters[0].value as string[]).length >= 2);
  });

  it('When a diagnosis is followed by "and her manager?" or "so what does she need to do", then her account page, then her diagnosis again, answer', async () => {
    const [, manager] = await demo.stack.askChain(["why can't Megan Bowen sign in?", 'and her manager?'], admin);
    const [, todo] = await demo.stack.askChain(["why can't Megan Bowen sign in?", 'so what does she need to do'], admin);
    assert.equal(manager.intent, 'user.info');
    assert.match(manager.text, /^Megan Bowen\n/);
    assert.match(manager.text, /Manager: Sofia Williams/);
    assert.equal(todo.intent, 'signin.troubleshoot');
    assert.match(todo.text, /Megan Bowen: sign-in to Outlook Mobile failing with 53000/);
  });

  it("When a guest's account is shown, then their own mail address is on it beside the #EXT# sign-in name", async () => {
    const answer = await demo.stack.ask("what's nestor wilke's email?", admin);
    assert.equal(answer.intent, 'user.info');
    assert.match(answer.text, /nestor\.wilke_fabrikam\.com#EXT#@contoso\.onmicrosoft\.com/);
    assert.match(answer.text, /Email: nestor\.wilke@fabrikam\.com/);
  });

  it('When a list noun is misspelt ("which acounts are disabled?"), then the list is still read, even after a person was discussed', async () => {
    const [, disabled] = await demo.stack.askChain(['who is Megan Bowen?', 'which acounts are disabled?'], admin);
    const plan = disabled.plan as PlanShape;
    assert.equal(plan.resource, 'users');
    assert.deepEqual(plan.filters.map((f) => [f.field, f.value]), [['accountEnabled', false]]);
    assert.match(disabled.text, /Lee Gu/);
  });

  it('When a reason is asked for one person\'s failures in help-desk words ("is there a reason", "root cause?", "explain", "errors out. pls check"), then that person is diagnosed', async () => {
    for (const text of ["is there a reason megan bowen's sign-ins keep failing?", 'megan bowen - failed sign ins - root cause?', "explain Megan Bowen's failed logins like I'm new here", 'megan bowen says outlook just errors out on her phone. pls check', 'megan bowen messaged me from her phone: outlook won\'t let her in']) {
      const answer = await demo.stack.ask(text, admin);
      assert.equal(answer.intent, 'signin.troubleshoot', text);
      assert.match(answer.text, /Megan Bowen: sign-in to Outlook Mobile failing with 53000/, text);
    }
  });

  it('When a change was shown, then "what else did that admin do that day?", "how many resets has that person done this week" and "is that person even allowed to do that?" are about the one who made it', async () => {
    const [, sameDay] = await demo.stack.askChain(['when was Anika Tanaka added to Contoso Social Club?', 'what else did that admin do that day?'], admin);
    assert.equal(sameDay.intent, 'audit.changes');
    const plan = sameDay.plan as PlanShape & { window?: { start: string; end: string } };
    assert.deepEqual(plan.filters.map((f) => [f.field, f.op]), [['initiatedByUserId', 'eq']]);
    assert.equal(plan.window?.start, '2026-11-20T00:00:00.000Z');
    assert.match(sameDay.text, /Audit events · by Avery Admin · on 2026-11-20/);
    const [, resets, allowed] = await demo.stack.askChain(["did anyone reset uma hall's password recently", 'how many resets has that person done this week', 'is that person even allowed to do that?'], admin);
    const count = resets.plan as PlanShape;
    assert.equal(count.operation.kind, 'count');
    assert.deepEqual(count.filters.map((f) => f.field).sort(), ['activity', 'initiatedByUserId']);
    assert.match(resets.text, /by Christie Cline/);
    assert.equal(allowed.intent, 'role.assignments');
    assert.match(allowed.text, /^Roles of Christie Cline\n/);
  });

  it('When a change was shown, then "anything else happen to that account today?" is still about the account changed, not the one who changed it', async () => {
    const [, account] = await demo.stack.askChain(["did anyone reset uma hall's password recently", 'anything else happen to that account today?'], admin);
    assert.equal(account.intent, 'audit.changes');
    assert.doesNotMatch(account.text, /by Christie Cline/);
    assert.match(account.text, /Uma Hall/);
  });

  it('When an aside interrupts ("unrelated but can you order pizza"), then "back to the guest: any mfa methods registered?" is about the guest from before', async () => {
    const [, aside, back] = await demo.stack.askChain(["hey, nestor wilke can't get into teams", 'unrelated but can you order pizza for the team?', 'lol ok. back to the guest: any mfa methods registered?'], admin);
    assert.equal(aside.intent, 'outOfScope');
    assert.equal(back.intent, 'user.info');
    assert.match(back.text, /^Nestor Wilke\n/);
    assert.match(back.text, /No MFA method registered/);
  });

  it('When a group is named with "members pls", then its page answers, and "owner?" alone after it is that group\'s owners', async () => {
    const [members, owner] = await demo.stack.askChain(['finance approvers members pls', 'owner?'], admin);
    assert.equal(members.intent, 'group.info');
    assert.match(members.text, /^Finance Approvers\n/);
    assert.equal(owner.intent, 'group.info');
    assert.match(owner.text, /^Finance Approvers\n/);
    assert.match(owner.text, /Owners\n.*Irvin Sayers/);
  });

  it('When a diagnosis is followed by "how do we get them back in" or "what does he own?", then the diagnosis again, then what that person owns', async () => {
    const [, back] = await demo.stack.askChain(["why can't Megan Bowen sign in?", 'how do we get them back in'], admin);
    assert.equal(back.intent, 'signin.troubleshoot');
    assert.match(back.text, /Megan Bowen: sign-in to Outlook Mobile failing with 53000/);
    const [, owns] = await demo.stack.askChain(['has diego siciliani had any sign-in trouble this week?', 'what does he own?'], admin);
    assert.equal((owns.plan as PlanShape).resource, 'ownedApps');
    assert.match(owns.text, /owned by Diego Siciliani/);
  });

  it('When a service principal\'s group memberships are asked, then the groups it is a member of answer, and "who owns the app?" is that app', async () => {
    const [groups, owner] = await demo.stack.askChain(['build pipeline SP - group memberships?', 'who owns the app?'], admin);
    // Its memberships, as a person's are (three blind writers of session 15 labelled it so, unprompted).
    assert.equal(groups.intent, 'user.groups');
    const plan = groups.plan as PlanShape & { anchor?: { type: string; displayName: string } };
    assert.equal(plan.resource, 'memberOf');
    assert.deepEqual([plan.anchor?.type, plan.anchor?.displayName], ['servicePrincipal', 'Build Pipeline']);
    assert.match(groups.text, /Automation Service Accounts/);
    assert.equal(owner.intent, 'app.info');
    assert.match(owner.text, /^Build Pipeline\n/);
  });

  it('When service principals "flagged by identity protection" are asked, then the risky workload identities answer', async () => {
    const answer = await demo.stack.ask('which service principals are flagged by identity protection?', admin);
    assert.equal(answer.intent, 'risk.workload');
    assert.match(answer.text, /Payroll Connector — high risk/);
  });

  it('When a risk list is followed by "why is bob on there?", or a person\'s risk by "did anybody dismiss or confirm it already?", then that person\'s risk answers', async () => {
    const [, bob] = await demo.stack.askChain(["who's currently at risk?", 'why is bob on there?'], admin);
    assert.equal(bob.intent, 'risk.user');
    assert.match(bob.text, /^Bob Kelly\n/);
    const [, decided] = await demo.stack.askChain(['is adele vance risky?', 'did anybody dismiss or confirm it already?'], admin);
    assert.equal(decided.intent, 'risk.user');
    assert.match(decided.text, /Sam Secadmin dismissed the risk/);
  });

  it('When a diagnosis is followed by "did anyone change anything on the account recently?", then that person\'s changes answer; "and his risk level?" after his sign-ins is his risk; "when was his account created" is his page', async () => {
    const [, changed] = await demo.stack.askChain(['why cant Megan Bowen log in', 'did anyone change anything on the account recently?'], admin);
    assert.equal(changed.intent, 'audit.changes');
    assert.match(changed.text, /^Changes to Megan Bowen\n/);
    const [, , risk] = await demo.stack.askChain(['is bob kelly being attacked?', 'where are the attempts coming from', 'and his risk level?'], admin);
    assert.equal(risk.intent, 'risk.user');
    assert.match(risk.text, /^Bob Kelly\n/);
    assert.match(risk.text, /user risk high/);
    const [, created] = await demo.stack.askChain(['who is Isaiah Langer?', 'and when was his account created'], admin);
    assert.equal(created.intent, 'user.info');
    assert.match(created.text, /^Isaiah Langer\n/);
    assert.match(created.text, /Created: \d{4}-\d\d-\d\d/);
  });

  it('When a group was shown, then "which groups are nested in it?" is that group\'s page, while "is she in it?" about a person stays her memberships', async () => {
    const [, nested] = await demo.stack.askChain(['tell me about VPN Users', 'which groups are nested in it?'], admin);
    assert.equal(nested.intent, 'group.info');
    assert.match(nested.text, /^VPN Users\n/);
    assert.match(nested.text, /Nested groups[^\n]*\n[\s\S]*Engineering Staff/);
    const [, member] = await demo.stack.askChain(['who is Megan Bowen?', 'is she in the VPN Users group?'], admin);
    assert.equal(member.intent, 'user.groups');
  });
});

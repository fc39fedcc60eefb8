import { strict as assert } from 'node:assert';
import { DEMO_ADMIN } from '@entra-assistant/local-entra';
import { demoStackFor } from '../support/demoStack';

interface PlanShape {
  resource: string;
  filters: Array<{ field: string; value: unknown }>;
  operation: { kind: string; field?: string };
  window?: { label: string };
}

/**
 * Follow-ups that refer to what the last answer found rather than to what the admin named (issue #13, "Follow-ups are
 * lost"): the app and error of a diagnosed failure, the change behind a state, the policy just shown. Whole stack on
 * Contoso; phrasings of our own.
 */
describe('Follow-ups about what the last answer found, through the whole stack (issue #13)', function () {
  this.timeout(120_000);
  const demo = demoStackFor([DEMO_ADMIN]);
  const admin = DEMO_ADMIN.userPrincipalName;

  it('When a failing job is diagnosed and the admin asks who owns that app, then the app of the diagnosis is answered with its owner', async () => {
    const [diagnosis, owners] = await demo.stack.askChain(['why does the Inventory Sync job keep failing?', 'ok, who owns that app?'], admin);
    assert.equal(diagnosis.intent, 'signin.troubleshoot');
    assert.match(diagnosis.text, /7000222/);
    assert.equal(owners.intent, 'app.info');
    assert.match(owners.text, /Inventory Sync/);
    assert.match(owners.text, /Raul Razo/);
  });

  it('When a diagnosis is followed by "how many times did that happen today?", then the same person\'s sign-ins with that error are counted, and "and yesterday?" counts again', async () => {
    const [diagnosis, today, yesterday] = await demo.stack.askChain(["what's going on with Johanna Lorenz's mail?", 'how many times did that happen today?', 'and yesterday?'], admin);
    assert.match(diagnosis.text, /53003/);
    const plan = today.plan as PlanShape;
    assert.equal(today.intent, 'signin.list');
    assert.equal(plan.operation.kind, 'count');
    assert.ok(plan.filters.some((f) => f.field === 'errorCode' && f.value === 53003), JSON.stringify(plan.filters));
    assert.ok(plan.filters.some((f) => f.field === 'user'));
    assert.equal(plan.window?.label, 'today');
    const again = yesterday.plan as PlanShape;
    assert.equal(again.operation.kind, 'count');
    assert.equal(again.window?.label, 'yesterday');
    assert.ok(again.filters.some((f) => f.field === 'errorCode' && f.value === 53003));
  });

  it('When a disabled account is diagnosed and the admin asks "who did that?", then the audit log names who disabled it', async () => {
    const [diagnosis, who] = await demo.stack.askChain(['Lee Gu is locked out since yesterday', 'who did that?'], admin);
    assert.match(diagnosis.text, /50057/);
    assert.equal(who.intent, 'audit.changes');
    assert.match(who.text, /Pradeep Gupta/);
    assert.match(who.text, /Disable account/);
  });

  it('When a diagnosis is followed by "and Megan?", then Megan is diagnosed the same way, not her sign-ins listed', async () => {
    const [, megan] = await demo.stack.askChain(["why can't Bob Kelly get in?", 'and Megan?'], admin);
    assert.equal(megan.intent, 'signin.troubleshoot');
    assert.equal(megan.plan ?? null, null);
    assert.match(megan.text, /Megan Bowen/);
    assert.match(megan.text, /53000/);
  });

  it('When a role answer is followed by "since when?", then the audit log says when the role was given and by whom', async () => {
    const [roles, since] = await demo.stack.askChain(['which roles does Isaiah Langer have?', 'since when?'], admin);
    assert.equal(roles.intent, 'role.assignments');
    assert.equal(since.intent, 'audit.changes');
    assert.match(since.text, /Pradeep Gupta[^\n]*Add member to role/);
  });

  it('When a policy was just explained, then "that policy" and "it" in the next questions are that policy', async () => {
    const [, changed, state] = await demo.stack.askChain(['explain the Block legacy authentication policy', 'who changed that policy?', 'is it on?'], admin);
    assert.equal(changed.intent, 'audit.changes');
    assert.match(changed.text, /Block legacy authentication/);
    assert.equal(state.intent, 'policy.info');
    assert.match(state.text, /Block legacy authentication/);
  });

  it('When a question with a clear ask of its own follows a diagnosis, then it is answered as asked, not as a list of the diagnosed sign-ins', async () => {
    const [, who] = await demo.stack.askChain(['Lee Gu says Outlook stopped working', 'who disabled him?'], admin);
    assert.equal(who.intent, 'audit.changes');
    assert.equal(who.plan ?? null, null);
    assert.match(who.text, /Pradeep Gupta/);
  });

  it('When "who else?" follows a question about one person\'s legacy sign-ins, then the same sign-ins are listed by person for everyone', async () => {
    const [, others] = await demo.stack.askChain(["why does Johanna Lorenz's IMAP mail keep failing?", 'who else is still using IMAP this week?'], admin);
    const plan = others.plan as PlanShape;
    assert.equal(others.intent, 'signin.list');
    assert.ok(!plan.filters.some((f) => f.field === 'user'), JSON.stringify(plan.filters));
    assert.ok(plan.filters.some((f) => f.field === 'clientApp' && f.value === 'IMAP4'));
    assert.deepEqual(plan.operation, { kind: 'groupBy', field: 'userDisplayName' });
  });

  it('When "who disabled it?" follows a question about a person\'s account, then "it" is that account and the audit log answers', async () => {
    const [, who] = await demo.stack.askChain(["is Lee Gu's account enabled?", 'who disabled it?'], admin);
    assert.equal(who.intent, 'audit.changes');
    assert.match(who.text, /Pradeep Gupta/);
  });

  it('When "same question for" another person follows, then the same question is asked about that person', async () => {
    const [, same] = await demo.stack.askChain(['is Bob Kelly at risk?', 'same question for Alex Wilber'], admin);
    assert.equal(same.intent, 'risk.user');
    assert.match(same.text, /Alex Wilber/);
  });

  it('When "just the medium ones" follows "who is at risk right now?", then the risky users are narrowed to medium risk', async () => {
    const [list, medium] = await demo.stack.askChain(['who is at risk right now?', 'just the medium ones'], admin);
    assert.equal(list.intent, 'risk.users');
    assert.equal(medium.intent, 'risk.users');
    const plan = medium.plan as PlanShape;
    assert.ok(plan.filters.some((f) => f.field === 'riskLevel' && f.value === 'medium'), JSON.stringify(plan.filters));
  });

  it('When a list of policies is followed by "the high-risk one", then that row is the policy asked about, and what it would do is read from the sign-in log', async () => {
    const [list, whatIf] = await demo.stack.askChain(['which CA policies are in report-only mode?', 'who would the high-risk one have hit?'], admin);
    assert.equal(list.intent, 'policy.info');
    const policy = (whatIf.entities as Array<{ type: string; displayName?: string }>).find((e) => e.type === 'policy');
    assert.equal(policy?.displayName, 'Require password change for high-risk users');
    assert.equal((whatIf.plan as PlanShape).resource, 'signIns');
    assert.match(whatIf.text, /Bob Kelly/);
  });

  it('When asked to switch a policy on, then the answer says policies are changed in the admin center, not here', async () => {
    const [, request] = await demo.stack.askChain(['which CA policies are in report-only mode?', 'switch it on'], admin);
    assert.equal(request.intent, 'outOfScope');
    assert.match(request.text, /do not change them/);
  });

  it('When "what roles do they hold?" follows a list of groups, then the role assignments of those groups are listed with role names', async () => {
    const [groups, roles] = await demo.stack.askChain(['which groups can be assigned roles?', 'what roles do they hold?'], admin);
    assert.equal(groups.intent, 'group.info');
    assert.equal(roles.intent, 'role.assignments');
    assert.equal((roles.plan as PlanShape).resource, 'roleAssignments');
    assert.match(roles.text, /Helpdesk Operators[^\n]*Helpdesk Administrator/);
    assert.match(roles.text, /Security Operations[^\n]*Security Operator/);
  });

  it('When an audit answer was about one person, then "that person" in the next question is that person', async () => {
    const [, mfa] = await demo.stack.askChain(['who made someone a Global Administrator recently?', "is that person's MFA ok?"], admin);
    assert.equal(mfa.intent, 'user.info');
    assert.ok((mfa.entities as Array<{ displayName?: string }>).some((e) => e.displayName === 'Isaiah Langer'), JSON.stringify(mfa.entities));
  });

  it('When a list of expiring app credentials is followed by "who owns the first one?", then the first app shown is found and its owners answered', async () => {
    const [list, owners] = await demo.stack.askChain(['which app secrets expire soon?', 'who owns the first one?'], admin);
    assert.equal(list.intent, 'app.info');
    assert.equal(owners.intent, 'app.info');
    const app = (owners.entities as Array<{ type: string; displayName?: string; resolution?: string }>).find((e) => e.type === 'app');
    assert.equal(app?.resolution, 'resolved');
    assert.match(owners.text, new RegExp(`^${app.displayName}`));
    assert.match(owners.text, /Owners/);
  });

  it('When "who dismissed it?" follows a question about a person\'s risk, then that person\'s risk history answers', async () => {
    const [, who] = await demo.stack.askChain(['Why is Adele Vance no longer a risky user?', 'who dismissed it?'], admin);
    assert.equal(who.intent, 'risk.user');
    assert.match(who.text, /Sam Secadmin/);
  });

  it('When a policy is written out in full and then called "that policy", then both turns are about it', async () => {
    const [excluded, changed] = await demo.stack.askChain(['who is excluded from Require MFA for all users?', 'who changed that policy last?'], admin);
    assert.equal(excluded.intent, 'policy.info');
    const policy = (changed.entities as Array<{ type: string; value?: string }>).find((e) => e.type === 'policy');
    assert.equal(policy?.value, 'Require MFA for all users');
    assert.equal(changed.intent, 'audit.changes');
  });

  it('When a question that names its own subject ends in "who made the change?", then the earlier person does not become its subject', async () => {
    const [, role] = await demo.stack.askChain(["what's wrong with Johanna Lorenz?", 'Who became a Global Administrator recently, and who made the change?'], admin);
    assert.equal(role.intent, 'audit.changes');
    assert.doesNotMatch(role.text, /Johanna Lorenz/);
    assert.match(role.text, /Isaiah Langer/);
  });

  it('When "did she have the same problem yesterday?" follows a diagnosis, then the same person is diagnosed for yesterday', async () => {
    const [, yesterday] = await demo.stack.askChain(["why can't Priya Patel get into Outlook?", 'did she have the same problem yesterday?'], admin);
    assert.equal(yesterday.intent, 'signin.troubleshoot');
    assert.match(yesterday.text, /Priya Patel/);
    assert.match(yesterday.text, /yesterday/i);
  });

  it('When a list of sign-ins is followed by "the one from Harper", then Harper\'s sign-in problem is diagnosed', async () => {
    const [list, harper] = await demo.stack.askChain(['any logins from brazil at all in the logs?', 'the one from harper - what was that?'], admin);
    assert.equal((list.plan as PlanShape).window?.label, 'last 30 days');
    assert.equal(harper.intent, 'signin.troubleshoot');
    assert.match(harper.text, /Harper Helpdesk/);
  });

  it('When a list of one group is followed by "how did that happen?" and "who is in it?", then both are about that group', async () => {
    const [, how, members] = await demo.stack.askChain(['ownerless groups?', 'how did that happen', "who's in it"], admin);
    assert.equal(how.intent, 'audit.changes');
    assert.match(how.text, /Remove owner from group/);
    assert.equal(members.intent, 'group.info');
    assert.match(members.text, /Project Falcon/);
  });

  it('When a person\'s risk story is followed by "show me the risky sign-in" or "when was that", then it is the same person\'s risk again', async () => {
    const [, signIn, when] = await demo.stack.askChain(['is Bob Kelly compromised?', 'show me the risky sign-in', 'when was that'], admin);
    for (const answer of [signIn, when]) {
      assert.equal(answer.intent, 'risk.user');
      assert.ok((answer.entities as Array<{ displayName?: string }>).some((e) => e.displayName === 'Bob Kelly'));
    }
    assert.match(signIn.text, /192\.0\.2\.200/);
  });
});

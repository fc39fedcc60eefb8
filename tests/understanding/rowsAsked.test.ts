import { strict as assert } from 'node:assert';
import { DEMO_ADMIN } from '@entra-assistant/local-entra';
import { demoStackFor } from '../support/demoStack';

interface PlanShape {
  resource: string;
  filters: Array<{ field: string; op: string; value: unknown }>;
  operation: { kind: string; field?: string };
}

function idsOf(plan: PlanShape, field: string): string[] {
  return (plan.filters.find((f) => f.field === field && f.op === 'in')?.value as string[] | undefined) ?? [];
}

/**
 * Questions asked of the rows the last answer showed (issue #13): "which of these …", "any of them …", "who among
 * them …" read the question's own list for those rows only, and a plural description ("just the certificate ones",
 * "the ones in Seattle") chooses some of them. Whole stack on Contoso; phrasings of our own, not from any measured set.
 */
describe('Questions asked of some or all of the last answer\'s rows, through the whole stack (issue #13)', function () {
  this.timeout(120_000);
  const demo = demoStackFor([DEMO_ADMIN]);
  const admin = DEMO_ADMIN.userPrincipalName;

  it('When a group\'s page is followed by "who among them failed to sign in this week?", then the failed sign-ins of its members only are counted by person', async () => {
    const [page, failed] = await demo.stack.askChain(['show me Finance Approvers', 'who among them failed to sign in this week?'], admin);
    assert.equal(page.intent, 'group.info');
    assert.equal(failed.intent, 'signin.list');
    const plan = failed.plan as PlanShape;
    assert.equal(plan.resource, 'signIns');
    assert.equal(idsOf(plan, 'user').length, 4);
    assert.deepEqual(plan.operation, { kind: 'groupBy', field: 'userDisplayName' });
    assert.match(failed.text, /Priya Patel \| 5/);
    // Megan Bowen fails all week, but she is no member of Finance Approvers.
    assert.doesNotMatch(failed.text, /Megan Bowen/);
  });

  it('When a group\'s page is followed by "which of these are administrators?", then only the roles its members hold are listed', async () => {
    const [, roles] = await demo.stack.askChain(['who is in Conditional Access Pilot?', 'which of these are administrators?'], admin);
    assert.equal(roles.intent, 'role.assignments');
    const plan = roles.plan as PlanShape;
    assert.equal(plan.resource, 'roleAssignments');
    assert.equal(idsOf(plan, 'principalId').length, 5);
    assert.match(roles.text, /Isaiah Langer \| Global Administrator/);
    assert.match(roles.text, /Raul Razo \| Conditional Access Administrator/);
    assert.doesNotMatch(roles.text, /Avery Admin/);
  });

  it('When a group\'s members are followed by "are any of them guests?", then the guests among those members are listed, not every guest of the tenant', async () => {
    const [, guests] = await demo.stack.askChain(['list the members of Customer Advisory Board', 'are any of them guests?'], admin);
    const plan = guests.plan as PlanShape;
    assert.equal(plan.resource, 'users');
    assert.equal(idsOf(plan, 'id').length, 6);
    assert.ok(plan.filters.some((f) => f.field === 'userType' && f.value === 'Guest'));
    assert.match(guests.text, /\*\*4 users\*\*/);
    assert.match(guests.text, /Sofia Anderson/);
    assert.doesNotMatch(guests.text, /Nestor Wilke/);
  });

  it('When the apps a person owns are followed by "do any of these have secrets that expired?", then the expiring-credentials answer covers those apps only', async () => {
    const [owned, expired] = await demo.stack.askChain(['which apps does Miriam Graham own?', 'do any of these have secrets that expired?'], admin);
    assert.match(owned.text, /9 app registrations/);
    assert.equal(expired.intent, 'app.info');
    assert.match(expired.text, /among the 9 apps shown before/);
    assert.match(expired.text, /Travel Booking: secret "Travel SSO" — expired/);
    assert.match(expired.text, /Time Tracking: secret "Timesheets API" — expired/);
    // Expired too, but not Miriam's.
    assert.doesNotMatch(expired.text, /Inventory Sync/);
    assert.doesNotMatch(expired.text, /Sales Dashboard/);
  });

  it('When the expiring credentials are followed by "just the certificate ones", then only the apps with certificates shown are answered', async () => {
    const [, certificates] = await demo.stack.askChain(['which app credentials are expiring soon?', 'just the certificate ones'], admin);
    assert.equal(certificates.intent, 'app.info');
    assert.match(certificates.text, /Backup Service: certificate/);
    assert.match(certificates.text, /Contoso Intranet: certificate/);
    assert.doesNotMatch(certificates.text, /Sales Dashboard|Expense Tracker|Travel Booking/);
  });

  it('When the expiring credentials are followed by "the expired ones - who owns them?", then each expired app is answered with its owners', async () => {
    const [, owners] = await demo.stack.askChain(['which app credentials are expiring soon?', 'the expired ones - who owns them?'], admin);
    const parts = owners.text.split('\n\n');
    assert.equal(parts.length, 3, owners.text);
    for (const app of ['Time Tracking', 'Travel Booking', 'Inventory Sync']) assert.ok(parts.some((p) => p.startsWith(app) && /Owners/.test(p)), app);
  });

  it('When the people without MFA are followed by "the ones in Seattle", then the same list is shown for the people based there only', async () => {
    const [all, seattle] = await demo.stack.askChain(['who has no MFA method registered?', 'the ones in Seattle'], admin);
    assert.match(all.text, /\*\*13 users\*\*/);
    const plan = seattle.plan as PlanShape;
    assert.equal(plan.resource, 'registrationDetails');
    assert.ok(plan.filters.some((f) => f.field === 'isMfaRegistered' && f.value === false));
    assert.match(seattle.text, /\*\*2 users\*\*/);
    assert.match(seattle.text, /Alex Wilber/);
    assert.match(seattle.text, /Zane Thompson/);
    assert.doesNotMatch(seattle.text, /Nestor Wilke/);
  });

  it('When the users at risk are followed by "just the marketing ones", then the risky list is shown for the marketing people only, with no group asked about', async () => {
    const [, marketing] = await demo.stack.askChain(['which users are at risk?', 'just the marketing ones'], admin);
    assert.equal(marketing.intent, 'risk.users');
    assert.equal((marketing.plan as PlanShape).resource, 'riskyUsers');
    assert.match(marketing.text, /Alex Wilber \| medium/);
    assert.doesNotMatch(marketing.text, /Bob Kelly|Which group/);
  });

  it('When the people of a count are followed by "is any of them in the HR Portal Users group?", then that group is read for exactly those people', async () => {
    const [, members] = await demo.stack.askChain(['which people failed with 50105 this month?', 'is any of them in the HR Portal Users group?'], admin);
    assert.equal(members.intent, 'group.info');
    const plan = members.plan as PlanShape & { anchor?: { displayName: string; transitive?: boolean } };
    assert.equal(plan.resource, 'groupMembers');
    assert.equal(plan.anchor?.displayName, 'HR Portal Users');
    assert.equal(plan.anchor?.transitive, true);
    assert.equal(idsOf(plan, 'id').length, 10);
    // 50105 means the app wants its users assigned: none of them is in the group that assigns them.
    assert.match(members.text, /No members match/);
  });

  it('When a group of service principals is followed by "do any of these apps have secrets or certificates running out?", then the credentials of those apps only are answered', async () => {
    const [, expiring, owner] = await demo.stack.askChain(["what's in the Automation Service Accounts group?", 'do any of these apps have secrets or certificates running out?', 'who owns that one?'], admin);
    assert.equal(expiring.intent, 'app.info');
    assert.match(expiring.text, /among the 3 apps shown before/);
    assert.match(expiring.text, /Backup Service: certificate/);
    assert.doesNotMatch(expiring.text, /Sales Dashboard/);
    assert.match(owner.text, /^Backup Service/);
    assert.match(owner.text, /Raul Razo/);
  });

  it('When one row of a ranking was diagnosed, then "and the second?" is the second row of that same ranking', async () => {
    const [top, third, second] = await demo.stack.askChain(['top 3 users by failed sign-ins this week', 'the third one - why is she failing?', 'and the second?'], admin);
    assert.match(top.text, /Johanna Lorenz \| 49 \|\n\| Bob Kelly \| 38 \|\n\| Megan Bowen/);
    assert.match(third.text, /diagnosis: Megan Bowen/);
    assert.equal(second.intent, 'signin.troubleshoot');
    assert.match(second.text, /diagnosis: Bob Kelly/);
  });

  it('When a group\'s owners were asked for, then "are both of them …" is about those owners, not its members', async () => {
    const [page, risky] = await demo.stack.askChain(['who owns Product Launch 2027?', 'are both of them at risk?'], admin);
    assert.match(page.text, /Owners\nMegan Bowen[^\n]*\nAdele Vance/);
    const people = (risky.entities as Array<{ type: string; displayName?: string }>).filter((e) => e.type === 'user').map((e) => e.displayName);
    assert.deepEqual(people.sort(), ['Adele Vance', 'Megan Bowen']);
  });

  it('When "which user do you mean?" is answered by typing "the one in Manchester", then the question asked first is answered for that person', async () => {
    const [which, chosen] = await demo.stack.askChain(['what groups is Sara in?', 'the one in Manchester'], admin);
    assert.match(which.text, /Which user do you mean by “Sara”/);
    assert.equal(chosen.intent, 'user.groups');
    assert.match(chosen.text, /^Groups of Sara Novak/);
  });

  it('When "which user do you mean?" is answered by typing "the third one", then the third candidate shown is taken', async () => {
    const [which, chosen] = await demo.stack.askChain(['what groups is Sara in?', 'the third one'], admin);
    const third = /\[(Sara [A-Z][a-z]+) \(sara[^\]]*\]\s*\[(Sara [A-Z][a-z]+) \([^\]]*\]\s*\[(Sara [A-Z][a-z]+) \(/.exec(which.text)?.[3];
    assert.ok(third, which.text);
    assert.match(chosen.text, new RegExp(`^Groups of ${third}`));
  });

  it('When sign-ins were broken down by app, then "the sharepoint one - who?" lists the same sign-ins of that app by person', async () => {
    const [byApp, who] = await demo.stack.askChain(['failed sign-ins by app this week', 'the sharepoint one - who?'], admin);
    assert.match(byApp.text, /Office 365 SharePoint Online \| 11 \|/);
    assert.equal(who.intent, 'signin.list');
    const plan = who.plan as PlanShape;
    assert.ok(plan.filters.some((f) => f.field === 'appId' && f.value === '00000003-0000-0ff1-ce00-000000000000'), JSON.stringify(plan.filters));
    assert.ok(plan.filters.some((f) => f.field === 'result' && f.value === 'failure'));
    assert.deepEqual(plan.operation, { kind: 'groupBy', field: 'userDisplayName' });
    assert.match(who.text, /11 sign-ins, by 10 different users/);
  });

  it('When sign-ins were broken down by app, then "the sharepoint one - why is it failing?" diagnoses that app', async () => {
    const [, why] = await demo.stack.askChain(['failed sign-ins by app this week', 'the sharepoint one - why is it failing?'], admin);
    assert.equal(why.intent, 'signin.troubleshoot');
    assert.match(why.text, /^Sign-in diagnosis: Office 365 SharePoint Online/);
  });

  it('When the people a policy blocked are followed by "which of them never managed to sign in?", then their accounts\' last successful sign-in answers, not the week\'s log', async () => {
    const [blocked, never] = await demo.stack.askChain(['how many people did the guest MFA policy block this week?', 'which of them never managed to sign in?'], admin);
    assert.match(blocked.text, /4 different users/);
    const plan = never.plan as PlanShape;
    assert.equal(plan.resource, 'users');
    assert.equal(idsOf(plan, 'id').length, 4);
    assert.ok(plan.filters.some((f) => f.field === 'lastSuccessfulSignIn' && f.op === 'absent'));
    assert.match(never.text, /\*\*3 users\*\*/);
    // Fatima Singh was blocked once but got in another time.
    assert.doesNotMatch(never.text, /\| Fatima Singh \|/);
  });

  it('When sign-ins from a named location are followed by "any failures among them?", then the same location is still what the question is about', async () => {
    const [, failures] = await demo.stack.askChain(['how many people signed in from the HQ network today', 'any failures among them?'], admin);
    const plan = failures.plan as PlanShape;
    assert.ok(plan.filters.some((f) => f.field === 'ipAddress' && f.op === 'inRange'));
    assert.ok(plan.filters.some((f) => f.field === 'result' && f.value === 'failure'));
    const location = (failures.entities as Array<{ type: string; displayName?: string; source?: string }>).find((e) => e.type === 'namedLocation');
    assert.equal(location?.displayName, 'Contoso HQ network');
    assert.equal(location?.source, 'conversation');
  });

  it('When asked which guest invitations have not been redeemed, then the guests whose invitation is pending are listed, not the audit log', async () => {
    const [pending] = await demo.stack.askChain(["which guest invitations haven't been redeemed?"], admin);
    assert.equal(pending.intent, 'user.info');
    const plan = pending.plan as PlanShape;
    assert.equal(plan.resource, 'users');
    assert.ok(plan.filters.some((f) => f.field === 'externalUserState' && f.value === 'PendingAcceptance'));
  });

  it('When guests\' failed sign-ins by person are followed by "which of these have no MFA method registered?", then the registration report is read for those people, not the sign-ins again', async () => {
    const [, unregistered] = await demo.stack.askChain(['failed guest sign-ins this week, by person', 'which of these have no MFA method registered?'], admin);
    assert.equal(unregistered.intent, 'user.info');
    const plan = unregistered.plan as PlanShape;
    assert.equal(plan.resource, 'registrationDetails');
    assert.ok(idsOf(plan, 'id').length >= 2);
    assert.match(unregistered.text, /Nestor Wilke/);
    // Alex Wilber has no MFA method either, but he is no guest who failed this week.
    assert.doesNotMatch(unregistered.text, /Alex Wilber/);
  });

  it('When the expiring credentials are followed by "which ones are already expired?" and "who owns those?", then the expired apps are chosen and each is answered with its owners', async () => {
    const [, expired, owners] = await demo.stack.askChain(['secrets or certificates expiring soon?', 'which ones are already expired?', 'who owns those?'], admin);
    assert.match(expired.text, /0 expiring, 3 already expired/);
    const parts = owners.text.split('\n\n');
    assert.equal(parts.length, 3, owners.text);
    for (const app of ['Time Tracking', 'Travel Booking', 'Inventory Sync']) assert.ok(parts.some((p) => p.startsWith(app)), app);
  });

  it('When two people were asked about in turn, then "are they in the Customer Advisory Board group?" reads that group for both', async () => {
    const [, , members] = await demo.stack.askChain(["why can't Nestor Wilke sign in?", 'and Fatima Singh?', 'are they in the Customer Advisory Board group?'], admin);
    assert.equal(members.intent, 'group.info');
    const plan = members.plan as PlanShape;
    assert.equal(plan.resource, 'groupMembers');
    assert.equal(idsOf(plan, 'id').length, 2);
    assert.match(members.text, /\*\*1 member\*\*/);
    assert.match(members.text, /\| Fatima Singh \|/);
  });

  it('When a description fits every row shown, then it chooses no rows', async () => {
    const [, all] = await demo.stack.askChain(['which users are at risk?', 'just the contoso ones'], admin);
    const plan = all.plan as PlanShape | undefined;
    assert.ok(!plan || idsOf(plan, 'id').length === 0, JSON.stringify(plan));
  });
});

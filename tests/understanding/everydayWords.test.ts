import { strict as assert } from 'node:assert';
import { DEMO_ADMIN } from '@entra-assistant/local-entra';
import { SpanSet } from '../../src/understanding/text/spans';
import { extractTimeRange } from '../../src/understanding/entities/timeRange';
import { demoStackFor } from '../support/demoStack';

interface PlanShape {
  resource: string;
  filters: Array<{ field: string; op: string; value: unknown }>;
  window?: { start: string; end: string; label: string };
}

const NOW = new Date('2026-11-20T12:00:00Z');

/**
 * Everyday words admins use that the grammar did not know (issue #13): a sign-in "refused" or "bounced", traffic
 * "from brazil" with no sign-in noun, a platform, months and days of the month, and role nicknames ("GA", "CA admin").
 * Phrasings of our own, written for these tests; none is from a measured set.
 */
describe('Everyday words for sign-in problems, places, platforms, months and roles (issue #13)', function () {
  this.timeout(120_000);

  describe('Months and days of the month', () => {
    const window = (text: string) => extractTimeRange(text, new SpanSet(), NOW);

    it('When a message says "in October", then the window is that whole month', () => {
      const range = window('failed logins in October');
      assert.equal(range?.start, '2026-10-01T00:00:00.000Z');
      assert.equal(range?.end, '2026-11-01T00:00:00.000Z');
    });

    it('When a month is still ahead this year, then last year\'s is meant, and "since March" starts on its first day', () => {
      assert.equal(window('during december')?.start, '2025-12-01T00:00:00.000Z');
      assert.equal(window('changes since March')?.start, '2026-03-01T00:00:00.000Z');
    });

    it('When a follow-up says "whole week?" or "entire month", then this week or this month is meant', () => {
      assert.equal(window('whole week?')?.start, '2026-11-16T00:00:00.000Z');
      assert.equal(window('and over the entire month')?.start, '2026-11-01T00:00:00.000Z');
    });

    it('When a message says "on the 3rd", then that day of this month is meant, or of last month when it is ahead', () => {
      assert.equal(window('what happened on the 3rd')?.start, '2026-11-03T00:00:00.000Z');
      assert.equal(window('what happened on the 28th')?.start, '2026-10-28T00:00:00.000Z');
    });

    it('When "the 2nd one" points at a row, or "may" is a verb, then no time is read', () => {
      assert.equal(window('who owns the 2nd one'), undefined);
      assert.equal(window('may I ask who Megan is'), undefined);
    });
  });

  describe('Through the whole stack', () => {
    const demo = demoStackFor([DEMO_ADMIN]);
    const admin = DEMO_ADMIN.userPrincipalName;

    it('When a person\'s app "keeps rejecting" them or "bounces" them, then it is a sign-in problem to diagnose', async () => {
      for (const text of ['Megan Bowen says Outlook keeps rejecting her', 'Outlook bounces Megan Bowen every morning']) {
        const answer = await demo.stack.ask(text, admin);
        assert.equal(answer.intent, 'signin.troubleshoot', text);
        assert.match(answer.text, /53000/, text);
      }
    });

    it('When the admin asks about traffic from a country with no sign-in noun, then the sign-ins from that country are listed', async () => {
      const answer = await demo.stack.ask('anything from Russia this week?', admin);
      assert.equal(answer.intent, 'signin.list');
      const plan = answer.plan as PlanShape;
      assert.equal(plan.resource, 'signIns');
      assert.ok(plan.filters.some((f) => f.field === 'country' && f.value === 'RU'), JSON.stringify(plan.filters));
      assert.equal(plan.window?.label, 'this week');
    });

    it('When the admin asks about DPRK sign-ins in a month, then North Korea and that month are read', async () => {
      const answer = await demo.stack.ask('any DPRK sign-ins in October?', admin);
      const plan = answer.plan as PlanShape;
      assert.ok(plan.filters.some((f) => f.field === 'country' && f.value === 'KP'), JSON.stringify(plan.filters));
      assert.equal(plan.window?.start, '2026-10-01T00:00:00.000Z');
    });

    it('When the admin asks who signs in from a platform, then the sign-ins on that operating system are read', async () => {
      const answer = await demo.stack.ask('who is logging in from linux boxes?', admin);
      assert.equal(answer.intent, 'signin.list');
      const plan = answer.plan as PlanShape;
      assert.ok(plan.filters.some((f) => f.field === 'os' && f.value === 'Linux'), JSON.stringify(plan.filters));
    });

    it('When the admin asks how to do a task for a named person, then the steps are explained, not a lookup of the person; a how-to about another product stays out of scope', async () => {
      const answer = await demo.stack.ask('how do I re-enable Lee Gu?', admin);
      assert.equal(answer.intent, 'docs.answer');
      for (const text of ['how do I create a storage bucket in GCP', 'how can we set up a transport rule in Exchange']) {
        assert.equal((await demo.stack.ask(text, admin)).intent, 'outOfScope', text);
      }
      assert.equal((await demo.stack.ask('does any policy block legacy authentication?', admin)).intent, 'policy.info');
    });

    it('When a named location is asked about by part of its name, then that location is shown with its IP ranges and whether it is trusted', async () => {
      const london = await demo.stack.ask('which IP range does the London office location have?', admin);
      assert.equal(london.intent, 'policy.info');
      assert.equal((london.plan as PlanShape).resource, 'namedLocations');
      assert.match(london.text, /London office[^\n]*198\.51\.100\.0\/24/);
      assert.doesNotMatch(london.text, /Contoso HQ network/);
      const trusted = await demo.stack.ask('is the HQ network marked as trusted?', admin);
      assert.match(trusted.text, /Contoso HQ network[^\n]*203\.0\.113\.0\/24[^\n]*yes/);
    });

    it('When a diagnosis is followed by "same thing for another person?" and "what about yesterday, same error?", then each is the same diagnosis again, and "who is her boss?" reads her manager', async () => {
      const [, other, yesterday, boss] = await demo.stack.askChain(["why can't Megan Bowen get into Outlook on her phone?", 'is it the same thing for Priya Patel?', 'what about yesterday, same error?', "who's her boss?"], admin);
      assert.equal(other.intent, 'signin.troubleshoot');
      assert.match(other.text, /Priya Patel/);
      assert.equal(other.plan ?? null, null);
      assert.equal(yesterday.intent, 'signin.troubleshoot');
      assert.equal(yesterday.plan ?? null, null);
      assert.equal(boss.intent, 'user.info');
      assert.match(boss.text, /Manager/);
    });

    it('When a surname is misspelt by two letters and the first name is right, then the one close person is taken; and the app word is linked to the app the diagnosis found', async () => {
      const answer = await demo.stack.ask("why can't joni sharmen get into outlook?", admin);
      const entities = answer.entities as Array<{ type: string; displayName?: string; resolution?: string }>;
      assert.ok(entities.some((e) => e.type === 'user' && e.displayName === 'Joni Sherman'), JSON.stringify(entities));
      const megan = await demo.stack.ask("why can't Megan Bowen get into outlook on her phone?", admin);
      const app = (megan.entities as Array<{ type: string; displayName?: string; resolution?: string }>).find((e) => e.type === 'app');
      assert.equal(app?.displayName, 'Outlook Mobile');
      assert.equal(app?.resolution, 'resolved');
    });

    it('When two risk levels are asked together, then both are listed and the third is not', async () => {
      const answer = await demo.stack.ask('show me the users at high or medium risk', admin);
      assert.equal(answer.intent, 'risk.users');
      const plan = answer.plan as PlanShape;
      assert.ok(plan.filters.some((f) => f.field === 'riskLevel' && f.op === 'in'), JSON.stringify(plan.filters));
      assert.match(answer.text, /Bob Kelly/);
      assert.match(answer.text, /Alex Wilber/);
      assert.doesNotMatch(answer.text, /\blow\b[^\n]*at risk/);
    });

    it('When the admin asks who fixed their own risk, then the users whose secure password change remediated it are listed', async () => {
      const answer = await demo.stack.ask('which people self-remediated their risk?', admin);
      assert.equal(answer.intent, 'risk.users');
      const plan = answer.plan as PlanShape;
      assert.ok(plan.filters.some((f) => f.field === 'riskDetail' && f.value === 'userPerformedSecuredPasswordChange'), JSON.stringify(plan.filters));
    });

    it('When the admin asks who reset passwords, then the password resets are listed; who CAN reset them is a role question', async () => {
      const resets = await demo.stack.ask('who has reset passwords since Monday?', admin);
      assert.equal(resets.intent, 'audit.changes');
      assert.ok((resets.plan as PlanShape).filters.some((f) => f.field === 'activity' && f.value === 'Reset user password'));
      const can = await demo.stack.ask('who is allowed to reset passwords? the helpdesk admins?', admin);
      assert.equal(can.intent, 'role.assignments');
      const ca = await demo.stack.ask('were there conditional access edits this month?', admin);
      assert.ok((ca.plan as PlanShape).filters.some((f) => f.field === 'category' && f.value === 'Policy'), JSON.stringify(ca.plan));
    });

    it('When a country is named by its people\'s word ("Russian sign-ins", "Iranian logins"), then that country is read', async () => {
      const answer = await demo.stack.ask('any Russian sign-ins this week?', admin);
      assert.equal(answer.intent, 'signin.list');
      assert.ok((answer.plan as PlanShape).filters.some((f) => f.field === 'country' && f.value === 'RU'), JSON.stringify(answer.plan));
    });

    it('When legacy authentication is asked about with no sign-in noun, then the legacy-protocol sign-ins are listed', async () => {
      const answer = await demo.stack.ask('any legacy auth since yesterday?', admin);
      assert.equal(answer.intent, 'signin.list');
      assert.ok((answer.plan as PlanShape).filters.some((f) => f.field === 'clientApp' && f.op === 'in'), JSON.stringify(answer.plan));
      assert.match(answer.text, /Johanna Lorenz/);
    });

    it('When the admin says "in the sign-in log", then the 30 days the log keeps are read; an error code\'s meaning stays an explanation', async () => {
      const answer = await demo.stack.ask('lockouts in the sign-in log?', admin);
      assert.equal((answer.plan as PlanShape).window?.label, 'last 30 days');
      const meaning = await demo.stack.ask('53003 in the sign-in logs - what does it mean?', admin);
      assert.equal(meaning.intent, 'docs.answer');
    });

    it('When two people share a name and the message says the department, city or title of one, then that one is taken', async () => {
      const upnOf = (answer: { entities: unknown }) => (answer.entities as Array<{ type: string; userPrincipalName?: string; resolution?: string }>).find((e) => e.type === 'user');
      const engineer = await demo.stack.ask('Ingrid Zhang from Engineering says Teams on her iPhone is blocked', admin);
      assert.equal(upnOf(engineer)?.userPrincipalName, 'ingrid.zhang2@contoso.com');
      const scientist = await demo.stack.ask('ingrid zhang (the data scientist) cannot sign in', admin);
      assert.equal(upnOf(scientist)?.userPrincipalName, 'ingrid.zhang@contoso.com');
      const either = await demo.stack.ask('ingrid zhang cannot sign in', admin);
      assert.equal(upnOf(either)?.resolution, 'ambiguous');
    });

    it('When a sign-in question describes the person with a group-like word ("in QA", "in sales"), then no group is looked up; "is she in sales?" shows her department', async () => {
      const diagnosis = await demo.stack.ask('why does Megan Bowen keep failing? she is in sales', admin);
      assert.equal(diagnosis.intent, 'signin.troubleshoot');
      assert.match(diagnosis.text, /53000/);
      // Sales is a department of the tenant: her account page answers it (she is in Marketing).
      const membership = await demo.stack.ask('is Megan Bowen in sales?', admin);
      assert.equal(membership.intent, "user.info", JSON.stringify(membership.entities));
      assert.match(membership.text, /Marketing Manager, Marketing/);
      assert.doesNotMatch(membership.text, /Which group do you mean/);
    });

    it('When a one-person question names two people, then each is answered in turn; a question about how two people relate stays one', async () => {
      const both = await demo.stack.ask('Megan Bowen and Priya Patel both cannot sign in - same cause?', admin);
      const parts = both.text.split('\n\n');
      assert.equal(parts.length, 2, both.text.slice(0, 300));
      assert.match(parts[0], /Sign-in diagnosis: Megan Bowen[\s\S]*53000/);
      assert.match(parts[1], /Sign-in diagnosis: Priya Patel[\s\S]*53000/);
      const relation = await demo.stack.ask("is Megan Bowen Priya Patel's manager?", admin);
      assert.equal(relation.text.split('\n\n').length, 1);
    });

    it('When the admin worries about one person\'s failed sign-in from a country, then that person is diagnosed rather than the sign-ins listed', async () => {
      const answer = await demo.stack.ask('Lidia Holloway had failed logins from Russia, should I be worried?', admin);
      assert.equal(answer.intent, 'signin.troubleshoot');
      assert.equal(answer.plan ?? null, null);
      assert.match(answer.text, /Sign-in diagnosis: Lidia Holloway/);
    });

    it('When questions use words the grammar lacked (plural codes, "dept", "account active", "nested group", "user assignment", "who has been adding", "not risky anymore", a person\'s detection), then each reaches its kind of answer', async () => {
      const cases: Array<[string, string]> = [
        ['any 53003s since yesterday?', 'signin.list'],
        ['Lee Gu: is his account still active?', 'user.info'],
        ['Megan Bowen, which dept?', 'user.info'],
        ['is Finance a nested group? what is inside?', 'group.info'],
        ['does the HR Portal app need user assignment?', 'app.info'],
        ['who has been removing people from Finance?', 'audit.changes'],
        ['why is Adele Vance no longer risky?', 'risk.user'],
        ['did Bob Kelly get a password spray detection?', 'risk.user'],
        ['Megan Bowen has had MFA problems since yesterday?', 'signin.troubleshoot'],
        ['Megan Bowen cannot get into anything since the password reset', 'signin.troubleshoot'],
      ];
      for (const [text, intent] of cases) assert.equal((await demo.stack.ask(text, admin)).intent, intent, text);
    });

    it('When the admin asks for new accounts, a method registered, the top error or the countries, then the list reads that (own words)', async () => {
      const created = await demo.stack.ask('were any accounts created in the last two months?', admin);
      const createdPlan = created.plan as PlanShape;
      assert.equal(createdPlan.resource, 'users');
      assert.ok(createdPlan.filters.some((f) => f.field === 'createdDateTime' && f.op === 'ge'), JSON.stringify(createdPlan));
      assert.match(created.text, /Nestor Wilke/);
      const byWhom = await demo.stack.ask('new accounts this month - who created them?', admin);
      assert.equal(byWhom.intent, 'audit.changes');
      const keys = await demo.stack.ask('which users have a security key registered?', admin);
      assert.ok((keys.plan as PlanShape).filters.some((f) => f.field === 'methodsRegistered' && f.value === 'fido2'), JSON.stringify(keys.plan));
      const top = await demo.stack.ask('most common error code yesterday?', admin);
      assert.deepEqual((top.plan as PlanShape & { operation: unknown }).operation, { kind: 'top', n: 1, field: 'errorCode' });
      const countries = await demo.stack.ask('list the countries sign-ins came from this week', admin);
      assert.deepEqual((countries.plan as PlanShape & { operation: unknown }).operation, { kind: 'groupBy', field: 'country' });
    });

    it('When roles are named by nickname ("our GAs", "the CA admins"), then the built-in roles are answered', async () => {
      const ga = await demo.stack.ask('who are our GAs?', admin);
      assert.equal(ga.intent, 'role.assignments');
      assert.match(ga.text, /Who holds Global Administrator/);
      const ca = await demo.stack.ask('list the CA admins', admin);
      assert.match(ca.text, /Who holds Conditional Access Administrator/);
      assert.match(ca.text, /Raul Razo/);
    });

    it('When sign-in questions have no sign-in noun ("disabled accounts still trying to log in", "how many times did Bob fail", "which apps are failing", "russia, per user"), then the sign-in log is read', async () => {
      const disabled = await demo.stack.ask('accounts that are disabled but still trying to log in this week', admin);
      assert.equal(disabled.intent, 'signin.list');
      assert.ok((disabled.plan as PlanShape).filters.some((f) => f.field === 'errorCode' && f.value === 50057), JSON.stringify(disabled.plan));
      const [yesterday, today] = await demo.stack.askChain(['how many times did Bob Kelly fail yesterday?', 'and today?'], admin);
      assert.equal((yesterday.plan as PlanShape & { operation: { kind: string } }).operation.kind, 'count');
      assert.equal((today.plan as PlanShape & { operation: { kind: string } }).operation.kind, 'count');
      assert.equal((today.plan as PlanShape).window?.label, 'today');
      const apps = await demo.stack.ask('which apps are failing for people this week?', admin);
      assert.deepEqual((apps.plan as PlanShape & { operation: unknown }).operation, { kind: 'groupBy', field: 'app' });
      const russia = await demo.stack.ask('russia, last 7 days, per user', admin);
      const plan = russia.plan as PlanShape & { operation: unknown };
      assert.ok(plan.filters.some((f) => f.field === 'country' && f.value === 'RU'), JSON.stringify(plan));
      assert.deepEqual(plan.operation, { kind: 'groupBy', field: 'userDisplayName' });
    });

    it('When the admin asks whether anyone besides a named person was locked out, then that person is left out of the list', async () => {
      const answer = await demo.stack.ask('was anybody other than Bob Kelly locked out this week?', admin);
      const plan = answer.plan as PlanShape;
      assert.ok(plan.filters.some((f) => f.field === 'errorCode' && f.value === 50053), JSON.stringify(plan.filters));
      assert.ok(plan.filters.some((f) => f.field === 'user' && f.op === 'ne'), JSON.stringify(plan.filters));
      // Bob Kelly is the demo tenant's only locked-out person.
      assert.match(answer.text, /No sign-ins match|\*\*No\*\*/);
    });

    it('When the admin asks who a policy stopped in other words ("stuck on", "how many did it stop", "by that policy"), then the sign-ins that policy failed are read', async () => {
      const [stuck, android] = await demo.stack.askChain(['who keeps getting stuck on the compliant device policy this week?', 'which android users were blocked by that policy?'], admin);
      const blockedBy = (answer: { plan?: unknown }) => (answer.plan as PlanShape).filters.find((f) => f.field === 'caPolicy');
      assert.equal(blockedBy(stuck)?.value, 'Require compliant device for Office 365: failure');
      assert.equal(blockedBy(android)?.value, 'Require compliant device for Office 365: failure');
      assert.ok((android.plan as PlanShape).filters.some((f) => f.field === 'os' && f.value === 'Android'), JSON.stringify(android.plan));
      const counted = await demo.stack.ask('how many people did the MFA for everyone policy stop yesterday?', admin);
      assert.equal(blockedBy(counted)?.value, 'Require MFA for all users: failure');
      assert.deepEqual((counted.plan as PlanShape & { operation: unknown }).operation, { kind: 'countDistinct', field: 'userDisplayName' });
    });

    it('When a list of locations is followed by "which of them is trusted?", then the list is narrowed, not a person from before', async () => {
      const [, locations, trusted] = await demo.stack.askChain(['who is Megan Bowen?', 'what named locations do we have?', 'which of them is trusted?'], admin);
      assert.equal((locations.plan as PlanShape).resource, 'namedLocations');
      const plan = trusted.plan as PlanShape;
      assert.equal(plan.resource, 'namedLocations');
      assert.ok(plan.filters.some((f) => f.field === 'isTrusted' && f.value === true));
      assert.match(trusted.text, /Contoso HQ network/);
    });

    it('When sign-ins are asked for by their users\' platform, an address prefix, an app used or "signing in", then the sign-in log is read with that condition', async () => {
      const prefix = await demo.stack.ask('anyone signing in from 192.0.2.* this week? by user', admin);
      const prefixPlan = prefix.plan as PlanShape & { operation: unknown };
      assert.ok(prefixPlan.filters.some((f) => f.field === 'ipAddress' && f.op === 'startsWith' && f.value === '192.0.2.'), JSON.stringify(prefixPlan));
      assert.deepEqual(prefixPlan.operation, { kind: 'groupBy', field: 'userDisplayName' });
      const android = await demo.stack.ask('android people getting blocked for a non-compliant device today?', admin);
      const androidPlan = android.plan as PlanShape;
      assert.ok(androidPlan.filters.some((f) => f.field === 'os' && f.value === 'Android') && androidPlan.filters.some((f) => f.field === 'errorCode' && f.value === 53000), JSON.stringify(androidPlan));
      const portal = await demo.stack.ask('who has been using the Azure portal this month?', admin);
      assert.equal((portal.plan as PlanShape).resource, 'signIns');
      assert.deepEqual((portal.plan as PlanShape & { operation: unknown }).operation, { kind: 'groupBy', field: 'userDisplayName' });
    });

    it('When a breakdown of one country is followed by "and from iran?", then the same breakdown is read for the other country and no earlier person is added', async () => {
      const [, russia, iran] = await demo.stack.askChain(['who is Megan Bowen?', 'russia since monday - who?', 'and from iran?'], admin);
      assert.deepEqual((russia.plan as PlanShape & { operation: unknown }).operation, { kind: 'groupBy', field: 'userDisplayName' });
      const plan = iran.plan as PlanShape & { operation: unknown };
      assert.deepEqual(plan.filters.map((f) => [f.field, f.value]), [['country', 'IR']]);
      assert.deepEqual(plan.operation, { kind: 'groupBy', field: 'userDisplayName' });
    });

    it('When a help-desk post retells a sign-in screen ("teams keeps nagging her for extra verification", "asks him to set up security info"), then it is a sign-in problem and the Microsoft app links to the tenant\'s app', async () => {
      const nagged = await demo.stack.ask('Priya Patel: teams keeps nagging her for extra verification', admin);
      assert.equal(nagged.intent, 'signin.troubleshoot');
      const app = (nagged.entities as Array<{ type: string; displayName?: string; resolution?: string }>).find((e) => e.type === 'app');
      assert.equal(app?.displayName, 'Microsoft Teams');
      assert.equal(app?.resolution, 'resolved');
      const setUp = await demo.stack.ask('sharepoint asks Megan Bowen to set up security info every time', admin);
      assert.equal(setUp.intent, 'signin.troubleshoot');
      assert.ok((setUp.entities as Array<{ type: string; displayName?: string }>).some((e) => e.type === 'app' && e.displayName === 'Office 365 SharePoint Online'), JSON.stringify(setUp.entities));
    });

    it('When a policy is named by what it blocks ("the legacy auth block", "the country block"), then that policy\'s refusals are read, and a condition ruled out ("rather than a bad password") is not added', async () => {
      const [legacy, country] = await demo.stack.askChain(['who ran into the legacy auth block this week?', 'which of those were stopped by the country block rather than a wrong password?'], admin);
      const policyOf = (answer: { plan?: unknown }) => (answer.plan as PlanShape).filters.find((f) => f.field === 'caPolicy')?.value;
      assert.equal(policyOf(legacy), 'Block legacy authentication: failure');
      assert.equal(policyOf(country), 'Block sign-ins from blocked countries: failure');
      assert.ok(!(country.plan as PlanShape).filters.some((f) => f.field === 'errorCode'), JSON.stringify(country.plan));
      // "the membership rule" names no policy: a group question stays one.
      const rule = await demo.stack.ask("what's the membership rule on All Guests?", admin);
      assert.equal(rule.intent, 'group.info');
    });

    it('When a group is named by the start of its name and "group" ("the hr portal group"), or in lower case with a plural ("all managers"), then that group links', async () => {
      const portal = await demo.stack.ask('is Megan Bowen in the hr portal group?', admin);
      assert.ok((portal.entities as Array<{ type: string; displayName?: string }>).some((e) => e.type === 'group' && e.displayName === 'HR Portal Users'), JSON.stringify(portal.entities));
      const managers = await demo.stack.ask('who is in all managers?', admin);
      assert.ok((managers.entities as Array<{ type: string; displayName?: string }>).some((e) => e.type === 'group' && e.displayName === 'All Managers'), JSON.stringify(managers.entities));
    });

    it('When a question ends with a short condition after its question mark ("? people only"), then it stays one question', async () => {
      const answer = await demo.stack.ask('how many different people signed in from Germany this month? people only', admin);
      assert.equal(answer.text.split('\n\n').length, 1, answer.text.slice(0, 300));
      assert.deepEqual((answer.plan as PlanShape & { operation: unknown }).operation, { kind: 'countDistinct', field: 'userDisplayName' });
    });

    it('When what one policy stopped is followed by "and the guest one?", then the same count is read for the policy of that name', async () => {
      const [, guests] = await demo.stack.askChain(['how many people did the MFA for all users policy block this week?', 'and the guest one?'], admin);
      const plan = guests.plan as PlanShape & { operation: unknown };
      assert.equal(plan.filters.find((f) => f.field === 'caPolicy')?.value, 'Require MFA for guests: failure');
      assert.deepEqual(plan.operation, { kind: 'countDistinct', field: 'userDisplayName' });
    });

    it('When the admin asks for cloud-only members "(not synced from AD)", then the members not synced are counted, not the synced ones', async () => {
      const answer = await demo.stack.ask('count the internal members who are not synced from on-prem AD', admin);
      const plan = answer.plan as PlanShape;
      assert.ok(plan.filters.some((f) => f.field === 'onPremisesSyncEnabled' && f.op === 'ne' && f.value === true), JSON.stringify(plan.filters));
      assert.ok(plan.filters.some((f) => f.field === 'userType' && f.value === 'Member'), JSON.stringify(plan.filters));
    });

    it('When the admin asks how many people were blocked for a missing MFA registration, or how many disabled accounts tried, then people are counted in the sign-in log', async () => {
      const mfa = await demo.stack.ask('how many different people got blocked because of a missing MFA registration this week?', admin);
      const plan = mfa.plan as PlanShape & { operation: unknown };
      assert.equal(plan.resource, 'signIns');
      assert.ok(plan.filters.some((f) => f.field === 'errorCode' && f.value === 50079), JSON.stringify(plan.filters));
      assert.deepEqual(plan.operation, { kind: 'countDistinct', field: 'userDisplayName' });
      const disabled = await demo.stack.ask('number of disabled accounts that tried signing in this week', admin);
      assert.deepEqual((disabled.plan as PlanShape & { operation: unknown }).operation, { kind: 'countDistinct', field: 'userDisplayName' });
    });

    it('When the admin asks what a correlation or request id "means", then the sign-in it names is looked up, not explained as a concept', async () => {
      const answer = await demo.stack.ask('what does correlation id c3a9e6f1-5b7d-4e2a-9f18-6d4b2c7a1e05 mean?', admin);
      assert.equal(answer.intent, 'signin.troubleshoot');
      assert.match(answer.text, /Joni Sherman/);
      const code = await demo.stack.ask('what does 50126 mean?', admin);
      assert.equal(code.intent, 'docs.answer');
    });
  });
});

import { strict as assert } from 'node:assert';
import { DEMO_ADMIN } from '@entra-assistant/local-entra';
import { demoStackFor } from '../support/demoStack';

/**
 * Corrections ("no, I meant Adele"), what a person tripped, yes-or-no membership, a person's apps and their expiring
 * credentials, membership additions counted from the audit log, questions about a diagnosis just given, the rows of
 * a list asked of again ("which guest failed the most?", "any of those risky?" after a group's members, "the top
 * one" after a list ordered newest first), and "that secret" / "the same person" (issue #13). Whole stack on
 * Contoso, in our own words.
 */
describe('Corrections, rows asked of again, and the things of the last answer (issue #13)', function () {
  this.timeout(120_000);
  const demo = demoStackFor([DEMO_ADMIN]);
  const admin = DEMO_ADMIN.userPrincipalName;

  it('When the admin corrects the person ("no, I meant Adele", "no wait, Alex Wilber, not Adele"), then the last question is asked of the person meant', async () => {
    const [megan, adele, alex] = await demo.stack.askChain(['is megan bowen at risk', 'no, I meant Adele', 'no wait, Alex Wilber, not Adele'], admin);
    assert.equal(megan.intent, 'risk.user');
    for (const [answer, name] of [[adele, 'Adele Vance'], [alex, 'Alex Wilber']] as const) {
      assert.equal(answer.intent, 'risk.user');
      assert.match(answer.text, new RegExp(`^${name}\\n`));
    }
  });

  it('When asked what the bot can actually do, or how to use it, then the help answers', async () => {
    for (const question of ['btw what can you actually do?', 'how do I use this bot']) {
      const answer = await demo.stack.ask(question, admin);
      assert.equal(answer.intent, 'help', question);
    }
  });

  it('When asked what a person tripped, or why they are high after a list of one, then that person\'s risk answers', async () => {
    const alan = await demo.stack.ask('what did Bob Kelly trip?', admin);
    assert.equal(alan.intent, 'risk.user');
    assert.match(alan.text, /^Bob Kelly\n/);
    const [, high, why] = await demo.stack.askChain(['show me users currently at risk', 'only high risk', 'why is he high?'], admin);
    assert.match(high.text, /Bob Kelly/);
    assert.equal(why.intent, 'risk.user');
    assert.match(why.text, /^Bob Kelly\n/);
  });

  it('When asked "<person> in <group> - yes or no?" or "is that user a member of <group>?", then the membership answers', async () => {
    const answer = await demo.stack.ask('isaiah langer in the IT Staff group - yes or no?', admin);
    assert.equal(answer.intent, 'user.groups');
    assert.match(answer.text, /Yes: Isaiah Langer is a direct member of IT Staff\./);
    const nested = await demo.stack.ask('johanna lorenz - member of VPN Users? (nested counts)', admin);
    assert.equal(nested.intent, 'user.groups');
    assert.match(nested.text, /No: Johanna Lorenz is not in VPN Users, directly or through a nested group\./);
    const through = await demo.stack.ask('is isaiah langer a member of VPN Users?', admin);
    assert.match(through.text, /Yes: Isaiah Langer is in VPN Users through a nested group \(IT Staff\)\./);
    const [, member] = await demo.stack.askChain(['who is alex wilber', 'is that user a member of the VPN Users group?'], admin);
    assert.equal(member.intent, 'user.groups');
    assert.match(member.text, /Alex Wilber/);
  });

  it('When asked for a person\'s apps, then the registrations they own; with "expiring", only their credentials expiring', async () => {
    const apps = await demo.stack.ask("miriam's app registrations?", admin);
    assert.equal(apps.intent, 'app.info');
    assert.match(apps.text, /^App registrations · owned by Miriam Graham\n/);
    const expiring = await demo.stack.ask('Of the apps Miriam Graham owns, which have a credential expiring in the next 30 days?', admin);
    assert.equal(expiring.intent, 'app.info');
    assert.match(expiring.text, /among the \d+ app registrations Miriam Graham owns/);
    assert.match(expiring.text, /Contoso Intranet/);
    assert.doesNotMatch(expiring.text, /Sales Dashboard/, 'an app she does not own is left out');
  });

  it('When asked how many people were added to groups today, then the membership additions of the audit log are counted', async () => {
    const answer = await demo.stack.ask('how many people were added to groups today?', admin);
    assert.equal(answer.intent, 'audit.changes');
    assert.match(answer.text, /^Audit events · activity Add member to group · today · count\n/);
  });

  it('When a diagnosis is followed by "device problem or policy problem?" or "did the same thing happen yesterday?", then the diagnosis answers again', async () => {
    const [, kind, yesterday] = await demo.stack.askChain(["why can't megan sign in", 'is that a device problem or a policy problem?', 'did the same thing happen yesterday?'], admin);
    for (const answer of [kind, yesterday]) {
      assert.equal(answer.intent, 'signin.troubleshoot');
      assert.match(answer.text, /^Sign-in diagnosis: Megan Bowen\n/);
    }
  });

  it('When a count of guest failures is followed by "which guest failed the most?" or "top guest?", then the guests are ranked', async () => {
    for (const follow of ['which guest failed the most?', 'top guest?']) {
      const [, top] = await demo.stack.askChain(['how many guest sign-ins failed this week?', follow], admin);
      assert.equal(top.intent, 'signin.list', follow);
      assert.match(top.text, /top 1 by user/, follow);
    }
    const [, users] = await demo.stack.askChain(['sign-ins with error 50126 this week', 'which user(s)?'], admin);
    assert.equal(users.intent, 'signin.list');
  });

  it('When a group\'s members are followed by "any of those risky?" and "which of them are admins?", then the answers say they are that group\'s members', async () => {
    const [, risky, admins] = await demo.stack.askChain(['who is in Payroll App Users?', 'any of those risky?', 'which of them are admins?'], admin);
    assert.equal(risky.intent, 'risk.users');
    assert.match(risky.text, /members of Payroll App Users/);
    assert.equal(admins.intent, 'role.assignments');
    assert.match(admins.text, /members of Payroll App Users/);
  });

  it('When the risky users are listed newest first, then the first row is the most recently updated and "the top one" is that person', async () => {
    const [list, top] = await demo.stack.askChain(['list users at risk, newest first', "what's the top one's risk level?"], admin);
    assert.match(list.text, /^Users at risk · newest first\n/);
    assert.ok(list.text.indexOf('Alex Wilber') < list.text.indexOf('Bob Kelly'), 'Alex (updated 11-19) before Bob (11-18)');
    assert.match(top.text, /^Alex Wilber\n/);
  });

  it('When an app diagnosis is followed by "when did that secret expire?", "who owns it" and "does the same person own other apps?", then each answers about that app and its owner', async () => {
    const [, secret, , others] = await demo.stack.askChain(['why is the Inventory Sync job failing?', 'when did that secret expire?', 'who owns it', 'does the same person own other apps?'], admin);
    assert.equal(secret.intent, 'app.info');
    assert.match(secret.text, /^Inventory Sync\n/);
    assert.match(secret.text, /expired 2026-11-12/);
    assert.equal(others.intent, 'app.info');
    assert.match(others.text, /^App registrations · owned by Raul Razo\n/);
  });

  it('When the top failing service principals are followed by "whats wrong with it" and "owner please", then the top one is diagnosed and its owner shown', async () => {
    const [top, wrong, owner] = await demo.stack.askChain(['top failing service principal sign-ins?', 'whats wrong with it', 'owner please'], admin);
    assert.match(top.text, /top 5 by app/);
    assert.equal(wrong.intent, 'signin.troubleshoot');
    assert.match(wrong.text, /^Sign-in diagnosis: Inventory Sync\n/);
    assert.equal(owner.intent, 'app.info');
    assert.match(owner.text, /^Inventory Sync\n/);
  });

  it('When a named group\'s dynamic rule is asked, then that group answers, and "member count?" is still that group', async () => {
    const [rule, count] = await demo.stack.askChain(['show me the dynamic rule of the Research Department group', 'member count?'], admin);
    for (const answer of [rule, count]) {
      assert.equal(answer.intent, 'group.info');
      assert.match(answer.text, /^Research Department\n/);
      assert.match(answer.text, /Direct members: \d+/);
    }
  });

  it('When expiring credentials are followed by "the soonest one, when exactly?", then the app listed first answers', async () => {
    const [list, soonest] = await demo.stack.askChain(['any app credentials running out this month?', 'the soonest one, when exactly?'], admin);
    assert.match(list.text, /Sales Dashboard/);
    assert.equal(soonest.intent, 'app.info');
    assert.match(soonest.text, /^Sales Dashboard\n/);
  });

  it('When a person\'s page is followed by "does the manager have MFA?", then the manager\'s page answers, and "she" next is the manager', async () => {
    const [megan, manager, she] = await demo.stack.askChain(['boss of Megan Bowen?', 'does the manager have MFA?', 'when did she last sign in?'], admin);
    assert.match(megan.text, /^Megan Bowen\n/);
    assert.match(megan.text, /Manager: Sofia Williams/);
    assert.equal(manager.intent, 'user.info');
    assert.match(manager.text, /^Sofia Williams\n/);
    assert.match(she.text, /Sofia Williams/);
    const own = await demo.stack.ask("who is Megan Bowen's manager?", admin);
    assert.match(own.text, /^Megan Bowen\n/, 'asking who the manager is stays on the person, whose page names the manager');
  });

  it('When asked which policy uses a named location, or "which policy uses it?" after one, then the policies that use it are listed', async () => {
    const named = await demo.stack.ask('which policy uses the Blocked countries location?', admin);
    assert.equal(named.intent, 'policy.info');
    assert.match(named.text, /^Conditional Access policies · uses Blocked countries\n/);
    assert.match(named.text, /Block sign-ins from blocked countries/);
    assert.doesNotMatch(named.text, /Require compliant device/);
    const [, it] = await demo.stack.askChain(['which countries are in the Blocked countries location', 'which policy uses it?'], admin);
    assert.match(it.text, /^Conditional Access policies · uses Blocked countries\n/);
  });

  it('When expiring credentials are followed by "which one expires first?", then the app listed first answers', async () => {
    const [, first] = await demo.stack.askChain(['Which app secrets or certificates run out before December?', 'which one expires first?'], admin);
    assert.equal(first.intent, 'app.info');
    assert.match(first.text, /^Sales Dashboard\n/);
  });
});

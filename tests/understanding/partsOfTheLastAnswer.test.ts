import { strict as assert } from 'node:assert';
import { DEMO_ADMIN } from '@entra-assistant/local-entra';
import { demoStackFor } from '../support/demoStack';

/**
 * Follow-ups that ask about a part of the answer just given (issue #13): the date or the object of the changes
 * shown, who made the change behind a list of accounts, how the newest risk on a list was cleared, and which
 * credential a risky app used and who added it. Whole stack on Contoso, in our own words.
 */
describe('Parts of the last answer (issue #13)', function () {
  this.timeout(120_000);
  const demo = demoStackFor([DEMO_ADMIN]);
  const admin = DEMO_ADMIN.userPrincipalName;

  it('When "what date?" or "which guest was it?" follows a list of changes, then the same changes answer (they carry both)', async () => {
    const [, date] = await demo.stack.askChain(['did anybody send out guest invites this month?', 'on what date?'], admin);
    assert.equal(date.intent, 'audit.changes');
    assert.match(date.text, /Invite external user/);
    const [, guest] = await demo.stack.askChain(['did anybody send out guest invites this month?', 'which guest was it?'], admin);
    assert.equal(guest.intent, 'audit.changes');
    assert.match(guest.text, /Invite external user/);
  });

  it('When "who disabled the newest one of them?" follows a count of disabled accounts, then the audit log says who disabled an account last', async () => {
    const [count, who] = await demo.stack.askChain(['number of disabled accounts?', 'who disabled the newest of those accounts?'], admin);
    assert.equal(count.intent, 'user.info');
    assert.equal(who.intent, 'audit.changes');
    assert.match(who.text, /Disable account/);
    assert.match(who.text, /Pradeep Gupta/);
    assert.match(who.text, /Lee Gu/);
  });

  it('When "how was the latest one cleared?" follows the users remediated this month, then the newest row\'s risk history answers', async () => {
    const [list, how] = await demo.stack.askChain(['risky users remediated in november?', 'how was the latest one cleared?'], admin);
    assert.equal(list.intent, 'risk.users');
    assert.equal(how.intent, 'risk.user');
    assert.match(how.text, /Adrian Tanaka/);
    assert.match(how.text, /remediated/);
  });

  it('When asked which key a risky app used, then its risk story answers; when asked who added that key, then the audit log does', async () => {
    const [, key, added] = await demo.stack.askChain(['any workload identities at risk?', 'which credential did it use?', 'and when was that key added, by whom?'], admin);
    assert.equal(key.intent, 'risk.workload');
    assert.match(key.text, /Payroll Connector/);
    assert.equal(added.intent, 'audit.changes');
    assert.match(added.text, /credential change/);
    assert.match(added.text, /Miriam Graham/);
  });

  it('When "when did they last get in OK?" follows a diagnosis, then the person\'s last successful and last background sign-ins answer, and "who manages them?" after it is their account', async () => {
    const [, last, manager] = await demo.stack.askChain(["why can't megan bowen sign in?", 'when did she last get in ok?', 'back to megan, who manages her?'], admin);
    assert.equal(last.intent, 'signin.list');
    assert.match(last.text, /Megan Bowen/);
    assert.match(last.text, /Last successful sign-in/);
    assert.match(last.text, /Last non-interactive sign-in/);
    assert.equal(manager.intent, 'user.info');
    assert.match(manager.text, /^Megan Bowen\n/);
  });

  it('When asked whether anyone got into an app this week, then that app\'s sign-ins answer', async () => {
    const answer = await demo.stack.ask('did anybody sign into the Azure Portal this week?', admin);
    assert.equal(answer.intent, 'signin.list');
    assert.match(answer.text, /Azure Portal/);
  });

  it('When "X too? she got a new iPhone" or "draft a reply for the ticket" follows a diagnosis, then the other person is diagnosed, and the reply is the diagnosis (which says what to tell them)', async () => {
    const [, other, reply] = await demo.stack.askChain(["megan bowen's outlook on her new android says she can't sign in", 'priya patel too? new iphone', 'can you draft a reply to the user for the ticket?'], admin);
    assert.equal(other.intent, 'signin.troubleshoot');
    assert.match(other.text, /^Sign-in diagnosis: Priya Patel/);
    assert.equal(reply.intent, 'signin.troubleshoot');
    assert.match(reply.text, /Priya Patel/);
  });

  it('When "which admin closed it?" follows an app\'s risk, or "why is that one high?" follows one risky user, then their risk history answers', async () => {
    const [, closed] = await demo.stack.askChain(['what happened with the marketing automation app risk', 'which admin closed it'], admin);
    assert.equal(closed.intent, 'risk.workload');
    assert.match(closed.text, /dismissed by Sam Secadmin/);
    const [, , high] = await demo.stack.askChain(['open risky users?', 'just the high ones', 'why is that one high?'], admin);
    assert.equal(high.intent, 'risk.user');
    assert.match(high.text, /Bob Kelly/);
  });

  it('When "for who?" follows a count of sign-ins, then the same sign-ins are counted by person', async () => {
    const [, who] = await demo.stack.askChain(['how many smart lockout errors this month', 'for who?'], admin);
    assert.equal(who.intent, 'signin.list');
    assert.match(who.text, /by user/);
  });

  it('When "is someone spraying X\'s password?" is asked, then X is diagnosed; when "what dept is he in?" follows their sign-ins by country, or "business phone?" follows their page, then the person\'s account answers', async () => {
    const [spray, , dept] = await demo.stack.askChain(["is someone spraying bob kelly's password?", 'where are those attempts from, by country?', 'what dept is he in'], admin);
    assert.equal(spray.intent, 'signin.troubleshoot');
    assert.equal(dept.intent, 'user.info');
    assert.match(dept.text, /^Bob Kelly\n/);
    const [, phone] = await demo.stack.askChain(['who is megan bowen', 'business phone?'], admin);
    assert.equal(phone.intent, 'user.info');
    assert.match(phone.text, /^Megan Bowen\n/);
  });

  it('When "why was it turned off?" follows the one disabled policy, then the changes to that policy answer', async () => {
    const [, why] = await demo.stack.askChain(['are any CA policies switched off?', 'why was it turned off'], admin);
    assert.equal(why.intent, 'audit.changes');
    assert.match(why.text, /Block Azure management from untrusted locations/);
    assert.match(why.text, /Raul Razo/);
  });

  it('When "who brought him in as a guest?", "who took the owner off?" or "CA policy modifications in november?" are asked, then the audit log answers', async () => {
    const [, invited] = await demo.stack.askChain(['nestor wilke from fabrikam cannot open our teams site', 'who brought him in as a guest?'], admin);
    assert.equal(invited.intent, 'audit.changes');
    assert.match(invited.text, /Invite external user/);
    const [, owner] = await demo.stack.askChain(['groups with no owner?', 'who took the owner off?'], admin);
    assert.equal(owner.intent, 'audit.changes');
    assert.match(owner.text, /Remove owner from group/);
    const policies = await demo.stack.ask('conditional access policy modifications in november?', admin);
    assert.equal(policies.intent, 'audit.changes');
    assert.match(policies.text, /Conditional Access policies · in November 2026/);
  });

  it('When "what\'s the runner up?" follows who failed most, then the person ranked second is diagnosed', async () => {
    const [top, second] = await demo.stack.askChain(['who had the most failed sign-ins this week', "what's the runner up"], admin);
    const ranked = [...top.text.matchAll(/^\| ([^|]+?) \| \d+ \|$/gm)].map((m) => m[1]);
    assert.ok(ranked.length >= 2, top.text);
    assert.equal(second.intent, 'signin.troubleshoot');
    assert.match(second.text, new RegExp(`^Sign-in diagnosis: ${ranked[1]}`));
  });

  it('When asked "last time X logged on?", then the account\'s own record of its last sign-ins answers, as for "when did X last sign in?"', async () => {
    for (const question of ['last time joni sherman logged on?', 'when did joni sherman last sign in?']) {
      const answer = await demo.stack.ask(question, admin);
      assert.equal(answer.intent, 'user.info', question);
      assert.match(answer.text, /^Users · Joni Sherman\n/, question);
      assert.match(answer.text, /Last successful sign-in/, question);
    }
  });
});

import { strict as assert } from 'node:assert';
import { DEMO_ADMIN, DEMO_SECURITY_ADMIN } from '@entra-assistant/local-entra';
import { demoStackFor } from '../support/demoStack';

/**
 * Policies described rather than named, the thread of a policy's page, requests for other services' work, and a few
 * question shapes (issue #13). Whole stack on Contoso, in our own words.
 */
describe('Policies described in words, and requests near the scope (issue #13)', function () {
  this.timeout(120_000);
  const demo = demoStackFor([DEMO_ADMIN, DEMO_SECURITY_ADMIN]);
  const admin = DEMO_ADMIN.userPrincipalName;
  const secadmin = DEMO_SECURITY_ADMIN.userPrincipalName;

  it('When a policy is described by words of its name ("the legacy auth one", "the one for guests", "risky sign-in policy:"), then that policy\'s page answers', async () => {
    const cases: Array<[string, string]> = [
      ['the legacy auth one — which client apps does it cover?', 'Block legacy authentication'],
      ['risky sign-in policy: what levels trigger it?', 'Require MFA for risky sign-ins'],
      ['what does the password change one require?', 'Require password change for high-risk users'],
      ['what does the one for guests require?', 'Require MFA for guests'],
    ];
    for (const [text, policy] of cases) {
      const answer = await demo.stack.ask(text, admin);
      assert.equal(answer.intent, 'policy.info', text);
      assert.match(answer.text, new RegExp(`^${policy}$`, 'm'), `${text}\n${answer.text}`);
      assert.match(answer.text, /Conditional Access policy —/, text);
    }
  });

  it('When "the high one" or a named location\'s whole name is said with "one", then no policy is made of it', async () => {
    // After the risky users, "the high one" is the row shown as high, not a policy for high-risk users.
    const [, high] = await demo.stack.askChain(['who is at risk?', 'the high one - who is it?'], admin);
    assert.equal(high.intent, 'risk.user');
    assert.match(high.text, /^Bob Kelly$/m, high.text);
    assert.doesNotMatch(high.text, /Conditional Access policy —/);
    // "the blocked countries one" is the named location Blocked countries: the policies that use it.
    const location = await demo.stack.ask('which policies use the blocked countries one?', admin);
    assert.equal(location.intent, 'policy.info');
    assert.match(location.text, /Block sign-ins from blocked countries/);
    assert.ok(
      (location.entities as Array<{ type: string; displayName?: string }>).some((e) => e.type === 'namedLocation' && e.displayName === 'Blocked countries'),
      JSON.stringify(location.entities),
    );
  });

  it('When a policy\'s page was shown and "and high risk users?", "when was it last changed?" or "who hit it this week?" follows, then the other policy, its page, or its sign-ins answer', async () => {
    const [, other] = await demo.stack.askChain(['is Require MFA for administrators enabled', 'and high risk users?'], admin);
    assert.equal(other.intent, 'policy.info');
    assert.match(other.text, /^Require password change for high-risk users$/m, other.text);

    const [, changed, hit] = await demo.stack.askChain(['tell me about the blocked countries policy', 'when was it last changed?', 'who hit it this week?'], admin);
    assert.equal(changed.intent, 'policy.info');
    assert.match(changed.text, /^Block sign-ins from blocked countries$/m);
    assert.match(changed.text, /Last modified: 2026-08-17/);
    assert.equal(changed.plan, undefined, JSON.stringify(changed.plan));
    assert.equal(hit.intent, 'signin.list');
    assert.match(hit.text, /blocked by "Block sign-ins from blocked countries" · this week/);
    assert.match(hit.text, /Lidia Holloway/);

    // After what a policy stopped, "and the guest one?" is the same question about that policy.
    const [, guests] = await demo.stack.askChain(['how many people did the MFA-for-everyone policy stop this week?', 'and the guest one?'], admin);
    assert.equal(guests.intent, 'signin.list');
    assert.match(guests.text, /blocked by "Require MFA for guests"/);
  });

  it('When the sign-in frequency in a named policy is asked, then the policy answers, not the sign-ins', async () => {
    const answer = await demo.stack.ask("what's the sign in frequency set to in the unmanaged devices policy?", admin);
    assert.equal(answer.intent, 'policy.info');
    assert.match(answer.text, /^Sign-in frequency for unmanaged devices$/m);
  });

  it('When policies changed in a month are asked without "CA", then the audit log\'s policy changes answer', async () => {
    const answer = await demo.stack.ask('policies modified in November?', admin);
    assert.equal(answer.intent, 'audit.changes');
    assert.match(answer.text, /Conditional Access policies · in November 2026/);
    assert.match(answer.text, /Require MFA for all users/);
    assert.doesNotMatch(answer.text, /Add member to group/);
  });

  it('When another service\'s work is asked (call quality, mail filtering, a licence, BitLocker, fixing a device), then it is out of scope, and a person named is kept for the next question', async () => {
    for (const text of ['teams meeting audio is choppy for the sales team', 'block this phishing email sender in Defender', 'can you assign an E3 licence to Isabel Lee', "Wei Martin's laptop is not compliant in Intune, can you fix the device?"]) {
      const answer = await demo.stack.ask(text, admin);
      assert.equal(answer.intent, 'outOfScope', `${text}\n${answer.text}`);
    }
    const [declined, locked] = await demo.stack.askChain(["can you unlock Bob's bitlocker on his laptop?", 'ok, then why is his account locked'], admin);
    assert.equal(declined.intent, 'outOfScope');
    assert.equal(locked.intent, 'signin.troubleshoot');
    assert.match(locked.text, /Sign-in diagnosis: Bob Kelly/);
    // Licences a person has are still a question about their account, not a request.
    const held = await demo.stack.ask('which licences does megan bowen have', admin);
    assert.notEqual(held.intent, 'outOfScope');
  });

  it('When examples or "a list of things I can ask" are asked for, then help answers', async () => {
    for (const text of ['can you show me some examples', 'give me a list of things I can ask']) {
      const answer = await demo.stack.ask(text, admin);
      assert.equal(answer.intent, 'help', text);
    }
    // Examples of something in the tenant are that thing.
    const failures = await demo.stack.ask('show me some examples of failed sign-ins today', admin);
    assert.equal(failures.intent, 'signin.list');
  });

  it('When a cause is guessed for a person\'s failures, or what an error means for them is asked, then the person is diagnosed', async () => {
    const typo = await demo.stack.ask("Lee Gu's failed sign-ins — is it just a typo in his password?", admin);
    assert.equal(typo.intent, 'signin.troubleshoot');
    assert.match(typo.text, /Sign-in diagnosis: Lee Gu/);
    const meaning = await demo.stack.ask('Megan Bowen got AADSTS53000 on her phone this morning. what does that mean for her?', admin);
    assert.equal(meaning.intent, 'signin.troubleshoot');
    assert.match(meaning.text, /Sign-in diagnosis: Megan Bowen/);
    // The code alone is still explained.
    const code = await demo.stack.ask('what does AADSTS53000 mean?', admin);
    assert.equal(code.intent, 'docs.answer');
  });

  it('When a correlation id comes with "who is it and what\'s wrong", then that sign-in is diagnosed, not the error code listed by person', async () => {
    const answer = await demo.stack.ask("user sent me this: AADSTS50105 ... correlation id c3a9e6f1-5b7d-4e2a-9f18-6d4b2c7a1e05 — who is it and what's wrong", admin);
    assert.equal(answer.intent, 'signin.troubleshoot');
    assert.equal(answer.plan, undefined, JSON.stringify(answer.plan));
    assert.match(answer.text, /Sign-in diagnosis/);
  });

  it('When how to do a task is asked with nobody named, then the how-to answers; "mark X safe" is a request', async () => {
    const howTo = await demo.stack.ask('How can I rotate an expired client secret for an app registration?', admin);
    assert.equal(howTo.intent, 'docs.answer');
    const safe = await demo.stack.ask('mark Alex Wilber safe, the leaked creds were an old password', secadmin);
    assert.equal(safe.intent, 'risk.remediate');
    assert.match(safe.text, /Alex Wilber/);
  });

  it('When a person\'s role is asked after their changes were shown, then their roles answer', async () => {
    const [, role] = await demo.stack.askChain(["who reset Joni Sherman's password?", "and what's Christie's role?"], admin);
    assert.equal(role.intent, 'role.assignments');
    assert.match(role.text, /Helpdesk Administrator/);
  });

  it('When Identity Protection\'s flagged users are counted, then the risky users answer', async () => {
    const answer = await demo.stack.ask('how many users did Identity Protection flag', admin);
    assert.equal(answer.intent, 'risk.users');
    assert.doesNotMatch(answer.text, /250 users/);
  });

  it('When "since when?" follows a diagnosis or a person\'s risk, then that answer comes again, with its start', async () => {
    const [, diagnosis] = await demo.stack.askChain(['why is the Inventory Sync job failing?', 'since when?'], admin);
    assert.equal(diagnosis.intent, 'signin.troubleshoot');
    assert.match(diagnosis.text, /Inventory Sync/);
    assert.match(diagnosis.text, /Since 20\d\d-/);
    const [, risk] = await demo.stack.askChain(['is Alex Wilber risky?', 'since when'], admin);
    assert.equal(risk.intent, 'risk.user');
    assert.match(risk.text, /Alex Wilber is at risk: user risk medium since 2026-11-19/);
  });

  it('When a concept is to be explained ("explain smart lockout pls"), then it is explained, not anyone diagnosed', async () => {
    const answer = await demo.stack.ask('explain smart lockout pls', admin);
    assert.equal(answer.intent, 'docs.answer');
    assert.match(answer.text, /^Smart lockout$/m);
  });

  it('When "and any admin roles?" follows a person\'s groups, then that person\'s roles answer', async () => {
    const [, roles] = await demo.stack.askChain(['what groups is Isaiah Langer in?', 'and any admin roles?'], admin);
    assert.equal(roles.intent, 'role.assignments');
    assert.match(roles.text, /Isaiah Langer/);
  });

  it('When a person "says he\'s blocked", or "what\'s the error" is asked of a person\'s trouble, then the person is diagnosed', async () => {
    const blocked = await demo.stack.ask("a colleague, Lee Gu from operations, says he's blocked", admin);
    assert.equal(blocked.intent, 'signin.troubleshoot');
    assert.match(blocked.text, /Sign-in diagnosis: Lee Gu/);
    const error = await demo.stack.ask("Megan Bowen can't get into Outlook on her phone, what's the error", admin);
    assert.equal(error.intent, 'signin.troubleshoot');
    assert.match(error.text, /53000/);
  });

  it('When a person\'s creation date is asked without "who", then the account page answers with it; with "by whom", the audit log', async () => {
    const when = await demo.stack.ask('when was Megan Bowen created', admin);
    assert.equal(when.intent, 'user.info');
    assert.match(when.text, /Created: 2022-07-04/);
    const byWhom = await demo.stack.ask('when was Megan Bowen created and by whom', admin);
    assert.equal(byWhom.intent, 'audit.changes');
  });

  it('When a person\'s job, office or address, or whether they are still active, is asked, then their account answers', async () => {
    const job = await demo.stack.ask("lee gu - what's his job and office", admin);
    assert.equal(job.intent, 'user.info');
    assert.match(job.text, /Logistics Coordinator/);
    const active = await demo.stack.ask('is Lee Gu still active? he moved teams I think', admin);
    assert.equal(active.intent, 'user.info');
    assert.match(active.text, /Account: Disabled/);
    const [, does] = await demo.stack.askChain(['who is Megan Bowen?', 'and what does she do?'], admin);
    assert.equal(does.intent, 'user.info');
    assert.match(does.text, /Marketing Manager/);
  });

  it('When what happened to a group\'s owner is asked, then the audit log answers, not a diagnosis', async () => {
    const answer = await demo.stack.ask('Project Falcon - what happened to its owner?', admin);
    assert.equal(answer.intent, 'audit.changes');
    assert.match(answer.text, /Remove owner from group/);
  });

  it('When a person "needs help signing in" or "what\'s going wrong" is asked of them, then they are diagnosed', async () => {
    for (const text of ['Megan Bowen needs help signing in on her phone', 'Lee Gu from operations - what is going wrong this morning']) {
      const answer = await demo.stack.ask(text, admin);
      assert.equal(answer.intent, 'signin.troubleshoot', text);
      assert.match(answer.text, /Sign-in diagnosis/, text);
    }
  });

  it('When the named locations are asked for, then they answer', async () => {
    const answer = await demo.stack.ask('what named locations are defined?', admin);
    assert.equal(answer.intent, 'policy.info');
    assert.match(answer.text, /Blocked countries/);
  });

  it('When what may be asked, whether the bot acts or only reports, or another language is asked, then help answers', async () => {
    for (const text of ['what can I ask about sign-ins?', 'hello! can you take actions on risky users or only report?', 'can I ask in German?']) {
      const answer = await demo.stack.ask(text, admin);
      assert.equal(answer.intent, 'help', text);
    }
  });

  it('When failed MFA is counted across people, then the sign-in log answers', async () => {
    const answer = await demo.stack.ask('how many distinct users failed MFA this month?', admin);
    assert.equal(answer.intent, 'signin.list');
    assert.match(answer.text, /Sign-ins · failed · MFA required · this month · distinct user/);
  });

  it('When people\'s risk is the subject and another person\'s story is asked, then that person\'s risk answers', async () => {
    const [, story] = await demo.stack.askChain(['who is at risk?', "what's Alex Wilber's story?"], admin);
    assert.equal(story.intent, 'risk.user');
    assert.match(story.text, /Alex Wilber is at risk/);
  });

  it('When a help-desk line describes a person by their job ("ops manager") and their trouble ("phone blocked?", "not syncing", "an app says it isn\'t found", "gets AADSTS50079"), then the person is diagnosed; "X manager?" alone still asks for the manager', async () => {
    const cases: Array<[string, RegExp]> = [
      ['megan bowen marketing manager - phone blocked?', /Sign-in diagnosis: Megan Bowen/],
      ["Johanna Lorenz's thunderbird not syncing mail", /Sign-in diagnosis: Johanna Lorenz/],
      ['alex wilber gets AADSTS50079 every time, he swears he did the MFA setup', /Sign-in diagnosis: Alex Wilber/],
      ["Lee Gu rang up, reckons his account's been switched off. Can you confirm and tell me what's happened?", /50057/],
    ];
    for (const [text, expected] of cases) {
      const answer = await demo.stack.ask(text, admin);
      assert.equal(answer.intent, 'signin.troubleshoot', `${text}\n${answer.text}`);
      assert.match(answer.text, expected, text);
    }
    const manager = await demo.stack.ask('Megan Bowen manager?', admin);
    assert.equal(manager.intent, 'user.info');
  });

  it('When guests "failing MFA" are asked for, then their sign-ins that asked for MFA and failed answer', async () => {
    const answer = await demo.stack.ask('guests failing MFA this week', admin);
    assert.equal(answer.intent, 'signin.list');
    assert.match(answer.text, /MFA required/);
  });

  it('When an imperative follows a reason ("his travel was legit, mark him safe", "kill the X service principal until …"), then it is a request; "is her risk legit, or safe to dismiss?" is still a question', async () => {
    const safe = await demo.stack.ask("Alex Wilber's travel was legit, mark him safe", secadmin);
    assert.equal(safe.intent, 'risk.remediate');
    const kill = await demo.stack.ask('kill the Payroll Connector service principal until we rotate creds', secadmin);
    assert.equal(kill.intent, 'risk.remediate');
    assert.match(kill.text, /disable the service principal Payroll Connector/);
    const question = await demo.stack.ask("is Alex Wilber's risk legit, or safe to dismiss?", secadmin);
    assert.equal(question.intent, 'risk.user');
  });

  it('When a person\'s apps "been using" are asked, steps to do a task, or access to a shared mailbox, then their sign-ins, the how-to and out of scope answer', async () => {
    const apps = await demo.stack.ask('what apps has Megan Bowen been using this week?', admin);
    assert.equal(apps.intent, 'signin.list');
    assert.match(apps.text, /Sign-ins · Megan Bowen · this week · by app/);
    const steps = await demo.stack.ask('steps to enable number matching in Authenticator', admin);
    assert.equal(steps.intent, 'docs.answer');
    const mailbox = await demo.stack.ask('give chloe access to the sales shared mailbox', admin);
    assert.equal(mailbox.intent, 'outOfScope');
  });

  it('When a list is followed by "why is the first guy failing", or a policy\'s page by "how many people hit it?" or "what risk levels does it trigger on?", then that row\'s diagnosis, the policy\'s sign-ins and its page answer', async () => {
    const [, others] = await demo.stack.askChain(["why can't Megan Bowen sign in?", 'is anyone else hitting the same thing this week?'], admin);
    assert.equal(others.intent, 'signin.list');
    assert.match(others.text, /Sign-ins · error 53000 · this week · by user/);
    const [, first] = await demo.stack.askChain(['who had the most failed sign-ins this week?', 'why is the first guy failing'], admin);
    assert.equal(first.intent, 'signin.troubleshoot');
    assert.match(first.text, /Sign-in diagnosis/);
    const [, hit] = await demo.stack.askChain(['tell me about the blocked countries policy', 'how many people hit it this week?'], admin);
    assert.equal(hit.intent, 'signin.list');
    assert.match(hit.text, /blocked by "Block sign-ins from blocked countries"/);
    const [, levels] = await demo.stack.askChain(['tell me about the risky sign-in policy', 'what risk levels does it trigger on?'], admin);
    assert.equal(levels.intent, 'policy.info');
    assert.match(levels.text, /^Require MFA for risky sign-ins$/m);
  });

  it('When the policies are listed and "which ones exclude the break-glass accounts?" follows, or a risk\'s change of level is asked, then the policies and the person\'s risk answer', async () => {
    const [, excluded] = await demo.stack.askChain(['list the conditional access policies', 'which ones exclude the break-glass accounts?'], admin);
    assert.equal(excluded.intent, 'policy.info');
    const [, changed] = await demo.stack.askChain(['is Bob Kelly at risk?', 'when did it go from medium to high'], admin);
    assert.equal(changed.intent, 'risk.user');
    assert.match(changed.text, /Bob Kelly/);
  });
});

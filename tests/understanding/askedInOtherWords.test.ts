import { strict as assert } from 'node:assert';
import { DEMO_ADMIN } from '@entra-assistant/local-entra';
import { demoStackFor } from '../support/demoStack';

/**
 * Questions asked in other words than the grammar's first cues (issue #13): an apology before an error code, what to
 * do about an error of no one named, "some kind of admin", who sent an invitation, "changed - by who", a risk that
 * used to be, what triggers a detection, a leaked-credentials list, sign-ins from a city, signing someone out of
 * everything, and a message to send after a diagnosis. Whole stack on Contoso, in our own words.
 */
describe('Questions asked in other words (issue #13)', function () {
  this.timeout(120_000);
  const demo = demoStackFor([DEMO_ADMIN]);
  const admin = DEMO_ADMIN.userPrincipalName;

  it('When an error code comes after "Sorry to bother you, quick thing", or with "what should helpdesk do", then the code is explained and no one is looked up', async () => {
    const sorry = await demo.stack.ask("Sorry to bother you, quick thing: what's AADSTS50105?", admin);
    assert.equal(sorry.intent, 'docs.answer');
    assert.match(sorry.text, /^AADSTS50105/);
    const helpdesk = await demo.stack.ask('error 50057 - user account is disabled? what should helpdesk do', admin);
    assert.equal(helpdesk.intent, 'docs.answer');
    assert.match(helpdesk.text, /^AADSTS50057/);
  });

  it('When asked whether someone is some kind of admin, then the roles they hold answer', async () => {
    const answer = await demo.stack.ask('Is Pradeep Gupta some kind of admin?', admin);
    assert.equal(answer.intent, 'role.assignments');
    assert.match(answer.text, /Privileged Role Administrator/);
  });

  it('When asked who sent a guest\'s invitation, or who changed an app\'s credentials "by who and when", then the audit log answers', async () => {
    const invite = await demo.stack.ask('Nestor Wilke the guest - who sent the invite, and when?', admin);
    assert.equal(invite.intent, 'audit.changes');
    const credentials = await demo.stack.ask('payroll connector credentials changed - by who and when', admin);
    assert.equal(credentials.intent, 'audit.changes');
  });

  it('When asked about a risk that used to be ("adele vance used to be risky, what changed?"), then her risk history answers', async () => {
    const answer = await demo.stack.ask('adele vance used to be risky, what changed?', admin);
    assert.equal(answer.intent, 'risk.user');
    assert.match(answer.text, /^Adele Vance\n/);
    assert.match(answer.text, /dismissed/);
  });

  it('When asked what triggers a detection by its Graph name, then the detection type is explained; "who had leaked credentials detected?" lists people at risk', async () => {
    const triggers = await demo.stack.ask('what triggers unfamiliarFeatures?', admin);
    assert.equal(triggers.intent, 'docs.answer');
    assert.match(triggers.text, /Unfamiliar sign-in properties/);
    const leaked = await demo.stack.ask('who had leaked credentials detected?', admin);
    assert.equal(leaked.intent, 'risk.users');
  });

  it('When asked who signed in from a city, then the sign-ins from that city are counted by person', async () => {
    const answer = await demo.stack.ask('who signed in from Paris this month?', admin);
    assert.equal(answer.intent, 'signin.list');
    assert.match(answer.text, /^Sign-ins · city Paris · this month · by user\n/);
  });

  it('When a diagnosis is followed by "write me a short message I can send them" and "sign her out of everything", then the diagnosis answers again and the revocation is proposed', async () => {
    const [, message, signOut] = await demo.stack.askChain(["why can't megan sign in", 'write me a short message I can send them', 'sign her out of everything'], admin);
    assert.equal(message.intent, 'signin.troubleshoot');
    assert.match(message.text, /^Sign-in diagnosis: Megan Bowen\n/);
    assert.equal(signOut.intent, 'risk.remediate');
    assert.match(signOut.text, /^Confirm: revoke all of Megan Bowen's sessions\?/);
  });

  it('When a person\'s sign-in problems are to be explained, or an app\'s errors have a cause asked, then they are diagnosed', async () => {
    for (const question of ["Explain Megan Bowen's sign-in problems please.", "Quick favour: pull up megan.bowen@contoso.com's sign-in failures and explain them"]) {
      const answer = await demo.stack.ask(question, admin);
      assert.equal(answer.intent, 'signin.troubleshoot', question);
      assert.match(answer.text, /^Sign-in diagnosis: Megan Bowen\n/, question);
    }
  });

  it('When a diagnosis is followed by "is a conditional access policy involved?" and "what\'s the exact error code?", then the diagnosis answers again', async () => {
    const [, policy, code] = await demo.stack.askChain(["why can't megan sign in", 'is a conditional access policy involved?', "what's the exact error code?"], admin);
    for (const answer of [policy, code]) {
      assert.equal(answer.intent, 'signin.troubleshoot');
      assert.match(answer.text, /^Sign-in diagnosis: Megan Bowen\n/);
      assert.match(answer.text, /53000/);
    }
  });

  it('When a ranking of people is followed by "what department is that person in?", then that person\'s account answers', async () => {
    const [, department] = await demo.stack.askChain(['who had the most failed interactive sign-ins this week?', 'what department is that person in?'], admin);
    assert.equal(department.intent, 'user.info');
    assert.match(department.text, /^Johanna Lorenz\n/);
    assert.match(department.text, /Operations/);
  });

  it('When guests are counted and then broken down by home domain, then each domain is counted from the guests\' own addresses', async () => {
    const [, domains] = await demo.stack.askChain(['how many guest users do we have?', 'break that down by home domain'], admin);
    assert.equal(domains.intent, 'user.info');
    assert.match(domains.text, /^Users · type Guest · by home domain\n/);
    assert.match(domains.text, /fabrikam\.com \| 3/);
  });

  it('When risky users are asked for by how long they have been open, or a person\'s detections with where from, then the list is ordered oldest first and the person\'s risk answers', async () => {
    const oldest = await demo.stack.ask('wich at-risk user has been sitting there the longest?', admin);
    assert.equal(oldest.intent, 'risk.users');
    assert.match(oldest.text, /^Users at risk · oldest first\n/);
    const bob = await demo.stack.ask('what risk detections does Bob Kelly have and where from?', admin);
    assert.equal(bob.intent, 'risk.user');
    assert.match(bob.text, /^Bob Kelly\n/);
  });

  it('When asked who was disabled or made an admin "— who did it and when", or whose passwords were reset, then the audit log answers', async () => {
    for (const question of ['lee gu got disabled — who did it and when?', 'Isaiah Langer got Global Administrator — when and who did it', 'Whose passwords were reset by an admin this week?']) {
      const answer = await demo.stack.ask(question, admin);
      assert.equal(answer.intent, 'audit.changes', question);
    }
  });

  it('When asked for example questions or the data the assistant reads, then the help answers', async () => {
    for (const question of ['examples of questions pls', 'What data sources do you look at?']) {
      const answer = await demo.stack.ask(question, admin);
      assert.equal(answer.intent, 'help', question);
    }
  });

  it('When a help-desk note says "failed logins. cause?" about a person, or asks whether an app "is failing to authenticate", then it is diagnosed', async () => {
    const person = await demo.stack.ask('help desk here, caller megan bowen, failed logins. cause?', admin);
    assert.equal(person.intent, 'signin.troubleshoot');
    assert.match(person.text, /^Sign-in diagnosis: Megan Bowen\n/);
    const app = await demo.stack.ask('the inventory sync app, is it failing to authenticate?', admin);
    assert.equal(app.intent, 'signin.troubleshoot');
    assert.match(app.text, /^Sign-in diagnosis: Inventory Sync\n/);
  });

  it('When changes to a group or to service principals are asked as "any changes logged" or "who is making them", then the audit log answers; arithmetic is out of scope', async () => {
    for (const question of ['what happened to the Project Falcon group? any changes logged', 'Service principal updates in November: who is making them?']) {
      const answer = await demo.stack.ask(question, admin);
      assert.equal(answer.intent, 'audit.changes', question);
    }
    const sum = await demo.stack.ask('whats 17% of 2400', admin);
    assert.equal(sum.intent, 'outOfScope');
  });

  it('When a list of one person\'s sign-ins is followed by "ok how do I fix it", then that person is diagnosed; after a diagnosis, "is the phone marked compliant?" and "how do I give her access?" stay on it', async () => {
    const [, , fix] = await demo.stack.askChain(["megan bowen's sign-ins this week", 'which app fails most for her?', 'ok how do I fix it'], admin);
    assert.equal(fix.intent, 'signin.troubleshoot');
    assert.match(fix.text, /^Sign-in diagnosis: Megan Bowen\n/);
    const [, compliant, access] = await demo.stack.askChain(["why can't megan sign in", 'is the phone marked compliant?', 'how do I give her access?'], admin);
    for (const answer of [compliant, access]) {
      assert.equal(answer.intent, 'signin.troubleshoot');
      assert.match(answer.text, /^Sign-in diagnosis: Megan Bowen\n/);
    }
  });

  it('When a list at risk is followed by "what happened to him?" or "what did it do?", then that one\'s risk story answers; "who were those users" after sign-ins lists them', async () => {
    const [, , him] = await demo.stack.askChain(['who is currently at risk?', 'only the high ones', 'what happened to him?'], admin);
    assert.equal(him.intent, 'risk.user');
    assert.match(him.text, /^Bob Kelly\n/);
    const [, it] = await demo.stack.askChain(['any risky service principals?', 'what did it do?'], admin);
    assert.equal(it.intent, 'risk.workload');
    assert.match(it.text, /Payroll Connector/);
    const [, users] = await demo.stack.askChain(['any sign-ins from Russia this month?', 'who were those users'], admin);
    assert.equal(users.intent, 'signin.list');
  });

  it('When an app\'s error is reported with "what\'s up", an error code is asked "what is that \'keep me signed in\' thing?", or whose risk was remediated, then each is read as meant', async () => {
    const app = await demo.stack.ask("people get an error opening Inventory Sync, what's up", admin);
    assert.equal(app.intent, 'signin.troubleshoot');
    const code = await demo.stack.ask("error 50140 — what is that 'keep me signed in' thing?", admin);
    assert.equal(code.intent, 'docs.answer');
    assert.match(code.text, /^AADSTS50140/);
    const whose = await demo.stack.ask('this month, whose risk was remediated?', admin);
    assert.equal(whose.intent, 'risk.users');
    const paperwork = await demo.stack.ask('can you approve my expense report', admin);
    assert.equal(paperwork.intent, 'outOfScope');
  });

  it('When asked to "diagnose sign-in for" someone, then that person is diagnosed', async () => {
    const answer = await demo.stack.ask('diagnose sign-in for Megan Bowen', admin);
    assert.equal(answer.intent, 'signin.troubleshoot');
    assert.match(answer.text, /^Sign-in diagnosis: Megan Bowen\n/);
  });
});

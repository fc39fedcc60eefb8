import { strict as assert } from 'node:assert';
import { DEMO_ADMIN, DEMO_SECURITY_ADMIN } from '@entra-assistant/local-entra';
import { demoStackFor } from '../support/demoStack';

/**
 * Questions on the boundary between two kinds of answer (issue #13), and names the tenant does not have. Whole stack on
 * Contoso, in our own words.
 */
describe('Questions between two kinds of answer (issue #13)', function () {
  this.timeout(120_000);
  const demo = demoStackFor([DEMO_ADMIN, DEMO_SECURITY_ADMIN]);
  const admin = DEMO_ADMIN.userPrincipalName;
  const secadmin = DEMO_SECURITY_ADMIN.userPrincipalName;

  it('When a first name and a surname belong to two different people and nobody has both, then the admin hears the name is not there, with both people offered', async () => {
    for (const text of ['why can’t adele bowen sign in?', "show Adele Bowen's sign-ins from this week"]) {
      const answer = await demo.stack.ask(text, admin);
      assert.match(answer.text, /couldn't find a user named “Adele Bowen”/, text);
      assert.match(answer.text, /Adele Vance/, text);
      assert.match(answer.text, /Megan Bowen/, text);
      assert.doesNotMatch(answer.text, /Sign-in diagnosis|Sign-ins ·/, text);
    }
    // A full name the tenant has is still that person.
    const megan = await demo.stack.ask('why can’t megan bowen sign in?', admin);
    assert.match(megan.text, /Sign-in diagnosis: Megan Bowen/);
  });

  it('When a person\'s failures are to be looked at and "the cause" or "what is causing them" asked, then the person is diagnosed, not their sign-ins listed', async () => {
    for (const text of ["go through Lee Gu's failed logins and tell me the cause", 'look at what is causing Lee Gu’s sign-in failures']) {
      const answer = await demo.stack.ask(text, admin);
      assert.equal(answer.intent, 'signin.troubleshoot', text);
      assert.match(answer.text, /Sign-in diagnosis: Lee Gu/, text);
      assert.match(answer.text, /50057/, text);
    }
  });

  it('When a mode is asked about in two words ("report-only mode?"), then the mode is explained, not the policies listed', async () => {
    const answer = await demo.stack.ask('report-only mode??', admin);
    assert.equal(answer.intent, 'docs.answer');
    assert.match(answer.text, /evaluated/);
  });

  it('When a person\'s risk and their MFA are asked together, then their risk answers, saying whether they have a method to clear it', async () => {
    const answer = await demo.stack.ask('quick one: is Alex Wilber at risk + has he got mfa?', admin);
    assert.equal(answer.intent, 'risk.user');
    assert.match(answer.text, /Alex Wilber is at risk/);
    assert.match(answer.text, /No MFA method registered/);
    // With the account's state asked too, the account page answers all three.
    const page = await demo.stack.ask('alex wilber: account enabled? mfa? risky?', admin);
    assert.equal(page.intent, 'user.info');
  });
  it('When what the policies do is asked in general ("is there a policy that …", "does the X policy cover …", "blocked by any policy?"), then the policies answer, not a list of sign-ins', async () => {
    for (const text of ['is there any policy that blocks sign-ins from unfamiliar locations?', 'does the block legacy auth policy also cover pop3 logins?', 'are logins from outside the US blocked by any CA policy?']) {
      const answer = await demo.stack.ask(text, admin);
      assert.equal(answer.intent, 'policy.info', text);
      assert.doesNotMatch(answer.text, /^Sign-ins ·/m, text);
    }
    // What a policy would have done to sign-ins is read from the sign-ins.
    const impact = await demo.stack.ask('who would get blocked if we switched the high-risk password change policy on?', admin);
    assert.equal(impact.intent, 'signin.list');
    // A policy in a person's way is that person's diagnosis.
    const person = await demo.stack.ask('is there a CA policy keeping Megan Bowen out?', admin);
    assert.equal(person.intent, 'signin.troubleshoot');
  });
  it('When how a mitigation is done, or what it does, is asked, then it is explained and nothing is proposed; "can you block X?" proposes disabling X', async () => {
    for (const text of ['how would I dismiss a risky user myself?', 'so what does revoking all sessions do to someone?']) {
      const answer = await demo.stack.ask(text, secadmin);
      assert.equal(answer.intent, 'docs.answer', text);
      assert.doesNotMatch(answer.text, /^Confirm:|Who should I act on|not available in this version/m, text);
    }
    const block = await demo.stack.ask('could you block Bob Kelly please?', admin);
    assert.equal(block.intent, 'risk.remediate');
    assert.match(block.text, /Confirm: disable Bob Kelly/);
  });

  it('When who changed a person\'s risk is asked, then the person\'s risk history answers, not the directory\'s audit log', async () => {
    const answer = await demo.stack.ask('who set Adele Vance’s risk back to none?', admin);
    assert.equal(answer.intent, 'risk.user');
    assert.match(answer.text, /dismissed the risk/);
  });

  it('When a mailbox or a licence price is asked about, then it is out of scope, with no person or name looked for', async () => {
    for (const text of ["please raise Lee Gu's mailbox quota", 'what does an Entra ID P1 licence cost per user?']) {
      const answer = await demo.stack.ask(text, admin);
      assert.equal(answer.intent, 'outOfScope', text);
      assert.doesNotMatch(answer.text, /couldn't find|Sign-in diagnosis/, text);
    }
  });

  it('When a new hire cannot get in "on her first day", then she is diagnosed, not the first user of the directory listed', async () => {
    const answer = await demo.stack.ask('new hire Chloe Ito cannot sign in to Teams on her first morning, any idea?', admin);
    assert.equal(answer.intent, 'signin.troubleshoot');
    assert.match(answer.text, /Sign-in diagnosis: Chloe Ito/);
  });

  it('When how to set up a break-glass account is asked, then the concept answers, not a choice between the tenant\'s two emergency accounts', async () => {
    const answer = await demo.stack.ask('how should we set up an emergency access account?', admin);
    assert.equal(answer.intent, 'docs.answer');
    assert.match(answer.text, /Break-glass/);
  });
  it('When a policy is named as what stopped a person ("why did X apply to her sign-in", "hit by X - why", "which policy blocked her"), then the person is diagnosed, not the policy\'s page', async () => {
    for (const text of ["why did Require compliant device for Office 365 apply to Megan Bowen's sign-in?", "megan bowen was hit by 'Require compliant device for Office 365' - why?", 'which CA policy stopped Megan Bowen today?']) {
      const answer = await demo.stack.ask(text, admin);
      assert.equal(answer.intent, 'signin.troubleshoot', text);
      assert.match(answer.text, /Sign-in diagnosis: Megan Bowen/, text);
      assert.match(answer.text, /53000/, text);
    }
    // Whom a policy leaves out is still the policy's page.
    const excluded = await demo.stack.ask('who is excluded from Require compliant device for Office 365?', admin);
    assert.equal(excluded.intent, 'policy.info');
  });

  it('When a screen\'s sentence about policies is pasted in quotes, then it is not taken for a policy\'s name, and "that policy" next is the policy of the diagnosis', async () => {
    const [first, next] = await demo.stack.askChain(['Johanna Lorenz forwarded this: "Access has been blocked by Conditional Access policies. The access policy does not allow token issuance." which policy is that?', 'is that policy switched on for everybody?'], admin);
    assert.equal(first.intent, 'signin.troubleshoot');
    assert.match(first.text, /Sign-in diagnosis: Johanna Lorenz/);
    assert.equal(next.intent, 'policy.info');
    assert.doesNotMatch(next.text, /No Conditional Access policies match/);
  });

  it('When a definition is asked as "what\'s X" (with "anyway" or "in two lines" after it), then it is explained, not the tenant\'s sign-ins listed', async () => {
    for (const text of ["what's legacy authentication anyway?", "what's a role-assignable group, in one sentence"]) {
      const answer = await demo.stack.ask(text, admin);
      assert.equal(answer.intent, 'docs.answer', text);
    }
  });
  it('When what a mitigation does, its steps, or whether it is safe is asked, then it is explained or the person\'s risk shown, and nothing is proposed', async () => {
    for (const text of ['what happens if we confirm someone as compromised?', 'if we revoke a person’s sessions, are they signed out of Teams on mobile as well?', 'what are the steps to confirm a user safe', 'can we dismiss risk for multiple users in bulk?', 'how do I revoke sessions for a user from PowerShell?']) {
      const answer = await demo.stack.ask(text, secadmin);
      assert.equal(answer.intent, 'docs.answer', text);
      assert.doesNotMatch(answer.text, /^Confirm:/m, text);
    }
    const safe = await demo.stack.ask('is Alex Wilber’s risk real, or safe to dismiss?', secadmin);
    assert.equal(safe.intent, 'risk.user');
    assert.doesNotMatch(safe.text, /^Confirm:/m);
  });

  it('When detections are asked for a person, or for nobody in particular, or who was remediated, then the person\'s risk or the risky users answer', async () => {
    const person = await demo.stack.ask('detections on bob kelly?', admin);
    assert.equal(person.intent, 'risk.user');
    assert.match(person.text, /Bob Kelly/);
    for (const text of ['any risk detections since monday?', 'which people got remediated this month?']) {
      const answer = await demo.stack.ask(text, admin);
      assert.equal(answer.intent, 'risk.users', text);
    }
    // Service principals' detections stay the workload identities'.
    const workloads = await demo.stack.ask('service principal risk detections, please', admin);
    assert.equal(workloads.intent, 'risk.workload');
  });

  it('When when an account was created, whether a guest accepted the invitation, or what devices a person signs in from is asked, then the account page or the sign-ins answer', async () => {
    const created = await demo.stack.ask("when was Lee Gu's account created?", admin);
    assert.equal(created.intent, 'user.info');
    assert.match(created.text, /Created: 2024-03-15/);
    const [, accepted] = await demo.stack.askChain(['who is Nestor Wilke?', 'did he accept the invitation yet?'], admin);
    assert.equal(accepted.intent, 'user.info');
    assert.match(accepted.text, /invitation accepted/);
    const devices = await demo.stack.ask('which devices has Megan Bowen been signing in from?', admin);
    assert.equal(devices.intent, 'signin.list');
    // Who created it is the audit log's.
    const who = await demo.stack.ask("who created Lee Gu's account?", admin);
    assert.equal(who.intent, 'audit.changes');
  });

  it('When licences are counted or priced, a printer is to be fixed or an app pushed with Intune, then it is out of scope; a narrative that mentions a printer is still a diagnosis', async () => {
    for (const text of ['how many E3 licences are still available?', 'can you fix the printer Megan Bowen uses', 'how do we deploy Authenticator to phones through Intune?', 'how big is Lee Gu’s mailbox, he says it is full']) {
      const answer = await demo.stack.ask(text, admin);
      assert.equal(answer.intent, 'outOfScope', text);
    }
    const narrative = await demo.stack.ask("Megan Bowen can't open Outlook since this morning. She sits by the printer that never works, if that matters. What do the logs say?", admin);
    assert.equal(narrative.intent, 'signin.troubleshoot');
  });
  it('When a mitigation was just explained and the admin says "ok, do it for X", then that mitigation is proposed for X behind the confirmation', async () => {
    const [explained, proposed] = await demo.stack.askChain(['how would I dismiss the risk on a user?', 'ok, go ahead and do it for Alex Wilber'], secadmin);
    assert.equal(explained.intent, 'docs.answer');
    assert.equal(proposed.intent, 'risk.remediate');
    assert.match(proposed.text, /Confirm: dismiss Alex Wilber/);
    // Without a mitigation explained just before, the words propose nothing.
    const [, unrelated] = await demo.stack.askChain(['what is report-only mode?', 'ok, do it for Alex Wilber'], secadmin);
    assert.notEqual(unrelated.intent, 'risk.remediate');
  });

  it('When a person is named by an initial and a surname ("M. Bowen"), then that person is linked', async () => {
    const answer = await demo.stack.ask("M. Bowen's sign-ins today", admin);
    assert.equal(answer.intent, 'signin.list');
    assert.match(answer.text, /Megan Bowen/);
  });

  it('When a retold screen says the device must be managed by the organisation, the login spins, or an approval is asked for, then the person is diagnosed', async () => {
    for (const text of ["Outlook on Megan Bowen's phone keeps saying the device has to be managed by the organization, ideas?", 'megan bowen rang: login just spins and then errors', 'Megan Bowen says it needs her to approve something but she does not have the app']) {
      const answer = await demo.stack.ask(text, admin);
      assert.equal(answer.intent, 'signin.troubleshoot', text);
      assert.match(answer.text, /Sign-in diagnosis: Megan Bowen/, text);
    }
  });

  it('When a follow-up asks "and her sign-ins today?", "are they still in it?" or "what is it now?", then it asks for the sign-ins, the groups or the page, not the last answer again', async () => {
    const [, signIns] = await demo.stack.askChain(['megan bowen: job title and manager?', 'and her sign-ins today?'], admin);
    assert.equal(signIns.intent, 'signin.list');
    const [, still] = await demo.stack.askChain(['who added Isaiah Langer to IT Staff?', 'is he still in it?'], admin);
    assert.equal(still.intent, 'user.groups');
    assert.match(still.text, /Isaiah Langer/);
    const [, now] = await demo.stack.askChain(["has anyone changed Adele Vance's job title?", 'what is it now?'], admin);
    assert.equal(now.intent, 'user.info');
    assert.match(now.text, /Adele Vance/);
  });
  it('When a policy is named the way admins shorten it ("block legacy auth", "MFA for all users", "mfa for admins"), then that policy answers; "legacy auth" alone is still the sign-ins', async () => {
    const on = await demo.stack.ask('is block legacy auth switched on?', admin);
    assert.equal(on.intent, 'policy.info');
    assert.match(on.text, /Block legacy authentication/);
    const excluded = await demo.stack.ask('who is left out of MFA for all users?', admin);
    assert.equal(excluded.intent, 'policy.info');
    assert.match(excluded.text, /Require MFA for all users/);
    const admins = await demo.stack.ask('is MFA for admins enforced or report-only?', admin);
    assert.match(admins.text, /Require MFA for administrators/);
    const legacy = await demo.stack.ask('who is still signing in with legacy auth this week?', admin);
    assert.equal(legacy.intent, 'signin.list');
  });
  it('When "who did that??" follows a pasted "account is disabled", or "who has changed that account lately?" a person\'s page, then the audit log answers; "when was it created?" is the page', async () => {
    const pasted = await demo.stack.ask('Lee Gu sent a screenshot: "AADSTS50057: The user account is disabled." - who did that??', admin);
    assert.equal(pasted.intent, 'audit.changes');
    assert.match(pasted.text, /Pradeep Gupta/);
    const [, changed, created] = await demo.stack.askChain(['who is Megan Bowen?', 'who has changed that account lately?', 'when was it created?'], admin);
    assert.equal(changed.intent, 'audit.changes');
    assert.match(changed.text, /Megan Bowen/);
    assert.equal(created.intent, 'user.info');
    assert.match(created.text, /Created:/);
    // Whom a policy blocked is not who made a change.
    const [, blocked] = await demo.stack.askChain(['is block legacy auth on?', 'who did it block yesterday?'], admin);
    assert.equal(blocked.intent, 'signin.list');
  });

  it('When a person\'s sign-ins are denied to have problems ("nothing wrong with …, right?"), then the person is diagnosed', async () => {
    const answer = await demo.stack.ask("nothing wrong with Megan Bowen's logins this week, right?", admin);
    assert.equal(answer.intent, 'signin.troubleshoot');
    assert.match(answer.text, /Sign-in diagnosis: Megan Bowen/);
  });
  it('When the admin takes a question back in the same message ("never mind", "nvm", "scratch that"), then only what follows is asked, and a follow-up is about its objects', async () => {
    const [first, byWhom] = await demo.stack.askChain(['was chloe ito added to a group? never mind - was isaiah langer made a global admin?', 'by whom?'], admin);
    assert.match(first.text, /Global Administrator/);
    assert.doesNotMatch(byWhom.text, /Chloe Ito/);
    assert.match(byWhom.text, /Isaiah Langer/);
    const roles = await demo.stack.ask("show me megan bowen's groups, scratch that, what roles does Lee Gu have?", admin);
    assert.equal(roles.intent, 'role.assignments');
    assert.match(roles.text, /Lee Gu/);
  });
  it('When a forwarded request asks about something else, then who forwarded it is not taken for its subject; a forwarded complaint in the first person stays the sender\'s', async () => {
    const secret = await demo.stack.ask('Fwd from Irvin Sayers: "who put a new secret on the Payroll Connector? nobody asked me" - can you check?', admin);
    assert.equal(secret.intent, 'audit.changes');
    assert.match(secret.text, /Payroll Connector/);
    assert.match(secret.text, /Miriam Graham/);
    assert.doesNotMatch(secret.text, /Irvin Sayers/);
    const own = await demo.stack.ask('fwd from Megan Bowen: "Outlook on my phone has stopped letting me in since this morning"', admin);
    assert.equal(own.intent, 'signin.troubleshoot');
    assert.match(own.text, /Sign-in diagnosis: Megan Bowen/);
  });
  it('When two people are set against each other on failures ("did X or Y fail more?", "X vs Y - failures?"), then their failed sign-ins are counted by person; "same policy for both?" next diagnoses each', async () => {
    const [counted, both] = await demo.stack.askChain(['did Megan Bowen or Priya Patel fail more this week?', 'is the same policy blocking both of them?'], admin);
    assert.equal(counted.intent, 'signin.list');
    assert.match(counted.text, /by user/);
    assert.match(counted.text, /Megan Bowen \| 6/);
    assert.equal(both.intent, 'signin.troubleshoot', both.text);
    assert.match(both.text, /Sign-in diagnosis: Megan Bowen/);
    const versus = await demo.stack.ask('megan bowen vs priya patel - failed logins this week?', admin);
    assert.equal(versus.intent, 'signin.list', versus.text);
    // Two people's trouble asked together is still each one's diagnosis, by the grammar alone too (the fallback
    // classifier is not loaded for a stack's first questions, and it was what answered this before).
    const diagnosed = await demo.stack.ask("why can't megan bowen and priya patel sign in?", admin);
    assert.equal(diagnosed.intent, 'signin.troubleshoot', diagnosed.text);
    assert.match(diagnosed.text, /Sign-in diagnosis: Megan Bowen/);
    assert.match(diagnosed.text, /Sign-in diagnosis: Priya Patel/);
  });
});

import { strict as assert } from 'node:assert';
import { DEMO_ADMIN, DEMO_SECURITY_ADMIN } from '@entra-assistant/local-entra';
import type { QuestionPlan } from '../../src/plans/plan';
import { demoStackFor } from '../support/demoStack';

/**
 * Requests for changes the assistant does not make, names said alone, one person's record asked again of another,
 * rows of a policy list, and sign-in fields asked after a diagnosis (issue #13). Whole stack on Contoso, in our own
 * words.
 */
describe('Plain requests, names alone and follow-ups on one record (issue #13)', function () {
  this.timeout(120_000);
  const demo = demoStackFor([DEMO_ADMIN, DEMO_SECURITY_ADMIN]);
  const admin = DEMO_ADMIN.userPrincipalName;
  const secadmin = DEMO_SECURITY_ADMIN.userPrincipalName;
  /** Each message, asked on its own, answers with the intent given. */
  const answersAs = async (cases: ReadonlyArray<readonly [string, string]>, asker: string) => {
    for (const [text, intent] of cases) {
      const answer = await demo.stack.ask(text, asker);
      assert.equal(answer.intent, intent, `${text}\n${answer.text}`);
    }
  };
  const idOf = (plan: unknown) => (plan as QuestionPlan | undefined)?.filters.find((f) => f.field === 'id' && f.op === 'eq')?.value;

  it('When a change the assistant does not make is asked for (members, deletes, renames, devices, exports, e-mailed reports), then it says so and reads nothing as a question', async () => {
    for (const text of [
      'add Megan Bowen to the VPN Users group',
      'delete the guest account Nestor Wilke',
      'change the display name of the VPN Users group to Remote Access',
      "wipe Priya's lost iPhone",
      "retire Megan's old android from Intune",
      'export all users to excel',
      'can you email me a report of failed sign-ins every morning?',
    ]) {
      const answer = await demo.stack.ask(text, admin);
      assert.equal(answer.intent, 'outOfScope', `${text}\n${answer.text}`);
      assert.equal(answer.plan, undefined, text);
      assert.match(answer.text, /^I read the directory and act only on risk/, text);
    }
    // Asking who made such a change is still a question for the audit log, and renewing a secret is explained.
    const who = await demo.stack.ask('who added Megan Bowen to the VPN Users group?', admin);
    assert.equal(who.intent, 'audit.changes');
    const renew = await demo.stack.ask('can you renew the Sales Dashboard secret for me', admin);
    assert.equal(renew.intent, 'docs.answer');
  });

  it('When a role, a policy exclusion, a trusted range, a mailbox, Intune, the firewall or a script is asked for, then the decline says where that is done and what can be asked instead', async () => {
    const cases: Array<[string, RegExp]> = [
      ['make Bob Kelly a global admin', /do not change them\..*Roles & admins.*"who are the global admins\?"/],
      ['exclude Megan Bowen from the MFA policy', /do not change whom they include or exclude.*Include \/ Exclude.*Conditional Access › Policies/],
      ['add 10.20.0.0/16 to the trusted locations', /Named locations.*"which named locations are trusted\?"/],
      ["increase adele's mailbox size", /Exchange admin center/],
      ['which laptops are enrolled in intune', /Intune admin center/],
      ['open port 443 on the firewall', /network settings outside Entra ID/],
      ['write me a powershell script to list guests', /do not install software, work on devices or write scripts/],
    ];
    for (const [text, says] of cases) {
      const answer = await demo.stack.ask(text, admin);
      assert.equal(answer.intent, 'outOfScope', `${text}\n${answer.text}`);
      assert.equal(answer.plan, undefined, text);
      assert.match(answer.text, says, `${text}\n${answer.text}`);
      assert.doesNotMatch(answer.text, /outside what I can answer/, text);
    }
    // A decline's example question names the person the request named.
    const reEnable = await demo.stack.ask('please re-enable lee gu', admin);
    assert.match(reEnable.text, /"who disabled Lee Gu\?"/);
  });

  it('When "can you block X\'s account" is asked, then disabling X is offered behind a confirmation; "risky SPs dismissed" lists them and acts on nothing', async () => {
    const block = await demo.stack.ask("can you block megan bowen's account", secadmin);
    assert.equal(block.intent, 'risk.remediate');
    assert.match(block.text, /Megan Bowen/);
    const dismissed = await demo.stack.ask('risky SPs dismissed', secadmin);
    assert.equal(dismissed.intent, 'risk.workload');
    assert.match(dismissed.text, /Marketing Automation/);
    assert.match(dismissed.text, /dismissed/);
  });

  it('When a group, an app or a person is named alone, then its page answers', async () => {
    const cases: Array<[string, string, RegExp]> = [
      ['research lab', 'group.info', /^Research Lab$/m],
      ['Payroll Connector?', 'app.info', /^Payroll Connector$/m],
      ['megan bowen', 'user.info', /^Megan Bowen$/m],
    ];
    for (const [text, intent, title] of cases) {
      const answer = await demo.stack.ask(text, admin);
      assert.equal(answer.intent, intent, `${text}\n${answer.text}`);
      assert.match(answer.text, title, answer.text);
    }
    const hello = await demo.stack.ask('yo', admin);
    assert.equal(hello.intent, 'help');
  });

  it('When one person\'s last sign-in is followed by "and Megan?", then Megan\'s record answers, not the first person\'s again', async () => {
    const [lee, megan] = await demo.stack.askChain(['when did Lee Gu last sign in?', 'and Megan?'], admin);
    assert.equal(lee.intent, 'user.info');
    assert.equal(megan.intent, 'user.info');
    assert.notEqual(idOf(megan.plan), undefined);
    assert.notEqual(idOf(megan.plan), idOf(lee.plan));
    assert.match(megan.text, /Megan Bowen/);
    assert.doesNotMatch(megan.text, /Lee Gu/);
    // The last successful sign-in stays a question about sign-ins when asked again of another.
    const [, abigail] = await demo.stack.askChain(['last successful sign-in for Lee Gu?', 'and for Abigail Wang?'], admin);
    assert.equal(abigail.intent, 'signin.list');
    assert.match(abigail.text, /Abigail Wang/);
    assert.doesNotMatch(abigail.text, /Lee Gu/);
  });

  it('When the policies were listed, then "the third one - what does it require?" opens the third policy shown', async () => {
    const [list, third] = await demo.stack.askChain(['list all CA policies', 'the third one - what does it require?'], admin);
    // The list shows the policies that are on first, by name: the third of them is the one opened.
    const on = list.text.slice(list.text.indexOf('On\n') + 3).split('\n').filter((l) => l.trim());
    assert.ok(on.length >= 3, list.text);
    assert.equal(third.intent, 'policy.info');
    assert.match(third.text, new RegExp(`^${on[2].trim()}$`, 'm'), third.text);
    assert.match(third.text, /Conditional Access policy —/);
  });

  it('When a diagnosis is followed by "which OS?", "what ip was that" or "what device did it say", then the diagnosis, which shows them, answers again; after a list "which OS?" breaks it down; "OS" is never a name', async () => {
    for (const detail of ['which OS?', 'what ip was that', 'what device did it say']) {
      const [, again] = await demo.stack.askChain(["why can't Megan sign in?", detail], admin);
      assert.equal(again.intent, 'signin.troubleshoot', detail);
      assert.match(again.text, /Sign-in diagnosis: Megan Bowen/);
      assert.match(again.text, /Device: Android/);
      assert.match(again.text, /IP and location: \d+\.\d+\.\d+\.\d+/);
    }
    const [, os] = await demo.stack.askChain(['failed sign-ins for Megan Bowen this week', 'which OS?'], admin);
    assert.equal(os.intent, 'signin.list');
    const plan = os.plan as QuestionPlan;
    assert.deepEqual(plan.operation, { kind: 'groupBy', field: 'os' });
    assert.ok(plan.filters.some((f) => f.field === 'user' && f.label === 'Megan Bowen'), JSON.stringify(plan.filters));
    const which = await demo.stack.ask('which OS is Megan using', admin);
    assert.doesNotMatch(which.text, /Which user do you mean by “OS”/);
  });

  it('When a group\'s owners and size are asked together, then its page answers, not a count of every user', async () => {
    const answer = await demo.stack.ask('who owns Partner Collaboration - Fabrikam and how many people are in it', admin);
    assert.equal(answer.intent, 'group.info');
    assert.equal(answer.plan, undefined, JSON.stringify(answer.plan));
    assert.match(answer.text, /^Partner Collaboration - Fabrikam$/m);
  });

  it('When a named person "got blocked while in Brazil", then that person is diagnosed; high-risk service principals are the risky ones; an app id is the app\'s page', async () => {
    const felix = await demo.stack.ask('Felix Williams got blocked while in Brazil. reason?', admin);
    assert.equal(felix.intent, 'signin.troubleshoot');
    assert.match(felix.text, /Sign-in diagnosis: Felix Williams/);
    const sps = await demo.stack.ask('any high risk service principals', admin);
    assert.equal(sps.intent, 'risk.workload');
    assert.match(sps.text, /high risk/);
    const id = await demo.stack.ask('what is the app id of Expense Tracker', admin);
    assert.equal(id.intent, 'app.info');
    assert.match(id.text, /^Expense Tracker$/m);
  });

  it('When what the assistant cannot do, or what a channel can switch on, is asked, then help answers and names the channel commands', async () => {
    for (const text of ['can you also fix risky users or just show them?', "what can't you do? like, can you change policies or reset passwords?", 'how do I turn on help desk triage in this channel']) {
      const answer = await demo.stack.ask(text, admin);
      assert.equal(answer.intent, 'help', `${text}\n${answer.text}`);
      assert.match(answer.text, /\/helpdesk on/);
      assert.match(answer.text, /\/alerts on risky apps/);
    }
  });

  it('When roles are asked in everyday words ("admin rights", "full admin", "who can manage the access rules", "who can read security reports"), then the role and its holders answer', async () => {
    const rights = await demo.stack.ask('what admin rights does Pradeep have', admin);
    assert.equal(rights.intent, 'role.assignments');
    assert.match(rights.text, /Roles of Pradeep Gupta/);
    const cases: Array<[string, string]> = [
      ['who has the keys to the kingdom here? i mean full admin', 'Global Administrator'],
      ['who can manage the access rules (conditional access)?', 'Conditional Access Administrator'],
      ['who can read security reports but not change anything', 'Security Reader'],
    ];
    for (const [text, role] of cases) {
      const answer = await demo.stack.ask(text, admin);
      assert.equal(answer.intent, 'role.assignments', text);
      assert.match(answer.text, new RegExp(`Who holds ${role}`), `${text}\n${answer.text}`);
    }
  });

  it('When a policy is asked for by what it does ("is there a rule that …", "does anything stop people …"), then the policies answer; a policy\'s creation date is on its page', async () => {
    for (const text of ['is there a rule that forces admins to do MFA', 'does anything stop people logging in from risky places?', 'is there a setting that makes people log in again after a while on laptops we don\'t manage?']) {
      const answer = await demo.stack.ask(text, admin);
      assert.equal(answer.intent, 'policy.info', `${text}\n${answer.text}`);
      assert.doesNotMatch(answer.text, /Which user do you mean/);
    }
    const created = await demo.stack.ask('when was the high-risk password policy created', admin);
    assert.equal(created.intent, 'policy.info');
    assert.match(created.text, /^Created: \d{4}-\d{2}-\d{2}/m);
  });

  it('When a policy\'s last change is older than the audit log keeps, then the audit answer says the date the policy carries', async () => {
    const answer = await demo.stack.ask('when was the guest MFA rule last changed', admin);
    assert.equal(answer.intent, 'audit.changes');
    assert.match(answer.text, /The policy itself was last modified 2026-07-23/);
  });

  it('When a how-to names a task ("how to unlock a smart lockout account", "how do I get him to register"), then the docs answer', async () => {
    const unlock = await demo.stack.ask('how to unlock a smart lockout account', admin);
    assert.equal(unlock.intent, 'docs.answer');
    const [, register] = await demo.stack.askChain(["what does Bob Kelly's account look like", 'ok how do I get him to register'], admin);
    assert.equal(register.intent, 'docs.answer');
  });

  it('When a group\'s page is followed by "who owned it before?", then the changes to that group answer, not changes to its present owner', async () => {
    const [, before] = await demo.stack.askChain(['who owns Research Lab', 'who owned it before'], admin);
    assert.equal(before.intent, 'audit.changes');
    assert.match(before.text, /^Changes to Research Lab$/m, before.text);
  });

  it('When a group\'s page is followed by "is raul in it?", then whether Raul is in that group answers', async () => {
    const [, raul] = await demo.stack.askChain(['who is in Research Lab', 'is raul in it'], admin);
    assert.equal(raul.intent, 'user.groups');
    assert.match(raul.text, /Raul Razo is not in Research Lab/);
  });

  it('When a policy\'s page is followed by "what does that rule actually block?", or the policies by "what is that policy for?", then policies answer, not a concept or the scope note', async () => {
    const [, block] = await demo.stack.askChain(['what does Block legacy authentication do', 'what does that rule actually block?'], admin);
    assert.equal(block.intent, 'policy.info');
    assert.match(block.text, /^Block legacy authentication$/m);
    const [, forWhat] = await demo.stack.askChain(['list CA policies', 'what is that policy for?'], admin);
    assert.equal(forWhat.intent, 'policy.info');
    const setup = await demo.stack.ask('explain our conditional access setup in plain english', admin);
    assert.equal(setup.intent, 'policy.info');
    assert.match(setup.text, /Block legacy authentication/);
    const thing = await demo.stack.ask('does the password-change-for-risky-users thing actually enforce anything', admin);
    assert.equal(thing.intent, 'policy.info');
    assert.match(thing.text, /^Require password change for high-risk users$/m);
    const howTo = await demo.stack.ask('how do i make a policy report-only before turning it on', admin);
    assert.equal(howTo.intent, 'docs.answer');
  });

  it('When one person\'s first sign-in, last sign-in "when, where, what app", or what they tried to open is asked, then the sign-in log answers with those columns', async () => {
    const last = await demo.stack.ask("Megan's last sign in — when, where, what app?", admin);
    assert.equal(last.intent, 'signin.list');
    const plan = last.plan as QuestionPlan;
    assert.deepEqual(plan.operation, { kind: 'latest' });
    assert.deepEqual(plan.columns, ['city', 'country']);
    assert.match(last.text, /\| Time \(UTC\) \| User \| App \| Result \| City \| Country \|/);
    // Without "where", the account's own record of its last sign-ins answers, as before.
    const when = await demo.stack.ask('when did Megan last sign in', admin);
    assert.equal(when.intent, 'user.info');
    assert.equal((when.plan as QuestionPlan).resource, 'users');
    const first = await demo.stack.ask('first sign-in of Nestor Wilke', admin);
    assert.equal(first.intent, 'signin.list');
    assert.equal((first.plan as QuestionPlan).operation.kind, 'first');
    const opened = await demo.stack.ask('what did Megan Bowen try to open this month', admin);
    assert.equal(opened.intent, 'signin.list');
  });

  it('When membership adds are counted, roles "handed out" asked, or a guest account\'s creation asked, then the audit log or the account answers', async () => {
    const adds = await demo.stack.ask('how many group membership adds this month', admin);
    assert.equal(adds.intent, 'audit.changes');
    assert.ok((adds.plan as QuestionPlan).filters.some((f) => f.field === 'activity' && f.value === 'Add member to group'), JSON.stringify(adds.plan));
    const removals = await demo.stack.ask('group member removals this week', admin);
    assert.equal(removals.intent, 'audit.changes');
    const [, handed] = await demo.stack.askChain(['who was made a global admin recently', 'did he hand out any roles recently'], admin);
    assert.equal(handed.intent, 'audit.changes');
    const created = await demo.stack.ask("when did Nestor Wilke's guest account get created", admin);
    assert.equal(created.intent, 'user.info');
    assert.match(created.text, /^Created: /m);
  });

  it('When a name two people share is said alone, then which one is asked, and "the one in customer support" chooses; a title alone is its holder', async () => {
    const [which, chosen] = await demo.stack.askChain(['abigail park', 'the one in customer support'], admin);
    assert.equal(which.intent, 'user.info');
    assert.match(which.text, /Which user do you mean by “abigail park”\?/);
    assert.equal(chosen.intent, 'user.info');
    assert.match(chosen.text, /abigail\.park2@contoso\.com · Support Team Lead, Customer Support/);
    const title = await demo.stack.ask('the HR director', admin);
    assert.equal(title.intent, 'user.info');
  });

  it('When a thread asks "what else can he do", whether a group holds a role, or whether it is role-assignable, then roles and the group answer', async () => {
    const [, more] = await demo.stack.askChain(['who has privileged role administrator', 'what else can he do'], admin);
    assert.equal(more.intent, 'role.assignments');
    assert.match(more.text, /Roles of Pradeep Gupta/);
    const holds = await demo.stack.ask('does the Security Operations group hold any role', admin);
    assert.equal(holds.intent, 'role.assignments');
    const assignable = await demo.stack.ask('is security operations role-assignable', admin);
    assert.equal(assignable.intent, 'group.info');
  });

  it('When the assistant is asked whether it resets passwords, then help answers; "then how do I reset Lee Gu\'s password myself" is the how-to; small talk and thanks are not Entra questions', async () => {
    const [, can, how] = await demo.stack.askChain(['help', 'can you reset passwords?', "then how do I reset Lee Gu's password myself"], admin);
    assert.equal(can.intent, 'help');
    assert.equal(how.intent, 'docs.answer');
    const [, rain, back] = await demo.stack.askChain(["why can't quinn flores sign in", 'unrelated but is it going to rain in seattle today', 'ok back to quinn — her groups?'], admin);
    assert.equal(rain.intent, 'outOfScope');
    assert.equal(back.intent, 'user.groups');
    assert.match(back.text, /Groups of Quinn Flores/);
    const clock = await demo.stack.ask('side note - is Moscow 3 hours ahead of London?', admin);
    assert.equal(clock.intent, 'outOfScope');
    const lunch = await demo.stack.ask('unrelated but do you know a good lunch place near the office?', admin);
    assert.equal(lunch.intent, 'outOfScope');
    const buy = await demo.stack.ask('buy 50 more e5 licenses', admin);
    assert.equal(buy.intent, 'outOfScope');
    const thanks = await demo.stack.ask('thanks, that was helpful!', admin);
    assert.equal(thanks.intent, 'help');
  });

  it('When changes follow a list or a person ("who last changed it", "who did the consenting", "when did we invite him"), then the audit log answers about that object', async () => {
    const [, changed] = await demo.stack.askChain(['disabled CA policies?', 'who last changed it'], admin);
    assert.equal(changed.intent, 'audit.changes');
    assert.match(changed.text, /Changes to the policy "Block Azure management from untrusted locations"/);
    const [, consent] = await demo.stack.askChain(['which apps did we grant consent to this month', 'who did the consenting'], admin);
    assert.equal(consent.intent, 'audit.changes');
    const [, invited] = await demo.stack.askChain(["our fabrikam guest nestor can't open the shared teams workspace", 'when did we invite him'], admin);
    assert.equal(invited.intent, 'audit.changes');
    assert.match(invited.text, /Nestor Wilke/);
  });

  it('When a thread asks "which company is he from", "how did adrian fix it" or a bare "who" after a count, then the account, the risk history and the counted rows answer', async () => {
    const [, company] = await demo.stack.askChain(["oscar russo can't get into teams", 'which company is he from'], admin);
    assert.equal(company.intent, 'user.info');
    assert.match(company.text, /wingtiptoys\.com/);
    const [, fixed] = await demo.stack.askChain(['risky users remediated this month', 'how did adrian fix it'], admin);
    assert.equal(fixed.intent, 'risk.user');
    assert.match(fixed.text, /changed their password securely/);
    const [, who] = await demo.stack.askChain(['how many users are at medium risk', 'who'], admin);
    assert.equal(who.intent, 'risk.users');
    assert.equal((who.plan as QuestionPlan).operation.kind, 'list');
  });

  it('When a seven-digit 7000xxx code is asked about without its AADSTS prefix, then it is read as the error code', async () => {
    const code = await demo.stack.ask("what's 7000222 mean?", admin);
    assert.equal(code.intent, 'docs.answer');
    assert.match(code.text, /7000222/);
  });

  it('When a help-desk line tells what a person sees ("stuck at the \'more information required\' screen", a quoted error, "app says … for ben"), then that person is diagnosed', async () => {
    const stuck = await demo.stack.ask("Hello. Megan Bowen is stuck at the 'more information required' screen", admin);
    assert.equal(stuck.intent, 'signin.troubleshoot');
    assert.match(stuck.text, /Sign-in diagnosis: Megan Bowen/);
    const quoted = await demo.stack.ask("sorry to bother you, Alicia Baker: 'the user or administrator has not consented'", admin);
    assert.equal(quoted.intent, 'signin.troubleshoot');
    // A forwarded message's sender is not the person in trouble: "who added the new secret" stays the audit log's.
    const forwarded = await demo.stack.ask('Fwd from Irvin Sayers: "Hi, who added the new secret to Payroll Connector recently? I didnt approve anything." - can you check?', admin);
    assert.equal(forwarded.intent, 'audit.changes');
  });

  it('When a diagnosis is followed by "are others affected?", then the others with that error are listed', async () => {
    const [, others] = await demo.stack.askChain(["why can't Megan sign in?", 'are others affected?'], admin);
    assert.equal(others.intent, 'signin.list');
  });

  it('When the asker asks about themselves ("which groups am I in", "what roles do I have", "am I a global admin?", "what did I change"), then the answer is about the asker; "how do I …" and quoted first persons are not', async () => {
    const groups = await demo.stack.ask('which groups am I in', admin);
    assert.equal(groups.intent, 'user.groups');
    assert.match(groups.text, /Groups of Avery Admin/);
    const roles = await demo.stack.ask('what roles do I have?', DEMO_SECURITY_ADMIN.userPrincipalName);
    assert.equal(roles.intent, 'role.assignments');
    assert.match(roles.text, /Security Administrator/);
    const ga = await demo.stack.ask('am I a global admin?', admin);
    assert.equal(ga.intent, 'role.assignments');
    const changed = await demo.stack.ask('what did I change this week', admin);
    assert.equal(changed.intent, 'audit.changes');
    assert.match(changed.text, /Changes by Avery Admin/);
    const how = await demo.stack.ask('how do I reset a password', admin);
    assert.equal(how.intent, 'docs.answer');
    const confused = await demo.stack.ask('honestly this bot is confusing, what am I even supposed to ask it?', admin);
    assert.equal(confused.intent, 'help');
  });

  it('When a policy question is asked in other words ("what does the legacy auth policy block", "excluded from our policies", "what changed on the … policy", "when did they last change the password"), then the page, the audit log or the account answers', async () => {
    const block = await demo.stack.ask('what does the legacy auth policy block', admin);
    assert.equal(block.intent, 'policy.info');
    assert.match(block.text, /^Block legacy authentication$/m);
    const excluded = await demo.stack.ask('is the emergency access accounts group excluded from our policies?', admin);
    assert.equal(excluded.intent, 'policy.info');
    const changed = await demo.stack.ask('what changed on the Block Azure management policy', admin);
    assert.equal(changed.intent, 'audit.changes');
    const role = await demo.stack.ask('does the helpdesk operators group have a role?', admin);
    assert.equal(role.intent, 'role.assignments');
    const licences = await demo.stack.ask('which licences are unassigned?', admin);
    assert.equal(licences.intent, 'outOfScope');
    const [, password] = await demo.stack.askChain(['who is Megan Bowen?', 'when did they last change the password'], admin);
    assert.equal(password.intent, 'user.info');
  });

  it('When a role\'s holders are followed by "and who else holds that role?", a group\'s story is asked, or Intune compliance, then the role, the group\'s changes and the scope note answer', async () => {
    const [, others] = await demo.stack.askChain(['who holds Global Administrator', 'and who else holds that role?'], admin);
    assert.equal(others.intent, 'role.assignments');
    assert.match(others.text, /Who holds Global Administrator/);
    const falcon = await demo.stack.ask('what happened to Project Falcon last week?', admin);
    assert.equal(falcon.intent, 'audit.changes');
    assert.match(falcon.text, /Project Falcon/);
    const intune = await demo.stack.ask('which laptops are non-compliant in intune', admin);
    assert.equal(intune.intent, 'outOfScope');
  });

  it('When what a mitigation does is asked ("what does \'confirm compromised\' actually do to the user?"), then it is explained, not a person\'s risk', async () => {
    const answer = await demo.stack.ask("what does 'confirm compromised' actually do to the user?", admin);
    assert.equal(answer.intent, 'docs.answer');
    assert.doesNotMatch(answer.text, /Confirm compromised\]/);
  });

  it('When a surname has two letters swapped ("david baeur"), then it links to that person; "what does that policy cover" after a policy\'s changes is that policy', async () => {
    const swapped = await demo.stack.ask('is david baeur in any groups', admin);
    assert.equal(swapped.intent, 'user.groups');
    assert.match(swapped.text, /I took “david baeur” to mean David Bauer/);
    const [, cover] = await demo.stack.askChain(['who changed Require MFA for all users last week?', 'what does that policy cover'], admin);
    assert.equal(cover.intent, 'policy.info');
    assert.match(cover.text, /^Require MFA for all users$/m);
  });
  it('When "since when?" or "when did it start" follows a diagnosis, then the person\'s first failure of that error in all the log keeps answers, background sign-ins included', async () => {
    const [diagnosis, since] = await demo.stack.askChain(["hi, why can't Jack Murphy get in", 'when did it start'], admin);
    assert.equal(diagnosis.intent, 'signin.troubleshoot');
    assert.match(diagnosis.text, /50057/);
    assert.equal(since.intent, 'signin.list');
    const plan = since.plan as QuestionPlan;
    assert.equal(plan.operation.kind, 'first');
    assert.deepEqual(plan.filters.find((f) => f.field === 'errorCode')?.value, 50057);
    assert.equal(plan.window?.label, 'last 30 days');
    // Jack's failures are background sign-ins only: a list of interactive ones would find none.
    assert.match(since.text, /^\| 2026-10-26 09:08 UTC \| Jack Murphy \| Outlook Mobile \| failure \(50057\) \| non-interactive \|$/m, since.text);
    const [, ticket] = await demo.stack.askChain(["Alicia Smith says Outlook on the phone won't let them in", 'since when is this happening?'], admin);
    assert.equal(ticket.intent, 'signin.list');
    assert.match(ticket.text, /2026-11-04 \d\d:\d\d UTC \| Alicia Smith/, ticket.text);
  });

  it('When someone "gets signed out all the time", then it is a sign-in problem diagnosed, not a list of sign-ins', async () => {
    const answer = await demo.stack.ask('sorry to bother you, megan bowen gets signed out all the time', admin);
    assert.equal(answer.intent, 'signin.troubleshoot', answer.text);
    assert.match(answer.text, /^Sign-in diagnosis: Megan Bowen$/m);
  });
  it('When groups or a membership are followed by "even through nesting?" or "including nested?", then that answer again, with its nested groups and the group asked about', async () => {
    const [, nested] = await demo.stack.askChain(['is megan bowen in VPN Users?', 'even through nesting?'], admin);
    assert.equal(nested.intent, 'user.groups');
    assert.match(nested.text, /^Groups of Megan Bowen$/m);
    assert.match(nested.text, /not in VPN Users, directly or through a nested group/);
    const [, counting] = await demo.stack.askChain(['which groups is megan in', 'including nested?'], admin);
    assert.equal(counting.intent, 'user.groups');
    assert.match(counting.text, /^Groups of Megan Bowen$/m);
  });
  it('When a failure is followed by "why?" at the end, or "what is wrong with X\'s sign-ins" is asked, then X is diagnosed, not listed', async () => {
    for (const [text, title] of [
      ["Lidia's sign-ins are being blocked - why?", /^Sign-in diagnosis: Lidia Holloway$/m],
      ["What is wrong with Megan Bowen's sign-ins", /^Sign-in diagnosis: Megan Bowen$/m],
    ] as const) {
      const answer = await demo.stack.ask(text, admin);
      assert.equal(answer.intent, 'signin.troubleshoot', `${text}\n${answer.text}`);
      assert.match(answer.text, title);
    }
  });

  it('When a country follows "blocking" ("are we blocking cuba"), then the named locations that hold it answer; "block jordan" is still a person', async () => {
    const cuba = await demo.stack.ask('are we blocking cuba', admin);
    assert.equal(cuba.intent, 'policy.info', cuba.text);
    assert.match(cuba.text, /\| Blocked countries \|[^\n]*Cuba \(CU\)/);
  });

  it('When a Temporary Access Pass, how long logs are kept, or report-only mode is asked about, then the concept is explained; "what can this bot answer?" and example questions are help', async () => {
    const cases: Array<[string, string, RegExp]> = [
      ['how do I set up a TAP for a new hire', 'docs.answer', /^Temporary Access Pass \(TAP\)$/m],
      ['how long are sign in logs kept', 'docs.answer', /^How long sign-in and audit logs are kept$/m],
      ["what's report-only mode in conditional access", 'docs.answer', /report-only/i],
      ['what can this bot answer?', 'help', /./],
      ['can you show me example questions', 'help', /./],
    ];
    for (const [text, intent, shown] of cases) {
      const answer = await demo.stack.ask(text, admin);
      assert.equal(answer.intent, intent, `${text}\n${answer.text}`);
      assert.match(answer.text, shown, text);
    }
    const retention = await demo.stack.ask('how long do you keep sign-in logs', admin);
    assert.match(retention.text, /30 days/);
    assert.equal(retention.plan, undefined);
  });
  it('When a thread about one person asks "which groups?", a group\'s page "show more", or an app\'s "who owns it so I can ping them", then that person\'s groups, the group\'s members and the app\'s owner answer', async () => {
    const [, groups] = await demo.stack.askChain(['is the account for Lee Gu active or disabled', 'which groups?'], admin);
    assert.equal(groups.intent, 'user.groups');
    assert.match(groups.text, /^Groups of Lee Gu$/m);
    // After a list of people, "which groups?" is not one person's.
    const [, all] = await demo.stack.askChain(['how many guests do we have', 'which groups?'], admin);
    assert.notEqual(all.intent, 'user.groups');
    const [page, more] = await demo.stack.askChain(['how many in Sales Team', 'show more'], admin);
    assert.equal(more.intent, 'group.info', `${page.intent}: ${page.text}\n---\n${more.text}`);
    assert.equal((more.plan as QuestionPlan).resource, 'groupMembers');
    assert.match(more.text, /^\*\*49 members\*\*\.$/m);
    const [, owner] = await demo.stack.askChain(['expense tracker secret expiry?', 'who owns it so I can ping them'], admin);
    assert.equal(owner.intent, 'app.info');
    assert.match(owner.text, /^Expense Tracker$/m);
  });

  it('When a person\'s fields are asked tersely ("Megan Bowen office city?"), then the account answers; "any of them without mfa?" after role holders reads their MFA registration, after sign-ins the sign-ins done without MFA', async () => {
    const city = await demo.stack.ask('Megan Bowen office city?', admin);
    assert.equal(city.intent, 'user.info', city.text);
    assert.match(city.text, /^Megan Bowen$/m);
    const [, holders] = await demo.stack.askChain(['who are the global admins?', 'any of them without mfa?'], admin);
    assert.equal(holders.intent, 'user.info');
    assert.equal((holders.plan as QuestionPlan).resource, 'registrationDetails');
    const [, signIns] = await demo.stack.askChain(['who logged into the azure portal this month', 'any of those without mfa?'], admin);
    assert.equal(signIns.intent, 'signin.list');
    assert.equal((signIns.plan as QuestionPlan).resource, 'signIns');
  });
  it('When an app\'s risky sign-ins or detections are asked about ("which credential did the risky payroll connector sign-ins use?"), then its workload-identity risk answers, with the credential and the address; its plain sign-ins stay a list', async () => {
    for (const text of ['which credential did the risky payroll connector sign-ins use?', 'what IP did the risky Payroll Connector sign-ins come from', 'what did the payroll connector detection see, which IP']) {
      const answer = await demo.stack.ask(text, secadmin);
      assert.equal(answer.intent, 'risk.workload', `${text}\n${answer.text}`);
      assert.match(answer.text, /Payroll sync rotation/);
      assert.match(answer.text, /192\.0\.2\.150/);
    }
    const plain = await demo.stack.ask('payroll connector sign-ins this week', admin);
    assert.equal(plain.intent, 'signin.list');
  });
  it('When policies created this year or new policies are asked for, then the policies are listed by their own creation date; who changed a policy stays the audit log', async () => {
    const created = await demo.stack.ask('policies created this year', admin);
    assert.equal(created.intent, 'policy.info', created.text);
    const plan = created.plan as QuestionPlan;
    assert.equal(plan.resource, 'conditionalAccessPolicies');
    assert.deepEqual(plan.filters.map((f) => [f.field, f.op, f.value]), [['createdDateTime', 'ge', '2026-01-01T00:00:00.000Z']]);
    assert.match(created.text, /\*\*3 Conditional Access policies\*\*/);
    assert.match(created.text, /\| Sign-in frequency for unmanaged devices \|/);
    const who = await demo.stack.ask('who changed Require MFA for all users last week?', admin);
    assert.equal(who.intent, 'audit.changes');
  });
  it('When a group\'s page is followed by "are any of those disabled?", "any guests in it?" or "how many of them are guests?", then that group\'s members with the condition answer, not everyone in the tenant', async () => {
    const [, disabled, owners] = await demo.stack.askChain(["who's on the Product Launch 2027 team", 'are any of those disabled?', 'who are the owners?'], admin);
    assert.equal(disabled.intent, 'group.info', disabled.text);
    assert.match(disabled.text, /^Members · of Product Launch 2027 \(direct\) · disabled accounts$/m);
    assert.match(disabled.text, /^\*\*2 members\*\*\.$/m);
    assert.match(disabled.text, /Lee Gu/);
    assert.equal(owners.intent, 'group.info');
    assert.match(owners.text, /^Product Launch 2027$/m);
    const [, guests] = await demo.stack.askChain(['tell me about Sales Team', 'any guests in it?'], admin);
    assert.equal(guests.intent, 'group.info');
    assert.match(guests.text, /^Members · of Sales Team \(direct\) · user type Guest$/m);
    assert.doesNotMatch(guests.text, /\*\*23 users\*\*/);
  });
  it('When sign-ins or a diagnosis are followed by "which apps?" or "which apps were they trying to open?", then those sign-ins by app answer, not the tenant\'s app registrations', async () => {
    const [, apps] = await demo.stack.askChain(['how many failed sign-ins today', 'which apps?'], admin);
    assert.equal(apps.intent, 'signin.list', apps.text);
    const plan = apps.plan as QuestionPlan;
    assert.equal(plan.resource, 'signIns');
    assert.deepEqual(plan.operation, { kind: 'groupBy', field: 'app' });
    assert.ok(plan.filters.some((f) => f.field === 'result' && f.value === 'failure'));
    const [, tried] = await demo.stack.askChain(["why can't megan sign in", 'which apps were they trying to open?'], admin);
    assert.equal(tried.intent, 'signin.list');
    assert.match(tried.text, /^Sign-ins · Megan Bowen · failed · last 7 days · by app$/m);
  });
  it('When a person\'s last sign-in is followed by "and from where?", then their newest sign-in answers with its city and country', async () => {
    const [, where] = await demo.stack.askChain(['when did Diego last sign in?', 'and from where?'], admin);
    assert.equal(where.intent, 'signin.list', where.text);
    assert.deepEqual((where.plan as QuestionPlan).operation, { kind: 'latest' });
    assert.match(where.text, /\| Diego Siciliani \| [^|]+ \| [^|]+ \| Redmond \| United States \(US\) \|/);
  });
  it('When one person\'s or app\'s failure is told as it happens, with a device, a place, a guest or a pasted screen, then it is their diagnosis, not a list of their failed sign-ins', async () => {
    for (const [text, code] of [
      ['megan bowen - outlook sign in failing on android', /53000/],
      ['hi there, nestor wilke (guest) gets stuck on teams sign-in', /50079/],
      ['is the inventory sync app still failing to authenticate?', /7000222/],
      ["megan bowen iphone outlook 'device must be managed' (marketing, redmond)", /53000/],
      ["AADSTS50079 Due to a configuration change made by your administrator, or because you moved to a new location, you must enroll in multi-factor authentication\n\nthat's what Nestor Wilke sees in teams", /50079/],
    ] as const) {
      const answer = await demo.stack.ask(text, admin);
      assert.equal(answer.intent, 'signin.troubleshoot', `${text}\n${answer.text}`);
      assert.equal(answer.plan, undefined, text);
      assert.match(answer.text, /^Sign-in diagnosis: /m, text);
      assert.match(answer.text, code, text);
    }
    // Asked as a list, the same words stay a list.
    const list = await demo.stack.ask("megan bowen's failed sign-ins on android this week", admin);
    assert.equal(list.intent, 'signin.list');
  });
  it('When people are asked for by a job title in the plural or by joining, then the tenant\'s own titles and creation dates are the conditions; an account\'s creation asked beside its state is its page', async () => {
    const analysts = await demo.stack.ask('list the security analysts', admin);
    assert.equal(analysts.intent, 'user.info', analysts.text);
    assert.deepEqual((analysts.plan as QuestionPlan).filters.map((f) => [f.field, f.value]), [['jobTitle', 'Security Analyst']]);
    assert.match(analysts.text, /^\*\*4 users\*\*\.$/m);
    const accountants = await demo.stack.ask('how many accountants do we have', admin);
    assert.deepEqual((accountants.plan as QuestionPlan).operation, { kind: 'count' });
    assert.match(accountants.text, /^\*\*6 users\*\*\.$/m);
    const joined = await demo.stack.ask('who joined the company in the last 30 days', admin);
    assert.equal(joined.intent, 'user.info');
    assert.deepEqual((joined.plan as QuestionPlan).filters.map((f) => [f.field, f.op]), [['createdDateTime', 'ge']]);
    const created = await demo.stack.ask("is megan bowen's account enabled? when was it created", admin);
    assert.equal(created.intent, 'user.info', created.text);
    assert.match(created.text, /^Megan Bowen$/m);
    const [, join] = await demo.stack.askChain(['is isaiah langer at risk?', 'when did he join'], admin);
    assert.equal(join.intent, 'user.info', join.text);
    assert.match(join.text, /^Isaiah Langer$/m);
    const by = await demo.stack.ask("was megan bowen's account created by someone in IT?", admin);
    assert.equal(by.intent, 'audit.changes');
  });
  it('When device management or an MFA reset is asked for, then it is declined; a detection type said of a person is their risk, and asked of everyone it lists those detections', async () => {
    for (const text of ["is megan's phone enrolled in intune?", 'which devices does megan bowen have in intune', 'reset mfa for megan bowen so she can re-register']) {
      const answer = await demo.stack.ask(text, admin);
      assert.equal(answer.intent, 'outOfScope', `${text}\n${answer.text}`);
    }
    const how = await demo.stack.ask("how do I reset someone's MFA", admin);
    assert.equal(how.intent, 'docs.answer');
    const spray = await demo.stack.ask('bob kelly password spray detail pls', secadmin);
    assert.equal(spray.intent, 'risk.user', spray.text);
    assert.match(spray.text, /Bob Kelly/);
    const leaked = await demo.stack.ask('any leaked credentials this month', secadmin);
    assert.equal(leaked.intent, 'risk.users', leaked.text);
    const plan = leaked.plan as QuestionPlan;
    assert.equal(plan.resource, 'riskDetections');
    assert.deepEqual(plan.filters.map((f) => [f.field, f.value]), [['riskEventType', 'leakedCredentials']]);
  });
  it('When invitations, role holders counted, what the assistant covers or a thank-you are asked, then each has its own answer', async () => {
    const invites = await demo.stack.ask("who's been inviting guests lately", admin);
    assert.equal(invites.intent, 'audit.changes', invites.text);
    assert.deepEqual((invites.plan as QuestionPlan).filters.map((f) => [f.field, f.value]), [['activity', 'Invite external user']]);
    const roles = await demo.stack.ask('how many people have directory roles', admin);
    assert.equal(roles.intent, 'role.assignments', roles.text);
    assert.deepEqual((roles.plan as QuestionPlan).operation, { kind: 'count' });
    const cover = await demo.stack.ask('can you look at risk too or just sign-ins', admin);
    assert.equal(cover.intent, 'help');
    const [, thanks] = await demo.stack.askChain(["why can't johanna lorenz get mail", "ok thanks, I'll tell her to use outlook"], admin);
    assert.equal(thanks.intent, 'help', thanks.text);
    // A request about a person with "too" is still that person's question.
    const too = await demo.stack.ask("can you check megan bowen's sign-ins too", admin);
    assert.notEqual(too.intent, 'help');
  });
  it('When an audit list is followed by "for which users?", or an app\'s risk by "was that key added right before?", then the same changes, or that app\'s, answer', async () => {
    const [list, which] = await demo.stack.askChain(['password resets this month - who did them', 'for which users?'], admin);
    assert.equal(which.intent, 'audit.changes', which.text);
    assert.deepEqual((which.plan as QuestionPlan).filters, (list.plan as QuestionPlan).filters);
    const [, key] = await demo.stack.askChain(["payroll connector's risky sign-in, which credential was used?", 'was that key added right before?'], secadmin);
    assert.equal(key.intent, 'audit.changes', key.text);
    assert.match(key.text, /^Changes to Payroll Connector$/m);
    assert.match(key.text, /Miriam Graham/);
  });
  it('When a check, a shared site out of reach, an error asked again, a code or a policy\'s purpose is asked, then each is read as asked', async () => {
    const managed = await demo.stack.ask('did megan bowen manage to sign in at all today', admin);
    assert.equal(managed.intent, 'signin.list', managed.text);
    assert.match(managed.text, /^7 interactive sign-ins for Megan Bowen today: 6 failed\.$/m);
    const site = await demo.stack.ask("nestor wilke (guest) can't see the sharepoint site we shared", admin);
    assert.equal(site.intent, 'signin.troubleshoot', site.text);
    assert.match(site.text, /50079/);
    const [, still] = await demo.stack.askChain(["who changed lee gu's account", 'ok and is he still getting errors?'], admin);
    assert.equal(still.intent, 'signin.troubleshoot', still.text);
    assert.match(still.text, /^Lee Gu: sign-in to OfficeHome failing with 50057/m);
    const code = await demo.stack.ask("what is 'Keep me signed in' interrupt 50140? should I worry", admin);
    assert.equal(code.intent, 'docs.answer', code.text);
    assert.match(code.text, /^AADSTS50140: /m);
    const blocks = await demo.stack.ask("what does 'block legacy authentication' block exactly", admin);
    assert.equal(blocks.intent, 'policy.info', blocks.text);
    assert.equal(blocks.plan, undefined);
    assert.match(blocks.text, /^Block legacy authentication$/m);
    const [, who] = await demo.stack.askChain(['which accounts are disabled', 'who disabled lee gu out of those'], admin);
    assert.equal(who.intent, 'audit.changes', who.text);
    assert.match(who.text, /^Who: Pradeep Gupta/m);
    const job = await demo.stack.ask("inventory sync job is red in the scheduler again. what's up with its sign ins", admin);
    assert.equal(job.intent, 'signin.troubleshoot', job.text);
    assert.match(job.text, /7000222/);
  });
  it('When the newest hire, a job title alone, an app\'s sign-in audience, a location\'s last change, how a risk was cleared or a declined change is asked, then each answers what was asked', async () => {
    const newest = await demo.stack.ask('newest hire in engineering?', admin);
    assert.equal(newest.intent, 'user.info', newest.text);
    assert.deepEqual((newest.plan as QuestionPlan).operation, { kind: 'latest' });
    // The newest is compared on the account's creation, which the answer shows: Oscar Harris was created on 2026-10-23.
    assert.match(newest.text, /\| Oscar Harris \| oscar\.harris@contoso\.com \| 2026-10-23 00:02 UTC \| Engineering \|/);
    const titles = await demo.stack.ask('security analysts list', admin);
    assert.equal(titles.intent, 'user.info', titles.text);
    assert.match(titles.text, /^\*\*4 users\*\*\.$/m);
    const audience = await demo.stack.ask('sign-in audience of the partner portal app', admin);
    assert.equal(audience.intent, 'app.info', audience.text);
    assert.match(audience.text, /Sign-in audience: accounts in this tenant only \(single tenant\) \(AzureADMyOrg\)/);
    const location = await demo.stack.ask('when was the Blocked countries location last changed', admin);
    assert.equal(location.intent, 'policy.info', location.text);
    assert.match(location.text, /\| Blocked countries \|.*\| 2026-08-17 11:02 UTC \| 2025-10-16 14:45 UTC \|/);
    const cleared = await demo.stack.ask("how did Adele Vance's risk get cleared?", secadmin);
    assert.equal(cleared.intent, 'risk.user', cleared.text);
    assert.match(cleared.text, /dismiss/i);
    for (const text of ["can you unlock bob kelly's account", "change megan bowen's job title to Senior Software Engineer"]) {
      const declined = await demo.stack.ask(text, admin);
      assert.equal(declined.intent, 'outOfScope', `${text}\n${declined.text}`);
    }
    const lookUp = await demo.stack.ask('can you look up sign-ins for me or only explain things?', admin);
    assert.equal(lookUp.intent, 'help');
    const [, used, added] = await demo.stack.askChain(['payroll connector risk', 'was a new secret used for that sign-in?', 'was a new secret added right before?'], secadmin);
    assert.equal(used.intent, 'risk.workload', used.text);
    assert.match(used.text, /Payroll sync rotation/);
    assert.equal(added.intent, 'audit.changes');
    const last = await demo.stack.ask("what happened with nestor wilke's last failed sign in", admin);
    assert.equal(last.intent, 'signin.troubleshoot', last.text);
    assert.match(last.text, /50079/);
  });
  it('When a list of changes is followed by "who did them?" or "whose were they?", guests by "which never signed in", or an error code by "who got it today", then those rows are asked of', async () => {
    const [consents, who] = await demo.stack.askChain(['app consents in the last 7 days', 'who did them'], admin);
    assert.equal(who.intent, 'audit.changes', who.text);
    assert.deepEqual((who.plan as QuestionPlan).filters, (consents.plan as QuestionPlan).filters);
    const [, never] = await demo.stack.askChain(['the guest accounts', 'which never signed in'], admin);
    assert.equal(never.intent, 'user.info', never.text);
    assert.deepEqual((never.plan as QuestionPlan).filters.map((f) => f.field), ['userType', 'lastSignIn']);
    assert.match(never.text, /^\*\*4 users\*\*\.$/m);
    const [, got] = await demo.stack.askChain(["what's 53003", 'ok and who got it today'], admin);
    assert.equal(got.intent, 'signin.list', got.text);
    assert.deepEqual((got.plan as QuestionPlan).filters.map((f) => [f.field, f.value]), [['errorCode', 53003]]);
    const screen = await demo.stack.ask("user says: 'Your sign-in was successful but does not meet the criteria to access this resource' - it's Megan", admin);
    assert.equal(screen.intent, 'signin.troubleshoot', screen.text);
    assert.match(screen.text, /53000/);
    const devices = await demo.stack.ask('which devices does megan bowen have enrolled', admin);
    assert.equal(devices.intent, 'outOfScope');
    const external = await demo.stack.ask('nestor wilke external user error on login', admin);
    assert.equal(external.intent, 'signin.troubleshoot');
  });
  it('When a question is written in a hurry or in a second language ("who disable Lee Gu acc", "can not sign in", "users never sign in, list pls", "where she sit", "what u can do"), then it is read as the same question in full', async () => {
    const cases: Array<[string, string, RegExp]> = [
      ['who disable Lee Gu acc and when', 'audit.changes', /^Changes to Lee Gu$/m],
      ['who invite nestor wilke as guest', 'audit.changes', /^Changes to Nestor Wilke$/m],
      ['megan bowen can not sign in outlook android. whats up', 'signin.troubleshoot', /^Megan Bowen: sign-in to Outlook Mobile failing with 53000/m],
      ['users never sign in, list pls', 'user.info', /^Users · never signed in$/m],
      ['london office users count?', 'user.info', /^Users · in the London office · count$/m],
      ['megan bowen, where she sit (office)?', 'user.info', /^Megan Bowen$/m],
      ['all guests group, what is its rule', 'group.info', /^All Guests$/m],
      ['project falcon lost owner how?', 'audit.changes', /^Changes to Project Falcon$/m],
      ['what u can do? new here', 'help', /^What I can help with$/m],
      ['Johanna Lorenz mail app no sync. reason?', 'signin.troubleshoot', /53003/],
      ['victor schmidt login problems - what is going on with him', 'signin.troubleshoot', /50105/],
      ['inventory sync job fail - client secret?', 'signin.troubleshoot', /7000222/],
    ];
    for (const [text, intent, shows] of cases) {
      const answer = await demo.stack.ask(text, admin);
      assert.equal(answer.intent, intent, `${text}\n${answer.text}`);
      assert.match(answer.text, shows, `${text}\n${answer.text}`);
    }
    // A correlation id the admin labelled inside a pasted error is still the sign-in to diagnose.
    const pasted = await demo.stack.ask('user sent this: AADSTS50057: User account is disabled. correlation 335def6e-1ef8-421d-8af9-463e9672eb35 - who is it and why', admin);
    assert.equal(pasted.intent, 'signin.troubleshoot', pasted.text);
    assert.match(pasted.text, /^Sign-in diagnosis: Abigail Wang$/m);
    // Asking who disabled someone never proposes to disable them.
    assert.notEqual((await demo.stack.ask('who disable megan bowen', secadmin)).intent, 'risk.remediate');
  });
  it('When a person is asked about in Identity Protection terms (shows up there, flagged somewhere, risk dismissed by whom, password found in a leak, real time or offline), then their risk answers, not a diagnosis', async () => {
    for (const [text, person] of [
      ["hey, quick one: bob kelly shows up in identity protection. what's going on with him", 'Bob Kelly'],
      ["what's going on with alex wilber in identity protection", 'Alex Wilber'],
      ["adele's risk got dismissed by whom? want to make sure it wasnt a mistake", 'Adele Vance'],
      ['did anyone confirm or dismiss anything for bob kelly yet', 'Bob Kelly'],
      ['was the unfamiliar sign-in on bob kelly real time or offline', 'Bob Kelly'],
      ['user alex.wilber@contoso.com called, says he got an email that his password was found in a leak?? is that real on our side', 'Alex Wilber'],
      ["Hi! Ticket from Adele Vance: 'I got a prompt saying my sign-in looked unusual'. Is her account flagged somewhere?", 'Adele Vance'],
    ] as const) {
      const answer = await demo.stack.ask(text, secadmin);
      assert.equal(answer.intent, 'risk.user', `${text}\n${answer.text}`);
      assert.match(answer.text, new RegExp(`^${person}$`, 'm'), text);
    }
    const dismissed = await demo.stack.ask("adele's risk got dismissed by whom?", secadmin);
    assert.match(dismissed.text, /Sam Secadmin/);
    // What the feature means stays an explanation, and thanks stay thanks.
    assert.equal((await demo.stack.ask('thx!! super helpful', admin)).intent, 'help');
    assert.equal((await demo.stack.ask('security analysts - who are they', admin)).intent, 'user.info');
    // After a person's risk, "when exactly did that happen" and "what was the detection" are parts of the same story.
    const [, when] = await demo.stack.askChain(['why is adele vance not showing as risky anymore', 'when exactly did that happen'], secadmin);
    assert.equal(when.intent, 'risk.user', when.text);
    assert.match(when.text, /2026-11-15/);
    const [, detection] = await demo.stack.askChain(['alex wilber risk level?', 'what was the detection'], secadmin);
    assert.equal(detection.intent, 'risk.user', detection.text);
    assert.match(detection.text, /^Alex Wilber$/m);
    assert.match(detection.text, /leakedCredentials|[Ll]eaked credentials/);
  });
  it('When a directory change the assistant does not make is asked (a role granted or taken, a policy\'s exclusions, a trusted range, "add her to it"), then it is declined with the role or policy still linked; a polite request to disable is a request; a new MFA phone is a change in the audit log', async () => {
    for (const [text, linked] of [
      ['make megan bowen a global admin', 'Global Administrator'],
      ['please remove isaiah langer from global admins', 'Global Administrator'],
      ['give adele vance the helpdesk admin role', 'Helpdesk Administrator'],
      ['exclude megan bowen from the require mfa for all users policy', 'Require MFA for all users'],
      ['add 198.51.100.0/24 as trusted', undefined],
      ['which devices are non compliant', undefined],
    ] as const) {
      const answer = await demo.stack.ask(text, admin);
      assert.equal(answer.intent, 'outOfScope', `${text}\n${answer.text}`);
      if (linked) assert.ok((answer.entities as Array<{ displayName?: string; value?: string }>).some((e) => e.displayName === linked || e.value === linked), `${text}: ${JSON.stringify(answer.entities)}`);
    }
    const [, trusted] = await demo.stack.askChain(['named locations', 'ok make it trusted'], admin);
    assert.equal(trusted.intent, 'outOfScope', trusted.text);
    assert.equal((await demo.stack.ask('cheers mate', admin)).intent, 'help');
    const disable = await demo.stack.ask("Would you mind disabling lidia holloway's account for now? just to be safe", admin);
    assert.equal(disable.intent, 'risk.remediate', disable.text);
    assert.ok((disable.entities as Array<{ type: string; value?: string }>).some((e) => e.type === 'action' && e.value === 'disable'));
    assert.equal((await demo.stack.ask("does the policy block megan's sign-in", admin)).intent === 'risk.remediate', false);
    const phone = await demo.stack.ask('did megan register a new phone for mfa?', admin);
    assert.equal(phone.intent, 'audit.changes', phone.text);
    assert.equal((await demo.stack.ask('has megan registered mfa', admin)).intent, 'user.info');
  });
  it('When a policy is followed by "how many people did it block today?", or a list of one policy by "is it on?", then its sign-ins and that policy answer', async () => {
    const [, blocked] = await demo.stack.askChain(["what does the 'Require compliant device for Office 365' policy actually do", 'how many people did it block today'], admin);
    assert.equal(blocked.intent, 'signin.list', blocked.text);
    assert.match(blocked.text, /blocked by "Require compliant device for Office 365"/);
    const [, on] = await demo.stack.askChain(['which policies use the blocked countries location', 'is it on?'], admin);
    assert.equal(on.intent, 'policy.info', on.text);
    assert.match(on.text, /^Block sign-ins from blocked countries$/m);
    // What a policy would do if enforced stays the policy's question.
    assert.equal((await demo.stack.ask('how many users would the sign-in frequency policy affect if enforced', admin)).intent, 'policy.info');
  });
  it('When a person\'s failures are followed by "which apps were they trying?", then the apps of their sign-ins answer, not the app registrations', async () => {
    const [, apps] = await demo.stack.askChain(["megan bowen can't sign in", 'which apps were they trying'], admin);
    assert.equal(apps.intent, 'signin.list', apps.text);
    assert.match(apps.text, /^Sign-ins · Megan Bowen · .*by app$/m);
    const named = await demo.stack.ask('which apps was megan bowen trying to sign into', admin);
    assert.equal(named.intent, 'signin.list', named.text);
    // With an error code named, the app of that failure is the diagnosis's.
    assert.equal((await demo.stack.ask('AADSTS50105 for adele vance on her mac, what app was she trying to reach?', admin)).intent, 'signin.troubleshoot');
  });
  it('When a risk\'s closing is asked with "who did that", a detection type is said of a person with "sign-in" in its name, or an admin\'s dismissals are asked, then Identity Protection answers, not the audit log or the scope note', async () => {
    const closed = await demo.stack.ask('adele vance - why is her risk dismissed? who did that', secadmin);
    assert.equal(closed.intent, 'risk.user', closed.text);
    assert.match(closed.text, /Sam Secadmin/);
    const flag = await demo.stack.ask('bob kelly unfamiliar sign-in properties flag?', secadmin);
    assert.equal(flag.intent, 'risk.user', flag.text);
    assert.match(flag.text, /^Bob Kelly$/m);
    assert.equal((await demo.stack.ask('has sam secadmin dismissed anything lately?', admin)).intent, 'risk.users');
    // A failure told after such a sign-in is still diagnosed.
    assert.equal((await demo.stack.ask("adele can't sign in after the unfamiliar sign-in", admin)).intent, 'signin.troubleshoot');
  });
  it('When a distinct count is followed by "which ones?", "what are they?" or "who are they?", then the values counted answer with their counts; "only the failed ones" next keeps that breakdown; people who "failed" are people whose sign-ins failed', async () => {
    const [, which, failed] = await demo.stack.askChain(['how many countries did sign-ins come from this week', 'which ones', 'only the failed ones'], admin);
    assert.equal(which.intent, 'signin.list', which.text);
    assert.deepEqual((which.plan as QuestionPlan).operation, { kind: 'groupBy', field: 'country' });
    assert.equal(failed.intent, 'signin.list', failed.text);
    assert.deepEqual((failed.plan as QuestionPlan).operation, { kind: 'groupBy', field: 'country' });
    assert.deepEqual((failed.plan as QuestionPlan).filters.map((f) => [f.field, f.value]), [['result', 'failure']]);
    const [count, who] = await demo.stack.askChain(['how many different users failed today', 'who are they'], admin);
    assert.equal(count.intent, 'signin.list', count.text);
    assert.deepEqual((count.plan as QuestionPlan).operation, { kind: 'countDistinct', field: 'userDisplayName' });
    assert.deepEqual((who.plan as QuestionPlan).operation, { kind: 'groupBy', field: 'userDisplayName' });
    // Choosing on the breakdown's own field lists those rows.
    const [, high] = await demo.stack.askChain(['risky users by risk level', 'just the high ones'], secadmin);
    assert.deepEqual((high.plan as QuestionPlan).operation, { kind: 'list' });
  });
  it('When a help desk tells a failure with who the person is ("Hana Fischer, warehouse supervisor, back from leave, can\'t get mail", "mfa setup loop", "outlook iOS broken", "what does he see when signing in"), then it is diagnosed, not the account; when they joined is no window; "i\'ll cc them" is no part of the question', async () => {
    for (const text of [
      "Lee Gu, warehouse supervisor, back from leave, can't get mail",
      "megan bowen, marketing manager, can't read her email",
      "nestor wilke data scientist: mfa setup loop and password expired msg once. what's going on",
      'megan bowen cust support: outlook iOS broken. she has another ticket open about windows hello, ignore that',
    ]) {
      const answer = await demo.stack.ask(text, admin);
      assert.equal(answer.intent, 'signin.troubleshoot', `${text}\n${answer.text}`);
      assert.match(answer.text, /^Sign-in diagnosis: /m, text);
    }
    const [joined, manager] = await demo.stack.askChain(["megan bowen joined marketing in july, her phone mail is broken, what does she see when signing in", "who is her manager, i'll cc them"], admin);
    assert.equal(joined.intent, 'signin.troubleshoot', joined.text);
    assert.doesNotMatch(joined.text, /\bin july\b/i);
    assert.match(joined.text, /^Sign-in diagnosis: Megan Bowen$/m);
    assert.equal(manager.intent, 'user.info', manager.text);
    // Who joined in a month is still a question over that month.
    const july = await demo.stack.ask('how many people joined in july', admin);
    assert.ok(july.entities.some((e) => (e as { type: string; value?: string }).type === 'timeRange' && (e as { value?: string }).value === 'month:2026-07'), JSON.stringify(july.entities));
  });
  it('When someone\'s risk is asked ("is X still at risk", "what\'s going on with X\'s risk"), an order follows what was seen ("…is high risk, disable the service principal", "lock him out now"), what an action would do is asked, or a re-registration or a firewall is asked for, then each is read as meant', async () => {
    await answersAs(
      [
        ['can you check whether bob kelly is still at risk', 'risk.user'],
        ["what's going on with alan clarke's risk, it's been open for weeks", 'risk.user'],
        ['payroll connector is high risk, disable the service principal', 'risk.remediate'],
        ['hurry - bob kelly, lock him out now', 'risk.remediate'],
        ["dismiss alan clarke's risk, it was a business trip", 'risk.remediate'],
        ["what would dismissing bob's risk actually do?", 'docs.answer'],
        ["does dismissing a user's risk also dismiss their detections", 'docs.answer'],
        ['how does unlikely travel work', 'docs.answer'],
        ['can you force alex wilber to re-register MFA', 'outOfScope'],
        ['block the IP 192.0.2.57 on the firewall', 'outOfScope'],
      ],
      secadmin,
    );
    // Asking whether someone is locked out is still a diagnosis.
    assert.equal((await demo.stack.ask('is bob kelly locked out?', admin)).intent, 'signin.troubleshoot');
  });
  it('When a policy turned off "and by who", the last Conditional Access change, or who was added to a privileged role is asked, then the audit log answers; whether a policy is enforced yet, or whether guests need MFA, is the policies\' question; mailbox forwarding is declined', async () => {
    await answersAs(
      [
        ['why was the Azure management block turned off, and by who', 'audit.changes'],
        ['last conditional access change - what and who', 'audit.changes'],
        ['Who was added to a privileged role in the last 7 days', 'audit.changes'],
        ['does the password change policy for high risk users actually enforce anything yet or is it still a trial', 'policy.info'],
        ['do guests need mfa?', 'policy.info'],
        ['which mailboxes have forwarding rules', 'outOfScope'],
        // How to make a policy report-only is explained, and turning one on is declined.
        ['how do i make a policy report-only before turning it on', 'docs.answer'],
        ["can you turn on the sign-in frequency policy? it's been in report only for ages", 'outOfScope'],
      ],
      admin,
    );
  });
  it('When smart lockout or report-only mode is asked about with nobody named, then it is explained; "was her account disabled and by who?" in a ticket reads the audit log', async () => {
    await answersAs(
      [
        ['what is smart lockout and how long does it last', 'docs.answer'],
        ['explain report-only mode for CA policies', 'docs.answer'],
        ["lee gu's manager says he can't get in after his leave. was his account disabled and by who?", 'audit.changes'],
        // A person's lockout is still their diagnosis.
        ['is bob kelly locked out by smart lockout?', 'signin.troubleshoot'],
      ],
      admin,
    );
  });
  it('When who failed a policy is asked, then the sign-ins it failed answer, by person; "what happened to <policy> lately?" reads the audit log; football, reinstalling an app on a laptop and PowerShell scripts are declined', async () => {
    const failed = await demo.stack.ask('who failed the require mfa for all users policy this week', admin);
    assert.equal(failed.intent, 'signin.list', failed.text);
    assert.match(failed.text, /^Sign-ins · blocked by "Require MFA for all users" · this week · by user$/m);
    const happened = await demo.stack.ask("what happened to the 'Require MFA for all users' policy lately?", admin);
    assert.equal(happened.intent, 'audit.changes', happened.text);
    for (const text of ['whos winning the football tonight', "reinstall teams on megan's laptop", 'powershell to list risky users pls']) {
      assert.equal((await demo.stack.ask(text, admin)).intent, 'outOfScope', text);
    }
  });
  it('When a name opens a terse question about the office ("megan bowen, marketing - office?"), then the account answers (a rule that never matched after a name placeholder)', async () => {
    const office = await demo.stack.ask('megan bowen, marketing - office?', admin);
    assert.equal(office.intent, 'user.info', office.text);
    assert.match(office.text, /^Office: Seattle$/m);
  });
  it('When people with an error code are asked for ("users with 53003 lately"), then the sign-ins with that error answer, not what it means; switching the report-only policies on is declined', async () => {
    const users = await demo.stack.ask('users with 53003 lately', admin);
    assert.equal(users.intent, 'signin.list', users.text);
    assert.deepEqual((users.plan as QuestionPlan).filters.map((f) => [f.field, f.value]), [['errorCode', 53003]]);
    assert.equal((await demo.stack.ask('what does 53003 mean', admin)).intent, 'docs.answer');
    assert.equal((await demo.stack.ask('switch the report-only policies to on please', admin)).intent, 'outOfScope');
  });

  it('When a policy is asked for by what it does ("which CA policy blocks legacy authentication?"), then the one that does it is explained, several are listed, and none is said plainly', async () => {
    const legacy = await demo.stack.ask('which CA policy blocks legacy authentication?', admin);
    assert.equal(legacy.intent, 'policy.info');
    assert.match(legacy.text, /^Block legacy authentication$/m);
    assert.match(legacy.text, /Client apps: Exchange ActiveSync/);
    const mfa = await demo.stack.ask('which policies require mfa', admin);
    assert.equal(mfa.intent, 'policy.info');
    for (const name of ['Require MFA for administrators', 'Require MFA for all users', 'Require MFA for guests', 'Require MFA for risky sign-ins']) assert.match(mfa.text, new RegExp(`^${name}$`, 'm'), mfa.text);
    assert.doesNotMatch(mfa.text, /^Block legacy authentication$/m);
    const abroad = await demo.stack.ask('Which policy blocks sign-ins from abroad?', admin);
    assert.equal(abroad.intent, 'policy.info');
    assert.match(abroad.text, /^Block sign-ins from blocked countries$/m);
    assert.doesNotMatch(abroad.text, /^Require MFA for guests$/m);
    const none = await demo.stack.ask('which policy blocks imap for guests', admin);
    assert.match(none.text, /^None of the 10 Conditional Access policies does all of what you describe/);
    // Which policies blocked the most sign-ins is the sign-in log's question, not the policies'.
    assert.equal((await demo.stack.ask('which policies blocked the most sign-ins this week?', admin)).intent, 'signin.list');
  });

  it('When one failure of a person or a job is asked about in passing ("X had a failure yesterday - what was it?", "what\'s breaking it?"), then it is diagnosed', async () => {
    await answersAs(
      [
        ["Emma Hoffmann's account shows a failure yesterday - what was it?", 'signin.troubleshoot'],
        ["what was Megan Bowen's sign-in failure this morning", 'signin.troubleshoot'],
        ["Inventory Sync hasn't run properly for days - what's breaking it?", 'signin.troubleshoot'],
      ],
      admin,
    );
  });

  it('When a group\'s contents or owner, a person\'s page ("pull up …"), whether someone may dismiss risk, or what the assistant supports is asked, then each answers as that; "do we block sign-ins for high-risk users?" acts on nothing', async () => {
    await answersAs(
      [
        ['what is in automation service accounts', 'group.info'],
        ['Project Falcon members keep asking who approves new joiners. Does the group even have an owner?', 'group.info'],
        ['can you pull up Adele Vance', 'user.info'],
        ['is Sam Secadmin allowed to dismiss risk?', 'role.assignments'],
        ['does sam have permission to revoke sessions?', 'role.assignments'],
        ['do you support questions about guests and groups?', 'help'],
        ['do we block sign-ins for high-risk users?', 'policy.info'],
        ["anything in CA that's only logging and not enforcing yet?", 'policy.info'],
        ['how many accounts were marked confirmed-compromised so far?', 'risk.users'],
        ['generate a new client secret for the Sales Dashboard', 'outOfScope'],
        ["Pradeep says Lee Gu's account was disabled by mistake, turn it back on", 'outOfScope'],
      ],
      admin,
    );
    // Whether a person is able to sign in is no question about their roles.
    assert.notEqual((await demo.stack.ask('is Megan Bowen able to sign in now?', admin)).intent, 'role.assignments');
    // Confirming what the admin just said: a mitigation offered behind its confirmation.
    const flagged = await demo.stack.ask('Bob Kelly is definitely compromised, flag him as such', secadmin);
    assert.equal(flagged.intent, 'risk.remediate');
    assert.match(flagged.text, /Bob Kelly/);
  });

  it('When which users hit a named policy is asked, then the sign-ins that policy failed answer, by user; a manager\'s worry that someone "has trouble signing in" is diagnosed', async () => {
    const hit = await demo.stack.ask('which users hit the blocked countries policy in the last 30 days', admin);
    assert.equal(hit.intent, 'signin.list');
    assert.match(hit.text, /blocked by "Block sign-ins from blocked countries"/);
    assert.match(hit.text, /Lidia Holloway/);
    const worry = await demo.stack.ask('Hi! Lee Gu joined us recently and his manager thinks he has trouble signing in. Anything this month?', admin);
    assert.equal(worry.intent, 'signin.troubleshoot');
  });
});

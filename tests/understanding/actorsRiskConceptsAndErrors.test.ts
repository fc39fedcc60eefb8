import { strict as assert } from 'node:assert';
import { DEMO_ADMIN } from '@entra-assistant/local-entra';
import { demoStackFor } from '../support/demoStack';

/**
 * The admin who disabled an account, named by a diagnosis ("what else did that admin do that day?"); "it" as the
 * person's signing in after their diagnosis; a person's risk asked after a ranking; risk concepts asked in general;
 * credentials added and invitations sent, from the audit log; the errors of the sign-ins just shown (issue #13).
 * Whole stack on Contoso, in our own words.
 */
describe('Actors, risk concepts, and the errors of what was shown (issue #13)', function () {
  this.timeout(120_000);
  const demo = demoStackFor([DEMO_ADMIN]);
  const admin = DEMO_ADMIN.userPrincipalName;

  it('When a diagnosis names who disabled the account, then "what else did that admin do that day?" lists that admin\'s changes of that day', async () => {
    const [diagnosis, rest] = await demo.stack.askChain(['Lee Gu cannot sign in since yesterday. what happened', 'what else did that admin do that day'], admin);
    assert.equal(diagnosis.intent, 'signin.troubleshoot');
    assert.match(diagnosis.text, /Pradeep Gupta/);
    assert.equal(rest.intent, 'audit.changes');
    assert.match(rest.text, /by Pradeep Gupta · on 2026-11-19/);
  });

  it('When "how many times did it fail this week?" follows a person\'s diagnosis, then it counts that person\'s failures, not the app\'s', async () => {
    const [, count] = await demo.stack.askChain(["why can't megan bowen sign in?", 'how many times did it fail this week?'], admin);
    assert.equal(count.intent, 'signin.list');
    assert.match(count.text, /Megan Bowen/);
    assert.doesNotMatch(count.text.split('\n')[0], /Outlook Mobile/);
  });

  it('When "is that person at risk?" follows who got an error the most, then that person\'s risk answers', async () => {
    const [, , top, risk] = await demo.stack.askChain(["what's error 50126", 'how many of those did we have this week? interactive', 'which user got it the most', 'is that person at risk?'], admin);
    assert.match(top.text, /Bob Kelly/);
    assert.equal(risk.intent, 'risk.user');
    assert.match(risk.text, /^Bob Kelly\n/);
  });

  it('When a risk concept is asked in general, then documentation answers, not the tenant\'s risky apps', async () => {
    for (const question of ['what exactly is a risky workload identity', 'what is a risky service principal? (concept, not our data)', "in general, what does 'confirm compromised' do to a user?"]) {
      assert.equal((await demo.stack.ask(question, admin)).intent, 'docs.answer', question);
    }
  });

  it('When asked whether a credential was added to an app, or who sent a guest\'s invitation, then the audit log answers', async () => {
    const [, added] = await demo.stack.askChain(['why is the Inventory Sync job failing?', 'was a credential added to it just before?'], admin);
    assert.equal(added.intent, 'audit.changes');
    assert.match(added.text, /Inventory Sync/);
    const [, invite] = await demo.stack.askChain(['who is nestor wilke', 'who sent his guest invitation?'], admin);
    assert.equal(invite.intent, 'audit.changes');
    assert.match(invite.text, /Conor O'Brien/);
  });

  it('When "what\'s the error" follows a list of failed sign-ins, then those sign-ins are broken down by error code', async () => {
    const [, , errors] = await demo.stack.askChain(['HR Portal sign-in failures this week?', 'which users', "what's the error"], admin);
    assert.equal(errors.intent, 'signin.list');
    assert.match(errors.text, /HR Portal · failed · this week · by error/);
    assert.match(errors.text, /50105/);
  });

  it('When "who removed the owner?" follows the one group without owners, then that group\'s changes answer; "when was that?" shows them again', async () => {
    const [list, who, when] = await demo.stack.askChain(['are there groups with no owner?', 'who removed the owner?', 'when was that?'], admin);
    assert.match(list.text, /Project Falcon/);
    assert.equal(who.intent, 'audit.changes');
    assert.match(who.text, /Project Falcon/);
    assert.match(who.text, /Remove owner from group/);
    assert.equal(when.intent, 'audit.changes');
    assert.match(when.text, /2026-11-16/);
  });

  it('When asked "which user topped that list?" or "which one is second?", then the ranking just shown is shown again', async () => {
    const [, top] = await demo.stack.askChain(['who had the most failed sign-ins this week?', 'which user topped that list?'], admin);
    assert.equal(top.intent, 'signin.list');
    assert.match(top.text, /top 5 by user/);
    const [, second] = await demo.stack.askChain(['which countries had the most sign-ins this week?', 'which one is second?'], admin);
    assert.match(second.text, /top 5 by country/);
  });

  it('When a message opens with a title ("hr director - who is it"), then that person answers, and "what groups are they in?" is theirs', async () => {
    const [who, groups] = await demo.stack.askChain(['hr director - who is it', 'what groups are they in?'], admin);
    assert.equal(who.intent, 'user.info');
    assert.match(who.text, /^Hector Green\n/);
    assert.equal(groups.intent, 'user.groups');
    assert.match(groups.text, /Hector Green/);
  });

  it('When "who owns it so I can ask them to renew it?" follows an app, then that app\'s owner answers; "the admin who promoted him" is the one who made the change', async () => {
    const [, owner] = await demo.stack.askChain(['when does the Expense Tracker secret expire?', 'who owns it so I can ask them to renew it?'], admin);
    assert.equal(owner.intent, 'app.info');
    assert.match(owner.text, /^Expense Tracker\n/);
    assert.match(owner.text, /Irvin Sayers/);
    const [, roles] = await demo.stack.askChain(['who became a Global Administrator recently?', 'what roles does the admin who promoted him hold?'], admin);
    assert.equal(roles.intent, 'role.assignments');
    assert.match(roles.text, /^Roles of Pradeep Gupta\n/);
  });

  it('When "which countries are in that list again?" follows what the blocked-countries policy stopped, then the named location shows its countries', async () => {
    const [, countries] = await demo.stack.askChain(['how many interactive sign-ins did the blocked countries policy stop this month?', 'which countries are in that list again?'], admin);
    assert.equal(countries.intent, 'policy.info');
    assert.match(countries.text, /Named locations · location Blocked countries/);
    assert.match(countries.text, /North Korea \(KP\)/);
  });

  it('When "and Priya Patel? … the same complaint" follows a diagnosis, then Priya is diagnosed the same way', async () => {
    const [, priya] = await demo.stack.askChain(['Why can Megan not get into Outlook on her new phone?', 'and Priya Patel? she has a new iPhone and the same complaint'], admin);
    assert.equal(priya.intent, 'signin.troubleshoot');
    assert.match(priya.text, /^Sign-in diagnosis: Priya Patel\n/);
  });

  it('When "what about Operations?" follows a count of people, then the count is narrowed to that department', async () => {
    const [, ops] = await demo.stack.askChain(['how many accounts are disabled', 'what about Operations?'], admin);
    assert.equal(ops.intent, 'user.info');
    assert.match(ops.text, /disabled accounts · department Operations/);
  });

  it('When "where is he based?", "which team is he on?" or "who\'s the manager in case it\'s urgent" follows a diagnosis, then the person\'s account answers', async () => {
    const answers = await demo.stack.askChain(["why can't megan bowen sign in?", 'where is she based?', 'which team is she on?', "and who's the manager in case it's urgent"], admin);
    for (const answer of answers.slice(1)) {
      assert.equal(answer.intent, 'user.info', answer.text.slice(0, 80));
      assert.match(answer.text, /^Megan Bowen\n/);
    }
  });

  it('When asked for the last person added to a group, a quoted activity, who took someone off, or own password changes, then the audit log answers', async () => {
    for (const question of ['who was the last person added to a group, and wich group?', "latest 'add member to group' event?", 'how many people changed their own password yesterday?', "Lynne Robins isn't owner of Project Falcon anymore, who took her off?", 'who invted guests this month?', 'new user accounts added lately?']) {
      const answer = await demo.stack.ask(question, admin);
      assert.equal(answer.intent, 'audit.changes', question);
    }
    const latest = await demo.stack.ask("latest 'add member to group' event?", admin);
    assert.match(latest.text, /Add member to group/);
  });

  it('When "who else reports to her?" follows a question about a person\'s manager, then the manager\'s direct reports answer', async () => {
    const [, reports] = await demo.stack.askChain(["who's bob kelly's manager", 'and who else reports to her?'], admin);
    assert.equal(reports.intent, 'user.info');
    assert.match(reports.text, /^Direct reports · of Grace Kaur\n/);
    assert.match(reports.text, /Priya Patel/);
  });
});

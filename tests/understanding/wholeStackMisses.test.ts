import { strict as assert } from 'node:assert';
import { DEMO_ADMIN } from '@entra-assistant/local-entra';
import { demoStackFor } from '../support/demoStack';

/**
 * The kinds of misses issue #13 lists, each through the whole stack on Contoso (the examples are the issue's own,
 * not the measurement set's).
 */
describe('Understanding that generalises, through the whole stack (issue #13)', function () {
  this.timeout(120_000);
  const demo = demoStackFor([DEMO_ADMIN]);
  const admin = DEMO_ADMIN.userPrincipalName;

  it('When a help-desk post opens with "sorry to bother you", then "bother" is not a user and Lee is diagnosed', async () => {
    const answer = await demo.stack.ask("Hi, sorry to bother you, Lee can't get into Teams since yesterday", admin);
    assert.equal(answer.intent, 'signin.troubleshoot');
    assert.doesNotMatch(answer.text, /bother/i);
    assert.match(answer.text, /Lee Gu/);
    assert.match(answer.text, /50057/);
  });

  it('When asked who became a Global Administrator recently, then "became" is a word and the audit log names Isaiah Langer and who added him', async () => {
    const answer = await demo.stack.ask('Who became a Global Administrator recently?', admin);
    assert.equal(answer.intent, 'audit.changes');
    assert.doesNotMatch(answer.text, /couldn.t find/);
    assert.match(answer.text, /Isaiah Langer \(isaiah\.langer@contoso\.com\)/);
    assert.match(answer.text, /Pradeep Gupta \(pradeep\.gupta@contoso\.com\): Add member to role/);
  });

  it('When a name is misspelt and one person is clearly meant, then the answer is for that person and says which name it took', async () => {
    const answer = await demo.stack.ask('is joni shermen in any groups', admin);
    assert.equal(answer.intent, 'user.groups');
    assert.match(answer.text, /^I took “joni shermen” to mean Joni Sherman\./);
    assert.match(answer.text, /Groups of Joni Sherman/);
  });

  it('When a capitalised name matches nobody, then the admin still hears it was not found', async () => {
    const answer = await demo.stack.ask("why can't Zorro sign in?", admin);
    assert.match(answer.text, /couldn't find a user named “Zorro”/);
  });

  it('When asked who dismissed Adele\'s risk, then her risk history is read, not a dismissal offered', async () => {
    const answer = await demo.stack.ask("who dismissed Adele's risk?", admin);
    assert.equal(answer.intent, 'risk.user');
    assert.match(answer.text, /Sam Secadmin/);
    assert.doesNotMatch(answer.text, /Confirm|nothing to dismiss/);
  });

  it('When asked whether Lee reset his password recently, then no password reset is offered', async () => {
    const answer = await demo.stack.ask('did Lee reset his password recently?', admin);
    assert.notEqual(answer.intent, 'risk.remediate');
    assert.doesNotMatch(answer.text, /reset .*password.* in the Entra admin center|Confirm/);
  });

  it('When an out-of-scope question comes between, then the follow-up still refers to the person asked about before', async () => {
    const [first, weather, groups] = await demo.stack.askChain(['is Bob Kelly at risk?', "what's the weather like in Seattle?", 'and his groups?'], admin);
    assert.equal(first.intent, 'risk.user');
    assert.equal(weather.intent, 'outOfScope');
    assert.equal(groups.intent, 'user.groups');
    assert.match(groups.text, /Groups of Bob Kelly/);
  });

  it('When a count of Bob\'s failures is followed by "where were those coming from?", then the same sign-ins are broken down by country', async () => {
    const [count, where] = await demo.stack.askChain(['how many times did Bob fail to sign in this week?', 'where were those coming from?'], admin);
    assert.equal(count.intent, 'signin.list');
    const plan = where.plan as { filters: Array<{ field: string; value: unknown }>; operation: { kind: string; field?: string } };
    assert.deepEqual(plan.operation, { kind: 'groupBy', field: 'country' });
    assert.ok(plan.filters.some((f) => f.field === 'result' && f.value === 'failure'));
    assert.ok(plan.filters.some((f) => f.field === 'user'));
    assert.match(where.text, /Russia \(RU\)/);
  });

  it('When a list is followed by "why is the top one high?", then the first row of that list is the subject', async () => {
    const [list, top] = await demo.stack.askChain(['show high-risk users', 'why is the top one high?'], admin);
    assert.equal(list.intent, 'risk.users');
    assert.equal(top.intent, 'risk.user');
    assert.match(top.text, /Bob Kelly/);
  });

  it('When "how do I fix that?" or a question about "her laptop" follows a diagnosis, then it stays about the same person', async () => {
    const [, fix] = await demo.stack.askChain(["why can't Lee sign in?", 'how do I fix that?'], admin);
    assert.equal(fix.intent, 'signin.troubleshoot');
    assert.match(fix.text, /Lee Gu/);
    const [, laptop, groups] = await demo.stack.askChain(["why can't Megan sign in?", 'does her laptop work at least?', 'and her groups?'], admin);
    assert.equal(laptop.intent, 'signin.troubleshoot');
    assert.match(laptop.text, /Megan Bowen/);
    assert.equal(groups.intent, 'user.groups');
    assert.match(groups.text, /Groups of Megan Bowen/);
  });

  it('When a help-desk post asks for a judgement about one person\'s failures ("anything suspicious?", "should I worry?"), then that person\'s sign-ins are diagnosed, not listed', async () => {
    const answer = await demo.stack.ask('Bob Kelly had some failed logins this week, anything suspicious?', admin);
    assert.equal(answer.intent, 'signin.troubleshoot');
    assert.match(answer.text, /password spray/i);
  });

  it('When asked whether a country is blocked, written in lower case, then the blocking named locations answer; "do we block legacy auth?" is a policy question', async () => {
    const belarus = await demo.stack.ask('is belarus blocked', admin);
    assert.equal(belarus.intent, 'policy.info');
    assert.equal((belarus.plan as { resource: string }).resource, 'namedLocations');
    const legacy = await demo.stack.ask('do we block legacy auth?', admin);
    assert.equal(legacy.intent, 'policy.info');
  });

  it('When an office errand or a wifi password is asked for, then the answer says it is out of scope', async () => {
    for (const question of ['can you reset the printer on the 3rd floor', "what's the wifi password for building 4"]) {
      const answer = await demo.stack.ask(question, admin);
      assert.equal(answer.intent, 'outOfScope', question);
    }
  });
});

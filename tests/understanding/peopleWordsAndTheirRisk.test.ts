import { strict as assert } from 'node:assert';
import { DEMO_ADMIN } from '@entra-assistant/local-entra';
import { demoStackFor } from '../support/demoStack';

/**
 * Words that are also names, read as the words the admin meant: "everyone who's a guest" is not the All Guests group
 * unless a group is said, a department said as one is the department even where a group starts with its name, and
 * "works in Finance in London" is people. One person's risk detections and "what detection was it?" after a look at
 * the person are that person's risk; a request that is not about Entra ID is one even when it begins with "also"
 * (issue #13). Whole stack on Contoso, in our own words.
 */
describe('People words, departments and one person\'s risk (issue #13)', function () {
  this.timeout(120_000);
  const demo = demoStackFor([DEMO_ADMIN]);
  const admin = DEMO_ADMIN.userPrincipalName;

  it('When "all guests" is written in lower case with no word for a group, then the guest accounts are listed; said as a group, the group answers', async () => {
    const guests = await demo.stack.ask('can you pull up all guests for me', admin);
    assert.equal(guests.intent, 'user.info');
    assert.match(guests.text, /type Guest/);
    assert.match(guests.text, /23 users/);
    const group = await demo.stack.ask('who is in the all guests group?', admin);
    assert.equal(group.intent, 'group.info');
    assert.match(group.text, /^All Guests\n/);
  });

  it('When a department is said as one ("Legal team size, I mean the department"), then its people are counted, and "what about marketing?" counts the next', async () => {
    const [legal, marketing] = await demo.stack.askChain(['Legal team size, I mean the department', 'what about marketing?'], admin);
    assert.equal(legal.intent, 'user.info');
    assert.match(legal.text, /department Legal/);
    assert.match(legal.text, /\b7 users\b/);
    assert.equal(marketing.intent, 'user.info');
    assert.match(marketing.text, /department Marketing · count/);
  });

  it('When asked who works in Finance in a city, then the people of that department in that city are listed', async () => {
    const answer = await demo.stack.ask('anyone who works in Finance in London?', admin);
    assert.equal(answer.intent, 'user.info');
    assert.match(answer.text, /department Finance · city London/);
    assert.doesNotMatch(answer.text, /Members · of Finance/);
  });

  it('When asked how many detections one person has, or "what detection was it?" after their account, then that person\'s risk answers', async () => {
    const count = await demo.stack.ask('number of risk detections for alex wilber?', admin);
    assert.equal(count.intent, 'risk.user');
    assert.match(count.text, /Alex Wilber/);
    const [, detection] = await demo.stack.askChain(['show me alex wilber, is he registered for mfa?', 'which detection was that?'], admin);
    assert.equal(detection.intent, 'risk.user');
    assert.match(detection.text, /Alex Wilber/);
    assert.match(detection.text, /at risk/);
  });

  it('When a request outside Entra ID begins with "also", then it is out of scope and the thread goes on after it', async () => {
    const [, aside, next] = await demo.stack.askChain(['how many people in the Sales department?', 'also could you write a short email to the sales team for me', 'and Research?'], admin);
    assert.equal(aside.intent, 'outOfScope');
    assert.equal(next.intent, 'user.info');
    assert.match(next.text, /department Research/);
  });

  it('When asked to re-enable an account, by name or "the account" after its story, then the assistant declines, says where an admin does it, and the thread goes on about that person', async () => {
    const named = await demo.stack.ask("could you re-enable lee gu's account please", admin);
    assert.equal(named.intent, 'outOfScope');
    assert.match(named.text, /Account enabled/);
    assert.ok(named.entities.some((e) => (e as { displayName?: string }).displayName === 'Lee Gu'));
    const [, again, who] = await demo.stack.askChain(["why can't lee gu sign in?", 'ok pls enable the account again', 'who disabled him?'], admin);
    assert.equal(again.intent, 'outOfScope');
    assert.ok(again.entities.some((e) => (e as { displayName?: string }).displayName === 'Lee Gu'));
    assert.equal(who.intent, 'audit.changes');
    assert.match(who.text, /Pradeep Gupta/);
  });

  it('When asked why a person is not on the risky list any more, who is on a person\'s team, or which groups someone is "onwer" of, then the risk history, the direct reports and the owned groups answer', async () => {
    const risk = await demo.stack.ask('why is adele vance not on the risky list anymore?', admin);
    assert.equal(risk.intent, 'risk.user');
    assert.match(risk.text, /dismissed/);
    const team = await demo.stack.ask("who is on Abigail Wang's team", admin);
    assert.equal(team.intent, 'user.info');
    assert.match(team.text, /^Direct reports · of Abigail Wang/);
    const owned = await demo.stack.ask('megan bowen is onwer of which groups?', admin);
    assert.equal(owned.intent, 'group.info');
    assert.match(owned.text, /owned by Megan Bowen/);
    const narrative = await demo.stack.ask("someone from megan bowen's team says megan hasn't been able to log in — why", admin);
    assert.equal(narrative.intent, 'signin.troubleshoot');
  });

  it('When asked who is failing to get into an app, then its sign-ins answer, and "how do I give them access?" next is the app\'s diagnosis', async () => {
    const [who, fix] = await demo.stack.askChain(["who is failing to get into the HR Portal because they're not assigned?", 'how do I give them access?'], admin);
    assert.equal(who.intent, 'signin.list');
    assert.match(who.text, /HR Portal/);
    assert.equal(fix.intent, 'signin.troubleshoot');
    assert.match(fix.text, /^Sign-in diagnosis: HR Portal/);
    assert.match(fix.text, /50105/);
  });
});

import { strict as assert } from 'node:assert';
import { DEMO_ADMIN } from '@entra-assistant/local-entra';
import { demoStackFor } from '../support/demoStack';

/**
 * An aside the admin marks as unrelated, a correction of the wrong person, "what should I tell them to do?" after a
 * look at the person's account, the last good sign-in, guidance and what a mode does, an error with its fix, changes
 * asked as "updated in november" or "new … lately", a group's size and how its membership is defined (issue #13).
 * Whole stack on Contoso, in our own words.
 */
describe('Asides, corrections, guidance and fixes (issue #13)', function () {
  this.timeout(120_000);
  const demo = demoStackFor([DEMO_ADMIN]);
  const admin = DEMO_ADMIN.userPrincipalName;

  it('When an aside is marked unrelated, then it is out of scope and the thread goes on after it', async () => {
    const [, aside, last] = await demo.stack.askChain(["why can't megan bowen sign in?", 'unrelated but do you know if the canteen is open today?', 'last good sign-in?'], admin);
    assert.equal(aside.intent, 'outOfScope');
    assert.equal(last.intent, 'signin.list');
    assert.match(last.text, /Megan Bowen/);
    assert.match(last.text, /success/i);
    assert.doesNotMatch(last.text, /result failure/i);
  });

  it('When the admin says "sorry, wrong person — I meant X", then the last question is asked of X', async () => {
    const [, meant] = await demo.stack.askChain(["why can't megan bowen sign in?", 'sorry, wrong person — I meant Adele Vance'], admin);
    assert.equal(meant.intent, 'signin.troubleshoot');
    assert.match(meant.text, /Adele Vance/);
  });

  it('When "what should I tell them to do?" follows a look at the person\'s account, then their diagnosis answers', async () => {
    const [, methods, todo] = await demo.stack.askChain(["why can't megan bowen sign in?", 'what MFA methods does that person have?', 'what should I tell them to do?'], admin);
    assert.equal(methods.intent, 'user.info');
    assert.equal(todo.intent, 'signin.troubleshoot');
    assert.match(todo.text, /Megan Bowen/);
  });

  it('When asked for best practice, what a mode does, or what an error is and how to fix it, then documentation answers', async () => {
    for (const question of ['best practice for break glass accounts?', 'what does report-only mode actually do for a conditional access policy?', 'error 50053 — what is it and how do I fix it?']) {
      const answer = await demo.stack.ask(question, admin);
      assert.equal(answer.intent, 'docs.answer', question);
    }
    assert.equal((await demo.stack.ask("hello, I'm new on the service desk. what can this thing do for me?", admin)).intent, 'help');
  });

  it('When asked about policies updated in a month or new global admins lately, then the audit log answers', async () => {
    for (const question of ['any conditional access policies updated in november?', 'any new global admins lately?']) {
      const answer = await demo.stack.ask(question, admin);
      assert.equal(answer.intent, 'audit.changes', question);
    }
  });

  it('When asked "legal team size?" or how a group\'s membership is defined, then that group answers', async () => {
    const size = await demo.stack.ask('legal team size?', admin);
    assert.equal(size.intent, 'group.info');
    assert.match(size.text, /^Legal Team\n/);
    const rule = await demo.stack.ask("how is Research Department's membership defined?", admin);
    assert.equal(rule.intent, 'group.info');
    assert.match(rule.text, /user\.department -eq "Research"/);
  });

  it('When asked for "the failed guest sign-ins from yesterday", then yesterday\'s are read (not since yesterday); "in the log" reads all the log keeps', async () => {
    const yesterday = await demo.stack.ask('list the failed guest sign-ins from yesterday (interactive)', admin);
    assert.match(yesterday.text, /· yesterday\n/);
    assert.match(yesterday.text, /2026-11-19 00:00 UTC – 2026-11-20 00:00 UTC/);
    const log = await demo.stack.ask('any logins from north korea in the log?', admin);
    assert.match(log.text, /last 30 days/);
  });

  it('When guests are "broken down by their home domain", then they are counted by home domain', async () => {
    const answer = await demo.stack.ask('guests broken down by their home domain', admin);
    assert.equal(answer.intent, 'user.info');
    assert.match(answer.text, /by home domain/);
    assert.match(answer.text, /litwareinc\.com/);
  });
});

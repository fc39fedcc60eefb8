import { strict as assert } from 'node:assert';
import { DEMO_ADMIN } from '@entra-assistant/local-entra';
import { demoStackFor } from '../support/demoStack';

/**
 * Ways of asking for a diagnosis that name the log instead of the failure ("check her login history and tell me
 * what's wrong"), "first" that orders nothing ("not sure what to check first"), an app's trouble asked as "what's
 * going on?", and a password reset asked of the assistant, which is answered as how to do it (issue #13, items 1 and
 * 4). Whole stack on Contoso, in our own words.
 */
describe('A diagnosis asked in other words, and a password reset asked for (issue #13)', function () {
  this.timeout(120_000);
  const demo = demoStackFor([DEMO_ADMIN]);
  const admin = DEMO_ADMIN.userPrincipalName;

  it('When an admin asks to look at a person\'s login history "and tell me what\'s wrong", then the person\'s failures are diagnosed, not listed', async () => {
    const answer = await demo.stack.ask("could you look at Lee Gu's login history and tell me what's wrong", admin);
    assert.equal(answer.intent, 'signin.troubleshoot');
    assert.match(answer.text, /^Sign-in diagnosis: Lee Gu\n/);
    assert.match(answer.text, /50057 \(Account disabled\)/);
  });

  it('When a help-desk message says "not sure what to check first", then "first" picks no row: the person is diagnosed', async () => {
    const answer = await demo.stack.ask('Megan Bowen phoned, she cannot log in since monday, not sure what to check first', admin);
    assert.equal(answer.intent, 'signin.troubleshoot');
    assert.match(answer.text, /^Sign-in diagnosis: Megan Bowen\n/);
    assert.match(answer.text, /53000 \(Device not compliant\)/);
  });

  it('When "first" asks for the earliest sign-in, then it still does', async () => {
    const answer = await demo.stack.ask('when did Megan Bowen first sign in this week', admin);
    assert.equal(answer.intent, 'signin.list');
    assert.deepEqual((answer.plan as { operation: unknown }).operation, { kind: 'first' });
    assert.match(answer.text, /The first matching sign-in/);
  });

  it('When an app\'s sign-ins "keep failing — what\'s going on?", then the app is diagnosed', async () => {
    const answer = await demo.stack.ask("Inventory Sync sign-ins keep failing — what's going on?", admin);
    assert.equal(answer.intent, 'signin.troubleshoot');
    assert.match(answer.text, /^Sign-in diagnosis: Inventory Sync\n/);
    assert.match(answer.text, /7000222 \(Client secret expired\)/);
  });

  it('When an admin asks the assistant to reset a password, by name or after a diagnosis, then it declines and says how, on that person\'s page, and nothing is proposed', async () => {
    const named = await demo.stack.ask("reset bob kelly's password please", admin);
    assert.equal(named.intent, 'outOfScope');
    assert.match(named.text, /^I don't reset passwords: a new password has to reach Bob Kelly safely/);
    assert.match(named.text, /UserProfileMenuBlade\/~\/overview\/userId\/[0-9a-f-]{36}/);
    const [, followUp] = await demo.stack.askChain(["why can't Bob Kelly sign in?", 'reset his password'], admin);
    assert.equal(followUp.intent, 'outOfScope');
    assert.match(followUp.text, /has to reach Bob Kelly safely/);
    assert.doesNotMatch(followUp.text, /Confirm/);
  });

  it('When an admin asks who did a password reset, then the audit log answers, not the how-to', async () => {
    const answer = await demo.stack.ask('bob kelly password reset - who did it?', admin);
    assert.equal(answer.intent, 'audit.changes');
    assert.match(answer.text, /^Changes to Bob Kelly\n/);
    assert.match(answer.text, /Change password \(self-service\)/);
  });

  it('When two mitigations are compared with "the same as", then the documentation answers and nothing is proposed', async () => {
    const answer = await demo.stack.ask('is dismissing the same as confirming safe?', admin);
    assert.equal(answer.intent, 'docs.answer');
    assert.match(answer.text, /^Dismiss risk vs confirm/);
  });
});

describe('Whether one person had failed sign-ins, asked without counting (issue #13)', function () {
  this.timeout(120_000);
  const demo = demoStackFor([DEMO_ADMIN]);
  const admin = DEMO_ADMIN.userPrincipalName;

  it('When an admin asks whether a person had any failed logins, then the person is diagnosed; counted or with background sign-ins it stays a list', async () => {
    const any = await demo.stack.ask('Megan: any failed logins this week?', admin);
    assert.equal(any.intent, 'signin.troubleshoot');
    assert.match(any.text, /^Sign-in diagnosis: Megan Bowen\n/);
    const had = await demo.stack.ask('did Lee Gu have any faild logins this month?', admin);
    assert.equal(had.intent, 'signin.troubleshoot');
    assert.match(had.text, /50057/);
    const counted = await demo.stack.ask('how many failed logins did Megan have this week?', admin);
    assert.equal(counted.intent, 'signin.list');
    const background = await demo.stack.ask('did Megan Bowen have any failed sign-ins this week? background ones too', admin);
    assert.equal(background.intent, 'signin.list');
  });
});

describe('One person\'s failures from a place (issue #13)', function () {
  this.timeout(120_000);
  const demo = demoStackFor([DEMO_ADMIN]);
  const admin = DEMO_ADMIN.userPrincipalName;

  it('When an admin asks about one person\'s failed sign-ins from a country or a blocked country, then the person is diagnosed; counted, it stays a list; from a place without failure words, a list', async () => {
    for (const question of ['were there any sign ins for lidia from a blocked country?', 'Lidia Holloway — failed sign-ins from russia?']) {
      const answer = await demo.stack.ask(question, admin);
      assert.equal(answer.intent, 'signin.troubleshoot', question);
      assert.match(answer.text, /^Sign-in diagnosis: Lidia Holloway\n/, question);
      assert.match(answer.text, /53003/, question);
    }
    const counted = await demo.stack.ask('how many failed sign-ins from russia did lidia have?', admin);
    assert.equal(counted.intent, 'signin.list');
    const place = await demo.stack.ask('did Megan sign in from Brazil this week?', admin);
    assert.equal(place.intent, 'signin.list');
  });
});

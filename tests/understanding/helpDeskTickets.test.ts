import { strict as assert } from 'node:assert';
import { DEMO_ADMIN } from '@entra-assistant/local-entra';
import { demoStackFor } from '../support/demoStack';

/**
 * Help-desk tickets retold in a chat (issue #13, "help-desk narratives"): a person, the app or device in trouble and
 * the trouble, with no verb for signing in; a "why" that comes with a remark about the person. Whole stack on
 * Contoso, in words of our own.
 */
describe('Help-desk tickets without a sign-in verb, through the whole stack (issue #13)', function () {
  this.timeout(120_000);
  const demo = demoStackFor([DEMO_ADMIN]);
  const admin = DEMO_ADMIN.userPrincipalName;

  it('When a ticket names a person, an app and a device and says "same thing again", then that person is diagnosed', async () => {
    const answer = await demo.stack.ask('Megan Bowen, marketing: outlook on her iphone, same thing again', admin);
    assert.equal(answer.intent, 'signin.troubleshoot');
    assert.match(answer.text, /Megan Bowen: sign-in to Outlook Mobile failing with 53000/);
  });

  it('When a ticket names a person and a laptop that "never works", then the diagnosis shows why', async () => {
    const answer = await demo.stack.ask('Lee Gu - teams on his laptop never works, or something', admin);
    assert.equal(answer.intent, 'signin.troubleshoot');
    assert.match(answer.text, /Lee Gu: sign-in to \S+ failing with 50057 \(Account disabled\)/);
  });

  it('When the ticket quotes the person in full, then the quoted words count: the person is diagnosed', async () => {
    const answer = await demo.stack.ask("Megan Bowen (marketing): 'outlook on my phone just stopped, same error every time'", admin);
    assert.equal(answer.intent, 'signin.troubleshoot');
    assert.match(answer.text, /Megan Bowen: sign-in to Outlook Mobile failing with 53000/);
  });

  it('When asked what is wrong with a person\'s logins, then it is their diagnosis, not a list', async () => {
    const answer = await demo.stack.ask("what's wrong with Lee Gu's logins", admin);
    assert.equal(answer.intent, 'signin.troubleshoot');
    assert.match(answer.text, /Lee Gu: sign-in to \S+ failing with 50057/);
  });

  it('When a person is named by a title in other words ("the head of research" for the Director of Research), then that person is meant', async () => {
    const answer = await demo.stack.ask('who is the head of research?', admin);
    assert.equal(answer.intent, 'user.info');
    assert.match(answer.text, /^Olivia Ahmed\n[^\n]*Director of Research/);
  });

  it('When the help desk has someone "on the phone", then that is a call, not a phone that fails: the person\'s failures of the month are found', async () => {
    const answer = await demo.stack.ask("I've got Ethan Nguyen on the phone, he can't get past sign in. what do I tell him?", admin);
    assert.equal(answer.intent, 'signin.troubleshoot');
    assert.match(answer.text, /Ethan Nguyen: sign-in to \S+(?: \S+)* failing with 50126/);
    assert.match(answer.text, /in the last 30 days \(nothing failed in the last week\)/);
  });

  it('When asked why someone got blocked with a remark about their role, then it is their sign-ins, not their roles', async () => {
    const answer = await demo.stack.ask("why did Megan get blocked this morning, isn't she a global admin?", admin);
    assert.equal(answer.intent, 'signin.troubleshoot');
    assert.match(answer.text, /Sign-in diagnosis: Megan Bowen/);
    assert.match(answer.text, /blocked by "Require compliant device for Office 365"/);
  });

  it('When a person\'s errors on a device are followed by "what\'s the main one?", then the diagnosis answers, not a list', async () => {
    const answer = await demo.stack.ask("Megan: a bunch of errors on her phone. what's the main one?", admin);
    assert.equal(answer.intent, 'signin.troubleshoot');
    assert.equal(answer.plan, undefined);
    assert.match(answer.text, /failing with 53000 \(Device not compliant\)/);
  });
});

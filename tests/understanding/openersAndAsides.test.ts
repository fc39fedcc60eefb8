import { strict as assert } from 'node:assert';
import { DEMO_ADMIN } from '@entra-assistant/local-entra';
import { demoStackFor } from '../support/demoStack';

/**
 * Openers that ask what stands in a person's way, an error seen rather than a failure named, compound account
 * questions the account page answers, asides about the world in the middle of a thread (which must not lose it), and
 * platform names that are words, not people (issue #13). Whole stack on Contoso, in our own words.
 */
describe('Openers, compound account questions and asides (issue #13)', function () {
  this.timeout(120_000);
  const demo = demoStackFor([DEMO_ADMIN]);
  const admin = DEMO_ADMIN.userPrincipalName;

  it('When an admin asks whether a policy or something is stopping a person, then the person is diagnosed', async () => {
    for (const question of ['Quick one — is there a CA policy stopping Megan?', "what's preventing megan.bowen@contoso.com from signing in? her manager is chasing"]) {
      const answer = await demo.stack.ask(question, admin);
      assert.equal(answer.intent, 'signin.troubleshoot', question);
      assert.match(answer.text, /^Sign-in diagnosis: Megan Bowen\n/, question);
      assert.match(answer.text, /53000/, question);
    }
  });

  it('When a help-desk message says the sign-in page keeps throwing an error at someone, then that person is diagnosed', async () => {
    const answer = await demo.stack.ask("Lee Gu called the desk, the sign-in page keeps throwing an error at him. what's going on?", admin);
    assert.equal(answer.intent, 'signin.troubleshoot');
    assert.match(answer.text, /^Sign-in diagnosis: Lee Gu\n/);
  });

  it('When a question about the weather comes in the middle of a thread, then it is out of scope and the next follow-up is still about the person', async () => {
    const [, weather, methods] = await demo.stack.askChain(["what's stopping Megan Bowen?", "btw what's the weather in Seattle", 'has she set up any authenticator at all?'], admin);
    assert.equal(weather.intent, 'outOfScope');
    assert.match(weather.text, /outside what I can answer/);
    assert.equal(methods.intent, 'user.info');
    assert.match(methods.text, /^Megan Bowen\n/);
    assert.match(methods.text, /MFA: Registered/);
  });

  it('When general-knowledge questions and errands are asked, then each is out of scope', async () => {
    for (const question of ['what time is it in Tokyo right now?', 'who will win the champions league', 'can you open a ServiceNow ticket for this?', 'reset the printer on floor 2 pls', "what's the capital of Australia"]) {
      const answer = await demo.stack.ask(question, admin);
      assert.equal(answer.intent, 'outOfScope', question);
    }
  });

  it('When an admin asks whether the assistant can change things or only read, then the help answers', async () => {
    const answer = await demo.stack.ask('can you also fix things or only read?', admin);
    assert.equal(answer.intent, 'help');
    assert.match(answer.text, /^What I can help with/);
  });

  it('When one message asks whether an account is enabled, its MFA and its risk, then the account page answers all three, and "same for" another person too', async () => {
    const [megan, bob] = await demo.stack.askChain(['megan bowen: account enabled? MFA methods? any risk?', 'same for Bob Kelly'], admin);
    assert.equal(megan.intent, 'user.info');
    assert.match(megan.text, /^Megan Bowen\n/);
    assert.match(megan.text, /Account: Enabled/);
    assert.match(megan.text, /MFA: Registered/);
    assert.equal(bob.intent, 'user.info');
    assert.match(bob.text, /^Bob Kelly\n/);
    assert.match(bob.text, /risk level high/);
  });

  it('When a help-desk message says the app wants MFA set up, then it is still a sign-in problem, not a question about methods', async () => {
    const answer = await demo.stack.ask('megan bowen cant get into teams, says it wants mfa setup', admin);
    assert.equal(answer.intent, 'signin.troubleshoot');
  });

  it('When sign-ins from a platform are asked with its name capitalised, then the platform is a condition, not a person', async () => {
    const answer = await demo.stack.ask('who signs in from Linux machines?', admin);
    assert.equal(answer.intent, 'signin.list');
    assert.match(answer.text, /operating system starting "Linux"/);
  });
});

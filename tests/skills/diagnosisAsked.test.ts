import { strict as assert } from 'node:assert';
import { DEMO_ADMIN } from '@entra-assistant/local-entra';
import { demoStackFor } from '../support/demoStack';

/**
 * A diagnosis answers the problem the admin describes (issue #13 / #14): a disabled account is the answer even when
 * no failure is logged, and the device the admin names ("on her iPhone") is where the failure is looked for, back
 * through the 30 days the log keeps. Whole stack on Contoso; phrasings of our own.
 */
describe('Diagnoses of the problem the admin describes, through the whole stack', function () {
  this.timeout(120_000);
  const demo = demoStackFor([DEMO_ADMIN]);
  const admin = DEMO_ADMIN.userPrincipalName;

  it('When a disabled account has no failed sign-in this week, then the verdict says the account is disabled and every sign-in fails with 50057', async () => {
    const answer = await demo.stack.ask('Siobhan Murphy cannot get into Outlook', admin);
    assert.equal(answer.intent, 'signin.troubleshoot');
    const head = answer.text.split('\n').slice(0, 4).join('\n');
    assert.match(head, /account is disabled/);
    assert.match(head, /50057/);
    assert.doesNotMatch(answer.text, /Nothing to fix/);
    assert.match(answer.text, /before enabling it again/);
  });

  it('When the admin names the device and it failed only earlier in the month, then the diagnosis reads back 30 days and is about that device', async () => {
    const answer = await demo.stack.ask("Sara Novak's mail on her iPhone doesn't work", admin);
    assert.equal(answer.intent, 'signin.troubleshoot');
    assert.match(answer.text, /53000/);
    assert.match(answer.text, /iOS/);
    assert.match(answer.text, /last 30 days \(no failure on that device in the last week\)/);
    assert.doesNotMatch(answer.text.split('\n').slice(0, 4).join('\n'), /50140/);
  });

  it('When the device named failed this week, then the week is enough and that device is diagnosed', async () => {
    const answer = await demo.stack.ask("why can't Megan Bowen sign in on her phone?", admin);
    assert.match(answer.text, /53000/);
    assert.match(answer.text, /Android/);
    assert.doesNotMatch(answer.text, /last 30 days/);
  });

  it('When a disabled account\'s latest failure is something else (a blocked country), then the story says both', async () => {
    const answer = await demo.stack.ask('why is Emma Hoffmann failing to sign in?', admin);
    assert.match(answer.text, /53003/);
    assert.match(answer.text, /The account is disabled, so any sign-in now fails with 50057/);
  });

  it('When the admin names the error in words and it happened only earlier in the month, then the diagnosis reads back 30 days and is about that error', async () => {
    // Felix Williams's failures this week are wrong passwords; his non-compliant-device failure is older.
    const answer = await demo.stack.ask('Felix Williams got a non-compliant device error at some point, when was that?', admin);
    assert.match(answer.text.split('\n').slice(0, 4).join('\n'), /53000/);
    assert.match(answer.text, /no 53000 failure in the last week/);
  });
});

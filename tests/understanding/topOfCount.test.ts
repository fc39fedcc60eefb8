import { strict as assert } from 'node:assert';
import { DEMO_ADMIN } from '@entra-assistant/local-entra';
import { demoStackFor } from '../support/demoStack';

/**
 * "the one with the most" after a count by person (issue #13): the top row of that count, as "the top one" is. Whole
 * stack on Contoso; phrasings of our own.
 */
describe('The row with the most of a count by person, through the whole stack (issue #13)', function () {
  this.timeout(120_000);
  const demo = demoStackFor([DEMO_ADMIN]);
  const admin = DEMO_ADMIN.userPrincipalName;

  it('When failed sign-ins were counted per user and then "the user with the most - what\'s wrong?", then the top person of that count is diagnosed', async () => {
    const [count, top] = await demo.stack.askChain(['how many failed sign-ins per user this week?', "the user with the most - what's wrong?"], admin);
    const first = /\| User \| Sign-ins \|\n\| ([^|]+?) \|/.exec(count.text)?.[1];
    assert.ok(first, 'the count shows a table by user');
    assert.equal(top.intent, 'signin.troubleshoot');
    const entities = top.entities as Array<{ type: string; displayName?: string }>;
    assert.equal(entities.find((e) => e.type === 'user')?.displayName, first);
    assert.match(top.text, new RegExp(`^Sign-in diagnosis: ${first}`));
  });
});

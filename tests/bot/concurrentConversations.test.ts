import { strict as assert } from 'node:assert';
import { DEMO_ADMIN } from '@entra-assistant/local-entra';
import { demoStackFor } from '../support/demoStack';

/**
 * Several conversations asked at the same moment: each gets its own answer, and `ask` (which the tests and the
 * measurement use) keeps each conversation's replies apart on the shared connector.
 */
describe('Conversations asked at the same time', function () {
  this.timeout(120_000);
  const demo = demoStackFor([DEMO_ADMIN]);

  it('When four different questions arrive together, then each conversation gets the answer to its own question', async () => {
    const asked: Array<[string, RegExp]> = [
      ['who is megan', /^Megan Bowen/],
      ["why can't Lee sign in?", /Lee Gu: sign-in to \S+ failing with 50057/],
      ['how many users do we have', /\*\*250 users\*\*/],
      ['any risky apps?', /^Risky workload identities/],
    ];
    for (let round = 0; round < 3; round++) {
      const answers = await Promise.all(asked.map(([text]) => demo.stack.ask(text, DEMO_ADMIN.userPrincipalName)));
      answers.forEach((answer, i) => assert.match(answer.text, asked[i][1], `round ${round + 1}, "${asked[i][0]}" got: ${answer.text.slice(0, 120)}`));
    }
  });
});

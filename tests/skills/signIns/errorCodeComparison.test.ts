import { strict as assert } from 'node:assert';
import { DEMO_ADMIN } from '@entra-assistant/local-entra';
import { buildErrorCodeComparison, errorCodesIn } from '../../../src/skills/signIns/errorCodeAnswer';
import { DemoStack } from '../../support/demoStack';

describe('Two error codes compared (issue #13: a docs question naming two codes)', () => {
  it('When a message names two codes, then both are found in order and an unknown number is not taken for a code', () => {
    assert.deepEqual(errorCodesIn('difference between AADSTS50074 and 50079?'), [50074, 50079]);
    assert.deepEqual(errorCodesIn('53000 vs 53003 vs 12345'), [53000, 53003]);
  });

  it('When two codes of different kinds are compared, then each side is explained and the difference names both kinds', () => {
    const answer = buildErrorCodeComparison(53000, 53003);
    assert.equal(answer.kind, 'card');
    if (answer.kind !== 'card') return;
    assert.match(answer.summary, /AADSTS53000: Device not compliant/);
    assert.match(answer.summary, /AADSTS53003: Blocked by Conditional Access/);
    assert.match(answer.summary, /Difference: They are different kinds of failure: 53000 is “[^”]+”, 53003 is “[^”]+”/);
  });

  it('When asked "50074 vs 50079?" through the whole stack, then one card compares both codes', async function () {
    this.timeout(120_000);
    const stack = await DemoStack.onDemoTenant([DEMO_ADMIN]);
    try {
      const answer = await stack.ask('what is the difference between 50074 and 50079?', DEMO_ADMIN.userPrincipalName);
      assert.equal(answer.intent, 'docs.answer');
      assert.match(answer.text, /AADSTS50074 vs AADSTS50079/);
      assert.match(answer.text, /MFA registration required/);
    } finally {
      await stack.stop();
    }
  });
});

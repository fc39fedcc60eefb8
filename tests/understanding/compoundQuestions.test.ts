import { strict as assert } from 'node:assert';
import { DEMO_ADMIN } from '@entra-assistant/local-entra';
import { compoundCandidate } from '../../src/understanding/compound';
import { demoStackFor } from '../support/demoStack';

/** Two questions in one message (issue #13, "compound questions"): each answered in turn, the second in the first's context. */
describe('Compound questions, through the whole stack (issue #13)', function () {
  this.timeout(120_000);
  const demo = demoStackFor([DEMO_ADMIN]);
  const admin = DEMO_ADMIN.userPrincipalName;

  it('When a message has a second clause after "?" or ", and" and a question word, then that is where it may be cut; "X and who" without a comma is not cut', () => {
    assert.deepEqual(compoundCandidate('Is Alex Wilber at risk, and can he use MFA?'), ['Is Alex Wilber at risk', 'can he use MFA?']);
    assert.deepEqual(compoundCandidate('do you handle apps? what else do you support'), ['do you handle apps?', 'what else do you support']);
    assert.equal(compoundCandidate("What is the CA pilot group and who's in it"), undefined);
  });

  it('When a list question and an audit question come in one message, then both are answered, in order', async () => {
    const answer = await demo.stack.ask('Which groups have no owners, and how did Project Falcon lose its owner?', admin);
    const [list, story] = answer.text.split('\n\n');
    assert.match(list, /Groups · no owners/);
    assert.match(story, /Debra Berger[^\n]*Remove owner from group on Lynne Robbins/);
  });

  it('When the second question says "he", then it is about the person the first one named', async () => {
    const answer = await demo.stack.ask('Is Alex Wilber at risk, and can he use MFA?', admin);
    assert.equal(answer.intent, 'risk.user');
    const parts = answer.text.split('\n\n');
    assert.equal(parts.length, 2, answer.text);
    assert.match(parts[1], /Alex Wilber/);
  });

  it('When the second clause only asks more of the same, then one answer covers both', async () => {
    const answer = await demo.stack.ask('Who became a Global Administrator recently, and who made the change?', admin);
    assert.equal(answer.text.split('\n\n').length, 1);
    assert.match(answer.text, /Pradeep Gupta[^\n]*Add member to role[^\n]*Isaiah Langer/);
  });
});

import { strict as assert } from 'node:assert';
import { DEMO_ADMIN } from '@entra-assistant/local-entra';
import { findConcept } from '../../src/knowledge/concepts';
import { findRiskType, riskTypeInfo } from '../../src/knowledge/riskTypes';
import { answerFromKnowledge, buildConceptAnswer, buildRiskTypeAnswer } from '../../src/skills/conceptAnswer';
import { DemoStack } from '../support/demoStack';

function cardData(text: string): { title: string; explanation: string; check: string; action: string; links: Array<{ url: string }> } {
  const answer = answerFromKnowledge(text);
  assert.ok(answer && answer.kind === 'card' && answer.template === 'concept', `a concept card for "${text}"`);
  return answer.data as ReturnType<typeof cardData>;
}

describe('Risk-type answers: one answer when concepts and risk types both could answer', () => {
  it('When a risk type is asked about, then the card title names it as a risk detection and shows what to check and do', () => {
    const info = riskTypeInfo('unfamiliarFeatures', 'user');
    const data = cardData('what is an unfamiliar sign-in properties detection?');
    assert.equal(data.title, 'Unfamiliar sign-in properties (risk detection)');
    assert.ok(data.explanation.startsWith(info.explanation));
    assert.match(data.explanation, /real time/);
    assert.match(data.explanation, /riskEventType "unfamiliarFeatures"/);
    assert.equal(data.check, info.check);
    assert.equal(data.action, info.action);
    assert.deepEqual(data.links.map((l) => l.url), info.links.map((l) => l.url));
  });

  it('When a service principal risk is asked about, then the card says so in its title', () => {
    const data = cardData('what does leaked credentials mean for a service principal?');
    assert.equal(data.title, 'Leaked credentials (service principal risk detection)');
    assert.equal(data.action, riskTypeInfo('leakedCredentials', 'servicePrincipal').action);
  });

  it('When the subject words are longer than the risk type\'s name, then they still only choose the subject', () => {
    // "enterprise application" (22) is a concept alias longer than "leaked credentials" (18); it qualifies the risk here.
    assert.equal(cardData('what does leaked credentials mean for an enterprise application?').title, 'Leaked credentials (service principal risk detection)');
  });

  it('When a question names a concept and a risk type, then the longer alias wins', () => {
    assert.equal(cardData('is conditional access blocking on unfamiliar sign-in properties?').title, 'Unfamiliar sign-in properties (risk detection)');
    // "risky service principal" (a concept) is longer than any risk type named in the question.
    assert.equal(cardData('what is a risky service principal?').title, 'Workload identity risk');
    // A comparison of the two is answered side by side (tests/skills/concepts.test.ts); one of them alone by its concept.
    assert.equal(cardData('what is user risk?').title, 'User risk and sign-in risk');
  });

  it('When a risk type was also a concept before, then only the risk type answers it', () => {
    for (const text of ['what is atypical travel?', 'what is leaked credentials?', 'what is a password spray?', 'what is an anonymous ip address?', 'what is a malicious ip?', 'what is impossible travel?']) {
      assert.equal(findConcept(text), undefined, `no concept for "${text}"`);
      assert.ok(findRiskType(text), text);
      assert.match(cardData(text).title, /\(risk detection\)$/, text);
    }
  });

  it('When the concept card is built without an action, then it is as before', () => {
    const concept = findConcept('what is a named location?')!;
    const answer = buildConceptAnswer(concept);
    assert.ok(answer.kind === 'card');
    if (answer.kind !== 'card') return;
    assert.equal((answer.data as { check: string }).check, concept.check);
    assert.ok(!answer.summary.includes('What to do'));
  });

  it('When a risk type answer is summarised, then the summary carries what to check, what to do and the links', () => {
    const info = riskTypeInfo('passwordSpray', 'user');
    const answer = buildRiskTypeAnswer(info);
    assert.ok(answer.kind === 'card');
    if (answer.kind !== 'card') return;
    assert.ok(answer.summary.includes(`What to check: ${info.check}`));
    assert.ok(answer.summary.includes(`What to do: ${info.action}`));
    assert.ok(answer.summary.includes(info.links[0].url));
  });
});

describe('Risk-type answers through the whole stack (HTTP bot → local Entra, demo tenant)', function () {
  this.timeout(120_000);
  let stack: DemoStack;

  before(async () => {
    stack = await DemoStack.onDemoTenant([]);
  });
  after(async () => {
    await stack?.stop();
  });

  const questions: Array<[string, string, 'user' | 'servicePrincipal']> = [
    ['what is an unfamiliar sign-in properties detection?', 'unfamiliarFeatures', 'user'],
    ['what does leaked credentials mean?', 'leakedCredentials', 'user'],
    ['explain atypical travel', 'unlikelyTravel', 'user'],
    ['what does leaked credentials mean for a service principal?', 'leakedCredentials', 'servicePrincipal'],
    // The riskEventType value and the detection's words are never taken for a person's name.
    ['what does leakedCredentials mean?', 'leakedCredentials', 'user'],
    ['what is a password spray?', 'passwordSpray', 'user'],
    ['what is token issuer anomaly?', 'tokenIssuerAnomaly', 'user'],
    ['what does attacker in the middle mean?', 'attackerinTheMiddle', 'user'],
    ['what is an anonymous ip address?', 'anonymizedIPAddress', 'user'],
    // Asking what a service principal's risk type is, is not asking which apps are at risk.
    ['what is a suspicious sign-ins risk for a service principal?', 'suspiciousSignins', 'servicePrincipal'],
    ['what are suspicious sign-ins for a service principal?', 'suspiciousSignins', 'servicePrincipal'],
  ];
  for (const [question, eventType, subject] of questions) {
    it(`When an admin asks "${question}", then the bot explains ${subject} ${eventType} with what to check, what to do and a Learn link, reading nothing from Graph`, async () => {
      const answer = await stack.ask(question, DEMO_ADMIN.userPrincipalName);
      assert.equal(answer.intent, 'docs.answer', answer.text);
      const info = riskTypeInfo(eventType, subject);
      assert.ok(answer.text.includes(info.name), answer.text);
      assert.ok(answer.text.includes(info.explanation), answer.text);
      assert.ok(answer.text.includes(info.check), answer.text);
      assert.ok(answer.text.includes(`What to do\n${info.action}`), answer.text);
      assert.ok(answer.text.includes(info.links[0].url), answer.text);
      assert.deepEqual(answer.graphRequests, []);
    });
  }
});

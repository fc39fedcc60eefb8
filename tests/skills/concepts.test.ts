import { strict as assert } from 'node:assert';
import { DEMO_ADMIN } from '../../src/emulator/demo/constants';
import { CONCEPTS, findConcept } from '../../src/knowledge/concepts';
import { buildConceptAnswer } from '../../src/skills/conceptAnswer';
import { DemoStack } from '../support/demoStack';

describe('Concept answers: findConcept', () => {
  const found: Array<[string, string]> = [
    ['what is a named location?', 'namedLocation'],
    ['What are named locations in Entra?', 'namedLocation'],
    ['what does report-only mean?', 'reportOnly'],
    ['what does report only mode mean for a CA policy?', 'reportOnly'],
    ['explain the difference between interactive and non-interactive sign-ins', 'signInTypes'],
    ['what is the difference between user risk and sign-in risk?', 'userVsSignInRisk'],
    ['what is a break glass account?', 'breakGlass'],
    ['what is the difference between an app registration and an enterprise app?', 'appsAndServicePrincipals'],
    ['what is PIM?', 'pim'],
    ['why does a guest have #EXT# in the UPN?', 'guests'],
    ['what does revokeSignInSessions do?', 'revokeSessions'],
    ['what is sign in frequency?', 'signInFrequency'],
    ['what are security defaults?', 'securityDefaults'],
    ['what is conditional access?', 'conditionalAccess'],
  ];
  for (const [text, id] of found) {
    it(`When asked "${text}", then the concept ${id} is found`, () => {
      assert.equal(findConcept(text)?.id, id);
    });
  }

  it('When a longer alias contains a shorter one, then the longer alias wins', () => {
    // Both "service principal" and "service principal sign-in" appear; the question is about the sign-in type.
    // (Risk detection types such as unfamiliar sign-in properties are answered from riskTypes.ts: tests/skills/riskConcepts.test.ts.)
    assert.equal(findConcept('what is a service principal sign-in?')?.id, 'signInTypes');
  });

  for (const text of ['what is the weather in Paris?', 'what does AADSTS50076 mean?', 'who is Megan Bowen?', 'what is a monitor?', 'explain quantum computing']) {
    it(`When asked "${text}", then no concept is found`, () => {
      assert.equal(findConcept(text), undefined);
    });
  }

  it('When every concept is listed, then each has aliases, a 2–4 sentence explanation, one check and Microsoft Learn links', () => {
    assert.ok(CONCEPTS.length >= 30, `${CONCEPTS.length} concepts`);
    assert.equal(new Set(CONCEPTS.map((c) => c.id)).size, CONCEPTS.length, 'ids are unique');
    for (const concept of CONCEPTS) {
      assert.ok(concept.aliases.length > 0 && concept.aliases.every((a) => a === a.toLowerCase()), concept.id);
      const sentences = concept.explanation.split(/(?<=[.!?])\s+(?=[A-Z])/).length;
      assert.ok(sentences >= 1 && sentences <= 4, `${concept.id}: ${sentences} sentences`);
      assert.ok(concept.links.length >= 1 && concept.links.length <= 2, concept.id);
      for (const link of concept.links) assert.match(link.url, /^https:\/\/learn\.microsoft\.com\//, concept.id);
    }
  });

  it('When a concept answer is built, then it is a concept card whose summary has the explanation and the links', () => {
    const concept = findConcept('what is a named location?')!;
    const answer = buildConceptAnswer(concept);
    assert.equal(answer.kind, 'card');
    if (answer.kind !== 'card') return;
    assert.equal(answer.template, 'concept');
    assert.ok(answer.summary.includes(concept.explanation));
    assert.ok(answer.summary.includes(concept.links[0].url));
  });
});

describe('Concept answers through the whole stack (HTTP bot → local Entra, demo tenant)', function () {
  this.timeout(120_000);
  let stack: DemoStack;

  before(async () => {
    stack = await DemoStack.onDemoTenant([]);
  });
  after(async () => {
    await stack?.stop();
  });

  it('When an admin asks "what is a named location?", then the answer explains it with a Microsoft Learn link and reads nothing from Graph', async () => {
    const answer = await stack.ask('what is a named location?', DEMO_ADMIN.userPrincipalName);
    assert.equal(answer.intent, 'docs.answer');
    const concept = findConcept('named location')!;
    assert.ok(answer.text.includes(concept.explanation), answer.text);
    assert.match(answer.text, /https:\/\/learn\.microsoft\.com\/\S+/);
    assert.deepEqual(answer.graphRequests, []);
  });
});

import { strict as assert } from 'node:assert';
import { DEMO_ADMIN } from '@entra-assistant/local-entra';
import { DIFFERENCES, findDifference } from '../../src/knowledge/conceptDifferences';
import { CONCEPTS, findConcept, findConceptMatches } from '../../src/knowledge/concepts';
import { answerFromKnowledge, buildConceptAnswer } from '../../src/skills/conceptAnswer';
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
    ['what does report-only do?', 'reportOnly'],
    ['what is a trusted location?', 'trustedLocations'],
    ['what are risk levels?', 'riskLevels'],
    ['what does the risk state mean?', 'riskStates'],
    ['what are workload identities?', 'workloadIdentities'],
    ['what is a managed identity?', 'workloadIdentities'],
    ['what is a risky workload identity?', 'workloadIdentityRisk'],
    ['what does per-user MFA do?', 'mfaEnforcement'],
    ['how long do access tokens last? what is the token lifetime?', 'tokenLifetime'],
    ['what is continuous access evaluation?', 'continuousAccessEvaluation'],
    ['what is a microsoft 365 group?', 'groupTypes'],
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

  it('When a question names two concepts, then both are found in the order named, and a phrase inside a longer one does not count', () => {
    assert.deepEqual(findConceptMatches('named locations vs security defaults').map((m) => m.concept.id), ['namedLocation', 'securityDefaults']);
    assert.deepEqual(findConceptMatches('what is a service principal sign-in?').map((m) => m.concept.id), ['signInTypes']);
  });

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

describe('Concept answers: "X vs Y" and "difference between X and Y"', () => {
  const pairs: Array<[string, string, string]> = [
    ["dismiss vs confirm compromised: what's the difference?", 'confirmVsDismiss', 'Dismiss risk'],
    ['what is the difference between confirming a user compromised and dismissing the risk?', 'confirmVsDismiss', 'Confirm compromised'],
    ['what is the difference between user risk and sign-in risk?', 'userVsSignInRisk', 'User risk'],
    ['risky user vs risky sign-in?', 'userVsSignInRisk', 'User risk'],
    ['risk level vs risk state', 'riskLevelVsState', 'Risk level'],
    ["what does 'remediated' mean on a risky user vs 'dismissed'", 'remediatedVsDismissed', 'Remediated'],
    ['difference between report-only and enabled policies?', 'reportOnlyVsOn', 'Report-only'],
    ['named location vs trusted location', 'namedVsTrustedLocation', 'Named location'],
    ['explain the difference between interactive and non-interactive sign-ins', 'interactiveVsNonInteractive', 'Interactive sign-in'],
    ['MFA registration vs MFA enforcement', 'mfaRegistrationVsEnforcement', 'MFA registration'],
    ['security defaults or conditional access, what is the difference?', 'securityDefaultsVsConditionalAccess', 'Security defaults'],
    ['PIM eligible vs active assignments', 'eligibleVsActive', 'Eligible assignment'],
    ['how is a guest different from a member?', 'guestVsMember', 'Guest'],
    ['app registration vs service principal - what is the difference?', 'appRegistrationVsEnterpriseApp', 'App registration (application object)'],
    ['client secret vs certificate', 'secretVsCertificate', 'Client secret'],
    ['azure roles vs entra roles', 'directoryVsAzureRoles', 'Azure roles'],
    ['token vs session revoke, whats the difference', 'tokenLifetimeVsRevocation', 'Token lifetime'],
    ["what's the difference between a security group and a m365 group", 'securityVsM365Group', 'Security group'],
  ];
  for (const [text, id, first] of pairs) {
    it(`When asked "${text}", then the pair ${id} answers, starting with the side named first`, () => {
      const found = findDifference(text);
      assert.equal(found?.id, id);
      assert.equal(found?.sides[0].name, first);
    });
  }

  for (const text of ['what is report-only?', 'is Megan a guest or a member?', 'dismiss the risk for Adele', 'what changed for the security group vs last week?']) {
    it(`When "${text}" is not a comparison of a known pair, then no pair answers`, () => {
      assert.equal(findDifference(text), undefined);
    });
  }

  it('When every pair is listed, then each has two named sides, a difference of one to three sentences, a check and Microsoft Learn links', () => {
    assert.ok(DIFFERENCES.length >= 15, `${DIFFERENCES.length} pairs`);
    assert.equal(new Set(DIFFERENCES.map((d) => d.id)).size, DIFFERENCES.length, 'ids are unique');
    for (const d of DIFFERENCES) {
      for (const side of d.sides) assert.ok(side.name && side.gist && side.aliases.length > 0 && side.aliases.every((a) => a === a.toLowerCase()), `${d.id}: ${side.name}`);
      const sentences = d.difference.split(/(?<=[.!?])\s+(?=[A-Z])/).length;
      assert.ok(sentences >= 1 && sentences <= 3, `${d.id}: ${sentences} sentences`);
      assert.ok(d.check.length > 20, d.id);
      for (const link of d.links) assert.match(link.url, /^https:\/\/learn\.microsoft\.com\//, d.id);
    }
  });

  it('When a comparison names two concepts with no pair of their own, then both are explained and the answer says there is no side-by-side note', () => {
    const answer = answerFromKnowledge('named locations vs security defaults');
    assert.ok(answer?.kind === 'card' && answer.template === 'conceptComparison');
    assert.ok(answer.summary.includes(findConcept('named location')!.explanation));
    assert.ok(answer.summary.includes(findConcept('security defaults')!.explanation));
    assert.match(answer.summary, /no side-by-side note/);
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

  it('When an admin asks "what does report-only do?", then report-only mode is explained rather than the policies listed', async () => {
    const answer = await stack.ask('what does report-only do?', DEMO_ADMIN.userPrincipalName);
    assert.equal(answer.intent, 'docs.answer');
    assert.ok(answer.text.includes(findConcept('report-only')!.explanation), answer.text);
    assert.doesNotMatch(answer.text, /Require MFA for all users/);
    assert.deepEqual(answer.graphRequests, []);
  });

  it('When an admin asks what a named policy does, then the policy is still described', async () => {
    const answer = await stack.ask('what does the block legacy authentication policy do?', DEMO_ADMIN.userPrincipalName);
    assert.equal(answer.intent, 'policy.info');
  });

  it('When an admin asks "dismiss vs confirm compromised: what\'s the difference?", then both sides and what differs are answered', async () => {
    const answer = await stack.ask("dismiss vs confirm compromised: what's the difference?", DEMO_ADMIN.userPrincipalName);
    assert.equal(answer.intent, 'docs.answer');
    const pair = DIFFERENCES.find((d) => d.id === 'confirmVsDismiss')!;
    for (const side of pair.sides) assert.ok(answer.text.includes(side.name) && answer.text.includes(side.gist), side.name);
    assert.match(answer.text, /The difference/);
    assert.ok(answer.text.includes(pair.difference), answer.text);
    // The difference is stated, not implied: one raises the risk to high, the other closes the case.
    assert.match(pair.difference, /high/);
    assert.match(pair.difference, /none/);
    assert.match(answer.text, /https:\/\/learn\.microsoft\.com\/\S+/);
  });

  it('When an admin asks "MFA registration vs MFA enforcement", then both and the difference are answered without Graph', async () => {
    const answer = await stack.ask('MFA registration vs MFA enforcement?', DEMO_ADMIN.userPrincipalName);
    assert.equal(answer.intent, 'docs.answer');
    assert.match(answer.text, /MFA registration[\s\S]*MFA enforcement[\s\S]*The difference/);
    assert.deepEqual(answer.graphRequests, []);
  });
});

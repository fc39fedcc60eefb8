import { strict as assert } from 'node:assert';
import {
  KNOWN_RISK_DETAILS,
  KNOWN_RISK_STATES,
  allRiskTypes,
  findRiskType,
  riskDetailText,
  riskStateText,
  riskTypeFacts,
  riskTypeInfo,
  splitCamelCase,
  type RiskSubject,
} from '../../src/knowledge/riskTypes';
import { readLocalEntraReferenceJson, readReference } from '../support/reference';

/** The types issue #7 names: §1.3 of tests/fixtures/reference/graph/risk-event-types.md (with the older values) for users, §1.4 for service principals. */
const USER_TYPES = [
  'riskyIPAddress', 'generic', 'adminConfirmedUserCompromised', 'anomalousToken', 'anonymizedIPAddress', 'unlikelyTravel',
  'mcasImpossibleTravel', 'maliciousIPAddress', 'mcasFinSuspiciousFileAccess', 'investigationsThreatIntelligence', 'newCountry',
  'passwordSpray', 'suspiciousBrowser', 'suspiciousInboxForwarding', 'mcasSuspiciousInboxManipulationRules', 'tokenIssuerAnomaly',
  'unfamiliarFeatures', 'nationStateIP', 'anomalousUserActivity', 'attackerinTheMiddle', 'leakedCredentials', 'attemptedPrtAccess',
  'suspiciousAPITraffic', 'suspiciousSendingPatterns', 'userReportedSuspiciousActivity',
  'malwareInfectedIPAddress', 'suspiciousIPAddress', 'impossibleTravel',
];
const SP_TYPES = [
  'investigationsThreatIntelligence', 'suspiciousSignins', 'adminConfirmedServicePrincipalCompromised', 'leakedCredentials',
  'maliciousApplication', 'suspiciousApplication', 'anomalousServicePrincipalActivity', 'suspiciousAPITraffic',
];

const LEARN_USER = 'https://learn.microsoft.com/en-us/entra/id-protection/concept-identity-protection-risks';
const LEARN_SP = 'https://learn.microsoft.com/en-us/entra/id-protection/concept-workload-identity-risk';

const sentences = (text: string) => text.split(/(?<=[.!?])\s+(?=[A-Z"])/).length;
const known = (eventType: string, subject: RiskSubject) =>
  allRiskTypes().some((info) => info.subject === subject && info.eventType === eventType);

function assertComplete(eventType: string, subject: RiskSubject): void {
  assert.ok(known(eventType, subject), `${subject} ${eventType} has an entry of its own`);
  const info = riskTypeInfo(eventType, subject);
  const label = `${subject} ${eventType}`;
  assert.equal(info.eventType, eventType, label);
  assert.equal(info.subject, subject, label);
  assert.ok(info.name && info.name !== eventType, `${label}: an admin center name`);
  const count = sentences(info.explanation);
  assert.ok(count >= 2 && count <= 3, `${label}: ${count} sentences in the explanation`);
  assert.ok(info.check.length > 40, `${label}: what to check`);
  assert.ok(info.action.length > 40, `${label}: what to do`);
  assert.ok(['realtime', 'offline', 'either'].includes(info.timing), label);
  assert.ok(info.links.length >= 1 && info.links.length <= 2, label);
  assert.ok(info.links[0].url.startsWith(subject === 'user' ? LEARN_USER : LEARN_SP), `${label}: ${info.links[0].url}`);
  for (const link of info.links) assert.match(link.url, /^https:\/\/learn\.microsoft\.com\/en-us\/entra\/id-protection\/[a-z-]+(#[a-z0-9-]+)?$/, label);
  assert.ok(info.aliases.length > 0 && info.aliases.every((a) => a === a.toLowerCase() && a.trim() === a), `${label}: lower-case aliases`);
  assert.ok(findRiskType(`what does ${eventType} mean?`), `${label}: the riskEventType value itself is found`);
}

describe('Risk types: every detection Graph reports has our own explanation', () => {
  for (const eventType of USER_TYPES) {
    it(`When a user detection is "${eventType}", then it has a name, explanation, check, action, timing and a Learn link`, () => {
      assertComplete(eventType, 'user');
    });
  }
  for (const eventType of SP_TYPES) {
    it(`When a service principal detection is "${eventType}", then it has a name, explanation, check, action, timing and a Learn link`, () => {
      assertComplete(eventType, 'servicePrincipal');
    });
  }

  it('When the same value exists for users and for service principals, then each subject gets its own meaning', () => {
    const user = riskTypeInfo('leakedCredentials', 'user');
    const sp = riskTypeInfo('leakedCredentials', 'servicePrincipal');
    assert.notEqual(user.explanation, sp.explanation);
    assert.match(user.explanation, /password/);
    assert.match(sp.explanation, /secret or certificate/);
    assert.match(sp.explanation, /public code repository/);
    assert.match(user.action, /secure password reset/);
    assert.match(sp.action, /Remove the leaked credential/);
    assert.match(sp.check, /audit log/);
    assert.notEqual(riskTypeInfo('investigationsThreatIntelligence', 'user').check, riskTypeInfo('investigationsThreatIntelligence', 'servicePrincipal').check);
    assert.notEqual(riskTypeInfo('suspiciousAPITraffic', 'user').action, riskTypeInfo('suspiciousAPITraffic', 'servicePrincipal').action);
  });

  it('When the advice calls for a new password, then it says the bot never resets passwords itself', () => {
    for (const eventType of ['leakedCredentials', 'passwordSpray', 'unfamiliarFeatures', 'unlikelyTravel']) {
      assert.match(riskTypeInfo(eventType, 'user').action, /secure password reset \(the assistant never resets passwords itself\)/, eventType);
    }
  });

  it('When the detection is unfamiliar properties from a usual device, password spray or a leaked app secret, then the advice fits it', () => {
    assert.match(riskTypeInfo('unfamiliarFeatures', 'user').action, /device the user normally uses.*likely safe: confirm the sign-in safe/);
    assert.match(riskTypeInfo('passwordSpray', 'user').action, /^The password is known/);
    assert.match(riskTypeInfo('passwordSpray', 'user').action, /MFA/);
    const spLeak = riskTypeInfo('leakedCredentials', 'servicePrincipal').action;
    assert.match(spLeak, /Remove the leaked credential, add a new one/);
    assert.match(spLeak, /review the audit log/);
  });

  it('When timing and licence are looked up, then they follow the Learn tables', () => {
    assert.equal(riskTypeInfo('unfamiliarFeatures', 'user').timing, 'realtime');
    assert.equal(riskTypeInfo('anonymizedIPAddress', 'user').timing, 'realtime');
    assert.equal(riskTypeInfo('unlikelyTravel', 'user').timing, 'offline');
    assert.equal(riskTypeInfo('passwordSpray', 'user').timing, 'either');
    // Nonpremium on Learn: reported by name without P2.
    for (const eventType of ['anonymizedIPAddress', 'leakedCredentials', 'investigationsThreatIntelligence', 'generic', 'adminConfirmedUserCompromised']) {
      assert.equal(riskTypeInfo(eventType, 'user').premium, false, eventType);
    }
    for (const eventType of ['unfamiliarFeatures', 'unlikelyTravel', 'passwordSpray', 'maliciousIPAddress', 'tokenIssuerAnomaly']) {
      assert.equal(riskTypeInfo(eventType, 'user').premium, true, eventType);
    }
    assert.match(riskTypeFacts(riskTypeInfo('unfamiliarFeatures', 'user')), /real time.*P2/);
    // The explanation already says "offline": the facts do not repeat it.
    assert.match(riskTypeInfo('leakedCredentials', 'user').explanation, /offline/);
    assert.equal(riskTypeFacts(riskTypeInfo('leakedCredentials', 'user')), 'Every tenant sees it by name; no P2 licence is needed.');
    assert.match(riskTypeFacts(riskTypeInfo('suspiciousSignins', 'servicePrincipal')), /Workload ID Premium/);
  });

  it('When a type is unknown, then an honest entry comes back instead of an exception', () => {
    const user = riskTypeInfo('brandNewDetectionIP', 'user');
    assert.equal(user.eventType, 'brandNewDetectionIP');
    assert.equal(user.name, 'Brand new detection IP');
    assert.match(user.explanation, /does not describe yet/);
    assert.equal(user.links[0].url, LEARN_USER);
    const sp = riskTypeInfo('brandNewDetectionIP', 'servicePrincipal');
    assert.equal(sp.subject, 'servicePrincipal');
    assert.match(sp.check, /credential/);
    assert.ok(sp.links[0].url.startsWith(LEARN_SP));
    // A user-only value asked about a service principal is not passed off as the user's meaning.
    assert.match(riskTypeInfo('unfamiliarFeatures', 'servicePrincipal').explanation, /does not describe yet/);
    assert.equal(riskTypeInfo('', 'user').name, 'Unknown detection');
  });

  it('When the value comes in another letter case, then it is still recognised', () => {
    assert.equal(riskTypeInfo('attackerInTheMiddle', 'user').name, riskTypeInfo('attackerinTheMiddle', 'user').name);
    assert.equal(riskTypeInfo('UNFAMILIARFEATURES', 'user').name, 'Unfamiliar sign-in properties');
  });

  it('When the list is read, then every alias and link is unique where it must be', () => {
    const keys = allRiskTypes().map((i) => `${i.subject}:${i.eventType}`);
    assert.equal(new Set(keys).size, keys.length);
    for (const subject of ['user', 'servicePrincipal'] as const) {
      const aliases = allRiskTypes().filter((i) => i.subject === subject).flatMap((i) => i.aliases);
      assert.equal(new Set(aliases).size, aliases.length, `${subject} aliases name one type each`);
    }
  });
});

describe('Risk types: findRiskType reads the type from a question', () => {
  const found: Array<[string, string, RiskSubject]> = [
    ['what is an unfamiliar sign-in properties detection?', 'unfamiliarFeatures', 'user'],
    ['What are unfamiliar features?', 'unfamiliarFeatures', 'user'],
    ['what does leakedCredentials mean?', 'leakedCredentials', 'user'],
    ['explain atypical travel', 'unlikelyTravel', 'user'],
    ['what does unlikelyTravel mean', 'unlikelyTravel', 'user'],
    ["what's impossible travel?", 'mcasImpossibleTravel', 'user'],
    ['what is an anonymous IP detection?', 'anonymizedIPAddress', 'user'],
    ['what is a password spray?', 'passwordSpray', 'user'],
    ['explain token issuer anomaly', 'tokenIssuerAnomaly', 'user'],
    ['what is activity from anonymous IP address?', 'riskyIPAddress', 'user'],
    ['what is an attacker-in-the-middle detection?', 'attackerinTheMiddle', 'user'],
    ['what is a suspicious sign-ins risk for a service principal?', 'suspiciousSignins', 'servicePrincipal'],
    ['what does leaked credentials mean for a service principal?', 'leakedCredentials', 'servicePrincipal'],
    ['what are leaked credentials on an app?', 'leakedCredentials', 'servicePrincipal'],
    ['what does maliciousApplication mean?', 'maliciousApplication', 'servicePrincipal'],
    ['what is admin confirmed service principal compromised?', 'adminConfirmedServicePrincipalCompromised', 'servicePrincipal'],
  ];
  for (const [text, eventType, subject] of found) {
    it(`When asked "${text}", then ${subject} ${eventType} is found`, () => {
      const info = findRiskType(text);
      assert.equal(info?.eventType, eventType);
      assert.equal(info?.subject, subject);
    });
  }

  for (const text of ['what is a named location?', 'what is the weather in Paris?', 'who is Megan Bowen?', 'what is user risk?', 'what does AADSTS50126 mean?']) {
    it(`When asked "${text}", then no risk type is found`, () => {
      assert.equal(findRiskType(text), undefined);
    });
  }
});

describe('Risk types: risk states and risk details in plain words', () => {
  const states: Array<[string, string]> = [
    ['none', 'no risk'],
    ['atRisk', 'at risk'],
    ['confirmedCompromised', 'confirmed compromised'],
    ['confirmedSafe', 'confirmed safe'],
    ['remediated', 'remediated'],
    ['dismissed', 'dismissed'],
    ['unknownFutureValue', 'unknown'],
  ];
  for (const [state, words] of states) {
    it(`When the risk state is "${state}", then it reads "${words}"`, () => {
      assert.equal(riskStateText(state), words);
    });
  }

  const details: Array<[string, string]> = [
    ['userPerformedSecuredPasswordChange', 'the user changed their password securely'],
    ['adminDismissedAllRiskForUser', 'an admin dismissed all risk for the user'],
    ['userPassedMFADrivenByRiskBasedPolicy', 'the user passed MFA asked for by a risk-based policy'],
    ['adminConfirmedServicePrincipalCompromised', 'an admin confirmed the service principal compromised'],
    ['none', ''],
  ];
  for (const [detail, words] of details) {
    it(`When the risk detail is "${detail}", then it reads "${words}"`, () => {
      assert.equal(riskDetailText(detail), words);
    });
  }

  it('When a state or detail is missing or new, then the words fall back honestly', () => {
    assert.equal(riskStateText(null), 'unknown');
    assert.equal(riskStateText(undefined), 'unknown');
    assert.equal(riskStateText('partlyRemediated'), 'partly remediated');
    assert.equal(riskDetailText(null), '');
    assert.equal(riskDetailText('adminRevokedMFAForAgent'), 'admin revoked MFA for agent');
    assert.equal(splitCamelCase('nationStateIP'), 'nation state IP');
  });

  it('When Graph defines a risk state or detail, then it has hand-written words (packages/local-entra/tests/fixtures/reference/graph/graph-schemas.json)', () => {
    const schemas = readLocalEntraReferenceJson<Record<string, { definitions: Record<string, { enum: string[] }> }>>('graph', 'graph-schemas.json');
    const enumOf = (version: string, name: string): string[] => schemas[version].definitions[`microsoft.graph.${name}`].enum;
    for (const version of ['v1.0', 'beta']) {
      for (const state of enumOf(version, 'riskState')) assert.ok(KNOWN_RISK_STATES.includes(state), `${version} riskState ${state}`);
      for (const detail of enumOf(version, 'riskDetail')) {
        assert.ok(KNOWN_RISK_DETAILS.includes(detail), `${version} riskDetail ${detail}`);
        if (detail !== 'none') assert.notEqual(riskDetailText(detail), splitCamelCase(detail), `${detail} has its own words`);
      }
    }
  });
});

describe('Risk types against the Graph reference (tests/fixtures/reference/graph/risk-event-types.md §1.3, §1.4)', () => {
  let reference: string;
  before(() => {
    reference = readReference('graph', 'risk-event-types.md');
  });

  /** From `heading` to the next heading named, or to the end of the excerpt when that one is not in it. */
  function section(heading: string, next?: string): string {
    const start = reference.indexOf(heading);
    assert.ok(start >= 0, heading);
    const end = next === undefined ? -1 : reference.indexOf(next, start);
    return reference.slice(start, end < 0 ? undefined : end);
  }

  it('When the §1.3 table and the older values list a user riskEventType, then it has an entry', () => {
    const text = section('### 1.3', '### 1.4');
    const fromTable = [...text.matchAll(/^\|[^\n]*\|\s*`(\w+)`[^|\n]*\|\s*$/gm)].map((m) => m[1]);
    const older = [...(text.match(/older v1\.0 resource page also lists ([^(]*)/)?.[1] ?? '').matchAll(/`(\w+)`/g)].map((m) => m[1]);
    assert.ok(fromTable.length >= 20, `${fromTable.length} table rows`);
    assert.equal(older.length, 3);
    for (const eventType of [...fromTable, ...older]) assert.ok(known(eventType, 'user'), eventType);
  });

  it('When §1.4 lists a service principal riskEventType, then it has an entry', () => {
    const text = section('### 1.4');
    const list = text.slice(text.indexOf('Workload riskEventType values'), text.indexOf('License:', text.indexOf('Workload riskEventType values')));
    const values = [...list.matchAll(/`(\w+)`/g)].map((m) => m[1]);
    assert.equal(values.length, 8);
    for (const eventType of values) assert.ok(known(eventType, 'servicePrincipal'), eventType);
  });
});

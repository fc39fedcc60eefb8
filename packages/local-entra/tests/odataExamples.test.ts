import * as assert from 'node:assert/strict';
import { createIndexedCollection, ENDPOINT_RULES, EndpointRules, QueryableCollection, QueryInput, runQuery } from '../src/odata';
import { readReferenceJson } from './support/reference';

type Item = Record<string, unknown>;

type Page = { value: Item[] };
/** The documented list examples: one response page. */
type ListExample = { response: Page };
/** The directory audits example: two documented requests and their responses. */
type AuditExamples = { example1_response: Page; example2_request: string; example2_response: Page };
/** The risky users example: a read, and a filter request with its (repaired) beta response. */
type RiskyUserExamples = { get_response: Item; filter_request_beta: string; filter_response_beta_repaired: Item };

/** A documentation example (tests/fixtures/reference/graph/examples), in the shape the test reads. */
function load<T>(file: string): T {
  return readReferenceJson<T>('graph', 'examples', file);
}

/** Replays a documented request line ("GET https://graph.microsoft.com/v1.0/…?$filter=…") against our base URL. */
function documentedRequest(requestLine: string, extra: Partial<QueryInput> = {}): QueryInput {
  const url = new URL(requestLine.replace(/^GET\s+/, ''));
  return {
    params: url.searchParams,
    requestUrl: `https://127.0.0.1:8443${url.pathname}`,
    contextUrl: `https://127.0.0.1:8443/v1.0/$metadata#${url.pathname.split('/').slice(2).join('/')}`,
    ...extra,
  };
}

function query(path: string, text: string): QueryInput {
  return { params: new URLSearchParams(text), requestUrl: `https://127.0.0.1:8443/v1.0${path}`, contextUrl: `https://127.0.0.1:8443/v1.0/$metadata#${path}` };
}

function ids(items: Item[]): unknown[] {
  return items.map((item) => item.id);
}

function allPages(collection: QueryableCollection, first: QueryInput, rules: EndpointRules): Item[][] {
  const pages: Item[][] = [];
  let request: QueryInput | undefined = first;
  while (request) {
    const body = runQuery(collection, request, rules);
    pages.push(body.value);
    const next = body['@odata.nextLink'];
    request = next ? { ...request, params: new URL(next).searchParams } : undefined;
  }
  return pages;
}

describe('OData engine over the documentation examples', function () {
  describe('sign-ins (v1.0 and beta examples)', () => {
    let v1: Item;
    let beta: Item;
    let signIns: QueryableCollection;

    before(() => {
      v1 = load<ListExample>('signins-v1.0-list.json').response.value[0];
      beta = load<ListExample>('signins-beta-list.json').response.value[0];
      signIns = createIndexedCollection([v1, beta], ['userId', 'status/errorCode'], { order: { property: 'createdDateTime', descending: true } });
    });

    it("When the documented startsWith(appDisplayName,'Graph') filter runs, then only the Graph Explorer sign-in matches", () => {
      const body = runQuery(signIns, query('/auditLogs/signIns', "$filter=startsWith(appDisplayName,'Graph')&$top=10"), ENDPOINT_RULES.signIns);
      assert.deepEqual(ids(body.value), [v1.id]);
    });

    it('When sign-ins are filtered by user, error code, country and time, then each example is found by its own values', () => {
      const run = (filter: string): unknown[] =>
        ids(runQuery(signIns, query('/auditLogs/signIns', `$filter=${encodeURIComponent(filter)}`), ENDPOINT_RULES.signIns).value);
      assert.deepEqual(run(`userId eq '${String(v1.userId)}'`), [v1.id]);
      assert.deepEqual(run('status/errorCode eq 50126'), [beta.id]);
      assert.deepEqual(run(`location/countryOrRegion eq 'US' and createdDateTime ge ${String(v1.createdDateTime)}`), [beta.id, v1.id]);
      assert.deepEqual(run('createdDateTime ge 2021-01-01T00:00:00Z'), [beta.id]);
      assert.deepEqual(run("signInEventTypes/any(t: t eq 'interactiveUser')"), [beta.id]);
    });

    it('When the documented $top=1 paging is followed, then both examples come once, newest first', () => {
      const pages = allPages(signIns, query('/auditLogs/signIns', '$top=1'), ENDPOINT_RULES.signIns);
      assert.deepEqual(pages.map(ids), [[beta.id], [v1.id]]);
    });
  });

  describe('directory audits', () => {
    it("When the documented initiatedBy/user/id filter is replayed, then exactly example 2's audit comes back", () => {
      const file = load<AuditExamples>('directoryaudits-v1.0-list.json');
      const audits: Item[] = [...file.example1_response.value, ...file.example2_response.value];
      const body = runQuery(createIndexedCollection(audits, ['id']), documentedRequest(file.example2_request), ENDPOINT_RULES.directoryAudits);
      assert.deepEqual(ids(body.value), ids(file.example2_response.value));
    });

    it('When audits are filtered on a target resource through any(), then the audit naming it is found', () => {
      const file = load<AuditExamples>('directoryaudits-v1.0-list.json');
      const audit = file.example2_response.value[0];
      const target = (audit.targetResources as Item[])[0];
      const filter = `targetResources/any(t: t/id eq '${String(target.id).replace(/'/g, "''")}')`;
      const body = runQuery(createIndexedCollection([...file.example1_response.value, audit], []), query('/auditLogs/directoryAudits', `$filter=${encodeURIComponent(filter)}`), ENDPOINT_RULES.directoryAudits);
      assert.ok(ids(body.value).includes(audit.id));
    });
  });

  describe('risky users', () => {
    it("When the documented riskLevel eq microsoft.graph.riskLevel'medium' filter is replayed, then only the medium-risk user comes back", () => {
      const file = load<RiskyUserExamples>('riskyusers-v1.0.json');
      const users: Item[] = [file.get_response, file.filter_response_beta_repaired];
      const body = runQuery(createIndexedCollection(users, []), documentedRequest(file.filter_request_beta), ENDPOINT_RULES.riskyUsers);
      assert.deepEqual(body.value, users.filter((user) => user.riskLevel === 'medium'));
      assert.equal(body.value.length, 1);
    });

    it("When the same filter uses the plain 'medium' literal, then the same user comes back", () => {
      const file = load<RiskyUserExamples>('riskyusers-v1.0.json');
      const users: Item[] = [file.get_response, file.filter_response_beta_repaired];
      const body = runQuery(createIndexedCollection(users, []), query('/identityProtection/riskyUsers', "$filter=riskLevel eq 'medium'"), ENDPOINT_RULES.riskyUsers);
      assert.equal(body.value.length, 1);
      assert.equal(body.value[0].riskLevel, 'medium');
    });
  });

  describe('risk detections', () => {
    it('When the example detection is filtered by its event type, level and detection time, then it is found', () => {
      const detection = load<ListExample>('riskdetections-v1.0-list.json').response.value[0];
      const filter = `riskEventType eq '${String(detection.riskEventType)}' and riskLevel eq microsoft.graph.riskLevel'${String(detection.riskLevel)}' and detectedDateTime ge 2018-09-05T00:11:27.773602Z`;
      const body = runQuery(createIndexedCollection([detection], ['userId']), query('/identityProtection/riskDetections', `$filter=${encodeURIComponent(filter)}`), ENDPOINT_RULES.riskDetections);
      assert.deepEqual(ids(body.value), [detection.id]);
      const later = runQuery(createIndexedCollection([detection], []), query('/identityProtection/riskDetections', '$filter=detectedDateTime gt 2018-09-05T00:11:27.773602Z'), ENDPOINT_RULES.riskDetections);
      assert.equal(later.value.length, 0);
    });
  });

  describe('user registration details', () => {
    let details: Item[];
    before(() => {
      details = load<ListExample>('userregistrationdetails-v1.0-list.json').response.value;
    });

    it('When registration details are filtered on MFA registration and on a registered method, then the matching users come back', () => {
      const collection = createIndexedCollection(details, []);
      const run = (filter: string): unknown[] =>
        runQuery(collection, query('/reports/authenticationMethods/userRegistrationDetails', `$filter=${encodeURIComponent(filter)}`), ENDPOINT_RULES.userRegistrationDetails).value.map((item) => item.userPrincipalName);
      assert.deepEqual(run('isMfaRegistered eq true'), ['AlexW@Contoso.com', 'BiancaP@Contoso.com']);
      assert.deepEqual(run("methodsRegistered/any(m: m eq 'mobilePhone')"), ['BiancaP@Contoso.com']);
      assert.deepEqual(run("userType eq 'guest'"), ['AllanD@Contoso.com']);
      assert.deepEqual(run("userPrincipalName eq 'alexw@contoso.com'"), ['AlexW@Contoso.com']);
    });

    it('When the three users are paged one at a time, then each comes once', () => {
      const pages = allPages(createIndexedCollection(details, []), query('/reports/authenticationMethods/userRegistrationDetails', '$top=1'), ENDPOINT_RULES.userRegistrationDetails);
      assert.deepEqual(pages.map((page) => page.length), [1, 1, 1]);
      assert.deepEqual(pages.flat().map((item) => item.id), details.map((item) => item.id));
    });
  });
});

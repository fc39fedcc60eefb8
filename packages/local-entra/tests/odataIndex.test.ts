import * as assert from 'node:assert/strict';
import * as sinon from 'sinon';
import { createIndexedCollection, ENDPOINT_RULES, QueryableCollection, QueryInput, runQuery } from '../src/odata';
import * as filterEvaluation from '../src/odata/evaluate';

type Item = Record<string, unknown>;

const SIGN_IN_COUNT = 200_000;
const USER_COUNT = 2_000;
const START = Date.UTC(2026, 9, 1);
const BASE = 'https://127.0.0.1:8443/v1.0';

function userId(n: number): string {
  return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

/** Deterministic pseudo-random order, so storage order is not time order. */
function shuffled<T>(items: T[]): T[] {
  let seed = 42;
  const next = (): number => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  for (let index = items.length - 1; index > 0; index -= 1) {
    const other = Math.floor(next() * (index + 1));
    [items[index], items[other]] = [items[other], items[index]];
  }
  return items;
}

function makeSignIns(): Item[] {
  const items = Array.from({ length: SIGN_IN_COUNT }, (_, n) => ({
    id: `si-${n}`,
    createdDateTime: new Date(START + n * 10_000).toISOString().replace('Z', '1234Z'),
    userId: userId(n % USER_COUNT),
    userPrincipalName: `user${n % USER_COUNT}@contoso.com`,
    appDisplayName: n % 1_000 === 0 ? 'Azure Portal' : 'Microsoft Teams',
    status: { errorCode: n % 50 === 0 ? 50126 : 0 },
  }));
  return shuffled(items);
}

function signInRequest(query: string): QueryInput {
  return {
    params: new URLSearchParams(query),
    requestUrl: `${BASE}/auditLogs/signIns`,
    contextUrl: `${BASE}/$metadata#auditLogs/signIns`,
  };
}

describe('OData engine at sign-in scale (200,000 sign-ins)', function () {
  this.timeout(120_000);
  let items: Item[];
  let stored: QueryableCollection;
  let evaluations: sinon.SinonSpy;

  before(() => {
    items = makeSignIns();
    stored = createIndexedCollection(items, ['userId', 'userPrincipalName', 'status/errorCode', 'id'], {
      order: { property: 'createdDateTime', descending: true },
    });
  });

  beforeEach(() => {
    evaluations = sinon.spy(filterEvaluation, 'evaluate');
  });

  afterEach(() => {
    sinon.restore();
  });

  function newestFirst(predicate: (item: Item) => boolean): string[] {
    return items
      .filter(predicate)
      .sort((a, b) => String(b.createdDateTime).localeCompare(String(a.createdDateTime)))
      .map((item) => String(item.id));
  }

  it('When a user and a time window are filtered, then only that user\'s index bucket is evaluated and the page is right', () => {
    const since = new Date(START + 100_000 * 10_000).toISOString();
    const filter = `userId eq '${userId(17)}' and createdDateTime ge ${since}`;
    const body = runQuery(stored, signInRequest(`$filter=${encodeURIComponent(filter)}&$top=10`), ENDPOINT_RULES.signIns);
    const expected = newestFirst((item) => item.userId === userId(17) && String(item.createdDateTime) >= since).slice(0, 10);
    assert.deepEqual(body.value.map((item) => item.id), expected);
    assert.ok(body['@odata.nextLink']);
    const bucketSize = SIGN_IN_COUNT / USER_COUNT;
    assert.ok(evaluations.callCount > 0, 'the filter was evaluated');
    assert.ok(evaluations.callCount <= bucketSize, `evaluated ${evaluations.callCount} items, bucket holds ${bucketSize}`);
  });

  it('When two indexed terms are combined, then the smaller bucket is the one scanned', () => {
    const filter = `status/errorCode eq 50126 and userPrincipalName eq 'USER0@contoso.com'`;
    const body = runQuery(stored, signInRequest(`$filter=${encodeURIComponent(filter)}`), ENDPOINT_RULES.signIns);
    const expected = newestFirst((item) => item.userId === userId(0) && (item.status as Item).errorCode === 50126);
    assert.deepEqual(body.value.map((item) => item.id), expected);
    assert.ok(evaluations.callCount <= SIGN_IN_COUNT / USER_COUNT, `evaluated ${evaluations.callCount}`);
  });

  it('When only a recent time window is filtered, then binary search on the stored order limits evaluation to one page', () => {
    const since = new Date(START + (SIGN_IN_COUNT - 5_000) * 10_000).toISOString();
    const body = runQuery(stored, signInRequest(`$filter=createdDateTime ge ${since}`), ENDPOINT_RULES.signIns);
    assert.equal(body.value.length, 1000);
    assert.deepEqual(body.value.slice(0, 3).map((item) => item.id), newestFirst(() => true).slice(0, 3));
    assert.ok(evaluations.callCount <= 1001, `evaluated ${evaluations.callCount}`);
  });

  it('When a time window lies in the past, then the scan starts at its newest sign-in instead of the newest overall', () => {
    const from = new Date(START + 1_000 * 10_000).toISOString();
    const to = new Date(START + 1_100 * 10_000).toISOString();
    const filter = `createdDateTime ge ${from} and createdDateTime lt ${to}`;
    const body = runQuery(stored, signInRequest(`$filter=${encodeURIComponent(filter)}`), ENDPOINT_RULES.signIns);
    assert.equal(body.value.length, 100);
    assert.equal(body.value[0].id, 'si-1099');
    assert.equal(body.value[99].id, 'si-1000');
    assert.ok(evaluations.callCount <= 100, `evaluated ${evaluations.callCount}`);
  });

  it('When an indexed query is paged to the end, then each page resumes where the last stopped instead of re-reading the bucket', () => {
    let request: QueryInput | undefined = signInRequest(`$filter=${encodeURIComponent(`userId eq '${userId(5)}'`)}&$top=10`);
    const seen: string[] = [];
    while (request) {
      const body = runQuery(stored, request, ENDPOINT_RULES.signIns);
      seen.push(...body.value.map((item) => String(item.id)));
      const next = body['@odata.nextLink'];
      request = next ? { ...request, params: new URL(next).searchParams } : undefined;
    }
    assert.deepEqual(seen, newestFirst((item) => item.userId === userId(5)));
    // 100 sign-ins over 10 pages: each page reads its 10 items plus the first of the next page.
    assert.ok(evaluations.callCount <= 110, `evaluated ${evaluations.callCount}`);
  });

  it('When a collection was built without a stored order, then indexed results still come newest first', () => {
    const unordered = createIndexedCollection(items, ['userId']);
    const body = runQuery(unordered, signInRequest(`$filter=${encodeURIComponent(`userId eq '${userId(9)}'`)}&$top=5`), ENDPOINT_RULES.signIns);
    assert.deepEqual(body.value.map((item) => item.id), newestFirst((item) => item.userId === userId(9)).slice(0, 5));
    assert.ok(evaluations.callCount <= SIGN_IN_COUNT / USER_COUNT);
  });

  it('When an unordered collection answers a large bucket, then results are newest first without sorting the bucket per request', () => {
    const unordered = createIndexedCollection(items, ['status/errorCode']);
    const body = runQuery(unordered, signInRequest(`$filter=${encodeURIComponent('status/errorCode eq 0')}&$top=20`), ENDPOINT_RULES.signIns);
    assert.deepEqual(body.value.map((item) => item.id), newestFirst((item) => (item.status as Item).errorCode === 0).slice(0, 20));
    // The sorted view is scanned from the newest sign-in and stops after the page (plus one to know there is more).
    assert.ok(evaluations.callCount <= 25, `evaluated ${evaluations.callCount}`);
  });

  it('When no index answers the filter, then the scan still stops once the page is full', () => {
    const body = runQuery(stored, signInRequest(`$filter=${encodeURIComponent("appDisplayName eq 'Azure Portal'")}&$top=5`), ENDPOINT_RULES.signIns);
    assert.deepEqual(body.value.map((item) => item.id), newestFirst((item) => item.appDisplayName === 'Azure Portal').slice(0, 5));
    assert.ok(evaluations.callCount < SIGN_IN_COUNT / 10, `evaluated ${evaluations.callCount}`);
  });
});

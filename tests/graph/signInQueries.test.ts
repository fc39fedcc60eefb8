import { strict as assert } from 'node:assert';
import type { Client } from '@microsoft/microsoft-graph-client';
import { createGraphClient } from '../../src/graph/client';
import { collectGraphRequests } from '../../src/graph/requestLog';
import { conditionalAccessPolicy, PolicyDefinitionCache, policyAndUserSummary, querySignIns, readRefusal, signInsAndProfile, userSummary, type UserSummary } from '../../src/graph/signInQueries';
import { GraphUnavailable, graphUnavailableOf } from '../../src/graph/unavailable';
import { localGraphConfig, type LocalGraphConfig } from '../../src/cli/localGraphConfig';
import type { LocalEntra } from '@entra-assistant/local-entra';
import { DIRECTORY_ONLY_CLIENT, LIMITED_CLIENT, startMini } from '@entra-assistant/local-entra/testing';

const POLICY_ID = '1a2b3c4d-0000-4000-8000-000000000501';
const USER_ID = '0b8e2a9c-4d6f-4e21-8c1b-5a3f9e7d2c01';
const NOBODY = '0b8e2a9c-4d6f-4e21-8c1b-5a3f9e7d2cff';

describe('A diagnosis reads its blocking policy and the person in one round trip', () => {
  let entra: LocalEntra;
  let local: LocalGraphConfig;
  let graph: Client;
  let limited: Client;

  before(async () => {
    entra = await startMini();
    local = localGraphConfig(entra);
    graph = createGraphClient(local.config);
    limited = createGraphClient({ ...local.config, clientId: LIMITED_CLIENT.clientId, clientSecret: LIMITED_CLIENT.clientSecret });
  });
  after(async () => {
    await entra.stop();
    local.dispose();
  });

  it('When both are wanted, then one $batch brings exactly what the two single reads bring', async () => {
    const single = { policy: await conditionalAccessPolicy(graph, POLICY_ID), user: await userSummary(graph, USER_ID) };
    const { result, graphRequests } = await collectGraphRequests(() => policyAndUserSummary(graph, POLICY_ID, USER_ID));
    assert.equal(graphRequests.length, 1);
    assert.match(graphRequests[0].url, /\/\$batch$/);
    assert.equal(result.policy?.displayName, 'Require MFA for administrators');
    assert.equal(result.user?.displayName, 'Avery Admin');
    assert.deepEqual(result, single);
  });

  it('When the policy or the person is not in the tenant, then that one is left out and the other still read', async () => {
    const noPolicy = await policyAndUserSummary(graph, '1a2b3c4d-0000-4000-8000-0000000009ff', USER_ID);
    assert.equal(noPolicy.policy, undefined);
    assert.equal(noPolicy.user?.id, USER_ID);
    const noUser = await policyAndUserSummary(graph, POLICY_ID, NOBODY);
    assert.equal(noUser.user, undefined);
    assert.equal(noUser.policy?.id, POLICY_ID);
  });

  it('When Graph refuses the policy (the app may not read policies), then it is left out as optional evidence and the person is still read', async () => {
    await assert.rejects(() => conditionalAccessPolicy(limited, POLICY_ID), (err: { statusCode?: number }) => err.statusCode === 403);
    const { result, graphRequests } = await collectGraphRequests(() => policyAndUserSummary(limited, POLICY_ID, USER_ID));
    assert.equal(graphRequests.length, 1);
    assert.equal(result.policy, undefined);
    assert.equal(result.user?.id, USER_ID);
  });

  describe('with a policy cache (GRAPH_POLICY_CACHE_SECONDS)', () => {
    let now: number;
    let policies: PolicyDefinitionCache;
    beforeEach(() => {
      now = Date.parse('2026-11-20T12:00:00Z');
      policies = new PolicyDefinitionCache({ ttlMs: 60_000, clock: () => now });
    });

    it('When the same policy is wanted again within the TTL, then only the person is read and the answer is the same', async () => {
      const uncached = await policyAndUserSummary(graph, POLICY_ID, USER_ID);
      const first = await collectGraphRequests(() => policyAndUserSummary(graph, POLICY_ID, USER_ID, policies));
      assert.equal(first.graphRequests.length, 1);
      assert.match(first.graphRequests[0].url, /\/\$batch$/, 'the first read is the batch, as without a cache');
      assert.deepEqual(first.result, uncached);
      now += 59_999;
      const second = await collectGraphRequests(() => policyAndUserSummary(graph, POLICY_ID.toUpperCase(), USER_ID, policies));
      assert.deepEqual(second.graphRequests.map((r) => r.method), ['GET']);
      assert.match(second.graphRequests[0].url, new RegExp(`/users/${USER_ID}`));
      assert.deepEqual(second.result, uncached);
    });

    it('When the TTL has passed, then the policy is read again, and a change made meanwhile shows', async () => {
      await policyAndUserSummary(graph, POLICY_ID, USER_ID, policies);
      const renamed = { ...policies.get(POLICY_ID)!, displayName: 'Renamed in the portal' };
      policies.set(POLICY_ID, renamed);
      now += 30_000;
      assert.equal((await policyAndUserSummary(graph, POLICY_ID, USER_ID, policies)).policy?.displayName, 'Renamed in the portal', 'within the TTL the held definition is shown');
      now += 30_000;
      const after = await collectGraphRequests(() => policyAndUserSummary(graph, POLICY_ID, USER_ID, policies));
      assert.equal(after.graphRequests.length, 1);
      assert.match(after.graphRequests[0].url, /\/\$batch$/);
      assert.equal(after.result.policy?.displayName, 'Require MFA for administrators', 'read again once the TTL has passed');
      assert.equal(policies.get(POLICY_ID)?.displayName, 'Require MFA for administrators');
    });

    it('When Graph finds no such policy, then that is held too; when it refuses, nothing is held', async () => {
      const missing = '1a2b3c4d-0000-4000-8000-0000000009ff';
      await policyAndUserSummary(graph, missing, USER_ID, policies);
      assert.equal(policies.get(missing), null);
      const again = await collectGraphRequests(() => policyAndUserSummary(graph, missing, USER_ID, policies));
      assert.equal(again.graphRequests.length, 1);
      assert.equal(again.result.policy, undefined);
      const refused = await policyAndUserSummary(limited, POLICY_ID, USER_ID, policies);
      assert.equal(refused.policy, undefined);
      assert.equal(policies.get(POLICY_ID), undefined, 'a refusal is never remembered');
      await policyAndUserSummary(limited, POLICY_ID, undefined, policies);
      assert.equal(policies.get(POLICY_ID), undefined);
    });

    it('When only the policy is wanted, then its single read is held as well', async () => {
      const first = await policyAndUserSummary(graph, POLICY_ID, undefined, policies);
      const again = await collectGraphRequests(() => policyAndUserSummary(graph, POLICY_ID, undefined, policies));
      assert.equal(again.graphRequests.length, 0);
      assert.deepEqual(again.result, first);
      assert.deepEqual(first, { policy: await conditionalAccessPolicy(graph, POLICY_ID) });
    });

    it('When more policies are read than it may hold, then the oldest is dropped', () => {
      const small = new PolicyDefinitionCache({ ttlMs: 60_000, maxEntries: 2, clock: () => now });
      small.set('a', undefined);
      small.set('b', undefined);
      small.set('c', undefined);
      assert.equal(small.get('a'), undefined);
      assert.equal(small.get('c'), null);
    });
  });

  it('When only one of the two is wanted, then it is one plain read, not a batch', async () => {
    const { result, graphRequests } = await collectGraphRequests(() => policyAndUserSummary(graph, undefined, USER_ID));
    assert.deepEqual(graphRequests.map((r) => r.method), ['GET']);
    assert.deepEqual(result, { user: await userSummary(graph, USER_ID) });
    const refused = await policyAndUserSummary(limited, POLICY_ID, undefined);
    assert.deepEqual(refused, { policy: undefined });
  });
});

describe("A diagnosis of a named person reads the first page of their sign-ins and their profile in one round trip", () => {
  /** A profile without its OData annotation, which names the version it was read on (beta here, v1.0 alone). */
  const fields = (user: UserSummary | undefined) => user && Object.fromEntries(Object.entries(user).filter(([key]) => key !== '@odata.context'));
  /** Two interactive sign-ins on 19 and 20 November in the mini tenant. */
  const PERSON = '1a2b3c4d-0000-4000-8000-000000000007';
  const WINDOW = { start: '2026-11-13T12:00:00Z', end: '2026-11-20T12:00:00Z' };
  let entra: LocalEntra;
  let local: LocalGraphConfig;
  let graph: Client;
  let directoryOnly: Client;

  before(async () => {
    entra = await startMini();
    local = localGraphConfig(entra);
    graph = createGraphClient(local.config);
    directoryOnly = createGraphClient({ ...local.config, clientId: DIRECTORY_ONLY_CLIENT.clientId, clientSecret: DIRECTORY_ONLY_CLIENT.clientSecret });
  });
  afterEach(() => entra.setFaults([]));
  after(async () => {
    await entra.stop();
    local.dispose();
  });

  it('When both are read together, then one beta $batch brings exactly what querySignIns and userSummary bring, later pages and the bound included', async () => {
    for (const bounds of [{ pageSize: 100, maxPages: 3 }, { pageSize: 1, maxPages: 2 }, { pageSize: 1, maxPages: 1 }]) {
      const query = { userId: PERSON, ...WINDOW, ...bounds };
      const single = { page: await querySignIns(graph, query), user: fields(await userSummary(graph, PERSON)) };
      const { result, graphRequests } = await collectGraphRequests(() => signInsAndProfile(graph, query));
      assert.deepEqual({ page: result.page, user: fields(result.profile()) }, single, JSON.stringify(bounds));
      assert.match(graphRequests[0].url, /\/beta\/\$batch$/);
      assert.deepEqual(
        graphRequests[0].requests?.map((r) => [r.method, new URL(r.url).pathname, r.status]),
        [
          ['GET', '/beta/auditLogs/signIns', 200],
          ['GET', `/beta/users/${PERSON}`, 200],
        ],
      );
      assert.equal(graphRequests.length, Math.min(bounds.maxPages, Math.ceil(2 / bounds.pageSize)), 'later pages are single reads of the nextLink');
    }
    const twoPages = await signInsAndProfile(graph, { userId: PERSON, ...WINDOW, pageSize: 1, maxPages: 2 });
    assert.equal(twoPages.page.signIns.length, 2);
    assert.equal((await signInsAndProfile(graph, { userId: PERSON, ...WINDOW, pageSize: 1, maxPages: 1 })).page.truncated, true);
  });

  it('When the person is not in the tenant, then the profile is undefined and the sign-ins are still read', async () => {
    const result = await signInsAndProfile(graph, { userId: NOBODY, ...WINDOW });
    assert.deepEqual(result.page, { signIns: [], truncated: false });
    assert.equal(result.profile(), undefined);
  });

  it('When Graph refuses the sign-in read, then the error is the one its single read gets: the same status and code, read as a refusal', async () => {
    const query = { userId: PERSON, ...WINDOW };
    const single = await querySignIns(directoryOnly, query).then(
      () => assert.fail('the single read is refused'),
      (err: { statusCode?: number; code?: string }) => err,
    );
    await assert.rejects(
      () => signInsAndProfile(directoryOnly, query),
      (err: { statusCode?: number; code?: string }) => {
        assert.equal(err.statusCode, 403);
        assert.equal(err.statusCode, single.statusCode);
        assert.equal(err.code, single.code);
        assert.equal(readRefusal(err), 'forbidden');
        return true;
      },
    );
  });

  it('When the sign-in read is throttled inside the batch, then it alone is sent again after the pause and the answer is the same', async () => {
    const query = { userId: PERSON, ...WINDOW };
    const expected = await signInsAndProfile(graph, query);
    entra.setFaults([{ kind: '429', pathPattern: '^/beta/auditLogs/signIns', retryAfterSeconds: 0, times: 1 }]);
    const { result, graphRequests } = await collectGraphRequests(() => signInsAndProfile(graph, query));
    assert.deepEqual(result.page, expected.page);
    assert.deepEqual(result.profile(), expected.profile());
    assert.deepEqual(
      graphRequests.map((r) => r.requests?.map((inner) => [new URL(inner.url).pathname.replace(PERSON, '{id}'), inner.status])),
      [
        [
          ['/beta/auditLogs/signIns', 429],
          ['/beta/users/{id}', 200],
        ],
        [['/beta/auditLogs/signIns', 200]],
      ],
    );
  });

  it('When Graph asks to wait longer than a turn can, then the sign-in read fails at once as GraphUnavailable with that wait, as its single read does', async () => {
    const query = { userId: PERSON, ...WINDOW };
    entra.setFaults([{ kind: '429', pathPattern: '^/beta/auditLogs/signIns', retryAfterSeconds: 30 }]);
    const single = await querySignIns(graph, query).then(
      () => assert.fail('the single read is throttled'),
      (err: unknown) => graphUnavailableOf(err),
    );
    const { graphRequests } = await collectGraphRequests(() =>
      assert.rejects(
        () => signInsAndProfile(graph, query),
        (err: unknown) => {
          assert.ok(err instanceof GraphUnavailable);
          assert.deepEqual([err.status, err.retryAfterSeconds], [429, 30]);
          assert.deepEqual([err.status, err.retryAfterSeconds], [single?.status, single?.retryAfterSeconds]);
          return true;
        },
      ),
    );
    assert.equal(graphRequests.length, 1, 'not sent again');
  });

  it('When the profile read fails inside the batch, then the sign-ins are given and the failure is thrown when the profile is asked for', async () => {
    const query = { userId: PERSON, ...WINDOW };
    entra.setFaults([{ kind: '503', pathPattern: '^/beta/users/', retryAfterSeconds: 30 }]);
    const result = await signInsAndProfile(graph, query);
    assert.equal(result.page.signIns.length, 2);
    assert.throws(() => result.profile(), (err: unknown) => err instanceof GraphUnavailable && err.status === 503 && err.retryAfterSeconds === 30);
  });

  it('When the profile came with the sign-ins, then only the policy is read (when it is not held), and the person is the one read before', async () => {
    const { profile } = await signInsAndProfile(graph, { userId: PERSON, ...WINDOW });
    const { result, graphRequests } = await collectGraphRequests(() => policyAndUserSummary(graph, POLICY_ID, PERSON, undefined, profile));
    assert.deepEqual(graphRequests.map((r) => [r.method, new URL(r.url).pathname]), [['GET', `/v1.0/identity/conditionalAccess/policies/${POLICY_ID}`]]);
    assert.deepEqual({ ...result, user: fields(result.user) }, { policy: await conditionalAccessPolicy(graph, POLICY_ID), user: fields(await userSummary(graph, PERSON)) });
    const policies = new PolicyDefinitionCache({ ttlMs: 60_000 });
    await policyAndUserSummary(graph, POLICY_ID, PERSON, policies, profile);
    const held = await collectGraphRequests(() => policyAndUserSummary(graph, POLICY_ID, PERSON, policies, profile));
    assert.equal(held.graphRequests.length, 0);
    assert.deepEqual(held.result, result);
  });
});

import { strict as assert } from 'node:assert';
import type { Client } from '@microsoft/microsoft-graph-client';
import { createGraphClient } from '../../src/graph/client';
import { collectGraphRequests } from '../../src/graph/requestLog';
import { conditionalAccessPolicy, PolicyDefinitionCache, policyAndUserSummary, userSummary } from '../../src/graph/signInQueries';
import { localGraphConfig, type LocalGraphConfig } from '../../src/cli/localGraphConfig';
import type { LocalEntra } from '@entra-assistant/local-entra';
import { LIMITED_CLIENT, startMini } from '@entra-assistant/local-entra/testing';

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

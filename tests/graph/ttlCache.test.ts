import { strict as assert } from 'node:assert';
import type { Client } from '@microsoft/microsoft-graph-client';
import { TtlCache } from '../../src/graph/ttlCache';
import { GraphDirectory } from '../../src/graph/directory';
import { AskerAccess } from '../../src/graph/askerAccess';
import { SsoTokenStore } from '../../src/bot/singleSignOn';
import { createGraphClient } from '../../src/graph/client';
import { collectGraphRequests } from '../../src/graph/requestLog';
import { localGraphConfig, type LocalGraphConfig } from '../../src/cli/localGraphConfig';
import { DEMO_ADMIN, type LocalEntra } from '@entra-assistant/local-entra';
import { startMini } from '@entra-assistant/local-entra/testing';

describe('A bounded cache with a time to live', () => {
  it('When an entry is older than its time to live, then it is gone', () => {
    let now = 0;
    const cache = new TtlCache<string, number>({ ttlMs: 1000, maxEntries: 10, clock: () => now });
    cache.set('a', 1);
    now = 999;
    assert.equal(cache.get('a'), 1);
    now = 1000;
    assert.equal(cache.get('a'), undefined);
    assert.equal(cache.size, 0);
  });

  it('When more entries arrive than it may hold, then the oldest go first and the size stays at the bound', () => {
    const cache = new TtlCache<number, number>({ ttlMs: 60_000, maxEntries: 3 });
    for (let i = 0; i < 1000; i++) cache.set(i, i);
    assert.equal(cache.size, 3);
    assert.deepEqual([cache.get(996), cache.get(997), cache.get(998), cache.get(999)], [undefined, 997, 998, 999]);
  });

  it('When a value is set again, then it counts as new (it is not the next to go)', () => {
    const cache = new TtlCache<string, number>({ ttlMs: 60_000, maxEntries: 2 });
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('a', 3);
    cache.set('c', 4);
    assert.deepEqual([cache.get('a'), cache.get('b'), cache.get('c')], [3, undefined, 4]);
  });

  it('When a cached read fails, then the failure is not remembered and the next call reads again', async () => {
    const cache = new TtlCache<string, Promise<number>>({ ttlMs: 60_000, maxEntries: 10 });
    let reads = 0;
    const load = () => (++reads === 1 ? Promise.reject(new Error('throttled')) : Promise.resolve(42));
    await assert.rejects(cache.getOrSet('k', load), /throttled/);
    assert.equal(cache.size, 0);
    assert.equal(await cache.getOrSet('k', load), 42);
    assert.equal(await cache.getOrSet('k', load), 42);
    assert.equal(reads, 2);
  });

  it('When the bounds are not positive, then it refuses to be made', () => {
    assert.throws(() => new TtlCache({ ttlMs: 0, maxEntries: 1 }), /positive/);
    assert.throws(() => new TtlCache({ ttlMs: 1, maxEntries: 0 }), /positive/);
  });

  it('When more people sign in than the store holds, then the longest-held token goes', () => {
    const store = new SsoTokenStore(() => 0);
    for (let i = 0; i < 10_050; i++) store.set(`user-${i}`, `token-${i}`, 3_600_000);
    assert.equal(store.size, 10_000);
    assert.equal(store.get('user-0'), undefined);
    assert.equal(store.get('user-10049'), 'token-10049');
  });
});

describe('Name look-ups and role reads are remembered briefly, within a bound', () => {
  let entra: LocalEntra;
  let local: LocalGraphConfig;
  let graph: Client;

  before(async () => {
    entra = await startMini();
    local = localGraphConfig(entra);
    graph = createGraphClient(local.config);
  });
  after(async () => {
    await entra.stop();
    local.dispose();
  });

  it('When the same name is looked up twice within a minute, then Graph is read once and both answers are the same; after the minute it is read again', async () => {
    let now = 0;
    const directory = new GraphDirectory(graph, { clock: () => now });
    const first = await collectGraphRequests(() => directory.findUsers('Avery'));
    assert.ok(first.graphRequests.length >= 1);
    assert.equal(first.result.matches[0]?.id, DEMO_ADMIN.id);
    const second = await collectGraphRequests(() => directory.findUsers('Avery'));
    assert.equal(second.graphRequests.length, 0);
    assert.deepEqual(second.result, first.result);
    now = 60_000;
    const later = await collectGraphRequests(() => directory.findUsers('Avery'));
    assert.equal(later.graphRequests.length, first.graphRequests.length);
  });

  it('When many different names are looked up, then only the bound is kept', async () => {
    const directory = new GraphDirectory(graph, { maxLookups: 2 });
    for (const name of ['Avery', 'Harper', 'Jordan']) await directory.findUsers(name);
    const again = await collectGraphRequests(() => directory.findUsers('Avery'));
    assert.ok(again.graphRequests.length >= 1, 'the oldest name was dropped and is read again');
    const kept = await collectGraphRequests(() => directory.findUsers('Jordan'));
    assert.equal(kept.graphRequests.length, 0);
  });

  it("When an asker's roles are read twice within the time to live, then Graph is read once", async () => {
    const access = new AskerAccess(graph, { maxCached: 5 });
    const first = await collectGraphRequests(() => access.rolesOf(DEMO_ADMIN.id));
    assert.ok(first.graphRequests.length >= 1);
    const second = await collectGraphRequests(() => access.rolesOf(DEMO_ADMIN.id));
    assert.equal(second.graphRequests.length, 0);
    assert.deepEqual([...second.result], [...first.result]);
  });
});

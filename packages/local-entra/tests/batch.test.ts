import { strict as assert } from 'node:assert';
import { DEMO_READER } from '../src/demo/constants';
import type { LocalEntra } from '../src';
import { bodyAs, RawCaller, startMini } from '../src/testing';

interface BatchBody {
  responses: Array<{ id: string; status: number; headers?: Record<string, string>; body?: unknown }>;
}

describe('Local Entra $batch', () => {
  let entra: LocalEntra;
  let raw: RawCaller;
  let token: string;

  before(async () => {
    entra = await startMini();
    raw = new RawCaller(entra);
    token = await raw.appToken();
  });
  after(async () => {
    await raw.close();
    await entra.stop();
  });

  it('When a batch mixes requests with a dependency on a failing one, then each answers on its own and the dependant gets 424', async () => {
    const response = await raw.post('/v1.0/$batch', token, {
      requests: [
        { id: '1', method: 'GET', url: '/users?$top=2' },
        { id: '2', method: 'GET', url: '/users/00000000-0000-0000-0000-000000000000' },
        { id: '3', method: 'GET', url: '/groups', dependsOn: ['2'] },
        { id: '4', method: 'GET', url: '/organization', dependsOn: ['1'] },
        { id: '5', method: 'GET', url: '/users/$count', headers: { ConsistencyLevel: 'eventual' } },
      ],
    });
    assert.equal(response.status, 200);
    const byId = new Map(bodyAs<BatchBody>(response).responses.map((r) => [r.id, r]));
    const status = (id: string) => (byId.get(id) as { status: number }).status;
    assert.equal(status('1'), 200);
    assert.equal(status('2'), 404);
    assert.equal(status('3'), 424);
    assert.equal(status('4'), 200);
    assert.equal(status('5'), 200);
    assert.equal((byId.get('1') as { body: { value: unknown[] } }).body.value.length, 2);
  });

  it('When a batch holds 21 requests, then the whole batch is refused with 400', async () => {
    const requests = Array.from({ length: 21 }, (_, i) => ({ id: String(i + 1), method: 'GET', url: '/users?$top=1' }));
    const response = await raw.post('/v1.0/$batch', token, { requests });
    assert.equal(response.status, 400);
    assert.equal(response.body.error.code, 'BadRequest');
  });

  it('When two request ids differ only by case, then the batch is refused with 400', async () => {
    const response = await raw.post('/beta/$batch', token, {
      requests: [
        { id: 'a', method: 'GET', url: '/users' },
        { id: 'A', method: 'GET', url: '/groups' },
      ],
    });
    assert.equal(response.status, 400);
  });

  it('When inner requests need rights the caller lacks, then each is authorised on its own', async () => {
    const reader = await raw.userToken(DEMO_READER.id);
    const response = await raw.post('/v1.0/$batch', reader, {
      requests: [
        { id: 'read', method: 'GET', url: '/auditLogs/signIns?$top=1' },
        { id: 'act', method: 'POST', url: '/identityProtection/riskyUsers/dismiss', headers: { 'Content-Type': 'application/json' }, body: { userIds: ['1a2b3c4d-0000-4000-8000-000000000010'] } },
      ],
    });
    const byId = new Map(bodyAs<BatchBody>(response).responses.map((r) => [r.id, r.status]));
    assert.equal(byId.get('read'), 200);
    assert.equal(byId.get('act'), 403);
  });

  it('When inner requests exceed a service limit, then only those get 429 inside a 200 batch', async () => {
    const throttled = await (await import('../src/testing')).startMini({ throttling: 'graph' });
    const caller = new RawCaller(throttled);
    try {
      const requests = Array.from({ length: 7 }, (_, i) => ({ id: String(i + 1), method: 'GET', url: '/auditLogs/signIns?$top=1' }));
      const response = await caller.post('/v1.0/$batch', await caller.appToken(), { requests });
      assert.equal(response.status, 200);
      const statuses = bodyAs<BatchBody>(response).responses.map((r) => r.status);
      assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429, 429]);
      assert.ok(bodyAs<BatchBody>(response).responses[5].headers?.['Retry-After']);
    } finally {
      await caller.close();
      await throttled.stop();
    }
  });
});

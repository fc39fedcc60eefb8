import { strict as assert } from 'node:assert';
import type { LocalEntra } from '../src';
import { bodyAs, RawCaller, startMini } from '../src/testing';
import { parseFaultRules } from '../src/faults';

interface InnerResponses {
  responses: Array<{ id: string; status: number; headers?: Record<string, string>; body?: unknown }>;
}

describe('Local Entra throttling and faults', () => {
  describe('with Graph throttling on', () => {
    let entra: LocalEntra;
    let raw: RawCaller;
    let token: string;

    beforeEach(async () => {
      entra = await startMini({ throttling: 'graph' });
      raw = new RawCaller(entra);
      token = await raw.appToken();
    });
    afterEach(async () => {
      await raw.close();
      await entra.stop();
    });

    it('When a sixth reports request comes within 10 s, then 429 TooManyRequests with Retry-After', async () => {
      for (let i = 0; i < 5; i++) assert.equal((await raw.get('/v1.0/auditLogs/signIns?$top=1', token)).status, 200);
      const throttled = await raw.get('/v1.0/auditLogs/directoryAudits', token);
      assert.equal(throttled.status, 429);
      assert.equal(throttled.body.error.code, 'TooManyRequests');
      assert.equal(throttled.body.error.innerError?.status, '429');
      const retryAfter = Number(throttled.headers.get('retry-after'));
      assert.ok(retryAfter >= 1 && retryAfter <= 10);
    });

    it('When identity protection is called twice within a second, then the second gets 429 without Retry-After', async () => {
      assert.equal((await raw.get('/v1.0/identityProtection/riskyUsers', token)).status, 200);
      const throttled = await raw.get('/v1.0/identity/conditionalAccess/policies', token);
      assert.equal(throttled.status, 429);
      assert.equal(throttled.headers.get('retry-after'), null);
    });

    it('When directory reads stay within the resource-unit budget, then none is throttled', async () => {
      for (let i = 0; i < 10; i++) assert.equal((await raw.get('/v1.0/users?$top=1', token)).status, 200);
    });
  });

  it('When throttling is off (the default), then many reports requests all pass', async () => {
    const entra = await startMini();
    const raw = new RawCaller(entra);
    try {
      const token = await raw.appToken();
      for (let i = 0; i < 8; i++) assert.equal((await raw.get('/v1.0/auditLogs/signIns?$top=1', token)).status, 200);
    } finally {
      await raw.close();
      await entra.stop();
    }
  });

  describe('with faults injected', () => {
    async function withFaults(faults: Parameters<typeof startMini>[0], run: (raw: RawCaller, token: string) => Promise<void>): Promise<void> {
      const entra = await startMini(faults);
      const raw = new RawCaller(entra);
      try {
        await run(raw, await raw.appToken());
      } finally {
        await raw.close();
        await entra.stop();
      }
    }

    it('When latency is injected for a path, then that path answers late and others do not', async () => {
      await withFaults({ faults: [{ kind: 'latency', latencyMs: 300, pathPattern: '/auditLogs/signIns' }] }, async (raw, token) => {
        let started = Date.now();
        assert.equal((await raw.get('/v1.0/auditLogs/signIns?$top=1', token)).status, 200);
        assert.ok(Date.now() - started >= 290);
        started = Date.now();
        await raw.get('/v1.0/users?$top=1', token);
        assert.ok(Date.now() - started < 250);
      });
    });

    it('When 429 and 503 faults are injected, then Graph error bodies come back with Retry-After', async () => {
      await withFaults({ faults: [{ kind: '429', pathPattern: '/users' }, { kind: '503', pathPattern: '/groups' }] }, async (raw, token) => {
        const tooMany = await raw.get('/v1.0/users', token);
        assert.equal(tooMany.status, 429);
        assert.equal(tooMany.body.error.code, 'TooManyRequests');
        const unavailable = await raw.get('/v1.0/groups', token);
        assert.equal(unavailable.status, 503);
        assert.equal(unavailable.body.error.code, 'serviceNotAvailable');
        assert.ok(unavailable.headers.get('retry-after'));
      });
    });

    it('When a reset fault is injected, then the connection drops', async () => {
      await withFaults({ faults: [{ kind: 'reset', pathPattern: '/organization' }] }, async (raw, token) => {
        await assert.rejects(raw.get('/v1.0/organization', token));
      });
    });

    it('When a faulty path is read inside a $batch, then that inner request gets the fault and the others are answered', async () => {
      await withFaults({ faults: [{ kind: '429', pathPattern: '^/beta/auditLogs/signIns', retryAfterSeconds: 3 }, { kind: '503', pathPattern: '^/beta/groups$' }] }, async (raw, token) => {
        const response = await raw.post('/beta/$batch', token, {
          requests: [
            { id: 'signIns', method: 'GET', url: '/auditLogs/signIns?$top=1' },
            { id: 'users', method: 'GET', url: '/users?$top=1' },
            { id: 'groups', method: 'GET', url: '/groups' },
          ],
        });
        assert.equal(response.status, 200, 'the batch itself is answered');
        const byId = new Map(bodyAs<InnerResponses>(response).responses.map((r) => [r.id, r]));
        assert.equal(byId.get('signIns')?.status, 429);
        assert.equal(byId.get('signIns')?.headers?.['Retry-After'], '3');
        assert.equal((byId.get('signIns')?.body as { error: { code: string } }).error.code, 'TooManyRequests');
        assert.equal(byId.get('groups')?.status, 503);
        assert.equal(byId.get('users')?.status, 200);
        assert.equal((byId.get('users')?.body as { value: unknown[] }).value.length, 1);
      });
    });

    it('When an inner request of a $batch meets a latency fault, then the batch answers late; a reset fault drops the batch', async () => {
      await withFaults({ faults: [{ kind: 'latency', latencyMs: 300, pathPattern: '^/v1\\.0/users' }, { kind: 'reset', pathPattern: '^/v1\\.0/organization' }] }, async (raw, token) => {
        const started = Date.now();
        const late = await raw.post('/v1.0/$batch', token, { requests: [{ id: '1', method: 'GET', url: '/users?$top=1' }] });
        assert.equal(late.status, 200);
        assert.ok(Date.now() - started >= 290, `answered after ${Date.now() - started} ms`);
        await assert.rejects(raw.post('/v1.0/$batch', token, { requests: [{ id: '1', method: 'GET', url: '/groups?$top=1' }, { id: '2', method: 'GET', url: '/organization' }] }));
      });
    });

    it('When a fault hits a share of requests, then the same seed hits the same requests on every run', async () => {
      const pattern = async () => {
        const statuses: number[] = [];
        await withFaults({ faults: [{ kind: '503', share: 0.5 }], faultSeed: 42 }, async (raw, token) => {
          for (let i = 0; i < 12; i++) statuses.push((await raw.get('/v1.0/users?$top=1', token)).status);
        });
        return statuses;
      };
      const first = await pattern();
      assert.deepEqual(await pattern(), first);
      assert.ok(first.includes(503) && first.includes(200), `a 0.5 share mixes outcomes: ${first.join(',')}`);
    });
  });
});

describe('EMULATOR_FAULTS (npm start and the local Entra CLI)', () => {
  it('When the variable holds valid rules, then they are read as fault rules', () => {
    assert.deepEqual(parseFaultRules('[{"kind":"503","pathPattern":"/auditLogs/signIns","share":0.5,"retryAfterSeconds":2}]'), [
      { kind: '503', pathPattern: '/auditLogs/signIns', share: 0.5, retryAfterSeconds: 2 },
    ]);
  });

  it('When a rule is wrong, then the error names the variable and the rule', () => {
    assert.throws(() => parseFaultRules('{"kind":"503"}'), /EMULATOR_FAULTS must be a JSON array/);
    assert.throws(() => parseFaultRules('[{"kind":"500"}]'), /EMULATOR_FAULTS\[0\]\.kind must be one of/);
    assert.throws(() => parseFaultRules('[{"kind":"429"},{"kind":"503","share":2}]'), /EMULATOR_FAULTS\[1\]\.share/);
    assert.throws(() => parseFaultRules('[{"kind":"503","pathPattern":"("}]'), /pathPattern is not a regular expression/);
  });
});

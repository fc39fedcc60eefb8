import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tls from 'node:tls';
import type { Client } from '@microsoft/microsoft-graph-client';
import type { TokenCredential } from '@azure/identity';
import { createGraphClient, CredentialAuthenticationProvider, ReusedTokenCredential, trustedContext } from '../../src/graph/client';
import { collectGraphRequests } from '../../src/graph/requestLog';
import type { GraphConfig } from '../../src/config';
import { localGraphConfig, type LocalGraphConfig } from '../../src/cli/localGraphConfig';
import { DEMO_ADMIN } from '@entra-assistant/local-entra';
import type { LocalEntra } from '@entra-assistant/local-entra';
import { startMini } from '@entra-assistant/local-entra/testing';
import { GraphHttpResponse, ResponseHeaders } from '../../src/graph/transport';
import { graphUnavailableOf } from '../../src/graph/unavailable';
import { captureLogs } from '../support/logCapture';

describe("The bot's Graph client against the local Entra", () => {
  let entra: LocalEntra;
  let local: LocalGraphConfig;
  let config: GraphConfig;
  let graph: Client;

  before(async () => {
    entra = await startMini();
    local = localGraphConfig(entra);
    config = local.config;
    graph = createGraphClient(config);
  });
  after(async () => {
    await entra.stop();
    local.dispose();
  });

  it('When the bot reads a user by UPN over HTTPS with its client secret, then Graph answers and the call is recorded', async () => {
    const { result, graphRequests } = await collectGraphRequests(() => graph.api(`/users/${DEMO_ADMIN.userPrincipalName}`).select('id,displayName').get() as Promise<{ id: string }>);
    assert.equal(result.id, DEMO_ADMIN.id);
    assert.equal(graphRequests.length, 1);
    assert.equal(graphRequests[0].method, 'GET');
    assert.equal(graphRequests[0].status, 200);
    assert.match(graphRequests[0].url, /\/v1\.0\/users\/admin@contoso\.com\?\$select=id,displayName$/);
  });

  it('When Graph refuses a query, then the client surfaces the status and Graph error code', async () => {
    await assert.rejects(
      () => graph.api('/users').search('"displayName:a"').get(),
      (err: { statusCode?: number; code?: string }) => err.statusCode === 400 && err.code === 'Request_UnsupportedQuery',
    );
  });

  it('When the secret is wrong, then the sign-in fails with the identity platform error and no Graph call succeeds', async () => {
    const bad = createGraphClient({ ...config, clientSecret: 'wrong' });
    await assert.rejects(() => bad.api('/organization').get(), /7000215|invalid_client/);
  });

  it('When the CA is not trusted, then sign-in fails at the TLS handshake (MSAL cannot read the authority metadata)', async () => {
    const untrusted = createGraphClient({ ...config, caFile: undefined });
    await assert.rejects(() => untrusted.api('/organization').get(), /certificate|self.signed|UNABLE_TO_VERIFY|fetch failed|endpoints_resolution_error/i);
  });
});

describe('The TLS context for an extra CA', () => {
  it('When clients are built for the same CA file, then they share one context (the public certificates are parsed once); another file gets its own', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ca-context-'));
    try {
      const entra = await startMini();
      try {
        const first = path.join(dir, 'a.pem');
        const second = path.join(dir, 'b.pem');
        fs.writeFileSync(first, entra.caCertPem);
        fs.writeFileSync(second, entra.caCertPem);
        assert.equal(trustedContext(undefined), undefined);
        assert.equal(trustedContext(first), trustedContext(first));
        assert.notEqual(trustedContext(second), trustedContext(first));
        // The extra CA goes into the context's own copy of Node's public store, never into the store itself.
        const { port } = new URL(entra.url);
        const handshake = (secureContext?: tls.SecureContext) =>
          new Promise<void>((resolve, reject) => {
            const socket = tls.connect({ host: '127.0.0.1', port: Number(port), servername: 'localhost', ...(secureContext ? { secureContext } : {}) }, () => {
              socket.end();
              resolve();
            });
            socket.once('error', reject);
          });
        await handshake(trustedContext(first));
        await assert.rejects(handshake(), /self.signed|unable to verify|UNABLE_TO_VERIFY/i);
        await assert.rejects(handshake(tls.createSecureContext()), /self.signed|unable to verify|UNABLE_TO_VERIFY/i);
      } finally {
        await entra.stop();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('The access token handed to the Graph SDK', () => {
  it('When the credential gives a token, then it is the one for the configured scope; when it gives none, then the SDK\'s own error says so', async () => {
    const asked: Array<string | string[]> = [];
    const credential = (token: string | null): TokenCredential => ({
      getToken: async (scopes) => {
        asked.push(scopes);
        return token === null ? null : { token, expiresOnTimestamp: Date.now() + 3_600_000 };
      },
    });
    assert.equal(await new CredentialAuthenticationProvider(credential('t-1'), ['https://graph.example/.default']).getAccessToken(), 't-1');
    assert.deepEqual(asked, [['https://graph.example/.default']]);
    await assert.rejects(new CredentialAuthenticationProvider(credential(null), ['s']).getAccessToken(), (err: Error) => err.name === 'Access token is undefined' && /Cannot retrieve accessToken/.test(err.message));
  });
});

describe('The access token is reused until shortly before it expires', () => {
  function countingCredential(lifetimeMs: number, clock: () => number) {
    const calls: Array<{ scopes: string | string[]; claims?: string }> = [];
    const credential: TokenCredential = {
      getToken: (scopes, options) => {
        calls.push({ scopes, claims: options?.claims });
        return Promise.resolve({ token: `token-${calls.length}`, expiresOnTimestamp: clock() + lifetimeMs });
      },
    };
    return { credential, calls };
  }

  it('When Graph is called again within the token lifetime, then the credential is asked once; 5 minutes before expiry it is asked again', async () => {
    let now = 0;
    const { credential, calls } = countingCredential(60 * 60_000, () => now);
    const reused = new ReusedTokenCredential(credential, () => now);
    assert.equal((await reused.getToken(['https://graph/.default']))?.token, 'token-1');
    now = 54 * 60_000;
    assert.equal((await reused.getToken(['https://graph/.default']))?.token, 'token-1');
    assert.equal(calls.length, 1);
    now = 55 * 60_000;
    assert.equal((await reused.getToken(['https://graph/.default']))?.token, 'token-2');
    assert.equal(calls.length, 2);
  });

  it('When another scope or a claims challenge is asked for, then the credential answers it', async () => {
    const { credential, calls } = countingCredential(60 * 60_000, () => 0);
    const reused = new ReusedTokenCredential(credential, () => 0);
    await reused.getToken('https://graph/.default');
    await reused.getToken('https://other/.default');
    await reused.getToken('https://graph/.default', { claims: '{"access_token":{}}' });
    await reused.getToken('https://graph/.default');
    assert.deepEqual(calls.map((c) => [c.scopes, c.claims]), [['https://graph/.default', undefined], ['https://other/.default', undefined], ['https://graph/.default', '{"access_token":{}}']]);
  });
});

describe("The Graph client's transport (undici under the SDK's middleware)", () => {
  let entra: LocalEntra;
  let local: LocalGraphConfig;
  before(async () => {
    entra = await startMini({ faults: [{ kind: 'reset', pathPattern: '^/v1\\.0/groups' }] });
    local = localGraphConfig(entra);
  });
  after(async () => {
    await entra.stop();
    local.dispose();
  });

  it('When the SDK reads, posts a $batch and gets a 404, then each answer is what fetch would have given it (bodies, statuses, Graph error codes)', async () => {
    const graph = createGraphClient(local.config);
    const user = (await graph.api(`/users/${DEMO_ADMIN.id}`).select('id,displayName').get()) as { id: string; displayName: string };
    assert.equal(user.id, DEMO_ADMIN.id);
    const batch = (await graph.api('/$batch').post({ requests: [{ id: '1', method: 'GET', url: `/users/${DEMO_ADMIN.id}?$select=id` }, { id: '2', method: 'GET', url: '/users/00000000-0000-0000-0000-000000000000' }] })) as {
      responses: Array<{ id: string; status: number; body: { id?: string; error?: { code: string } } }>;
    };
    const byId = new Map(batch.responses.map((r) => [r.id, r]));
    assert.equal(byId.get('1')?.status, 200);
    assert.equal(byId.get('1')?.body.id, DEMO_ADMIN.id);
    assert.equal(byId.get('2')?.status, 404);
    await assert.rejects(graph.api('/users/00000000-0000-0000-0000-000000000000').get(), (err: { statusCode?: number; code?: string; headers?: { get(name: string): string | null } }) => {
      assert.equal(err.statusCode, 404);
      assert.equal(err.code, 'Request_ResourceNotFound');
      assert.match(String(err.headers?.get('Request-Id')), /^[0-9a-f-]{36}$/, "the error keeps Graph's headers, read in any case");
      return true;
    });
  });

  it('When Graph drops the connection, then the read fails as "Graph could not be reached" and its log line names the socket error', async () => {
    const logs = captureLogs('info');
    const graph = createGraphClient(local.config, undefined, logs.logger);
    const err = await graph.api('/groups').get().then(
      () => assert.fail('the read succeeded'),
      (e: unknown) => e,
    );
    assert.equal(graphUnavailableOf(err)?.status, 0, `not recognised as unreachable: ${String(err)}`);
    const [line] = logs.entries().filter((e) => e.msg === 'graph request');
    assert.equal(line.status, 0);
    assert.match(String(line.error), /^[A-Z_]+$/, `a socket error code, not a message: ${String(line.error)}`);
  });
});

describe('A Graph response as the SDK reads it', () => {
  it('When built from status, headers and bytes, then it answers like a fetch Response: ok, status text, headers in any case, text, json, bytes, clone', async () => {
    const body = Buffer.from(JSON.stringify({ value: [1, 2] }));
    const response = new GraphHttpResponse(200, new ResponseHeaders({ 'content-type': 'application/json', 'retry-after': '3', 'set-cookie': ['a=1', 'b=2'] }), body, 'https://graph/x');
    assert.equal(response.ok, true);
    assert.equal(response.statusText, 'OK');
    assert.equal(response.headers.get('Retry-After'), '3');
    assert.equal(response.headers.get('Set-Cookie'), 'a=1, b=2');
    assert.equal(response.headers.get('ETag'), null);
    assert.deepEqual(await response.clone().json(), { value: [1, 2] });
    assert.equal(await response.clone().text(), '{"value":[1,2]}');
    assert.equal(Buffer.from(await response.clone().arrayBuffer()).toString(), '{"value":[1,2]}');
    assert.equal((await response.blob()).type, 'application/json');
    assert.equal(new GraphHttpResponse(429, new ResponseHeaders({}), Buffer.alloc(0), 'https://graph/x').ok, false);
    assert.equal(new GraphHttpResponse(204, new ResponseHeaders({}), Buffer.alloc(0), 'https://graph/x').body, null);
  });
});

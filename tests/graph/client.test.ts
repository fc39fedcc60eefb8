import { strict as assert } from 'node:assert';
import type { Client } from '@microsoft/microsoft-graph-client';
import { createGraphClient } from '../../src/graph/client';
import { collectGraphRequests } from '../../src/graph/requestLog';
import type { GraphConfig } from '../../src/config';
import { localGraphConfig, type LocalGraphConfig } from '../../src/cli/localGraphConfig';
import { DEMO_ADMIN } from '@entra-assistant/local-entra';
import type { LocalEntra } from '@entra-assistant/local-entra';
import { startMini } from '@entra-assistant/local-entra/testing';

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

import { strict as assert } from 'node:assert';
import type { JsonWebKey } from 'node:crypto';
import * as jwt from 'jsonwebtoken';
import { ClientSecretCredential } from '@azure/identity';
import { DEMO_ADMIN, LOCAL_BOT_CLIENT } from '../src/demo/constants';
import type { LocalEntra } from '../src';
import { bodyAs, decodeJwt, RawCaller, startMini } from '../src/testing';
import { appCredential, oboCredential } from './support/sdkClients';

describe('Local Entra token endpoint', () => {
  let entra: LocalEntra;
  let raw: RawCaller;

  before(async () => {
    entra = await startMini();
    raw = new RawCaller(entra);
  });
  after(async () => {
    await raw.close();
    await entra.stop();
  });

  it('When ClientSecretCredential asks for Graph with the bot secret, then it gets an RS256 app-only token with the roles', async () => {
    const token = await appCredential(entra).getToken('https://graph.microsoft.com/.default');
    assert.ok(token.expiresOnTimestamp > Date.now() + 50 * 60 * 1000);
    const header = JSON.parse(Buffer.from(token.token.split('.')[0], 'base64url').toString()) as { alg: string; kid?: string };
    assert.equal(header.alg, 'RS256');
    assert.ok(header.kid);
    const claims = decodeJwt(token.token);
    assert.equal(claims.aud, 'https://graph.microsoft.com');
    assert.equal(claims.tid, entra.tenantId);
    assert.equal(claims.appid, LOCAL_BOT_CLIENT.clientId);
    assert.equal(claims.idtyp, 'app');
    assert.ok((claims.roles as string[]).includes('AuditLog.Read.All'));
    assert.ok(Math.abs((claims.iat as number) - Date.now() / 1000) < 60, 'iat follows the real clock, not the pinned one');
  });

  it('When the token is checked against the published JWKS, then the signature and issuer verify', async () => {
    const config = await raw.request('GET', `/${entra.tenantId}/v2.0/.well-known/openid-configuration`);
    assert.equal(config.status, 200);
    const metadata = bodyAs<{ jwks_uri: string; issuer: string }>(config);
    const keys = await raw.request('GET', new URL(metadata.jwks_uri).pathname);
    const token = await raw.appToken();
    const { kid } = JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString()) as { kid: string };
    const jwk = bodyAs<{ keys: Array<JsonWebKey & { kid: string }> }>(keys).keys.find((k) => k.kid === kid);
    assert.ok(jwk, `no key ${kid} in the JWKS`);
    const { createPublicKey } = await import('node:crypto');
    const claims = jwt.verify(token, createPublicKey({ key: jwk, format: 'jwk' }), { algorithms: ['RS256'], issuer: metadata.issuer }) as jwt.JwtPayload;
    assert.equal(claims.tid, entra.tenantId);
  });

  it('When the metadata is asked for common and organizations, then both answer with the token endpoint', async () => {
    for (const tenant of ['common', 'organizations']) {
      const response = await raw.request('GET', `/${tenant}/v2.0/.well-known/openid-configuration`);
      assert.equal(response.status, 200);
      assert.match(String(response.body.token_endpoint), /\/oauth2\/v2\.0\/token$/);
    }
  });

  it('When the secret is wrong, then @azure/identity fails with AADSTS7000215', async () => {
    const credential = appCredential(entra, { clientId: LOCAL_BOT_CLIENT.clientId, clientSecret: 'wrong' });
    await assert.rejects(credential.getToken('https://graph.microsoft.com/.default'), /AADSTS7000215/);
  });

  it('When the client id is unknown, then @azure/identity fails with AADSTS700016', async () => {
    const credential = new ClientSecretCredential(entra.tenantId, '99999999-0000-4000-8000-000000000000', 'x', {
      authorityHost: entra.authorityHost,
      disableInstanceDiscovery: true,
      tlsOptions: { ca: entra.caCertPem },
    });
    await assert.rejects(credential.getToken('https://graph.microsoft.com/.default'), /AADSTS700016/);
  });

  it('When the token endpoint refuses, then the body has the platform fields and a 401 for a bad secret', async () => {
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: LOCAL_BOT_CLIENT.clientId, client_secret: 'bad', scope: 'https://graph.microsoft.com/.default' });
    const response = await raw.request('POST', `/${entra.tenantId}/oauth2/v2.0/token`, { form });
    assert.equal(response.status, 401);
    assert.equal(response.body.error, 'invalid_client');
    assert.deepEqual(response.body.error_codes, [7000215]);
    assert.match(String(response.body.error_description), /^AADSTS7000215: /);
    for (const field of ['timestamp', 'trace_id', 'correlation_id']) assert.equal(typeof response.body[field], 'string', field);
  });

  it('When client credentials ask for a named scope instead of /.default, then the grant is refused as invalid_scope', async () => {
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: LOCAL_BOT_CLIENT.clientId, client_secret: LOCAL_BOT_CLIENT.clientSecret, scope: 'https://graph.microsoft.com/User.Read.All' });
    const response = await raw.request('POST', `/${entra.tenantId}/oauth2/v2.0/token`, { form });
    assert.equal(response.status, 400);
    assert.equal(response.body.error, 'invalid_scope');
  });

  it('When the grant type is unknown or the tenant is not this one, then the platform errors come back', async () => {
    const unknownGrant = await raw.request('POST', `/${entra.tenantId}/oauth2/v2.0/token`, { form: new URLSearchParams({ grant_type: 'password' }) });
    assert.equal(unknownGrant.body.error, 'unsupported_grant_type');
    const otherTenant = await raw.request('POST', '/11111111-2222-3333-4444-555555555555/oauth2/v2.0/token', { form: new URLSearchParams({ grant_type: 'client_credentials' }) });
    assert.equal(otherTenant.status, 400);
    assert.deepEqual(otherTenant.body.error_codes, [90002]);
  });

  it('When OnBehalfOfCredential exchanges a Teams SSO token, then the Graph token is delegated for that user with scopes and roles', async () => {
    const token = await (await oboCredential(entra, DEMO_ADMIN.id)).getToken('https://graph.microsoft.com/.default');
    const claims = decodeJwt(token.token);
    assert.equal(claims.oid, DEMO_ADMIN.id);
    assert.equal(claims.upn, DEMO_ADMIN.userPrincipalName);
    assert.equal(claims.idtyp, 'user');
    assert.ok(String(claims.scp).split(' ').includes('AuditLog.Read.All'));
    assert.ok((claims.wids as string[]).includes('62e90394-69f5-4237-9190-012177145e10'), 'Global Administrator in wids');
    assert.equal(claims.roles, undefined);
  });

  it('When the assertion was issued for another app, then the on-behalf-of grant is refused with AADSTS50013', async () => {
    const assertion = await entra.issueUserAssertion(DEMO_ADMIN.id, 'api://botid-00000000-0000-0000-0000-000000000000');
    const form = new URLSearchParams({
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      requested_token_use: 'on_behalf_of',
      client_id: LOCAL_BOT_CLIENT.clientId,
      client_secret: LOCAL_BOT_CLIENT.clientSecret,
      assertion,
      scope: 'https://graph.microsoft.com/.default',
    });
    const response = await raw.request('POST', `/${entra.tenantId}/oauth2/v2.0/token`, { form });
    assert.equal(response.body.error, 'invalid_grant');
    assert.deepEqual(response.body.error_codes, [50013]);
  });

  it('When the user behind the assertion is disabled, then OnBehalfOfCredential fails with AADSTS50057', async () => {
    const credential = await oboCredential(entra, 'diego.siciliani@contoso.com');
    await assert.rejects(credential.getToken('https://graph.microsoft.com/.default'), /AADSTS50057/);
  });

  // Last: it disables the bot's own service principal in this local Entra.
  it('When the client application\'s service principal is disabled, then it gets no more tokens (AADSTS7000112), app-only or on behalf of a user', async () => {
    const sps = await raw.get(`/v1.0/servicePrincipals?$filter=appId eq '${LOCAL_BOT_CLIENT.clientId}'&$select=id`, await raw.appToken());
    const spId = (sps.body.value as Array<{ id: string }>)[0].id;
    const patched = await raw.request('PATCH', `/v1.0/servicePrincipals/${spId}`, { token: await raw.appToken(), body: { accountEnabled: false } });
    assert.equal(patched.status, 204);
    await assert.rejects(appCredential(entra).getToken('https://graph.microsoft.com/.default'), /AADSTS7000112/);
    const obo = await oboCredential(entra, DEMO_ADMIN.userPrincipalName);
    await assert.rejects(obo.getToken('https://graph.microsoft.com/.default'), /AADSTS7000112/);
  });
});

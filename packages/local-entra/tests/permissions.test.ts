import { strict as assert } from 'node:assert';
import { generateKeyPairSync } from 'node:crypto';
import * as jwt from 'jsonwebtoken';
import * as sinon from 'sinon';
import { DEMO_ADMIN, DEMO_MEMBER, DEMO_READER, DEMO_SECURITY_ADMIN, DEMO_SECURITY_READER } from '../src/demo/constants';
import type { LocalEntra } from '../src';
import { decodeJwt, DIRECTORY_ONLY_CLIENT, LIMITED_CLIENT, RawCaller, startMini } from '../src/testing';

const LEE = '1a2b3c4d-0000-4000-8000-000000000010';

describe('Local Entra authentication and permissions', () => {
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
  afterEach(() => sinon.restore());

  it('When Graph is called without a token, then 401 InvalidAuthenticationToken with a WWW-Authenticate header', async () => {
    const response = await raw.request('GET', '/v1.0/users');
    assert.equal(response.status, 401);
    assert.equal(response.body.error.code, 'InvalidAuthenticationToken');
    assert.ok(response.headers.get('www-authenticate'));
  });

  it('When the token is signed by another key, then 401', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const genuine = decodeJwt(await raw.appToken());
    const forged = jwt.sign(genuine, privateKey, { algorithm: 'RS256' });
    const response = await raw.get('/v1.0/users', forged);
    assert.equal(response.status, 401);
    assert.equal(response.body.error.code, 'InvalidAuthenticationToken');
  });

  it('When the token has expired, then 401 says the lifetime validation failed', async () => {
    const token = await raw.appToken();
    sinon.useFakeTimers({ now: Date.now() + 2 * 3600 * 1000, toFake: ['Date'] });
    const response = await raw.get('/v1.0/users', token);
    assert.equal(response.status, 401);
    assert.match(response.body.error.message, /expired/);
  });

  it('When the token is not for Graph (a Teams SSO token), then 401 for the audience', async () => {
    const response = await raw.get('/v1.0/users', await entra.issueUserAssertion(DEMO_ADMIN.id));
    assert.equal(response.status, 401);
    assert.match(response.body.error.message, /audience/i);
  });

  it('When an app lacks the permission, then 403 with the endpoint\'s own body', async () => {
    const token = await raw.appToken(LIMITED_CLIENT);
    const groups = await raw.get('/v1.0/groups', token);
    assert.equal(groups.status, 403);
    assert.equal(groups.body.error.code, 'Authorization_RequestDenied');
    const risky = await raw.get('/v1.0/identityProtection/riskyUsers', token);
    assert.equal(risky.status, 403);
    const users = await raw.get('/v1.0/users', token);
    assert.equal(users.status, 200);
  });

  it('When DEMO_READER (Global Reader) reads sign-ins, then 200; when they dismiss risk, then 403', async () => {
    const token = await raw.userToken(DEMO_READER.id);
    assert.equal((await raw.get('/v1.0/auditLogs/signIns', token)).status, 200);
    const dismiss = await raw.post('/v1.0/identityProtection/riskyUsers/dismiss', token, { userIds: [LEE] });
    assert.equal(dismiss.status, 403);
  });

  it('When DEMO_MEMBER (no role) reads sign-ins, then 403 for the user role', async () => {
    const response = await raw.get('/v1.0/auditLogs/signIns', await raw.userToken(DEMO_MEMBER.id));
    assert.equal(response.status, 403);
    assert.equal(response.body.error.code, 'Authentication_RequestFromUnsupportedUserRole');
  });

  it('When an app lacks AuditLog.Read.All, then sign-ins answer the reports permission error', async () => {
    const response = await raw.get('/v1.0/auditLogs/signIns', await raw.appToken(DIRECTORY_ONLY_CLIENT));
    assert.equal(response.status, 403);
    assert.equal(response.body.error.code, 'Authentication_MSGraphPermissionMissing');
  });

  it('When DEMO_SECURITY_ADMIN (role through a role-assignable group) reads risky users, then 200', async () => {
    const response = await raw.get('/v1.0/identityProtection/riskyUsers', await raw.userToken(DEMO_SECURITY_ADMIN.id));
    assert.equal(response.status, 200);
  });

  it('When DEMO_SECURITY_READER reads conditional access policies, then 200; DEMO_MEMBER gets 403', async () => {
    assert.equal((await raw.get('/v1.0/identity/conditionalAccess/policies', await raw.userToken(DEMO_SECURITY_READER.id))).status, 200);
    assert.equal((await raw.get('/v1.0/identity/conditionalAccess/policies', await raw.userToken(DEMO_MEMBER.id))).status, 403);
  });

  it('When the caller may read sign-ins but not CA data, then appliedConditionalAccessPolicies is omitted; with the right it is present', async () => {
    const without = await raw.get('/v1.0/auditLogs/signIns', await raw.appToken(LIMITED_CLIENT));
    assert.equal(without.status, 200);
    assert.ok(without.body.value.length > 0);
    assert.ok(without.body.value.every((s: Record<string, unknown>) => !('appliedConditionalAccessPolicies' in s)));
    const withRight = await raw.get('/v1.0/auditLogs/signIns', await raw.appToken());
    assert.ok(withRight.body.value.some((s: { appliedConditionalAccessPolicies?: unknown[] }) => Array.isArray(s.appliedConditionalAccessPolicies) && s.appliedConditionalAccessPolicies.length > 0));
  });

  it('When users are read with $select=signInActivity without AuditLog.Read.All, then the reports permission error', async () => {
    const token = await raw.appToken(DIRECTORY_ONLY_CLIENT);
    assert.equal((await raw.get('/v1.0/users?$select=id,displayName', token)).status, 200);
    const refused = await raw.get('/v1.0/users?$select=id,signInActivity', token);
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error.code, 'Authentication_MSGraphPermissionMissing');
    const allowed = await raw.get('/v1.0/users?$select=id,signInActivity', await raw.appToken(LIMITED_CLIENT));
    assert.ok(allowed.body.value.some((u: { signInActivity?: unknown }) => u.signInActivity));
  });
});

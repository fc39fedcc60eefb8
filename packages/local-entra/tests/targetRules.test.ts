import { strict as assert } from 'node:assert';
import { startLocalEntra, type LocalEntra } from '../src';
import { ensureDemoTenant } from '../src/demo';
import { DEMO_ADMIN, DEMO_CAPTURED_AT, DEMO_MEMBER } from '../src/demo/constants';
import { RawCaller, temporaryFolders } from '../src/testing';

const PRADEEP_USER_ADMIN = '21095052-b695-4c12-be67-077ec7e4f09f';
const CHRISTIE_HELPDESK = '0b9a4594-6ccd-4ae0-b7b9-71172c413147';
const ISAIAH_GLOBAL_ADMIN = '2af31a36-efbc-42ab-a450-4f72ac3a385d';
const DENIED = { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' };

/**
 * The local Entra's own copy of who may act on whom (src/graph/targetRules.ts), met by raw Graph calls: the
 * rows of Microsoft's tables a help desk meets most
 * (https://learn.microsoft.com/entra/identity/role-based-access-control/privileged-roles-permissions).
 */
describe('Local Entra: who may disable or revoke whom (issue #15, item 3)', function () {
  this.timeout(60_000);
  const folders = temporaryFolders();
  let entra: LocalEntra;
  let raw: RawCaller;

  before(async () => {
    entra = await startLocalEntra({ tenantDir: await ensureDemoTenant(), persistDir: folders.tempDir('target-rules-'), now: new Date(DEMO_CAPTURED_AT), port: 0 });
    raw = new RawCaller(entra);
  });
  after(async () => {
    await raw.close();
    await entra.stop();
    folders.removeAll();
  });

  /** `as` is a user id, or 'app' for the app-only token. */
  const disable = async (as: string, userId: string) =>
    raw.request('PATCH', `/v1.0/users/${userId}`, { token: as === 'app' ? await raw.appToken() : await raw.userToken(as), body: { accountEnabled: false } });
  const enable = async (userId: string) => raw.request('PATCH', `/v1.0/users/${userId}`, { token: await raw.userToken(DEMO_ADMIN.id), body: { accountEnabled: true } });
  const revoke = async (as: string, userId: string) => raw.post(`/v1.0/users/${userId}/revokeSignInSessions`, as === 'app' ? await raw.appToken() : await raw.userToken(as));

  it('When a User Administrator disables a Global Administrator, then Graph answers 403 Authorization_RequestDenied and the account stays enabled', async () => {
    const response = await disable(PRADEEP_USER_ADMIN, ISAIAH_GLOBAL_ADMIN);
    assert.equal(response.status, 403);
    assert.deepEqual({ code: response.body.error.code, message: response.body.error.message }, DENIED);
    const user = await raw.get(`/v1.0/users/${ISAIAH_GLOBAL_ADMIN}?$select=accountEnabled`, await raw.appToken());
    assert.equal(user.body.accountEnabled, true);
  });

  it('When a User Administrator disables a Helpdesk Administrator or a user with no role, then it is done', async () => {
    assert.equal((await disable(PRADEEP_USER_ADMIN, CHRISTIE_HELPDESK)).status, 204);
    assert.equal((await disable(PRADEEP_USER_ADMIN, DEMO_MEMBER.id)).status, 204);
    await enable(CHRISTIE_HELPDESK);
    await enable(DEMO_MEMBER.id);
  });

  it('When a Global Administrator disables another Global Administrator with their own token, then it is done', async () => {
    assert.equal((await disable(DEMO_ADMIN.id, ISAIAH_GLOBAL_ADMIN)).status, 204);
    await enable(ISAIAH_GLOBAL_ADMIN);
  });

  it('When a Helpdesk Administrator revokes the sessions of a Global Administrator, then 403; of a user with no role, then 200', async () => {
    const refused = await revoke(CHRISTIE_HELPDESK, ISAIAH_GLOBAL_ADMIN);
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error.code, DENIED.code);
    assert.equal((await revoke(CHRISTIE_HELPDESK, DEMO_MEMBER.id)).status, 200);
  });

  it('When the bot\'s app, which holds no directory role, disables or revokes a Global Administrator, then 403; a user with no role, then done', async () => {
    assert.equal((await disable('app', ISAIAH_GLOBAL_ADMIN)).status, 403);
    assert.equal((await revoke('app', ISAIAH_GLOBAL_ADMIN)).status, 403);
    assert.equal((await revoke('app', DEMO_MEMBER.id)).status, 200);
  });
});

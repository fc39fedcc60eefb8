import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEMO_ADMIN, DEMO_SECURITY_ADMIN, LOCAL_BOT_CLIENT } from '../src/demo/constants';
import type { LocalEntra } from '../src';
import { RawCaller, startMini } from '../src/testing';

const LEE = '1a2b3c4d-0000-4000-8000-000000000010';
const OBRIEN = '1a2b3c4d-0000-4000-8000-000000000007';
const MEGAN = '1a2b3c4d-0000-4000-8000-000000000006';
const ALEX = '1a2b3c4d-0000-4000-8000-000000000012';
const PAYROLL_SP = '1a2b3c4d-0000-4000-8000-000000000301';

interface Audit {
  activityDisplayName: string;
  category: string;
  loggedByService: string;
  initiatedBy: { user: { id: string } | null; app: { appId: string } | null };
  targetResources: Array<{ id: string; modifiedProperties: Array<{ displayName: string; oldValue: string | null; newValue: string | null }> }>;
}

describe('Local Entra mitigation actions', () => {
  let persistDir: string;
  let entra: LocalEntra;
  let raw: RawCaller;

  async function start(): Promise<void> {
    entra = await startMini({ persistDir });
    raw = new RawCaller(entra);
  }
  async function stop(): Promise<void> {
    await raw.close();
    await entra.stop();
  }
  async function auditsFor(targetId: string, token: string): Promise<Audit[]> {
    const response = await raw.get('/v1.0/auditLogs/directoryAudits?$top=100', token);
    return (response.body.value as unknown as Audit[]).filter((a) => a.targetResources.some((t) => t.id === targetId));
  }

  before(async () => {
    persistDir = fs.mkdtempSync(path.join(os.tmpdir(), 'local-entra-persist-'));
    await start();
  });
  after(async () => {
    await stop();
    fs.rmSync(persistDir, { recursive: true, force: true });
  });

  it('When a Security Administrator confirms a user compromised, then risk, history and audit change and survive a restart', async () => {
    const token = await raw.userToken(DEMO_SECURITY_ADMIN.id);
    const response = await raw.post('/v1.0/identityProtection/riskyUsers/confirmCompromised', token, { userIds: [LEE] });
    assert.equal(response.status, 204);
    const check = async (bearer: string) => {
      const risky = (await raw.get(`/v1.0/identityProtection/riskyUsers/${LEE}`, bearer)).body;
      assert.equal(risky.riskState, 'confirmedCompromised');
      assert.equal(risky.riskLevel, 'high');
      assert.equal(risky.riskDetail, 'adminConfirmedUserCompromised');
      const history = (await raw.get(`/v1.0/identityProtection/riskyUsers/${LEE}/history`, bearer)).body.value;
      assert.equal(history[history.length - 1].initiatedBy, DEMO_SECURITY_ADMIN.id);
      const audits = await auditsFor(LEE, bearer);
      const audit = audits.find((a) => a.activityDisplayName === 'Confirm user compromised');
      assert.ok(audit, 'audit entry written');
      assert.equal(audit.initiatedBy.user?.id, DEMO_SECURITY_ADMIN.id);
      const state = audit.targetResources[0].modifiedProperties.find((p) => p.displayName === 'RiskState');
      assert.deepEqual([JSON.parse(state?.oldValue ?? 'null'), JSON.parse(state?.newValue ?? 'null')], ['atRisk', 'confirmedCompromised']);
    };
    await check(token);
    await stop();
    await start();
    await check(await raw.userToken(DEMO_SECURITY_ADMIN.id));
  });

  it('When the bot app dismisses a user risk, then the user is dismissed and the audit names the app', async () => {
    const token = await raw.appToken();
    assert.equal((await raw.post('/v1.0/identityProtection/riskyUsers/dismiss', token, { userIds: [OBRIEN] })).status, 204);
    const risky = (await raw.get(`/v1.0/identityProtection/riskyUsers/${OBRIEN}`, token)).body;
    assert.deepEqual([risky.riskState, risky.riskLevel, risky.riskDetail], ['dismissed', 'none', 'adminDismissedAllRiskForUser']);
    const audit = (await auditsFor(OBRIEN, token)).find((a) => a.activityDisplayName === 'Dismiss user risk');
    assert.equal(audit?.initiatedBy.app?.appId, LOCAL_BOT_CLIENT.clientId);
    assert.equal(audit?.initiatedBy.user, null);
  });

  it('When an admin confirms a user safe on v1.0, then the state is confirmedSafe', async () => {
    const token = await raw.userToken(DEMO_ADMIN.id);
    assert.equal((await raw.post('/v1.0/identityProtection/riskyUsers/confirmSafe', token, { userIds: [MEGAN] })).status, 204);
    assert.equal((await raw.get(`/v1.0/identityProtection/riskyUsers/${MEGAN}`, token)).body.riskState, 'confirmedSafe');
  });

  it('When a service principal is confirmed compromised and then dismissed, then both changes land in state, history and audits', async () => {
    const token = await raw.userToken(DEMO_ADMIN.id);
    assert.equal((await raw.post('/v1.0/identityProtection/riskyServicePrincipals/confirmCompromised', token, { servicePrincipalIds: [PAYROLL_SP] })).status, 204);
    let sp = (await raw.get(`/v1.0/identityProtection/riskyServicePrincipals/${PAYROLL_SP}`, token)).body;
    assert.deepEqual([sp.riskState, sp.riskLevel], ['confirmedCompromised', 'high']);
    assert.equal((await raw.post('/beta/identityProtection/riskyServicePrincipals/dismiss', token, { servicePrincipalIds: [PAYROLL_SP] })).status, 204);
    sp = (await raw.get(`/v1.0/identityProtection/riskyServicePrincipals/${PAYROLL_SP}`, token)).body;
    assert.deepEqual([sp.riskState, sp.riskLevel, sp.riskDetail], ['dismissed', 'none', 'adminDismissedAllRiskForServicePrincipal']);
    const history = (await raw.get(`/beta/identityProtection/riskyServicePrincipals/${PAYROLL_SP}/history`, token)).body.value;
    assert.equal(history.length, 3);
    assert.equal(history[2].servicePrincipalId, PAYROLL_SP);
    const activities = (await auditsFor(PAYROLL_SP, token)).map((a) => a.activityDisplayName);
    assert.ok(activities.includes('Confirm service principal compromised') && activities.includes('Dismiss service principal risk'));
  });

  it('When sessions are revoked, then the answer is {"value":true}, the sessions date moves and the audit is written', async () => {
    const token = await raw.userToken(DEMO_ADMIN.id);
    const before = String((await raw.get(`/v1.0/users/${ALEX}?$select=signInSessionsValidFromDateTime`, token)).body.signInSessionsValidFromDateTime);
    const response = await raw.post(`/v1.0/users/${ALEX}/revokeSignInSessions`, token);
    assert.equal(response.status, 200);
    assert.equal(response.body.value, true);
    assert.match(String(response.body['@odata.context']), /\$metadata#Edm\.Boolean$/);
    const after = String((await raw.get(`/v1.0/users/${ALEX}?$select=signInSessionsValidFromDateTime`, token)).body.signInSessionsValidFromDateTime);
    assert.ok(Date.parse(after) > Date.parse(before));
    const audit = (await auditsFor(ALEX, token)).find((a) => a.activityDisplayName === 'Invalidate all refresh tokens for user');
    assert.equal(audit?.initiatedBy.user?.id, DEMO_ADMIN.id);
  });

  it('When an account is disabled with PATCH, then 204, accountEnabled false after a restart and an Update user audit with JSON values', async () => {
    const token = await raw.userToken(DEMO_ADMIN.id);
    const response = await raw.request('PATCH', `/v1.0/users/${ALEX}`, { token, body: { accountEnabled: false } });
    assert.equal(response.status, 204);
    await stop();
    await start();
    const fresh = await raw.userToken(DEMO_ADMIN.id);
    assert.equal((await raw.get(`/v1.0/users/${ALEX}?$select=accountEnabled`, fresh)).body.accountEnabled, false);
    const audit = (await auditsFor(ALEX, fresh)).find((a) => a.activityDisplayName === 'Update user');
    const change = audit?.targetResources[0].modifiedProperties.find((p) => p.displayName === 'AccountEnabled');
    assert.deepEqual([JSON.parse(change?.oldValue ?? 'null'), JSON.parse(change?.newValue ?? 'null')], [[true], [false]]);
  });

  it('When the action body has no ids, then 400 and nothing changes', async () => {
    const token = await raw.userToken(DEMO_ADMIN.id);
    assert.equal((await raw.post('/v1.0/identityProtection/riskyUsers/dismiss', token, { ids: [] })).status, 400);
  });

  it('When the persisted files are read, then they keep the one-object-per-line layout', () => {
    const text = fs.readFileSync(path.join(persistDir, 'identityProtection', 'riskyUsers.json'), 'utf8');
    assert.ok(text.startsWith('{"value":[\n'));
    assert.ok(text.trimEnd().endsWith(']}'));
  });
});

import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { deniedBodies, ENDPOINT_REQUIREMENTS } from '../src/permissions';
import { DEMO_ADMIN, DEMO_MEMBER, DEMO_READER, DEMO_SECURITY_ADMIN, DEMO_SECURITY_READER, LOCAL_BOT_CLIENT } from '../src/demo/constants';
import { startLocalEntra, type LocalEntra, type LocalEntraOptions } from '../src';
import { ensureDemoTenant } from '../src/demo';
import { CAST } from '../src/demo/cast';
import { LIMITED_CLIENT, MINI_CAPTURED_AT, MINI_TENANT_DIR, RawCaller, startMini } from '../src/testing';
import { readValueFile } from './support/jsonFiles';

/** Mini tenant: Lee's sign-in 703 is at risk with two detections; Patrick has a detection with no sign-in. */
const LEE = '1a2b3c4d-0000-4000-8000-000000000010';
const PATRICK = '1a2b3c4d-0000-4000-8000-000000000007';
const MEGAN = '1a2b3c4d-0000-4000-8000-000000000006';
const DIEGO = '1a2b3c4d-0000-4000-8000-000000000009';
const LEE_RISKY_SIGN_IN = '1a2b3c4d-0000-4000-8000-000000000703';
const LEE_DETECTIONS = ['1a2b3c4d-0000-4000-8000-000000001201', '1a2b3c4d-0000-4000-8000-000000001202'];
const PATRICK_DETECTION = '1a2b3c4d-0000-4000-8000-000000001203';
const PATRICK_SIGN_IN = '1a2b3c4d-0000-4000-8000-000000000702';
const MEGAN_SIGN_IN = '1a2b3c4d-0000-4000-8000-000000000707';
const DIEGO_SIGN_IN = '1a2b3c4d-0000-4000-8000-000000000705';
const UNKNOWN_REQUEST = '99999999-0000-4000-8000-000000000000';
const PAYROLL_SP = '1a2b3c4d-0000-4000-8000-000000000301';
const HR_PORTAL_SP = '1a2b3c4d-0000-4000-8000-000000000302';

const SIGN_IN_ROLE_DENIED = deniedBodies(ENDPOINT_REQUIREMENTS['signIns.riskWrite']).role;
const SIGN_IN_PERMISSION_DENIED = deniedBodies(ENDPOINT_REQUIREMENTS['signIns.riskWrite']).permission;
const SP_ROLE_DENIED = deniedBodies(ENDPOINT_REQUIREMENTS['servicePrincipals.enableDisable']).role;
const SP_PERMISSION_DENIED = deniedBodies(ENDPOINT_REQUIREMENTS['servicePrincipals.enableDisable']).permission;

interface Audit {
  activityDisplayName: string;
  category: string;
  loggedByService: string;
  initiatedBy: { user: { id: string } | null; app: { appId: string } | null };
  targetResources: Array<{ id: string; type: string; modifiedProperties: Array<{ displayName: string; oldValue: string | null; newValue: string | null }> }>;
}

/** Patrick's risky sign-in, added to a copy of the mini tenant: his offline detection stays at risk beside it. */
const PATRICK_RISKY_SIGN_IN = '1a2b3c4d-0000-4000-8000-000000000799';
const PATRICK_SIGN_IN_DETECTION = '1a2b3c4d-0000-4000-8000-000000001299';

type Json = Record<string, unknown>;

function readValue(dir: string, file: string): Json[] {
  return readValueFile(path.join(dir, file));
}
function writeValue(dir: string, file: string, value: Json[]): void {
  fs.writeFileSync(path.join(dir, file), JSON.stringify({ value }, null, 1));
}

/** A copy of the mini tenant where Patrick has a risky sign-in with its own detection, next to his offline one. */
function tenantWithPatrickRiskySignIn(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'local-entra-two-detections-'));
  fs.cpSync(MINI_TENANT_DIR, dir, { recursive: true });
  const signIns = readValue(dir, 'auditLogs/signIns.json');
  const plain = signIns.find((s) => s.id === PATRICK_SIGN_IN) as Json;
  const risky = { ...plain, id: PATRICK_RISKY_SIGN_IN, createdDateTime: '2026-11-20T10:30:00.1234567Z', riskState: 'atRisk', riskLevelAggregated: 'medium', riskLevelDuringSignIn: 'medium', riskEventTypes_v2: ['unfamiliarFeatures'] };
  // Newest first, as the log is stored.
  const newer = (s: Json) => String(s.createdDateTime) > risky.createdDateTime;
  writeValue(dir, 'auditLogs/signIns.json', [...signIns.filter(newer), risky, ...signIns.filter((s) => !newer(s))]);
  const detections = readValue(dir, 'identityProtection/riskDetections.json');
  const template = detections.find((d) => d.requestId === LEE_RISKY_SIGN_IN) as Json;
  const own = { ...template, id: PATRICK_SIGN_IN_DETECTION, requestId: PATRICK_RISKY_SIGN_IN, correlationId: plain.correlationId, userId: PATRICK, userDisplayName: plain.userDisplayName, userPrincipalName: plain.userPrincipalName, riskLevel: 'medium' };
  writeValue(dir, 'identityProtection/riskDetections.json', [...detections, own]);
  return dir;
}

function change(audit: Audit, targetId: string, property: string): [unknown, unknown] {
  const found = audit.targetResources.find((t) => t.id === targetId)?.modifiedProperties.find((p) => p.displayName === property);
  assert.ok(found, `${property} of ${targetId} in the audit entry`);
  return [JSON.parse(found.oldValue ?? 'null'), JSON.parse(found.newValue ?? 'null')];
}

describe('Local Entra sign-in risk actions and service principal disable', () => {
  let entra: LocalEntra;
  let raw: RawCaller;

  async function start(options: LocalEntraOptions = {}): Promise<void> {
    entra = await startMini(options);
    raw = new RawCaller(entra);
  }
  async function stop(): Promise<void> {
    await raw.close();
    await entra.stop();
  }
  async function audits(token: string, activity: string): Promise<Audit[]> {
    const response = await raw.get(`/v1.0/auditLogs/directoryAudits?$filter=activityDisplayName eq '${activity}'&$top=100`, token);
    assert.equal(response.status, 200);
    return response.body.value as unknown as Audit[];
  }
  const signIn = async (id: string, token: string, version = 'v1.0') => (await raw.get(`/${version}/auditLogs/signIns/${id}`, token)).body;
  const detection = async (id: string, token: string) => (await raw.get(`/v1.0/identityProtection/riskDetections/${id}`, token)).body;
  const riskyUser = async (id: string, token: string) => raw.get(`/v1.0/identityProtection/riskyUsers/${id}`, token);
  const history = async (id: string, token: string) => (await raw.get(`/v1.0/identityProtection/riskyUsers/${id}/history`, token)).body.value as Array<{ activity: Json; [field: string]: unknown }>;

  beforeEach(() => start());
  afterEach(() => stop());

  describe('POST /auditLogs/signIns/confirmSafe | confirmCompromised | dismiss', () => {
    it('When a Security Administrator confirms a risky sign-in safe, then the sign-in, its detections and (nothing left at risk) the user are confirmed safe, with history and one audit entry', async () => {
      const token = await raw.userToken(DEMO_SECURITY_ADMIN.id);
      const response = await raw.post('/v1.0/auditLogs/signIns/confirmSafe', token, { requestIds: [LEE_RISKY_SIGN_IN] });
      assert.equal(response.status, 204);
      assert.equal(response.body, undefined);

      const changed = await signIn(LEE_RISKY_SIGN_IN, token);
      assert.deepEqual(
        [changed.riskState, changed.riskDetail, changed.riskLevelAggregated, changed.riskLevelDuringSignIn],
        ['confirmedSafe', 'adminConfirmedSigninSafe', 'none', 'high'],
      );
      for (const id of LEE_DETECTIONS) {
        const d = await detection(id, token);
        assert.deepEqual([d.riskState, d.riskDetail], ['confirmedSafe', 'adminConfirmedSigninSafe']);
        assert.ok(Date.parse(String(d.lastUpdatedDateTime)) >= MINI_CAPTURED_AT.getTime(), 'lastUpdatedDateTime moved to the action time');
      }
      const risky = (await riskyUser(LEE, token)).body;
      assert.deepEqual([risky.riskState, risky.riskLevel, risky.riskDetail], ['confirmedSafe', 'none', 'adminConfirmedSigninSafe']);
      const items = await history(LEE, token);
      assert.equal(items.length, 2);
      assert.equal(items[1].initiatedBy, DEMO_SECURITY_ADMIN.id);
      assert.equal(items[1].activity.detail, 'adminConfirmedSigninSafe');

      const [audit, ...more] = await audits(token, 'Confirm sign-in safe');
      assert.equal(more.length, 0);
      assert.deepEqual([audit.category, audit.loggedByService, audit.initiatedBy.user?.id], ['IdentityProtection', 'Identity Protection', DEMO_SECURITY_ADMIN.id]);
      assert.deepEqual(audit.targetResources.map((t) => [t.id, t.type]), [[LEE, 'User']]);
      assert.deepEqual(change(audit, LEE, 'RiskState'), ['atRisk', 'confirmedSafe']);
      assert.deepEqual(change(audit, LEE, 'RiskDetail'), ['none', 'adminConfirmedSigninSafe']);
    });

    it('When sign-ins are filtered by user after an action, then the indexed list shows the new risk state (indexes stay valid)', async () => {
      const token = await raw.appToken();
      // Build the sign-in indexes first, then change a sign-in in place.
      assert.equal((await raw.get(`/v1.0/auditLogs/signIns?$filter=userId eq '${LEE}'`, token)).body.value[0].riskState, 'atRisk');
      assert.equal((await raw.post('/v1.0/auditLogs/signIns/dismiss', token, { requestIds: [LEE_RISKY_SIGN_IN] })).status, 204);
      const listed = (await raw.get(`/v1.0/auditLogs/signIns?$filter=userId eq '${LEE}'`, token)).body.value;
      assert.deepEqual(listed.map((s) => [s.id, s.riskState]), [[LEE_RISKY_SIGN_IN, 'dismissed']]);
      const byState = (await raw.get(`/v1.0/auditLogs/signIns?$filter=riskState eq 'dismissed'`, token)).body.value;
      assert.deepEqual(byState.map((s) => s.id), [LEE_RISKY_SIGN_IN]);
    });

    it('When the bot app confirms sign-ins compromised on beta, then they are high risk and their users become high-risk, at-risk users with a history item naming the app', async () => {
      const token = await raw.appToken();
      assert.equal((await riskyUser(DIEGO, token)).status, 404, 'Diego starts with no user risk');
      const response = await raw.post('/beta/auditLogs/signIns/confirmCompromised', token, { requestIds: [DIEGO_SIGN_IN, MEGAN_SIGN_IN] });
      assert.equal(response.status, 204);

      for (const id of [DIEGO_SIGN_IN, MEGAN_SIGN_IN]) {
        const s = await signIn(id, token, 'beta');
        assert.deepEqual(
          [s.riskState, s.riskDetail, s.riskLevelAggregated, s.riskLevelDuringSignIn],
          ['confirmedCompromised', 'adminConfirmedSigninCompromised', 'high', 'high'],
        );
      }
      const diego = (await riskyUser(DIEGO, token)).body;
      assert.deepEqual([diego.riskState, diego.riskLevel, diego.riskDetail, diego.userPrincipalName], ['atRisk', 'high', 'adminConfirmedSigninCompromised', 'diego.siciliani@contoso.com']);
      const diegoHistory = await history(DIEGO, token);
      assert.equal(diegoHistory.length, 1);
      assert.equal(diegoHistory[0].initiatedBy, LOCAL_BOT_CLIENT.clientId);
      // Megan's risk had been dismissed; the admin's verdict raises it again.
      const megan = (await riskyUser(MEGAN, token)).body;
      assert.deepEqual([megan.riskState, megan.riskLevel], ['atRisk', 'high']);
      assert.equal((await history(MEGAN, token)).length, 3);
      const listedHigh = (await raw.get(`/v1.0/identityProtection/riskyUsers?$filter=riskLevel eq 'high'`, token)).body.value.map((u) => u.id);
      assert.ok(listedHigh.includes(DIEGO) && listedHigh.includes(MEGAN), 'the risky-user list shows both');

      const [audit] = await audits(token, 'Confirm sign-in compromised');
      assert.equal(audit.initiatedBy.app?.appId, LOCAL_BOT_CLIENT.clientId);
      assert.equal(audit.initiatedBy.user, null);
      assert.deepEqual(audit.targetResources.map((t) => t.id).sort(), [DIEGO, MEGAN].sort());
      assert.deepEqual(change(audit, DIEGO, 'RiskState'), ['none', 'confirmedCompromised']);
    });

    it('When a sign-in that was not at risk is confirmed safe, then the sign-in changes but the user\'s risk is left alone', async () => {
      const token = await raw.userToken(DEMO_ADMIN.id);
      const before = (await riskyUser(PATRICK, token)).body;
      assert.equal((await raw.post('/v1.0/auditLogs/signIns/confirmSafe', token, { requestIds: [PATRICK_SIGN_IN] })).status, 204);
      assert.equal((await signIn(PATRICK_SIGN_IN, token)).riskState, 'confirmedSafe');
      const after = (await riskyUser(PATRICK, token)).body;
      assert.deepEqual([after.riskState, after.riskLevel, after.riskDetail], [before.riskState, before.riskLevel, before.riskDetail]);
      assert.equal((await history(PATRICK, token)).length, 1);
    });

    describe('on a tenant where the user has a second detection at risk', () => {
      let tenantDir: string;
      beforeEach(async () => {
        await stop();
        tenantDir = tenantWithPatrickRiskySignIn();
        await start({ tenantDir });
      });
      after(() => fs.rmSync(tenantDir, { recursive: true, force: true }));

      it('When the risky sign-in is confirmed safe, then it and its detection are settled but the other detection and the user stay at risk', async () => {
        const token = await raw.userToken(DEMO_SECURITY_ADMIN.id);
        const before = (await riskyUser(PATRICK, token)).body;
        assert.equal((await raw.post('/v1.0/auditLogs/signIns/confirmSafe', token, { requestIds: [PATRICK_RISKY_SIGN_IN] })).status, 204);
        assert.equal((await signIn(PATRICK_RISKY_SIGN_IN, token)).riskState, 'confirmedSafe');
        assert.equal((await detection(PATRICK_SIGN_IN_DETECTION, token)).riskState, 'confirmedSafe');
        assert.equal((await detection(PATRICK_DETECTION, token)).riskState, 'atRisk');
        const after = (await riskyUser(PATRICK, token)).body;
        assert.deepEqual([after.riskState, after.riskLevel, after.riskDetail], ['atRisk', before.riskLevel, before.riskDetail]);
        assert.equal((await history(PATRICK, token)).length, 1);
      });
    });

    it('When dismiss names a known and an unknown request id, then 204 and only the known sign-in changes and is audited; with only unknown ids, then 204 and no audit entry', async () => {
      const token = await raw.userToken(DEMO_ADMIN.id);
      assert.equal((await raw.post('/v1.0/auditLogs/signIns/dismiss', token, { requestIds: [UNKNOWN_REQUEST, LEE_RISKY_SIGN_IN] })).status, 204);
      const dismissed = await signIn(LEE_RISKY_SIGN_IN, token);
      assert.deepEqual([dismissed.riskState, dismissed.riskDetail, dismissed.riskLevelAggregated], ['dismissed', 'adminDismissedRiskForSignIn', 'none']);
      assert.equal((await riskyUser(LEE, token)).body.riskState, 'dismissed');
      const first = await audits(token, 'Dismiss sign-in risk');
      assert.equal(first.length, 1);
      assert.deepEqual(first[0].targetResources.map((t) => t.id), [LEE]);

      assert.equal((await raw.post('/v1.0/auditLogs/signIns/dismiss', token, { requestIds: [UNKNOWN_REQUEST] })).status, 204);
      assert.equal((await audits(token, 'Dismiss sign-in risk')).length, 1);
    });

    it('When the body is missing, empty, not strings or over 60 ids, then 400 like the risky-user actions and nothing changes', async () => {
      const token = await raw.userToken(DEMO_ADMIN.id);
      const riskyUserAnswer = await raw.post('/v1.0/identityProtection/riskyUsers/dismiss', token, {});
      const bodies: unknown[] = [undefined, {}, { requestIds: [] }, { requestIds: LEE_RISKY_SIGN_IN }, { requestIds: [703] }, { userIds: [LEE_RISKY_SIGN_IN] }, { requestIds: Array.from({ length: 61 }, () => LEE_RISKY_SIGN_IN) }];
      for (const body of bodies) {
        const response = await raw.post('/v1.0/auditLogs/signIns/confirmCompromised', token, body);
        assert.equal(response.status, 400, JSON.stringify(body));
        assert.equal(response.body.error.code, riskyUserAnswer.body.error.code);
      }
      assert.equal((await signIn(LEE_RISKY_SIGN_IN, token)).riskState, 'atRisk');
      assert.equal((await audits(token, 'Confirm sign-in compromised')).length, 0);
    });

    it('When a Global Reader, a Security Reader or a member without a role acts on a sign-in, then the table\'s 403 and nothing changes', async () => {
      for (const asker of [DEMO_READER, DEMO_SECURITY_READER, DEMO_MEMBER]) {
        const response = await raw.post('/v1.0/auditLogs/signIns/confirmSafe', await raw.userToken(asker.id), { requestIds: [LEE_RISKY_SIGN_IN] });
        assert.equal(response.status, SIGN_IN_ROLE_DENIED.status, asker.displayName);
        assert.deepEqual([response.body.error.code, response.body.error.message], [SIGN_IN_ROLE_DENIED.code, SIGN_IN_ROLE_DENIED.message]);
      }
      const token = await raw.userToken(DEMO_ADMIN.id);
      assert.equal((await signIn(LEE_RISKY_SIGN_IN, token)).riskState, 'atRisk');
    });

    it('When an app without a risk write permission acts on a sign-in, then the table\'s 403 for the permission', async () => {
      const response = await raw.post('/beta/auditLogs/signIns/dismiss', await raw.appToken(LIMITED_CLIENT), { requestIds: [LEE_RISKY_SIGN_IN] });
      assert.equal(response.status, SIGN_IN_PERMISSION_DENIED.status);
      assert.deepEqual([response.body.error.code, response.body.error.message], [SIGN_IN_PERMISSION_DENIED.code, SIGN_IN_PERMISSION_DENIED.message]);
    });
  });

  describe('PATCH /servicePrincipals/{id}', () => {
    it('When the bot app disables a service principal, then 204, accountEnabled false, the risky service principal shows it and an Update service principal audit', async () => {
      const token = await raw.appToken();
      const response = await raw.request('PATCH', `/v1.0/servicePrincipals/${PAYROLL_SP}`, { token, body: { accountEnabled: false } });
      assert.equal(response.status, 204);
      assert.equal((await raw.get(`/v1.0/servicePrincipals/${PAYROLL_SP}?$select=accountEnabled`, token)).body.accountEnabled, false);
      assert.equal((await raw.get(`/v1.0/identityProtection/riskyServicePrincipals/${PAYROLL_SP}`, token)).body.isEnabled, false);
      assert.equal((await raw.get(`/beta/identityProtection/riskyServicePrincipals/${PAYROLL_SP}`, token)).body.accountEnabled, false);
      const listed = (await raw.get(`/v1.0/servicePrincipals?$filter=appId eq 'c0ffee00-1111-4222-8333-444455556666'`, token)).body.value;
      assert.equal(listed[0].accountEnabled, false);

      const [audit, ...more] = await audits(token, 'Update service principal');
      assert.equal(more.length, 0);
      assert.deepEqual([audit.category, audit.loggedByService, audit.initiatedBy.app?.appId], ['ApplicationManagement', 'Core Directory', LOCAL_BOT_CLIENT.clientId]);
      assert.deepEqual(audit.targetResources.map((t) => [t.id, t.type]), [[PAYROLL_SP, 'ServicePrincipal']]);
      assert.deepEqual(change(audit, PAYROLL_SP, 'AccountEnabled'), [[true], [false]]);
    });

    it('When a Global Administrator disables then re-enables a service principal with no risk record, then it ends enabled with two audit entries', async () => {
      const token = await raw.userToken(DEMO_ADMIN.id);
      assert.equal((await raw.request('PATCH', `/beta/servicePrincipals/${HR_PORTAL_SP}`, { token, body: { accountEnabled: false } })).status, 204);
      assert.equal((await raw.get(`/v1.0/servicePrincipals/${HR_PORTAL_SP}`, token)).body.accountEnabled, false);
      assert.equal((await raw.request('PATCH', `/v1.0/servicePrincipals/${HR_PORTAL_SP}`, { token, body: { accountEnabled: true } })).status, 204);
      assert.equal((await raw.get(`/v1.0/servicePrincipals/${HR_PORTAL_SP}`, token)).body.accountEnabled, true);
      const entries = await audits(token, 'Update service principal');
      assert.deepEqual(entries.map((a) => change(a, HR_PORTAL_SP, 'AccountEnabled')[1]).sort(), [[false], [true]].sort());
      assert.ok(entries.every((a) => a.initiatedBy.user?.id === DEMO_ADMIN.id));
    });

    it('When a Security Administrator or a Global Reader tries, then the table\'s 403 for the role; an app without Application.ReadWrite.All gets the permission 403', async () => {
      for (const asker of [DEMO_SECURITY_ADMIN, DEMO_READER]) {
        const response = await raw.request('PATCH', `/v1.0/servicePrincipals/${PAYROLL_SP}`, { token: await raw.userToken(asker.id), body: { accountEnabled: false } });
        assert.equal(response.status, SP_ROLE_DENIED.status, asker.displayName);
        assert.deepEqual([response.body.error.code, response.body.error.message], [SP_ROLE_DENIED.code, SP_ROLE_DENIED.message]);
      }
      const app = await raw.request('PATCH', `/v1.0/servicePrincipals/${PAYROLL_SP}`, { token: await raw.appToken(LIMITED_CLIENT), body: { accountEnabled: false } });
      assert.deepEqual([app.status, app.body.error.code], [SP_PERMISSION_DENIED.status, SP_PERMISSION_DENIED.code]);
      assert.equal((await raw.get(`/v1.0/servicePrincipals/${PAYROLL_SP}`, await raw.appToken())).body.accountEnabled, true);
    });

    it('When the body is not a boolean accountEnabled or carries other properties, then 400; an unknown id is Graph\'s 404', async () => {
      const token = await raw.appToken();
      for (const body of [undefined, {}, { accountEnabled: 'false' }, { accountEnabled: false, displayName: 'Renamed' }]) {
        const response = await raw.request('PATCH', `/v1.0/servicePrincipals/${PAYROLL_SP}`, { token, body });
        assert.equal(response.status, 400, JSON.stringify(body));
        assert.equal(response.body.error.code, 'Request_BadRequest');
      }
      assert.equal((await raw.get(`/v1.0/servicePrincipals/${PAYROLL_SP}`, token)).body.accountEnabled, true);
      const unknown = await raw.request('PATCH', `/v1.0/servicePrincipals/${UNKNOWN_REQUEST}`, { token, body: { accountEnabled: false } });
      assert.equal(unknown.status, 404);
      assert.equal(unknown.body.error.code, 'Request_ResourceNotFound');
      assert.match(unknown.body.error.message, new RegExp(UNKNOWN_REQUEST));
      assert.equal((await audits(token, 'Update service principal')).length, 0);
    });
  });

  describe('with --persist', () => {
    let persistDir: string;

    beforeEach(async () => {
      await stop();
      persistDir = fs.mkdtempSync(path.join(os.tmpdir(), 'local-entra-signin-risk-'));
      await start({ persistDir });
    });
    // The outer afterEach stops the server after this describe's hooks, so the folder goes when the file is done.
    after(() => fs.rmSync(persistDir, { recursive: true, force: true }));

    it('When a sign-in is confirmed compromised and a service principal disabled, then after a restart both, the detections, the risky user and the audits are still there', async () => {
      let token = await raw.userToken(DEMO_ADMIN.id);
      assert.equal((await raw.post('/v1.0/auditLogs/signIns/confirmCompromised', token, { requestIds: [LEE_RISKY_SIGN_IN] })).status, 204);
      assert.equal((await raw.request('PATCH', `/v1.0/servicePrincipals/${PAYROLL_SP}`, { token, body: { accountEnabled: false } })).status, 204);
      await stop();
      await start({ persistDir });
      token = await raw.userToken(DEMO_ADMIN.id);

      const s = await signIn(LEE_RISKY_SIGN_IN, token);
      assert.deepEqual([s.riskState, s.riskDetail, s.riskLevelAggregated], ['confirmedCompromised', 'adminConfirmedSigninCompromised', 'high']);
      for (const id of LEE_DETECTIONS) assert.equal((await detection(id, token)).riskState, 'confirmedCompromised');
      const risky = (await riskyUser(LEE, token)).body;
      assert.deepEqual([risky.riskState, risky.riskLevel, risky.riskDetail], ['atRisk', 'high', 'adminConfirmedSigninCompromised']);
      assert.equal((await history(LEE, token)).at(-1)?.initiatedBy, DEMO_ADMIN.id);
      assert.equal((await raw.get(`/v1.0/servicePrincipals/${PAYROLL_SP}`, token)).body.accountEnabled, false);
      assert.equal((await raw.get(`/v1.0/identityProtection/riskyServicePrincipals/${PAYROLL_SP}`, token)).body.isEnabled, false);
      assert.equal((await audits(token, 'Confirm sign-in compromised')).length, 1);
      assert.equal((await audits(token, 'Update service principal')).length, 1);
      const text = fs.readFileSync(path.join(persistDir, 'auditLogs', 'signIns.json'), 'utf8');
      assert.ok(text.startsWith('{"value":[\n'), 'sign-ins keep the one-object-per-line layout');
    });
  });
});

describe('Local Entra demo tenant: who may take the sign-in and service principal actions', function () {
  this.timeout(120_000);
  let entra: LocalEntra;
  let raw: RawCaller;

  before(async () => {
    entra = await startLocalEntra({ tenantDir: await ensureDemoTenant() });
    raw = new RawCaller(entra);
  });
  after(async () => {
    await raw.close();
    await entra.stop();
  });

  // A bad body is refused only after the permission check: 400 means the caller passed it, 403 that it did not.
  const signInProbe = async (token: string) => (await raw.post('/v1.0/auditLogs/signIns/dismiss', token, {})).status;
  const servicePrincipalProbe = async (token: string) => (await raw.request('PATCH', `/v1.0/servicePrincipals/${UNKNOWN_REQUEST}`, { token, body: { accountEnabled: false } })).status;

  it('When each demo asker tries the sign-in risk actions, then the Global and Security Administrators may and the readers and the member may not', async () => {
    for (const asker of [DEMO_ADMIN, DEMO_SECURITY_ADMIN]) assert.equal(await signInProbe(await raw.userToken(asker.id)), 400, asker.displayName);
    for (const asker of [DEMO_READER, DEMO_SECURITY_READER, DEMO_MEMBER]) assert.equal(await signInProbe(await raw.userToken(asker.id)), 403, asker.displayName);
  });

  it('When each demo asker tries to disable a service principal, then the Global and Application Administrators may and the Security Administrator and the readers may not', async () => {
    for (const asker of [DEMO_ADMIN, CAST.miriam]) assert.equal(await servicePrincipalProbe(await raw.userToken(asker.id)), 404, asker.displayName);
    for (const asker of [DEMO_SECURITY_ADMIN, DEMO_READER, DEMO_SECURITY_READER, DEMO_MEMBER]) assert.equal(await servicePrincipalProbe(await raw.userToken(asker.id)), 403, asker.displayName);
  });

  it('When the bot signs in with client credentials, then it can dismiss a risky sign-in and disable a risky service principal of the demo tenant', async () => {
    const token = await raw.appToken();
    const detections = (await raw.get('/v1.0/identityProtection/riskDetections?$top=500', token)).body.value as Json[];
    const requestId = detections.find((d) => d.requestId && d.riskState === 'atRisk')?.requestId as string;
    assert.ok(requestId, 'the demo tenant has a risky sign-in with a detection');
    assert.equal((await raw.post('/v1.0/auditLogs/signIns/dismiss', token, { requestIds: [requestId] })).status, 204);
    assert.equal((await raw.get(`/v1.0/auditLogs/signIns/${requestId}`, token)).body.riskState, 'dismissed');

    const riskySp = (await raw.get('/v1.0/identityProtection/riskyServicePrincipals', token)).body.value[0];
    assert.equal((await raw.request('PATCH', `/v1.0/servicePrincipals/${String(riskySp.id)}`, { token, body: { accountEnabled: false } })).status, 204);
    assert.equal((await raw.get(`/v1.0/servicePrincipals/${String(riskySp.id)}`, token)).body.accountEnabled, false);
    assert.equal((await raw.get(`/v1.0/identityProtection/riskyServicePrincipals/${String(riskySp.id)}`, token)).body.isEnabled, false);
  });
});

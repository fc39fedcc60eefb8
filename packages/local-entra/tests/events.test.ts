import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { LocalEntra } from '../src';
import { eventFromArgs, runEventCommand } from '../src/eventCli';
import { MINI_CAPTURED_AT, RawCaller, startMini } from '../src/testing';

const MEGAN = '1a2b3c4d-0000-4000-8000-000000000006';
const DIEGO = '1a2b3c4d-0000-4000-8000-000000000009';
const PAYROLL_SP = '1a2b3c4d-0000-4000-8000-000000000301';
const GLOBAL_ADMIN = '62e90394-69f5-4237-9190-012177145e10';

describe('Local Entra events added while running (risky users and apps, role changes)', () => {
  let dir: string;
  let controlFile: string;
  let entra: LocalEntra;
  let raw: RawCaller;
  let token: string;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'local-entra-events-'));
    controlFile = path.join(dir, 'control.json');
    entra = await startMini({ controlFile });
    raw = new RawCaller(entra);
    token = await raw.appToken();
  });
  after(async () => {
    await raw.close();
    await entra.stop();
    assert.equal(fs.existsSync(controlFile), false, 'the control file is removed at stop');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('When a risky user is added through the CLI, then Graph lists them as high risk, changed now, with a detection', async () => {
    const summary = await runEventCommand(['risky-user', 'megan.bowen@contoso.com', '--control', controlFile]);
    assert.match(summary, /Megan Bowen is now a high-risk user/);
    const page = await raw.get(`/v1.0/identityProtection/riskyUsers?$filter=riskLevel eq 'high' and riskState eq 'atRisk'`, token);
    const megan = ((page.body as { value: unknown[] }).value as Array<{ id: string; riskLastUpdatedDateTime: string }>).find((u) => u.id === MEGAN);
    assert.ok(megan, 'Megan is a high-risk user');
    assert.ok(megan.riskLastUpdatedDateTime >= MINI_CAPTURED_AT.toISOString(), 'stamped with the local Entra\'s clock, after the snapshot');
    const detections = await raw.get(`/v1.0/identityProtection/riskDetections?$filter=userId eq '${MEGAN}'`, token);
    assert.ok(((detections.body as { value: unknown[] }).value as Array<{ riskEventType: string }>).some((d) => d.riskEventType === 'unfamiliarFeatures'));
  });

  it('When a risky app and a role change are added, then Graph shows them, and the role change is in the audit log', async () => {
    await entra.addEvent({ kind: 'riskyServicePrincipal', servicePrincipal: 'Payroll Connector', riskLevel: 'medium' });
    const sp = await raw.get(`/v1.0/identityProtection/riskyServicePrincipals/${PAYROLL_SP}`, token);
    const risky = sp.body as unknown as { riskLevel: string; riskState: string };
    assert.equal(risky.riskLevel, 'medium');
    assert.equal(risky.riskState, 'atRisk');
    const added = await runEventCommand(['role-change', 'diego.siciliani@contoso.com', '--role', 'Global Administrator', '--by', 'admin@contoso.com', '--control', controlFile]);
    assert.match(added, /Diego Siciliani was added to Global Administrator by Avery Admin/);
    const assignments = await raw.get(`/v1.0/roleManagement/directory/roleAssignments?$filter=principalId eq '${DIEGO}'`, token);
    assert.ok(((assignments.body as { value: unknown[] }).value as Array<{ roleDefinitionId: string }>).some((a) => a.roleDefinitionId === GLOBAL_ADMIN));
    const audits = await raw.get(`/v1.0/auditLogs/directoryAudits?$filter=category eq 'RoleManagement'`, token);
    const entry = ((audits.body as { value: unknown[] }).value as Array<{ activityDisplayName: string; targetResources: Array<{ id: string }>; initiatedBy: { user: { userPrincipalName: string } | null } }>).find((a) => a.targetResources[0]?.id === DIEGO);
    assert.equal(entry?.activityDisplayName, 'Add member to role');
    assert.equal(entry?.initiatedBy.user?.userPrincipalName, 'admin@contoso.com');
    await assert.rejects(entra.addEvent({ kind: 'roleChange', user: DIEGO, role: 'Global Administrator' }), /already holds Global Administrator/);
    await entra.addEvent({ kind: 'roleChange', user: DIEGO, role: 'Global Administrator', change: 'remove' });
    const after = await raw.get(`/v1.0/roleManagement/directory/roleAssignments?$filter=principalId eq '${DIEGO}'`, token);
    assert.ok(!((after.body as { value: unknown[] }).value as Array<{ roleDefinitionId: string }>).some((a) => a.roleDefinitionId === GLOBAL_ADMIN));
  });

  it('When the admin endpoint is called without the key, or with a bad event, then it refuses and changes nothing', async () => {
    const url = new URL('/_local-entra/events', entra.url);
    const control = JSON.parse(fs.readFileSync(controlFile, 'utf8')) as { caCertPem: string };
    assert.ok(control.caCertPem.includes('BEGIN CERTIFICATE'));
    await assert.rejects(runEventCommand(['risky-user', 'nobody@contoso.com', '--control', controlFile]), /No user nobody@contoso.com/);
    await assert.rejects(runEventCommand(['risky-user', 'megan.bowen@contoso.com', '--level', 'extreme', '--control', controlFile]), /riskLevel/);
    const forged = path.join(dir, 'forged.json');
    fs.writeFileSync(forged, JSON.stringify({ ...control, url: url.origin, adminKey: 'not-the-key' }));
    await assert.rejects(runEventCommand(['risky-user', 'megan.bowen@contoso.com', '--control', forged]), /admin key/);
    assert.throws(() => eventFromArgs(['role-change', 'megan.bowen@contoso.com']), /--role/);
    assert.throws(() => eventFromArgs(['earthquake', 'x']), /unknown event/);
  });

  it('When a fault is limited to a number of times, then only that many requests get it', async () => {
    entra.setFaults([{ kind: '429', pathPattern: '^/v1\\.0/identityProtection/riskyUsers$', retryAfterSeconds: 7, times: 1 }]);
    const first = await raw.get('/v1.0/identityProtection/riskyUsers', token);
    assert.equal(first.status, 429);
    assert.equal(first.headers.get('retry-after'), '7');
    const second = await raw.get('/v1.0/identityProtection/riskyUsers', token);
    assert.equal(second.status, 200);
    entra.setFaults([]);
  });
});

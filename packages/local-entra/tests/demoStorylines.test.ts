import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateTenant, STORY, STORYLINES } from '../src/demo';
import { CAST } from '../src/demo/cast';
import { DEMO_CAPTURED_AT, DEMO_SECURITY_ADMIN } from '../src/demo/constants';
import { readSnapshot, SnapshotIndex, type Snapshot } from '../src/demo/snapshotIndex';

type Json = Record<string, any>;

const CAPTURED = Date.parse(DEMO_CAPTURED_AT);
const DAY = 86_400_000;
const startOfCaptureDay = Math.floor(CAPTURED / DAY) * DAY;

describe('Demo tenant storylines', function () {
  this.timeout(60_000);
  let dir: string;
  let snapshot: Snapshot;
  let index: SnapshotIndex;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-stories-'));
    await generateTenant({ outDir: dir });
    snapshot = readSnapshot(dir);
    index = new SnapshotIndex(snapshot);
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const signInsOf = (userId: string) => snapshot.signIns.filter((s) => s.userId === userId);
  const failuresOf = (userId: string) => signInsOf(userId).filter((s) => s.status.errorCode !== 0);
  const policyResult = (signIn: Json, name: string) => signIn.appliedConditionalAccessPolicies.find((p: Json) => p.displayName === name)?.result;
  const audits = (activity: string) => snapshot.directoryAudits.filter((a) => a.activityDisplayName === activity);
  const initiator = (audit: Json) => index.usersById.get(audit.initiatedBy.user?.id)?.displayName;

  it('When the storylines are listed, then there are at least twelve, each with a unique id, a question and facts', () => {
    assert.ok(STORYLINES.length >= 12);
    assert.equal(new Set(STORYLINES.map((s) => s.id)).size, STORYLINES.length);
    for (const story of STORYLINES) {
      assert.ok(story.title && story.question.endsWith('?'), story.id);
      assert.ok(story.facts.length > 0, story.id);
      for (const id of story.userIds ?? []) assert.ok(index.usersById.has(id), `${story.id}: ${id}`);
    }
  });

  it('When each storyline is checked, then every one of its facts is in the data', () => {
    const text = Object.values(snapshot).map((items) => JSON.stringify(items)).join('\n');
    for (const story of STORYLINES) for (const fact of story.facts) assert.ok(text.includes(fact), `${story.id}: ${fact}`);
  });

  it('When Megan Bowen signs in on her new Android phone this morning, then Outlook Mobile is blocked by the compliant-device policy', () => {
    const failures = failuresOf(CAST.megan.id);
    const latest = failures[0];
    assert.equal(latest.status.errorCode, 53000);
    assert.equal(latest.appDisplayName, 'Outlook Mobile');
    assert.match(latest.deviceDetail.operatingSystem, /^Android/);
    assert.equal(policyResult(latest, 'Require compliant device for Office 365'), 'failure');
    assert.ok(failures.every((s) => Date.parse(s.createdDateTime) >= startOfCaptureDay), 'failures only since this morning');
    const earlier = signInsOf(CAST.megan.id).filter((s) => s.status.errorCode === 0 && s.deviceDetail.isCompliant && /^Windows|^MacOs/.test(s.deviceDetail.operatingSystem));
    assert.ok(earlier.some((s) => Date.parse(s.createdDateTime) < startOfCaptureDay), 'laptop successes before today');
  });

  it('When Priya Patel uses her new iPhone, then she gets 53000 from the same policy', () => {
    const failures = failuresOf(CAST.priya.id);
    assert.ok(failures.length >= 3);
    for (const s of failures) {
      assert.equal(s.status.errorCode, 53000);
      assert.match(s.deviceDetail.operatingSystem, /^iOS/);
      assert.equal(s.deviceDetail.isManaged, false);
      assert.equal(policyResult(s, 'Require compliant device for Office 365'), 'failure');
    }
  });

  it('When Bob Kelly is password-sprayed, then 50126 bursts from many addresses end in 50053 and he is a high-risk user added to Finance by Pradeep Gupta', () => {
    const failures = failuresOf(CAST.bob.id);
    const spray = failures.filter((s) => s.status.errorCode === 50126);
    assert.ok(spray.length >= 20);
    assert.ok(new Set(spray.map((s) => s.ipAddress)).size >= 15);
    const lockouts = failures.filter((s) => s.status.errorCode === 50053);
    assert.ok(lockouts.length >= 3);
    assert.ok(Math.min(...lockouts.map((s) => Date.parse(s.createdDateTime))) > Math.min(...spray.map((s) => Date.parse(s.createdDateTime))));
    const risky = snapshot.riskyUsers.find((r) => r.id === CAST.bob.id)!;
    assert.equal(risky.riskLevel, 'high');
    assert.equal(risky.riskState, 'atRisk');
    const types = new Set(snapshot.riskDetections.filter((d) => d.userId === CAST.bob.id).map((d) => d.riskEventType));
    assert.ok(types.has('passwordSpray') && types.has('unfamiliarFeatures'));
    const finance = snapshot.groups.find((g) => g.displayName === 'Finance')!;
    assert.ok(finance.members.some((m: Json) => m.id === CAST.bob.id));
    const added = audits('Add member to group').find((a) => a.targetResources.some((t: Json) => t.id === CAST.bob.id) && a.targetResources.some((t: Json) => t.id === finance.id));
    assert.equal(initiator(added!), 'Pradeep Gupta');
  });

  it('When Lee Gu was disabled yesterday, then the audit names who did it and only 50057 follows', () => {
    const lee = index.usersById.get(CAST.lee.id)!;
    assert.equal(lee.accountEnabled, false);
    const disabled = audits('Disable account').find((a) => a.targetResources[0].id === CAST.lee.id)!;
    assert.equal(initiator(disabled), 'Pradeep Gupta');
    const disabledAt = Date.parse(disabled.activityDateTime);
    assert.ok(disabledAt >= startOfCaptureDay - DAY && disabledAt < startOfCaptureDay, 'yesterday');
    const after = signInsOf(CAST.lee.id).filter((s) => Date.parse(s.createdDateTime) > disabledAt);
    assert.ok(after.length >= 3);
    assert.ok(after.every((s) => s.status.errorCode === 50057));
  });

  it('When the Fabrikam guest signs in without MFA registered, then the guest MFA policy fails with 50079', () => {
    const registration = snapshot.userRegistrationDetails.find((r) => r.id === CAST.nestor.id)!;
    assert.equal(registration.isMfaRegistered, false);
    const failures = failuresOf(CAST.nestor.id);
    assert.ok(failures.length >= 2);
    for (const s of failures) {
      assert.equal(s.status.errorCode, 50079);
      assert.equal(s.userPrincipalName, 'nestor.wilke@fabrikam.com');
      assert.equal(policyResult(s, 'Require MFA for guests'), 'failure');
    }
  });

  it('When Johanna Lorenz uses IMAP4, then Block legacy authentication stops it with 53003', () => {
    const legacy = signInsOf(CAST.johanna.id).filter((s) => s.clientAppUsed === 'IMAP4' || s.clientAppUsed === 'POP3');
    assert.ok(legacy.some((s) => s.clientAppUsed === 'IMAP4'));
    for (const s of legacy) {
      assert.equal(s.status.errorCode, 53003);
      assert.equal(policyResult(s, 'Block legacy authentication'), 'failure');
    }
  });

  it('When Lidia Holloway is signed in from a blocked country, then the country policy blocks it with 53003', () => {
    const blocked = failuresOf(CAST.lidia.id);
    assert.ok(blocked.length >= 1);
    for (const s of blocked) {
      assert.equal(s.status.errorCode, 53003);
      assert.equal(s.location.countryOrRegion, 'RU');
      assert.equal(s.ipAddress, STORY.lidiaAttackerIp);
      assert.equal(policyResult(s, 'Block sign-ins from blocked countries'), 'failure');
    }
  });

  it('When Isaiah Langer became Global Administrator, then the role assignment and its audit by Pradeep Gupta exist', () => {
    const globalAdministrator = '62e90394-69f5-4237-9190-012177145e10';
    assert.ok(snapshot.roleAssignments.some((a) => a.principalId === CAST.isaiah.id && a.roleDefinitionId === globalAdministrator));
    const audit = audits('Add member to role').find((a) => a.targetResources.some((t: Json) => t.id === CAST.isaiah.id))!;
    assert.equal(initiator(audit), 'Pradeep Gupta');
    assert.ok(CAPTURED - Date.parse(audit.activityDateTime) < 7 * DAY);
  });

  it('When Project Falcon lost its last owner, then it has none and the removal is audited', () => {
    const falcon = snapshot.groups.find((g) => g.displayName === 'Project Falcon')!;
    assert.deepEqual(falcon.owners, []);
    const removal = audits('Remove owner from group').find((a) => a.targetResources.some((t: Json) => t.id === falcon.id))!;
    assert.ok(removal.targetResources.some((t: Json) => t.id === CAST.lynne.id));
    assert.equal(initiator(removal), 'Debra Berger');
  });

  it('When a secret was added to Payroll Connector, then its service principal became risky shortly after', () => {
    const app = snapshot.applications.find((a) => a.displayName === 'Payroll Connector')!;
    const update = audits('Update application – Certificates and secrets management').find((a) => a.targetResources[0].id === app.id)!;
    assert.equal(initiator(update), 'Miriam Graham');
    const risky = snapshot.riskyServicePrincipals.find((r) => r.appId === app.appId)!;
    assert.equal(risky.riskLevel, 'high');
    assert.equal(risky.riskState, 'atRisk');
    const detection = snapshot.servicePrincipalRiskDetections.find((d) => d.appId === app.appId)!;
    const added = Date.parse(update.activityDateTime);
    const detected = Date.parse(detection.detectedDateTime);
    assert.ok(detected > added && detected - added < 3 * DAY);
    const newest = app.passwordCredentials.reduce((a: Json, b: Json) => (a.startDateTime > b.startDateTime ? a : b));
    assert.deepEqual(detection.keyIds, [newest.keyId]);
    assert.ok(snapshot.signIns.some((s) => s.appId === app.appId && s.servicePrincipalCredentialKeyId === newest.keyId && s.ipAddress === STORY.payrollAttackerIp));
  });

  it("When Adele Vance's risk was dismissed, then her history shows the medium risk and the dismissal by the security admin", () => {
    const risky = snapshot.riskyUsers.find((r) => r.id === CAST.adele.id)!;
    assert.equal(risky.riskState, 'dismissed');
    assert.equal(risky.riskDetail, 'adminDismissedAllRiskForUser');
    assert.equal(risky.history[0].riskLevel, 'medium');
    assert.deepEqual(risky.history[0].activity.riskEventTypes, ['unfamiliarFeatures']);
    assert.equal(risky.history[risky.history.length - 1].initiatedBy, DEMO_SECURITY_ADMIN.id);
  });

  it('When Alex Wilber is checked, then he is at medium risk from leaked credentials and has no MFA method', () => {
    const risky = snapshot.riskyUsers.find((r) => r.id === CAST.alex.id)!;
    assert.equal(risky.riskLevel, 'medium');
    assert.equal(risky.riskState, 'atRisk');
    assert.ok(snapshot.riskDetections.some((d) => d.userId === CAST.alex.id && d.riskEventType === 'leakedCredentials'));
    const registration = snapshot.userRegistrationDetails.find((r) => r.id === CAST.alex.id)!;
    assert.equal(registration.isMfaRegistered, false);
    assert.deepEqual(registration.methodsRegistered, []);
  });

  it('When Diego Siciliani is checked, then he has only successful sign-ins and no risk', () => {
    const signIns = signInsOf(CAST.diego.id);
    assert.ok(signIns.length > 10);
    assert.ok(signIns.every((s) => s.status.errorCode === 0));
    assert.ok(!snapshot.riskyUsers.some((r) => r.id === CAST.diego.id));
  });

  it('When the printed correlation id is looked up, then exactly one sign-in matches: Joni Sherman and the HR Portal', () => {
    const matches = snapshot.signIns.filter((s) => s.correlationId === STORY.joniCorrelationId);
    assert.equal(matches.length, 1);
    assert.equal(matches[0].status.errorCode, 50105);
    assert.equal(matches[0].appDisplayName, 'HR Portal');
    assert.equal(matches[0].userDisplayName, 'Joni Sherman');
  });

  it('When Inventory Sync runs after its secret expired, then every run fails with 7000222', () => {
    const app = snapshot.applications.find((a) => a.displayName === 'Inventory Sync')!;
    const expiry = Date.parse(app.passwordCredentials[0].endDateTime);
    assert.ok(expiry < CAPTURED);
    const runs = snapshot.signIns.filter((s) => s.appId === app.appId);
    const after = runs.filter((s) => Date.parse(s.createdDateTime) >= expiry);
    assert.ok(after.length >= 24);
    assert.ok(after.every((s) => s.status.errorCode === 7000222 && s.signInEventTypes[0] === 'servicePrincipal'));
    assert.ok(runs.some((s) => Date.parse(s.createdDateTime) < expiry && s.status.errorCode === 0));
  });

  it('When credentials expiring this month are listed, then the storyline apps are exactly those', () => {
    const monthEnd = Date.UTC(2026, 11, 1);
    const expiring = snapshot.applications
      .filter((a) => [...a.passwordCredentials, ...a.keyCredentials].some((c: Json) => Date.parse(c.endDateTime) > CAPTURED && Date.parse(c.endDateTime) < monthEnd))
      .map((a) => a.displayName)
      .sort();
    const story = STORYLINES.find((s) => s.id === 'secrets-expiring-this-month')!;
    assert.deepEqual(expiring, [...story.facts].sort());
  });
});

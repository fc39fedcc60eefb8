import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateTenant } from '../src/demo';
import { evaluatePolicies, conditionalAccessStatusOf } from '../src/demo/caEvaluation';
import { CAST } from '../src/demo/cast';
import { DEMO_ADMIN, DEMO_MEMBER, DEMO_READER, DEMO_SECURITY_ADMIN, DEMO_SECURITY_READER, DEMO_CAPTURED_AT } from '../src/demo/constants';
import { FILES } from '../src/demo/generate';
import { dynamicRuleMatches } from '../src/demo/groups';
import { readSnapshot, SnapshotIndex, type Snapshot } from '../src/demo/snapshotIndex';

type Json = Record<string, any>;

const ROLE_IDS = {
  globalAdministrator: '62e90394-69f5-4237-9190-012177145e10',
  globalReader: 'f2ef992c-3afb-46b9-b7cf-a126ee74c451',
  securityAdministrator: '194ae4cb-b126-40b2-bd5b-6091b380977d',
  securityReader: '5d6b6bb7-de71-4623-b4af-96380a352509',
};

function tempDir(name: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `demo-${name}-`));
}

function listFiles(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => fs.statSync(path.join(dir, f)).isFile()).sort();
}

describe('Demo tenant generator', function () {
  this.timeout(60_000);
  let dir: string;
  let snapshot: Snapshot;
  let index: SnapshotIndex;
  let counts: Record<string, number>;

  before(async () => {
    dir = tempDir('default');
    counts = (await generateTenant({ outDir: dir })).counts;
    snapshot = readSnapshot(dir);
    index = new SnapshotIndex(snapshot);
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  describe('determinism and file layout', () => {
    it('When a small tenant is generated twice with the same seed, then every file is byte-identical', async () => {
      const a = tempDir('a');
      const b = tempDir('b');
      const c = tempDir('c');
      try {
        const options = { seed: 42, users: 60, signIns: 600, audits: 40 };
        await generateTenant({ outDir: a, ...options });
        await generateTenant({ outDir: b, ...options });
        await generateTenant({ outDir: c, ...options, seed: 43 });
        assert.deepEqual(listFiles(a), listFiles(b));
        for (const file of listFiles(a)) assert.ok(fs.readFileSync(path.join(a, file)).equals(fs.readFileSync(path.join(b, file))), `${file} differs`);
        assert.notEqual(fs.readFileSync(path.join(a, FILES.signIns), 'utf8'), fs.readFileSync(path.join(c, FILES.signIns), 'utf8'));
      } finally {
        for (const d of [a, b, c]) fs.rmSync(d, { recursive: true, force: true });
      }
    });

    it('When the demo is written, then every collection file is {"value":[...]} with one object per line', () => {
      for (const [key, file] of Object.entries(FILES)) {
        if (key === 'snapshot') continue;
        const text = fs.readFileSync(path.join(dir, file), 'utf8');
        const parsed = JSON.parse(text);
        assert.ok(Array.isArray(parsed.value), `${file} has no value array`);
        const lines = text.trimEnd().split('\n');
        assert.equal(lines[0], '{"value":[', file);
        assert.equal(lines[lines.length - 1], ']}', file);
        const body = lines.slice(1, -1);
        assert.equal(body.length, parsed.value.length, `${file}: one line per object`);
        body.forEach((line, i) => assert.deepEqual(JSON.parse(line.replace(/,$/, '')), parsed.value[i]));
        for (const item of parsed.value) assert.equal(typeof item.id, 'string', `${file}: every object has an id`);
      }
      const meta = JSON.parse(fs.readFileSync(path.join(dir, FILES.snapshot), 'utf8'));
      assert.equal(meta.capturedDateTime, DEMO_CAPTURED_AT);
      assert.equal(typeof meta.tenantId, 'string');
    });

    it('When the demo is written, then no date-time lies after the capture instant except credential end dates', () => {
      const captured = Date.parse(DEMO_CAPTURED_AT);
      const late: string[] = [];
      const visit = (value: unknown, key: string, file: string) => {
        if (typeof value === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(value)) {
          if (Date.parse(value) > captured && key !== 'endDateTime') late.push(`${file} ${key}=${value}`);
        } else if (Array.isArray(value)) value.forEach((v) => visit(v, key, file));
        else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) visit(v, k, file);
      };
      for (const [key, items] of Object.entries(snapshot)) visit(items, key, key);
      assert.deepEqual(late, []);
    });
  });

  describe('sizes', () => {
    it('When the default demo is generated, then the collections have the sizes of the demo tenant', () => {
      assert.equal(counts.users, 250);
      assert.equal(snapshot.users.length, 250);
      assert.equal(snapshot.groups.length, 40);
      assert.equal(snapshot.applications.length, 30);
      assert.equal(snapshot.policies.length, 10);
      assert.equal(snapshot.signIns.length, 5000);
      assert.equal(snapshot.directoryAudits.length, 500);
      assert.equal(snapshot.organization.length, 1);
      assert.equal(snapshot.userRegistrationDetails.length, snapshot.users.length);
      assert.ok(snapshot.riskyUsers.length >= 5);
      assert.ok(snapshot.riskDetections.length >= snapshot.riskyUsers.length);
      assert.ok(snapshot.riskyServicePrincipals.length >= 1 && snapshot.servicePrincipalRiskDetections.length >= 1);
    });

    it('When a bigger tenant is asked for, then the counts follow the options', async () => {
      const big = tempDir('sized');
      try {
        const result = await generateTenant({ outDir: big, users: 1200, signIns: 9000, audits: 700 });
        assert.equal(result.counts.users, 1200);
        assert.equal(result.counts.signIns, 9000);
        assert.ok(result.counts.directoryAudits >= 700);
      } finally {
        fs.rmSync(big, { recursive: true, force: true });
      }
    });
  });

  describe('directory', () => {
    it('When users are listed, then members, guests, disabled, synced and cloud-only accounts are all there', () => {
      const users = snapshot.users;
      const guests = users.filter((u) => u.userType === 'Guest');
      assert.ok(guests.length >= 5);
      for (const guest of guests) {
        assert.match(guest.userPrincipalName, /#EXT#@contoso\.onmicrosoft\.com$/);
        assert.ok(!guest.mail.endsWith('@contoso.com'), `${guest.mail} is at the home domain`);
        assert.equal(guest.creationType, 'Invitation');
      }
      assert.ok(users.some((u) => u.accountEnabled === false));
      const synced = users.filter((u) => u.onPremisesSyncEnabled === true);
      assert.ok(synced.length > 20 && synced.every((u) => typeof u.onPremisesImmutableId === 'string' && u.onPremisesSamAccountName));
      assert.ok(users.some((u) => u.userType === 'Member' && u.onPremisesSyncEnabled === null));
      assert.ok(users.some((u) => u.surname === "O'Brien"));
      assert.ok(users.every((u) => u.createdDateTime && u.lastPasswordChangeDateTime));
      assert.ok(users.filter((u) => u.signInActivity).length > 200);
    });

    it('When the demo staff are looked up, then they exist with the roles their constants name', () => {
      const expect = [
        [DEMO_ADMIN.id, [ROLE_IDS.globalAdministrator]],
        [DEMO_READER.id, [ROLE_IDS.globalReader]],
        [DEMO_SECURITY_ADMIN.id, [ROLE_IDS.securityAdministrator]],
        [DEMO_SECURITY_READER.id, [ROLE_IDS.securityReader]],
        [DEMO_MEMBER.id, []],
      ] as const;
      for (const [id, roles] of expect) {
        assert.ok(index.usersById.has(id), id);
        assert.deepEqual([...index.rolesOf(id)].sort(), [...roles].sort(), id);
      }
      assert.equal(index.usersById.get(DEMO_ADMIN.id)!.userPrincipalName, DEMO_ADMIN.userPrincipalName);
    });

    it('When references are followed, then every member, owner, manager and role principal exists', () => {
      const ids = new Set([...snapshot.users, ...snapshot.groups, ...snapshot.servicePrincipals].map((o) => o.id));
      const typeOf = new Map<string, string>([
        ...snapshot.users.map((u) => [u.id, '#microsoft.graph.user'] as [string, string]),
        ...snapshot.groups.map((g) => [g.id, '#microsoft.graph.group'] as [string, string]),
        ...snapshot.servicePrincipals.map((s) => [s.id, '#microsoft.graph.servicePrincipal'] as [string, string]),
      ]);
      for (const group of snapshot.groups) {
        for (const ref of [...group.members, ...group.owners]) assert.equal(typeOf.get(ref.id), ref['@odata.type'], `${group.displayName} → ${ref.id}`);
      }
      for (const owner of [...snapshot.applications, ...snapshot.servicePrincipals].flatMap((a) => a.owners)) assert.ok(ids.has(owner.id));
      for (const user of snapshot.users) if (user.manager) assert.ok(index.usersById.has(user.manager.id), `manager of ${user.displayName}`);
      const roleIds = new Set(snapshot.roleDefinitions.map((r) => r.id));
      for (const assignment of snapshot.roleAssignments) {
        assert.ok(ids.has(assignment.principalId));
        assert.ok(roleIds.has(assignment.roleDefinitionId));
        assert.equal(assignment.directoryScopeId, '/');
      }
      for (const risky of [...snapshot.riskyUsers, ...snapshot.riskDetections]) assert.ok(index.usersById.has(risky.id.length === 36 ? risky.id : risky.userId));
      for (const sp of [...snapshot.riskyServicePrincipals]) assert.ok(ids.has(sp.id));
      for (const d of snapshot.servicePrincipalRiskDetections) assert.ok(ids.has(d.servicePrincipalId));
      for (const s of snapshot.signIns) {
        if (s.signInEventTypes[0] === 'servicePrincipal') assert.ok(ids.has(s.servicePrincipalId));
        else assert.ok(index.usersById.has(s.userId), s.userId);
      }
      for (const row of snapshot.userRegistrationDetails) assert.ok(index.usersById.has(row.id));
    });

    it('When groups are listed, then nested, dynamic, Microsoft 365 and role-assignable groups behave as Graph describes', () => {
      const groups = snapshot.groups;
      assert.ok(groups.some((g) => g.members.some((m: Json) => m['@odata.type'] === '#microsoft.graph.group')));
      assert.ok(groups.some((g) => g.groupTypes.includes('Unified') && g.mailEnabled && g.mail));
      const roleAssignable = groups.filter((g) => g.isAssignableToRole === true);
      assert.ok(roleAssignable.length >= 1);
      assert.ok(snapshot.roleAssignments.some((a) => roleAssignable.some((g) => g.id === a.principalId)));
      const dynamic = groups.filter((g) => g.groupTypes.includes('DynamicMembership'));
      assert.ok(dynamic.length >= 3);
      for (const group of dynamic) {
        const memberIds = new Set(group.members.map((m: Json) => m.id));
        for (const user of snapshot.users) assert.equal(memberIds.has(user.id), dynamicRuleMatches(group.membershipRule, user), `${group.displayName} / ${user.displayName}`);
      }
      for (const name of ['Finance', 'Sales Team', 'Project Falcon']) assert.ok(groups.some((g) => g.displayName === name), name);
    });

    it('When applications are listed, then each has its service principal and credentials both expiring this month and expired exist', () => {
      const spByAppId = new Map(snapshot.servicePrincipals.map((s) => [s.appId, s]));
      for (const app of snapshot.applications) assert.ok(spByAppId.has(app.appId), app.displayName);
      const captured = Date.parse(DEMO_CAPTURED_AT);
      const monthEnd = Date.UTC(2026, 11, 1);
      const ends = snapshot.applications.flatMap((a) => [...a.passwordCredentials, ...a.keyCredentials]).map((c) => Date.parse(c.endDateTime));
      assert.ok(ends.some((t) => t > captured && t < monthEnd), 'some expire this month');
      assert.ok(ends.some((t) => t < captured), 'some expired');
      assert.ok(snapshot.applications.some((a) => a.keyCredentials.length > 0) && snapshot.applications.some((a) => a.passwordCredentials.length > 0));
    });

    it('When the built-in roles are listed, then their ids are the real template ids', () => {
      const byName = new Map(snapshot.roleDefinitions.map((r) => [r.displayName, r]));
      assert.equal(byName.get('Global Administrator')?.id, ROLE_IDS.globalAdministrator);
      assert.equal(byName.get('Global Reader')?.id, ROLE_IDS.globalReader);
      assert.equal(byName.get('Security Administrator')?.id, ROLE_IDS.securityAdministrator);
      assert.equal(byName.get('Security Reader')?.id, ROLE_IDS.securityReader);
      for (const role of snapshot.roleDefinitions) assert.equal(role.templateId, role.id);
    });

    it('When Conditional Access is read, then policies of every state and the named locations exist', () => {
      const states = new Set(snapshot.policies.map((p) => p.state));
      assert.deepEqual([...states].sort(), ['disabled', 'enabled', 'enabledForReportingButNotEnforced']);
      const breakGlass = [CAST.breakGlass1.id, CAST.breakGlass2.id];
      for (const policy of snapshot.policies) for (const id of breakGlass) assert.ok(policy.conditions.users.excludeUsers.includes(id));
      assert.ok(snapshot.namedLocations.some((l) => l['@odata.type'] === '#microsoft.graph.countryNamedLocation' && l.countriesAndRegions.length > 0));
      assert.ok(snapshot.namedLocations.some((l) => l['@odata.type'] === '#microsoft.graph.ipNamedLocation' && l.isTrusted));
      for (const name of ['Require MFA for all users', 'Block legacy authentication']) assert.ok(snapshot.policies.some((p) => p.displayName === name));
    });
  });

  describe('sign-ins', () => {
    it('When sign-ins are listed, then all three kinds appear with the beta fields, newest first', () => {
      const kinds = new Set(snapshot.signIns.map((s) => s.signInEventTypes[0]));
      assert.deepEqual([...kinds].sort(), ['interactiveUser', 'nonInteractiveUser', 'servicePrincipal']);
      for (const s of snapshot.signIns) {
        assert.ok('authenticationRequirement' in s && 'authenticationDetails' in s && 'clientCredentialType' in s && 'userType' in s, s.id);
      }
      for (let i = 1; i < snapshot.signIns.length; i++) {
        assert.ok(snapshot.signIns[i - 1].createdDateTime >= snapshot.signIns[i].createdDateTime, `order at ${i}`);
      }
      const oldest = Date.parse(snapshot.signIns[snapshot.signIns.length - 1].createdDateTime);
      assert.ok(Date.parse(DEMO_CAPTURED_AT) - oldest <= 30 * 86_400_000);
    });

    it('When sign-in user names are read, then they are lower-case and guests show their home address', () => {
      for (const s of snapshot.signIns) {
        if (!s.userPrincipalName) continue;
        assert.equal(s.userPrincipalName, s.userPrincipalName.toLowerCase());
        assert.ok(!s.userPrincipalName.includes('#ext#'), s.userPrincipalName);
      }
      assert.ok(snapshot.signIns.some((s) => s.userType === 'guest' && s.crossTenantAccessType === 'b2bCollaboration'));
    });

    it('When failures are counted, then the common error codes appear with their failure reasons', () => {
      const codes = new Set(snapshot.signIns.map((s) => s.status.errorCode));
      for (const code of [0, 50126, 50053, 50074, 50076, 50079, 53000, 53003, 50057, 7000222, 50105, 700016]) assert.ok(codes.has(code), String(code));
      for (const s of snapshot.signIns) {
        if (s.status.errorCode === 0) assert.equal(s.status.failureReason, null);
        else assert.ok(typeof s.status.failureReason === 'string' && s.status.failureReason.length > 10);
      }
      const legacy = new Set(snapshot.signIns.map((s) => s.clientAppUsed));
      assert.ok(legacy.has('IMAP4') && legacy.has('Browser') && legacy.has('Mobile Apps and Desktop clients'));
    });

    it('When a sample of sign-ins is re-evaluated against the policies, then the recorded results and codes agree', () => {
      const risky = new Set(snapshot.riskyUsers.map((r) => r.id));
      const userSignIns = snapshot.signIns.filter((s) => s.signInEventTypes[0] !== 'servicePrincipal' && !risky.has(s.userId));
      const sample = userSignIns.filter((_, i) => i % 7 === 0);
      assert.ok(sample.length > 300);
      let evaluated = 0;
      for (const signIn of sample) {
        const recorded = new Map<string, string>(signIn.appliedConditionalAccessPolicies.map((p: Json) => [p.id, p.result]));
        assert.equal(recorded.size, snapshot.policies.length, signIn.id);
        const preCaFailure = [...recorded.values()].every((r) => ['notApplied', 'notEnabled', 'reportOnlyNotApplied'].includes(r));
        if (preCaFailure && signIn.status.errorCode !== 0) continue;
        const outcomes = evaluatePolicies(snapshot.policies, index.factsOf(signIn));
        evaluated++;
        for (const outcome of outcomes) assert.equal(recorded.get(outcome.id), outcome.result, `${signIn.id} ${outcome.displayName}`);
        assert.equal(signIn.conditionalAccessStatus, conditionalAccessStatusOf(outcomes), signIn.id);
        const failed = outcomes.filter((o) => o.result === 'failure');
        const code = signIn.status.errorCode;
        if (failed.some((o) => o.unmetControls.includes('block'))) assert.equal(code, 53003, signIn.id);
        else if (failed.some((o) => o.unmetControls.includes('compliantDevice'))) assert.equal(code, 53000, signIn.id);
        else if (failed.length > 0) assert.ok([50074, 50076, 50079].includes(code), `${signIn.id} ${code}`);
        else assert.equal(code, 0, signIn.id);
      }
      assert.ok(evaluated > 200);
    });

    it('When a user signInActivity is read, then it matches the newest interactive sign-in in the log', () => {
      const newest = new Map<string, Json>();
      for (const s of snapshot.signIns) if (s.isInteractive && s.userId && !newest.has(s.userId)) newest.set(s.userId, s);
      assert.ok(newest.size > 100);
      for (const [userId, signIn] of newest) {
        const activity = index.usersById.get(userId)!.signInActivity;
        assert.equal(activity.lastSignInDateTime, signIn.createdDateTime, userId);
        assert.equal(activity.lastSignInRequestId, signIn.id, userId);
      }
    });
  });

  describe('audits and risk', () => {
    it('When audits are listed, then they carry initiators and targets with JSON-string values', () => {
      const activities = new Set(snapshot.directoryAudits.map((a) => a.activityDisplayName));
      for (const name of ['Add member to group', 'Update user', 'Disable account', 'Add member to role', 'Update conditional access policy', 'Update application – Certificates and secrets management']) {
        assert.ok(activities.has(name), name);
      }
      for (const audit of snapshot.directoryAudits) {
        assert.ok(audit.initiatedBy.user || audit.initiatedBy.app, audit.id);
        assert.ok(audit.targetResources.length > 0);
        for (const property of audit.targetResources.flatMap((t: Json) => t.modifiedProperties)) {
          for (const value of [property.oldValue, property.newValue]) if (value !== null) assert.doesNotThrow(() => JSON.parse(value), `${audit.activityDisplayName}: ${value}`);
        }
      }
    });

    it('When risk data is read, then detections carry additionalInfo as a JSON string and history explains the state', () => {
      for (const d of snapshot.riskDetections) assert.ok(Array.isArray(JSON.parse(d.additionalInfo)));
      for (const user of snapshot.riskyUsers) {
        assert.ok(user.history.length >= 1);
        const last = user.history[user.history.length - 1];
        assert.equal(last.riskState, user.riskState);
        assert.equal(last.riskLevel, user.riskLevel);
      }
      for (const row of snapshot.userRegistrationDetails) assert.equal(typeof row.isMfaRegistered, 'boolean');
      const plans = snapshot.organization[0].assignedPlans.map((p: Json) => p.servicePlanId);
      assert.ok(plans.includes('eec0eb4f-6444-4f95-aba0-50c24d67f998'), 'Entra ID P2');
    });
  });
});

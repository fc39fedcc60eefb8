import { TENANT_APPS } from './applications';
import { credentialKeyId, findCredential } from './applicationObjects';
import { CAPTURED_MS, HOUR, MINUTE, iso, onDay } from './clock';
import { POLICY_IDS, POLICY_NAMES } from './conditionalAccess';
import type { GroupSet } from './groups';
import type { Person } from './model';
import { homeAccess, officeAccess } from './networks';
import type { Directory } from './people';
import { streamFor, type Random } from './random';
import { ROLES } from './roles';
import { LOG_WINDOW_MS } from './backgroundSignIns';

/**
 * Directory audit entries: the storylines' changes (who added Bob to Finance, who disabled Lee Gu...) and
 * everyday administration. Old and new values are JSON strings, as in real logs.
 */

type Json = Record<string, unknown>;

interface Target {
  id: string;
  displayName: string | null;
  type: 'User' | 'Group' | 'Role' | 'Policy' | 'Application' | 'ServicePrincipal' | 'Directory' | 'Other';
  userPrincipalName?: string | null;
  groupType?: string | null;
  modifiedProperties?: Array<{ displayName: string; oldValue: string | null; newValue: string | null }>;
}

interface AuditSpec {
  time: number;
  activity: string;
  category: string;
  operationType: string;
  loggedByService?: string;
  by: Person | { app: { appId: string; displayName: string; servicePrincipalId: string } };
  targets: Target[];
  resultReason?: string;
}

const quote = (value: string) => JSON.stringify(value);
const list = (...values: Array<string | boolean>) => JSON.stringify(values);

export function userTarget(person: Person, modifiedProperties: Target['modifiedProperties'] = []): Target {
  return { id: person.id, displayName: null, type: 'User', userPrincipalName: person.userPrincipalName, modifiedProperties };
}

function groupTarget(group: { id: string; displayName: string; kind: string }, modifiedProperties: Target['modifiedProperties'] = []): Target {
  return { id: group.id, displayName: group.displayName, type: 'Group', groupType: group.kind === 'unified' ? 'unifiedGroups' : 'azureAD', modifiedProperties };
}

function auditObject(spec: AuditSpec, random: Random): Json {
  const correlationId = random.guid();
  const letters = Array.from({ length: 5 }, () => String.fromCharCode(65 + random.int(0, 25))).join('');
  const initiatedBy =
    'app' in spec.by
      ? { user: null, app: { ...spec.by.app, servicePrincipalName: null } }
      : {
          user: {
            id: spec.by.id,
            displayName: null,
            userPrincipalName: spec.by.userPrincipalName,
            ipAddress: (spec.by.office ? officeAccess(spec.by) : homeAccess(spec.by)).ipAddress,
            userType: spec.by.userType,
          },
          app: null,
        };
  return {
    id: `Directory_${correlationId}_${letters}_${random.int(10_000_000, 99_999_999)}`,
    category: spec.category,
    correlationId,
    result: 'success',
    resultReason: spec.resultReason ?? '',
    activityDisplayName: spec.activity,
    activityDateTime: iso(spec.time),
    loggedByService: spec.loggedByService ?? 'Core Directory',
    operationType: spec.operationType,
    initiatedBy,
    targetResources: spec.targets.map((t) => ({
      id: t.id,
      displayName: t.displayName,
      type: t.type,
      userPrincipalName: t.userPrincipalName ?? null,
      groupType: t.groupType ?? null,
      modifiedProperties: t.modifiedProperties ?? [],
    })),
    additionalDetails: [{ key: 'User-Agent', value: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0' }],
  };
}

function addMemberToGroup(time: number, by: Person, person: Person, group: { id: string; displayName: string; kind: string }): AuditSpec {
  return {
    time,
    activity: 'Add member to group',
    category: 'GroupManagement',
    operationType: 'Assign',
    by,
    targets: [
      userTarget(person, [
        { displayName: 'Group.ObjectID', oldValue: null, newValue: quote(group.id) },
        { displayName: 'Group.DisplayName', oldValue: null, newValue: quote(group.displayName) },
      ]),
      groupTarget(group),
    ],
  };
}

/** The audit entries the storylines rely on. */
function storyAudits(directory: Directory, groups: GroupSet): AuditSpec[] {
  const { cast } = directory;
  const finance = groups.byName.get('Finance')!;
  const falcon = groups.byName.get('Project Falcon')!;
  const payroll = findCredential('payroll-new-secret');
  const keyId = credentialKeyId(payroll.app, payroll.credential);
  const ga = ROLES.globalAdministrator;
  return [
    addMemberToGroup(onDay(-12, 14, 8), cast.pradeep, cast.bob, finance),
    {
      time: onDay(-1, 16, 20),
      activity: 'Disable account',
      category: 'UserManagement',
      operationType: 'Update',
      by: cast.pradeep,
      targets: [userTarget(cast.lee, [
        { displayName: 'AccountEnabled', oldValue: list(true), newValue: list(false) },
        { displayName: 'Included Updated Properties', oldValue: null, newValue: quote('AccountEnabled') },
      ])],
    },
    {
      time: onDay(-1, 16, 20) + 2000,
      activity: 'Update user',
      category: 'UserManagement',
      operationType: 'Update',
      by: cast.pradeep,
      targets: [userTarget(cast.lee, [
        { displayName: 'AccountEnabled', oldValue: list(true), newValue: list(false) },
        { displayName: 'Included Updated Properties', oldValue: null, newValue: quote('AccountEnabled') },
      ])],
    },
    {
      time: onDay(-2, 15, 10),
      activity: 'Add member to role',
      category: 'RoleManagement',
      operationType: 'Assign',
      by: cast.pradeep,
      targets: [
        { id: ga.id, displayName: ga.displayName, type: 'Role' },
        userTarget(cast.isaiah, [
          { displayName: 'Role.ObjectID', oldValue: null, newValue: quote(ga.id) },
          { displayName: 'Role.DisplayName', oldValue: null, newValue: quote(ga.displayName) },
          { displayName: 'Role.TemplateId', oldValue: null, newValue: quote(ga.id) },
          { displayName: 'Role.WellKnownObjectName', oldValue: null, newValue: quote('TenantAdmins') },
        ]),
      ],
    },
    {
      time: onDay(-4, 11, 20),
      activity: 'Remove owner from group',
      category: 'GroupManagement',
      operationType: 'Unassign',
      by: cast.debra,
      targets: [
        userTarget(cast.lynne, [
          { displayName: 'Group.ObjectID', oldValue: quote(falcon.id), newValue: null },
          { displayName: 'Group.DisplayName', oldValue: quote(falcon.displayName), newValue: null },
        ]),
        groupTarget(falcon),
      ],
    },
    {
      time: onDay(-2, 9, 14),
      activity: 'Update application – Certificates and secrets management',
      category: 'ApplicationManagement',
      operationType: 'Update',
      by: cast.miriam,
      targets: [{
        id: payroll.app.applicationObjectId,
        displayName: payroll.app.displayName,
        type: 'Application',
        modifiedProperties: [
          {
            displayName: 'KeyDescription',
            oldValue: JSON.stringify([`[KeyIdentifier=${credentialKeyId(payroll.app, payroll.app.credentials[0])},KeyType=Password,KeyUsage=Verify,DisplayName=${payroll.app.credentials[0].displayName}]`]),
            newValue: JSON.stringify([
              `[KeyIdentifier=${credentialKeyId(payroll.app, payroll.app.credentials[0])},KeyType=Password,KeyUsage=Verify,DisplayName=${payroll.app.credentials[0].displayName}]`,
              `[KeyIdentifier=${keyId},KeyType=Password,KeyUsage=Verify,DisplayName=${payroll.credential.displayName}]`,
            ]),
          },
          { displayName: 'Included Updated Properties', oldValue: null, newValue: quote('KeyDescription') },
        ],
      }],
    },
    {
      time: cast.nestor.createdMs,
      activity: 'Invite external user',
      category: 'UserManagement',
      operationType: 'Add',
      loggedByService: 'Invited Users',
      by: cast.conor,
      targets: [userTarget(cast.nestor, [{ displayName: 'Email', oldValue: null, newValue: quote('nestor.wilke@fabrikam.com') }])],
    },
    policyUpdate(onDay(-6, 10, 5), cast.raul, 'mfaAllUsers', 'Exclude trusted locations'),
    policyUpdate(onDay(-14, 10, 5), cast.raul, 'azureManagement', 'Policy switched off after a false positive'),
    policyUpdate(onDay(-21, 10, 5), cast.securityAdmin, 'signInFrequency', 'Report-only trial'),
    { ...policyUpdate(onDay(-30, 15, 20) + 2 * HOUR, cast.securityAdmin, 'highRiskUsers', 'New policy'), activity: 'Add conditional access policy', operationType: 'Add' },
  ];
}

function policyUpdate(time: number, by: Person, key: keyof typeof POLICY_IDS, note: string): AuditSpec {
  return {
    time,
    activity: 'Update conditional access policy',
    category: 'Policy',
    operationType: 'Update',
    loggedByService: 'Conditional Access',
    by,
    resultReason: note,
    targets: [{
      id: POLICY_IDS[key],
      displayName: POLICY_NAMES[key],
      type: 'Policy',
      modifiedProperties: [{ displayName: 'ConditionalAccessPolicy', oldValue: quote(`{"displayName":"${POLICY_NAMES[key]}"}`), newValue: quote(`{"displayName":"${POLICY_NAMES[key]}","note":"${note}"}`) }],
    }],
  };
}

/** Everyday administration: profile updates, group changes, password resets, method registrations. */
function backgroundAudit(random: Random, directory: Directory, groups: GroupSet, time: number): AuditSpec {
  const { cast, people } = directory;
  const members = people.filter((p) => p.userType === 'Member' && p.accountEnabled);
  const person = random.pick(members);
  const admins = [cast.admin, cast.pradeep, cast.christie, cast.enrico];
  const kind = random.weighted<string>([
    ['updateUser', 30], ['addMember', 15], ['resetPassword', 10], ['selfServicePassword', 10], ['registeredSecurityInfo', 10],
    ['appRoleAssignment', 8], ['updateGroup', 5], ['updateServicePrincipal', 4], ['consent', 3],
  ]);
  switch (kind) {
    case 'updateUser': {
      const [property, oldValue, newValue] = random.pick<[string, string, string]>([
        ['JobTitle', person.jobTitle ?? 'Analyst', person.jobTitle ?? 'Senior Analyst'],
        ['MobilePhone', '+1 206 555 0100', '+1 206 555 0199'],
        ['OfficeLocation', 'Redmond HQ', 'Redmond HQ'],
        ['UsageLocation', 'US', 'US'],
      ]);
      return {
        time, activity: 'Update user', category: 'UserManagement', operationType: 'Update', by: random.pick([cast.pradeep, cast.admin]),
        targets: [userTarget(person, [
          { displayName: property, oldValue: list(oldValue), newValue: list(newValue) },
          { displayName: 'Included Updated Properties', oldValue: null, newValue: quote(property) },
        ])],
      };
    }
    case 'addMember': {
      const candidates = groups.plans.filter((g) => g.kind !== 'dynamicSecurity' && g.memberUserIds.length > 0 && g.displayName !== 'Finance');
      const group = random.pick(candidates);
      const member = directory.byId.get(random.pick(group.memberUserIds))!;
      return addMemberToGroup(time, random.pick([cast.pradeep, cast.debra, cast.admin]), member, group);
    }
    case 'resetPassword':
      return { time, activity: 'Reset user password', category: 'UserManagement', operationType: 'Update', by: random.pick(admins), targets: [userTarget(person)] };
    case 'selfServicePassword':
      return { time, activity: 'Change password (self-service)', category: 'UserManagement', operationType: 'Update', loggedByService: 'Self-service Password Management', by: person, targets: [userTarget(person)] };
    case 'registeredSecurityInfo':
      return { time, activity: 'User registered security info', category: 'UserManagement', operationType: 'Add', loggedByService: 'Authentication Methods', by: person, resultReason: 'User registered Authenticator App with Notification and Code', targets: [userTarget(person)] };
    case 'appRoleAssignment': {
      const app = random.pick(TENANT_APPS.filter((a) => !a.daemon));
      return {
        time, activity: 'Add app role assignment grant to user', category: 'ApplicationManagement', operationType: 'Assign', by: random.pick([cast.miriam, cast.admin]),
        targets: [
          { id: app.servicePrincipalId, displayName: app.displayName, type: 'ServicePrincipal', modifiedProperties: [{ displayName: 'AppRole.Value', oldValue: null, newValue: quote('User') }] },
          userTarget(person),
        ],
      };
    }
    case 'updateGroup': {
      const group = random.pick(groups.plans);
      return { time, activity: 'Update group', category: 'GroupManagement', operationType: 'Update', by: random.pick([cast.debra, cast.admin]), targets: [groupTarget(group, [{ displayName: 'Description', oldValue: list(''), newValue: list(group.description) }])] };
    }
    case 'updateServicePrincipal': {
      const app = random.pick(TENANT_APPS);
      return { time, activity: 'Update service principal', category: 'ApplicationManagement', operationType: 'Update', by: cast.miriam, targets: [{ id: app.servicePrincipalId, displayName: app.displayName, type: 'ServicePrincipal', modifiedProperties: [{ displayName: 'AppRoleAssignmentRequired', oldValue: list(app.assignmentRequired), newValue: list(app.assignmentRequired) }] }] };
    }
    default: {
      const app = random.pick(TENANT_APPS);
      return { time, activity: 'Consent to application', category: 'ApplicationManagement', operationType: 'Assign', by: cast.admin, targets: [{ id: app.servicePrincipalId, displayName: app.displayName, type: 'ServicePrincipal', modifiedProperties: [{ displayName: 'ConsentAction.Permissions', oldValue: null, newValue: quote('Scope: User.Read') }] }] };
    }
  }
}

/** All directory audits, newest first. */
export function directoryAudits(seed: number, total: number, directory: Directory, groups: GroupSet): Json[] {
  const specs = storyAudits(directory, groups);
  // People created inside the log window were added (members) or invited (guests) then.
  for (const person of directory.people) {
    if (person.named || CAPTURED_MS - person.createdMs > LOG_WINDOW_MS) continue;
    specs.push(
      person.userType === 'Guest'
        ? { time: person.createdMs, activity: 'Invite external user', category: 'UserManagement', operationType: 'Add', loggedByService: 'Invited Users', by: directory.cast.conor, targets: [userTarget(person)] }
        : { time: person.createdMs, activity: 'Add user', category: 'UserManagement', operationType: 'Add', by: directory.cast.pradeep, targets: [userTarget(person)] },
    );
  }
  const background = Math.max(0, total - specs.length);
  for (let i = 0; i < background; i++) {
    const random = streamFor(seed, 'audit', i);
    const time = CAPTURED_MS - random.next() * (LOG_WINDOW_MS - HOUR) - MINUTE;
    specs.push(backgroundAudit(random, directory, groups, time));
  }
  specs.sort((a, b) => b.time - a.time);
  const random = streamFor(seed, 'audit-ids');
  return specs.map((spec) => auditObject(spec, random));
}

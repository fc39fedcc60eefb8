/**
 * Every collection a plan can read, described once: where Graph serves it, which permission it needs, which
 * query options Graph runs for it (each collection's List page on Microsoft Learn and
 * https://learn.microsoft.com/en-us/graph/aad-advanced-queries; the same rules the local Entra enforces), and its fields:
 * the Graph property behind each, which filter operators Graph runs on it (without and with advanced query
 * parameters), and how its value reads in a table. The compiler pushes down what Graph runs and does the rest
 * itself; nothing else in the bot knows these rules.
 */
import { BUILT_IN_ROLES, type PermissionKey, type RoleName } from '../graph/permissions';
import { ROLE_DISPLAY_NAMES } from '../graph/askerAccess';
import { PRIVILEGED_ROLES } from '../graph/privilegedRoles';
import { jsonText } from '../jsonText';
import type { FilterOp, PlanAnchor, PlanResource } from './plan';
import { countryName } from './vocabulary';

export type FieldType = 'string' | 'boolean' | 'date' | 'number' | 'guid' | 'strings';

export interface FieldSpec {
  /** The plan's name for the field. */
  name: string;
  /** Column title and restatement word. */
  label: string;
  /** The Graph property path (`location/countryOrRegion`); `$count` paths for relationship counts. */
  path: string;
  type: FieldType;
  /** Operators Graph runs on this field by default; others are done on the client. */
  graph?: readonly FilterOp[];
  /** Operators Graph runs only with advanced query parameters (ConsistencyLevel: eventual and $count=true). */
  advanced?: readonly FilterOp[];
  /** A lambda over a collection property: how one element is tested (`t: t eq 'x'`, `c: c/displayName eq 'x'`). */
  lambda?: { collection: string; member?: string };
  /** The top-level property to `$select` for the field's value (default: the first segment of the path). */
  select?: string;
  /** Reads the value from an item when the path alone does not (derived fields). */
  read?: (item: Record<string, unknown>) => unknown;
  /** Turns a value into words for a table cell or a restatement. */
  format?: (value: unknown) => string;
  /** Permission needed to read this field beyond the resource's own. */
  permission?: PermissionKey;
  /** What an empty value means in a table ("never" for a last sign-in). */
  emptyText?: string;
  /** A table cell that says more than the value ("failure (50126)" for a sign-in's result). */
  cell?: (item: Record<string, unknown>) => string;
  /** A navigation property the read expands for this field (`owners`), only when the field is used. */
  expand?: string;
}

export interface ResourceSpec {
  name: PlanResource;
  noun: { one: string; many: string };
  version: 'v1.0' | 'beta';
  /** The collection's path; relationship resources need an anchor. */
  path(anchor?: PlanAnchor): string;
  /** The kinds of object a relationship resource starts from; absent: the resource takes no anchor. */
  anchors?: readonly PlanAnchor['type'][];
  permission: PermissionKey;
  /** The permission when it depends on the object the list starts from. */
  anchorPermission?: (anchor?: PlanAnchor) => PermissionKey;
  /** Fields whose value identifies an item (the key of rows). */
  key: string;
  /** Properties read with every row shown besides the columns (a sign-in's userId: "the one from Harper" follows it). */
  rowKeys?: readonly string[];
  /** The time field a plan's window applies to, and the direction the log is served in. */
  time?: { field: string; newestFirst: boolean; orderBy: boolean };
  /** Page size Graph allows at most, and whether $top is accepted at all. */
  maxTop: number;
  top: boolean;
  /** `$select` is honoured. */
  select: boolean;
  /** `$count=true` gives `@odata.count`: 'advanced' needs ConsistencyLevel: eventual; 'plain' does not. */
  count: 'advanced' | 'plain' | 'none';
  /** Directory objects: advanced query parameters exist for them. */
  directoryObject: boolean;
  /** The columns of a list when the filters add none. */
  columns: readonly string[];
  fields: readonly FieldSpec[];
  /** Extra query options every read carries (`$expand=principal` on role assignments). */
  expand?: string;
}

const EQ: FilterOp[] = ['eq'];
const EQ_IN: FilterOp[] = ['eq', 'in'];
const EQ_STARTS: FilterOp[] = ['eq', 'startsWith'];
const STRING: FilterOp[] = ['eq', 'in', 'startsWith'];
const RANGE: FilterOp[] = ['eq', 'ge', 'le'];
const ADVANCED_STRING: FilterOp[] = ['eq', 'ne', 'in', 'startsWith', 'absent', 'present'];

const yesNo = (value: unknown) => (value === true ? 'yes' : value === false ? 'no' : '—');
const enabled = (value: unknown) => (value === false ? 'Disabled' : value === true ? 'Enabled' : '—');
const country = (value: unknown) => (typeof value === 'string' && value ? `${countryName(value)} (${value})` : '—');

function field(name: string, label: string, path: string, type: FieldType, rest: Partial<FieldSpec> = {}): FieldSpec {
  return { name, label, path, type, ...rest };
}

/** What most collections share: v1.0, keyed by id, pages of up to 999, $select honoured, no $count. */
const COLLECTION = { version: 'v1.0' as const, key: 'id', maxTop: 999, top: true, select: true, count: 'none' as const, directoryObject: false };

const directoryPaging = { maxTop: 999, top: true, select: true, count: 'advanced' as const, directoryObject: true };

const users: ResourceSpec = {
  name: 'users',
  ...COLLECTION,
  noun: { one: 'user', many: 'users' },
  path: () => '/users',
  permission: 'users.read',
  ...directoryPaging,
  columns: ['displayName', 'userPrincipalName'],
  fields: [
    field('id', 'Id', 'id', 'guid', { graph: EQ_IN }),
    field('displayName', 'Name', 'displayName', 'string', { graph: STRING, advanced: ['ne', 'absent', 'present'] }),
    field('userPrincipalName', 'Sign-in name', 'userPrincipalName', 'string', { graph: [...STRING, 'ge', 'le'], advanced: ['ne'] }),
    field('mail', 'Mail', 'mail', 'string', { graph: STRING }),
    // "guests by home domain": where a person's address lives (a guest's own domain, from the #EXT# sign-in name).
    field('homeDomain', 'Home domain', 'mail', 'string', { select: 'mail,userPrincipalName', read: homeDomainOf }),
    field('accountEnabled', 'Account', 'accountEnabled', 'boolean', { graph: EQ_IN, advanced: ['ne'], format: enabled }),
    field('userType', 'Type', 'userType', 'string', { graph: EQ_IN, advanced: ['ne', 'absent'] }),
    field('createdDateTime', 'Created', 'createdDateTime', 'date', { graph: RANGE, advanced: ['ne', 'in'] }),
    field('lastSignIn', 'Last sign-in', 'signInActivity/lastSignInDateTime', 'date', { graph: RANGE, select: 'signInActivity', permission: 'users.signInActivity', emptyText: 'never' }),
    field('lastSuccessfulSignIn', 'Last successful sign-in', 'signInActivity/lastSuccessfulSignInDateTime', 'date', { graph: RANGE, select: 'signInActivity', permission: 'users.signInActivity', emptyText: 'never' }),
    field('lastNonInteractiveSignIn', 'Last non-interactive sign-in', 'signInActivity/lastNonInteractiveSignInDateTime', 'date', { select: 'signInActivity', permission: 'users.signInActivity', emptyText: 'never' }),
    field('department', 'Department', 'department', 'string', { graph: STRING }),
    field('jobTitle', 'Job title', 'jobTitle', 'string', { graph: STRING }),
    field('country', 'Country', 'country', 'string', { graph: STRING }),
    field('city', 'City', 'city', 'string', { graph: STRING }),
    field('officeLocation', 'Office', 'officeLocation', 'string', { advanced: ADVANCED_STRING }),
    field('companyName', 'Company', 'companyName', 'string', { advanced: ADVANCED_STRING }),
    field('onPremisesSyncEnabled', 'Synced from AD', 'onPremisesSyncEnabled', 'boolean', { graph: EQ_IN, format: yesNo }),
    // Graph's user docs give these eq and in only (no startsWith).
    field('externalUserState', 'Invitation', 'externalUserState', 'string', { graph: EQ_IN }),
    field('creationType', 'Created as', 'creationType', 'string', { graph: EQ_IN }),
  ],
};

const registrationDetails: ResourceSpec = {
  name: 'registrationDetails',
  ...COLLECTION,
  noun: { one: 'user', many: 'users' },
  path: () => '/reports/authenticationMethods/userRegistrationDetails',
  permission: 'userRegistrationDetails.read',
  // Only $filter and $orderby are documented for the registration report
  // (https://learn.microsoft.com/en-us/graph/api/authenticationmethodsroot-list-userregistrationdetails).
  select: false,
  columns: ['userDisplayName', 'userPrincipalName', 'methodsRegistered'],
  fields: [
    // The user's object id: "do both have MFA registered?" asks of two people by id.
    field('id', 'Id', 'id', 'guid', { graph: EQ }),
    field('userDisplayName', 'Name', 'userDisplayName', 'string', { graph: EQ_STARTS }),
    field('userPrincipalName', 'Sign-in name', 'userPrincipalName', 'string', { graph: EQ_STARTS }),
    field('isMfaRegistered', 'MFA registered', 'isMfaRegistered', 'boolean', { graph: EQ, format: yesNo }),
    field('isMfaCapable', 'MFA capable', 'isMfaCapable', 'boolean', { graph: EQ, format: yesNo }),
    field('isSsprRegistered', 'SSPR registered', 'isSsprRegistered', 'boolean', { graph: EQ, format: yesNo }),
    field('isAdmin', 'Admin', 'isAdmin', 'boolean', { graph: EQ, format: yesNo }),
    field('userType', 'Type', 'userType', 'string', { graph: EQ }),
    field('methodsRegistered', 'Methods', 'methodsRegistered', 'strings', { format: (v) => (Array.isArray(v) && v.length ? v.join(', ') : 'none') }),
  ],
};

const groups: ResourceSpec = {
  name: 'groups',
  ...COLLECTION,
  noun: { one: 'group', many: 'groups' },
  path: () => '/groups',
  permission: 'groups.read',
  ...directoryPaging,
  columns: ['displayName', 'kind'],
  fields: [
    field('id', 'Id', 'id', 'guid', { graph: EQ_IN }),
    field('displayName', 'Name', 'displayName', 'string', { graph: STRING }),
    field('mail', 'Mail', 'mail', 'string', { graph: STRING }),
    field('securityEnabled', 'Security', 'securityEnabled', 'boolean', { graph: EQ_IN, format: yesNo }),
    field('mailEnabled', 'Mail-enabled', 'mailEnabled', 'boolean', { graph: EQ_IN, format: yesNo }),
    field('isAssignableToRole', 'Role-assignable', 'isAssignableToRole', 'boolean', { graph: EQ_IN, format: yesNo }),
    field('groupTypes', 'Group types', 'groupTypes', 'strings', { graph: ['contains'], lambda: { collection: 'groupTypes' } }),
    // Owners and members can be counted inside a filter with advanced parameters (/$count eq 0 …).
    field('ownerCount', 'Owners', 'owners/$count', 'number', { advanced: ['eq', 'ne'], select: 'id' }),
    field('kind', 'Kind', 'groupTypes', 'strings', {
      select: 'groupTypes',
      read: (item) => groupKind(item),
    }),
    field('description', 'Description', 'description', 'string', { advanced: ADVANCED_STRING }),
  ],
};

function groupKind(item: Record<string, unknown>): string {
  const types = (item.groupTypes as string[] | undefined) ?? [];
  const kind = types.includes('Unified') ? 'Microsoft 365' : item.securityEnabled === false ? 'Distribution' : 'Security';
  const extras = [types.includes('DynamicMembership') ? 'dynamic' : '', item.isAssignableToRole ? 'role-assignable' : ''].filter(Boolean);
  return extras.length ? `${kind} (${extras.join(', ')})` : kind;
}

const memberColumns = ['displayName', 'userPrincipalName', 'objectType'];
const objectType = (item: Record<string, unknown>) => jsonText(item['@odata.type']).replace('#microsoft.graph.', '') || 'object';
const memberFields: FieldSpec[] = [
  field('id', 'Id', 'id', 'guid', { graph: EQ_IN }),
  field('displayName', 'Name', 'displayName', 'string', { advanced: ['eq', 'startsWith'] }),
  field('userPrincipalName', 'Sign-in name', 'userPrincipalName', 'string'),
  field('objectType', 'Type', '@odata.type', 'string', { select: 'id', read: objectType }),
  field('userType', 'User type', 'userType', 'string'),
  field('accountEnabled', 'Account', 'accountEnabled', 'boolean', { format: enabled }),
];

const groupMembers: ResourceSpec = {
  name: 'groupMembers',
  ...COLLECTION,
  noun: { one: 'member', many: 'members' },
  path: (anchor) => `/groups/${anchorId(anchor, 'group')}/${anchor?.transitive ? 'transitiveMembers' : 'members'}`,
  anchors: ['group'],
  permission: 'groups.read',
  ...directoryPaging,
  columns: memberColumns,
  fields: memberFields,
};

const groupOwners: ResourceSpec = {
  ...groupMembers,
  name: 'groupOwners',
  noun: { one: 'owner', many: 'owners' },
  path: (anchor) => `/groups/${anchorId(anchor, 'group')}/owners`,
};

const memberOf: ResourceSpec = {
  name: 'memberOf',
  ...COLLECTION,
  anchors: ['user', 'servicePrincipal'],
  noun: { one: 'group', many: 'groups' },
  path: (anchor) => {
    const base = anchor?.type === 'servicePrincipal' ? 'servicePrincipals' : 'users';
    const id = anchorId(anchor, anchor?.type === 'servicePrincipal' ? 'servicePrincipal' : 'user');
    // For users the cast keeps directory roles out ("what groups" means groups); a service principal's list is
    // read whole and its type shown, as its memberships are few.
    return `/${base}/${id}/${anchor?.transitive ? 'transitiveMemberOf' : 'memberOf'}${base === 'users' ? '/microsoft.graph.group' : ''}`;
  },
  permission: 'memberships.read',
  // A service principal's memberships need Application.Read.All in Graph, not the membership permissions.
  anchorPermission: (anchor) => (anchor?.type === 'servicePrincipal' ? 'applications.read' : 'memberships.read'),
  ...directoryPaging,
  columns: ['displayName', 'kind'],
  fields: [
    groups.fields[0],
    field('displayName', 'Name', 'displayName', 'string', { advanced: ['eq', 'startsWith'] }),
    field('kind', 'Kind', 'groupTypes', 'strings', {
      select: 'groupTypes',
      read: (item) => ((jsonText(item['@odata.type']) || '#microsoft.graph.group') === '#microsoft.graph.group' ? groupKind(item) : objectType(item)),
    }),
    ...groups.fields.filter((f) => f.name === 'securityEnabled' || f.name === 'isAssignableToRole'),
  ],
};

/** The groups a person owns: their owned objects cast to groups. */
const ownedGroups: ResourceSpec = {
  ...memberOf,
  name: 'ownedGroups',
  path: (anchor) => `/users/${anchorId(anchor, 'user')}/ownedObjects/microsoft.graph.group`,
  anchors: ['user'],
  permission: 'users.read',
  anchorPermission: undefined,
};

const credentialFields: FieldSpec[] = [
  field('passwordCredentials', 'Secrets', 'passwordCredentials', 'strings', { format: (v) => String(Array.isArray(v) ? v.length : 0) }),
  field('keyCredentials', 'Certificates', 'keyCredentials', 'strings', { format: (v) => String(Array.isArray(v) ? v.length : 0) }),
];

/** The app registrations a person owns. */
const ownedApps: ResourceSpec = {
  name: 'ownedApps',
  ...COLLECTION,
  noun: { one: 'app registration', many: 'app registrations' },
  path: (anchor) => `/users/${anchorId(anchor, 'user')}/ownedObjects/microsoft.graph.application`,
  anchors: ['user'],
  permission: 'users.read',
  ...directoryPaging,
  columns: ['displayName', 'appId'],
  // A row is known by its application id ("which of those have expired secrets?").
  rowKeys: ['appId'],
  fields: [
    field('id', 'Id', 'id', 'guid', { graph: EQ_IN }),
    field('appId', 'App id', 'appId', 'guid'),
    field('displayName', 'Name', 'displayName', 'string', { advanced: ['eq', 'startsWith'] }),
    // "of the apps Miriam owns, which have a secret expiring this month?": their credentials, as for every app.
    ...credentialFields,
  ],
};

/** The people who report to someone (their direct reports). */
const directReports: ResourceSpec = {
  name: 'directReports',
  ...COLLECTION,
  noun: { one: 'direct report', many: 'direct reports' },
  path: (anchor) => `/users/${anchorId(anchor, 'user')}/directReports`,
  anchors: ['user'],
  permission: 'users.read',
  ...directoryPaging,
  columns: ['displayName', 'userPrincipalName', 'jobTitle'],
  fields: [
    field('id', 'Id', 'id', 'guid', { graph: EQ_IN }),
    field('displayName', 'Name', 'displayName', 'string'),
    field('userPrincipalName', 'Sign-in name', 'userPrincipalName', 'string'),
    field('jobTitle', 'Job title', 'jobTitle', 'string'),
    field('department', 'Department', 'department', 'string'),
  ],
};

function anchorId(anchor: PlanAnchor | undefined, what: string): string {
  if (!anchor) throw new Error(`This list needs a ${what} to start from`);
  return encodeURIComponent(anchor.id);
}


const applications: ResourceSpec = {
  name: 'applications',
  ...COLLECTION,
  noun: { one: 'app registration', many: 'app registrations' },
  path: () => '/applications',
  permission: 'applications.read',
  ...directoryPaging,
  columns: ['displayName', 'appId', 'createdDateTime'],
  rowKeys: ['appId'],
  fields: [
    field('id', 'Id', 'id', 'guid', { graph: EQ_IN }),
    field('appId', 'App id', 'appId', 'guid', { graph: EQ_IN }),
    field('displayName', 'Name', 'displayName', 'string', { graph: STRING }),
    field('signInAudience', 'Audience', 'signInAudience', 'string', { graph: EQ_IN }),
    field('createdDateTime', 'Created', 'createdDateTime', 'date', { advanced: ['eq', 'ge', 'le', 'ne'] }),
    // "who owns them?" after a list of apps: each registration's owners, expanded in the same read.
    field('owners', 'Owners', 'owners', 'string', { select: 'id', expand: 'owners', read: ownerNames, emptyText: 'none' }),
    ...credentialFields,
  ],
};

/** A person's home domain: a guest's own (alex_fabrikam.com#EXT#@… → fabrikam.com), else the mail or sign-in domain. */
function homeDomainOf(item: Record<string, unknown>): string {
  const upn = typeof item.userPrincipalName === 'string' ? item.userPrincipalName : '';
  const guest = /_([^_#@]+\.[^_#@]+)#EXT#@/i.exec(upn);
  if (guest) return guest[1].toLowerCase();
  const address = typeof item.mail === 'string' && item.mail ? item.mail : upn;
  return address.includes('@') ? address.split('@')[1].toLowerCase() : '';
}

/** The owners an expanded read carries, by name. */
function ownerNames(item: Record<string, unknown>): string {
  const owners = Array.isArray(item.owners) ? (item.owners as Array<{ displayName?: string | null; userPrincipalName?: string | null; id?: string }>) : [];
  return owners.map((o) => o.displayName ?? o.userPrincipalName ?? o.id ?? '').filter(Boolean).join(', ');
}

const servicePrincipals: ResourceSpec = {
  name: 'servicePrincipals',
  ...COLLECTION,
  noun: { one: 'service principal', many: 'service principals' },
  path: () => '/servicePrincipals',
  permission: 'applications.read',
  ...directoryPaging,
  columns: ['displayName', 'servicePrincipalType', 'accountEnabled'],
  rowKeys: ['appId'],
  fields: [
    field('id', 'Id', 'id', 'guid', { graph: EQ_IN }),
    field('appId', 'App id', 'appId', 'guid', { graph: EQ_IN }),
    field('displayName', 'Name', 'displayName', 'string', { graph: STRING }),
    field('accountEnabled', 'Sign-in', 'accountEnabled', 'boolean', { graph: EQ_IN, format: enabled }),
    field('servicePrincipalType', 'Type', 'servicePrincipalType', 'string', { graph: EQ_IN }),
    field('appOwnerOrganizationId', 'Owner tenant', 'appOwnerOrganizationId', 'guid', { graph: EQ_IN }),
    field('createdDateTime', 'Created', 'createdDateTime', 'date', { advanced: ['eq', 'ge', 'le', 'ne'] }),
    ...credentialFields,
  ],
};

/** MFA from a sign-in's own record: the requirement, and whether a second factor was actually done. */
function mfaDone(item: Record<string, unknown>): boolean {
  const steps = (item.authenticationDetails as Array<{ authenticationMethod?: string; succeeded?: boolean; authenticationStepRequirement?: string }> | undefined) ?? [];
  if (steps.some((s) => s.succeeded && s.authenticationStepRequirement === 'secondaryAuthentication')) return true;
  if (steps.some((s) => s.succeeded && s.authenticationMethod && !/password|previously satisfied/i.test(s.authenticationMethod))) return true;
  return steps.some((s) => s.succeeded && /previously satisfied/i.test(s.authenticationMethod ?? '')) && item.authenticationRequirement === 'multiFactorAuthentication';
}

/** A sign-in's error code; undefined or 0 is a success. */
function signInErrorCode(item: Record<string, unknown>): number | undefined {
  return (item.status as { errorCode?: number } | undefined)?.errorCode;
}

function signInResult(item: Record<string, unknown>): string {
  const code = signInErrorCode(item);
  return code === 0 || code === undefined ? 'success' : 'failure';
}

/** A failure with its code, so a list of one person's sign-ins says what went wrong without another column. */
function signInResultCell(item: Record<string, unknown>): string {
  const result = signInResult(item);
  return result === 'success' ? result : `${result} (${signInErrorCode(item)})`;
}

/** The Conditional Access policies a sign-in evaluated, each with its name and result. */
function appliedPolicies(item: Record<string, unknown>): Array<{ displayName?: string; result?: string }> {
  return (item.appliedConditionalAccessPolicies as Array<{ displayName?: string; result?: string }> | undefined) ?? [];
}

function reportOnlyResults(item: Record<string, unknown>): string[] {
  const policies = appliedPolicies(item);
  return policies.filter((p) => typeof p.result === 'string' && p.result.startsWith('reportOnly')).map((p) => `${p.displayName ?? 'policy'}: ${p.result}`);
}

const REPORT_ONLY_WORDS: Record<string, string> = {
  reportOnlyFailure: 'would block',
  reportOnlyInterrupted: 'would interrupt (prompt)',
  reportOnlySuccess: 'would apply',
};

function reportOnlyImpact(item: Record<string, unknown>): string[] {
  const policies = appliedPolicies(item);
  return policies.filter((p) => p.result && REPORT_ONLY_WORDS[p.result]).map((p) => `${p.displayName ?? 'policy'}: ${REPORT_ONLY_WORDS[p.result!]}`);
}

const signIns: ResourceSpec = {
  rowKeys: ['userId', 'appId'],
  name: 'signIns',
  ...COLLECTION,
  noun: { one: 'sign-in', many: 'sign-ins' },
  // Beta carries authenticationRequirement, signInEventTypes, userType and the MFA details; v1.0 lacks them.
  version: 'beta',
  path: () => '/auditLogs/signIns',
  permission: 'signIns.read',
  time: { field: 'createdDateTime', newestFirst: true, orderBy: true },
  maxTop: 1000,
  columns: ['createdDateTime', 'userDisplayName', 'appDisplayName', 'result'],
  fields: [
    field('id', 'Request id', 'id', 'guid', { graph: EQ }),
    field('createdDateTime', 'Time (UTC)', 'createdDateTime', 'date', { graph: ['eq', 'ge', 'le'] }),
    field('day', 'Day (UTC)', 'createdDateTime', 'string', { read: (item) => jsonText(item.createdDateTime).slice(0, 10) }),
    field('correlationId', 'Correlation id', 'correlationId', 'guid', { graph: EQ }),
    field('user', 'User', 'userId', 'guid', { graph: EQ }),
    // A service principal's sign-in has no user: the app that signed in is named instead.
    field('userDisplayName', 'User', 'userDisplayName', 'string', { graph: EQ_STARTS, select: 'userDisplayName,servicePrincipalName', read: (item) => item.userDisplayName ?? item.servicePrincipalName ?? undefined }),
    field('userPrincipalName', 'Sign-in name', 'userPrincipalName', 'string', { graph: EQ_STARTS }),
    // Not in the sign-in log's filterable properties (https://learn.microsoft.com/en-us/graph/api/resources/signin):
    // checked on the client.
    field('userType', 'User type', 'userType', 'string'),
    field('app', 'App', 'appDisplayName', 'string', { graph: EQ_STARTS }),
    field('appDisplayName', 'App', 'appDisplayName', 'string', { graph: EQ_STARTS }),
    field('appId', 'App id', 'appId', 'guid', { graph: EQ }),
    field('resource', 'Resource', 'resourceDisplayName', 'string', { graph: EQ }),
    field('clientApp', 'Client app', 'clientAppUsed', 'string', { graph: EQ }),
    // Success is errorCode 0, which Graph filters; "failed" is "not 0", which the sign-in log does not run.
    field('result', 'Result', 'status/errorCode', 'string', { select: 'status', read: signInResult, cell: signInResultCell }),
    field('errorCode', 'Error', 'status/errorCode', 'number', { graph: EQ, select: 'status' }),
    field('failureReason', 'Reason', 'status/failureReason', 'string', { select: 'status' }),
    field('country', 'Country', 'location/countryOrRegion', 'string', { graph: EQ_STARTS, select: 'location', format: country }),
    field('city', 'City', 'location/city', 'string', { graph: EQ_STARTS, select: 'location' }),
    field('ipAddress', 'IP address', 'ipAddress', 'string', { graph: EQ_STARTS }),
    field('caStatus', 'Conditional Access', 'conditionalAccessStatus', 'string', { graph: EQ }),
    field('caReportOnly', 'Report-only results', 'appliedConditionalAccessPolicies', 'strings', { select: 'appliedConditionalAccessPolicies', read: reportOnlyResults, permission: 'signIns.conditionalAccessDetails' }),
    // What a report-only policy would have done had it been on: block, interrupt (MFA, terms), or apply its
    // session controls; "not applied" (conditions not met) is left out.
    field('reportOnlyImpact', 'If switched on', 'appliedConditionalAccessPolicies', 'strings', {
      select: 'appliedConditionalAccessPolicies',
      read: (item) => reportOnlyImpact(item),
      permission: 'signIns.conditionalAccessDetails',
    }),
    field('caPolicy', 'Policies applied', 'appliedConditionalAccessPolicies', 'strings', {
      select: 'appliedConditionalAccessPolicies',
      read: (item) => appliedPolicies(item).filter((p) => p.result === 'success' || p.result === 'failure').map((p) => `${p.displayName}: ${p.result}`),
      permission: 'signIns.conditionalAccessDetails',
    }),
    // "which policies blocked the most sign-ins?": the enforced policies whose grant a sign-in failed (report-only
    // results are what a policy would have done, never what stopped anyone).
    field('blockedBy', 'Blocking policy', 'appliedConditionalAccessPolicies', 'strings', {
      select: 'appliedConditionalAccessPolicies',
      read: (item) => appliedPolicies(item).filter((p) => p.result === 'failure').map((p) => p.displayName ?? 'policy'),
      permission: 'signIns.conditionalAccessDetails',
    }),
    field('mfaRequired', 'MFA required', 'authenticationRequirement', 'string', { graph: EQ, format: (v) => (v === 'multiFactorAuthentication' ? 'yes' : v === 'singleFactorAuthentication' ? 'no' : '—') }),
    field('mfaDone', 'MFA done', 'authenticationDetails', 'boolean', { select: 'authenticationDetails', read: (item) => mfaDone(item), format: yesNo }),
    field('os', 'Operating system', 'deviceDetail/operatingSystem', 'string', { graph: EQ_STARTS, select: 'deviceDetail' }),
    field('browser', 'Browser', 'deviceDetail/browser', 'string', { graph: EQ_STARTS, select: 'deviceDetail' }),
    field('deviceCompliant', 'Compliant device', 'deviceDetail/isCompliant', 'boolean', { select: 'deviceDetail', format: yesNo }),
    field('riskLevel', 'Risk during sign-in', 'riskLevelDuringSignIn', 'string', { graph: EQ }),
    field('riskState', 'Risk state', 'riskState', 'string', { graph: EQ }),
    field('eventType', 'Sign-in type', 'signInEventTypes', 'strings', { graph: ['contains', 'ne'], lambda: { collection: 'signInEventTypes' } }),
    field('servicePrincipal', 'Service principal', 'servicePrincipalId', 'guid', { graph: EQ }),
    field('servicePrincipalName', 'Service principal', 'servicePrincipalName', 'string', { graph: EQ_STARTS }),
  ],
};

const directoryAudits: ResourceSpec = {
  name: 'directoryAudits',
  ...COLLECTION,
  noun: { one: 'audit event', many: 'audit events' },
  path: () => '/auditLogs/directoryAudits',
  permission: 'directoryAudits.read',
  time: { field: 'activityDateTime', newestFirst: true, orderBy: true },
  maxTop: 1000,
  columns: ['activityDateTime', 'activity', 'initiatedBy', 'targets'],
  fields: [
    field('activityDateTime', 'Time (UTC)', 'activityDateTime', 'date', { graph: ['eq', 'ge', 'le'] }),
    field('day', 'Day (UTC)', 'activityDateTime', 'string', { read: (item) => jsonText(item.activityDateTime).slice(0, 10) }),
    field('activity', 'Activity', 'activityDisplayName', 'string', { graph: EQ_STARTS }),
    field('category', 'Category', 'category', 'string', { graph: EQ }),
    // `result` is not listed as filterable on the audit log (https://learn.microsoft.com/en-us/graph/api/directoryaudit-list):
    // checked on the client.
    field('result', 'Result', 'result', 'string'),
    field('initiatedByUser', 'By', 'initiatedBy/user/userPrincipalName', 'string', { graph: EQ_STARTS, select: 'initiatedBy' }),
    field('initiatedByUserId', 'By', 'initiatedBy/user/id', 'guid', { graph: EQ, select: 'initiatedBy' }),
    field('initiatedBy', 'Initiated by', 'initiatedBy', 'string', {
      select: 'initiatedBy',
      read: (item) => {
        const by = item.initiatedBy as { user?: { displayName?: string; userPrincipalName?: string } | null; app?: { displayName?: string } | null } | undefined;
        return by?.user?.displayName || by?.user?.userPrincipalName || by?.app?.displayName || '—';
      },
    }),
    // "anyone add themselves to a group?": the person who made the change is among its targets.
    field('selfChange', 'By the target', 'targetResources', 'boolean', {
      select: 'targetResources',
      read: (item) => {
        const by = (item.initiatedBy as { user?: { id?: string } | null } | undefined)?.user?.id;
        return Boolean(by) && ((item.targetResources as Array<{ id?: string }> | undefined) ?? []).some((t) => t.id === by);
      },
    }),
    field('target', 'Target', 'targetResources', 'strings', { graph: ['contains'], lambda: { collection: 'targetResources', member: 'id' }, select: 'targetResources' }),
    field('targets', 'Targets', 'targetResources', 'strings', {
      select: 'targetResources',
      read: (item) => ((item.targetResources as Array<{ displayName?: string; userPrincipalName?: string }> | undefined) ?? []).map((t) => t.displayName || t.userPrincipalName || '').filter(Boolean),
    }),
  ],
};

const riskLevelField = field('riskLevel', 'Risk level', 'riskLevel', 'string', { graph: EQ });
const riskStateField = field('riskState', 'Risk state', 'riskState', 'string', { graph: EQ });
const riskDetailField = field('riskDetail', 'Risk detail', 'riskDetail', 'string', { graph: EQ });
/** Where a risky user's or service principal's risk stands, and since when. */
const riskCaseFields = [riskLevelField, riskStateField, riskDetailField, field('riskLastUpdatedDateTime', 'Last updated (UTC)', 'riskLastUpdatedDateTime', 'date', { graph: ['ge', 'le'] })];

const riskyUsers: ResourceSpec = {
  name: 'riskyUsers',
  ...COLLECTION,
  noun: { one: 'risky user', many: 'risky users' },
  path: () => '/identityProtection/riskyUsers',
  permission: 'riskyUsers.read',
  // No documented $orderby: the newest change is found on the client.
  time: { field: 'riskLastUpdatedDateTime', newestFirst: false, orderBy: false },
  maxTop: 500,
  count: 'plain',
  columns: ['userDisplayName', 'riskLevel', 'riskState', 'riskLastUpdatedDateTime'],
  fields: [
    field('id', 'Id', 'id', 'guid', { graph: EQ }),
    field('userDisplayName', 'User', 'userDisplayName', 'string', { graph: EQ_STARTS }),
    field('userPrincipalName', 'Sign-in name', 'userPrincipalName', 'string', { graph: EQ_STARTS }),
    ...riskCaseFields,
  ],
};

const riskyServicePrincipals: ResourceSpec = {
  ...riskyUsers,
  name: 'riskyServicePrincipals',
  noun: { one: 'risky service principal', many: 'risky service principals' },
  path: () => '/identityProtection/riskyServicePrincipals',
  permission: 'riskyServicePrincipals.read',
  columns: ['displayName', 'riskLevel', 'riskState', 'riskLastUpdatedDateTime'],
  rowKeys: ['appId'],
  fields: [
    field('id', 'Id', 'id', 'guid', { graph: EQ }),
    field('displayName', 'Service principal', 'displayName', 'string', { graph: EQ_STARTS }),
    field('appId', 'App id', 'appId', 'guid', { graph: EQ }),
    ...riskCaseFields,
  ],
};

const riskDetections: ResourceSpec = {
  name: 'riskDetections',
  ...COLLECTION,
  noun: { one: 'risk detection', many: 'risk detections' },
  path: () => '/identityProtection/riskDetections',
  permission: 'riskDetections.read',
  time: { field: 'detectedDateTime', newestFirst: true, orderBy: false },
  maxTop: 500,
  columns: ['detectedDateTime', 'userDisplayName', 'riskEventType', 'riskLevel', 'riskState'],
  fields: [
    field('detectedDateTime', 'Detected (UTC)', 'detectedDateTime', 'date', { graph: ['ge', 'le'] }),
    field('user', 'User', 'userId', 'guid', { graph: EQ }),
    field('userDisplayName', 'User', 'userDisplayName', 'string', { graph: EQ }),
    field('riskEventType', 'Detection', 'riskEventType', 'string', { graph: EQ }),
    riskLevelField,
    riskStateField,
    field('ipAddress', 'IP address', 'ipAddress', 'string', { graph: EQ }),
    field('country', 'Country', 'location/countryOrRegion', 'string', { select: 'location', format: country }),
    field('source', 'Source', 'source', 'string', { graph: EQ }),
  ],
};

const conditionalAccessPolicies: ResourceSpec = {
  name: 'conditionalAccessPolicies',
  ...COLLECTION,
  noun: { one: 'Conditional Access policy', many: 'Conditional Access policies' },
  path: () => '/identity/conditionalAccess/policies',
  permission: 'conditionalAccess.read',
  count: 'plain',
  columns: ['displayName', 'state', 'grant'],
  fields: [
    field('displayName', 'Policy', 'displayName', 'string', { graph: EQ_STARTS }),
    field('state', 'State', 'state', 'string', {
      graph: EQ,
      format: (v) => (v === 'enabledForReportingButNotEnforced' ? 'Report-only' : v === 'enabled' ? 'On' : v === 'disabled' ? 'Off' : (v === undefined || v === null ? '—' : jsonText(v))),
    }),
    field('grant', 'Grant', 'grantControls', 'strings', {
      select: 'grantControls',
      read: (item) => {
        const grant = item.grantControls as { builtInControls?: string[]; operator?: string } | null | undefined;
        return grant?.builtInControls ?? [];
      },
    }),
    field('modifiedDateTime', 'Changed (UTC)', 'modifiedDateTime', 'date'),
    field('createdDateTime', 'Created (UTC)', 'createdDateTime', 'date'),
    // "which policy uses the Blocked countries location?": the named locations a policy includes or excludes, by id.
    field('locations', 'Locations', 'conditions', 'strings', {
      select: 'conditions',
      read: (item) => {
        const locations = (item.conditions as { locations?: { includeLocations?: string[]; excludeLocations?: string[] } | null } | null | undefined)?.locations;
        return [...(locations?.includeLocations ?? []), ...(locations?.excludeLocations ?? [])].map((id) => id.toLowerCase());
      },
      // The ids mean nothing to a reader: the column says how the policy uses locations.
      cell: (item) => {
        const locations = (item.conditions as { locations?: { includeLocations?: string[]; excludeLocations?: string[] } | null } | null | undefined)?.locations;
        const parts = [locations?.includeLocations?.length ? `includes ${locations.includeLocations.length}` : '', locations?.excludeLocations?.length ? `excludes ${locations.excludeLocations.length}` : ''].filter(Boolean);
        return parts.length ? parts.join(', ') : 'any location';
      },
    }),
  ],
};

const namedLocations: ResourceSpec = {
  name: 'namedLocations',
  ...COLLECTION,
  noun: { one: 'named location', many: 'named locations' },
  path: () => '/identity/conditionalAccess/namedLocations',
  permission: 'conditionalAccess.read',
  // Named locations are of two types whose fields differ; every field is read.
  select: false,
  count: 'plain',
  columns: ['displayName', 'countries', 'ipRanges', 'isTrusted'],
  fields: [
    field('displayName', 'Location', 'displayName', 'string', { graph: EQ_STARTS }),
    field('kind', 'Kind', '@odata.type', 'string', { read: (item) => (String(item['@odata.type']).includes('country') ? 'Countries' : 'IP ranges') }),
    field('countries', 'Countries', 'countriesAndRegions', 'strings', {
      format: (v) => (Array.isArray(v) && v.length ? v.map((c) => `${countryName(String(c))} (${c})`).join(', ') : '—'),
    }),
    field('ipRanges', 'IP ranges', 'ipRanges', 'strings', {
      read: (item) => ((item.ipRanges as Array<{ cidrAddress?: string }> | undefined) ?? []).map((r) => r.cidrAddress ?? ''),
    }),
    field('isTrusted', 'Trusted', 'isTrusted', 'boolean', { format: yesNo }),
    field('modifiedDateTime', 'Changed (UTC)', 'modifiedDateTime', 'date'),
    field('createdDateTime', 'Created (UTC)', 'createdDateTime', 'date'),
  ],
};

const roleAssignments: ResourceSpec = {
  name: 'roleAssignments',
  ...COLLECTION,
  noun: { one: 'role assignment', many: 'role assignments' },
  path: () => '/roleManagement/directory/roleAssignments',
  permission: 'roleManagement.read',
  select: false,
  expand: 'principal',
  columns: ['principal', 'role'],
  fields: [
    field('roleDefinitionId', 'Role', 'roleDefinitionId', 'guid', { graph: EQ }),
    field('principalId', 'Principal', 'principalId', 'guid', { graph: EQ }),
    field('principal', 'Holder', 'principal', 'string', {
      read: (item) => {
        const p = item.principal as { displayName?: string; userPrincipalName?: string } | undefined;
        return p?.displayName ?? item.principalId;
      },
    }),
    // "roles that come from group membership": the kind of holder, from the expanded principal's type.
    field('principalType', 'Holder type', 'principal', 'string', {
      read: (item) => ((item.principal as { '@odata.type'?: string } | undefined)?.['@odata.type'] ?? '').replace('#microsoft.graph.', ''),
    }),
    // Built-in roles by name (a custom role keeps its id: its name needs the role definitions read).
    field('role', 'Role', 'roleDefinitionId', 'string', { read: (item) => builtInRoleName(jsonText(item.roleDefinitionId)) }),
    // The built-in roles Microsoft marks privileged ("list all privileged role holders").
    field('privileged', 'Privileged', 'roleDefinitionId', 'boolean', { read: (item) => PRIVILEGED_ROLES.has(jsonText(item.roleDefinitionId).toLowerCase()), format: yesNo }),
  ],
};

const BUILT_IN_ROLE_NAMES = new Map<string, string>(Object.entries(BUILT_IN_ROLES).map(([key, id]) => [id, ROLE_DISPLAY_NAMES[key as RoleName]]));

function builtInRoleName(roleDefinitionId: string): string {
  return BUILT_IN_ROLE_NAMES.get(roleDefinitionId.toLowerCase()) ?? roleDefinitionId;
}

export const RESOURCES: Readonly<Record<PlanResource, ResourceSpec>> = {
  users,
  groups,
  groupMembers,
  groupOwners,
  memberOf,
  ownedGroups,
  ownedApps,
  directReports,
  applications,
  servicePrincipals,
  signIns,
  directoryAudits,
  riskyUsers,
  riskyServicePrincipals,
  riskDetections,
  conditionalAccessPolicies,
  namedLocations,
  roleAssignments,
  registrationDetails,
};

export function resourceOf(name: PlanResource): ResourceSpec {
  return RESOURCES[name];
}

/**
 * The newest or first of a collection Graph does not sort by time ("the newest hire") is found by comparing creation
 * dates: true when the collection has no time of its own but has a creation date.
 */
export function ordersByCreation(resource: ResourceSpec): boolean {
  return !resource.time && resource.fields.some((f) => f.name === 'createdDateTime');
}

export function fieldOf(resource: ResourceSpec, name: string): FieldSpec {
  const spec = resource.fields.find((f) => f.name === name);
  if (!spec) throw new PlanError(`${resource.noun.many} have no field "${name}"`);
  return spec;
}

/** A plan that cannot be compiled: a field the resource lacks, a missing anchor, a bad value. */
export class PlanError extends Error {}

/** The value of a field in one item: the field's own reader, or its path followed through nested objects. */
export function valueOf(spec: FieldSpec, item: Record<string, unknown>): unknown {
  if (spec.read) return spec.read(item);
  let value: unknown = item;
  for (const segment of spec.path.split('/')) {
    if (value === null || value === undefined || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

/**
 * The directory reads of the identity-administration skills (users, groups, roles). Each answer asks only for the
 * fields it shows ($select), gathers the resources one answer needs into one `$batch` (at most 20 requests:
 * https://learn.microsoft.com/en-us/graph/json-batching), counts with `$count=true` plus
 * `ConsistencyLevel: eventual` (without the header the count is silently dropped:
 * https://learn.microsoft.com/en-us/graph/aad-advanced-queries), and reads one bounded page of a big list rather than all of it.
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import { firstPage } from './reads';
import { BatchContents } from './requestLog';
import { isGuid, odataString } from './ids';
import { GraphUnavailable, MAX_RETRY_AFTER_SECONDS, retryAfterSeconds, TRANSIENT_STATUSES } from './unavailable';

/** An inner request of a `$batch`; ids are unique within one batch. */
export interface BatchRequest {
  id: string;
  url: string;
  /** Advanced queries ($count, casts on transitive lists) need ConsistencyLevel: eventual in each request. */
  advanced?: boolean;
}

export interface BatchResponse {
  status: number;
  body: unknown;
  /** The inner response's Retry-After, in seconds, when it sent one. */
  retryAfterSeconds?: number;
}

const MAX_BATCH = 20;

export interface RetryOptions {
  /** Times a throttled inner request is sent again (default 2). */
  retries?: number;
  /** The first pause; each retry doubles it (identity protection sends no Retry-After). */
  pauseMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** The Graph version the batch is posted to, and so every inner request's (default: the client's, v1.0). */
  version?: 'beta';
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The requests in as few `$batch` calls as Graph allows, with throttled or unavailable (429, 503, 504) inner
 * requests sent again after a pause: a batch's inner requests are throttled one by one (Identity Protection allows
 * about one a second) and the SDK does not retry them (https://learn.microsoft.com/en-us/graph/json-batching). The pause is the inner Retry-After when one
 * came (a wait longer than MAX_RETRY_AFTER_SECONDS is not waited for), else a growing one. What still fails after
 * the retries keeps its status.
 */
export async function batchGet(client: Client, requests: readonly BatchRequest[], retry: RetryOptions = {}): Promise<Map<string, BatchResponse>> {
  const responses = await sendBatches(client, requests, retry.version);
  const sleep = retry.sleep ?? sleepFor;
  let pause = retry.pauseMs ?? 1000;
  for (let attempt = 0; attempt < (retry.retries ?? 2); attempt++) {
    const failed = requests.filter((r) => TRANSIENT_STATUSES.has(responses.get(r.id)?.status ?? 200));
    if (failed.length === 0) break;
    const asked = Math.max(...failed.map((r) => responses.get(r.id)?.retryAfterSeconds ?? 0));
    if (asked > MAX_RETRY_AFTER_SECONDS) break;
    await sleep(Math.max(pause, asked * 1000));
    pause *= 2;
    for (const [id, response] of await sendBatches(client, failed, retry.version)) responses.set(id, response);
  }
  return responses;
}

/** Sends the requests in as few `$batch` calls as the 20-request limit allows; answers by request id. */
async function sendBatches(client: Client, requests: readonly BatchRequest[], version?: 'beta'): Promise<Map<string, BatchResponse>> {
  const out = new Map<string, BatchResponse>();
  for (let start = 0; start < requests.length; start += MAX_BATCH) {
    const inner = requests.slice(start, start + MAX_BATCH).map((r) => ({ id: r.id, method: 'GET', url: r.url, ...(r.advanced ? { headers: { ConsistencyLevel: 'eventual' } } : {}) }));
    const contents = new BatchContents(inner);
    let request = client.api('/$batch').middlewareOptions([contents]);
    if (version) request = request.version(version);
    const result = (await request.post({ requests: inner })) as { responses: Array<{ id: string; status: number; body: unknown; headers?: Record<string, string> }> };
    contents.answered(result.responses);
    for (const response of result.responses) {
      const header = Object.entries(response.headers ?? {}).find(([name]) => name.toLowerCase() === 'retry-after')?.[1];
      const wait = retryAfterSeconds(header);
      out.set(response.id, { status: response.status, body: response.body, ...(wait !== undefined ? { retryAfterSeconds: wait } : {}) });
    }
  }
  return out;
}

/**
 * A successful inner response's body, or undefined when Graph refused or did not find it. Throttled or unavailable
 * after the retries is neither: GraphUnavailable, so that it is never shown as "none" or "not found".
 */
export function bodyOf<T>(responses: Map<string, BatchResponse>, id: string): T | undefined {
  const response = responses.get(id);
  if (response && TRANSIENT_STATUSES.has(response.status)) throw new GraphUnavailable(response.status, response.retryAfterSeconds);
  return response && response.status < 300 ? (response.body as T) : undefined;
}

/** Inner statuses other than success and "not found" are failures the answer cannot hide. */
export function failureOf(responses: Map<string, BatchResponse>, id: string): BatchResponse | undefined {
  const response = responses.get(id);
  if (!response) return { status: 0, body: 'no response' };
  return response.status >= 300 && response.status !== 404 ? response : undefined;
}

export interface Page<T> {
  value: T[];
  '@odata.count'?: number;
  '@odata.nextLink'?: string;
}

export interface DirectoryObjectRef {
  '@odata.type'?: string;
  id: string;
  displayName?: string | null;
  userPrincipalName?: string | null;
  userType?: string | null;
  accountEnabled?: boolean | null;
  isAssignableToRole?: boolean | null;
  appId?: string | null;
}

export interface UserProfile {
  id: string;
  displayName?: string | null;
  userPrincipalName?: string | null;
  mail?: string | null;
  jobTitle?: string | null;
  department?: string | null;
  officeLocation?: string | null;
  city?: string | null;
  country?: string | null;
  businessPhones?: string[] | null;
  mobilePhone?: string | null;
  accountEnabled?: boolean | null;
  userType?: string | null;
  createdDateTime?: string | null;
  creationType?: string | null;
  externalUserState?: string | null;
  lastPasswordChangeDateTime?: string | null;
  onPremisesSyncEnabled?: boolean | null;
  onPremisesLastSyncDateTime?: string | null;
  signInActivity?: {
    lastSignInDateTime?: string | null;
    lastNonInteractiveSignInDateTime?: string | null;
    lastSuccessfulSignInDateTime?: string | null;
  } | null;
  manager?: DirectoryObjectRef | null;
}

export interface RegistrationDetails {
  isAdmin?: boolean | null;
  isMfaRegistered?: boolean | null;
  isMfaCapable?: boolean | null;
  isPasswordlessCapable?: boolean | null;
  methodsRegistered?: string[];
}

export interface RiskState {
  riskLevel?: string | null;
  riskState?: string | null;
  riskDetail?: string | null;
}

export interface RoleDefinition {
  id: string;
  displayName: string;
  isPrivileged?: boolean | null;
}

export interface RoleAssignment {
  id: string;
  principalId: string;
  roleDefinitionId: string;
  directoryScopeId: string;
  roleDefinition?: RoleDefinition | null;
  principal?: DirectoryObjectRef | null;
}

export interface GroupDetails {
  id: string;
  displayName?: string | null;
  description?: string | null;
  groupTypes?: string[];
  securityEnabled?: boolean | null;
  mailEnabled?: boolean | null;
  mail?: string | null;
  isAssignableToRole?: boolean | null;
  membershipRule?: string | null;
  membershipRuleProcessingState?: string | null;
  visibility?: string | null;
  onPremisesSyncEnabled?: boolean | null;
  createdDateTime?: string | null;
}

const USER_FIELDS = [
  'id',
  'displayName',
  'userPrincipalName',
  'mail',
  'jobTitle',
  'department',
  'officeLocation',
  'city',
  'country',
  'businessPhones',
  'mobilePhone',
  'accountEnabled',
  'userType',
  'createdDateTime',
  'creationType',
  'externalUserState',
  'lastPasswordChangeDateTime',
  'onPremisesSyncEnabled',
  'onPremisesLastSyncDateTime',
].join(',');

const MEMBER_FIELDS = 'id,displayName,userPrincipalName,userType,accountEnabled,appId';
const ROLE_ASSIGNMENT_FIELDS = 'id,principalId,roleDefinitionId,directoryScopeId';
/** How many members one answer lists; the count says how many there are in all. */
export const MEMBER_PAGE = 25;


/** The reads of "who is X?": the profile (with manager), and what the asker's rights allow besides. */
export function userProfileRequests(userId: string, include: { signInActivity: boolean; registration: boolean; risk: boolean; roles: boolean }): BatchRequest[] {
  const id = encodeURIComponent(userId);
  const select = include.signInActivity ? `${USER_FIELDS},signInActivity` : USER_FIELDS;
  const requests: BatchRequest[] = [
    { id: 'user', url: `/users/${id}?$select=${select}` },
    // Its own request: $select and $expand=manager together lose the manager in the local Entra.
    { id: 'manager', url: `/users/${id}?$expand=manager($select=id,displayName,userPrincipalName)` },
  ];
  if (include.registration) {
    requests.push({ id: 'registration', url: `/reports/authenticationMethods/userRegistrationDetails/${id}` });
  }
  if (include.risk) requests.push({ id: 'risk', url: `/identityProtection/riskyUsers/${id}?$select=riskLevel,riskState,riskDetail` });
  if (include.roles) requests.push(...roleRequestsOfPrincipal(userId));
  return requests;
}

/** A principal's direct role assignments and its role-assignable groups (through which roles are also held). */
export function roleRequestsOfPrincipal(principalId: string): BatchRequest[] {
  return [
    {
      id: 'directRoles',
      url: `/roleManagement/directory/roleAssignments?$filter=principalId eq ${odataString(principalId)}&$select=${ROLE_ASSIGNMENT_FIELDS}`,
    },
    ROLE_DEFINITIONS_REQUEST,
    transitiveGroupsRequest(principalId),
  ];
}

/** Every group a principal is in, directly or through nesting, with whether it is role-assignable. */
export function transitiveGroupsRequest(principalId: string): BatchRequest {
  return {
    id: 'roleGroups',
    // A cast on a transitive list is an advanced query (https://learn.microsoft.com/en-us/graph/aad-advanced-queries).
    url: `/users/${encodeURIComponent(principalId)}/transitiveMemberOf/microsoft.graph.group?$select=id,displayName,isAssignableToRole&$top=999&$count=true`,
    advanced: true,
  };
}

/** Every role definition's name, to name assignments without $expand (one page: tenants hold about 130 roles). */
export const ROLE_DEFINITIONS_REQUEST: BatchRequest = { id: 'roleDefinitions', url: '/roleManagement/directory/roleDefinitions?$select=id,displayName,isPrivileged' };

/** Role assignments held by any of the groups: one request. */
export async function roleAssignmentsOfGroups(client: Client, groupIds: readonly string[]): Promise<RoleAssignment[]> {
  if (groupIds.length === 0) return [];
  return firstPage<RoleAssignment>(client, '/roleManagement/directory/roleAssignments', { filter: `principalId in (${groupIds.map(odataString).join(',')})`, select: ROLE_ASSIGNMENT_FIELDS });
}

/** The reads of "what groups is X in?": direct and transitive memberships together. */
export function membershipRequests(userId: string): BatchRequest[] {
  const id = encodeURIComponent(userId);
  const select = '$select=id,displayName,groupTypes,securityEnabled,isAssignableToRole,membershipRule';
  return [
    { id: 'direct', url: `/users/${id}/memberOf/microsoft.graph.group?${select}&$top=999&$count=true`, advanced: true },
    { id: 'transitive', url: `/users/${id}/transitiveMemberOf/microsoft.graph.group?${select}&$top=999&$count=true`, advanced: true },
  ];
}

/** For each group, the groups that are its direct members: how an inherited membership reaches a user. */
export function nestedGroupRequests(groupIds: readonly string[]): BatchRequest[] {
  return groupIds.map((id, index) => ({
    id: `nested-${index}`,
    url: `/groups/${encodeURIComponent(id)}/members/microsoft.graph.group?$select=id,displayName&$top=999&$count=true`,
    advanced: true,
  }));
}

/** The reads of "who owns / who is in group X?": the group, owners, a page of members, and the counts. */
export function groupRequests(groupId: string): BatchRequest[] {
  const id = encodeURIComponent(groupId);
  return [
    {
      id: 'group',
      url: `/groups/${id}?$select=id,displayName,description,groupTypes,securityEnabled,mailEnabled,mail,isAssignableToRole,membershipRule,membershipRuleProcessingState,visibility,onPremisesSyncEnabled,createdDateTime`,
    },
    { id: 'owners', url: `/groups/${id}/owners?$select=${MEMBER_FIELDS}&$top=100` },
    { id: 'members', url: `/groups/${id}/members?$select=${MEMBER_FIELDS}&$top=${MEMBER_PAGE}&$count=true`, advanced: true },
    { id: 'nestedGroups', url: `/groups/${id}/members/microsoft.graph.group?$select=id,displayName&$top=100&$count=true`, advanced: true },
    // The count rides on a one-item page: @odata.count counts the whole cast list.
    { id: 'transitiveUsers', url: `/groups/${id}/transitiveMembers/microsoft.graph.user?$select=id&$top=1&$count=true`, advanced: true },
    { id: 'parents', url: `/groups/${id}/memberOf/microsoft.graph.group?$select=id,displayName&$top=100&$count=true`, advanced: true },
  ];
}

/** The role definition whose display name is given (built-in and custom roles alike). */
export async function roleDefinitionByName(client: Client, displayName: string): Promise<RoleDefinition | undefined> {
  return (await firstPage<RoleDefinition>(client, '/roleManagement/directory/roleDefinitions', { filter: `displayName eq ${odataString(displayName)}`, select: 'id,displayName,isPrivileged' }))[0];
}

/**
 * Who holds a role, in one `$batch`: the assignments (with their scopes) and the role's members with names (for
 * built-in roles the definition id is the role template id, the alternate key of directoryRoles).
 */
export function roleHolderRequests(roleDefinitionId: string): BatchRequest[] {
  return [
    { id: 'assignments', url: `/roleManagement/directory/roleAssignments?$filter=roleDefinitionId eq ${odataString(roleDefinitionId)}&$select=${ROLE_ASSIGNMENT_FIELDS}` },
    { id: 'members', url: `/directoryRoles(roleTemplateId=${odataString(roleDefinitionId)})/members?$select=${MEMBER_FIELDS}` },
  ];
}

/** The user members of each group (a role held through a group reaches them). */
export function groupUserMemberRequests(groupIds: readonly string[]): BatchRequest[] {
  return groupIds.map((id, index) => ({
    id: `groupMembers-${index}`,
    url: `/groups/${encodeURIComponent(id)}/transitiveMembers/microsoft.graph.user?$select=${MEMBER_FIELDS}&$top=100&$count=true`,
    advanced: true,
  }));
}

export interface PasswordCredential {
  keyId?: string | null;
  displayName?: string | null;
  hint?: string | null;
  startDateTime?: string | null;
  endDateTime?: string | null;
}

export interface KeyCredential extends PasswordCredential {
  type?: string | null;
  usage?: string | null;
}

export interface ApplicationDetails {
  id: string;
  appId?: string | null;
  displayName?: string | null;
  /** Free text from whoever may edit the registration: shown escaped and defanged (src/cards/escape.ts). */
  description?: string | null;
  createdDateTime?: string | null;
  signInAudience?: string | null;
  passwordCredentials?: PasswordCredential[];
  keyCredentials?: KeyCredential[];
}

export interface ServicePrincipalDetails {
  id: string;
  appId?: string | null;
  displayName?: string | null;
  accountEnabled?: boolean | null;
  servicePrincipalType?: string | null;
  appOwnerOrganizationId?: string | null;
  /** Only users and groups assigned to the app may sign in to it ("Assignment required?" in the admin center). */
  appRoleAssignmentRequired?: boolean | null;
  passwordCredentials?: PasswordCredential[];
  keyCredentials?: KeyCredential[];
}

export interface ModifiedProperty {
  displayName?: string | null;
  oldValue?: string | null;
  newValue?: string | null;
}

export interface DirectoryAudit {
  id: string;
  activityDateTime: string;
  activityDisplayName: string;
  category?: string | null;
  result?: string | null;
  resultReason?: string | null;
  initiatedBy?: {
    user?: { id?: string | null; displayName?: string | null; userPrincipalName?: string | null } | null;
    app?: { appId?: string | null; displayName?: string | null; servicePrincipalName?: string | null } | null;
  } | null;
  targetResources?: Array<{ id?: string | null; displayName?: string | null; type?: string | null; userPrincipalName?: string | null; modifiedProperties?: ModifiedProperty[] }>;
}

const CREDENTIAL_FIELDS = 'passwordCredentials,keyCredentials';
const APPLICATION_FIELDS = `id,appId,displayName,description,createdDateTime,signInAudience,${CREDENTIAL_FIELDS}`;
export const AUDIT_FIELDS = 'id,activityDateTime,activityDisplayName,category,result,resultReason,initiatedBy,targetResources';
/** How many audit entries one answer reads: the newest first. */
export const AUDIT_PAGE = 50;

/**
 * The reads of "who owns app X?" in one `$batch`: the service principal (the tenant's instance), its owners, and the
 * app registration found by appId (credentials live on the registration for apps of this tenant).
 */
export function appRequests(servicePrincipalId: string, appId: string | undefined): BatchRequest[] {
  const id = encodeURIComponent(servicePrincipalId);
  const requests: BatchRequest[] = [
    { id: 'servicePrincipal', url: `/servicePrincipals/${id}?$select=id,appId,displayName,accountEnabled,servicePrincipalType,appOwnerOrganizationId,appRoleAssignmentRequired,${CREDENTIAL_FIELDS}` },
    { id: 'spOwners', url: `/servicePrincipals/${id}/owners?$select=${MEMBER_FIELDS}&$top=100` },
  ];
  if (appId) requests.push({ ...applicationByAppIdRequest(appId), url: `/applications?$filter=appId eq ${odataString(appId)}&$select=${APPLICATION_FIELDS}` });
  return requests;
}

/** The owners of an app registration. */
export function applicationOwnersRequest(applicationId: string): BatchRequest {
  return { id: 'appOwners', url: `/applications/${encodeURIComponent(applicationId)}/owners?$select=${MEMBER_FIELDS}&$top=100` };
}

/** Every app registration's credentials (one page: $top=999, the directory maximum). */
export const APPLICATION_CREDENTIALS_REQUEST: BatchRequest = { id: 'applications', url: `/applications?$select=id,appId,displayName,${CREDENTIAL_FIELDS}&$top=999` };

/**
 * The audit entries within the window, newest first: about all of `allTargets` (Bob *and* Finance), about any of
 * `anyTarget` (an app's registration or its service principal), by an initiator, or logged by one service.
 */
export function auditRequest(
  id: string,
  window: { start: string; end?: string },
  about: { allTargets?: readonly string[]; anyTarget?: readonly string[]; initiatorId?: string; loggedByService?: string },
): BatchRequest {
  const filters = [`activityDateTime ge ${window.start}`];
  if (window.end) filters.push(`activityDateTime le ${window.end}`);
  const target = (t: string) => `targetResources/any(t: t/id eq ${odataString(t)})`;
  for (const t of about.allTargets ?? []) filters.push(target(t));
  const any = (about.anyTarget ?? []).map(target);
  if (any.length === 1) filters.push(any[0]);
  if (any.length > 1) filters.push(`(${any.join(' or ')})`);
  if (about.initiatorId) filters.push(`initiatedBy/user/id eq ${odataString(about.initiatorId)}`);
  if (about.loggedByService) filters.push(`loggedByService eq ${odataString(about.loggedByService)}`);
  return { id, url: `/auditLogs/directoryAudits?$filter=${filters.join(' and ')}&$select=${AUDIT_FIELDS}&$orderby=activityDateTime desc&$top=${AUDIT_PAGE}` };
}

/** The app registration of an appId (audit entries about credentials name the registration, not the service principal). */
export function applicationByAppIdRequest(appId: string): BatchRequest {
  return { id: 'application', url: `/applications?$filter=appId eq ${odataString(appId)}&$select=id,appId,displayName` };
}

/** Ids per `in (…)` filter: directory object filters are kept to 15 values, the limit Graph enforces on some of them. */
export const ID_LIST_LIMIT = 15;

export interface ConditionalAccessUsers {
  includeUsers?: string[];
  excludeUsers?: string[];
  includeGroups?: string[];
  excludeGroups?: string[];
  includeRoles?: string[];
  excludeRoles?: string[];
  includeGuestsOrExternalUsers?: unknown;
  excludeGuestsOrExternalUsers?: unknown;
}

export interface ConditionalAccessPolicy {
  id: string;
  displayName: string;
  /** 'enabled', 'disabled' or 'enabledForReportingButNotEnforced'; kept open for values Graph may add. */
  state: string;
  createdDateTime?: string | null;
  modifiedDateTime?: string | null;
  conditions?: {
    users?: ConditionalAccessUsers | null;
    applications?: { includeApplications?: string[]; excludeApplications?: string[]; includeUserActions?: string[] } | null;
    clientAppTypes?: string[];
    platforms?: { includePlatforms?: string[]; excludePlatforms?: string[] } | null;
    locations?: { includeLocations?: string[]; excludeLocations?: string[] } | null;
    userRiskLevels?: string[];
    signInRiskLevels?: string[];
  } | null;
  grantControls?: { operator?: string | null; builtInControls?: string[] } | null;
  sessionControls?: {
    signInFrequency?: { value?: number | null; type?: string | null; frequencyInterval?: string | null; isEnabled?: boolean | null } | null;
    persistentBrowser?: { mode?: string | null; isEnabled?: boolean | null } | null;
    applicationEnforcedRestrictions?: { isEnabled?: boolean | null } | null;
    cloudAppSecurity?: { isEnabled?: boolean | null } | null;
  } | null;
}

/**
 * The reads of "what Conditional Access policies are there / explain policy X": every policy (tenants hold tens, one
 * page) and every named location's name (conditions name locations by id).
 */
export const CONDITIONAL_ACCESS_REQUESTS: readonly BatchRequest[] = [
  { id: 'policies', url: '/identity/conditionalAccess/policies?$select=id,displayName,state,createdDateTime,modifiedDateTime,conditions,grantControls,sessionControls' },
  { id: 'namedLocations', url: '/identity/conditionalAccess/namedLocations?$select=id,displayName' },
];

/** Names of the groups a policy includes or excludes; callers send at most ID_LIST_LIMIT ids per request. */
export function groupNamesRequest(id: string, groupIds: readonly string[]): BatchRequest {
  return { id, url: `/groups?$filter=id in (${groupIds.map(odataString).join(',')})&$select=id,displayName` };
}

/** Names of the users a policy includes or excludes by id. */
export function userNamesRequest(id: string, userIds: readonly string[]): BatchRequest {
  return { id, url: `/users?$filter=id in (${userIds.map(odataString).join(',')})&$select=id,displayName,userPrincipalName` };
}

/** The names of the users behind object ids, `<prefix>-0`, `<prefix>-1` …: one request per 15 distinct ids. */
export function userNamesRequests(prefix: string, ids: readonly string[]): BatchRequest[] {
  const unique = [...new Set(ids.filter(isGuid).map((id) => id.toLowerCase()))];
  const out: BatchRequest[] = [];
  for (let i = 0; i < unique.length; i += ID_LIST_LIMIT) out.push(userNamesRequest(`${prefix}-${i / ID_LIST_LIMIT}`, unique.slice(i, i + ID_LIST_LIMIT)));
  return out;
}

/** The user a "which policies apply to X?" is about: whether they are a guest. */
export function userKindRequest(userId: string): BatchRequest {
  return { id: 'user', url: `/users/${encodeURIComponent(userId)}?$select=id,displayName,userPrincipalName,userType` };
}

/**
 * The audit log names people by sign-in address only (its displayName fields are usually null): the users behind
 * initiators and user targets are read in one `$batch` (`id in (…)`, 15 a request) and their display names filled
 * in, so an answer can say "Pradeep Gupta" with the address beside it. Users no longer in the directory keep their
 * address; a refused or failed read leaves every entry as it was.
 */
export async function namePeopleIn(client: Client, audits: DirectoryAudit[]): Promise<void> {
  const wanted = new Set<string>();
  for (const a of audits) {
    const user = a.initiatedBy?.user;
    if (user?.id && !user.displayName && isGuid(user.id)) wanted.add(user.id.toLowerCase());
    for (const t of a.targetResources ?? []) if (t.type === 'User' && t.id && !t.displayName && isGuid(t.id)) wanted.add(t.id.toLowerCase());
  }
  if (wanted.size === 0) return;
  // At most 20 requests: one $batch.
  const requests = userNamesRequests('people', [...wanted]).slice(0, 20);
  const names = new Map<string, string>();
  try {
    for (const response of (await batchGet(client, requests)).values()) {
      if (response.status >= 300) continue;
      for (const u of (response.body as Page<{ id: string; displayName?: string | null }>).value ?? []) if (u.displayName) names.set(u.id.toLowerCase(), u.displayName);
    }
  } catch {
    return;
  }
  for (const a of audits) {
    const user = a.initiatedBy?.user;
    if (user?.id && !user.displayName) user.displayName = names.get(user.id.toLowerCase()) ?? null;
    for (const t of a.targetResources ?? []) if (t.type === 'User' && t.id && !t.displayName) t.displayName = names.get(t.id.toLowerCase()) ?? null;
  }
}

/** The ids of the people a risk list is narrowed to ("anyone in Finance at risk?"): at most MAX_AMONG_PAGES pages. */
const MAX_AMONG_PAGES = 5;

export async function userIdsAmong(client: Client, among: { kind: 'group'; id: string } | { kind: 'attribute'; field: string; value: string }): Promise<{ ids: Set<string>; truncated: boolean }> {
  let page = (await (among.kind === 'group'
    ? client.api(`/groups/${encodeURIComponent(among.id)}/transitiveMembers/microsoft.graph.user`).select('id').top(999)
    : client.api('/users').filter(`${among.field} eq ${odataString(among.value)}`).select('id').top(999)
  ).get()) as { value: Array<{ id: string }>; '@odata.nextLink'?: string };
  const ids = new Set(page.value.map((u) => u.id.toLowerCase()));
  for (let pages = 1; page['@odata.nextLink'] && pages < MAX_AMONG_PAGES; pages++) {
    page = (await client.api(page['@odata.nextLink']).get()) as typeof page;
    for (const u of page.value) ids.add(u.id.toLowerCase());
  }
  return { ids, truncated: Boolean(page['@odata.nextLink']) };
}

/** The object ids of the app registrations a person owns ("of the apps Irvin owns, which expire soon?"). */
export async function ownedApplicationIds(client: Client, userId: string): Promise<Set<string>> {
  const page = (await client.api(`/users/${encodeURIComponent(userId)}/ownedObjects/microsoft.graph.application`).select('id').top(999).get()) as { value: Array<{ id: string }> };
  return new Set(page.value.map((a) => a.id));
}

/** Whether each of these people has an MFA method registered (userRegistrationDetails), 15 ids a request. */
export async function mfaRegisteredAmong(client: Client, userIds: readonly string[]): Promise<Map<string, boolean>> {
  const registered = new Map<string, boolean>();
  for (let i = 0; i < userIds.length; i += 15) {
    const ids = userIds.slice(i, i + 15).filter(isGuid);
    if (!ids.length) continue;
    const page = (await client.api('/reports/authenticationMethods/userRegistrationDetails').filter(`id in (${ids.map((id) => odataString(id.toLowerCase())).join(',')})`).select(['id', 'isMfaRegistered']).get()) as { value: Array<{ id: string; isMfaRegistered?: boolean }> };
    for (const row of page.value) registered.set(row.id.toLowerCase(), row.isMfaRegistered === true);
  }
  return registered;
}

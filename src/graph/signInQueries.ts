/**
 * The sign-in log reads of the troubleshooting skill, and the few lookups its diagnosis needs (the blocking
 * policy, who disabled an account, risk detections). Every read is filtered on the server (user or app, time
 * window, status), selects only the fields used, asks for a bounded page, newest first, and follows at most a few
 * nextLinks: the whole log is never read (sign-ins page at most 1,000:
 * https://learn.microsoft.com/en-us/graph/api/signin-list).
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import { batchGet, type BatchResponse, bodyOf, type KeyCredential, type PasswordCredential } from './directoryQueries';
import { firstPage, getIfFound } from './reads';
import { guid, instant, isGuid } from './ids';
import { TtlCache } from './ttlCache';
import { GraphUnavailable, TRANSIENT_STATUSES } from './unavailable';

export interface SignInStatus {
  errorCode: number;
  failureReason?: string | null;
  additionalDetails?: string | null;
}

export interface AppliedPolicy {
  id: string;
  displayName: string;
  enforcedGrantControls?: string[];
  enforcedSessionControls?: string[];
  result: string;
}

export interface AuthenticationStep {
  authenticationMethod?: string | null;
  authenticationStepRequirement?: string | null;
  authenticationStepResultDetail?: string | null;
  succeeded?: boolean | null;
}

/** The fields of a beta signIn the diagnosis reads (https://learn.microsoft.com/en-us/graph/api/resources/signin?view=graph-rest-beta). */
export interface SignIn {
  id: string;
  createdDateTime: string;
  userId: string;
  userDisplayName?: string | null;
  userPrincipalName?: string | null;
  userType?: string | null;
  appId?: string | null;
  appDisplayName?: string | null;
  resourceDisplayName?: string | null;
  ipAddress?: string | null;
  clientAppUsed?: string | null;
  correlationId?: string | null;
  conditionalAccessStatus?: string | null;
  isInteractive?: boolean | null;
  signInEventTypes?: string[];
  servicePrincipalId?: string | null;
  servicePrincipalName?: string | null;
  status: SignInStatus;
  deviceDetail?: {
    displayName?: string | null;
    operatingSystem?: string | null;
    browser?: string | null;
    isCompliant?: boolean | null;
    isManaged?: boolean | null;
    trustType?: string | null;
  } | null;
  location?: { city?: string | null; state?: string | null; countryOrRegion?: string | null } | null;
  /** Absent when the caller may read sign-ins but not Conditional Access data. */
  appliedConditionalAccessPolicies?: AppliedPolicy[];
  authenticationRequirement?: string | null;
  authenticationDetails?: AuthenticationStep[];
  riskLevelDuringSignIn?: string | null;
  riskLevelAggregated?: string | null;
  riskState?: string | null;
  riskEventTypes_v2?: string[];
}

/** `$select` of every read: only what the diagnosis and the card use. */
export const SIGN_IN_FIELDS: readonly string[] = [
  'id',
  'createdDateTime',
  'userId',
  'userDisplayName',
  'userPrincipalName',
  'userType',
  'appId',
  'appDisplayName',
  'resourceDisplayName',
  'ipAddress',
  'clientAppUsed',
  'correlationId',
  'conditionalAccessStatus',
  'isInteractive',
  'signInEventTypes',
  'servicePrincipalId',
  'servicePrincipalName',
  'status',
  'deviceDetail',
  'location',
  'appliedConditionalAccessPolicies',
  'authenticationRequirement',
  'authenticationDetails',
  'riskLevelDuringSignIn',
  'riskLevelAggregated',
  'riskState',
  'riskEventTypes_v2',
];

export type SignInEventType = 'interactiveUser' | 'nonInteractiveUser' | 'servicePrincipal' | 'managedIdentity';

export interface SignInQuery {
  userId?: string;
  /** The client app (or, for service principals, the app signing in). */
  appId?: string;
  start: string;
  end: string;
  errorCode?: number;
  /** Absent: interactive user sign-ins, the log's default. Others come from beta's signInEventTypes filter. */
  eventType?: SignInEventType;
  /** $top of each page (1–1,000). */
  pageSize?: number;
  /** Pages read at most, the first included. */
  maxPages?: number;
}

export interface SignInPage {
  signIns: SignIn[];
  /** True when more entries matched than the bound allowed us to read. */
  truncated: boolean;
}

interface Page<T> {
  value: T[];
  '@odata.nextLink'?: string;
}


/** OData DateTimeOffset literals are unquoted ISO instants. */
export function signInFilter(query: SignInQuery): string {
  const clauses: string[] = [];
  if (query.userId) clauses.push(`userId eq '${guid(query.userId, 'userId')}'`);
  if (query.appId) clauses.push(`appId eq '${guid(query.appId, 'appId')}'`);
  clauses.push(`createdDateTime ge ${instant(query.start)}`, `createdDateTime le ${instant(query.end)}`);
  if (query.errorCode !== undefined) clauses.push(`status/errorCode eq ${Math.trunc(query.errorCode)}`);
  if (query.eventType) clauses.push(`signInEventTypes/any(t: t eq '${query.eventType}')`);
  return clauses.join(' and ');
}

/** Beta carries the MFA details and the event types the diagnosis needs; v1.0 lacks both. */
function signInRequest(client: Client, filter: string, top: number) {
  return client
    .api('/auditLogs/signIns')
    .version('beta')
    .filter(filter)
    .select([...SIGN_IN_FIELDS])
    .orderby('createdDateTime desc')
    .top(top);
}

/** The same read as signInRequest's, as the relative URL of an inner request of a beta `$batch`. */
function signInRequestUrl(filter: string, top: number): string {
  return `/auditLogs/signIns?$filter=${filter}&$select=${SIGN_IN_FIELDS.join(',')}&$orderby=createdDateTime desc&$top=${top}`;
}

const pageSizeOf = (query: SignInQuery) => Math.min(Math.max(query.pageSize ?? 100, 1), 1000);

/** Sign-ins matching the query, newest first, reading at most `maxPages` pages. */
export async function querySignIns(client: Client, query: SignInQuery): Promise<SignInPage> {
  return withLaterPages(client, query, (await signInRequest(client, signInFilter(query), pageSizeOf(query)).get()) as Page<SignIn>);
}

/** The first page and, while the query's page bound allows and Graph has more, the pages after it. */
async function withLaterPages(client: Client, query: SignInQuery, first: Page<SignIn>): Promise<SignInPage> {
  const maxPages = Math.max(query.maxPages ?? 2, 1);
  const signIns: SignIn[] = [...first.value];
  let page = first;
  for (let read = 1; read < maxPages && page['@odata.nextLink']; read++) {
    // The nextLink keeps the filter and page size; it is followed whole, never spliced
    // (https://learn.microsoft.com/en-us/graph/paging).
    page = (await client.api(page['@odata.nextLink']).get()) as Page<SignIn>;
    signIns.push(...page.value);
  }
  return { signIns, truncated: Boolean(page['@odata.nextLink']) };
}

/** Times a throttled or unavailable inner request is sent again: as many as the Graph client's RetryHandler retries a request (src/graph/client.ts). */
const SINGLE_READ_RETRIES = 3;

/**
 * A person's sign-ins (as querySignIns reads them) and their profile (as userSummary reads it) in one round trip: a
 * beta `$batch` of the first sign-in page and the profile, as a diagnosis of a named person needs both and neither
 * depends on the other. Later pages are read as querySignIns reads them. Each read keeps the meaning of its own single
 * request: a throttled or unavailable inner request is sent again as often as the Graph client retries one (Retry-After
 * honoured up to the same bound), and then fails the turn as GraphUnavailable; any other failure of the sign-in read is
 * thrown as the Graph client's error would be (statusCode and code, so a refusal still reads as one). The profile's
 * outcome is given back unread: `profile()` returns it, or throws its failure, when the diagnosis comes to it, so a
 * failing profile fails the turn at the same point as its own read did.
 */
export async function signInsAndProfile(client: Client, query: SignInQuery & { userId: string }): Promise<{ page: SignInPage; profile: () => UserSummary | undefined }> {
  const responses = await batchGet(
    client,
    [
      { id: 'signIns', url: signInRequestUrl(signInFilter(query), pageSizeOf(query)) },
      // Beta's user has the same properties and values as v1.0's for these fields; one batch holds one version.
      { id: 'user', url: `/users/${guid(query.userId, 'userId')}?$select=${USER_SUMMARY_FIELDS.join(',')}` },
    ],
    { retries: SINGLE_READ_RETRIES, version: 'beta' },
  );
  const signIns = responses.get('signIns');
  if (!signIns || signIns.status >= 300) throw innerFailure(signIns ?? { status: 0, body: undefined });
  const profile = responses.get('user');
  return { page: await withLaterPages(client, query, signIns.body as Page<SignIn>), profile: () => summaryOf(profile) };
}

/** The newest successful sign-in of a user before an instant, within the log's retention (one entry). */
export async function lastSuccessfulSignIn(client: Client, userId: string, before: string, since: string): Promise<SignIn | undefined> {
  const page = await querySignIns(client, { userId, start: since, end: before, errorCode: 0, pageSize: 1, maxPages: 1 });
  return page.signIns[0];
}

/**
 * The sign-ins of one request or correlation id, of every event type (the id may belong to a background token
 * refresh or an app's own sign-in). A correlation id groups a session's entries; a request id names one.
 */
export async function signInsById(client: Client, id: string): Promise<SignIn[]> {
  const value = guid(id, 'request or correlation id');
  const anyType = "signInEventTypes/any(t: t eq 'interactiveUser' or t eq 'nonInteractiveUser' or t eq 'servicePrincipal' or t eq 'managedIdentity')";
  for (const property of ['correlationId', 'id']) {
    const page = (await signInRequest(client, `${property} eq '${value}' and ${anyType}`, 50).get()) as Page<SignIn>;
    if (page.value.length > 0) return page.value;
  }
  return [];
}

export interface UserSummary {
  id: string;
  displayName?: string | null;
  userPrincipalName?: string | null;
  accountEnabled?: boolean | null;
  userType?: string | null;
  department?: string | null;
  /** A guest's address at home: their UPN here is the unbreakable `name_home#EXT#@tenant` form. */
  mail?: string | null;
}

const USER_SUMMARY_FIELDS = ['id', 'displayName', 'userPrincipalName', 'accountEnabled', 'userType', 'department', 'mail'];
const POLICY_FIELDS = ['id', 'displayName', 'state', 'conditions', 'grantControls'];

export async function userSummary(client: Client, userId: string): Promise<UserSummary | undefined> {
  return getIfFound<UserSummary>(client, `/users/${guid(userId, 'userId')}`, USER_SUMMARY_FIELDS);
}

export interface AccountChange {
  activityDateTime: string;
  activityDisplayName: string;
  initiatedBy?: { user?: { id?: string | null; displayName?: string | null; userPrincipalName?: string | null } | null; app?: { displayName?: string | null } | null };
}

/** Who disabled the account, newest first: the directory audit entries naming the user as target. */
export async function accountDisabledChanges(client: Client, userId: string, since: string): Promise<AccountChange[]> {
  return firstPage<AccountChange>(client, '/auditLogs/directoryAudits', { filter: `activityDisplayName eq 'Disable account' and targetResources/any(t: t/id eq '${guid(userId, 'userId')}') and activityDateTime ge ${instant(since)}`, select: ['activityDateTime', 'activityDisplayName', 'initiatedBy'], top: 5 });
}

export interface PolicyDefinition {
  id: string;
  displayName: string;
  state: string;
  conditions?: {
    clientAppTypes?: string[];
    platforms?: { includePlatforms?: string[]; excludePlatforms?: string[] } | null;
    locations?: { includeLocations?: string[]; excludeLocations?: string[] } | null;
    users?: { includeGuestsOrExternalUsers?: unknown; includeUsers?: string[]; includeGroups?: string[]; includeRoles?: string[] } | null;
    applications?: { includeApplications?: string[] } | null;
    signInRiskLevels?: string[];
    userRiskLevels?: string[];
  };
  grantControls?: { operator?: string; builtInControls?: string[] } | null;
}

export async function conditionalAccessPolicy(client: Client, policyId: string): Promise<PolicyDefinition | undefined> {
  return getIfFound<PolicyDefinition>(client, `/identity/conditionalAccess/policies/${guid(policyId, 'policy id')}`, POLICY_FIELDS);
}

/** A tenant holds at most 195 Conditional Access policies (https://learn.microsoft.com/en-us/entra/identity/conditional-access/overview#service-limits). */
const POLICIES_MAX = 200;

/**
 * Conditional Access policy definitions as one Graph client last read them, each for a short time: a troubleshooting
 * turn reads the policy that blocked the latest failure, and the same few policies block most failures, so holding
 * them spares that read in most turns. A policy changed in the portal shows on a card at most `ttlMs` later; the
 * sign-ins themselves (which policy applied, its result) are always read fresh. One cache belongs to one client, so
 * to one set of rights (the app's own, or one asker's on-behalf-of token): a definition read with someone's rights is
 * never shown with another's. Only what Graph answered is kept: a policy it found, or that it found none (404); a
 * refusal or a failure is never remembered. At most 200 entries (a tenant's limit is 195 policies).
 */
export class PolicyDefinitionCache {
  private readonly entries: TtlCache<string, PolicyDefinition | null>;

  constructor(options: { ttlMs: number; maxEntries?: number; clock?: () => number }) {
    this.entries = new TtlCache({ ttlMs: options.ttlMs, maxEntries: options.maxEntries ?? POLICIES_MAX, clock: options.clock });
  }

  /** The definition as read within the TTL; null: Graph found no such policy then; undefined: not held. */
  get(policyId: string): PolicyDefinition | null | undefined {
    return this.entries.get(policyId.toLowerCase());
  }

  set(policyId: string, policy: PolicyDefinition | undefined): void {
    this.entries.set(policyId.toLowerCase(), policy ?? null);
  }
}

/**
 * The blocking policy and the person's profile of a diagnosis, read together: they do not depend on each other, so
 * both go in one `$batch` (one round trip instead of two). Each keeps the meaning of its own read: the policy is
 * left out when Graph refuses it or does not find it (as optional evidence is), the profile when the user is not
 * found; any other failure is the turn's, as it would be for a single read. With `policies`, a definition read within
 * its TTL is taken from there and only the profile is read. With `profile` (the profile signInsAndProfile already
 * read), only the policy is read, when it is not held.
 */
export async function policyAndUserSummary(
  client: Client,
  policyId: string | undefined,
  userId: string | undefined,
  policies?: PolicyDefinitionCache,
  profile?: () => UserSummary | undefined,
): Promise<{ policy?: PolicyDefinition; user?: UserSummary }> {
  const held = policyId ? policies?.get(policyId) : undefined;
  if (profile) {
    const policy = held !== undefined ? (held ?? undefined) : policyId ? await conditionalAccessPolicy(client, policyId).then((read) => remembered(policies, policyId, read), unlessRefused) : undefined;
    return { policy, user: profile() };
  }
  if (held !== undefined) return { policy: held ?? undefined, ...(userId ? { user: await userSummary(client, userId) } : {}) };
  if (!policyId || !userId) {
    return {
      ...(policyId ? { policy: await conditionalAccessPolicy(client, policyId).then((policy) => remembered(policies, policyId, policy), unlessRefused) } : {}),
      ...(userId ? { user: await userSummary(client, userId) } : {}),
    };
  }
  const responses = await batchGet(client, [
    { id: 'policy', url: `/identity/conditionalAccess/policies/${guid(policyId, 'policy id')}?$select=${POLICY_FIELDS.join(',')}` },
    { id: 'user', url: `/users/${guid(userId, 'userId')}?$select=${USER_SUMMARY_FIELDS.join(',')}` },
  ]);
  const policy = responses.get('policy');
  const policyRead = policy !== undefined && (policy.status < 300 || policy.status === 404);
  if (policy && !policyRead) unlessRefused(batchError(policy));
  const user = summaryOf(responses.get('user'));
  const definition = bodyOf<PolicyDefinition>(responses, 'policy');
  if (policyRead) policies?.set(policyId, definition);
  return { policy: definition, user };
}

/** The profile an inner request read: undefined when Graph found no such user; any other failure is thrown. */
function summaryOf(response: BatchResponse | undefined): UserSummary | undefined {
  if (response && response.status >= 300 && response.status !== 404) throw innerFailure(response);
  return response && response.status < 300 ? (response.body as UserSummary) : undefined;
}

/** A failed inner request as its single read fails: throttled or unavailable after the retries, GraphUnavailable; else the Graph client's error. */
function innerFailure(response: BatchResponse): Error {
  return TRANSIENT_STATUSES.has(response.status) ? new GraphUnavailable(response.status, response.retryAfterSeconds) : batchError(response);
}

function remembered(policies: PolicyDefinitionCache | undefined, policyId: string, policy: PolicyDefinition | undefined): PolicyDefinition | undefined {
  policies?.set(policyId, policy);
  return policy;
}

/** A refusal (or a tenant without the licence) leaves optional evidence out; anything else is rethrown. */
function unlessRefused(err: unknown): undefined {
  if (readRefusal(err)) return undefined;
  throw err;
}

/** An inner `$batch` failure as the error the Graph client would have thrown for the same single request. */
function batchError(response: BatchResponse): Error & { statusCode: number; code?: string } {
  const inner = (response.body as { error?: { code?: string; message?: string } } | undefined)?.error;
  return Object.assign(new Error(inner?.message ?? `Graph answered ${response.status}`), { statusCode: response.status, code: inner?.code });
}

export interface NamedLocation {
  id: string;
  displayName: string;
  countriesAndRegions?: string[];
}

export async function namedLocations(client: Client, ids: string[]): Promise<NamedLocation[]> {
  const wanted = ids.filter(isGuid);
  if (wanted.length === 0) return [];
  return firstPage<NamedLocation>(client, '/identity/conditionalAccess/namedLocations', { filter: `id in (${wanted.map((id) => `'${id.toLowerCase()}'`).join(',')})` });
}

export interface RiskDetection {
  riskEventType: string;
  riskLevel: string;
  riskState: string;
  detectedDateTime: string;
  ipAddress?: string | null;
}

export async function riskDetectionsOfUser(client: Client, userId: string, since: string): Promise<RiskDetection[]> {
  return firstPage<RiskDetection>(client, '/identityProtection/riskDetections', { filter: `userId eq '${guid(userId, 'userId')}' and detectedDateTime ge ${instant(since)}`, select: ['riskEventType', 'riskLevel', 'riskState', 'detectedDateTime', 'ipAddress'], top: 20 });
}

export interface AppRegistrationCredentials {
  displayName?: string | null;
  passwordCredentials?: PasswordCredential[];
  keyCredentials?: KeyCredential[];
}

/** The secrets and certificates of the app registration behind an appId: why an app cannot authenticate. */
export async function appRegistrationCredentials(client: Client, appId: string): Promise<AppRegistrationCredentials | undefined> {
  return (await firstPage<AppRegistrationCredentials>(client, '/applications', { filter: `appId eq '${guid(appId, 'appId')}'`, select: ['id', 'displayName', 'passwordCredentials', 'keyCredentials'] }))[0];
}

/** Why a read was refused, from Graph's error: the asker's roles, or the tenant's licence. */
export type ReadRefusal = 'forbidden' | 'unlicensed';

export function readRefusal(err: unknown): ReadRefusal | undefined {
  const e = err as { statusCode?: number; code?: string; message?: string };
  if (e?.code === 'Authentication_RequestFromNonPremiumTenantOrB2CTenant' || /premium license/i.test(e?.message ?? '')) return 'unlicensed';
  if (e?.statusCode === 403 || e?.statusCode === 401) return 'forbidden';
  return undefined;
}

/**
 * The Identity Protection reads of the risk skills (https://learn.microsoft.com/en-us/graph/api/riskyuser-list,
 * https://learn.microsoft.com/en-us/graph/api/riskyuser-list-history, https://learn.microsoft.com/en-us/graph/api/riskdetection-list).
 * What Graph documents, and so
 * all these requests use: riskyUsers supports $filter and $select with $top up to 500 (no $orderby, no $skip);
 * a riskyUser's history supports only $select; riskDetections supports $filter, $select and $top (default 20, max
 * 500; no $orderby, no $count). Ordering is therefore done by the skills, never asked of Graph.
 *
 * One answer about a user is one `$batch` (risk, history, detections, account, MFA registration), then at most one
 * more (the risky sign-ins by request id, whether the flagged IP is one the user normally uses, and the names of
 * the people who closed the risk). Identity Protection allows 1 request per second per tenant and its 429s carry
 * no Retry-After (https://learn.microsoft.com/en-us/graph/throttling-limits), so throttled inner requests are sent again after a growing pause.
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import { firstPage } from './reads';
import type { BatchRequest, Page } from './directoryQueries';
import { guid, instant } from './ids';

export interface RiskyUser {
  id: string;
  userDisplayName?: string | null;
  userPrincipalName?: string | null;
  riskLevel?: string | null;
  riskState?: string | null;
  riskDetail?: string | null;
  riskLastUpdatedDateTime?: string | null;
  isDeleted?: boolean | null;
  isProcessing?: boolean | null;
}

export interface RiskyUserHistoryItem extends RiskyUser {
  /** Who changed the risk: a user or app object id; null when Identity Protection itself did. */
  initiatedBy?: string | null;
  userId?: string | null;
  activity?: { detail?: string | null; riskEventTypes?: string[] | null } | null;
}

export interface RiskLocation {
  city?: string | null;
  state?: string | null;
  countryOrRegion?: string | null;
}

export interface RiskDetection {
  id: string;
  /** The sign-in's id (its request id) when the detection came from a sign-in; null otherwise. */
  requestId?: string | null;
  riskEventType: string;
  riskLevel?: string | null;
  riskState?: string | null;
  riskDetail?: string | null;
  source?: string | null;
  detectionTimingType?: string | null;
  activity?: string | null;
  ipAddress?: string | null;
  location?: RiskLocation | null;
  activityDateTime?: string | null;
  detectedDateTime?: string | null;
  lastUpdatedDateTime?: string | null;
  userId?: string | null;
  /** A JSON-encoded string of {Key, Value} pairs (https://learn.microsoft.com/en-us/graph/api/resources/riskdetection). */
  additionalInfo?: string | null;
}

/** The fields of a sign-in that carried risk, as the risk card shows it. */
export interface RiskySignIn {
  id: string;
  createdDateTime: string;
  appDisplayName?: string | null;
  ipAddress?: string | null;
  location?: RiskLocation | null;
  status?: { errorCode?: number | null; failureReason?: string | null } | null;
  riskLevelDuringSignIn?: string | null;
  riskState?: string | null;
  riskEventTypes_v2?: string[] | null;
}

export interface AccountFacts {
  id: string;
  displayName?: string | null;
  userPrincipalName?: string | null;
  accountEnabled?: boolean | null;
}

export interface MfaRegistration {
  isMfaRegistered?: boolean | null;
  methodsRegistered?: string[] | null;
}


/** OData DateTimeOffset literals are unquoted ISO instants. */
export interface Window {
  start: string;
  end: string;
}

export const RISKY_USER_FIELDS = 'id,userDisplayName,userPrincipalName,riskLevel,riskState,riskDetail,riskLastUpdatedDateTime,isDeleted,isProcessing';
const HISTORY_FIELDS = 'id,riskLevel,riskState,riskDetail,riskLastUpdatedDateTime,initiatedBy,userId,activity';
const DETECTION_FIELDS =
  'id,requestId,riskEventType,riskLevel,riskState,riskDetail,source,detectionTimingType,activity,ipAddress,location,activityDateTime,detectedDateTime,lastUpdatedDateTime,userId,additionalInfo';
const SIGN_IN_FIELDS = 'id,createdDateTime,appDisplayName,ipAddress,location,status,riskLevelDuringSignIn,riskState,riskEventTypes_v2';

/** Detections one user answer reads at most (Graph's page maximum is 500; a user rarely has more than a few). */
export const USER_DETECTION_LIMIT = 100;
/** How far back "an address the user normally signs in from" looks. */
export const FAMILIAR_DAYS = 30;

/** The first batch of "is Bob at risk?": what the asker's rights allow of risk, detections, account and MFA. */
export function riskUserRequests(userId: string, include: { detections: boolean; registration: boolean; window?: Window }): BatchRequest[] {
  const id = guid(userId, 'userId');
  const requests: BatchRequest[] = [
    { id: 'riskyUser', url: `/identityProtection/riskyUsers/${id}?$select=${RISKY_USER_FIELDS}` },
    { id: 'history', url: `/identityProtection/riskyUsers/${id}/history?$select=${HISTORY_FIELDS}` },
    { id: 'account', url: `/users/${id}?$select=id,displayName,userPrincipalName,accountEnabled` },
  ];
  if (include.detections) {
    const detections = (filters: string[]) => `/identityProtection/riskDetections?$filter=${[`userId eq '${id}'`, ...filters].join(' and ')}&$select=${DETECTION_FIELDS}&$top=${USER_DETECTION_LIMIT}`;
    if (include.window) {
      requests.push({ id: 'detections', url: detections([`detectedDateTime ge ${instant(include.window.start)}`, `detectedDateTime le ${instant(include.window.end)}`]) });
      // What to do depends on every open detection, not only those of the window the question named.
      requests.push({ id: 'openDetections', url: detections(["(riskState eq 'atRisk' or riskState eq 'confirmedCompromised')"]) });
    } else {
      requests.push({ id: 'detections', url: detections([]) });
    }
  }
  // The registration report documents only $filter and $orderby, so this read takes the whole (small) record.
  if (include.registration) requests.push({ id: 'registration', url: `/reports/authenticationMethods/userRegistrationDetails/${id}` });
  return requests;
}

/** One sign-in by its id (a detection's requestId). */
export function signInRequest(index: number, requestId: string): BatchRequest {
  return { id: `signIn-${index}`, url: `/auditLogs/signIns/${guid(requestId, 'requestId')}?$select=${SIGN_IN_FIELDS}` };
}

/**
 * The user's successful sign-ins from one address in the days before a flagged sign-in: when there are several,
 * the address is one the user normally signs in from.
 */
export function familiarAddressRequest(index: number, userId: string, ipAddress: string, before: string): BatchRequest {
  if (!isIpAddress(ipAddress)) throw new Error(`Not an IP address: ${ipAddress}`);
  const end = new Date(instant(before));
  const start = new Date(end.getTime() - FAMILIAR_DAYS * 86_400_000);
  const filter = `userId eq '${guid(userId, 'userId')}' and ipAddress eq '${ipAddress}' and status/errorCode eq 0 and createdDateTime ge ${start.toISOString()} and createdDateTime le ${end.toISOString()}`;
  return { id: `familiar-${index}`, url: `/auditLogs/signIns?$filter=${filter}&$select=id,createdDateTime&$top=20` };
}

/**
 * The user's latest sign-in refused because no MFA method is registered (50079), in the days before `before`: a user
 * at risk with no method cannot clear the risk, and this is how it shows.
 */
export function mfaRegistrationFailureRequest(userId: string, before: string): BatchRequest {
  const end = new Date(instant(before));
  const start = new Date(end.getTime() - FAMILIAR_DAYS * 86_400_000);
  const filter = `userId eq '${guid(userId, 'userId')}' and status/errorCode eq 50079 and createdDateTime ge ${start.toISOString()} and createdDateTime le ${end.toISOString()}`;
  return { id: 'mfaRegistration', url: `/auditLogs/signIns?$filter=${filter}&$select=id,createdDateTime,appDisplayName&$top=1` };
}

/** IPv4 or IPv6 text: only such values from tenant data go into a filter. */
export function isIpAddress(value: string): boolean;
export function isIpAddress(value: string | null | undefined): value is string;
export function isIpAddress(value: string | null | undefined): boolean {
  return typeof value === 'string' && value.length <= 45 && (/^\d{1,3}(\.\d{1,3}){3}$/.test(value) || (/^[0-9a-f:.]+$/i.test(value) && value.includes(':')));
}

const RISK_LEVELS = ['high', 'medium', 'low'] as const;
export type ListedRiskLevel = (typeof RISK_LEVELS)[number];

export interface RiskyUsersQuery {
  /** Only this level (else every level). */
  level?: ListedRiskLevel;
  /** Only users whose risk last changed in this window. */
  window?: Window;
}

/** Users at risk now (at risk or confirmed compromised), as Graph filters them. */
export function riskyUsersFilter(query: RiskyUsersQuery): string {
  const filters = ["(riskState eq 'atRisk' or riskState eq 'confirmedCompromised')"];
  if (query.level) {
    if (!RISK_LEVELS.includes(query.level)) throw new Error(`Not a risk level: ${String(query.level)}`);
    filters.push(`riskLevel eq '${query.level}'`);
  }
  if (query.window) filters.push(`riskLastUpdatedDateTime ge ${instant(query.window.start)}`, `riskLastUpdatedDateTime le ${instant(query.window.end)}`);
  return filters.join(' and ');
}

/** Pages of 500 (Graph's maximum) read at most: 5,000 users at risk at once. */
const MAX_RISKY_USER_PAGES = 10;

export interface RiskyUsersResult {
  users: RiskyUser[];
  /** More matched than the bound allowed us to read. */
  truncated: boolean;
  requests: number;
}

/**
 * Every user at risk that matches, following Graph's nextLinks whole (https://learn.microsoft.com/en-us/graph/paging). Graph cannot order this
 * list, so the skill reads all of it (bounded) and orders it itself.
 */
export async function listRiskyUsers(client: Client, query: RiskyUsersQuery): Promise<RiskyUsersResult> {
  let page = (await client.api('/identityProtection/riskyUsers').filter(riskyUsersFilter(query)).select(RISKY_USER_FIELDS).top(500).get()) as Page<RiskyUser>;
  const users = [...page.value];
  let requests = 1;
  while (page['@odata.nextLink'] && requests < MAX_RISKY_USER_PAGES) {
    page = (await client.api(page['@odata.nextLink']).get()) as Page<RiskyUser>;
    users.push(...page.value);
    requests++;
  }
  return { users, truncated: Boolean(page['@odata.nextLink']), requests };
}

/** The detections of a page of users, in one request: what the list shows next to each name. */
export async function detectionsOfUsers(client: Client, userIds: readonly string[], openOnly: boolean): Promise<RiskDetection[]> {
  if (userIds.length === 0) return [];
  const anyUser = userIds.map((id) => `userId eq '${guid(id, 'userId')}'`).join(' or ');
  const filters = [`(${anyUser})`];
  if (openOnly) filters.push("(riskState eq 'atRisk' or riskState eq 'confirmedCompromised')");
  return firstPage<RiskDetection>(client, '/identityProtection/riskDetections', { filter: filters.join(' and '), select: 'id,userId,riskEventType,riskState,detectedDateTime', top: 500 });
}

/**
 * The Identity Protection reads about workload identities (risky service principals and their detections), one
 * `$batch` per step and `$select` everywhere. Only what Graph documents for these collections is used
 * (https://learn.microsoft.com/en-us/graph/api/identityprotectionroot-list-riskyserviceprincipals,
 * https://learn.microsoft.com/en-us/graph/api/identityprotectionroot-list-serviceprincipalriskdetections:
 * `$filter`, `$select`, `$count`; `$top` on detections): no `$orderby` or `$top` on the risky list, so
 * the answer sorts itself and follows Graph's own nextLinks. The app's owners, credentials and audit entries come
 * from the directory reads (directoryQueries.ts) so both answers ask Graph the same way.
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import { appRequests, type BatchRequest, type Page } from './directoryQueries';
import { instant, odataString } from './ids';

export type RiskLevelValue = 'low' | 'medium' | 'high' | 'hidden' | 'none' | 'unknownFutureValue';

export interface RiskyServicePrincipal {
  id: string;
  appId?: string | null;
  displayName?: string | null;
  servicePrincipalType?: string | null;
  isEnabled?: boolean | null;
  riskLevel?: string | null;
  riskState?: string | null;
  riskDetail?: string | null;
  riskLastUpdatedDateTime?: string | null;
}

export interface RiskyServicePrincipalHistoryItem extends RiskyServicePrincipal {
  /** The object id of whoever changed the risk (an admin dismissing or confirming); null for Identity Protection itself. */
  initiatedBy?: string | null;
  activity?: { detail?: string | null; riskEventTypes?: string[] | null } | null;
}

export interface ServicePrincipalRiskDetection {
  id: string;
  riskEventType?: string | null;
  riskLevel?: string | null;
  riskState?: string | null;
  riskDetail?: string | null;
  activityDateTime?: string | null;
  detectedDateTime?: string | null;
  ipAddress?: string | null;
  location?: { city?: string | null; state?: string | null; countryOrRegion?: string | null } | null;
  /** The credentials (keyId of a password or key credential) the risky activity used, when Graph knows them. */
  keyIds?: string[] | null;
  /** A JSON-encoded array of {Key, Value} (https://learn.microsoft.com/en-us/graph/api/resources/serviceprincipalriskdetection). */
  additionalInfo?: string | null;
  detectionTimingType?: string | null;
}

/** Risk states of a workload identity that still needs an admin. */
export const OPEN_RISK_STATES = ['atRisk', 'confirmedCompromised'] as const;
/** Risk states closed by an admin or by remediation. */
export const CLOSED_RISK_STATES = ['dismissed', 'remediated', 'confirmedSafe'] as const;

const RISKY_FIELDS = 'id,appId,displayName,servicePrincipalType,isEnabled,riskLevel,riskState,riskDetail,riskLastUpdatedDateTime';
const HISTORY_FIELDS = 'id,riskLevel,riskState,riskDetail,riskLastUpdatedDateTime,initiatedBy,activity';
const DETECTION_FIELDS = 'id,riskEventType,riskLevel,riskState,riskDetail,activityDateTime,detectedDateTime,ipAddress,location,keyIds,additionalInfo,detectionTimingType';
/** Detections read for one service principal (newest first); a busy one has a handful, so one page suffices. */
export const DETECTION_PAGE = 50;
/** Pages of the risky list followed at most: Graph pages it by about 20, so this reads a few hundred. */
export const MAX_RISKY_PAGES = 10;
/** Closed cases named beside the open ones, at most. */
export const CLOSED_NAMED = 5;

const anyState = (states: readonly string[]) => `(${states.map((s) => `riskState eq ${odataString(s)}`).join(' or ')})`;

export interface RiskyListFilter {
  riskLevel?: string;
  /** riskLastUpdatedDateTime window, when the question named one. */
  updatedFrom?: string;
  updatedTo?: string;
}

function windowFilters(filter: RiskyListFilter): string[] {
  const parts: string[] = [];
  if (filter.updatedFrom) parts.push(`riskLastUpdatedDateTime ge ${instant(filter.updatedFrom)}`);
  if (filter.updatedTo) parts.push(`riskLastUpdatedDateTime le ${instant(filter.updatedTo)}`);
  return parts;
}

/**
 * "Any risky apps?" in one `$batch`: the open ones (at risk or confirmed compromised, at the level asked), and how many
 * were closed (dismissed, remediated, confirmed safe), counted on a page of ids.
 */
export function riskyListRequests(filter: RiskyListFilter): BatchRequest[] {
  const open = [anyState(OPEN_RISK_STATES), ...(filter.riskLevel ? [`riskLevel eq ${odataString(filter.riskLevel)}`] : []), ...windowFilters(filter)];
  const closed = [anyState(CLOSED_RISK_STATES), ...windowFilters(filter)];
  return [
    { id: 'open', url: `/identityProtection/riskyServicePrincipals?$filter=${open.join(' and ')}&$select=${RISKY_FIELDS}&$count=true` },
    // Named in the answer ("not listed: Marketing Automation, dismissed …"): the admin asked about risky apps and may
    // be looking for that one.
    { id: 'closed', url: `/identityProtection/riskyServicePrincipals?$filter=${closed.join(' and ')}&$select=id,displayName,riskState,riskLastUpdatedDateTime&$top=${CLOSED_NAMED}&$count=true` },
  ];
}

/**
 * The rest of a list Graph paged: its nextLinks, followed whole (never spliced: https://learn.microsoft.com/en-us/graph/paging),
 * up to a bound.
 */
export async function remainingPages<T>(client: Client, first: Page<T>, maxPages: number): Promise<{ items: T[]; truncated: boolean }> {
  const items = [...first.value];
  let page = first;
  for (let read = 1; read < maxPages && page['@odata.nextLink']; read++) {
    page = (await client.api(page['@odata.nextLink']).get()) as Page<T>;
    items.push(...page.value);
  }
  return { items, truncated: Boolean(page['@odata.nextLink']) };
}

/**
 * "Is the Payroll Connector compromised?" in one `$batch`: its risk, the risk's history, its detections, and (from the
 * directory reads) the service principal with its credentials, its owners and the app registration.
 */
export function workloadRiskRequests(servicePrincipalId: string, appId: string | undefined, include: { application: boolean }): BatchRequest[] {
  const id = encodeURIComponent(servicePrincipalId);
  const requests: BatchRequest[] = [
    { id: 'risky', url: `/identityProtection/riskyServicePrincipals/${id}?$select=${RISKY_FIELDS}` },
    { id: 'history', url: `/identityProtection/riskyServicePrincipals/${id}/history?$select=${HISTORY_FIELDS}` },
    {
      id: 'detections',
      url: `/identityProtection/servicePrincipalRiskDetections?$filter=servicePrincipalId eq ${odataString(servicePrincipalId)}&$select=${DETECTION_FIELDS}&$top=${DETECTION_PAGE}`,
    },
  ];
  if (include.application) requests.push(...appRequests(servicePrincipalId, appId));
  return requests;
}

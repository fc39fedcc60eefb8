import type { CollectionName, GraphObject } from '../snapshot/layout';
import type { LogShape } from '../snapshot/logIndex';

/** Properties indexed for equality filters per collection (the lookups the bot's questions make). */
export const INDEXED_PATHS: Record<CollectionName, string[]> = {
  organization: ['id'],
  users: ['id', 'userPrincipalName', 'mail', 'userType', 'accountEnabled'],
  groups: ['id', 'displayName'],
  applications: ['id', 'appId', 'displayName'],
  servicePrincipals: ['id', 'appId', 'displayName'],
  signIns: ['id', 'userId', 'userPrincipalName', 'correlationId', 'appId', 'ipAddress', 'status/errorCode', 'servicePrincipalId'],
  directoryAudits: ['id', 'correlationId', 'category', 'activityDisplayName', 'initiatedBy/user/id', 'initiatedBy/app/appId'],
  riskyUsers: ['id', 'userPrincipalName', 'riskState', 'riskLevel'],
  riskDetections: ['id', 'userId', 'userPrincipalName', 'requestId', 'correlationId', 'riskEventType'],
  riskyServicePrincipals: ['id', 'appId', 'riskState'],
  servicePrincipalRiskDetections: ['id', 'servicePrincipalId', 'appId'],
  conditionalAccessPolicies: ['id'],
  namedLocations: ['id'],
  roleDefinitions: ['id', 'templateId'],
  roleAssignments: ['id', 'principalId', 'roleDefinitionId'],
  userRegistrationDetails: ['id', 'userPrincipalName'],
};

/**
 * The default order of a collection's list endpoint (odata/endpointRules.ts), declared to the query engine when the
 * snapshot already stores the items in it, as the generator writes logs newest first.
 */
export const STORED_ORDER_CANDIDATES: Partial<Record<CollectionName, { property: string; descending: boolean }>> = {
  signIns: { property: 'createdDateTime', descending: true },
  directoryAudits: { property: 'activityDateTime', descending: true },
  riskDetections: { property: 'detectedDateTime', descending: true },
};

/** Sign-ins the default list returns: interactive user sign-ins (https://learn.microsoft.com/en-us/graph/api/signin-list). */
export function isInteractiveUserSignIn(signIn: GraphObject): boolean {
  const types = signIn.signInEventTypes;
  if (Array.isArray(types) && types.length > 0) return types.includes('interactiveUser');
  return signIn.isInteractive !== false;
}

/** The view of sign-ins /auditLogs/signIns lists unless beta asks for signInEventTypes. */
export const INTERACTIVE_VIEW = 'interactive';

/**
 * Collections kept on disk behind an index when their file is in the one-object-per-line layout: the sign-in log,
 * which reaches millions of entries (a 2,000,000-sign-in file is 3.4 GB). The rest are held in memory.
 */
export const ON_DISK_SHAPES: Partial<Record<CollectionName, LogShape>> = {
  signIns: {
    // An index on disk costs memory only once a query uses it, so the log on disk also indexes the properties
    // admins filter sign-ins on with eq besides the bot's lookups: a scan would read and parse every entry.
    indexedPaths: [
      ...INDEXED_PATHS.signIns,
      'appDisplayName',
      'resourceId',
      'resourceDisplayName',
      'clientAppUsed',
      'conditionalAccessStatus',
      'riskState',
      'riskLevelDuringSignIn',
      'location/countryOrRegion',
    ],
    order: STORED_ORDER_CANDIDATES.signIns,
    views: { [INTERACTIVE_VIEW]: isInteractiveUserSignIn },
  },
};

import type { CollectionName } from '../snapshot/layout';

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

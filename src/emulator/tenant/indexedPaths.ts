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

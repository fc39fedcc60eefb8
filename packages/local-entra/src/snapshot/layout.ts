/** Where each Graph collection lives in a tenant snapshot folder (docs/TENANT-FORMAT.md). */
export const COLLECTION_FILES = {
  organization: 'organization.json',
  users: 'users.json',
  groups: 'groups.json',
  applications: 'applications.json',
  servicePrincipals: 'servicePrincipals.json',
  signIns: 'auditLogs/signIns.json',
  directoryAudits: 'auditLogs/directoryAudits.json',
  riskyUsers: 'identityProtection/riskyUsers.json',
  riskDetections: 'identityProtection/riskDetections.json',
  riskyServicePrincipals: 'identityProtection/riskyServicePrincipals.json',
  servicePrincipalRiskDetections: 'identityProtection/servicePrincipalRiskDetections.json',
  conditionalAccessPolicies: 'identity/conditionalAccess/policies.json',
  namedLocations: 'identity/conditionalAccess/namedLocations.json',
  roleDefinitions: 'roleManagement/directory/roleDefinitions.json',
  roleAssignments: 'roleManagement/directory/roleAssignments.json',
  userRegistrationDetails: 'reports/authenticationMethods/userRegistrationDetails.json',
} as const;

export type CollectionName = keyof typeof COLLECTION_FILES;

export const COLLECTION_NAMES = Object.keys(COLLECTION_FILES) as CollectionName[];

export const SNAPSHOT_META_FILE = 'snapshot.json';

/** A Graph object as stored in a snapshot: Graph property names, JSON values. */
export type GraphObject = Record<string, unknown>;

export interface SnapshotMeta {
  capturedDateTime: string;
  tenantId: string;
  description?: string;
}

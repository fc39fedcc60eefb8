import type { GraphObject } from '../snapshot/layout';

/**
 * Properties that exist on beta only (graph-schemas.json: beta properties absent from the v1.0 CSDL). Snapshot
 * objects may carry them; v1.0 responses must not.
 */
const BETA_ONLY: Record<string, readonly string[]> = {
  signIns: [
    'agent', 'alternateSignInName', 'appOwnerTenantId', 'appTokenProtectionStatus', 'appliedEventListeners',
    'authenticationAppPolicyEvaluationDetails', 'authenticationContextClassReferences', 'authenticationDetails',
    'authenticationMethodsUsed', 'authenticationProcessingDetails', 'authenticationProtocol', 'authenticationRequirement',
    'authenticationRequirementPolicies', 'autonomousSystemNumber', 'azureResourceId', 'clientCredentialType', 'clientSessionId',
    'conditionalAccessAudiences', 'crossTenantAccessType', 'federatedCredentialId', 'flaggedForReview', 'globalSecureAccessIpAddress',
    'homeTenantName', 'incomingTokenType', 'ipAddressFromResourceProvider', 'isTenantRestricted', 'isThroughGlobalSecureAccess',
    'managedServiceIdentity', 'mfaDetail', 'networkLocationDetails', 'originalRequestId', 'originalTransferMethod',
    'privateLinkDetails', 'processingTimeInMilliseconds', 'resourceOwnerTenantId', 'resourceServicePrincipalId',
    'servicePrincipalCredentialKeyId', 'servicePrincipalCredentialThumbprint', 'sessionId', 'sessionLifetimePolicies',
    'signInEventTypes', 'signInIdentifier', 'signInIdentifierType', 'signInTokenProtectionStatus', 'tokenIssuerName',
    'tokenIssuerType', 'tokenProtectionStatusDetails', 'uniqueTokenIdentifier', 'userType',
  ],
  riskDetections: ['mitreTechniqueId', 'riskType'],
  riskyServicePrincipals: ['accountEnabled'],
  riskyServicePrincipalHistory: ['accountEnabled', 'servicePrincipalId'],
  servicePrincipalRiskDetections: ['mitreTechniqueId'],
  directoryAudits: ['performedBy', 'userAgent'],
  roleDefinitions: ['allowedPrincipalTypes', 'isPrivileged'],
  roleAssignments: ['resourceScope'],
  userRegistrationDetails: ['defaultMfaMethod'],
  groups: ['createdByAppId', 'membershipRuleProcessingStatus', 'writebackConfiguration'],
  users: ['refreshTokensValidFromDateTime', 'isLicenseReconciliationNeeded', 'onPremisesSipInfo'],
};

/** Nested beta-only properties of sign-ins. */
const SIGN_IN_NESTED_BETA_ONLY = {
  deviceDetail: ['browserId'],
  appliedConditionalAccessPolicies: ['authenticationStrength', 'conditionsNotSatisfied', 'conditionsSatisfied', 'excludeRulesSatisfied', 'includeRulesSatisfied', 'sessionControlsNotSatisfied'],
};

/** Properties that production beta no longer returns (x-not-in-beta-prod). */
const NOT_IN_BETA: Record<string, readonly string[]> = { signIns: ['riskEventTypes', 'alternateSignInName'] };

/** Beta types that do not derive from their v1.0 base: beta returns only their own properties. */
const BETA_KEEPS_ONLY: Record<string, ReadonlySet<string>> = {
  // beta riskyServicePrincipalHistoryItem derives from entity, not from riskyServicePrincipal.
  riskyServicePrincipalHistory: new Set(['id', 'activity', 'initiatedBy', 'servicePrincipalId']),
};

function without(object: GraphObject, names: readonly string[]): GraphObject {
  if (!names.some((name) => name in object)) return object;
  const copy = { ...object };
  for (const name of names) delete copy[name];
  return copy;
}

/** Names of BETA_ONLY by kind, to look up a few keys in: a `$select`ed item has a few, the list has fifty. */
const BETA_ONLY_SETS: Record<string, ReadonlySet<string>> = Object.fromEntries(Object.entries(BETA_ONLY).map(([kind, names]) => [kind, new Set(names)]));

/** As `without(object, BETA_ONLY[kind])`, checking the object's keys when it has fewer of them than the list. */
function withoutBetaOnly(kind: string, object: GraphObject): GraphObject {
  const names = BETA_ONLY[kind] ?? [];
  const keys = Object.keys(object);
  // Every name on the list is a plain own property when present (no prototype has them), so the two checks agree.
  if (keys.length < names.length && !keys.some((key) => BETA_ONLY_SETS[kind].has(key))) return object;
  return without(object, names);
}

function withoutNestedSignInFields(signIn: GraphObject): GraphObject {
  // Nothing nested to remove: the object as it is (a $select without these properties).
  if (!('deviceDetail' in signIn) && !('appliedConditionalAccessPolicies' in signIn)) return signIn;
  const copy = { ...signIn };
  const device = copy.deviceDetail;
  if (device && typeof device === 'object') copy.deviceDetail = without(device as GraphObject, SIGN_IN_NESTED_BETA_ONLY.deviceDetail);
  const policies = copy.appliedConditionalAccessPolicies;
  if (Array.isArray(policies)) copy.appliedConditionalAccessPolicies = policies.map((p) => without(p as GraphObject, SIGN_IN_NESTED_BETA_ONLY.appliedConditionalAccessPolicies));
  return copy;
}

/** The object as the given API version shows it (never mutates the stored object). */
export function shapeForVersion(kind: string, object: GraphObject, version: 'v1.0' | 'beta'): GraphObject {
  if (version === 'beta') {
    const keep = BETA_KEEPS_ONLY[kind];
    if (keep) return Object.fromEntries(Object.entries(object).filter(([key]) => keep.has(key) || key.startsWith('@odata.')));
    return without(object, NOT_IN_BETA[kind] ?? []);
  }
  const shaped = withoutBetaOnly(kind, object);
  return kind === 'signIns' ? withoutNestedSignInFields(shaped) : shaped;
}

/** Sign-ins read without conditional-access rights lose appliedConditionalAccessPolicies (https://learn.microsoft.com/en-us/graph/api/signin-list). */
export function withoutConditionalAccessDetails(signIn: GraphObject): GraphObject {
  return without(signIn, ['appliedConditionalAccessPolicies']);
}

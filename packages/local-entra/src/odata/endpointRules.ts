/**
 * Query rules for every collection the local Entra serves (each collection's List page on Microsoft Learn,
 * https://learn.microsoft.com/en-us/graph/aad-advanced-queries and https://learn.microsoft.com/en-us/graph/paging).
 * Operator lists use Graph's names: eq ne gt ge lt le in startsWith endsWith not any all, and `null` for `eq null`.
 * Where Microsoft's documentation gives no value, the choice is marked NOT DOCUMENTED with its reason.
 */
import { EndpointRules } from './contract';

export type EndpointRoute =
  | 'users'
  | 'groups'
  | 'servicePrincipals'
  | 'applications'
  | 'directoryObjects'
  | 'signIns'
  | 'directoryAudits'
  | 'riskyUsers'
  | 'riskyUserHistory'
  | 'riskDetections'
  | 'riskyServicePrincipals'
  | 'riskyServicePrincipalHistory'
  | 'servicePrincipalRiskDetections'
  | 'conditionalAccessPolicies'
  | 'namedLocations'
  | 'roleDefinitions'
  | 'roleAssignments'
  | 'directoryRoles'
  | 'userRegistrationDetails';

const EQ = ['eq'];
const EQ_STARTS = ['eq', 'startsWith'];
const STRING_DEFAULT = ['eq', 'in', 'startsWith', 'ge', 'le'];
const DATE_DEFAULT = ['eq', 'ge', 'le'];
const DATE_ANY = ['eq', 'ge', 'le', 'gt', 'lt'];
const LAMBDA = ['any', 'all'];
const ADVANCED_STRING = ['eq', 'ne', 'not', 'in', 'startsWith', 'ge', 'le', 'null'];
const ADVANCED_DATE = ['eq', 'ne', 'not', 'in', 'ge', 'le', 'gt', 'lt', 'null'];
/** A relationship's size in a filter (`owners/$count eq 0`): advanced only, against 0 or 1 (queryGate). */
const COUNT = ['eq', 'ne', 'not'];

/** Directory objects: default page 100, $top 1–999 (https://learn.microsoft.com/en-us/graph/api/user-list). */
const DIRECTORY_PAGING = { defaultPageSize: 100, maxPageSize: 999 };
/** Identity Protection lists: riskDetections documents default 20 / max 500; its siblings are assumed alike. */
const RISK_PAGING = { defaultPageSize: 20, maxPageSize: 500 };

function withKeys(keys: readonly string[], operators: readonly string[]): Record<string, string[]> {
  return Object.fromEntries(keys.map((key) => [key, [...operators]]));
}

const users: EndpointRules = {
  ...DIRECTORY_PAGING,
  directoryObject: true,
  resourceName: 'User',
  countSupported: true,
  orderBy: { supported: true, defaultProperties: ['displayName', 'userPrincipalName'] },
  searchProperties: ['displayName', 'givenName', 'surname', 'mail', 'mailNickname', 'userPrincipalName', 'otherMails', 'proxyAddresses', 'employeeId'],
  filterDefaults: {
    id: ['eq', 'in'],
    accountEnabled: ['eq', 'in'],
    userType: ['eq', 'in'],
    userPrincipalName: STRING_DEFAULT,
    onPremisesSyncEnabled: ['eq', 'in'],
    createdDateTime: DATE_DEFAULT,
    // Scripts commonly use lt/gt on sign-in activity; Graph accepts them on these paths.
    'signInActivity/lastSignInDateTime': DATE_ANY,
    'signInActivity/lastNonInteractiveSignInDateTime': DATE_ANY,
    'signInActivity/lastSuccessfulSignInDateTime': DATE_ANY,
    ...withKeys(
      ['displayName', 'mail', 'mailNickname', 'givenName', 'surname', 'jobTitle', 'department', 'country', 'city', 'state', 'usageLocation', 'employeeId', 'preferredLanguage', 'onPremisesUserPrincipalName', 'onPremisesSecurityIdentifier'],
      STRING_DEFAULT,
    ),
    // No startsWith or ranges: the user docs give both "Supports $filter (eq, ne, not, in)" only, and the
    // filter table (includes/filter-directory-objects.md) lists creationType with eq and in by default.
    ...withKeys(['creationType', 'externalUserState'], ['eq', 'in']),
    ...withKeys(['identities', 'proxyAddresses', 'otherMails', 'imAddresses', 'assignedLicenses', 'assignedPlans'], LAMBDA),
  },
  filterAdvanced: {
    // "Use of $count in a $filter expression" is an advanced query (user docs: /$count eq 0, ne 0;
    // https://learn.microsoft.com/en-us/graph/aad-advanced-queries).
    'assignedLicenses/$count': COUNT,
    userPrincipalName: ['endsWith'],
    mail: ['endsWith'],
    otherMails: ['endsWith'],
    proxyAddresses: ['endsWith'],
    accountEnabled: ['ge', 'le'],
    onPremisesSyncEnabled: ['ge', 'le'],
    createdDateTime: ADVANCED_DATE,
    ...withKeys(
      ['companyName', 'officeLocation', 'mobilePhone', 'employeeType', 'passwordPolicies', 'streetAddress', 'postalCode', 'onPremisesImmutableId', 'onPremisesSamAccountName', 'onPremisesDomainName', 'faxNumber'],
      ADVANCED_STRING,
    ),
    ...withKeys(['employeeHireDate', 'onPremisesLastSyncDateTime', 'lastPasswordChangeDateTime', 'externalUserStateChangeDateTime'], ADVANCED_DATE),
  },
  expandable: ['manager', 'memberOf', 'transitiveMemberOf', 'directReports', 'ownedObjects', 'registeredDevices'],
};

const groups: EndpointRules = {
  ...DIRECTORY_PAGING,
  directoryObject: true,
  resourceName: 'Group',
  countSupported: true,
  orderBy: { supported: true, defaultProperties: ['displayName'] },
  searchProperties: ['displayName', 'description', 'mail', 'mailNickname', 'proxyAddresses'],
  filterDefaults: {
    id: ['eq', 'in'],
    mailEnabled: ['eq', 'in'],
    securityEnabled: ['eq', 'in'],
    isAssignableToRole: ['eq', 'in'],
    onPremisesSyncEnabled: ['eq', 'in'],
    expirationDateTime: DATE_DEFAULT,
    renewedDateTime: DATE_DEFAULT,
    ...withKeys(['displayName', 'mail', 'mailNickname', 'onPremisesSecurityIdentifier'], STRING_DEFAULT),
    ...withKeys(['groupTypes', 'proxyAddresses', 'resourceProvisioningOptions', 'assignedLicenses'], LAMBDA),
  },
  // createdDateTime is deliberately absent: Graph refuses it on groups even with advanced parameters (observed).
  // members/$count is absent too: the group docs give the /$count filters to owners only ("Supports $filter
  // (/$count eq 0, /$count ne 0, /$count eq 1, /$count ne 1)") and say nothing of members, and tooling reports
  // `members/$count eq 0` refused. NOT DOCUMENTED either way; refusing keeps a plan from relying on it.
  filterAdvanced: {
    'owners/$count': COUNT,
    mail: ['endsWith'],
    proxyAddresses: ['endsWith'],
    ...withKeys(['description', 'classification', 'visibility', 'membershipRule', 'onPremisesSamAccountName', 'preferredLanguage', 'theme'], ADVANCED_STRING),
    onPremisesLastSyncDateTime: ADVANCED_DATE,
  },
  expandable: ['members', 'owners', 'memberOf'],
};

const servicePrincipals: EndpointRules = {
  ...DIRECTORY_PAGING,
  directoryObject: true,
  resourceName: 'ServicePrincipal',
  countSupported: true,
  orderBy: { supported: true, defaultProperties: ['displayName'] },
  searchProperties: ['displayName', 'description'],
  filterDefaults: {
    ...withKeys(['id', 'appId', 'appOwnerOrganizationId', 'accountEnabled', 'servicePrincipalType', 'preferredSingleSignOnMode', 'appRoleAssignmentRequired', 'signInAudience'], ['eq', 'in']),
    ...withKeys(['displayName', 'appDisplayName', 'publisherName'], STRING_DEFAULT),
    // Credential lambdas (`passwordCredentials/any(c: c/endDateTime le …)`) are accepted without advanced parameters.
    ...withKeys(['servicePrincipalNames', 'tags', 'alternativeNames', 'keyCredentials', 'passwordCredentials', 'appRoles', 'oauth2PermissionScopes'], LAMBDA),
  },
  filterAdvanced: {
    // servicePrincipal docs: owners "Supports $expand and $filter (/$count eq 0, /$count ne 0, /$count eq 1, /$count ne 1)".
    'owners/$count': COUNT,
    ...withKeys(['description', 'notes', 'homepage', 'loginUrl', 'logoutUrl'], ADVANCED_STRING),
    createdDateTime: ADVANCED_DATE,
  },
  expandable: ['owners', 'memberOf', 'appRoleAssignedTo', 'appRoleAssignments'],
};

const applications: EndpointRules = {
  ...DIRECTORY_PAGING,
  directoryObject: true,
  resourceName: 'Application',
  countSupported: true,
  orderBy: { supported: true, defaultProperties: ['displayName'] },
  searchProperties: ['displayName', 'description'],
  filterDefaults: {
    ...withKeys(['id', 'appId', 'signInAudience'], ['eq', 'in']),
    ...withKeys(['displayName', 'publisherDomain'], STRING_DEFAULT),
    ...withKeys(['identifierUris', 'tags', 'keyCredentials', 'passwordCredentials', 'requiredResourceAccess', 'appRoles'], LAMBDA),
  },
  filterAdvanced: {
    // application docs: owners support $filter (/$count eq 0, /$count ne 0, /$count eq 1, /$count ne 1).
    'owners/$count': COUNT,
    ...withKeys(['description', 'notes', 'uniqueName'], ADVANCED_STRING),
    createdDateTime: ADVANCED_DATE,
  },
  expandable: ['owners'],
};

/** Relationship lists (members, owners, memberOf, transitive*): mixed types, so no per-property table. */
const directoryObjects: EndpointRules = {
  ...DIRECTORY_PAGING,
  directoryObject: true,
  resourceName: 'DirectoryObject',
  countSupported: true,
  // Sorting a relationship list needs advanced parameters.
  orderBy: { supported: true, defaultProperties: [] },
  searchProperties: ['displayName', 'description', 'mail', 'mailNickname', 'userPrincipalName'],
};

const signIns: EndpointRules = {
  defaultPageSize: 1000,
  maxPageSize: 1000,
  directoryObject: false,
  resourceName: 'SignIn',
  // Docs list $top, $skiptoken, $filter and $orderby only; the CSDL's Countable/Skip annotations are not honoured.
  countSupported: false,
  orderBy: { supported: true, defaultProperties: ['createdDateTime'] },
  defaultOrder: { property: 'createdDateTime', descending: true },
  filterDefaults: {
    // Docs list eq/le/ge; tooling also pages by time windows with gt/lt, which the service accepts.
    createdDateTime: DATE_ANY,
    ...withKeys(
      ['appDisplayName', 'ipAddress', 'userPrincipalName', 'userDisplayName', 'location/city', 'location/state', 'location/countryOrRegion', 'deviceDetail/browser', 'deviceDetail/operatingSystem', 'userAgent', 'authenticationRequirement', 'servicePrincipalName'],
      EQ_STARTS,
    ),
    ...withKeys(
      ['appId', 'id', 'correlationId', 'clientAppUsed', 'conditionalAccessStatus', 'resourceId', 'resourceDisplayName', 'riskDetail', 'riskLevelAggregated', 'riskLevelDuringSignIn', 'riskState', 'status/errorCode', 'userId', 'servicePrincipalId', 'originalRequestId', 'tokenIssuerName'],
      EQ,
    ),
    // userType, isInteractive and tokenIssuerType are deliberately absent: neither the List signIns page nor the beta
    // signIn resource page lists $filter for them (non-interactive sign-ins are asked for through signInEventTypes).
    ...withKeys(['riskEventTypes_v2', 'signInEventTypes', 'conditionalAccessAudiences'], LAMBDA),
  },
};

const directoryAudits: EndpointRules = {
  // NOT DOCUMENTED: page size; the same reporting service pages sign-ins by 1,000, so audits do too here.
  defaultPageSize: 1000,
  maxPageSize: 1000,
  directoryObject: false,
  resourceName: 'DirectoryAudit',
  countSupported: false,
  orderBy: { supported: true, defaultProperties: ['activityDateTime'] },
  defaultOrder: { property: 'activityDateTime', descending: true },
  filterDefaults: {
    activityDateTime: DATE_ANY,
    activityDisplayName: EQ_STARTS,
    'initiatedBy/user/userPrincipalName': EQ_STARTS,
    'targetResources/displayName': EQ_STARTS,
    ...withKeys(
      ['correlationId', 'id', 'loggedByService', 'initiatedBy/user/id', 'initiatedBy/user/displayName', 'initiatedBy/app/appId', 'initiatedBy/app/displayName', 'initiatedBy/app/servicePrincipalId'],
      EQ,
    ),
    // NOT DOCUMENTED as filterable in the page version read, but used throughout admin tooling.
    ...withKeys(['category', 'result', 'operationType'], EQ),
    targetResources: LAMBDA,
  },
};

/** riskyUsers and their history: $filter, $select, $count (CSDL); filterable properties are not listed, so none are refused. */
const riskyUsers: EndpointRules = {
  // NOT DOCUMENTED: page size; a public 2020 log shows pages of 20, and $top follows riskDetections' 500.
  ...RISK_PAGING,
  directoryObject: false,
  resourceName: 'RiskyUser',
  countSupported: true,
  orderBy: { supported: true },
};

const riskDetections: EndpointRules = {
  ...RISK_PAGING,
  directoryObject: false,
  resourceName: 'RiskDetection',
  countSupported: false,
  orderBy: { supported: true },
  // NOT DOCUMENTED: default order; newest detection first, as the portal lists them.
  defaultOrder: { property: 'detectedDateTime', descending: true },
};

const riskyServicePrincipals: EndpointRules = {
  // NOT DOCUMENTED: page size; assumed like the other Identity Protection lists.
  ...RISK_PAGING,
  directoryObject: false,
  resourceName: 'RiskyServicePrincipal',
  countSupported: true,
  orderBy: { supported: true },
};

const servicePrincipalRiskDetections: EndpointRules = {
  ...riskDetections,
  resourceName: 'ServicePrincipalRiskDetection',
};

/**
 * Conditional access lists: $skip, $top, $count, $filter, $orderby, $select
 * (https://learn.microsoft.com/en-us/graph/api/conditionalaccessroot-list-policies).
 */
const conditionalAccessPolicies: EndpointRules = {
  // NOT DOCUMENTED: page size; tenants hold at most a few hundred policies, so a directory-like 100 / 999 is used.
  ...DIRECTORY_PAGING,
  directoryObject: false,
  resourceName: 'ConditionalAccessPolicy',
  countSupported: true,
  skipSupported: true,
  orderBy: { supported: true },
};

const namedLocations: EndpointRules = {
  ...conditionalAccessPolicies,
  resourceName: 'NamedLocation',
};

const roleDefinitions: EndpointRules = {
  // NOT DOCUMENTED: page size; Graph returns all ~130 built-in definitions in one response, so the default covers them.
  defaultPageSize: 500,
  maxPageSize: 999,
  directoryObject: false,
  resourceName: 'UnifiedRoleDefinition',
  orderBy: { supported: true },
  expandable: ['inheritsPermissionsFrom'],
};

const roleAssignments: EndpointRules = {
  // NOT DOCUMENTED: page size; directory-like 100 / 999.
  ...DIRECTORY_PAGING,
  directoryObject: false,
  resourceName: 'UnifiedRoleAssignment',
  orderBy: { supported: false },
  filterDefaults: withKeys(['roleDefinitionId', 'principalId', 'directoryScopeId', 'appScopeId', 'id'], EQ),
  expandable: ['principal', 'roleDefinition'],
};

const directoryRoles: EndpointRules = {
  // Activated roles come back in one response; $top is not supported.
  defaultPageSize: 1000,
  maxPageSize: 1000,
  topSupported: false,
  directoryObject: true,
  resourceName: 'DirectoryRole',
  countSupported: false,
  orderBy: { supported: false },
  filterDefaults: withKeys(['id', 'roleTemplateId', 'displayName'], ['eq', 'in']),
  expandable: ['members'],
};

const userRegistrationDetails: EndpointRules = {
  // NOT DOCUMENTED: page size; directory-like 100 / 999. Only $filter and $orderby are documented.
  ...DIRECTORY_PAGING,
  directoryObject: false,
  resourceName: 'UserRegistrationDetails',
  countSupported: false,
  orderBy: { supported: true },
};

export const ENDPOINT_RULES: Readonly<Record<EndpointRoute, EndpointRules>> = {
  users,
  groups,
  servicePrincipals,
  applications,
  directoryObjects,
  signIns,
  directoryAudits,
  riskyUsers,
  riskyUserHistory: { ...riskyUsers, resourceName: 'RiskyUserHistoryItem' },
  riskDetections,
  riskyServicePrincipals,
  riskyServicePrincipalHistory: { ...riskyServicePrincipals, resourceName: 'RiskyServicePrincipalHistoryItem' },
  servicePrincipalRiskDetections,
  conditionalAccessPolicies,
  namedLocations,
  roleDefinitions,
  roleAssignments,
  directoryRoles,
  userRegistrationDetails,
};

/**
 * What Microsoft Graph demands of a caller on each endpoint the local Entra serves, written from the Permissions
 * section of each API's page on Microsoft Learn (cited per entry) and the permissions reference
 * (https://learn.microsoft.com/en-us/graph/permissions-reference): the application permissions accepted in app-only
 * tokens, the delegated permissions accepted in user tokens (any one of each list suffices), and, for delegated calls,
 * the built-in Entra roles of which the signed-in user must hold one ("the following least privileged roles are
 * supported", plus Global Administrator, which holds every one of them).
 *
 * Deliberately NOT imported from the bot (whose own table is src/graph/permissions.ts in the repository): the bot
 * checks an asker's roles against its table before it reads, and this server refuses as Graph would by this one, so a
 * wrong entry in the bot's table meets a 403 here in tests instead of in a customer's tenant.
 */

/** Built-in role template ids by display name (https://learn.microsoft.com/entra/identity/role-based-access-control/permissions-reference). */
export const ROLE_TEMPLATE_IDS = {
  'Global Administrator': '62e90394-69f5-4237-9190-012177145e10',
  'Global Reader': 'f2ef992c-3afb-46b9-b7cf-a126ee74c451',
  'Security Administrator': '194ae4cb-b126-40b2-bd5b-6091b380977d',
  'Security Operator': '5f2222b1-57c3-48ba-8ad5-d4759f1fde6f',
  'Security Reader': '5d6b6bb7-de71-4623-b4af-96380a352509',
  'Reports Reader': '4a5d8f65-41da-4de4-8968-e035b65339cf',
  'Conditional Access Administrator': 'b1be1c3e-b65d-4f19-8427-f6fa0d97feb9',
  'Global Secure Access Administrator': 'ac434307-12b9-4fa1-a708-88bf58caabc1',
  'User Administrator': 'fe930be7-5e62-47db-91af-98c3a49a38b1',
  'Helpdesk Administrator': '729827e3-9c14-49f7-bb1b-9608f156bbb8',
  'Privileged Authentication Administrator': '7be44c8a-adaf-4e2a-84d6-ab2649e08a13',
  'Privileged Role Administrator': 'e8611ab8-c189-46e8-94e1-60213ab1f814',
  'Directory Readers': '88d8e3e3-8f55-4a1e-953a-9b9898b8876b',
  'Application Administrator': '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3',
  'Cloud Application Administrator': '158c047a-c907-4556-b7ef-446551a6b5f7',
  'Authentication Administrator': 'c4e39bd9-1100-46d3-8c65-fb160da0071f',
  'Password Administrator': '966707d0-3269-4727-9be2-8c3a10f19b9d',
} as const;

export type BuiltInRole = keyof typeof ROLE_TEMPLATE_IDS;

/** The error body Graph sends when a check fails; each service words its own. */
export interface DeniedBody {
  status: number;
  code: string;
  message: string;
}

export interface EndpointRequirement {
  /** Application permissions (any one) for app-only tokens. */
  application: readonly string[];
  /** Delegated permissions (any one) for user tokens. */
  delegated: readonly string[];
  /** Built-in roles (any one) the signed-in user needs in delegated calls; absent: the page names none. */
  roles?: readonly BuiltInRole[];
  /** Body when the token lacks the permission (default: the directory's Authorization_RequestDenied). */
  missingPermission?: DeniedBody;
  /** Body when the signed-in user lacks the role (default: the same as missingPermission). */
  missingRole?: DeniedBody;
}

/** Directory objects (users, groups, applications, roles) refuse with this (https://learn.microsoft.com/en-us/graph/errors). */
const DIRECTORY_DENIED: DeniedBody = { status: 403, code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' };

/** The reports service (sign-ins, audits, registration details) tells a missing permission from a missing role. */
const REPORTS_NO_PERMISSION: DeniedBody = {
  status: 403,
  code: 'Authentication_MSGraphPermissionMissing',
  message: 'Calling principal does not have required MSGraph permissions AuditLog.Read.All',
};
const REPORTS_NO_ROLE: DeniedBody = { status: 403, code: 'Authentication_RequestFromUnsupportedUserRole', message: 'User is not in the allowed roles' };

/** Identity Protection and Conditional Access answer with their own, non-directory code. */
const PROTECTION_DENIED: DeniedBody = {
  status: 403,
  code: 'AccessDenied',
  message: 'You cannot perform the requested operation, required scopes are missing in the token.',
};

/** Sign-in and audit logs: https://learn.microsoft.com/en-us/graph/api/signin-list, .../directoryaudit-list. */
const LOG_READERS: BuiltInRole[] = ['Global Administrator', 'Global Reader', 'Reports Reader', 'Security Administrator', 'Security Operator', 'Security Reader'];
/** riskyUser, riskDetection, riskyServicePrincipal lists: https://learn.microsoft.com/en-us/graph/api/riskyuser-list. */
const RISK_READERS: BuiltInRole[] = ['Global Administrator', 'Global Reader', 'Security Operator', 'Security Reader', 'Security Administrator'];

export const ENDPOINT_REQUIREMENTS = {
  /** https://learn.microsoft.com/en-us/graph/api/organization-list */
  'organization.read': { application: ['Organization.Read.All', 'Directory.Read.All', 'User.Read.All'], delegated: ['User.Read', 'Organization.Read.All', 'Directory.Read.All'] },
  /** https://learn.microsoft.com/en-us/graph/api/user-get (/me: delegated only) */
  'me.read': { application: [], delegated: ['User.Read', 'User.ReadBasic.All', 'User.Read.All', 'Directory.Read.All'] },
  /** https://learn.microsoft.com/en-us/graph/api/user-list */
  'users.read': { application: ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'], delegated: ['User.ReadBasic.All', 'User.Read.All', 'Directory.Read.All'] },
  /** user-list: "to read the signInActivity property, … AuditLog.Read.All" besides a users permission. */
  'users.signInActivity': { application: ['AuditLog.Read.All'], delegated: ['AuditLog.Read.All'], missingPermission: REPORTS_NO_PERMISSION },
  /** https://learn.microsoft.com/en-us/graph/api/user-list-memberof, group-list-members */
  'memberships.read': {
    application: ['GroupMember.Read.All', 'Group.Read.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
    delegated: ['GroupMember.Read.All', 'Group.Read.All', 'Directory.Read.All', 'User.Read.All'],
  },
  /** https://learn.microsoft.com/en-us/graph/api/group-list */
  'groups.read': { application: ['GroupMember.Read.All', 'Group.Read.All', 'Directory.Read.All'], delegated: ['GroupMember.Read.All', 'Group.Read.All', 'Directory.Read.All'] },
  /** https://learn.microsoft.com/en-us/graph/api/application-list, serviceprincipal-list */
  'applications.read': { application: ['Application.Read.All', 'Application.ReadWrite.All', 'Directory.Read.All'], delegated: ['Application.Read.All', 'Directory.Read.All'] },
  /** https://learn.microsoft.com/en-us/graph/api/directoryrole-list */
  'directoryRoles.read': {
    application: ['RoleManagement.Read.Directory', 'Directory.Read.All', 'RoleManagement.ReadWrite.Directory', 'Directory.ReadWrite.All'],
    delegated: ['RoleManagement.Read.Directory', 'Directory.Read.All', 'RoleManagement.ReadWrite.Directory'],
  },
  /** https://learn.microsoft.com/en-us/graph/api/rbacapplication-list-roleassignments, rbacapplication-list-roledefinitions */
  'roleManagement.read': {
    application: ['RoleManagement.Read.Directory', 'RoleManagement.Read.All', 'Directory.Read.All', 'RoleManagement.ReadWrite.Directory'],
    delegated: ['RoleManagement.Read.Directory', 'RoleManagement.Read.All', 'Directory.Read.All', 'RoleManagement.ReadWrite.Directory'],
    roles: ['Global Administrator', 'Global Reader', 'Directory Readers', 'Privileged Role Administrator', 'Security Administrator', 'Security Reader'],
  },
  /** https://learn.microsoft.com/en-us/graph/api/signin-list */
  'signIns.read': { application: ['AuditLog.Read.All'], delegated: ['AuditLog.Read.All'], roles: LOG_READERS, missingPermission: REPORTS_NO_PERMISSION, missingRole: REPORTS_NO_ROLE },
  /** signin-list: without a Policy permission the sign-ins come back without appliedConditionalAccessPolicies (not a refusal). */
  'signIns.conditionalAccessDetails': {
    application: ['Policy.Read.All', 'Policy.ReadWrite.ConditionalAccess', 'Policy.Read.ConditionalAccess'],
    delegated: ['Policy.Read.All', 'Policy.ReadWrite.ConditionalAccess', 'Policy.Read.ConditionalAccess'],
    roles: ['Global Administrator', 'Global Reader', 'Security Administrator', 'Security Reader', 'Conditional Access Administrator'],
  },
  /** https://learn.microsoft.com/en-us/graph/api/directoryaudit-list */
  'directoryAudits.read': { application: ['AuditLog.Read.All'], delegated: ['AuditLog.Read.All'], roles: LOG_READERS, missingPermission: REPORTS_NO_PERMISSION, missingRole: REPORTS_NO_ROLE },
  /** https://learn.microsoft.com/en-us/graph/api/authenticationmethodsroot-list-userregistrationdetails */
  'userRegistrationDetails.read': {
    application: ['AuditLog.Read.All', 'UserAuthenticationMethod.Read.All'],
    delegated: ['AuditLog.Read.All', 'UserAuthenticationMethod.Read.All'],
    roles: ['Global Administrator', 'Global Reader', 'Reports Reader', 'Security Reader', 'Security Administrator'],
    missingPermission: REPORTS_NO_PERMISSION,
    missingRole: REPORTS_NO_ROLE,
  },
  /** https://learn.microsoft.com/en-us/graph/api/riskyuser-list, riskyuser-list-history */
  'riskyUsers.read': {
    application: ['IdentityRiskyUser.Read.All', 'IdentityRiskyUser.ReadWrite.All'],
    delegated: ['IdentityRiskyUser.Read.All', 'IdentityRiskyUser.ReadWrite.All'],
    roles: RISK_READERS,
    missingPermission: PROTECTION_DENIED,
  },
  /**
   * https://learn.microsoft.com/en-us/graph/api/riskyuser-dismiss, riskyuser-confirmcompromised; Identity Protection's
   * "Required roles" let a Security Operator dismiss user risk and confirm compromise too
   * (https://learn.microsoft.com/entra/id-protection/overview-identity-protection).
   */
  'riskyUsers.write': {
    application: ['IdentityRiskyUser.ReadWrite.All'],
    delegated: ['IdentityRiskyUser.ReadWrite.All'],
    roles: ['Global Administrator', 'Security Administrator', 'Security Operator'],
    missingPermission: PROTECTION_DENIED,
  },
  /** https://learn.microsoft.com/en-us/graph/api/riskdetection-list */
  'riskDetections.read': {
    application: ['IdentityRiskEvent.Read.All', 'IdentityRiskEvent.ReadWrite.All'],
    delegated: ['IdentityRiskEvent.Read.All', 'IdentityRiskEvent.ReadWrite.All'],
    roles: RISK_READERS,
    missingPermission: PROTECTION_DENIED,
  },
  /** https://learn.microsoft.com/en-us/graph/api/identityprotectionroot-list-riskyserviceprincipals */
  'riskyServicePrincipals.read': {
    application: ['IdentityRiskyServicePrincipal.Read.All', 'IdentityRiskyServicePrincipal.ReadWrite.All'],
    delegated: ['IdentityRiskyServicePrincipal.Read.All', 'IdentityRiskyServicePrincipal.ReadWrite.All'],
    roles: RISK_READERS,
    missingPermission: PROTECTION_DENIED,
  },
  /** https://learn.microsoft.com/en-us/graph/api/riskyserviceprincipal-confirmcompromised, riskyserviceprincipal-dismiss */
  'riskyServicePrincipals.write': {
    application: ['IdentityRiskyServicePrincipal.ReadWrite.All'],
    delegated: ['IdentityRiskyServicePrincipal.ReadWrite.All'],
    roles: ['Global Administrator', 'Security Administrator'],
    missingPermission: PROTECTION_DENIED,
  },
  /** https://learn.microsoft.com/en-us/graph/api/conditionalaccessroot-list-policies */
  'conditionalAccess.read': {
    application: ['Policy.Read.All', 'Policy.Read.ConditionalAccess', 'Policy.ReadWrite.ConditionalAccess'],
    delegated: ['Policy.Read.All', 'Policy.Read.ConditionalAccess', 'Policy.ReadWrite.ConditionalAccess'],
    roles: ['Global Administrator', 'Global Reader', 'Security Reader', 'Security Administrator', 'Conditional Access Administrator', 'Global Secure Access Administrator'],
    missingPermission: PROTECTION_DENIED,
  },
  /**
   * https://learn.microsoft.com/en-us/graph/api/user-revokesigninsessions; the roles are the columns of "Who can reset
   * passwords" (privileged-roles-permissions), whose holders may also invalidate refresh tokens. Whom each may act on:
   * ./graph/targetRules.ts.
   */
  'users.revokeSessions': {
    application: ['User.RevokeSessions.All', 'User.ReadWrite.All', 'Directory.ReadWrite.All'],
    delegated: ['User.RevokeSessions.All', 'User.ReadWrite.All', 'Directory.ReadWrite.All'],
    roles: ['Global Administrator', 'Privileged Authentication Administrator', 'User Administrator', 'Authentication Administrator', 'Helpdesk Administrator', 'Password Administrator'],
  },
  /**
   * POST /auditLogs/signIns/confirmSafe|confirmCompromised|dismiss: the pages disagree on the permission
   * (https://learn.microsoft.com/en-us/graph/api/signin-confirmcompromised), so both are accepted.
   */
  'signIns.riskWrite': {
    application: ['IdentityRiskyUser.ReadWrite.All', 'IdentityRiskEvent.ReadWrite.All'],
    delegated: ['IdentityRiskyUser.ReadWrite.All', 'IdentityRiskEvent.ReadWrite.All'],
    roles: ['Global Administrator', 'Security Administrator'],
    missingPermission: PROTECTION_DENIED,
  },
  /** PATCH /servicePrincipals/{id} {accountEnabled}: https://learn.microsoft.com/en-us/graph/api/serviceprincipal-update */
  'servicePrincipals.enableDisable': {
    application: ['Application.ReadWrite.All', 'Application.ReadWrite.OwnedBy', 'Directory.ReadWrite.All'],
    delegated: ['Application.ReadWrite.All', 'Directory.ReadWrite.All', 'Directory.AccessAsUser.All'],
    roles: ['Global Administrator', 'Application Administrator', 'Cloud Application Administrator'],
  },
  /**
   * PATCH /users/{id} {accountEnabled}: https://learn.microsoft.com/en-us/graph/api/user-update; the roles are the
   * columns of "Who can perform sensitive actions". Whom each may act on: ./graph/targetRules.ts.
   */
  'users.enableDisable': {
    application: ['User.EnableDisableAccount.All', 'User.ReadWrite.All', 'Directory.ReadWrite.All'],
    delegated: ['User.EnableDisableAccount.All', 'User.ReadWrite.All', 'Directory.ReadWrite.All', 'Directory.AccessAsUser.All'],
    roles: ['Global Administrator', 'Privileged Authentication Administrator', 'User Administrator', 'Authentication Administrator'],
  },
} satisfies Record<string, EndpointRequirement>;

export type EndpointKey = keyof typeof ENDPOINT_REQUIREMENTS;

/** The bodies Graph answers when the permission, or the signed-in user's role, is missing. */
export function deniedBodies(entry: EndpointRequirement): { permission: DeniedBody; role: DeniedBody } {
  const permission = entry.missingPermission ?? DIRECTORY_DENIED;
  return { permission, role: entry.missingRole ?? permission };
}

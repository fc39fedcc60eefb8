/**
 * What each Graph endpoint the bot uses demands of a caller (the Permissions section of each API's page on Microsoft
 * Learn, e.g. https://learn.microsoft.com/en-us/graph/api/signin-list, and https://learn.microsoft.com/en-us/graph/permissions-reference):
 * the application permissions
 * accepted in app-only tokens, the delegated scopes accepted in user tokens, and the directory roles the signed-in
 * user must hold for delegated calls (any one of each list suffices). This is the ONE table: the bot checks an
 * asker's roles against it before reading with its app-only token, and the local Entra enforces it. Plain data.
 */

/** Built-in Entra role template ids (equal to the built-in role definition ids). */
export const BUILT_IN_ROLES = {
  globalAdministrator: '62e90394-69f5-4237-9190-012177145e10',
  globalReader: 'f2ef992c-3afb-46b9-b7cf-a126ee74c451',
  securityAdministrator: '194ae4cb-b126-40b2-bd5b-6091b380977d',
  securityOperator: '5f2222b1-57c3-48ba-8ad5-d4759f1fde6f',
  securityReader: '5d6b6bb7-de71-4623-b4af-96380a352509',
  reportsReader: '4a5d8f65-41da-4de4-8968-e035b65339cf',
  conditionalAccessAdministrator: 'b1be1c3e-b65d-4f19-8427-f6fa0d97feb9',
  globalSecureAccessAdministrator: 'ac434307-12b9-4fa1-a708-88bf58caabc1',
  userAdministrator: 'fe930be7-5e62-47db-91af-98c3a49a38b1',
  helpdeskAdministrator: '729827e3-9c14-49f7-bb1b-9608f156bbb8',
  privilegedAuthenticationAdministrator: '7be44c8a-adaf-4e2a-84d6-ab2649e08a13',
  privilegedRoleAdministrator: 'e8611ab8-c189-46e8-94e1-60213ab1f814',
  directoryReaders: '88d8e3e3-8f55-4a1e-953a-9b9898b8876b',
  applicationAdministrator: '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3',
  cloudApplicationAdministrator: '158c047a-c907-4556-b7ef-446551a6b5f7',
  authenticationAdministrator: 'c4e39bd9-1100-46d3-8c65-fb160da0071f',
  passwordAdministrator: '966707d0-3269-4727-9be2-8c3a10f19b9d',
} as const;

export type RoleName = keyof typeof BUILT_IN_ROLES;

/** The error Graph sends when a check fails; services word it differently. */
export interface DeniedBody {
  status: number;
  code: string;
  message: string;
}

export interface EndpointPermission {
  /** Application permissions (any one) for app-only tokens. */
  application: readonly string[];
  /** Delegated scopes (any one) for user tokens. */
  delegated: readonly string[];
  /** Directory roles (any one) the signed-in user needs in delegated calls; absent: no role needed. */
  roles?: readonly RoleName[];
  /** Body when the token lacks the permission (default: directory Authorization_RequestDenied). */
  missingPermission?: DeniedBody;
  /** Body when the signed-in user lacks the role (default: the same as missingPermission). */
  missingRole?: DeniedBody;
}

const DIRECTORY_DENIED: DeniedBody = { status: 403, code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' };

/** Reports (sign-ins, audits, registration details) name the missing permission and the role check separately. */
const REPORTS_PERMISSION_DENIED: DeniedBody = {
  status: 403,
  code: 'Authentication_MSGraphPermissionMissing',
  message: 'Calling principal does not have required MSGraph permissions AuditLog.Read.All',
};
const REPORTS_ROLE_DENIED: DeniedBody = { status: 403, code: 'Authentication_RequestFromUnsupportedUserRole', message: 'User is not in the allowed roles' };

/** Identity protection and conditional access answer with their own (non-directory) code. Wording unconfirmed. */
const PROTECTION_DENIED: DeniedBody = {
  status: 403,
  code: 'AccessDenied',
  message: 'You cannot perform the requested operation, required scopes are missing in the token.',
};

const REPORT_ROLES: RoleName[] = ['globalAdministrator', 'globalReader', 'reportsReader', 'securityAdministrator', 'securityOperator', 'securityReader'];
const RISK_READ_ROLES: RoleName[] = ['globalAdministrator', 'globalReader', 'securityOperator', 'securityReader', 'securityAdministrator'];
const RISK_WRITE_ROLES: RoleName[] = ['globalAdministrator', 'securityAdministrator'];
/**
 * Identity Protection's "Required roles": Security Operator may "dismiss user risk, confirm safe sign-in, confirm
 * compromise" besides Security Administrator and Global Administrator, whoever the user is
 * (https://learn.microsoft.com/entra/id-protection/overview-identity-protection).
 */
const USER_RISK_WRITE_ROLES: RoleName[] = ['globalAdministrator', 'securityAdministrator', 'securityOperator'];
const CA_READ_ROLES: RoleName[] = [
  'globalAdministrator',
  'globalReader',
  'securityReader',
  'securityAdministrator',
  'conditionalAccessAdministrator',
  'globalSecureAccessAdministrator',
];

export const ENDPOINT_PERMISSIONS = {
  'organization.read': { application: ['Organization.Read.All', 'Directory.Read.All', 'User.Read.All'], delegated: ['User.Read', 'Organization.Read.All', 'Directory.Read.All'] },
  'me.read': { application: [], delegated: ['User.Read', 'User.ReadBasic.All', 'User.Read.All', 'Directory.Read.All'] },
  'users.read': { application: ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'], delegated: ['User.ReadBasic.All', 'User.Read.All', 'Directory.Read.All'] },
  /** $select=signInActivity on users needs AuditLog.Read.All besides a users permission. */
  'users.signInActivity': { application: ['AuditLog.Read.All'], delegated: ['AuditLog.Read.All'], missingPermission: REPORTS_PERMISSION_DENIED },
  'memberships.read': {
    application: ['GroupMember.Read.All', 'Group.Read.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
    delegated: ['GroupMember.Read.All', 'Group.Read.All', 'Directory.Read.All', 'User.Read.All'],
  },
  'groups.read': { application: ['GroupMember.Read.All', 'Group.Read.All', 'Directory.Read.All'], delegated: ['GroupMember.Read.All', 'Group.Read.All', 'Directory.Read.All'] },
  'applications.read': { application: ['Application.Read.All', 'Application.ReadWrite.All', 'Directory.Read.All'], delegated: ['Application.Read.All', 'Directory.Read.All'] },
  'directoryRoles.read': {
    application: ['RoleManagement.Read.Directory', 'Directory.Read.All', 'RoleManagement.ReadWrite.Directory', 'Directory.ReadWrite.All'],
    delegated: ['RoleManagement.Read.Directory', 'Directory.Read.All', 'RoleManagement.ReadWrite.Directory'],
  },
  'roleManagement.read': {
    application: ['RoleManagement.Read.Directory', 'RoleManagement.Read.All', 'Directory.Read.All', 'RoleManagement.ReadWrite.Directory'],
    delegated: ['RoleManagement.Read.Directory', 'RoleManagement.Read.All', 'Directory.Read.All', 'RoleManagement.ReadWrite.Directory'],
    roles: ['globalAdministrator', 'globalReader', 'directoryReaders', 'privilegedRoleAdministrator', 'securityAdministrator', 'securityReader'],
  },
  'signIns.read': {
    application: ['AuditLog.Read.All'],
    delegated: ['AuditLog.Read.All'],
    roles: REPORT_ROLES,
    missingPermission: REPORTS_PERMISSION_DENIED,
    missingRole: REPORTS_ROLE_DENIED,
  },
  /** Not a refusal: without it, sign-ins come back without appliedConditionalAccessPolicies (https://learn.microsoft.com/en-us/graph/api/signin-list). */
  'signIns.conditionalAccessDetails': {
    application: ['Policy.Read.All', 'Policy.ReadWrite.ConditionalAccess', 'Policy.Read.ConditionalAccess'],
    delegated: ['Policy.Read.All', 'Policy.ReadWrite.ConditionalAccess', 'Policy.Read.ConditionalAccess'],
    roles: ['globalAdministrator', 'globalReader', 'securityAdministrator', 'securityReader', 'conditionalAccessAdministrator'],
  },
  'directoryAudits.read': {
    application: ['AuditLog.Read.All'],
    delegated: ['AuditLog.Read.All'],
    roles: REPORT_ROLES,
    missingPermission: REPORTS_PERMISSION_DENIED,
    missingRole: REPORTS_ROLE_DENIED,
  },
  'userRegistrationDetails.read': {
    application: ['AuditLog.Read.All', 'UserAuthenticationMethod.Read.All'],
    delegated: ['AuditLog.Read.All', 'UserAuthenticationMethod.Read.All'],
    roles: ['globalAdministrator', 'globalReader', 'reportsReader', 'securityReader', 'securityAdministrator'],
    missingPermission: REPORTS_PERMISSION_DENIED,
    missingRole: REPORTS_ROLE_DENIED,
  },
  'riskyUsers.read': {
    application: ['IdentityRiskyUser.Read.All', 'IdentityRiskyUser.ReadWrite.All'],
    delegated: ['IdentityRiskyUser.Read.All', 'IdentityRiskyUser.ReadWrite.All'],
    roles: RISK_READ_ROLES,
    missingPermission: PROTECTION_DENIED,
  },
  'riskyUsers.write': {
    application: ['IdentityRiskyUser.ReadWrite.All'],
    delegated: ['IdentityRiskyUser.ReadWrite.All'],
    roles: USER_RISK_WRITE_ROLES,
    missingPermission: PROTECTION_DENIED,
  },
  'riskDetections.read': {
    application: ['IdentityRiskEvent.Read.All', 'IdentityRiskEvent.ReadWrite.All'],
    delegated: ['IdentityRiskEvent.Read.All', 'IdentityRiskEvent.ReadWrite.All'],
    roles: RISK_READ_ROLES,
    missingPermission: PROTECTION_DENIED,
  },
  'riskyServicePrincipals.read': {
    application: ['IdentityRiskyServicePrincipal.Read.All', 'IdentityRiskyServicePrincipal.ReadWrite.All'],
    delegated: ['IdentityRiskyServicePrincipal.Read.All', 'IdentityRiskyServicePrincipal.ReadWrite.All'],
    roles: RISK_READ_ROLES,
    missingPermission: PROTECTION_DENIED,
  },
  'riskyServicePrincipals.write': {
    application: ['IdentityRiskyServicePrincipal.ReadWrite.All'],
    delegated: ['IdentityRiskyServicePrincipal.ReadWrite.All'],
    roles: RISK_WRITE_ROLES,
    missingPermission: PROTECTION_DENIED,
  },
  'conditionalAccess.read': {
    application: ['Policy.Read.All', 'Policy.Read.ConditionalAccess', 'Policy.ReadWrite.ConditionalAccess'],
    delegated: ['Policy.Read.All', 'Policy.Read.ConditionalAccess', 'Policy.ReadWrite.ConditionalAccess'],
    roles: CA_READ_ROLES,
    missingPermission: PROTECTION_DENIED,
  },
  'users.revokeSessions': {
    application: ['User.RevokeSessions.All', 'User.ReadWrite.All', 'Directory.ReadWrite.All'],
    delegated: ['User.RevokeSessions.All', 'User.ReadWrite.All', 'Directory.ReadWrite.All'],
    // The columns of "Who can reset passwords" (they also invalidate refresh tokens); whom each may act on is
    // src/mitigations/targetRules.ts (https://learn.microsoft.com/entra/identity/role-based-access-control/privileged-roles-permissions).
    roles: ['globalAdministrator', 'privilegedAuthenticationAdministrator', 'userAdministrator', 'authenticationAdministrator', 'helpdeskAdministrator', 'passwordAdministrator'],
  },
  /**
   * Marking sign-ins safe / compromised / dismissed: POST /auditLogs/signIns/confirmSafe|confirmCompromised|dismiss
   * (Microsoft's pages disagree on the permission, e.g. https://learn.microsoft.com/en-us/graph/api/signin-confirmcompromised: both accepted).
   */
  'signIns.riskWrite': {
    application: ['IdentityRiskyUser.ReadWrite.All', 'IdentityRiskEvent.ReadWrite.All'],
    delegated: ['IdentityRiskyUser.ReadWrite.All', 'IdentityRiskEvent.ReadWrite.All'],
    roles: RISK_WRITE_ROLES,
    missingPermission: PROTECTION_DENIED,
  },
  /** PATCH /servicePrincipals/{id} {accountEnabled}: disabling a workload identity. */
  'servicePrincipals.enableDisable': {
    application: ['Application.ReadWrite.All', 'Application.ReadWrite.OwnedBy', 'Directory.ReadWrite.All'],
    delegated: ['Application.ReadWrite.All', 'Directory.ReadWrite.All', 'Directory.AccessAsUser.All'],
    roles: ['globalAdministrator', 'applicationAdministrator', 'cloudApplicationAdministrator'],
  },
  'users.enableDisable': {
    application: ['User.EnableDisableAccount.All', 'User.ReadWrite.All', 'Directory.ReadWrite.All'],
    delegated: ['User.EnableDisableAccount.All', 'User.ReadWrite.All', 'Directory.ReadWrite.All', 'Directory.AccessAsUser.All'],
    // The columns of "Who can perform sensitive actions" (accountEnabled); whom each may act on: src/mitigations/targetRules.ts.
    roles: ['globalAdministrator', 'privilegedAuthenticationAdministrator', 'userAdministrator', 'authenticationAdministrator'],
  },
} satisfies Record<string, EndpointPermission>;

export type PermissionKey = keyof typeof ENDPOINT_PERMISSIONS;

export function deniedBodies(entry: EndpointPermission): { permission: DeniedBody; role: DeniedBody } {
  const permission = entry.missingPermission ?? DIRECTORY_DENIED;
  return { permission, role: entry.missingRole ?? permission };
}

/** The bot's app registration in the local Entra: what it reads, plus the risk actions (e.g. https://learn.microsoft.com/en-us/graph/api/riskyuser-dismiss). */
export const BOT_APPLICATION_PERMISSIONS = [
  'User.Read.All',
  'Group.Read.All',
  'GroupMember.Read.All',
  'Application.Read.All',
  'Directory.Read.All',
  'AuditLog.Read.All',
  'Policy.Read.All',
  'RoleManagement.Read.Directory',
  'UserAuthenticationMethod.Read.All',
  'IdentityRiskEvent.Read.All',
  'IdentityRiskyUser.ReadWrite.All',
  'IdentityRiskyServicePrincipal.ReadWrite.All',
  // The mitigations, each the narrowest permission Graph accepts for it (the Permissions section of each action's page:
  // https://learn.microsoft.com/en-us/graph/api/user-revokesigninsessions, https://learn.microsoft.com/en-us/graph/api/user-update): revoke sessions, disable a
  // user, and disable a compromised service principal (without these Graph refuses that action and the card says so).
  'User.RevokeSessions.All',
  'User.EnableDisableAccount.All',
  'Application.ReadWrite.All',
];

/** Delegated permissions consented for the bot: User.Read plus the same reads and writes. */
export const BOT_DELEGATED_SCOPES = ['User.Read', ...BOT_APPLICATION_PERMISSIONS];

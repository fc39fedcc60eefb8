/**
 * The built-in directory roles the demo uses. For built-in roles the role definition id equals the role
 * template id (the same in every tenant).
 */
export interface RoleTemplate {
  id: string;
  displayName: string;
  description: string;
  isPrivileged: boolean;
  allowedResourceActions: string[];
}

export const ROLES = {
  globalAdministrator: {
    id: '62e90394-69f5-4237-9190-012177145e10',
    displayName: 'Global Administrator',
    description: 'Can manage all aspects of Microsoft Entra ID and Microsoft services that use Microsoft Entra identities.',
    isPrivileged: true,
    allowedResourceActions: ['microsoft.directory/users/allProperties/allTasks', 'microsoft.directory/groups/allProperties/allTasks', 'microsoft.directory/applications/allProperties/allTasks', 'microsoft.directory/servicePrincipals/allProperties/allTasks', 'microsoft.directory/roleAssignments/allProperties/allTasks', 'microsoft.directory/conditionalAccessPolicies/allProperties/allTasks', 'microsoft.directory/identityProtection/allProperties/allTasks', 'microsoft.directory/auditLogs/allProperties/read', 'microsoft.directory/signInReports/allProperties/read'],
  },
  globalReader: {
    id: 'f2ef992c-3afb-46b9-b7cf-a126ee74c451',
    displayName: 'Global Reader',
    description: 'Can read everything that a Global Administrator can, but not update anything.',
    isPrivileged: true,
    allowedResourceActions: ['microsoft.directory/users/allProperties/read', 'microsoft.directory/groups/allProperties/read', 'microsoft.directory/applications/allProperties/read', 'microsoft.directory/servicePrincipals/allProperties/read', 'microsoft.directory/roleAssignments/allProperties/read', 'microsoft.directory/conditionalAccessPolicies/allProperties/read', 'microsoft.directory/identityProtection/allProperties/read', 'microsoft.directory/auditLogs/allProperties/read', 'microsoft.directory/signInReports/allProperties/read'],
  },
  securityAdministrator: {
    id: '194ae4cb-b126-40b2-bd5b-6091b380977d',
    displayName: 'Security Administrator',
    description: 'Can read security information and reports, and manage configuration in Microsoft Entra ID and Office 365.',
    isPrivileged: true,
    allowedResourceActions: ['microsoft.directory/identityProtection/allProperties/allTasks', 'microsoft.directory/conditionalAccessPolicies/allProperties/allTasks', 'microsoft.directory/namedLocations/allProperties/allTasks', 'microsoft.directory/auditLogs/allProperties/read', 'microsoft.directory/signInReports/allProperties/read'],
  },
  securityReader: {
    id: '5d6b6bb7-de71-4623-b4af-96380a352509',
    displayName: 'Security Reader',
    description: 'Can read security information and reports in Microsoft Entra ID and Office 365.',
    isPrivileged: true,
    allowedResourceActions: ['microsoft.directory/identityProtection/allProperties/read', 'microsoft.directory/conditionalAccessPolicies/allProperties/read', 'microsoft.directory/auditLogs/allProperties/read', 'microsoft.directory/signInReports/allProperties/read'],
  },
  securityOperator: {
    id: '5f2222b1-57c3-48ba-8ad5-d4759f1fde6f',
    displayName: 'Security Operator',
    description: 'Creates and manages security events.',
    isPrivileged: true,
    allowedResourceActions: ['microsoft.directory/identityProtection/allProperties/read', 'microsoft.directory/auditLogs/allProperties/read', 'microsoft.directory/signInReports/allProperties/read'],
  },
  reportsReader: {
    id: '4a5d8f65-41da-4de4-8968-e035b65339cf',
    displayName: 'Reports Reader',
    description: 'Can read sign-in and audit reports.',
    isPrivileged: false,
    allowedResourceActions: ['microsoft.directory/auditLogs/allProperties/read', 'microsoft.directory/signInReports/allProperties/read'],
  },
  userAdministrator: {
    id: 'fe930be7-5e62-47db-91af-98c3a49a38b1',
    displayName: 'User Administrator',
    description: 'Can manage all aspects of users and groups, including resetting passwords for limited admins.',
    isPrivileged: true,
    allowedResourceActions: ['microsoft.directory/users/allProperties/allTasks', 'microsoft.directory/groups/allProperties/allTasks'],
  },
  helpdeskAdministrator: {
    id: '729827e3-9c14-49f7-bb1b-9608f156bbb8',
    displayName: 'Helpdesk Administrator',
    description: 'Can reset passwords for non-administrators and Helpdesk Administrators.',
    isPrivileged: true,
    allowedResourceActions: ['microsoft.directory/users/password/update', 'microsoft.directory/users/invalidateAllRefreshTokens'],
  },
  privilegedRoleAdministrator: {
    id: 'e8611ab8-c189-46e8-94e1-60213ab1f814',
    displayName: 'Privileged Role Administrator',
    description: 'Can manage role assignments in Microsoft Entra ID, and all aspects of Privileged Identity Management.',
    isPrivileged: true,
    allowedResourceActions: ['microsoft.directory/roleAssignments/allProperties/allTasks', 'microsoft.directory/roleDefinitions/allProperties/allTasks'],
  },
  conditionalAccessAdministrator: {
    id: 'b1be1c3e-b65d-4f19-8427-f6fa0d97feb9',
    displayName: 'Conditional Access Administrator',
    description: 'Can manage Conditional Access capabilities.',
    isPrivileged: true,
    allowedResourceActions: ['microsoft.directory/conditionalAccessPolicies/allProperties/allTasks', 'microsoft.directory/namedLocations/allProperties/allTasks'],
  },
  applicationAdministrator: {
    id: '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3',
    displayName: 'Application Administrator',
    description: 'Can create and manage all aspects of app registrations and enterprise apps.',
    isPrivileged: true,
    allowedResourceActions: ['microsoft.directory/applications/allProperties/allTasks', 'microsoft.directory/servicePrincipals/allProperties/allTasks'],
  },
  authenticationAdministrator: {
    id: 'c4e39bd9-1100-46d3-8c65-fb160da0071f',
    displayName: 'Authentication Administrator',
    description: 'Can access to view, set and reset authentication method information for any non-admin user.',
    isPrivileged: true,
    allowedResourceActions: ['microsoft.directory/users/authenticationMethods/standard/restrictedRead', 'microsoft.directory/users/authenticationMethods/basic/update'],
  },
  groupsAdministrator: {
    id: 'fdd7a751-b60b-444a-984c-02652fe8fa1c',
    displayName: 'Groups Administrator',
    description: 'Members of this role can create/manage groups, create/manage groups settings like naming and expiration policies, and view groups activity and audit reports.',
    isPrivileged: false,
    allowedResourceActions: ['microsoft.directory/groups/allProperties/allTasks'],
  },
} satisfies Record<string, RoleTemplate>;

export type RoleKey = keyof typeof ROLES;

/** The roles Conditional Access treats as administrators in the demo's "Require MFA for administrators". */
export const ADMIN_ROLE_IDS = [
  ROLES.globalAdministrator.id,
  ROLES.securityAdministrator.id,
  ROLES.privilegedRoleAdministrator.id,
  ROLES.userAdministrator.id,
  ROLES.conditionalAccessAdministrator.id,
  ROLES.applicationAdministrator.id,
  ROLES.authenticationAdministrator.id,
  ROLES.helpdeskAdministrator.id,
];

export function roleDefinitionObject(role: RoleTemplate): Record<string, unknown> {
  return {
    id: role.id,
    description: role.description,
    displayName: role.displayName,
    isBuiltIn: true,
    isEnabled: true,
    isPrivileged: role.isPrivileged,
    resourceScopes: ['/'],
    templateId: role.id,
    version: '1',
    rolePermissions: [{ allowedResourceActions: role.allowedResourceActions, condition: null }],
  };
}

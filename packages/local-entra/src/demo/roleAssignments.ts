import { CAST, type CastKey } from './cast';
import type { GroupSet } from './groups';
import type { Directory } from './people';
import { streamFor } from './random';
import { ROLES, type RoleKey } from './roles';
import { DEMO_TENANT_ID } from './constants';

/** Who holds which directory role, tenant-wide. Two roles are held through role-assignable groups. */
const DIRECT: Array<[CastKey, RoleKey]> = [
  ['admin', 'globalAdministrator'],
  ['breakGlass1', 'globalAdministrator'],
  ['breakGlass2', 'globalAdministrator'],
  ['isaiah', 'globalAdministrator'],
  ['reader', 'globalReader'],
  ['securityAdmin', 'securityAdministrator'],
  ['securityReader', 'securityReader'],
  ['pradeep', 'privilegedRoleAdministrator'],
  ['pradeep', 'userAdministrator'],
  ['raul', 'conditionalAccessAdministrator'],
  ['miriam', 'applicationAdministrator'],
  ['enrico', 'authenticationAdministrator'],
  ['debra', 'groupsAdministrator'],
  ['irvin', 'reportsReader'],
];

const THROUGH_GROUPS: Array<[string, RoleKey]> = [
  ['Helpdesk Operators', 'helpdeskAdministrator'],
  ['Security Operations', 'securityOperator'],
];

export interface RoleAssignmentPlan {
  id: string;
  principalId: string;
  roleDefinitionId: string;
}

/** Real assignment ids are opaque base64url strings; these are stable per principal and role. */
function assignmentId(principalId: string, roleId: string): string {
  return `${streamFor(0, 'role-assignment', principalId, roleId).bytes(33).toString('base64url')}-1`;
}

/** Plans the assignments and records each person's roles (for Conditional Access and isAdmin). */
export function planRoleAssignments(directory: Directory, groups: GroupSet): RoleAssignmentPlan[] {
  const plans: RoleAssignmentPlan[] = [];
  for (const [castKey, roleKey] of DIRECT) {
    const principalId = CAST[castKey].id;
    const roleId = ROLES[roleKey].id;
    plans.push({ id: assignmentId(principalId, roleId), principalId, roleDefinitionId: roleId });
    directory.byId.get(principalId)?.roleTemplateIds.add(roleId);
  }
  for (const [groupName, roleKey] of THROUGH_GROUPS) {
    const group = groups.byName.get(groupName)!;
    const roleId = ROLES[roleKey].id;
    plans.push({ id: assignmentId(group.id, roleId), principalId: group.id, roleDefinitionId: roleId });
    for (const userId of group.memberUserIds) directory.byId.get(userId)?.roleTemplateIds.add(roleId);
  }
  return plans;
}

export function roleAssignmentObject(plan: RoleAssignmentPlan): Record<string, unknown> {
  return {
    id: plan.id,
    principalId: plan.principalId,
    roleDefinitionId: plan.roleDefinitionId,
    directoryScopeId: '/',
    appScopeId: null,
    condition: null,
    principalOrganizationId: DEMO_TENANT_ID,
  };
}

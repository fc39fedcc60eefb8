/**
 * The directory roles a user holds, directly or through a role-assignable group, from the two responses of
 * roleRequestsOfPrincipal plus (only when such groups exist) one more read for the groups' assignments.
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import { bodyOf, roleAssignmentsOfGroups, type BatchResponse, type DirectoryObjectRef, type Page, type RoleAssignment, type RoleDefinition } from '../../graph/directoryQueries';
import { throwUnlessFound } from '../common/access';

export interface HeldRole {
  roleName: string;
  roleId: string;
  privileged: boolean;
  /** Absent: assigned to the user directly. */
  throughGroup?: string;
  /** "/" is the whole tenant; anything else an administrative unit or an object. */
  scope: string;
}

/**
 * Roles whose holders can take over the tenant or its identities (the "privileged" label of the Entra admin
 * center); Graph's own isPrivileged is used when the response carries it.
 */
const PRIVILEGED_ROLE_NAMES = new Set([
  'Global Administrator',
  'Privileged Role Administrator',
  'Privileged Authentication Administrator',
  'Security Administrator',
  'User Administrator',
  'Authentication Administrator',
  'Conditional Access Administrator',
  'Application Administrator',
  'Cloud Application Administrator',
  'Hybrid Identity Administrator',
  'Helpdesk Administrator',
  'Password Administrator',
  'Exchange Administrator',
  'SharePoint Administrator',
  'Intune Administrator',
]);

export function isPrivilegedRole(definition: { displayName?: string | null; isPrivileged?: boolean | null }): boolean {
  return definition.isPrivileged ?? PRIVILEGED_ROLE_NAMES.has(definition.displayName ?? '');
}

function held(assignment: RoleAssignment, definitions: Map<string, RoleDefinition>, throughGroup?: string): HeldRole {
  const definition = definitions.get(assignment.roleDefinitionId);
  return {
    roleName: definition?.displayName ?? assignment.roleDefinitionId,
    roleId: assignment.roleDefinitionId,
    privileged: definition ? isPrivilegedRole(definition) : false,
    throughGroup,
    scope: assignment.directoryScopeId,
  };
}

export async function heldRoles(client: Client, responses: Map<string, BatchResponse>): Promise<HeldRole[]> {
  for (const id of ['directRoles', 'roleGroups', 'roleDefinitions']) {
    const response = responses.get(id);
    if (response) throwUnlessFound(response.status, response.body, 'roleManagement.read');
  }
  const direct = bodyOf<Page<RoleAssignment>>(responses, 'directRoles')?.value ?? [];
  const groups = (bodyOf<Page<DirectoryObjectRef>>(responses, 'roleGroups')?.value ?? []).filter((g) => g.isAssignableToRole);
  const groupNames = new Map(groups.map((g) => [g.id, g.displayName ?? g.id]));
  const viaGroups = await roleAssignmentsOfGroups(client, groups.map((g) => g.id));
  const definitions = new Map((bodyOf<Page<RoleDefinition>>(responses, 'roleDefinitions')?.value ?? []).map((d) => [d.id, d]));
  return [...direct.map((a) => held(a, definitions)), ...viaGroups.map((a) => held(a, definitions, groupNames.get(a.principalId)))].sort(
    (a, b) => Number(b.privileged) - Number(a.privileged) || a.roleName.localeCompare(b.roleName),
  );
}

export function describeHeldRole(role: HeldRole): string {
  const parts = [role.roleName];
  if (role.throughGroup) parts.push(`through the group ${role.throughGroup}`);
  if (role.scope !== '/') parts.push(`scoped to ${role.scope}`);
  return parts.join(', ');
}

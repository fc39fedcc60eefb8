/**
 * Who may act on whom: the bot's one table of which administrator roles may disable, or revoke the sessions of, a
 * user who holds which roles. Written from Microsoft's tables in "Privileged roles and permissions in Microsoft
 * Entra ID" (https://learn.microsoft.com/entra/identity/role-based-access-control/privileged-roles-permissions):
 * - disabling a user sets `accountEnabled`, a sensitive property: "Who can perform sensitive actions";
 * - revoking sessions invalidates refresh tokens: "Who can reset passwords" (its columns "can reset passwords and
 *   invalidate refresh tokens").
 * Risk decisions (confirm compromised, dismiss, confirm safe) are Identity Protection's, granted by role alone and
 * whatever roles the target holds (https://learn.microsoft.com/entra/id-protection/overview-identity-protection,
 * "Required roles"): they are in the permission table (src/graph/permissions.ts), not here.
 * Tenant-wide role assignments only; roles scoped to administrative units are stricter and not modelled.
 * The local Entra keeps its own copy (packages/local-entra/src/graph/targetRules.ts) so that a wrong row here is caught by tests.
 */
import type { MitigationAction } from './types';

/** Built-in role template ids of the roles the two tables name (the same in every tenant). */
export const TABLE_ROLES = {
  globalAdministrator: '62e90394-69f5-4237-9190-012177145e10',
  privilegedAuthenticationAdministrator: '7be44c8a-adaf-4e2a-84d6-ab2649e08a13',
  userAdministrator: 'fe930be7-5e62-47db-91af-98c3a49a38b1',
  authenticationAdministrator: 'c4e39bd9-1100-46d3-8c65-fb160da0071f',
  helpdeskAdministrator: '729827e3-9c14-49f7-bb1b-9608f156bbb8',
  passwordAdministrator: '966707d0-3269-4727-9be2-8c3a10f19b9d',
  groupsAdministrator: 'fdd7a751-b60b-444a-984c-02652fe8fa1c',
  directoryReaders: '88d8e3e3-8f55-4a1e-953a-9b9898b8876b',
  guestInviter: '95e79109-95c0-4d8e-aee3-d01accf2d47b',
  messageCenterReader: '790c1fb9-7f7d-4f88-86a1-ef1f95c05c1b',
  privilegedRoleAdministrator: 'e8611ab8-c189-46e8-94e1-60213ab1f814',
  reportsReader: '4a5d8f65-41da-4de4-8968-e035b65339cf',
  userExperienceSuccessManager: '27460883-1df1-4691-b032-3b79643e5e63',
  usageSummaryReportsReader: '75934031-6c7e-415a-99d7-48dbd49e875e',
} as const;

export type TableRole = keyof typeof TABLE_ROLES;

export const TABLE_ROLE_NAMES: Record<TableRole, string> = {
  globalAdministrator: 'Global Administrator',
  privilegedAuthenticationAdministrator: 'Privileged Authentication Administrator',
  userAdministrator: 'User Administrator',
  authenticationAdministrator: 'Authentication Administrator',
  helpdeskAdministrator: 'Helpdesk Administrator',
  passwordAdministrator: 'Password Administrator',
  groupsAdministrator: 'Groups Administrator',
  directoryReaders: 'Directory Readers',
  guestInviter: 'Guest Inviter',
  messageCenterReader: 'Message Center Reader',
  privilegedRoleAdministrator: 'Privileged Role Administrator',
  reportsReader: 'Reports Reader',
  userExperienceSuccessManager: 'User Experience Success Manager',
  usageSummaryReportsReader: 'Usage Summary Reports Reader',
};

/** One table: for each role a target may hold, the roles that may act on a user holding it. */
interface Table {
  /** The columns, strongest last, as the page lists them. */
  actors: readonly TableRole[];
  /** Rows: a target role → the actor roles with a check mark. */
  rows: Partial<Record<TableRole, readonly TableRole[]>>;
  /** "User (no admin role)". */
  noRole: readonly TableRole[];
  /** "User (no admin role, but member or owner of a role-assignable group)" and "All other built-in and custom roles". */
  otherwise: readonly TableRole[];
}

const TOP: readonly TableRole[] = ['privilegedAuthenticationAdministrator', 'globalAdministrator'];

/** "Who can perform sensitive actions" (Disable or enable users: accountEnabled). */
const SENSITIVE_ACTIONS: Table = {
  actors: ['authenticationAdministrator', 'userAdministrator', ...TOP],
  rows: {
    authenticationAdministrator: ['authenticationAdministrator', ...TOP],
    directoryReaders: ['authenticationAdministrator', 'userAdministrator', ...TOP],
    globalAdministrator: TOP,
    groupsAdministrator: ['userAdministrator', ...TOP],
    guestInviter: ['authenticationAdministrator', 'userAdministrator', ...TOP],
    helpdeskAdministrator: ['userAdministrator', ...TOP],
    messageCenterReader: ['authenticationAdministrator', 'userAdministrator', ...TOP],
    passwordAdministrator: ['authenticationAdministrator', 'userAdministrator', ...TOP],
    privilegedAuthenticationAdministrator: TOP,
    privilegedRoleAdministrator: TOP,
    reportsReader: ['authenticationAdministrator', 'userAdministrator', ...TOP],
    userAdministrator: ['userAdministrator', ...TOP],
    userExperienceSuccessManager: ['authenticationAdministrator', 'userAdministrator', ...TOP],
    usageSummaryReportsReader: ['authenticationAdministrator', 'userAdministrator', ...TOP],
  },
  noRole: ['authenticationAdministrator', 'userAdministrator', ...TOP],
  otherwise: TOP,
};

/** "Who can reset passwords" (its columns also invalidate refresh tokens). */
const RESET_AND_REVOKE: Table = {
  actors: ['passwordAdministrator', 'helpdeskAdministrator', 'authenticationAdministrator', 'userAdministrator', ...TOP],
  rows: {
    authenticationAdministrator: ['authenticationAdministrator', ...TOP],
    directoryReaders: ['passwordAdministrator', 'helpdeskAdministrator', 'authenticationAdministrator', 'userAdministrator', ...TOP],
    globalAdministrator: TOP,
    groupsAdministrator: ['userAdministrator', ...TOP],
    guestInviter: ['passwordAdministrator', 'helpdeskAdministrator', 'authenticationAdministrator', 'userAdministrator', ...TOP],
    helpdeskAdministrator: ['helpdeskAdministrator', 'userAdministrator', ...TOP],
    messageCenterReader: ['helpdeskAdministrator', 'authenticationAdministrator', 'userAdministrator', ...TOP],
    passwordAdministrator: ['passwordAdministrator', 'helpdeskAdministrator', 'authenticationAdministrator', 'userAdministrator', ...TOP],
    privilegedAuthenticationAdministrator: TOP,
    privilegedRoleAdministrator: TOP,
    reportsReader: ['helpdeskAdministrator', 'authenticationAdministrator', 'userAdministrator', ...TOP],
    userAdministrator: ['userAdministrator', ...TOP],
    userExperienceSuccessManager: ['helpdeskAdministrator', 'authenticationAdministrator', 'userAdministrator', ...TOP],
    usageSummaryReportsReader: ['helpdeskAdministrator', 'authenticationAdministrator', 'userAdministrator', ...TOP],
  },
  noRole: ['passwordAdministrator', 'helpdeskAdministrator', 'authenticationAdministrator', 'userAdministrator', ...TOP],
  otherwise: TOP,
};

const TABLES: Partial<Record<MitigationAction, Table>> = { disable: SENSITIVE_ACTIONS, revokeSessions: RESET_AND_REVOKE };

const ROLE_BY_ID = new Map<string, TableRole>(Object.entries(TABLE_ROLES).map(([name, id]) => [id, name as TableRole]));

/** What the directory says about a user the action would touch. */
export interface TargetRoles {
  /** Role template ids the user holds tenant-wide, directly or through a group. */
  roleTemplateIds: ReadonlySet<string>;
  /** Member (or owner) of a role-assignable group, whether or not the group holds a role. */
  inRoleAssignableGroup: boolean;
}

export interface TargetDecision {
  allowed: boolean;
  /** Roles any one of which may act on this target (empty when the action is not governed by the target). */
  rolesThatMay: TableRole[];
  /** Display names of the target's roles that narrowed it (for messages), empty for a user without roles. */
  limitingRoles: string[];
}

/** Whether the action on a user is governed by the roles that user holds (disable, revoke sessions). */
export function isGovernedByTarget(action: MitigationAction): boolean {
  return action in TABLES;
}

/** Which of the table's roles may act on a user holding these roles: each row narrows (a user's roles all count). */
export function rolesThatMayActOn(action: MitigationAction, target: TargetRoles): TableRole[] {
  const table = TABLES[action];
  if (!table) return [];
  const rows: Array<readonly TableRole[]> = [];
  for (const id of target.roleTemplateIds) {
    const role = ROLE_BY_ID.get(id.toLowerCase());
    rows.push((role && table.rows[role]) ?? table.otherwise);
  }
  if (rows.length === 0) rows.push(target.inRoleAssignableGroup ? table.otherwise : table.noRole);
  return table.actors.filter((actor) => rows.every((row) => row.includes(actor)));
}

/** The decision for an actor holding `actorRoleIds` (template ids) acting on a user holding `target`'s roles. */
export function mayActOn(action: MitigationAction, actorRoleIds: ReadonlySet<string>, target: TargetRoles): TargetDecision {
  if (!isGovernedByTarget(action)) return { allowed: true, rolesThatMay: [], limitingRoles: [] };
  const rolesThatMay = rolesThatMayActOn(action, target);
  const held = new Set([...actorRoleIds].map((id) => id.toLowerCase()));
  const allowed = rolesThatMay.some((role) => held.has(TABLE_ROLES[role]));
  const limitingRoles = [...target.roleTemplateIds].map((id) => {
    const role = ROLE_BY_ID.get(id.toLowerCase());
    return role ? TABLE_ROLE_NAMES[role] : 'an administrator role';
  });
  if (limitingRoles.length === 0 && target.inRoleAssignableGroup) limitingRoles.push('membership of a role-assignable group');
  return { allowed, rolesThatMay, limitingRoles: [...new Set(limitingRoles)] };
}

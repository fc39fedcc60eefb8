/**
 * The local Entra's own rule for who may disable, or revoke the sessions of, a user holding which roles: Graph answers
 * 403 Authorization_RequestDenied when the caller's roles do not cover the target's. Copied by hand from Microsoft's
 * tables ("Who can perform sensitive actions", "Who can reset passwords":
 * https://learn.microsoft.com/entra/identity/role-based-access-control/privileged-roles-permissions), deliberately
 * not imported from the bot (src/mitigations/targetRules.ts), so a mistake in the bot's table meets this one in tests.
 * A delegated call is judged by the signed-in user's roles; an app-only call by the roles of the app's service
 * principal, and an app with none may only change users who hold no role and are in no role-assignable group.
 */
import type { Caller } from '../auth/caller';
import { GraphQueryError } from '../odata/contract';
import type { GraphObject } from '../snapshot/layout';
import type { Directory } from '../tenant/directory';

const GA = '62e90394-69f5-4237-9190-012177145e10';
const PRIV_AUTH = '7be44c8a-adaf-4e2a-84d6-ab2649e08a13';
const USER_ADMIN = 'fe930be7-5e62-47db-91af-98c3a49a38b1';
const AUTH_ADMIN = 'c4e39bd9-1100-46d3-8c65-fb160da0071f';
const HELPDESK = '729827e3-9c14-49f7-bb1b-9608f156bbb8';
const PASSWORD_ADMIN = '966707d0-3269-4727-9be2-8c3a10f19b9d';
const GROUPS_ADMIN = 'fdd7a751-b60b-444a-984c-02652fe8fa1c';
const DIRECTORY_READERS = '88d8e3e3-8f55-4a1e-953a-9b9898b8876b';
const GUEST_INVITER = '95e79109-95c0-4d8e-aee3-d01accf2d47b';
const MESSAGE_CENTER_READER = '790c1fb9-7f7d-4f88-86a1-ef1f95c05c1b';
const PRIV_ROLE_ADMIN = 'e8611ab8-c189-46e8-94e1-60213ab1f814';
const REPORTS_READER = '4a5d8f65-41da-4de4-8968-e035b65339cf';
const UX_SUCCESS_MANAGER = '27460883-1df1-4691-b032-3b79643e5e63';
const USAGE_SUMMARY_READER = '75934031-6c7e-415a-99d7-48dbd49e875e';

type Rule = { byTargetRole: Record<string, string[]>; noRole: string[]; other: string[] };

/** Disable or enable users (accountEnabled): columns Auth Admin, User Admin, Privileged Auth Admin, Global Admin. */
const ACCOUNT_ENABLED: Rule = (() => {
  const all = [AUTH_ADMIN, USER_ADMIN, PRIV_AUTH, GA];
  const top = [PRIV_AUTH, GA];
  return {
    byTargetRole: {
      [AUTH_ADMIN]: [AUTH_ADMIN, PRIV_AUTH, GA],
      [DIRECTORY_READERS]: all,
      [GA]: top,
      [GROUPS_ADMIN]: [USER_ADMIN, PRIV_AUTH, GA],
      [GUEST_INVITER]: all,
      [HELPDESK]: [USER_ADMIN, PRIV_AUTH, GA],
      [MESSAGE_CENTER_READER]: all,
      [PASSWORD_ADMIN]: all,
      [PRIV_AUTH]: top,
      [PRIV_ROLE_ADMIN]: top,
      [REPORTS_READER]: all,
      [USER_ADMIN]: [USER_ADMIN, PRIV_AUTH, GA],
      [UX_SUCCESS_MANAGER]: all,
      [USAGE_SUMMARY_READER]: all,
    },
    noRole: all,
    other: top,
  };
})();

/** Invalidate refresh tokens: columns Password Admin, Helpdesk Admin, Auth Admin, User Admin, Privileged Auth Admin, Global Admin. */
const REFRESH_TOKENS: Rule = (() => {
  const all = [PASSWORD_ADMIN, HELPDESK, AUTH_ADMIN, USER_ADMIN, PRIV_AUTH, GA];
  const noPassword = [HELPDESK, AUTH_ADMIN, USER_ADMIN, PRIV_AUTH, GA];
  const top = [PRIV_AUTH, GA];
  return {
    byTargetRole: {
      [AUTH_ADMIN]: [AUTH_ADMIN, PRIV_AUTH, GA],
      [DIRECTORY_READERS]: all,
      [GA]: top,
      [GROUPS_ADMIN]: [USER_ADMIN, PRIV_AUTH, GA],
      [GUEST_INVITER]: all,
      [HELPDESK]: [HELPDESK, USER_ADMIN, PRIV_AUTH, GA],
      [MESSAGE_CENTER_READER]: noPassword,
      [PASSWORD_ADMIN]: all,
      [PRIV_AUTH]: top,
      [PRIV_ROLE_ADMIN]: top,
      [REPORTS_READER]: noPassword,
      [USER_ADMIN]: [USER_ADMIN, PRIV_AUTH, GA],
      [UX_SUCCESS_MANAGER]: noPassword,
      [USAGE_SUMMARY_READER]: noPassword,
    },
    noRole: all,
    other: top,
  };
})();

const RULES = { accountEnabled: ACCOUNT_ENABLED, refreshTokens: REFRESH_TOKENS };

function inRoleAssignableGroup(directory: Directory, userId: string): boolean {
  return directory.transitiveGroupIds(userId).some((id) => directory.principal(id)?.isAssignableToRole === true);
}

/** Throws Graph's 403 when the caller may not change this user's accountEnabled or refresh tokens. */
export function authorizeOnTarget(caller: Caller, change: keyof typeof RULES, target: GraphObject, directory: Directory): void {
  const rule = RULES[change];
  const targetId = target.id as string;
  const targetRoles = [...directory.roleTemplateIds(targetId)];
  const protectedUser = targetRoles.length > 0 || inRoleAssignableGroup(directory, targetId);
  const actorId = caller.kind === 'delegated' ? caller.userId : caller.servicePrincipalId;
  const actorRoles = actorId ? directory.roleTemplateIds(actorId) : new Set<string>();
  // An app's permission alone covers users without roles; for anyone else it needs a role, as a person does.
  if (caller.kind === 'app' && !protectedUser) return;
  const rows = targetRoles.length ? targetRoles.map((role) => rule.byTargetRole[role] ?? rule.other) : [protectedUser ? rule.other : rule.noRole];
  // One of the caller's roles must cover every role the target holds (the tables give no rule for mixing two roles).
  if ([...actorRoles].some((role) => rows.every((row) => row.includes(role)))) return;
  throw new GraphQueryError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
}

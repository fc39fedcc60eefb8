/**
 * What an asker may see when the bot reads Graph with its own app-only token: Graph checks the app's permissions,
 * so the bot checks the asker's directory roles itself, against the same table the service applies to delegated
 * calls (src/graph/permissions.ts). With the asker's own delegated token, Graph does this check and this class is
 * not needed.
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import { BUILT_IN_ROLES, ENDPOINT_PERMISSIONS, type PermissionKey, type RoleName } from './permissions';
import { isGuid } from './ids';
import { TtlCache } from './ttlCache';
import { GraphUnavailable, TRANSIENT_STATUSES } from './unavailable';

const ROLE_BY_TEMPLATE_ID = new Map<string, RoleName>(Object.entries(BUILT_IN_ROLES).map(([name, id]) => [id, name as RoleName]));

/** Readable names for messages that say which role is needed. */
export const ROLE_DISPLAY_NAMES: Record<RoleName, string> = {
  globalAdministrator: 'Global Administrator',
  globalReader: 'Global Reader',
  securityAdministrator: 'Security Administrator',
  securityOperator: 'Security Operator',
  securityReader: 'Security Reader',
  reportsReader: 'Reports Reader',
  conditionalAccessAdministrator: 'Conditional Access Administrator',
  globalSecureAccessAdministrator: 'Global Secure Access Administrator',
  userAdministrator: 'User Administrator',
  helpdeskAdministrator: 'Helpdesk Administrator',
  privilegedAuthenticationAdministrator: 'Privileged Authentication Administrator',
  privilegedRoleAdministrator: 'Privileged Role Administrator',
  directoryReaders: 'Directory Readers',
  applicationAdministrator: 'Application Administrator',
  cloudApplicationAdministrator: 'Cloud Application Administrator',
  authenticationAdministrator: 'Authentication Administrator',
  passwordAdministrator: 'Password Administrator',
};

/** "Global Administrator, User Administrator or Helpdesk Administrator": the roles a message names. */
export function roleList(roles: readonly RoleName[]): string {
  const names = roles.map((r) => ROLE_DISPLAY_NAMES[r] ?? r);
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}` : (names[0] ?? 'an administrator role');
}

export interface AccessDecision {
  allowed: boolean;
  /** Roles any one of which would allow it (empty when no role is needed). */
  neededRoles: RoleName[];
  /** The tenant-wide roles the asker holds, directly or through a role-assignable group. */
  heldRoles: RoleName[];
}

interface Page<T> {
  value: T[];
}

/**
 * The asker is not an account of the directory the bot reads: Teams sent an object id that is no user there (a guest
 * signed in from another tenant, a deleted account) or no object id at all in the shape Entra uses. No role can be
 * read for them, so nothing of the tenant can be shown.
 */
export class AskerNotInDirectory extends Error {
  constructor(readonly reason: 'notFound' | 'malformed') {
    super(reason === 'notFound' ? 'The asker is not a user of the directory read' : 'The asker\'s id is not an Entra object id');
    this.name = 'AskerNotInDirectory';
  }
}

/** A user's tenant-wide roles as the directory has them, including roles this bot has no name for. */
export interface DirectoryRoles {
  roleTemplateIds: Set<string>;
  /** Member of a role-assignable group (Entra protects such members like administrators). */
  inRoleAssignableGroup: boolean;
}

/** People whose roles are kept at once (askers and mitigation targets); the longest-held goes first beyond this. */
const MAX_CACHED_PEOPLE = 10_000;

export class AskerAccess {
  private readonly cache: TtlCache<string, Promise<DirectoryRoles>>;

  constructor(
    private readonly graph: Client,
    options: { cacheTtlMs?: number; clock?: () => number; maxCached?: number } = {},
  ) {
    this.cache = new TtlCache({ ttlMs: options.cacheTtlMs ?? 5 * 60_000, maxEntries: options.maxCached ?? MAX_CACHED_PEOPLE, clock: options.clock });
  }

  /** The asker's active tenant-wide directory roles, cached briefly: role changes show up within the TTL. */
  async rolesOf(userObjectId: string): Promise<Set<RoleName>> {
    const roles = new Set<RoleName>();
    for (const id of (await this.directoryRoles(userObjectId)).roleTemplateIds) {
      const role = ROLE_BY_TEMPLATE_ID.get(id);
      if (role) roles.add(role);
    }
    return roles;
  }

  /** Any user's tenant-wide role template ids and role-assignable group membership (askers and mitigation targets). */
  directoryRoles(userObjectId: string): Promise<DirectoryRoles> {
    if (!isGuid(userObjectId)) return Promise.reject(new AskerNotInDirectory('malformed'));
    return this.cache.getOrSet(userObjectId, () => this.readRoles(userObjectId));
  }

  /** Reads again at the next call: a Confirm re-checks against the roles the target holds now. */
  forget(userObjectId: string): void {
    this.cache.delete(userObjectId);
  }

  async check(userObjectId: string | undefined, key: PermissionKey): Promise<AccessDecision> {
    const entry = ENDPOINT_PERMISSIONS[key] as { roles?: readonly RoleName[] };
    const neededRoles = [...(entry.roles ?? [])];
    if (!userObjectId) return { allowed: false, neededRoles, heldRoles: [] };
    const heldRoles = [...(await this.rolesOf(userObjectId))];
    const allowed = neededRoles.length === 0 || neededRoles.some((r) => heldRoles.includes(r));
    return { allowed, neededRoles, heldRoles };
  }

  private async readRoles(userObjectId: string): Promise<DirectoryRoles> {
    // Direct assignments and group memberships in one round trip; casts on transitive lists are advanced queries.
    const batch = (await this.graph.api('/$batch').post({
      requests: [
        {
          id: 'direct',
          method: 'GET',
          url: `/roleManagement/directory/roleAssignments?$filter=principalId eq '${userObjectId}'&$select=roleDefinitionId,directoryScopeId`,
        },
        {
          id: 'groups',
          method: 'GET',
          url: `/users/${userObjectId}/transitiveMemberOf/microsoft.graph.group?$select=id,isAssignableToRole&$top=999&$count=true`,
          headers: { ConsistencyLevel: 'eventual' },
        },
      ],
    })) as { responses: Array<{ id: string; status: number; body: unknown }> };
    const byId = new Map(batch.responses.map((r) => [r.id, r]));
    const direct = byId.get('direct');
    const groups = byId.get('groups');
    // The membership read names the user: Graph answers 404 when the directory has no such user.
    if (groups?.status === 404) throw new AskerNotInDirectory('notFound');
    for (const response of [direct, groups]) {
      if (response && TRANSIENT_STATUSES.has(response.status)) throw new GraphUnavailable(response.status);
      if (!response || response.status >= 300) {
        throw new Error(`Reading the asker's roles failed: ${response?.status ?? 'no response'} ${JSON.stringify(response?.body ?? '')}`);
      }
    }
    const assignments = [...(direct!.body as Page<{ roleDefinitionId: string; directoryScopeId: string }>).value];
    const roleGroups = (groups!.body as Page<{ id: string; isAssignableToRole?: boolean }>).value.filter((g) => g.isAssignableToRole);
    if (roleGroups.length > 0) {
      const ids = roleGroups.map((g) => `'${g.id}'`).join(',');
      const viaGroups = (await this.graph
        .api('/roleManagement/directory/roleAssignments')
        .filter(`principalId in (${ids})`)
        .select('roleDefinitionId,directoryScopeId')
        .get()) as Page<{ roleDefinitionId: string; directoryScopeId: string }>;
      assignments.push(...viaGroups.value);
    }
    const roleTemplateIds = new Set<string>();
    // Only tenant-wide assignments grant tenant-wide rights; administrative-unit scopes do not.
    for (const assignment of assignments) if (assignment.directoryScopeId === '/') roleTemplateIds.add(assignment.roleDefinitionId.toLowerCase());
    return { roleTemplateIds, inRoleAssignableGroup: roleGroups.length > 0 };
  }
}

import { createHash } from 'node:crypto';
import type { GraphObject } from '../snapshot/layout';
import type { TenantStore } from './store';

const PRINCIPAL_COLLECTIONS = [
  ['users', '#microsoft.graph.user'],
  ['groups', '#microsoft.graph.group'],
  ['servicePrincipals', '#microsoft.graph.servicePrincipal'],
] as const;

function refIds(value: unknown): string[] {
  return Array.isArray(value) ? value.map((ref) => (ref as GraphObject).id as string) : [];
}

/** A directory object as member lists return it: the object with its @odata.type first. */
export function typed(object: GraphObject, odataType: string): GraphObject {
  const { members: _members, owners: _owners, manager: _manager, history: _history, ...rest } = object;
  return { '@odata.type': odataType, ...rest };
}

/**
 * What Graph derives from the snapshot: group membership in both directions, transitive closures, activated
 * directory roles (from tenant-wide role assignments) and the roles a principal holds directly or through a
 * role-assignable group. Groups and role assignments never change at run time, so results are cached.
 */
export class Directory {
  private parentsOf?: Map<string, string[]>;
  private rolesCache?: GraphObject[];

  constructor(private readonly store: TenantStore) {}

  /** A user, group or service principal by id, with @odata.type. */
  principal(id: string): GraphObject | undefined {
    for (const [name, odataType] of PRINCIPAL_COLLECTIONS) {
      const found = this.store.get(name, id);
      if (found) return typed(found, odataType);
    }
    const role = this.directoryRoles().find((r) => r.id === id);
    return role;
  }

  private parents(): Map<string, string[]> {
    if (!this.parentsOf) {
      const parents = new Map<string, string[]>();
      for (const group of this.store.items('groups')) {
        for (const memberId of refIds(group.members)) parents.set(memberId, [...(parents.get(memberId) ?? []), group.id as string]);
      }
      this.parentsOf = parents;
    }
    return this.parentsOf;
  }

  private tenantWideAssignments(): GraphObject[] {
    return this.store.items('roleAssignments').filter((a) => (a.directoryScopeId ?? '/') === '/');
  }

  /** The tenant-specific object id of an activated directory role (stable for a tenant and template). */
  private roleObjectId(templateId: string): string {
    const hex = createHash('sha1').update(`${this.store.tenantId}/${templateId}`).digest('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }

  /** Activated directory roles: one per role definition with at least one tenant-wide assignment. */
  directoryRoles(): GraphObject[] {
    if (!this.rolesCache) {
      const used = new Set(this.tenantWideAssignments().map((a) => a.roleDefinitionId as string));
      this.rolesCache = this.store
        .items('roleDefinitions')
        .filter((definition) => used.has(definition.id as string))
        .map((definition) => {
          const templateId = (definition.templateId as string | undefined) ?? (definition.id as string);
          return {
            '@odata.type': '#microsoft.graph.directoryRole',
            id: this.roleObjectId(templateId),
            deletedDateTime: null,
            description: definition.description ?? null,
            displayName: definition.displayName ?? null,
            roleTemplateId: templateId,
          };
        });
    }
    return this.rolesCache;
  }

  /** Direct members of an activated directory role. */
  directoryRoleMembers(role: GraphObject): GraphObject[] {
    const definitionIds = new Set(
      this.store
        .items('roleDefinitions')
        .filter((d) => ((d.templateId as string | undefined) ?? d.id) === role.roleTemplateId)
        .map((d) => d.id as string),
    );
    const ids = this.tenantWideAssignments().filter((a) => definitionIds.has(a.roleDefinitionId as string)).map((a) => a.principalId as string);
    return unique(ids).map((id) => this.principal(id)).filter((p): p is GraphObject => !!p);
  }

  private rolesAssignedTo(principalIds: Set<string>): GraphObject[] {
    const definitionIds = new Set(this.tenantWideAssignments().filter((a) => principalIds.has(a.principalId as string)).map((a) => a.roleDefinitionId as string));
    const templates = new Set(
      this.store
        .items('roleDefinitions')
        .filter((d) => definitionIds.has(d.id as string))
        .map((d) => (d.templateId as string | undefined) ?? (d.id as string)),
    );
    return this.directoryRoles().filter((role) => templates.has(role.roleTemplateId as string));
  }

  members(groupId: string): GraphObject[] {
    const group = this.store.get('groups', groupId);
    return refIds(group?.members).map((id) => this.principal(id)).filter((p): p is GraphObject => !!p);
  }

  owners(collection: 'groups' | 'applications' | 'servicePrincipals', id: string): GraphObject[] {
    const owner = this.store.get(collection, id);
    return refIds(owner?.owners).map((ownerId) => this.principal(ownerId)).filter((p): p is GraphObject => !!p);
  }

  /** What a user owns (groups, app registrations, service principals), as /users/{id}/ownedObjects lists it. */
  ownedObjects(userId: string): GraphObject[] {
    const kinds = [
      ['groups', '#microsoft.graph.group'],
      ['applications', '#microsoft.graph.application'],
      ['servicePrincipals', '#microsoft.graph.servicePrincipal'],
    ] as const;
    return kinds.flatMap(([collection, odataType]) => this.store.items(collection).filter((item) => refIds(item.owners).includes(userId)).map((item) => typed(item, odataType)));
  }

  /** The users whose manager is this user (/users/{id}/directReports). */
  directReports(userId: string): GraphObject[] {
    return this.store
      .items('users')
      .filter((u) => (u.manager as GraphObject | undefined)?.id === userId)
      .map((u) => typed(u, '#microsoft.graph.user'));
  }

  transitiveMembers(groupId: string): GraphObject[] {
    const seen = new Set<string>();
    const queue = [groupId];
    const result: GraphObject[] = [];
    while (queue.length) {
      for (const member of this.members(queue.shift() as string)) {
        if (seen.has(member.id as string)) continue;
        seen.add(member.id as string);
        result.push(member);
        if (member['@odata.type'] === '#microsoft.graph.group') queue.push(member.id as string);
      }
    }
    return result;
  }

  /** Groups the object is a direct member of, then the directory roles assigned to it directly. */
  memberOf(principalId: string): GraphObject[] {
    const groups = (this.parents().get(principalId) ?? []).map((id) => this.principal(id)).filter((p): p is GraphObject => !!p);
    return [...groups, ...this.rolesAssignedTo(new Set([principalId]))];
  }

  transitiveGroupIds(principalId: string): string[] {
    const seen = new Set<string>();
    const queue = [principalId];
    while (queue.length) {
      for (const parent of this.parents().get(queue.shift() as string) ?? []) {
        if (!seen.has(parent)) {
          seen.add(parent);
          queue.push(parent);
        }
      }
    }
    return [...seen];
  }

  /** Every group reached through membership, then every role held directly or through those groups. */
  transitiveMemberOf(principalId: string): GraphObject[] {
    const groupIds = this.transitiveGroupIds(principalId);
    const groups = groupIds.map((id) => this.principal(id)).filter((p): p is GraphObject => !!p);
    return [...groups, ...this.rolesAssignedTo(new Set([principalId, ...groupIds]))];
  }

  /** Role template ids a principal holds tenant-wide, directly or through a (role-assignable) group. */
  roleTemplateIds(principalId: string): Set<string> {
    const holders = new Set([principalId, ...this.transitiveGroupIds(principalId)]);
    return new Set(this.rolesAssignedTo(holders).map((role) => role.roleTemplateId as string));
  }
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

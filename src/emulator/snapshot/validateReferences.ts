import { COLLECTION_FILES, type CollectionName, type GraphObject } from './layout';
import { SnapshotError } from './readCollectionFile';

type Collections = Record<CollectionName, GraphObject[]>;

function idsOf(items: GraphObject[]): Set<string> {
  return new Set(items.map((item) => item.id as string));
}

function refIds(value: unknown): string[] {
  return Array.isArray(value) ? value.map((ref) => (ref as GraphObject)?.id).filter((id): id is string => typeof id === 'string') : [];
}

/**
 * Refuses duplicate ids and references to unknown objects (group members/owners, app and service principal
 * owners, managers, role assignment principals and definitions), naming the file and the reference.
 */
export function validateReferences(collections: Collections): void {
  for (const name of Object.keys(collections) as CollectionName[]) {
    const seen = new Set<string>();
    for (const item of collections[name]) {
      if (seen.has(item.id as string)) throw new SnapshotError(COLLECTION_FILES[name], `duplicate id ${item.id}`);
      seen.add(item.id as string);
    }
  }
  const principals = new Set([...idsOf(collections.users), ...idsOf(collections.groups), ...idsOf(collections.servicePrincipals)]);
  const check = (name: CollectionName, owner: GraphObject, property: string, ids: string[], known: Set<string>) => {
    for (const id of ids) {
      if (!known.has(id)) throw new SnapshotError(COLLECTION_FILES[name], `object ${owner.id}: "${property}" refers to unknown id ${id}`);
    }
  };
  for (const group of collections.groups) {
    check('groups', group, 'members', refIds(group.members), principals);
    check('groups', group, 'owners', refIds(group.owners), principals);
  }
  for (const name of ['applications', 'servicePrincipals'] as const) {
    for (const item of collections[name]) check(name, item, 'owners', refIds(item.owners), principals);
  }
  const userIds = idsOf(collections.users);
  for (const user of collections.users) {
    const manager = (user.manager as GraphObject | undefined)?.id;
    if (typeof manager === 'string') check('users', user, 'manager', [manager], userIds);
  }
  const definitions = idsOf(collections.roleDefinitions);
  for (const assignment of collections.roleAssignments) {
    check('roleAssignments', assignment, 'principalId', [String(assignment.principalId)], principals);
    check('roleAssignments', assignment, 'roleDefinitionId', [String(assignment.roleDefinitionId)], definitions);
  }
}

import { COLLECTION_FILES, type CollectionName, type GraphObject } from './layout';
import { SnapshotError } from './readCollectionFile';

type Collections = Record<CollectionName, GraphObject[]>;

/** The ids of a collection, refusing a duplicate (one pass; the set then serves the reference checks). */
function uniqueIds(name: CollectionName, items: readonly GraphObject[]): Set<string> {
  const seen = new Set<string>();
  for (const item of items) {
    const id = item.id as string;
    if (seen.has(id)) throw new SnapshotError(COLLECTION_FILES[name], `duplicate id ${id}`);
    seen.add(id);
  }
  return seen;
}

/**
 * Refuses duplicate ids and references to unknown objects (group members/owners, app and service principal
 * owners, managers, role assignment principals and definitions), naming the file and the reference. Written as
 * plain loops over the id sets: a 100,000-user tenant has about 400,000 group memberships to check at every start.
 */
export function validateReferences(collections: Collections): void {
  const ids = {} as Record<CollectionName, Set<string>>;
  for (const name of Object.keys(collections) as CollectionName[]) ids[name] = uniqueIds(name, collections[name]);
  const users = ids.users;
  const groups = ids.groups;
  const servicePrincipals = ids.servicePrincipals;
  const isPrincipal = (id: string) => users.has(id) || groups.has(id) || servicePrincipals.has(id);
  const checkRefs = (name: CollectionName, owner: GraphObject, property: string) => {
    const refs = owner[property];
    if (!Array.isArray(refs)) return;
    for (const ref of refs) {
      const id = (ref as GraphObject | null)?.id;
      if (typeof id === 'string' && !isPrincipal(id)) throw new SnapshotError(COLLECTION_FILES[name], `object ${String(owner.id)}: "${property}" refers to unknown id ${id}`);
    }
  };
  for (const group of collections.groups) {
    checkRefs('groups', group, 'members');
    checkRefs('groups', group, 'owners');
  }
  for (const name of ['applications', 'servicePrincipals'] as const) {
    for (const item of collections[name]) checkRefs(name, item, 'owners');
  }
  for (const user of collections.users) {
    const manager = (user.manager as GraphObject | undefined)?.id;
    if (typeof manager === 'string' && !users.has(manager)) throw new SnapshotError(COLLECTION_FILES.users, `object ${String(user.id)}: "manager" refers to unknown id ${manager}`);
  }
  for (const assignment of collections.roleAssignments) {
    const principal = String(assignment.principalId);
    if (!isPrincipal(principal)) throw new SnapshotError(COLLECTION_FILES.roleAssignments, `object ${String(assignment.id)}: "principalId" refers to unknown id ${principal}`);
    const definition = String(assignment.roleDefinitionId);
    if (!ids.roleDefinitions.has(definition)) throw new SnapshotError(COLLECTION_FILES.roleAssignments, `object ${String(assignment.id)}: "roleDefinitionId" refers to unknown id ${definition}`);
  }
}

import { type Directory, lookupOf, type NameLookup } from './directory';
import type { ObjectMention } from './parse';
import type { Candidate, DirectoryEntityType, Entity } from './types';

/** Most candidates a disambiguation card shows; more than this and the admin should give the full name. */
export const MAX_CANDIDATES = 8;

const OTHER_TYPES: Record<DirectoryEntityType, DirectoryEntityType[]> = {
  user: ['group', 'app'],
  group: ['app', 'user'],
  app: ['group', 'user'],
};

function applyLookup(entity: Entity, lookup: NameLookup): void {
  if (lookup.matches.length === 1) {
    const [match] = lookup.matches;
    entity.resolution = 'resolved';
    entity.id = match.id;
    entity.displayName = match.displayName;
    if (match.userPrincipalName) entity.userPrincipalName = match.userPrincipalName;
    if (match.appId) entity.appId = match.appId;
  } else if (lookup.matches.length > 1) {
    entity.resolution = 'ambiguous';
    entity.candidates = lookup.matches.slice(0, MAX_CANDIDATES).map(compact);
  } else {
    entity.resolution = 'notFound';
    entity.suggestions = lookup.suggestions.slice(0, 3);
  }
}

function compact(candidate: Candidate): Candidate {
  const out: Candidate = { id: candidate.id, displayName: candidate.displayName };
  if (candidate.userPrincipalName) out.userPrincipalName = candidate.userPrincipalName;
  if (candidate.appId) out.appId = candidate.appId;
  return out;
}

/**
 * Looks each named user, group and app up in the tenant. A name whose type was only guessed from the question
 * ("who owns Northwind Exec") is tried as the other types when the guess finds nothing.
 */
export async function resolveObjects(objects: ObjectMention[], directory: Directory): Promise<string[]> {
  const failures: string[] = [];
  await Promise.all(
    objects.map(async (object) => {
      try {
        await resolveObject(object, directory);
      } catch (err) {
        // A directory that cannot be reached leaves the name as written; the answer says it was not looked up.
        object.entity.resolution = 'unresolved';
        failures.push(`${object.entity.type} "${object.entity.text}": ${(err as Error).message}`);
      }
    }),
  );
  return failures;
}

async function resolveObject({ entity, typeGuessed }: ObjectMention, directory: Directory): Promise<void> {
  if (entity.id || entity.resolution) return;
  const type = entity.type as DirectoryEntityType;
  const first = await lookupOf(directory, type, entity.text);
  if (first.matches.length === 0 && typeGuessed) {
    for (const other of OTHER_TYPES[type]) {
      const lookup = await lookupOf(directory, other, entity.text);
      if (lookup.matches.length > 0) {
        entity.type = other;
        applyLookup(entity, lookup);
        return;
      }
    }
  }
  applyLookup(entity, first);
}

/** Without a tenant, names stay as written and say so. */
export function markUnresolved(objects: ObjectMention[]): void {
  for (const { entity } of objects) if (!entity.id && !entity.resolution) entity.resolution = 'unresolved';
}

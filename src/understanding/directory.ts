import type { NameVocabulary } from './entities/knownNames';
import type { Candidate, DirectoryEntityType } from './types';

/**
 * What looking a name up in the tenant found: the matching objects (one = resolved, several = the admin chooses),
 * and when nothing matched, the closest names for a "did you mean".
 */
export interface NameLookup {
  matches: Candidate[];
  suggestions: string[];
}

/**
 * Name resolution, the recogniser's only I/O. Implemented over Microsoft Graph in src/graph/directory.ts; tests
 * and the bench use InMemoryDirectory.
 */
export interface Directory {
  /** A UPN, an email or guest home address, an `#EXT#` UPN, a display name or a first name. */
  findUsers(text: string): Promise<NameLookup>;
  /** A group's display name (exact first, then by prefix). */
  findGroups(text: string): Promise<NameLookup>;
  /** An application or service principal: its appId (GUID) or display name. */
  findApps(text: string): Promise<NameLookup>;
  /**
   * Every group and app name of the tenant, kept fresh and small, so names in a message are linked where they
   * stand; absent or rejected: names are guessed and looked up one by one.
   */
  names?(): Promise<NameVocabulary | undefined>;
}

export function lookupOf(directory: Directory, type: DirectoryEntityType, text: string): Promise<NameLookup> {
  if (type === 'user') return directory.findUsers(text);
  if (type === 'group') return directory.findGroups(text);
  return directory.findApps(text);
}

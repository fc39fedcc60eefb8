import type { Directory, NameLookup } from './directory';
import type { Candidate } from './types';

export interface DirectoryListing {
  users: Array<Candidate & { givenName?: string; mail?: string }>;
  groups: Candidate[];
  apps: Candidate[];
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function fold(text: string): string {
  return text.toLowerCase().replace(/[’]/g, "'").trim();
}

/** Edit distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

/** The names closest to what was asked: by edit distance to the whole name or to its first word. */
export function closestNames(asked: string, names: string[], count = 3): string[] {
  const target = fold(asked);
  return names
    .map((name) => {
      const folded = fold(name);
      const first = folded.split(/\s+/)[0];
      return { name, distance: Math.min(editDistance(target, folded), editDistance(target, first)) };
    })
    .filter((n) => n.distance <= Math.max(2, Math.floor(target.length / 3)))
    .sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name))
    .slice(0, count)
    .map((n) => n.name);
}

function byName(items: Candidate[], text: string, extra: (item: Candidate) => string[] = () => []): NameLookup {
  const asked = fold(text);
  const exact = items.filter((i) => fold(i.displayName) === asked || extra(i).some((e) => fold(e) === asked));
  if (exact.length > 0) return { matches: exact, suggestions: [] };
  const prefix = items.filter((i) => fold(i.displayName).startsWith(asked));
  if (prefix.length > 0) return { matches: prefix, suggestions: [] };
  return { matches: [], suggestions: closestNames(text, items.map((i) => i.displayName)) };
}

/**
 * A directory held in memory: tests and the bench use it in place of Graph, with the same matching rules as
 * src/graph/directory.ts (exact UPN or address, then exact display or first name, then display-name prefix).
 */
export class InMemoryDirectory implements Directory {
  constructor(private readonly listing: DirectoryListing) {}

  async findUsers(text: string): Promise<NameLookup> {
    const asked = fold(text);
    if (asked.includes('@')) {
      const matches = this.listing.users.filter((u) => fold(u.userPrincipalName ?? '') === asked || fold(u.mail ?? '') === asked);
      return { matches, suggestions: matches.length ? [] : closestNames(text, this.listing.users.map((u) => u.userPrincipalName ?? '')) };
    }
    const users = this.listing.users;
    const exact = users.filter((u) => fold(u.displayName) === asked);
    if (exact.length > 0) return { matches: exact, suggestions: [] };
    const firstName = users.filter((u) => fold(u.givenName ?? u.displayName.split(' ')[0]) === asked);
    if (firstName.length > 0) return { matches: firstName, suggestions: [] };
    return byName(users, text);
  }

  async findGroups(text: string): Promise<NameLookup> {
    return byName(this.listing.groups, text);
  }

  async findApps(text: string): Promise<NameLookup> {
    if (GUID.test(text.trim())) {
      const id = text.trim().toLowerCase();
      const matches = this.listing.apps.filter((a) => a.appId?.toLowerCase() === id || a.id.toLowerCase() === id);
      return { matches, suggestions: [] };
    }
    return byName(this.listing.apps, text);
  }
}

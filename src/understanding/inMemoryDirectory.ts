import { isGuid } from '../graph/ids';
import type { Directory, NameLookup } from './directory';
import type { NameVocabulary } from './entities/knownNames';
import type { Candidate } from './types';

export interface DirectoryUser extends Candidate {
  givenName?: string;
  surname?: string;
  mail?: string;
}

export interface DirectoryListing {
  users: DirectoryUser[];
  groups: Candidate[];
  apps: Candidate[];
}

function fold(text: string): string {
  return text.toLowerCase().replace(/[’]/g, "'").trim();
}

/**
 * Edit distance, for "did you mean" suggestions and misspelt names: insertions, deletions, substitutions and two
 * neighbouring letters swapped ("baeur" for Bauer is one slip of the fingers, not two), each counting one.
 */
export function editDistance(a: string, b: string): number {
  // Three rows: the one before the last is needed for a swap.
  let before = Array.from({ length: b.length + 1 }, () => 0);
  let last = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      let d = Math.min(last[j] + 1, row[j - 1] + 1, last[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2] + 1);
      row.push(d);
    }
    before = last;
    last = row;
  }
  return last[b.length];
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

function surnameOf(user: DirectoryUser): string | undefined {
  return user.surname ?? (user.givenName ? user.displayName.slice(user.givenName.length).trim() || undefined : undefined);
}

/**
 * The best matches among users found by prefix: the exact display name if one, else exact first names, else exact
 * surnames, else all. "Megan" finds Megan Bowen even when a Megane Durand exists; "Sam" finds every Sam.
 */
export function rankUsers<T extends { displayName: string; givenName?: string; surname?: string }>(asked: string, users: T[]): T[] {
  const target = fold(asked);
  const exact = users.filter((u) => fold(u.displayName) === target);
  if (exact.length > 0) return exact;
  const first = users.filter((u) => fold(u.givenName ?? '') === target);
  if (first.length > 0) return first;
  const surname = users.filter((u) => fold(u.surname ?? '') === target);
  if (surname.length > 0) return surname;
  return users;
}

/**
 * A directory held in memory: tests and the bench use it in place of Graph, with the same matching rules as
 * src/graph/directory.ts (exact UPN or address; then display name, first name or surname by prefix, ranked; then words inside the display name).
 */
export class InMemoryDirectory implements Directory {
  constructor(private readonly listing: DirectoryListing) {}

  async findUsers(text: string): Promise<NameLookup> {
    const asked = fold(text);
    if (isGuid(asked)) {
      const matches = this.listing.users.filter((u) => u.id.toLowerCase() === asked);
      return { matches, suggestions: [] };
    }
    if (asked.includes('@')) {
      const matches = this.listing.users.filter((u) => fold(u.userPrincipalName ?? '') === asked || fold(u.mail ?? '') === asked);
      return { matches, suggestions: matches.length ? [] : closestNames(text, this.listing.users.map((u) => u.userPrincipalName ?? '')) };
    }
    const users = this.listing.users;
    const words = (u: DirectoryUser) => fold(u.displayName).split(/[\s()]+/);
    const byPrefix = users.filter((u) => [u.displayName, u.givenName, surnameOf(u)].some((n) => n !== undefined && fold(n).startsWith(asked)));
    if (byPrefix.length > 0) return { matches: rankUsers(text, byPrefix), suggestions: [] };
    // Graph's tokenised $search finds words inside a display name.
    const bySearch = users.filter((u) => words(u).some((w) => w.startsWith(asked)));
    if (bySearch.length > 0) return { matches: rankUsers(text, bySearch), suggestions: [] };
    return { matches: [], suggestions: closestNames(text, users.map((u) => u.displayName)) };
  }

  async findGroups(text: string): Promise<NameLookup> {
    return byName(this.listing.groups, text);
  }

  private vocabulary?: NameVocabulary;

  async names(): Promise<NameVocabulary> {
    this.vocabulary ??= { groups: this.listing.groups, apps: this.listing.apps, users: this.listing.users };
    return this.vocabulary;
  }

  async findApps(text: string): Promise<NameLookup> {
    if (isGuid(text.trim())) {
      const id = text.trim().toLowerCase();
      const matches = this.listing.apps.filter((a) => a.appId?.toLowerCase() === id || a.id.toLowerCase() === id);
      return { matches, suggestions: [] };
    }
    return byName(this.listing.apps, text);
  }
}

/**
 * Name resolution over Microsoft Graph: the Directory the recogniser is given when a tenant is configured.
 * Users: exact UPN (or guest home address) first, then display name, first name and surname by prefix, then a
 * tokenised $search (advanced query: ConsistencyLevel: eventual). Every value placed in a filter is an OData
 * string literal with its apostrophes doubled, and the whole option is percent-encoded, because the Graph client
 * puts query options into the URL as given ("#EXT#" would otherwise end the URL).
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import type { Directory, NameLookup } from '../understanding/directory';
import type { NameVocabulary, VocabularyUser } from '../understanding/entities/knownNames';
import type { NamedLocationCandidate } from '../understanding/entities/tenantPlaces';
import { closestNames, rankUsers } from '../understanding/inMemoryDirectory';
import type { Candidate } from '../understanding/types';
import { TtlCache } from './ttlCache';
import { isGuid, odataString } from './ids';

/** An OData string literal: 'O''Brien'. */
export { odataString };

/** A $search clause: "displayName:Megan" (double quotes and backslashes cannot be escaped there, so they go). */
export function searchClause(property: string, value: string): string {
  return `"${property}:${value.replace(/["\\]/g, ' ').trim()}"`;
}

/** The $filter for users whose display name, first name or surname starts with what the admin wrote. */
export function userNameFilter(name: string): string {
  const literal = odataString(name);
  return `startswith(displayName,${literal}) or startswith(givenName,${literal}) or startswith(surname,${literal})`;
}

const PAGE = 25;

interface GraphUser {
  id: string;
  displayName: string;
  userPrincipalName?: string;
  givenName?: string;
  surname?: string;
  mail?: string;
}

interface GraphNamed {
  id: string;
  displayName: string;
  appId?: string;
}

function fold(text: string | undefined): string {
  return (text ?? '').toLowerCase().replace(/’/g, "'").trim();
}

function userCandidate(user: GraphUser): Candidate {
  return { id: user.id, displayName: user.displayName, userPrincipalName: user.userPrincipalName };
}

interface GraphNamedLocation extends GraphNamed {
  isTrusted?: boolean;
  ipRanges?: Array<{ cidrAddress?: string }>;
  countriesAndRegions?: string[];
}

function namedLocationCandidate(item: GraphNamedLocation): NamedLocationCandidate {
  const ipRanges = (item.ipRanges ?? []).map((r) => r.cidrAddress).filter((c): c is string => typeof c === 'string');
  return {
    id: item.id,
    displayName: item.displayName ?? '',
    ...(ipRanges.length ? { ipRanges } : {}),
    ...(item.countriesAndRegions?.length ? { countries: item.countriesAndRegions } : {}),
    ...(typeof item.isTrusted === 'boolean' ? { isTrusted: item.isTrusted } : {}),
  };
}

function namedCandidate(item: GraphNamed): Candidate {
  return item.appId ? { id: item.id, displayName: item.displayName, appId: item.appId } : { id: item.id, displayName: item.displayName };
}

function rankNamed(asked: string, items: GraphNamed[]): GraphNamed[] {
  const exact = items.filter((i) => fold(i.displayName) === fold(asked));
  return exact.length > 0 ? exact : items;
}

/** How long the group and app names are kept before they are read again. */
const VOCABULARY_TTL_MS = 10 * 60_000;
/** Beyond this many groups or apps, names are looked up one by one instead of held. */
const VOCABULARY_MAX = 50_000;
/** Users are held up to this many (about 30 MB at 200,000); a larger tenant looks people up one by one. */
const USERS_MAX = 200_000;

/** How long a name looked up one by one is remembered: a question and its follow-ups name the same people. */
const LOOKUP_TTL_MS = 60_000;
/** Names remembered at once; the oldest goes first beyond this. */
const LOOKUPS_MAX = 1_000;

export class GraphDirectory implements Directory {
  private vocabulary?: { names: Promise<NameVocabulary | undefined>; expires: number; settled: boolean };
  private readonly lookups: TtlCache<string, Promise<NameLookup>>;

  constructor(
    private readonly client: Client,
    options: { lookupTtlMs?: number; maxLookups?: number; clock?: () => number } = {},
  ) {
    this.lookups = new TtlCache({ ttlMs: options.lookupTtlMs ?? LOOKUP_TTL_MS, maxEntries: options.maxLookups ?? LOOKUPS_MAX, clock: options.clock });
  }

  findUsers(text: string): Promise<NameLookup> {
    return this.lookups.getOrSet(`user ${text}`, () => this.readUsers(text));
  }

  findGroups(text: string): Promise<NameLookup> {
    return this.lookups.getOrSet(`group ${text}`, () => this.findNamed('/groups', text, ['id', 'displayName']));
  }

  findApps(text: string): Promise<NameLookup> {
    return this.lookups.getOrSet(`app ${text}`, () => this.readApps(text));
  }

  private async list<T>(path: string, options: { filter?: string; search?: string; select: string[] }): Promise<T[]> {
    let request = this.client.api(path).select(options.select).top(PAGE);
    if (options.filter) request = request.filter(encodeURIComponent(options.filter));
    if (options.search) {
      // $search is an advanced query: it needs ConsistencyLevel: eventual (and $count=true by convention).
      request = request.search(encodeURIComponent(options.search)).header('ConsistencyLevel', 'eventual').count(true);
    }
    const page = (await request.get()) as { value?: T[] };
    return page.value ?? [];
  }

  private async readUsers(text: string): Promise<NameLookup> {
    const select = ['id', 'displayName', 'userPrincipalName', 'givenName', 'surname', 'mail'];
    const asked = text.trim();
    // An object id ("who is object id 9edaa7ac-…?") is looked up as it is; there is nothing to suggest.
    if (isGuid(asked)) return { matches: (await this.list<GraphUser>('/users', { filter: `id eq ${odataString(asked.toLowerCase())}`, select })).map(userCandidate), suggestions: [] };
    if (asked.includes('@')) {
      const byUpn = await this.list<GraphUser>('/users', { filter: `userPrincipalName eq ${odataString(asked)}`, select });
      const matches = byUpn.length > 0 ? byUpn : await this.list<GraphUser>('/users', { filter: `mail eq ${odataString(asked)}`, select });
      if (matches.length > 0) return { matches: matches.map(userCandidate), suggestions: [] };
      const local = asked.split('@')[0].split(/[._#]/)[0];
      return { matches: [], suggestions: local ? await this.userSuggestions(local) : [] };
    }
    const byPrefix = await this.list<GraphUser>('/users', { filter: userNameFilter(asked), select });
    if (byPrefix.length > 0) return { matches: rankUsers(asked, byPrefix).map(userCandidate), suggestions: [] };
    // Words inside a display name ("Vance (Fabrikam)") are found by the tokenised search only.
    const bySearch = await this.list<GraphUser>('/users', { search: searchClause('displayName', asked), select });
    if (bySearch.length > 0) return { matches: rankUsers(asked, bySearch).map(userCandidate), suggestions: [] };
    return { matches: [], suggestions: await this.userSuggestions(asked) };
  }

  /** Closest names for a "did you mean": display names sharing the first letters, nearest by edit distance. */
  private async userSuggestions(asked: string): Promise<string[]> {
    const stem = asked.slice(0, 2);
    if (!stem.trim()) return [];
    const near = await this.list<GraphUser>('/users', { filter: userNameFilter(stem), select: ['id', 'displayName', 'givenName'] });
    return closestNames(asked, near.map((u) => u.displayName));
  }

  /**
   * Group and service principal names, read whole (999 a page) and kept for VOCABULARY_TTL_MS; a tenant with more
   * than VOCABULARY_MAX of either is not held (names are then looked up one by one, as before).
   */
  names(): Promise<NameVocabulary | undefined> {
    const now = Date.now();
    if (this.vocabulary && this.vocabulary.expires > now) return this.vocabulary.names;
    // Expired: the names held so far still answer while fresh ones are read in the background, off the turn.
    if (this.vocabulary?.settled) {
      const held = this.vocabulary.names;
      // The refresh settles itself: on failure it puts the held names back.
      void this.refresh(now);
      return held;
    }
    return this.refresh(now);
  }

  /** Reads the names now (at start, and when they expire); a failed read keeps what was held. */
  private refresh(now: number): Promise<NameVocabulary | undefined> {
    const previous = this.vocabulary;
    const names = Promise.all([
      this.readAll<GraphNamed>('/groups', ['id', 'displayName'], VOCABULARY_MAX),
      this.readAll<GraphNamed>('/servicePrincipals', ['id', 'displayName', 'appId'], VOCABULARY_MAX),
      this.readAll<VocabularyUser>('/users', ['id', 'displayName', 'givenName', 'surname', 'userPrincipalName', 'jobTitle', 'department', 'city', 'officeLocation'], USERS_MAX),
      // Policy names link "the mfa for admins policy"; a reader without the policy permission goes without them.
      this.readAll<GraphNamed>('/identity/conditionalAccess/policies', ['id', 'displayName'], VOCABULARY_MAX).catch(() => undefined),
      // Named locations link "the London office range"; read whole: what each covers is in its derived type.
      this.readAll<GraphNamedLocation>('/identity/conditionalAccess/namedLocations', [], VOCABULARY_MAX).catch(() => undefined),
    ]).then(([groups, apps, users, policies, locations]) =>
      groups && apps
        ? {
            groups: groups.map(namedCandidate),
            apps: apps.map(namedCandidate),
            ...(users ? { users } : {}),
            ...(policies ? { policies: policies.map(namedCandidate) } : {}),
            ...(locations ? { namedLocations: locations.map(namedLocationCandidate) } : {}),
          }
        : undefined,
    );
    const entry = { names, expires: now + VOCABULARY_TTL_MS, settled: false };
    this.vocabulary = entry;
    names.then(
      () => (entry.settled = true),
      () => (this.vocabulary = previous),
    );
    return previous?.settled ? previous.names : names;
  }

  private async readAll<T>(path: string, select: string[], max: number): Promise<T[] | undefined> {
    const items: T[] = [];
    const request = this.client.api(path);
    if (select.length) request.select(select).top(999);
    let page = (await request.get()) as { value?: T[]; '@odata.nextLink'?: string };
    items.push(...(page.value ?? []));
    while (page['@odata.nextLink']) {
      if (items.length >= max) return undefined;
      page = (await this.client.api(page['@odata.nextLink']).get()) as typeof page;
      items.push(...(page.value ?? []));
    }
    return items;
  }

  private async readApps(text: string): Promise<NameLookup> {
    const asked = text.trim();
    const select = ['id', 'displayName', 'appId'];
    if (isGuid(asked)) {
      const matches = await this.list<GraphNamed>('/servicePrincipals', { filter: `appId eq ${odataString(asked.toLowerCase())}`, select });
      return { matches: matches.map(namedCandidate), suggestions: [] };
    }
    return this.findNamed('/servicePrincipals', asked, select);
  }

  private async findNamed(path: string, text: string, select: string[]): Promise<NameLookup> {
    const asked = text.trim();
    const byPrefix = await this.list<GraphNamed>(path, { filter: `startswith(displayName,${odataString(asked)})`, select });
    if (byPrefix.length > 0) return { matches: rankNamed(asked, byPrefix).map(namedCandidate), suggestions: [] };
    const bySearch = await this.list<GraphNamed>(path, { search: searchClause('displayName', asked), select });
    if (bySearch.length > 0) return { matches: rankNamed(asked, bySearch).map(namedCandidate), suggestions: [] };
    const stem = asked.slice(0, 2);
    const near = stem.trim() ? await this.list<GraphNamed>(path, { filter: `startswith(displayName,${odataString(stem)})`, select }) : [];
    return { matches: [], suggestions: closestNames(asked, near.map((n) => n.displayName)) };
  }
}

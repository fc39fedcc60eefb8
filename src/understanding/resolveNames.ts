import { type Directory, lookupOf, type NameLookup } from './directory';
import { editDistance } from './inMemoryDirectory';
import { LEXICON } from './text/lexicon';
import { correction } from './text/spelling';
import type { ObjectMention } from './parse';
import type { Candidate, DirectoryEntityType, Entity } from './types';
import { type GraphUnavailable, graphUnavailableOf } from '../graph/unavailable';

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
  let unavailable: GraphUnavailable | undefined;
  await Promise.all(
    objects.map(async (object) => {
      try {
        await resolveObject(object, directory);
      } catch (err) {
        // A directory that cannot be reached leaves the name as written; the answer says it was not looked up.
        object.entity.resolution = 'unresolved';
        failures.push(`${object.entity.type} "${object.entity.text}": ${(err as Error).message}`);
        unavailable ??= graphUnavailableOf(err);
      }
    }),
  );
  // Graph throttled or down is not "no such name": the turn says what failed instead of asking or answering.
  if (unavailable) throw unavailable;
  return failures;
}

async function resolveObject({ entity, typeGuessed }: ObjectMention, directory: Directory): Promise<void> {
  if (entity.id || entity.resolution) return;
  const type = entity.type as DirectoryEntityType;
  // A lower-case word only guessed to be a name ("who can connect to VPN?") names only what has it as a whole word,
  // not every name it begins a word of ("Payroll Connector").
  const guessedWord = typeGuessed && entity.text === entity.text.toLowerCase();
  const lookup = async (t: DirectoryEntityType) => {
    const found = await lookupOf(directory, t, entity.text);
    return guessedWord ? { ...found, matches: found.matches.filter((m) => hasWholeWords(m.displayName, entity.text)) } : found;
  };
  const first = await lookup(type);
  const suggestions: Array<{ type: DirectoryEntityType; names: string[] }> = [{ type, names: first.suggestions }];
  if (first.matches.length === 0 && typeGuessed) {
    for (const other of OTHER_TYPES[type]) {
      const found = await lookup(other);
      if (found.matches.length > 0) {
        entity.type = other;
        applyLookup(entity, found);
        return;
      }
      suggestions.push({ type: other, names: found.suggestions });
    }
  }
  if (first.matches.length === 0 && (await linkMisspelling(entity, suggestions, directory))) return;
  applyLookup(entity, first);
}

/** The name holds these words as whole words, in order ("megan" in Megan Bowen, not "connect" in Payroll Connector). */
function hasWholeWords(name: string, words: string): boolean {
  const fold = (t: string) => ` ${t.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;
  return fold(name).includes(fold(words));
}

/** How far a misspelling may be from the name it means: one edit in five letters, at least one. */
function closeEnough(asked: string, name: string): number | undefined {
  const a = asked.toLowerCase();
  const b = name.toLowerCase();
  const whole = editDistance(a, b);
  // "joni shermen" for Joni Sherman; "megan" for Megan Bowen is a prefix and was found by the lookup already.
  const limit = Math.max(1, Math.floor(a.replace(/\s+/g, '').length / 5));
  return whole <= limit ? whole : undefined;
}

/**
 * A name that matches nothing but is one or two letters from exactly one name in the tenant is taken to mean it
 * ("I took “joni shermen” to mean Joni Sherman"); when two names are that close, the admin is asked.
 */
async function linkMisspelling(entity: Entity, suggestions: Array<{ type: DirectoryEntityType; names: string[] }>, directory: Directory): Promise<boolean> {
  const close = suggestions.flatMap((s) => s.names.map((name) => ({ type: s.type, name, distance: closeEnough(entity.text, name) }))).filter((c) => c.distance !== undefined);
  if (close.length === 0) return false;
  close.sort((a, b) => a.distance! - b.distance!);
  if (close.length > 1 && close[1].distance === close[0].distance && close[1].name !== close[0].name) return false;
  const lookup = await lookupOf(directory, close[0].type, close[0].name);
  if (lookup.matches.length !== 1) return false;
  entity.type = close[0].type;
  applyLookup(entity, lookup);
  entity.correctedFrom = entity.text;
  return true;
}

/**
 * Whether a name that linked to nothing was a name at all: a word the language knows ("bother", "became",
 * "successfully") or any lower-case word the words around it only guessed was a name is not one, and is dropped;
 * a capitalised word no dictionary knows ("Zorro") stays, so the admin hears it was not found.
 */
export function isNotAName(entity: Entity, typeGuessed: boolean): boolean {
  // Addresses and ids (an app id that matches nothing) are written to be looked up: the admin hears they were not found.
  if (entity.resolution !== 'notFound' || entity.text.includes('@') || /\d/.test(entity.text)) return false;
  // "her mail app", "the expense app": a lower-case description before "app" or "group" names nothing either.
  if (entity.text === entity.text.toLowerCase()) return true;
  if (!typeGuessed) return false;
  const words = entity.text.split(/\s+/).filter(Boolean);
  const known = (w: string) => LEXICON.has(w.toLowerCase()) || correction(w.toLowerCase()) !== undefined;
  return words.every(known);
}

/** Without a tenant, names stay as written and say so. */
export function markUnresolved(objects: ObjectMention[]): void {
  for (const { entity } of objects) if (!entity.id && !entity.resolution) entity.resolution = 'unresolved';
}

import type { SpanSet } from '../text/spans';
import type { Candidate, DirectoryEntityType, Entity } from '../types';

/**
 * The tenant's group and app names, linked where they stand in a message ("everyone in IT Staff", "is the payroll
 * connector compromised"): a span is one of these names only if it is one, whatever its case, so the guessing of
 * names from capitals and unknown words never has to split or stretch it. Indexed by first word, so a message is
 * linked in time proportional to its words, not to the tenant's size.
 */
export interface NameVocabulary {
  groups: readonly Candidate[];
  apps: readonly Candidate[];
}

interface Entry {
  type: Exclude<DirectoryEntityType, 'user'>;
  words: string[];
  candidate: Candidate;
}

const WORD = /[\p{L}\p{N}]+(?:['’&.-][\p{L}\p{N}]+)*/gu;

function fold(word: string): string {
  return word
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/’/g, "'");
}

interface Token {
  start: number;
  end: number;
  folded: string;
  raw: string;
}

function tokens(text: string): Token[] {
  const out: Token[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) out.push({ start: m.index, end: m.index + m[0].length, folded: fold(m[0]), raw: m[0] });
  return out;
}

/** Words too common for a one-word name to be linked unless written with its capital ("Finance", not "finance"). */
const GENERIC_SINGLE = new Set(['users', 'user', 'guests', 'guest', 'admins', 'admin', 'members', 'everyone', 'all', 'test', 'apps', 'app', 'teams', 'team', 'group', 'groups', 'it']);

export class NameIndex {
  private readonly byFirstWord = new Map<string, Entry[]>();

  constructor(vocabulary: NameVocabulary) {
    const add = (type: Entry['type'], candidate: Candidate) => {
      const words = tokens(candidate.displayName).map((t) => t.folded);
      if (words.length === 0 || (words.length === 1 && words[0].length < 3)) return;
      const list = this.byFirstWord.get(words[0]) ?? [];
      list.push({ type, words, candidate });
      this.byFirstWord.set(words[0], list);
    };
    for (const group of vocabulary.groups) add('group', group);
    for (const app of vocabulary.apps) add('app', app);
    // Longest names first, so "Payroll Connector Prod" wins over "Payroll Connector".
    for (const list of this.byFirstWord.values()) list.sort((a, b) => b.words.length - a.words.length);
  }

  /** Claims every group or app name in the message; several objects with one name are left for the admin to choose. */
  link(text: string, spans: SpanSet): Entity[] {
    const found: Entity[] = [];
    const list = tokens(text);
    for (let i = 0; i < list.length; i++) {
      const entries = this.byFirstWord.get(list[i].folded);
      if (!entries) continue;
      const matching = entries.filter((e) => e.words.every((w, k) => list[i + k]?.folded === w));
      if (matching.length === 0) continue;
      const length = matching[0].words.length;
      const same = matching.filter((e) => e.words.length === length);
      const first = list[i];
      const last = list[i + length - 1];
      // A one-word name that is also an everyday word links only when written as a name (capitalised).
      if (length === 1 && (GENERIC_SINGLE.has(first.folded) || !/^\p{Lu}/u.test(first.raw))) continue;
      if (!spans.isFree(first.start, last.end)) continue;
      const written = text.slice(first.start, last.end);
      const types = new Set(same.map((e) => e.type));
      // A group and an app with the same name: the words around it decide later; the group is the default.
      const chosen = types.size > 1 ? same.filter((e) => e.type === 'group') : same;
      const entity: Entity =
        chosen.length === 1
          ? {
              type: chosen[0].type,
              text: written,
              source: 'message',
              resolution: 'resolved',
              id: chosen[0].candidate.id,
              displayName: chosen[0].candidate.displayName,
              ...(chosen[0].candidate.appId ? { appId: chosen[0].candidate.appId } : {}),
            }
          : { type: chosen[0].type, text: written, source: 'message', resolution: 'ambiguous', candidates: chosen.map((e) => e.candidate) };
      spans.claim({ start: first.start, end: last.end, placeholder: '<name>', entity });
      found.push(entity);
      i += length - 1;
    }
    return found;
  }
}

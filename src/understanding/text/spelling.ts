import { CORRECTABLE, KNOWN_MISSPELLINGS, LEXICON } from './lexicon';

/** Domain words by length, so a lookup compares a word only with words of a length one edit away. */
const BY_LENGTH = new Map<number, string[]>();
for (const word of CORRECTABLE) {
  const list = BY_LENGTH.get(word.length) ?? [];
  list.push(word);
  BY_LENGTH.set(word.length, list);
}

/** True when a and b are at most one edit apart (insert, delete, substitute, or swap of neighbours). */
function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

const cache = new Map<string, string | undefined>();

/**
 * The domain word a lower-case token is a misspelling of, if any. Only words of five letters or more are corrected,
 * and only by one edit, so that short names (Bob, Lee) and most names of any length stay as written.
 */
export function correction(token: string): string | undefined {
  if (token in KNOWN_MISSPELLINGS) return KNOWN_MISSPELLINGS[token];
  if (token.length < 5 || LEXICON.has(token) || !/^[a-z]+$/.test(token)) return undefined;
  // A plural of a known word is no misspelling of it ("managers", "policies").
  if (/s$/.test(token) && (LEXICON.has(token.slice(0, -1)) || LEXICON.has(token.replace(/es$/, '')) || LEXICON.has(token.replace(/ies$/, 'y')))) return undefined;
  if (cache.has(token)) return cache.get(token);
  let found: string | undefined;
  for (const length of [token.length, token.length - 1, token.length + 1]) {
    found = BY_LENGTH.get(length)?.find((word) => withinOneEdit(token, word));
    if (found) break;
  }
  if (cache.size < 10_000) cache.set(token, found);
  return found;
}

const WORD = /[A-Za-z]+/g;

/**
 * The message with misspelt domain words corrected ("sigin" → "signin", "globl admins" → "global admins"), so every
 * extractor reads the corrected words. Only lower-case words, and a capitalised word that starts the message, are
 * corrected: a name written with its capital stays as written.
 */
export function correctSpelling(text: string): string {
  return text.replace(WORD, (word, offset: number) => {
    const lower = word.toLowerCase();
    const atStart = /^\s*$|[.!?]\s*$/.test(text.slice(0, offset));
    if (word !== lower && !(atStart && word === word[0] + lower.slice(1))) return word;
    if (/['’]/.test(text[offset + word.length] ?? '') && /[A-Za-z]/.test(text[offset + word.length + 1] ?? '')) return word;
    const fixed = correction(lower);
    if (!fixed) return word;
    return word === lower ? fixed : fixed[0].toUpperCase() + fixed.slice(1);
  });
}

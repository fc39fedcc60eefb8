/**
 * `$search` on directory objects: `"property:text"` clauses joined by AND / OR (AND binds tighter).
 * displayName and description are tokenized (spaces, symbols, camelCase) and every search word must start
 * one of the value's words; other properties match when the value starts with the text.
 */
import { EndpointRules } from './contract';
import { queryErrors } from './queryErrors';
import { foldCase, readProperty } from './values';

interface SearchClause {
  property: string;
  words: string[];
  text: string;
}

/** Clauses in disjunctive form: the item matches when every clause of some group matches. */
export type SearchQuery = SearchClause[][];

const TOKENIZED_PROPERTIES: ReadonlySet<string> = new Set(['displayname', 'description']);

function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^\p{L}\p{N}]+/u)
    .map(foldCase)
    .filter((word) => word.length > 0);
}

export function parseSearch(text: string, rules: EndpointRules): SearchQuery {
  const pattern = /\s*(?:"([^"]*)"|(AND|OR)\b|(\S+))/giy;
  const groups: SearchQuery = [[]];
  let expectClause = true;
  let match: RegExpExecArray | null;
  while (pattern.lastIndex < text.length && (match = pattern.exec(text)) !== null) {
    const [, quoted, joiner, bare] = match;
    if (bare !== undefined) {
      if (bare.trim().length === 0) break;
      throw queryErrors.invalidSearch(rules, `each clause must be enclosed in double quotes, e.g. "displayName:${bare}"`);
    }
    if (joiner !== undefined) {
      if (expectClause) throw queryErrors.invalidSearch(rules, `'${joiner}' must join two quoted clauses`);
      if (joiner.toUpperCase() === 'OR') groups.push([]);
      expectClause = true;
      continue;
    }
    if (!expectClause) throw queryErrors.invalidSearch(rules, 'clauses must be joined by AND or OR');
    groups[groups.length - 1].push(parseClause(quoted, rules));
    expectClause = false;
  }
  if (expectClause) throw queryErrors.invalidSearch(rules, 'expected a quoted "property:text" clause');
  return groups;
}

function parseClause(clause: string, rules: EndpointRules): SearchClause {
  const colon = clause.indexOf(':');
  if (colon <= 0) throw queryErrors.invalidSearch(rules, `"${clause}" must name a property, as in "displayName:${clause}"`);
  const property = clause.slice(0, colon).trim();
  const text = clause.slice(colon + 1).trim();
  const known = (rules.searchProperties ?? []).find((name) => name.toLowerCase() === property.toLowerCase());
  if (!known) throw queryErrors.unsupportedSearchProperty(rules, property);
  return { property: known, words: words(text), text: foldCase(text) };
}

function clauseMatches(clause: SearchClause, item: Record<string, unknown>): boolean {
  const raw = readProperty(item, clause.property);
  const values = (Array.isArray(raw) ? raw : [raw]).filter((value): value is string => typeof value === 'string');
  if (TOKENIZED_PROPERTIES.has(clause.property.toLowerCase())) {
    return values.some((value) => {
      const valueWords = words(value);
      return clause.words.every((word) => valueWords.some((candidate) => candidate.startsWith(word)));
    });
  }
  return values.some((value) => foldCase(value).startsWith(clause.text));
}

export function searchMatches(query: SearchQuery, item: Record<string, unknown>): boolean {
  return query.some((group) => group.every((clause) => clauseMatches(clause, item)));
}

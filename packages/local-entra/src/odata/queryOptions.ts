/** Reads the OData system query options of a request into typed values (no endpoint rules applied here). */
import { EndpointRules } from './contract';
import { queryErrors } from './queryErrors';

export interface OrderByTerm {
  /** Property path with slashes, as written. */
  property: string;
  descending: boolean;
}

export interface ExpandTerm {
  navigationProperty: string;
  select?: string[];
}

export interface QueryOptions {
  filter?: string;
  search?: string;
  select?: string[];
  orderBy?: OrderByTerm[];
  expand?: ExpandTerm[];
  /** Raw $top text, validated against the endpoint's rules later. */
  top?: string;
  skip?: string;
  skipToken?: string;
  count: boolean;
}

/** The options the engine reads; Graph also accepts them without the leading '$'. */
const OPTION_NAMES = ['filter', 'search', 'select', 'orderby', 'expand', 'top', 'skip', 'skiptoken', 'count'] as const;
type OptionName = (typeof OPTION_NAMES)[number];

function readOption(params: URLSearchParams, name: OptionName): string | undefined {
  for (const [key, value] of params) {
    const bare = key.startsWith('$') ? key.slice(1) : key;
    if (bare.toLowerCase() === name) return value;
  }
  return undefined;
}

/** True for a query parameter that is one of the OData options above (with or without '$'). */
export function isSystemQueryOption(key: string): boolean {
  const bare = (key.startsWith('$') ? key.slice(1) : key).toLowerCase();
  return (OPTION_NAMES as readonly string[]).includes(bare);
}

/** Splits on commas that are not inside parentheses ("members($select=id,displayName),owners"). */
function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (char === '(') depth += 1;
    if (char === ')') depth -= 1;
    if (char === separator && depth === 0) {
      parts.push(current);
      current = '';
      continue;
    }
    current += char;
  }
  parts.push(current);
  return parts.map((part) => part.trim()).filter((part) => part.length > 0);
}

const PROPERTY_PATH = /^[A-Za-z_][A-Za-z0-9_]*(?:\/[A-Za-z_][A-Za-z0-9_]*)*$/;

function parseOrderBy(text: string, rules: EndpointRules): OrderByTerm[] {
  return splitTopLevel(text, ',').map((term) => {
    const [property, direction, ...rest] = term.split(/\s+/);
    const normalizedDirection = direction?.toLowerCase();
    if (!PROPERTY_PATH.test(property) || rest.length > 0 || (direction && normalizedDirection !== 'asc' && normalizedDirection !== 'desc')) {
      throw queryErrors.invalidQueryOptionValue(rules, '$orderby', text);
    }
    return { property, descending: normalizedDirection === 'desc' };
  });
}

function parseExpand(text: string, rules: EndpointRules): ExpandTerm[] {
  return splitTopLevel(text, ',').map((term) => {
    const match = /^([A-Za-z_][A-Za-z0-9_]*)(?:\((.*)\))?$/s.exec(term);
    if (!match) throw queryErrors.invalidQueryOptionValue(rules, '$expand', text);
    const [, navigationProperty, nested] = match;
    if (nested === undefined) return { navigationProperty };
    const select = splitTopLevel(nested, ';')
      .map((option) => /^\$?select=(.*)$/is.exec(option))
      .find((found) => found !== null);
    return { navigationProperty, select: select ? splitList(select[1]) : undefined };
  });
}

function splitList(text: string): string[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

export function readQueryOptions(params: URLSearchParams, rules: EndpointRules): QueryOptions {
  const select = readOption(params, 'select');
  const orderBy = readOption(params, 'orderby');
  const expand = readOption(params, 'expand');
  const count = readOption(params, 'count');
  if (count !== undefined && !['true', 'false'].includes(count.toLowerCase())) {
    throw queryErrors.invalidQueryOptionValue(rules, '$count', count);
  }
  return {
    filter: readOption(params, 'filter'),
    search: readOption(params, 'search'),
    select: select === undefined ? undefined : splitList(select),
    orderBy: orderBy === undefined ? undefined : parseOrderBy(orderBy, rules),
    expand: expand === undefined ? undefined : parseExpand(expand, rules),
    top: readOption(params, 'top'),
    skip: readOption(params, 'skip'),
    skipToken: readOption(params, 'skiptoken'),
    count: count?.toLowerCase() === 'true',
  };
}

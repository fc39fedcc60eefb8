/**
 * How the engine reads and compares property values. Graph compares strings case-insensitively (directory
 * objects, and sign-in UPNs are stored lower-case anyway), compares date-times as instants, and GUIDs as text.
 */

/** Reads one property, trying the exact name first and then ignoring case, as Graph accepts `AccountEnabled`. */
export function readProperty(item: unknown, name: string): unknown {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return undefined;
  const record = item as Record<string, unknown>;
  if (name in record) return record[name];
  const lower = name.toLowerCase();
  for (const key of Object.keys(record)) {
    if (key.toLowerCase() === lower) return record[key];
  }
  return undefined;
}

/**
 * Follows a path; a `$count` segment counts the collection read so far. A collection a snapshot leaves out
 * (`owners` of a group without owners) counts 0: collections are never null in Graph.
 */
export function readPath(item: unknown, path: readonly string[]): unknown {
  let value: unknown = item;
  for (let index = 0; index < path.length; index += 1) {
    if (path[index] === '$count') return Array.isArray(value) ? value.length : value === undefined || value === null ? 0 : undefined;
    value = readProperty(value, path[index]);
    if ((value === undefined || value === null) && path[index + 1] !== '$count') return value;
  }
  return value;
}

/** Reads a path written with slashes ("status/errorCode"). */
export function readSlashPath(item: unknown, path: string): unknown {
  return readPath(item, path.split('/'));
}

const ALREADY_KEY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}Z$/;
const CANONICAL_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,7})?Z$/i;
const ISO_DATE_TIME = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?(Z|[+-]\d{2}:\d{2})?$/i;

/**
 * A date-time as a string that sorts like the instant it names: UTC, with 7 fractional digits (the precision
 * sign-in logs carry, more than a JS Date keeps). Undefined when the text is not an ISO 8601 date or date-time.
 */
export function instantKey(text: string): string | undefined {
  // Stored values are nearly always UTC with 'Z': build the key by slicing, without Date (2M sorts depend on it).
  if (ALREADY_KEY.test(text)) return text;
  if (CANONICAL_UTC.test(text)) {
    const fraction = text.length > 20 ? text.slice(20, -1) : '';
    return `${text.slice(0, 19).toUpperCase()}.${fraction.padEnd(7, '0').slice(0, 7)}Z`;
  }
  const match = ISO_DATE_TIME.exec(text);
  if (!match) return undefined;
  const [, day, hours = '00', minutes = '00', seconds = '00', fraction = '', zone = 'Z'] = match;
  const wholeSeconds = Date.parse(`${day}T${hours}:${minutes}:${seconds}${zone.toUpperCase() === 'Z' ? 'Z' : zone}`);
  if (Number.isNaN(wholeSeconds)) return undefined;
  const utc = new Date(wholeSeconds).toISOString().slice(0, 19);
  return `${utc}.${fraction.padEnd(7, '0').slice(0, 7)}Z`;
}

/** Collation for strings: case-insensitive, ordinal otherwise. */
export function foldCase(text: string): string {
  return text.toLowerCase();
}

/** The key equal values share in a hash index: strings case-folded, other scalars as they are, null for missing. */
export function indexKey(value: unknown): string | number | boolean | null | undefined {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return foldCase(value);
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  return undefined;
}

/**
 * Compares two scalar values the way `$filter` and `$orderby` do; undefined when they cannot be compared
 * (different types, or a missing value against a present one).
 */
export function compareValues(left: unknown, right: unknown): number | undefined {
  if (typeof left === 'number' && typeof right === 'number') return left === right ? 0 : left < right ? -1 : 1;
  if (typeof left === 'boolean' && typeof right === 'boolean') return Number(left) - Number(right);
  if (typeof left === 'string' && typeof right === 'string') {
    const a = foldCase(left);
    const b = foldCase(right);
    return a === b ? 0 : a < b ? -1 : 1;
  }
  return undefined;
}

export type SortKey = string | number | boolean | null;

/**
 * The key `$orderby` sorts a value by, computed once per item: date-times as instants, other strings
 * case-folded, missing values as null (OData sorts null lowest).
 */
export function sortKey(value: unknown): SortKey {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return instantKey(value) ?? foldCase(value);
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

export function compareSortKeys(left: SortKey, right: SortKey): number {
  if (left === right) return 0;
  if (left === null) return -1;
  if (right === null) return 1;
  if (typeof left === typeof right) return left < right ? -1 : 1;
  return String(left) < String(right) ? -1 : 1;
}

/**
 * Values checked or quoted before they go into a Graph URL or an OData filter: Entra object ids, app ids and sign-in
 * request ids are GUIDs; date-times are normalised; strings are quoted with doubled apostrophes.
 */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// A string that is not a GUID is still a string: the guard narrows only values not already known to be strings.
export function isGuid(value: string): boolean;
export function isGuid(value: unknown): value is string;
export function isGuid(value: unknown): boolean {
  return typeof value === 'string' && GUID.test(value);
}

/** The GUID in lower case, or an error naming what it should have been. */
export function guid(value: string, what: string): string {
  if (!isGuid(value)) throw new Error(`${what} is not a GUID: ${value}`);
  return value.toLowerCase();
}

/** An ISO 8601 instant, normalised; anything that is not a date-time is refused rather than put into a filter. */
export function instant(value: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new Error(`Not a date-time: ${value}`);
  return date.toISOString();
}

/** An OData string literal: 'O''Brien'. */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

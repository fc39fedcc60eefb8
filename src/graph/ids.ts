/** Entra object ids, app ids and sign-in request ids are GUIDs: checked before one goes into a URL or a filter. */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(value: unknown): value is string {
  return typeof value === 'string' && GUID.test(value);
}

/** The GUID in lower case, or an error naming what it should have been. */
export function guid(value: string, what: string): string {
  if (!isGuid(value)) throw new Error(`${what} is not a GUID: ${value}`);
  return value.toLowerCase();
}

/**
 * A value read from Graph's JSON as text: strings as they are, numbers and booleans written out, nothing as ''.
 * An object or array (not expected where this is used) becomes compact JSON, never "[object Object]".
 */
export function jsonText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value) ?? '';
}

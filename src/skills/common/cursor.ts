/**
 * The one "show more" cursor format of every list answer: `<list>.<version>.<base64url of a JSON object>`, such as
 * `riskyUsers.1.eyJvIjoxMH0`. A cursor travels in a card button, so it is client-sent data: it is decoded strictly
 * (this list and version, a bounded length, a JSON object with exactly the expected fields), and each list then
 * checks the values itself (an offset on its page grid, a nextLink path under its own collection and relative to
 * the configured Graph). Whatever a client sends can at worst pick another page of the same question.
 */

/** The longest cursor the bot accepts back from a button (a Graph nextLink path, base64url-encoded, fits). */
export const MAX_CURSOR_LENGTH = 6000;

export type CursorFields = Record<string, string | number | null>;

function prefix(list: string, version: number): string {
  return `${list}.${version}.`;
}

export function encodeCursor(list: string, version: number, fields: CursorFields): string {
  return prefix(list, version) + Buffer.from(JSON.stringify(fields), 'utf8').toString('base64url');
}

/**
 * The cursor's fields, or undefined when it is not a cursor of this list and version or its fields are not exactly
 * `names` (the values are the caller's to check).
 */
export function decodeCursor(list: string, version: number, text: unknown, names: readonly string[]): Record<string, unknown> | undefined {
  const start = prefix(list, version);
  if (typeof text !== 'string' || text.length > MAX_CURSOR_LENGTH || !text.startsWith(start)) return undefined;
  const encoded = text.slice(start.length);
  if (!/^[A-Za-z0-9_-]+$/.test(encoded)) return undefined;
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const keys = Object.keys(body);
  if (keys.length !== names.length || !names.every((n) => keys.includes(n))) return undefined;
  return body as Record<string, unknown>;
}

/** A whole number in [min, max], as a cursor's offset must be. */
export function isOffset(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

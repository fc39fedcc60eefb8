/**
 * The "show more" cursor of the risky-users list. Graph cannot order risky users (no $orderby), so the skill orders
 * them itself and a page is an offset into that order; the cursor carries the offset and the question's filters, so
 * the next page is the same question. It is client-sent data: decoded strictly, and it never holds a URL, so a
 * forged cursor can only ask the same question Graph would answer anyway, and never reaches another host.
 */
import type { ListedRiskLevel, Window } from '../../graph/riskQueries';
import { LEVELS } from './riskText';

export interface RiskyUsersCursor {
  offset: number;
  level?: ListedRiskLevel;
  window?: Window;
}

const PREFIX = 'riskyUsers.1.';
const MAX_OFFSET = 5000;
const MAX_LENGTH = 400;

export function encodeCursor(cursor: RiskyUsersCursor): string {
  const body = { o: cursor.offset, l: cursor.level ?? null, s: cursor.window?.start ?? null, e: cursor.window?.end ?? null };
  return PREFIX + Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
}

function isoOrNull(value: unknown): string | null | undefined {
  if (value === null) return null;
  if (typeof value !== 'string' || value.length > 40) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) || date.toISOString() !== value ? undefined : value;
}

/** The cursor, or undefined when it is not one this skill handed out. */
export function decodeCursor(text: string): RiskyUsersCursor | undefined {
  if (typeof text !== 'string' || text.length > MAX_LENGTH || !text.startsWith(PREFIX)) return undefined;
  const encoded = text.slice(PREFIX.length);
  if (!/^[A-Za-z0-9_-]+$/.test(encoded)) return undefined;
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const { o, l, s, e, ...rest } = body as Record<string, unknown>;
  if (Object.keys(rest).length > 0) return undefined;
  if (typeof o !== 'number' || !Number.isInteger(o) || o < 0 || o > MAX_OFFSET) return undefined;
  if (l !== null && (typeof l !== 'string' || !LEVELS.includes(l))) return undefined;
  const start = isoOrNull(s);
  const end = isoOrNull(e);
  if (start === undefined || end === undefined || (start === null) !== (end === null)) return undefined;
  if (start !== null && end !== null && start > end) return undefined;
  return { offset: o, ...(l ? { level: l as ListedRiskLevel } : {}), ...(start && end ? { window: { start, end } } : {}) };
}

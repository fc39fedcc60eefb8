/**
 * The "show more" cursor of the risky-users list (the one format of src/skills/common/cursor.ts). Graph cannot order
 * risky users (no $orderby), so the skill orders them itself and a page is an offset into that order; the cursor
 * carries the offset and the question's filters, so the next page is the same question. It never holds a URL, so a
 * forged cursor can only ask the same question Graph would answer anyway, and never reaches another host.
 */
import type { ListedRiskLevel, Window } from '../../graph/riskQueries';
import { decodeCursor, encodeCursor, isOffset } from '../common/cursor';
import { LEVELS } from './riskText';

export interface RiskyUsersCursor {
  offset: number;
  level?: ListedRiskLevel;
  window?: Window;
}

const LIST = 'riskyUsers';
const MAX_OFFSET = 5000;

export function encodeRiskyUsersCursor(cursor: RiskyUsersCursor): string {
  return encodeCursor(LIST, 1, { o: cursor.offset, l: cursor.level ?? null, s: cursor.window?.start ?? null, e: cursor.window?.end ?? null });
}

function isoOrNull(value: unknown): string | null | undefined {
  if (value === null) return null;
  if (typeof value !== 'string' || value.length > 40) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) || date.toISOString() !== value ? undefined : value;
}

/** The cursor, or undefined when it is not one this skill handed out. */
export function decodeRiskyUsersCursor(text: string): RiskyUsersCursor | undefined {
  const body = decodeCursor(LIST, 1, text, ['o', 'l', 's', 'e']);
  if (!body) return undefined;
  const { o, l, s, e } = body;
  if (!isOffset(o, 0, MAX_OFFSET)) return undefined;
  if (l !== null && (typeof l !== 'string' || !LEVELS.includes(l))) return undefined;
  const start = isoOrNull(s);
  const end = isoOrNull(e);
  if (start === undefined || end === undefined || (start === null) !== (end === null)) return undefined;
  if (start !== null && end !== null && start > end) return undefined;
  return { offset: o, ...(l ? { level: l as ListedRiskLevel } : {}), ...(start && end ? { window: { start, end } } : {}) };
}

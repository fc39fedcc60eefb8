/**
 * The "show more" cursor of the risky-users list (the one format of src/skills/common/cursor.ts). Graph cannot order
 * risky users (no $orderby), so the skill orders them itself and a page is an offset into that order; the cursor
 * carries the offset and the question's filters, so the next page is the same question. It never holds a URL, so a
 * forged cursor can only ask the same question Graph would answer anyway, and never reaches another host.
 */
import { isGuid } from '../../graph/ids';
import type { ListedRiskLevel, Window } from '../../graph/riskQueries';
import { decodeCursor, encodeCursor, isOffset } from '../common/cursor';
import { LEVELS } from './riskText';

/** People a question narrowed the list to: a group's members, or everyone with a department, city, country or job title. */
export type RiskyUsersAmong = { kind: 'group'; id: string; name: string } | { kind: 'attribute'; field: AmongField; value: string };
export const AMONG_FIELDS = ['department', 'city', 'country', 'jobTitle'] as const;
export type AmongField = (typeof AMONG_FIELDS)[number];

export interface RiskyUsersCursor {
  offset: number;
  level?: ListedRiskLevel;
  window?: Window;
  among?: RiskyUsersAmong;
  /** "newest first", "which has been sitting there the longest": by when the risk last changed, not by level. */
  order?: 'newest' | 'oldest';
  /** "risky users without MFA": only those with no MFA method registered (they cannot clear their own risk). */
  noMfa?: boolean;
}

const LIST = 'riskyUsers';
const MAX_OFFSET = 5000;

export function encodeRiskyUsersCursor(cursor: RiskyUsersCursor): string {
  const among = cursor.among ? (cursor.among.kind === 'group' ? ['g', cursor.among.id, cursor.among.name] : ['f', cursor.among.field, cursor.among.value]) : undefined;
  return encodeCursor(LIST, 2, { o: cursor.offset, l: cursor.level ?? null, s: cursor.window?.start ?? null, e: cursor.window?.end ?? null, a: among ? JSON.stringify(among) : null, r: cursor.order ?? null, m: cursor.noMfa ? 1 : null });
}

function amongOf(text: unknown): RiskyUsersAmong | null | undefined {
  if (text === null) return null;
  if (typeof text !== 'string' || text.length > 400) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(value) || value.length !== 3 || !value.every((v) => typeof v === 'string' && v.length > 0 && v.length <= 120)) return undefined;
  const [kind, a, b] = value as string[];
  if (kind === 'g' && isGuid(a)) return { kind: 'group', id: a, name: b };
  if (kind === 'f' && (AMONG_FIELDS as readonly string[]).includes(a)) return { kind: 'attribute', field: a as AmongField, value: b };
  return undefined;
}

function isoOrNull(value: unknown): string | null | undefined {
  if (value === null) return null;
  if (typeof value !== 'string' || value.length > 40) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) || date.toISOString() !== value ? undefined : value;
}

/** The cursor, or undefined when it is not one this skill handed out. */
export function decodeRiskyUsersCursor(text: string): RiskyUsersCursor | undefined {
  // Version 1 (before a list could be narrowed to a group or department) is still read.
  const body = decodeCursor(LIST, 2, text, ['o', 'l', 's', 'e', 'a', 'r', 'm']) ?? decodeCursor(LIST, 1, text, ['o', 'l', 's', 'e']);
  if (!body) return undefined;
  const { o, l, s, e } = body;
  const among = amongOf(body.a ?? null);
  if (among === undefined) return undefined;
  const order = body.r ?? null;
  if (order !== null && order !== 'newest' && order !== 'oldest') return undefined;
  const noMfa = body.m ?? null;
  if (noMfa !== null && noMfa !== 1) return undefined;
  if (!isOffset(o, 0, MAX_OFFSET)) return undefined;
  if (l !== null && (typeof l !== 'string' || !LEVELS.includes(l))) return undefined;
  const start = isoOrNull(s);
  const end = isoOrNull(e);
  if (start === undefined || end === undefined || (start === null) !== (end === null)) return undefined;
  if (start !== null && end !== null && start > end) return undefined;
  return { offset: o, ...(l ? { level: l as ListedRiskLevel } : {}), ...(start && end ? { window: { start, end } } : {}), ...(among ? { among } : {}), ...(order ? { order } : {}), ...(noMfa ? { noMfa: true } : {}) };
}

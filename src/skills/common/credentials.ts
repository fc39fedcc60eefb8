/**
 * App credentials (client secrets and certificates) sorted by when they stop working: expired, expiring within the
 * window, or fine. One shape for both kinds, so the single-app card and the tenant-wide list read them alike.
 */
import type { KeyCredential, PasswordCredential } from '../../graph/directoryQueries';

export type CredentialState = 'expired' | 'expiring' | 'valid';

export interface AppCredential {
  app: string;
  kind: 'secret' | 'certificate';
  name: string;
  endDateTime: string;
  state: CredentialState;
}

export const EXPIRY_WARNING_DAYS = 30;

export function credentialsOf(
  app: string,
  holder: { passwordCredentials?: PasswordCredential[]; keyCredentials?: KeyCredential[] },
  now: Date,
  warnUntil: Date,
): AppCredential[] {
  const state = (end: string): CredentialState => (Date.parse(end) < now.getTime() ? 'expired' : Date.parse(end) <= warnUntil.getTime() ? 'expiring' : 'valid');
  const of = (kind: AppCredential['kind'], c: PasswordCredential): AppCredential[] =>
    c.endDateTime ? [{ app, kind, name: c.displayName || c.hint || c.keyId || 'unnamed', endDateTime: c.endDateTime, state: state(c.endDateTime) }] : [];
  return [...(holder.passwordCredentials ?? []).flatMap((c) => of('secret', c)), ...(holder.keyCredentials ?? []).flatMap((c) => of('certificate', c))].sort(
    (a, b) => Date.parse(a.endDateTime) - Date.parse(b.endDateTime),
  );
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const UNIT_DAYS: Record<string, number> = { day: 1, week: 7, month: 30 };

/**
 * How far ahead the question looks for expiring credentials, when it says so: "before new year", "by the end of the
 * year", "before March", "in the next 60 days", "within 2 months". Undefined: the default window.
 */
export function expiryHorizon(question: string, now: Date): { until: Date; name: string } | undefined {
  const text = question.toLowerCase();
  const nextYear = new Date(Date.UTC(now.getUTCFullYear() + 1, 0, 1));
  if (/\bbefore (?:the )?new year\b|\b(?:by|before) (?:the )?(?:end of (?:the )?year|year[- ]end)\b|\bthis year\b/.test(text)) return { until: nextYear, name: `before the new year (${nextYear.toISOString().slice(0, 10)})` };
  const ahead = /\b(?:in|within|over) the next (\d{1,3}) (day|week|month)s?\b|\bnext (\d{1,3}) (day|week|month)s?\b/.exec(text);
  if (ahead) {
    const n = Number(ahead[1] ?? ahead[3]);
    const unit = ahead[2] ?? ahead[4];
    if (n > 0 && n <= 730) return { until: new Date(now.getTime() + n * UNIT_DAYS[unit] * 86_400_000), name: `in the next ${n} ${unit}${n === 1 ? '' : 's'}` };
  }
  const month = /\b(?:before|by|until|ending before) (?:the (?:start|beginning) of )?(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\b(?:\s+(\d{1,2})(?:st|nd|rd|th)?\b)?/.exec(text);
  if (month) {
    const index = MONTHS.findIndex((m) => m.startsWith(month[1].slice(0, 3)));
    // "before dec 20": that day; "before March": the month's first day. The next one to come.
    const day = month[2] ? Math.min(Math.max(Number(month[2]), 1), 31) : 1;
    const thisYear = new Date(Date.UTC(now.getUTCFullYear(), index, day));
    const until = thisYear.getTime() > now.getTime() ? thisYear : new Date(Date.UTC(now.getUTCFullYear() + 1, index, day));
    const monthName = `${MONTHS[index][0].toUpperCase()}${MONTHS[index].slice(1)}`;
    return { until, name: month[2] ? `before ${until.toISOString().slice(0, 10)}` : `before ${monthName} ${until.getUTCFullYear()}` };
  }
  return undefined;
}

/** The end of the expiry window: the month's end for "this month", otherwise 30 days ahead. */
export function warnUntilOf(timeRangeValue: string | undefined, now: Date): Date {
  if (timeRangeValue === 'thisMonth') return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  return new Date(now.getTime() + EXPIRY_WARNING_DAYS * 86_400_000);
}

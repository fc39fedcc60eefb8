import type * as ChronoEnglish from 'chrono-node/en';
import type { Entity, IntentName } from '../types';
import type { SpanSet } from '../text/spans';
import { DEFAULT_WINDOWS } from '../intents/registry';

/**
 * Time phrases admins use, each turned into a canonical key (`yesterday`, `P3D`, `since:monday`, …) and a window
 * computed from the turn's clock. Day boundaries are UTC: the bot knows no time zone for the asker.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const WEEKDAY_ALIASES: Record<string, string> = { mon: 'monday', tue: 'tuesday', tues: 'tuesday', wed: 'wednesday', thu: 'thursday', thur: 'thursday', thurs: 'thursday', fri: 'friday', sat: 'saturday', sun: 'sunday' };
const NUMBER_WORDS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, fifteen: 15, twenty: 20, thirty: 30 };
const UNIT_KEYS: Record<string, (n: number) => string> = {
  minute: (n) => `PT${n}M`,
  hour: (n) => `PT${n}H`,
  day: (n) => `P${n}D`,
  week: (n) => `P${n * 7}D`,
  month: (n) => `P${n * 30}D`,
};

const WEEKDAY = '(monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)';
const COUNT = '(\\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty)';
const UNIT = '(minute|min|hour|hr|day|week|wk|month)s?';

interface TimeRule {
  pattern: RegExp;
  key: (m: RegExpExecArray) => string;
}

const MONTH = String.raw`(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)`;
const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** The clock of the message being read (keys of months and days of the month depend on it). */
let readingAt = new Date();
function pad(n: number): string {
  return String(n).padStart(2, '0');
}
/** "november" → "2026-11" (the latest November that has begun). */
function monthOf(word: string): string {
  const month = MONTH_NAMES.indexOf(word.toLowerCase().slice(0, 3));
  const year = readingAt.getUTCFullYear() - (month > readingAt.getUTCMonth() ? 1 : 0);
  return `${year}-${pad(month + 1)}`;
}
/** "the 12th" → this month's 12th, or last month's when this month's is still ahead. */
function dayOfMonth(day: number): string {
  let year = readingAt.getUTCFullYear();
  let month = readingAt.getUTCMonth();
  if (day > readingAt.getUTCDate()) {
    month -= 1;
    if (month < 0) {
      month = 11;
      year -= 1;
    }
  }
  return `${year}-${pad(month + 1)}-${pad(Math.min(day, 31))}`;
}

function unitKey(count: string, unit: string): string {
  const n = /^\d+$/.test(count) ? Number(count) : NUMBER_WORDS[count.toLowerCase()];
  const u = unit.toLowerCase().replace(/^(min)$/, 'minute').replace(/^hr$/, 'hour').replace(/^wk$/, 'week');
  return UNIT_KEYS[u](n);
}

function weekday(word: string): string {
  const w = word.toLowerCase();
  return WEEKDAY_ALIASES[w] ?? w;
}

function clock(hour: string, minute: string | undefined, meridiem: string | undefined): string {
  let h = Number(hour) % 24;
  if (meridiem?.toLowerCase() === 'pm' && h < 12) h += 12;
  if (meridiem?.toLowerCase() === 'am' && h === 12) h = 0;
  return `since:${String(h).padStart(2, '0')}:${minute ?? '00'}`;
}

/** Longest and most specific phrases first; each rule claims its words so a shorter one cannot reuse them. */
const RULES: TimeRule[] = [
  { pattern: /\b(?:since|from)\s+(?:early\s+)?this\s+morning\b|\b(?:early\s+)?this\s+morning\b/gi, key: () => 'thisMorning' },
  { pattern: /\b(?:since\s+)?this\s+afternoon\b/gi, key: () => 'thisAfternoon' },
  { pattern: /\b(?:last|yesterday)\s+(?:night|evening)\b|\bovernight\b/gi, key: () => 'lastNight' },
  // ("the failed sign-ins from yesterday" are yesterday's; "failing from yesterday", "since yesterday" run until now.)
  { pattern: /(?<=\b(?:sign[- ]?ins|log[- ]?ins|logons|failures|attempts|errors|events|changes|entries|records|lockouts|ones)\s+)from\s+yesterday\b(?!\s+(?:on|onwards|until|till|to)\b)/gi, key: () => 'yesterday' },
  { pattern: /\b(?:since|from)\s+yesterday\b/gi, key: () => 'since:yesterday' },
  { pattern: /\byesterday\b/gi, key: () => 'yesterday' },
  { pattern: /\b(?:so\s+far\s+)?today\b/gi, key: () => 'today' },
  { pattern: new RegExp(`\\b(?:since|from)\\s+(?:last\\s+|this\\s+(?:past\\s+)?)?${WEEKDAY}\\b`, 'gi'), key: (m) => `since:${weekday(m[1])}` },
  { pattern: new RegExp(`\\b(?:(?:in|over|during|for|from)\\s+)?(?:the\\s+)?(?:last|past|previous)\\s+${COUNT}\\s+${UNIT}\\b`, 'gi'), key: (m) => unitKey(m[1], m[2]) },
  { pattern: new RegExp(`\\b${COUNT}\\s+${UNIT}\\s+ago\\b`, 'gi'), key: (m) => unitKey(m[1], m[2]) },
  // "the last few days", "past couple of weeks": a vague count read as 3 (few, several) or 2 (couple).
  { pattern: new RegExp(`\\b(?:(?:in|over|during|for)\\s+)?(?:the\\s+)?(?:last|past|previous)\\s+(few|couple(?:\\s+of)?|several)\\s+${UNIT}\\b`, 'gi'), key: (m) => unitKey(/^couple/i.test(m[1]) ? '2' : '3', m[2]) },
  { pattern: /\b(?:(?:in|over|during|for|since)\s+)?(?:the\s+)?(?:last|past|previous)\s+24\s?h(?:ours|rs)?\b/gi, key: () => 'PT24H' },
  // "failed sign-ins last week": the calendar week before this one, Monday to Sunday ("in the last week", "the past
  // week" stay the last 7 days).
  { pattern: /(?<!\b(?:the|past)\s+)\b(?:last|previous)\s+week\b/gi, key: () => 'lastWeek' },
  { pattern: /\b(?:(?:in|over|during|for|since)\s+)?(?:the\s+)?(?:last|past|previous)\s+(hour|day|week|month)\b/gi, key: (m) => unitKey('1', m[1]) },
  { pattern: /\b(?:(?:over|during|on)\s+)?(?:the|this|last)\s+weekend\b/gi, key: () => 'weekend' },
  // "any logins from Brazil at all in the logs": the whole log Graph keeps (30 days).
  { pattern: /\b(?:at all|anywhere) in the (?:whole |entire )?(?:sign[- ]?in )?logs?\b|\bin the (?:whole|entire) (?:sign[- ]?in )?logs?\b|\bin the sign[- ]?in logs?\b/gi, key: () => unitKey('30', 'day') },
  { pattern: /\b(?:(?:in|during|for|over)\s+)?(?:this|(?:the\s+)?(?:whole|entire|full))\s+week\b|\ball\s+week\b/gi, key: () => 'thisWeek' },
  { pattern: /\b(?:(?:in|during|for|over)\s+)?(?:this|(?:the\s+)?(?:whole|entire|full))\s+month\b|\ball\s+month\b/gi, key: () => 'thisMonth' },
  { pattern: /\b(?:since|from)\s+(\d{1,2})(?::(\d{2}))?\s*(am|pm)\b|\b(?:since|from)\s+(\d{1,2}):(\d{2})\b/gi, key: (m) => (m[1] ? clock(m[1], m[2], m[3]) : clock(m[4], m[5], undefined)) },
  { pattern: new RegExp(`\\b(?:on\\s+|last\\s+)?${WEEKDAY}\\b`, 'gi'), key: (m) => `on:${weekday(m[1])}` },
  // "in November", "since October", "during the month of october": a calendar month of this year (or last year's
  // when it is still ahead); "on the 12th": that day of this month (or last month's when it is still ahead).
  { pattern: new RegExp(`\\b(?:in|during|for|over|throughout|all of)\\s+(?:the\\s+month\\s+of\\s+)?${MONTH}\\b(?!\\s+\\d)`, 'gi'), key: (m) => `month:${monthOf(m[1])}` },
  { pattern: new RegExp(`\\b(?:since|from)\\s+(?:the\\s+(?:start|beginning)\\s+of\\s+)?${MONTH}\\b(?!\\s+\\d)`, 'gi'), key: (m) => `since:${monthOf(m[1])}-01` },
  { pattern: /\b(?:on\s+)?the\s+(\d{1,2})(?:st|nd|rd|th)\b(?!\s+(?:one|ones|user|person|account|group|app|entry|row|item|policy|party|time|attempt|failure|sign))/gi, key: (m) => `on:${dayOfMonth(Number(m[1]))}` },
];

/**
 * chrono-node's English parser (its default, `chrono.parse`), loaded the first time a message holds a calendar date:
 * few do, and the package's main entry loads all of its 15 languages (70 ms and 6 MiB at start-up for nothing).
 */
let chronoEnglish: typeof ChronoEnglish | undefined;
function chrono(): typeof ChronoEnglish {
  // A synchronous, deferred load: understanding is synchronous, and this runs for a handful of messages.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  chronoEnglish ??= require('chrono-node/en') as typeof ChronoEnglish;
  return chronoEnglish;
}

/** Calendar dates ("Nov 3", "3 November", "2026-11-03", "11/3") are left to chrono-node; relative phrases are ours. */
const CALENDAR_DATE = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|\b\d{1,2}\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}\/\d{1,2}(?:\/\d{2,4})?\b/i;
const DATE_LEAD = /\b(since|from|after|on)\s+(?:the\s+)?$/i;

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function extractCalendarDate(text: string, spans: SpanSet, now: Date): Entity | undefined {
  const m = CALENDAR_DATE.exec(text);
  if (!m || !spans.isFree(m.index, m.index + m[0].length)) return undefined;
  const parsed = chrono().parse(m[0], now, { forwardDate: false })[0];
  if (!parsed) return undefined;
  let day = Date.UTC(parsed.start.get('year') ?? now.getUTCFullYear(), (parsed.start.get('month') ?? 1) - 1, parsed.start.get('day') ?? 1);
  // A date with no year that lies ahead of the clock means last year's ("Dec 30" asked in January).
  if (!parsed.start.isCertain('year') && day > now.getTime()) day = Date.UTC(new Date(day).getUTCFullYear() - 1, new Date(day).getUTCMonth(), new Date(day).getUTCDate());
  const lead = DATE_LEAD.exec(text.slice(0, m.index));
  const since = lead !== null && lead[1].toLowerCase() !== 'on';
  const start = lead ? m.index - lead[0].length : m.index;
  const key = `${since ? 'since' : 'on'}:${isoDay(day)}`;
  const entity = withWindow({ type: 'timeRange', text: text.slice(start, m.index + m[0].length), value: key, source: 'message' }, now);
  spans.claim({ start, end: m.index + m[0].length, placeholder: '<time>', entity });
  return entity;
}

const JOINED_BEFORE = /\b(?:joined|was hired|got hired|onboarded|came on ?board)\b(?:\s+(?!fail|error|sign|log|get|having|and|but)[\w-]+){0,3}\s*$/i;
const SIGN_IN_VERB_BEFORE = /\b(?:sign|log|signed|logged|signing|logging|check|checked|get|got|getting|logs|signs)[\s-]*$/i;

/** Claims the first time phrase of the message (admins give one window per question). */
export function extractTimeRange(text: string, spans: SpanSet, now: Date): Entity | undefined {
  readingAt = now;
  for (const rule of RULES) {
    for (const m of spans.freeMatches(text, rule.pattern)) {
      // "joined sales in july": when the person joined is their history, not the window the question reads.
      // ("who joined last month", "users that joined in july" ask for a window.)
      const joined = JOINED_BEFORE.exec(text.slice(0, m.index));
      if (joined && /^(?:in|on|last)\b/i.test(m[0]) && !/\b(?:who|which|that|users?|people|persons|accounts?|guests?|employees|anyone|anybody|everyone|staff|hires|members)\s+(?:have\s+|has\s+|had\s+)?$/i.test(text.slice(0, joined.index))) continue;
      // "sign in this week": the "in" belongs to the verb, not to the time phrase.
      const lead = /^in\s+/i.exec(m[0]);
      const shift = lead && SIGN_IN_VERB_BEFORE.test(text.slice(0, m.index)) ? lead[0].length : 0;
      const entity = withWindow({ type: 'timeRange', text: m[0].slice(shift).trim(), value: rule.key(m), source: 'message' }, now);
      spans.claim({ start: m.index + shift, end: m.index + m[0].length, placeholder: '<time>', entity });
      return entity;
    }
  }
  return extractCalendarDate(text, spans, now);
}

function startOfDay(ms: number): number {
  return Math.floor(ms / DAY) * DAY;
}

function lastWeekday(now: number, name: string): number {
  const target = WEEKDAYS.indexOf(name);
  const today = new Date(now).getUTCDay();
  return startOfDay(now) - ((today - target + 7) % 7) * DAY;
}

/** The window [start, end) of a canonical time key, relative to `now`. */
export function windowOf(key: string, now: Date): { start: Date; end: Date } {
  const t = now.getTime();
  const today = startOfDay(t);
  const range = (start: number, end = t) => ({ start: new Date(start), end: new Date(Math.min(end, t)) });
  const duration = /^P(?:T(\d+)([HM])|(\d+)D)$/.exec(key);
  if (duration) {
    const ms = duration[3] ? Number(duration[3]) * DAY : Number(duration[1]) * (duration[2] === 'H' ? HOUR : 60_000);
    return range(t - ms);
  }
  const [kind, arg] = key.includes(':') ? [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)] : [key, ''];
  switch (kind) {
    case 'today':
      return range(today);
    case 'yesterday':
      return range(today - DAY, today);
    case 'thisMorning':
      return range(today, today + 12 * HOUR);
    case 'thisAfternoon':
      return range(today + 12 * HOUR);
    case 'lastNight':
      return range(today - 6 * HOUR, today + 6 * HOUR);
    case 'thisWeek':
      return range(lastWeekday(t, 'monday'));
    case 'lastWeek': {
      const monday = lastWeekday(t, 'monday');
      return range(monday - 7 * DAY, monday);
    }
    case 'sinceLastWeek':
      return range(lastWeekday(t, 'monday') - 7 * DAY);
    case 'thisMonth':
      return range(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
    case 'weekend': {
      const saturday = lastWeekday(t, 'saturday');
      return range(saturday, saturday + 2 * DAY);
    }
    case 'since':
      if (arg === 'yesterday') return range(today - DAY);
      if (WEEKDAYS.includes(arg)) return range(lastWeekday(t, arg));
      if (/^\d{2}:\d{2}$/.test(arg)) return range(today + Number(arg.slice(0, 2)) * HOUR + Number(arg.slice(3)) * 60_000);
      return range(Date.parse(`${arg}T00:00:00Z`));
    case 'month': {
      const start = Date.parse(`${arg}-01T00:00:00Z`);
      const next = new Date(start);
      next.setUTCMonth(next.getUTCMonth() + 1);
      return range(start, next.getTime());
    }
    case 'on': {
      const day = WEEKDAYS.includes(arg) ? lastWeekday(t, arg) : Date.parse(`${arg}T00:00:00Z`);
      return range(day, day + DAY);
    }
    default:
      throw new Error(`Unknown time range key ${key}`);
  }
}

export function withWindow(entity: Entity, now: Date): Entity {
  const { start, end } = windowOf(entity.value!, now);
  return { ...entity, start: start.toISOString(), end: end.toISOString() };
}

export function defaultTimeRange(intent: IntentName, now: Date): Entity | undefined {
  const key = DEFAULT_WINDOWS[intent];
  return key ? withWindow({ type: 'timeRange', text: '', value: key, source: 'default' }, now) : undefined;
}

/** The window in words for restatements: "last 3 days", "today", "since Monday", "on 2026-11-03". */
export function windowLabel(key: string): string {
  const duration = /^P(?:T(\d+)([HM])|(\d+)D)$/.exec(key);
  if (duration) {
    if (duration[3]) {
      const days = Number(duration[3]);
      if (days % 30 === 0 && days >= 30) return days === 30 ? 'last 30 days' : `last ${days / 30} months`;
      if (days % 7 === 0) return days === 7 ? 'last 7 days' : `last ${days / 7} weeks`;
      return days === 1 ? 'last 24 hours' : `last ${days} days`;
    }
    return `last ${duration[1]} ${duration[2] === 'H' ? 'hours' : 'minutes'}`;
  }
  const [kind, arg] = key.includes(':') ? [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)] : [key, ''];
  const words: Record<string, string> = { today: 'today', yesterday: 'yesterday', thisMorning: 'this morning', thisAfternoon: 'this afternoon', lastNight: 'last night', thisWeek: 'this week', lastWeek: 'last week', sinceLastWeek: 'since last week', thisMonth: 'this month', weekend: 'the weekend' };
  if (words[kind]) return words[kind];
  const day = (a: string) => (WEEKDAYS.includes(a) ? a.charAt(0).toUpperCase() + a.slice(1) : a);
  if (kind === 'month') return `in ${new Date(`${arg}-01T00:00:00Z`).toLocaleString('en', { month: 'long', year: 'numeric', timeZone: 'UTC' })}`;
  if (kind === 'since') return `since ${day(arg)}`;
  if (kind === 'on') return `on ${day(arg)}`;
  return key;
}

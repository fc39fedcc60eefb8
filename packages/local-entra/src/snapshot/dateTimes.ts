/**
 * ISO 8601 date-time strings as Graph writes them ("2026-11-20T12:00:00Z", "…:32.1234567Z", "…+00:00"), and their
 * shifting by a whole number of seconds without changing how they are written (fraction digits are kept).
 *
 * The accepted form is YYYY-MM-DDTHH:MM[:SS[.f{1,7}]] followed by Z or ±HH:MM, naming a real calendar day and time.
 * Parsing and formatting are written out by hand: loading a snapshot checks every string value, and a regular
 * expression plus Date objects cost about 2 µs per date-time, which is most of a two-million-sign-in load.
 */

/** Cheap pre-check so that the full parse runs only on plausible strings. */
function looksLikeDateTime(value: string): boolean {
  return value.length >= 16 && value.length <= 40 && value.charCodeAt(4) === 45 && value.charCodeAt(10) === 84;
}

/** Two decimal digits at `at` as a number, or -1. */
function twoDigits(value: string, at: number): number {
  const tens = value.charCodeAt(at) - 48;
  const ones = value.charCodeAt(at + 1) - 48;
  return tens >= 0 && tens <= 9 && ones >= 0 && ones <= 9 ? tens * 10 + ones : -1;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (month 1–12). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** A parsed date-time: the instant in whole UTC seconds, whether seconds were written, and where the fraction is. */
interface Parsed {
  /** Seconds since 1970-01-01T00:00:00Z (the fraction left out). */
  epochSeconds: number;
  hasSeconds: boolean;
  /** [fractionStart, fractionEnd) of `value`, the "." included; empty when there is none. */
  fractionStart: number;
  fractionEnd: number;
}

// One reused result: parsing runs millions of times while loading and must not allocate.
const parsed: Parsed = { epochSeconds: 0, hasSeconds: false, fractionStart: 0, fractionEnd: 0 };

/** Fills `parsed` and returns true when `value` is a valid ISO 8601 date-time of the accepted form. */
function parse(value: string): boolean {
  if (!looksLikeDateTime(value)) return false;
  const length = value.length;
  let year = 0;
  for (let i = 0; i < 4; i++) {
    const digit = value.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return false;
    year = year * 10 + digit;
  }
  const month = twoDigits(value, 5);
  const day = twoDigits(value, 8);
  const hour = twoDigits(value, 11);
  const minute = twoDigits(value, 14);
  if (value.charCodeAt(7) !== 45 || value.charCodeAt(13) !== 58 || month < 0 || day < 0 || hour < 0 || minute < 0) return false;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59) return false;
  let at = 16;
  let second = 0;
  let hasSeconds = false;
  let fractionStart = at;
  let fractionEnd = at;
  if (value.charCodeAt(at) === 58) {
    second = twoDigits(value, at + 1);
    if (second < 0 || second > 59) return false;
    hasSeconds = true;
    at += 3;
    fractionStart = at;
    fractionEnd = at;
    if (value.charCodeAt(at) === 46) {
      let end = at + 1;
      while (end < length && end - at <= 7) {
        const code = value.charCodeAt(end);
        if (code < 48 || code > 57) break;
        end++;
      }
      if (end === at + 1 || end - at > 8) return false;
      fractionEnd = end;
      at = end;
    }
  }
  let offsetMinutes = 0;
  const zone = value.charCodeAt(at);
  if (zone === 90) {
    if (at + 1 !== length) return false;
  } else if (zone === 43 || zone === 45) {
    const hours = twoDigits(value, at + 1);
    const minutes = twoDigits(value, at + 4);
    if (at + 6 !== length || hours < 0 || minutes < 0 || value.charCodeAt(at + 3) !== 58) return false;
    offsetMinutes = (zone === 45 ? -1 : 1) * (hours * 60 + minutes);
  } else {
    return false;
  }
  parsed.epochSeconds = daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - offsetMinutes * 60;
  parsed.hasSeconds = hasSeconds;
  parsed.fractionStart = fractionStart;
  parsed.fractionEnd = fractionEnd;
  return true;
}

/** Scratch space the formatted date-time is written into; decoding it gives one flat string. */
const OUT = Buffer.alloc(48);

function putTwo(at: number, n: number): void {
  OUT[at] = 48 + Math.floor(n / 10);
  OUT[at + 1] = 48 + (n % 10);
}

/** `parsed` moved by `seconds`, written in UTC ("Z") with the seconds field and fraction digits as in `value`. */
function format(value: string, seconds: number): string {
  const total = parsed.epochSeconds + seconds;
  const days = Math.floor(total / 86400);
  const ofDay = total - days * 86400;
  // Civil date from days (H. Hinnant's algorithm).
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  if (year < 0 || year > 9999) {
    // Outside four-digit years: as Date writes them (never met in a real log).
    const iso = new Date(total * 1000).toISOString();
    return [iso.slice(0, parsed.hasSeconds ? iso.length - 5 : iso.length - 8), value.slice(parsed.fractionStart, parsed.fractionEnd), 'Z'].join('');
  }
  putTwo(0, Math.floor(year / 100));
  putTwo(2, year % 100);
  OUT[4] = 45;
  putTwo(5, month);
  OUT[7] = 45;
  putTwo(8, day);
  OUT[10] = 84;
  putTwo(11, Math.floor(ofDay / 3600));
  OUT[13] = 58;
  putTwo(14, Math.floor((ofDay % 3600) / 60));
  let at = 16;
  if (parsed.hasSeconds) {
    OUT[16] = 58;
    putTwo(17, ofDay % 60);
    at = 19;
    for (let i = parsed.fractionStart; i < parsed.fractionEnd; i++) OUT[at++] = value.charCodeAt(i);
  }
  OUT[at++] = 90;
  return OUT.toString('latin1', 0, at);
}

export function isIsoDateTime(value: string): boolean {
  return parse(value);
}

/** The value shifted by `seconds`, in UTC ("Z"), keeping the seconds field and fraction digits as written. */
export function shiftDateTime(value: string, seconds: number): string {
  return parse(value) ? format(value, seconds) : value;
}

/**
 * One check-and-shift for loading: the value shifted by `seconds` (itself when 0) when it is a valid ISO date-time,
 * undefined when it is not one.
 */
export function rebasedDateTime(value: string, seconds: number): string | undefined {
  if (!parse(value)) return undefined;
  return seconds === 0 ? value : format(value, seconds);
}

/** Rewrites every date-time string in a JSON value (nested too), in place for objects and arrays. */
export function shiftAllDateTimes(value: unknown, seconds: number): unknown {
  if (typeof value === 'string') return parse(value) ? format(value, seconds) : value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = shiftAllDateTimes(value[i], seconds);
    return value;
  }
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) record[key] = shiftAllDateTimes(record[key], seconds);
  }
  return value;
}

export { looksLikeDateTime };

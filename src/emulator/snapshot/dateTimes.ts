/**
 * ISO 8601 date-time strings as Graph writes them ("2026-11-20T12:00:00Z", "…:32.1234567Z", "…+00:00"), and their
 * shifting by a whole number of seconds without changing how they are written (fraction digits are kept).
 */
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Cheap pre-check so that the regular expression runs only on plausible strings (2,000,000 sign-ins). */
function looksLikeDateTime(value: string): boolean {
  return value.length >= 16 && value.length <= 40 && value.charCodeAt(4) === 45 && value.charCodeAt(10) === 84;
}

/** The parts of `value` when it is a valid ISO 8601 date-time (a real calendar day and time), else undefined. */
function matchDateTime(value: string): RegExpExecArray | undefined {
  if (!looksLikeDateTime(value)) return undefined;
  const m = ISO_DATE_TIME.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m;
  const date = new Date(Date.UTC(+y, +mo - 1, +d, +h, +mi, s ? +s : 0));
  const valid = date.getUTCMonth() === +mo - 1 && date.getUTCDate() === +d && +h < 24 && +mi < 60 && (!s || +s < 60);
  return valid ? m : undefined;
}

export function isIsoDateTime(value: string): boolean {
  return matchDateTime(value) !== undefined;
}

function shiftMatched(m: RegExpExecArray, seconds: number): string {
  const [, y, mo, d, h, mi, s, fraction, zone] = m;
  const offsetMinutes = zone === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (+zone.slice(1, 3) * 60 + +zone.slice(4, 6));
  const ms = Date.UTC(+y, +mo - 1, +d, +h, +mi, s ? +s : 0) - offsetMinutes * 60_000 + seconds * 1000;
  const iso = new Date(ms).toISOString(); // YYYY-MM-DDTHH:MM:SS.mmmZ
  const head = s === undefined ? iso.slice(0, 16) : iso.slice(0, 19);
  // join builds one flat string; a template literal would keep a chain of slices of `iso` and `value` alive,
  // several objects per date-time on every loaded sign-in.
  return [head, fraction ?? '', 'Z'].join('');
}

/** The value shifted by `seconds`, in UTC ("Z"), keeping the seconds field and fraction digits as written. */
export function shiftDateTime(value: string, seconds: number): string {
  const m = ISO_DATE_TIME.exec(value);
  return m ? shiftMatched(m, seconds) : value;
}

/**
 * One check-and-shift for loading: the value shifted by `seconds` (itself when 0) when it is a valid ISO date-time,
 * undefined when it is not one.
 */
export function rebasedDateTime(value: string, seconds: number): string | undefined {
  const m = matchDateTime(value);
  if (m === undefined) return undefined;
  return seconds === 0 ? value : shiftMatched(m, seconds);
}

/** Rewrites every date-time string in a JSON value (nested too), in place for objects and arrays. */
export function shiftAllDateTimes(value: unknown, seconds: number): unknown {
  if (typeof value === 'string') return looksLikeDateTime(value) && isIsoDateTime(value) ? shiftDateTime(value, seconds) : value;
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

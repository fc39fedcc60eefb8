import { DEMO_CAPTURED_AT } from './constants';

/**
 * Every time in the demo tenant is relative to the capture instant (the server rebases it to "now"), so
 * "this morning" and "yesterday" in the storylines stay true whenever the demo runs.
 */
export const CAPTURED_MS = Date.parse(DEMO_CAPTURED_AT);

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Midnight UTC of the capture day. */
const CAPTURE_DAY_START = Math.floor(CAPTURED_MS / DAY) * DAY;

/** An instant `dayOffset` days from the capture day (0 = that day, -1 = yesterday) at the given UTC clock time. */
export function onDay(dayOffset: number, hours: number, minutes = 0, seconds = 0): number {
  return CAPTURE_DAY_START + dayOffset * DAY + hours * HOUR + minutes * MINUTE + seconds * 1000;
}

/** An instant the given duration before capture. */
export function before(ms: number): number {
  return CAPTURED_MS - ms;
}

export function iso(ms: number): string {
  return new Date(Math.round(ms)).toISOString();
}

import { authMethodLabel, dateTimeLabel } from '../../cards/labels';

/** Dates and small words of the skills' answers, computed against the turn's clock. */
const DAY_MS = 86_400_000;

export function formatDate(iso: string | null | undefined): string {
  return dateTimeLabel(iso, '');
}

/** "2026-11-20 11:38 UTC (22 minutes ago)". */
export function formatWhen(iso: string | null | undefined, now: Date): string {
  if (!iso) return 'never';
  return `${formatDate(iso)} (${ago(iso, now)})`;
}

export function ago(iso: string, now: Date): string {
  const ms = now.getTime() - Date.parse(iso);
  if (ms < 0) return `in ${span(-ms)}`;
  return `${span(ms)} ago`;
}

function span(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  const hours = Math.round(ms / 3_600_000);
  if (hours < 48) return `${hours} hour${hours === 1 ? '' : 's'}`;
  const days = Math.round(ms / DAY_MS);
  return `${days} day${days === 1 ? '' : 's'}`;
}

export function daysBetween(iso: string, now: Date): number {
  return (now.getTime() - Date.parse(iso)) / DAY_MS;
}


/** Registered method keys of the registration report in words. */
export function methodName(key: string): string {
  return authMethodLabel(key);
}

/**
 * "Why can't Inventory Sync authenticate any more?": when an app's own sign-ins fail because its credential was
 * refused, the registration's secrets and certificates say which one and whether any still works.
 */
import type { AppRegistrationCredentials } from '../../graph/signInQueries';
import { credentialsOf, EXPIRY_WARNING_DAYS, type AppCredential } from '../common/credentials';
import { when } from './format';
import type { Pattern } from './patterns';

/** Codes that mean the app's own secret or certificate was refused (expired, wrong, missing or badly signed). */
const CREDENTIAL_CODES = new Set([7000222, 7000215, 7000218, 700027, 70002]);

export function isCredentialFailure(code: number): boolean {
  return CREDENTIAL_CODES.has(code);
}

const DAY_MS = 86_400_000;

function named(c: AppCredential): string {
  return `${c.kind} “${c.name}”`;
}

function ago(iso: string, now: Date): string {
  const days = Math.floor((now.getTime() - Date.parse(iso)) / DAY_MS);
  return days <= 0 ? 'today' : `${days} day${days === 1 ? '' : 's'} ago`;
}

/** The evidence line: which credentials expired and when, and whether any is still valid. */
export function appCredentialPattern(app: string, registration: AppRegistrationCredentials, now: Date): Pattern {
  const all = credentialsOf(app, registration, now, new Date(now.getTime() + EXPIRY_WARNING_DAYS * DAY_MS));
  const expired = all.filter((c) => c.state === 'expired');
  const working = all.filter((c) => c.state !== 'expired');
  const parts: string[] = [];
  if (all.length === 0) parts.push(`The registration of ${app} holds no secret or certificate at all.`);
  for (const c of expired.slice(-2).reverse()) parts.push(`The ${named(c)} expired on ${when(c.endDateTime)} (${ago(c.endDateTime, now)}).`);
  if (working.length === 0 && all.length > 0) parts.push('No secret or certificate of the app is valid now, so every sign-in of the app fails until a new one is added and the job is set to use it.');
  else if (working.length > 0) parts.push(`Still valid: ${working.map((c) => `${named(c)} until ${when(c.endDateTime)}`).join(', ')}; the failing job is probably still set to use an expired one.`);
  return { kind: 'appCredentials', title: 'The app\'s secrets and certificates', detail: parts.join(' ') };
}

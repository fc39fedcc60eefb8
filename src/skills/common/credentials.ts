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

/** The end of the expiry window: the month's end for "this month", otherwise 30 days ahead. */
export function warnUntilOf(timeRangeValue: string | undefined, now: Date): Date {
  if (timeRangeValue === 'thisMonth') return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  return new Date(now.getTime() + EXPIRY_WARNING_DAYS * 86_400_000);
}

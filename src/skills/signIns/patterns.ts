/**
 * Named patterns in a set of failures, when the evidence shows them: a password spray, a smart lockout, a block by
 * location, legacy authentication, a disabled account, a guest or member without MFA, a non-compliant device, an
 * expired client secret. Pure functions; the skill adds evidence read elsewhere (audit log, risk detections).
 */
import { dateTimeLabel, operatingSystemLabel } from '../../cards/labels';
import type { PolicyDefinition, SignIn } from '../../graph/signInQueries';

export type PatternKind =
  | 'passwordSpray'
  | 'lockout'
  | 'blockedLocation'
  | 'legacyAuthentication'
  | 'accountDisabled'
  | 'guestWithoutMfa'
  | 'mfaNotRegistered'
  | 'deviceNotCompliant'
  | 'expiredClientSecret'
  /** The app registration's secrets and certificates, read when the app's own credential was refused. */
  | 'appCredentials'
  | 'userNotAssigned';

export interface Pattern {
  kind: PatternKind;
  title: string;
  /** Plain evidence, built from tenant data (escaped later, by the answer model). */
  detail: string;
}

/**
 * Client apps that use legacy (basic) authentication (clientAppUsed values,
 * https://learn.microsoft.com/en-us/graph/api/resources/signin).
 */
export const LEGACY_CLIENTS = new Set([
  'Exchange ActiveSync',
  'IMAP4',
  'POP3',
  'MAPI over HTTP',
  'Authenticated SMTP',
  'Autodiscover',
  'Exchange Online PowerShell',
  'Exchange Web Services',
  'Offline Address Book',
  'Outlook Anywhere (RPC over HTTP)',
  'Outlook Service',
  'Reporting Web Services',
  'Other clients',
]);

export function isLegacyClient(clientAppUsed: string | null | undefined): boolean {
  return Boolean(clientAppUsed && LEGACY_CLIENTS.has(clientAppUsed));
}

/** A spray shows as many wrong passwords from many addresses; a single mistyping user uses one or two. */
const SPRAY_MIN_FAILURES = 5;
const SPRAY_MIN_ADDRESSES = 3;

const withCode = (failures: readonly SignIn[], code: number) => failures.filter((f) => f.status.errorCode === code);

function distinct(values: Array<string | null | undefined>): string[] {
  return [...new Set(values.filter((v): v is string => Boolean(v)))];
}

function listed(values: string[], max = 5): string {
  return values.length > max ? `${values.slice(0, max).join(', ')} and ${values.length - max} more` : values.join(', ');
}

export interface PatternContext {
  /** The policy that blocked the latest failure, read from the tenant. */
  blockingPolicy?: PolicyDefinition;
  /** Countries of the named locations the blocking policy includes. */
  blockedCountries?: string[];
}

export function findPatterns(failures: readonly SignIn[], context: PatternContext = {}): Pattern[] {
  const patterns: Pattern[] = [];
  const badPasswords = withCode(failures, 50126);
  const addresses = distinct(badPasswords.map((f) => f.ipAddress));
  if (badPasswords.length >= SPRAY_MIN_FAILURES && addresses.length >= SPRAY_MIN_ADDRESSES) {
    const countries = distinct(badPasswords.map((f) => f.location?.countryOrRegion));
    patterns.push({
      kind: 'passwordSpray',
      title: 'Possible password spray',
      detail: `${badPasswords.length} wrong passwords (50126) from ${addresses.length} IP addresses${countries.length ? ` in ${listed(countries)}` : ''}: ${listed(addresses)}.`,
    });
  }
  const lockouts = withCode(failures, 50053);
  if (lockouts.length > 0) {
    patterns.push({
      kind: 'lockout',
      title: 'Account locked by smart lockout',
      detail: `${lockouts.length} sign-ins refused while the account was locked (50053), the last at ${dateTimeLabel(lockouts[0].createdDateTime)}.`,
    });
  }
  const blocked = withCode(failures, 53003);
  const policyLocations = context.blockingPolicy?.conditions?.locations?.includeLocations ?? [];
  if (blocked.length > 0 && policyLocations.length > 0 && !policyLocations.includes('All')) {
    const countries = distinct(blocked.map((f) => f.location?.countryOrRegion));
    const addressesBlocked = distinct(blocked.map((f) => f.ipAddress));
    patterns.push({
      kind: 'blockedLocation',
      title: 'Sign-ins from a blocked location',
      detail: `${blocked.length} sign-ins from ${listed(countries) || 'an unknown country'} (${listed(addressesBlocked)}) were blocked by location${context.blockedCountries?.length ? `; the policy blocks ${listed(context.blockedCountries, 8)}` : ''}.`,
    });
  }
  const legacy = failures.filter((f) => isLegacyClient(f.clientAppUsed));
  if (legacy.length > 0) {
    const clients = distinct(legacy.map((f) => f.clientAppUsed));
    patterns.push({
      kind: 'legacyAuthentication',
      title: 'Legacy authentication',
      detail: `${legacy.length} failed sign-ins used legacy authentication protocols (${listed(clients)}), which cannot do MFA.`,
    });
  }
  const disabled = withCode(failures, 50057);
  if (disabled.length > 0) {
    patterns.push({
      kind: 'accountDisabled',
      title: 'Account disabled',
      detail: `${disabled.length} sign-ins refused because the account is disabled (50057), the first at ${dateTimeLabel(disabled[disabled.length - 1].createdDateTime)}.`,
    });
  }
  const mfaRegistration = withCode(failures, 50079);
  if (mfaRegistration.length > 0) {
    const guest = mfaRegistration.some((f) => f.userType === 'guest');
    patterns.push({
      kind: guest ? 'guestWithoutMfa' : 'mfaNotRegistered',
      title: guest ? 'Guest without MFA registration' : 'No MFA method registered',
      detail: `${mfaRegistration.length} sign-ins stopped because MFA is required and ${guest ? 'the guest' : 'the user'} has not registered a method (50079).`,
    });
  }
  const nonCompliant = withCode(failures, 53000);
  if (nonCompliant.length > 0) {
    const systems = distinct(nonCompliant.map((f) => operatingSystemLabel(f.deviceDetail?.operatingSystem)));
    patterns.push({
      kind: 'deviceNotCompliant',
      title: 'Device not compliant',
      detail: `${nonCompliant.length} sign-ins from a device that is not compliant or not enrolled (${listed(systems) || 'unknown OS'}) (53000).`,
    });
  }
  const expired = withCode(failures, 7000222);
  if (expired.length > 0) {
    const apps = distinct(expired.map((f) => f.appDisplayName ?? f.servicePrincipalName));
    patterns.push({
      kind: 'expiredClientSecret',
      title: 'Expired client secret',
      detail: `${listed(apps) || 'The app'} failed ${expired.length} times because its client secret has expired (7000222); the first failure in this window was at ${dateTimeLabel(expired[expired.length - 1].createdDateTime)}.`,
    });
  }
  const unassigned = withCode(failures, 50105);
  if (unassigned.length > 0) {
    const apps = distinct(unassigned.map((f) => f.appDisplayName));
    patterns.push({ kind: 'userNotAssigned', title: 'Not assigned to the app', detail: `The user is not assigned to ${listed(apps)} (50105).` });
  }
  return patterns;
}

import { HOUR, iso, CAPTURED_MS } from './clock';
import type { Person } from './model';
import { PLACES } from './places';
import { streamFor } from './random';

/** What the sign-in log says about one user, for `signInActivity`. */
export interface UserActivity {
  lastSignInMs?: number;
  lastSignInRequestId?: string;
  lastNonInteractiveMs?: number;
  lastNonInteractiveRequestId?: string;
  lastSuccessfulMs?: number;
  lastSuccessfulRequestId?: string;
}

const E5_SKU = '06ebc4ee-1bb5-47dd-8120-11324bc54e06';
const ENTRA_P2_SKU = '84a661c4-e949-4bd2-a560-ed7766fcaf2b';

export function userObject(person: Person, seed: number, managerId: string | undefined, activity: UserActivity | undefined): Record<string, unknown> {
  const random = streamFor(seed, 'user-object', person.id);
  const place = PLACES[person.home];
  const guest = person.userType === 'Guest';
  const signInActivity = activityOf(person, activity);
  const user: Record<string, unknown> = {
    id: person.id,
    userPrincipalName: person.userPrincipalName,
    displayName: person.displayName,
    givenName: person.givenName,
    surname: person.surname,
    mail: person.mail || null,
    otherMails: guest ? [person.mail] : [],
    proxyAddresses: guest || !person.mail ? [] : [`SMTP:${person.mail}`],
    userType: person.userType,
    accountEnabled: person.accountEnabled,
    jobTitle: person.jobTitle ?? null,
    department: person.department ?? null,
    companyName: guest ? null : 'Contoso',
    officeLocation: guest ? null : person.office === 'london' ? 'London' : `${place.city === 'Redmond' ? 'Redmond HQ' : place.city}`,
    city: place.city,
    state: place.state,
    country: place.countryOrRegion,
    usageLocation: place.countryOrRegion,
    preferredLanguage: 'en-US',
    businessPhones: guest ? [] : [`+1 425 555 ${String(1000 + (person.index % 9000)).padStart(4, '0')}`],
    mobilePhone: guest ? null : `+1 206 555 ${String(random.int(1000, 9999))}`,
    employeeId: person.employeeId ?? null,
    createdDateTime: iso(person.createdMs),
    creationType: guest ? 'Invitation' : null,
    externalUserState: guest ? (person.activity === 0 ? 'PendingAcceptance' : 'Accepted') : null,
    externalUserStateChangeDateTime: guest ? iso(person.createdMs + (person.activity === 0 ? 0 : 2 * HOUR)) : null,
    lastPasswordChangeDateTime: iso(person.lastPasswordChangeMs),
    passwordPolicies: person.synced ? 'DisablePasswordExpiration' : null,
    signInSessionsValidFromDateTime: iso(person.lastPasswordChangeMs),
    identities: guest
      ? [{ signInType: 'federated', issuer: person.homeDomain, issuerAssignedId: null }]
      : [{ signInType: 'userPrincipalName', issuer: person.userPrincipalName.split('@')[1], issuerAssignedId: person.userPrincipalName }],
    assignedLicenses: guest || !person.accountEnabled ? [] : [{ disabledPlans: [], skuId: E5_SKU }, { disabledPlans: [], skuId: ENTRA_P2_SKU }],
    onPremisesSyncEnabled: person.synced ? true : null,
    onPremisesImmutableId: null,
    onPremisesSamAccountName: null,
    onPremisesUserPrincipalName: null,
    onPremisesDomainName: null,
    onPremisesDistinguishedName: null,
    onPremisesSecurityIdentifier: null,
    onPremisesLastSyncDateTime: null,
    signInActivity,
  };
  if (person.synced) {
    const sam = person.userPrincipalName.split('@')[0].replace(/\./g, '').slice(0, 20);
    const ou = (person.department ?? 'Users').replace(/[^A-Za-z ]/g, '');
    Object.assign(user, {
      onPremisesImmutableId: random.bytes(16).toString('base64'),
      onPremisesSamAccountName: sam,
      onPremisesUserPrincipalName: `${sam}@corp.contoso.com`,
      onPremisesDomainName: 'corp.contoso.com',
      onPremisesDistinguishedName: `CN=${person.displayName.replace(/,/g, '\\,')},OU=${ou},OU=Contoso Users,DC=corp,DC=contoso,DC=com`,
      onPremisesSecurityIdentifier: `S-1-5-21-2143895437-3051786942-1384956127-${1100 + person.index}`,
      onPremisesLastSyncDateTime: iso(CAPTURED_MS - (17 + (person.index % 25)) * 60_000),
    });
  }
  if (managerId) user.manager = { id: managerId };
  return user;
}

function activityOf(person: Person, activity: UserActivity | undefined): Record<string, unknown> | null {
  const last = (ms: number | undefined) => (ms === undefined ? null : iso(ms));
  if (activity && (activity.lastSignInMs !== undefined || activity.lastNonInteractiveMs !== undefined)) {
    return {
      lastSignInDateTime: last(activity.lastSignInMs),
      lastSignInRequestId: activity.lastSignInRequestId ?? null,
      lastNonInteractiveSignInDateTime: last(activity.lastNonInteractiveMs),
      lastNonInteractiveSignInRequestId: activity.lastNonInteractiveRequestId ?? null,
      lastSuccessfulSignInDateTime: last(activity.lastSuccessfulMs),
      lastSuccessfulSignInRequestId: activity.lastSuccessfulRequestId ?? null,
    };
  }
  if (person.lastSeenMs === undefined) return null;
  // Older than the 30 days of logs: only the dates survive.
  const random = streamFor(0, 'stale-request', person.id);
  const requestId = random.guid();
  return {
    lastSignInDateTime: iso(person.lastSeenMs),
    lastSignInRequestId: requestId,
    lastNonInteractiveSignInDateTime: iso(person.lastSeenMs + 3 * HOUR),
    lastNonInteractiveSignInRequestId: random.guid(),
    lastSuccessfulSignInDateTime: iso(person.lastSeenMs),
    lastSuccessfulSignInRequestId: requestId,
  };
}


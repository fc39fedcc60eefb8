/**
 * Graph's enum values in the words an admin reads, in one place: authentication methods and grant controls,
 * operating systems, client apps, risk detection types, states and levels, Conditional Access results, user types,
 * and the one date format of every answer. The raw value stays the search key in the logs: answers that show it
 * beside the words ("Graph: passwordSpray, atRisk") keep doing so.
 */
import { riskStateText, riskTypeInfo, type RiskSubject } from '../knowledge/riskTypes';

/** "2026-11-20 11:38 UTC": exact and unambiguous for admins in every time zone; `missing` when there is no date. */
export function dateTimeLabel(iso: string | null | undefined, missing = '—'): string {
  if (!iso) return missing;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? missing : `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** "11-18 04:12": the short form of a table's time column, whose header says UTC. */
export function shortDateTimeLabel(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '—' : d.toISOString().slice(5, 16).replace('T', ' ');
}

const lookup = (table: Record<string, string>, value: string | null | undefined): string | undefined => (value ? table[value.toLowerCase()] : undefined);

/** Conditional Access grant controls, as builtInControls ("mfa") and enforcedGrantControls ("Mfa") spell them. */
const GRANT_CONTROLS: Record<string, string> = {
  block: 'block access',
  mfa: 'multifactor authentication',
  compliantdevice: 'a device marked compliant (Intune)',
  domainjoineddevice: 'a hybrid-joined device',
  approvedapplication: 'an approved client app',
  compliantapplication: 'an app protection policy',
  passwordchange: 'a password change',
  riskremediation: 'risk remediation',
  authenticationstrength: 'an authentication strength',
};

export function grantControlLabel(control: string): string {
  return lookup(GRANT_CONTROLS, control) ?? control;
}

/** Authentication methods of sign-in details and of the registration report. */
const AUTH_METHODS: Record<string, string> = {
  mfa: 'multifactor authentication',
  password: 'password',
  microsoftauthenticatorpush: 'Microsoft Authenticator (push)',
  microsoftauthenticatorpasswordless: 'Microsoft Authenticator (passwordless)',
  softwareonetimepasscode: 'software one-time passcode',
  hardwareonetimepasscode: 'hardware one-time passcode',
  mobilephone: 'mobile phone (SMS/voice)',
  alternatemobilephone: 'alternate mobile phone',
  officephone: 'office phone',
  email: 'email',
  fido2securitykey: 'FIDO2 security key',
  fido2: 'FIDO2 security key',
  windowshelloforbusiness: 'Windows Hello for Business',
  passkeydevicebound: 'passkey (device-bound)',
  passkeydeviceboundauthenticator: 'passkey in Microsoft Authenticator',
  temporaryaccesspass: 'Temporary Access Pass',
  securityquestion: 'security questions',
};

export function authMethodLabel(method: string): string {
  return lookup(AUTH_METHODS, method) ?? method;
}

const OPERATING_SYSTEMS: Record<string, string> = {
  macos: 'macOS',
  ios: 'iOS',
  ipados: 'iPadOS',
  android: 'Android',
  linux: 'Linux',
  windows: 'Windows',
  windows10: 'Windows 10',
  windows11: 'Windows 11',
  chromeos: 'ChromeOS',
};

/** "MacOs" → "macOS", "Ios" → "iOS"; values with a version ("Windows 10", "iOS 18.1") keep it. */
export function operatingSystemLabel(os: string | null | undefined): string {
  if (!os) return '';
  const [name, ...rest] = os.trim().split(/\s+/);
  const known = lookup(OPERATING_SYSTEMS, name);
  return known ? [known, ...rest].join(' ') : os;
}

const CLIENT_APPS: Record<string, string> = {
  browser: 'Browser',
  'mobile apps and desktop clients': 'Mobile and desktop apps',
  'exchange activesync': 'Exchange ActiveSync',
  'other clients': 'Other clients',
};

export function clientAppLabel(client: string | null | undefined): string {
  if (!client) return 'unknown client';
  return lookup(CLIENT_APPS, client) ?? client;
}

/** A detection type's name as the Entra admin center shows it ("passwordSpray" → "Password spray"). */
export function riskEventTypeLabel(eventType: string | null | undefined, subject: RiskSubject = 'user'): string {
  return eventType ? riskTypeInfo(eventType, subject).name : 'an unnamed detection';
}

export function riskStateLabel(state: string | null | undefined): string {
  return riskStateText(state);
}

export function riskLevelLabel(level: string | null | undefined): string {
  if (level === 'hidden') return 'hidden (needs Entra ID P2)';
  return level || 'none';
}

const POLICY_RESULTS: Record<string, string> = {
  success: 'Satisfied',
  failure: 'Failed: blocked this sign-in',
  notapplied: 'Not applied',
  notenabled: 'Off (disabled)',
  unknown: 'Unknown',
  reportonlysuccess: 'Report-only: would pass',
  reportonlyfailure: 'Report-only: would fail',
  reportonlynotapplied: 'Report-only: not applied',
  reportonlyinterrupted: 'Report-only: would interrupt',
};

export function conditionalAccessResultLabel(result: string): string {
  return lookup(POLICY_RESULTS, result) ?? result;
}

export function userTypeLabel(userType: string | null | undefined): string {
  return userType === 'guest' ? 'guest' : userType === 'member' ? 'member' : userType ?? '';
}

/**
 * A sign-in address short enough for a table cell: a guest's "#EXT#" name becomes the home address it stands for
 * ("nestor.wilke_fabrikam.com#EXT#@contoso.onmicrosoft.com" → "nestor.wilke@fabrikam.com (guest)"), a long IPv6
 * address keeps its first two and last groups. The full value stays in the card's details.
 */
export function shortAddressLabel(address: string | null | undefined): string {
  if (!address) return '';
  const ext = /^(.+)_([^_@#]+)#EXT#@/i.exec(address);
  if (ext) return `${ext[1]}@${ext[2]} (guest)`;
  if (address.includes(':') && address.length > 22) {
    const groups = address.split(':').filter(Boolean);
    return `${groups.slice(0, 2).join(':')}:…:${groups[groups.length - 1]}`;
  }
  return address;
}

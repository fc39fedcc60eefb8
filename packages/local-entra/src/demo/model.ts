import type { PlaceName } from './places';

/** Device platforms as Conditional Access names them. */
export type Platform = 'windows' | 'macOS' | 'iOS' | 'android' | 'linux';

export interface Device {
  deviceId: string;
  displayName: string;
  operatingSystem: string;
  browser: string;
  platform?: Platform;
  isCompliant: boolean;
  isManaged: boolean;
  trustType: string;
  userAgent: string;
}

/**
 * One person of the tenant as the generator sees them: what is needed to write the user object and to
 * generate their sign-ins. Kept small, because a big tenant holds 100,000 of these in memory.
 */
export interface Person {
  index: number;
  id: string;
  userPrincipalName: string;
  displayName: string;
  givenName: string;
  surname: string;
  mail: string;
  userType: 'Member' | 'Guest';
  accountEnabled: boolean;
  department?: string;
  jobTitle?: string;
  home: PlaceName;
  /** The office network the person uses at work (guests have none). */
  office?: 'hq' | 'london';
  createdMs: number;
  lastPasswordChangeMs: number;
  synced: boolean;
  managerId?: string;
  mfaRegistered: boolean;
  methodsRegistered: string[];
  ssprRegistered: boolean;
  /** Guests: the home organisation's domain and tenant. */
  homeDomain?: string;
  homeTenantId?: string;
  /** The lower-case UPN sign-in logs show (a guest's home UPN). */
  signInName: string;
  devices: Device[];
  /** Relative sign-in activity; 0 = never signs in during the 30 days. */
  activity: number;
  /** One of the named characters of cast.ts. */
  named: boolean;
  /** Named characters whose sign-ins come from their storyline only. */
  scripted: boolean;
  /** Directory role template ids, direct or through a role-assignable group. */
  roleTemplateIds: Set<string>;
  /** When the account was disabled, if it is. */
  disabledMs?: number;
  employeeId?: string;
  /** For people who have not signed in for a long time: their last sign-in. */
  lastSeenMs?: number;
}

/** An application of the tenant (its registration and its service principal). */
export interface AppInfo {
  appId: string;
  displayName: string;
  /** The resource the sign-in asks a token for. */
  resourceId: string;
  resourceDisplayName: string;
  /** Whether Conditional Access counts the app as part of "Office365". */
  office365: boolean;
}

export type SignInKind = 'interactiveUser' | 'nonInteractiveUser' | 'servicePrincipal';

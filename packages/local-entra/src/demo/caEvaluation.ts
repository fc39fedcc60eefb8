import type { Platform } from './model';

/**
 * Conditional Access evaluation of one sign-in against Graph-shaped policies, so every sign-in's
 * `appliedConditionalAccessPolicies` and its error code follow from the policies in the snapshot.
 * The tests use the same function on the written files to check the data agrees with itself.
 */

export type ClientAppType = 'browser' | 'mobileAppsAndDesktopClients' | 'exchangeActiveSync' | 'other';

export interface SignInFacts {
  userId: string;
  isGuest: boolean;
  groupIds: ReadonlySet<string>;
  roleIds: ReadonlySet<string>;
  appId: string;
  office365: boolean;
  clientAppType: ClientAppType;
  platform?: Platform;
  /** Ids of the named locations the sign-in's address or country falls in. */
  namedLocationIds: ReadonlySet<string>;
  trustedLocation: boolean;
  userRiskLevel: string;
  signInRiskLevel: string;
  mfaSatisfied: boolean;
  deviceCompliant: boolean;
}

export type PolicyResult =
  | 'success'
  | 'failure'
  | 'notApplied'
  | 'notEnabled'
  | 'reportOnlySuccess'
  | 'reportOnlyFailure'
  | 'reportOnlyNotApplied'
  | 'reportOnlyInterrupted';

export interface PolicyOutcome {
  id: string;
  displayName: string;
  result: PolicyResult;
  /** The grant controls the policy asked for, as sign-in logs name them, when it applied. */
  enforcedGrantControls: string[];
  enforcedSessionControls: string[];
  /** The unmet controls of an enforced policy that failed. */
  unmetControls: string[];
}

/** A Graph object as read from JSON: its fields are checked where they are used. */
type Json = Record<string, unknown>;

const EMPTY: Json = {};

function objectOf(value: unknown): Json | null {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : null;
}

function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

const CONTROL_NAMES: Record<string, string> = {
  mfa: 'Mfa',
  block: 'Block',
  compliantDevice: 'RequireCompliantDevice',
  domainJoinedDevice: 'RequireDomainJoinedDevice',
  approvedApplication: 'RequireApprovedApp',
  compliantApplication: 'RequireCompliantApp',
  passwordChange: 'PasswordChange',
};

export function clientAppTypeOf(clientAppUsed: string): ClientAppType {
  if (clientAppUsed === 'Browser') return 'browser';
  if (clientAppUsed === 'Mobile Apps and Desktop clients') return 'mobileAppsAndDesktopClients';
  if (clientAppUsed === 'Exchange ActiveSync') return 'exchangeActiveSync';
  return 'other';
}

export function platformOf(operatingSystem: string | null | undefined): Platform | undefined {
  const os = (operatingSystem ?? '').toLowerCase();
  if (os.startsWith('windows')) return 'windows';
  if (os.startsWith('ios') || os.startsWith('ipados')) return 'iOS';
  if (os.startsWith('android')) return 'android';
  if (os.startsWith('macos') || os.startsWith('mac os')) return 'macOS';
  if (os.startsWith('linux') || os.startsWith('ubuntu')) return 'linux';
  return undefined;
}

function ipv4ToNumber(ip: string): number | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    const n = Number(part);
    if (!Number.isInteger(n) || n < 0 || n > 255) return undefined;
    value = value * 256 + n;
  }
  return value;
}

function inCidr(ip: string, cidr: string): boolean {
  const [base, bitsText] = cidr.split('/');
  const address = ipv4ToNumber(ip);
  const network = ipv4ToNumber(base);
  if (address === undefined || network === undefined) return false;
  const bits = Number(bitsText);
  const size = 2 ** (32 - bits);
  return Math.floor(address / size) === Math.floor(network / size);
}

/** Which named locations an address and country fall in, and whether any of them is trusted. */
export function matchNamedLocations(
  ipAddress: string,
  countryOrRegion: string | null | undefined,
  locations: readonly Json[],
): { ids: Set<string>; trusted: boolean } {
  const ids = new Set<string>();
  let trusted = false;
  for (const location of locations) {
    const id = String(location.id);
    if (location['@odata.type'] === '#microsoft.graph.ipNamedLocation') {
      const cidrs = (Array.isArray(location.ipRanges) ? (location.ipRanges as unknown[]) : []).map((range) => objectOf(range)?.cidrAddress);
      if (cidrs.some((cidr) => typeof cidr === 'string' && inCidr(ipAddress, cidr))) {
        ids.add(id);
        if (location.isTrusted) trusted = true;
      }
    } else if (location['@odata.type'] === '#microsoft.graph.countryNamedLocation') {
      const countries = stringsOf(location.countriesAndRegions);
      if (countryOrRegion ? countries.includes(countryOrRegion) : location.includeUnknownCountriesAndRegions) ids.add(id);
    }
  }
  return { ids, trusted };
}

function usersMatch(users: Json, facts: SignInFacts): boolean {
  const listed = (values: unknown, test: (v: string) => boolean) => stringsOf(values).some(test);
  const userTest = (v: string) => v === 'All' || v === facts.userId || (v === 'GuestsOrExternalUsers' && facts.isGuest);
  const included =
    listed(users.includeUsers, userTest) ||
    listed(users.includeGroups, (g) => facts.groupIds.has(g)) ||
    listed(users.includeRoles, (r) => facts.roleIds.has(r)) ||
    (users.includeGuestsOrExternalUsers != null && facts.isGuest);
  if (!included) return false;
  const excluded =
    listed(users.excludeUsers, (v) => v === facts.userId || (v === 'GuestsOrExternalUsers' && facts.isGuest)) ||
    listed(users.excludeGroups, (g) => facts.groupIds.has(g)) ||
    listed(users.excludeRoles, (r) => facts.roleIds.has(r)) ||
    (users.excludeGuestsOrExternalUsers != null && facts.isGuest);
  return !excluded;
}

function applicationsMatch(applications: Json, facts: SignInFacts): boolean {
  const test = (v: string) => v === 'All' || v === facts.appId || (v === 'Office365' && facts.office365);
  return stringsOf(applications.includeApplications).some(test) && !stringsOf(applications.excludeApplications).some(test);
}

function platformsMatch(platforms: Json | null, facts: SignInFacts): boolean {
  if (!platforms) return true;
  const test = (v: string) => v === 'all' || v === facts.platform;
  return stringsOf(platforms.includePlatforms).some(test) && !stringsOf(platforms.excludePlatforms).some((v) => v === facts.platform);
}

function locationsMatch(locations: Json | null, facts: SignInFacts): boolean {
  if (!locations) return true;
  const test = (v: string) => v === 'All' || (v === 'AllTrusted' && facts.trustedLocation) || facts.namedLocationIds.has(v);
  return stringsOf(locations.includeLocations).some(test) && !stringsOf(locations.excludeLocations).some(test);
}

/** Whether the policy's conditions select this sign-in. */
export function policyApplies(policy: Json, facts: SignInFacts): boolean {
  const c = objectOf(policy.conditions) ?? EMPTY;
  const clientAppTypes = c.clientAppTypes == null ? ['all'] : stringsOf(c.clientAppTypes);
  const userRiskLevels = stringsOf(c.userRiskLevels);
  const signInRiskLevels = stringsOf(c.signInRiskLevels);
  return (
    usersMatch(objectOf(c.users) ?? EMPTY, facts) &&
    applicationsMatch(objectOf(c.applications) ?? EMPTY, facts) &&
    (clientAppTypes.includes('all') || clientAppTypes.includes(facts.clientAppType)) &&
    platformsMatch(objectOf(c.platforms), facts) &&
    locationsMatch(objectOf(c.locations), facts) &&
    (userRiskLevels.length === 0 || userRiskLevels.includes(facts.userRiskLevel)) &&
    (signInRiskLevels.length === 0 || signInRiskLevels.includes(facts.signInRiskLevel))
  );
}

function controlSatisfied(control: string, facts: SignInFacts): boolean {
  switch (control) {
    case 'mfa':
      return facts.mfaSatisfied;
    case 'compliantDevice':
      return facts.deviceCompliant;
    default:
      return false;
  }
}

function sessionControlNames(sessionControls: Json | null): string[] {
  if (!sessionControls) return [];
  const names: string[] = [];
  const enabled = (control: string) => objectOf(sessionControls[control])?.isEnabled;
  if (enabled('signInFrequency')) names.push('SignInFrequency');
  if (enabled('persistentBrowser')) names.push('PersistentBrowserSessionMode');
  if (enabled('applicationEnforcedRestrictions')) names.push('AppEnforcedRestrictions');
  if (enabled('cloudAppSecurity')) names.push('CloudAppSecurity');
  return names;
}

export function evaluatePolicy(policy: Json, facts: SignInFacts): PolicyOutcome {
  const base = { id: policy.id as string, displayName: policy.displayName as string };
  const reportOnly = policy.state === 'enabledForReportingButNotEnforced';
  const none = { enforcedGrantControls: [], enforcedSessionControls: [], unmetControls: [] };
  if (policy.state === 'disabled') return { ...base, result: 'notEnabled', ...none };
  if (!policyApplies(policy, facts)) return { ...base, result: reportOnly ? 'reportOnlyNotApplied' : 'notApplied', ...none };

  const grant = objectOf(policy.grantControls);
  const controls = stringsOf(grant?.builtInControls);
  const satisfied = controls.map((control) => controlSatisfied(control, facts));
  const ok = controls.length === 0 || (grant?.operator === 'AND' ? satisfied.every(Boolean) : satisfied.some(Boolean));
  const unmet = ok ? [] : controls.filter((_, i) => !satisfied[i]);
  const enforcedGrantControls = controls.map((c) => CONTROL_NAMES[c] ?? c);
  const enforcedSessionControls = sessionControlNames(objectOf(policy.sessionControls));
  let result: PolicyResult;
  if (ok) result = reportOnly ? 'reportOnlySuccess' : 'success';
  else if (!reportOnly) result = 'failure';
  else result = controls.includes('block') || !controls.includes('mfa') ? 'reportOnlyFailure' : 'reportOnlyInterrupted';
  return { ...base, result, enforcedGrantControls, enforcedSessionControls, unmetControls: reportOnly ? [] : unmet };
}

export function evaluatePolicies(policies: readonly Json[], facts: SignInFacts): PolicyOutcome[] {
  return policies.map((policy) => evaluatePolicy(policy, facts));
}

/** Policies listed when a sign-in failed before Conditional Access ran: none of them applied. */
export function notEvaluated(policies: readonly Json[]): PolicyOutcome[] {
  return policies.map((policy) => ({
    id: policy.id as string,
    displayName: policy.displayName as string,
    result: policy.state === 'disabled' ? 'notEnabled' : policy.state === 'enabledForReportingButNotEnforced' ? 'reportOnlyNotApplied' : 'notApplied',
    enforcedGrantControls: [],
    enforcedSessionControls: [],
    unmetControls: [],
  }));
}

/** The sign-in level status Graph reports from the policy results. */
export function conditionalAccessStatusOf(outcomes: readonly PolicyOutcome[]): 'success' | 'failure' | 'notApplied' {
  if (outcomes.some((o) => o.result === 'failure')) return 'failure';
  if (outcomes.some((o) => o.result === 'success')) return 'success';
  return 'notApplied';
}

import { CAST } from './cast';
import { iso, onDay } from './clock';
import { HQ_RANGE, LONDON_RANGE } from './places';
import { stableGuid } from './random';
import { ADMIN_ROLE_IDS } from './roles';

/** Named locations and the ten Conditional Access policies of the Contoso demo, in Graph's shapes. */

export const NAMED_LOCATION_IDS = {
  hq: stableGuid(0, 'namedLocation', 'Contoso HQ network'),
  london: stableGuid(0, 'namedLocation', 'London office'),
  blockedCountries: stableGuid(0, 'namedLocation', 'Blocked countries'),
};

export const BLOCKED_COUNTRIES = ['RU', 'KP', 'IR', 'SY', 'CU', 'BY'];

export function namedLocations(): Record<string, unknown>[] {
  return [
    {
      '@odata.type': '#microsoft.graph.ipNamedLocation',
      id: NAMED_LOCATION_IDS.hq,
      displayName: 'Contoso HQ network',
      createdDateTime: iso(onDay(-720, 17, 4)),
      modifiedDateTime: iso(onDay(-210, 9, 30)),
      isTrusted: true,
      ipRanges: [{ '@odata.type': '#microsoft.graph.iPv4CidrRange', cidrAddress: HQ_RANGE.cidr }],
    },
    {
      '@odata.type': '#microsoft.graph.ipNamedLocation',
      id: NAMED_LOCATION_IDS.london,
      displayName: 'London office',
      createdDateTime: iso(onDay(-540, 10, 12)),
      modifiedDateTime: iso(onDay(-540, 10, 12)),
      isTrusted: false,
      ipRanges: [{ '@odata.type': '#microsoft.graph.iPv4CidrRange', cidrAddress: LONDON_RANGE.cidr }],
    },
    {
      '@odata.type': '#microsoft.graph.countryNamedLocation',
      id: NAMED_LOCATION_IDS.blockedCountries,
      displayName: 'Blocked countries',
      createdDateTime: iso(onDay(-400, 14, 45)),
      modifiedDateTime: iso(onDay(-95, 11, 2)),
      countriesAndRegions: BLOCKED_COUNTRIES,
      includeUnknownCountriesAndRegions: false,
      countryLookupMethod: 'clientIpAddress',
    },
  ];
}

export const POLICY_NAMES = {
  mfaAllUsers: 'Require MFA for all users',
  blockLegacy: 'Block legacy authentication',
  compliantDevice: 'Require compliant device for Office 365',
  mfaGuests: 'Require MFA for guests',
  blockedCountries: 'Block sign-ins from blocked countries',
  mfaAdmins: 'Require MFA for administrators',
  highRiskUsers: 'Require password change for high-risk users',
  riskySignIns: 'Require MFA for risky sign-ins',
  azureManagement: 'Block Azure management from untrusted locations',
  signInFrequency: 'Sign-in frequency for unmanaged devices',
} as const;

export type PolicyKey = keyof typeof POLICY_NAMES;

export const POLICY_IDS = Object.fromEntries(
  Object.entries(POLICY_NAMES).map(([key, name]) => [key, stableGuid(0, 'caPolicy', name)]),
) as Record<PolicyKey, string>;

/** The group every policy excludes: the two break-glass accounts. */
export const EMERGENCY_ACCESS_GROUP = 'Emergency Access Accounts';

/** B2B collaboration guests from any organisation (the demo's guests are all of that kind). */
const ALL_GUESTS = {
  guestOrExternalUserTypes: 'b2bCollaborationGuest',
  externalTenants: { '@odata.type': '#microsoft.graph.conditionalAccessAllExternalTenants', membershipKind: 'all' },
};

interface PolicySpec {
  key: PolicyKey;
  state: 'enabled' | 'disabled' | 'enabledForReportingButNotEnforced';
  createdDaysAgo: number;
  modifiedDaysAgo: number;
  users: Partial<Record<'includeUsers' | 'excludeUsers' | 'includeGroups' | 'includeRoles', string[]>> & {
    includeGuests?: boolean;
    excludeGuests?: boolean;
  };
  applications: string[];
  clientAppTypes?: string[];
  platforms?: { includePlatforms: string[]; excludePlatforms?: string[] };
  locations?: { includeLocations: string[]; excludeLocations?: string[] };
  userRiskLevels?: string[];
  signInRiskLevels?: string[];
  grant?: { operator: 'AND' | 'OR'; builtInControls: string[] };
  sessionControls?: Record<string, unknown>;
}

const SPECS: PolicySpec[] = [
  {
    key: 'mfaAllUsers', state: 'enabled', createdDaysAgo: 700, modifiedDaysAgo: 6,
    users: { includeUsers: ['All'], excludeGuests: true },
    applications: ['All'], clientAppTypes: ['browser', 'mobileAppsAndDesktopClients'],
    locations: { includeLocations: ['All'], excludeLocations: ['AllTrusted'] },
    grant: { operator: 'OR', builtInControls: ['mfa'] },
  },
  {
    key: 'blockLegacy', state: 'enabled', createdDaysAgo: 690, modifiedDaysAgo: 300,
    users: { includeUsers: ['All'] },
    applications: ['All'], clientAppTypes: ['exchangeActiveSync', 'other'],
    grant: { operator: 'OR', builtInControls: ['block'] },
  },
  {
    key: 'compliantDevice', state: 'enabled', createdDaysAgo: 420, modifiedDaysAgo: 45,
    users: { includeUsers: ['All'], excludeGuests: true },
    applications: ['Office365'], clientAppTypes: ['browser', 'mobileAppsAndDesktopClients'],
    platforms: { includePlatforms: ['android', 'iOS', 'windows', 'macOS'] },
    grant: { operator: 'OR', builtInControls: ['compliantDevice'] },
  },
  {
    key: 'mfaGuests', state: 'enabled', createdDaysAgo: 380, modifiedDaysAgo: 120,
    users: { includeGuests: true },
    applications: ['All'], clientAppTypes: ['all'],
    grant: { operator: 'OR', builtInControls: ['mfa'] },
  },
  {
    key: 'blockedCountries', state: 'enabled', createdDaysAgo: 400, modifiedDaysAgo: 95,
    users: { includeUsers: ['All'] },
    applications: ['All'], clientAppTypes: ['all'],
    locations: { includeLocations: [NAMED_LOCATION_IDS.blockedCountries] },
    grant: { operator: 'OR', builtInControls: ['block'] },
  },
  {
    key: 'mfaAdmins', state: 'enabled', createdDaysAgo: 690, modifiedDaysAgo: 200,
    users: { includeRoles: ADMIN_ROLE_IDS },
    applications: ['All'], clientAppTypes: ['all'],
    grant: { operator: 'OR', builtInControls: ['mfa'] },
  },
  {
    key: 'highRiskUsers', state: 'enabledForReportingButNotEnforced', createdDaysAgo: 30, modifiedDaysAgo: 30,
    users: { includeUsers: ['All'] },
    applications: ['All'], clientAppTypes: ['all'], userRiskLevels: ['high'],
    grant: { operator: 'AND', builtInControls: ['mfa', 'passwordChange'] },
  },
  {
    key: 'riskySignIns', state: 'enabled', createdDaysAgo: 350, modifiedDaysAgo: 150,
    users: { includeUsers: ['All'] },
    applications: ['All'], clientAppTypes: ['all'], signInRiskLevels: ['high', 'medium'],
    grant: { operator: 'OR', builtInControls: ['mfa'] },
  },
  {
    key: 'azureManagement', state: 'disabled', createdDaysAgo: 160, modifiedDaysAgo: 14,
    users: { includeUsers: ['All'] },
    applications: ['797f4846-ba00-4fd7-ba43-dac1f8f63013'], clientAppTypes: ['all'],
    locations: { includeLocations: ['All'], excludeLocations: ['AllTrusted'] },
    grant: { operator: 'OR', builtInControls: ['block'] },
  },
  {
    key: 'signInFrequency', state: 'enabledForReportingButNotEnforced', createdDaysAgo: 60, modifiedDaysAgo: 21,
    users: { includeUsers: ['All'], excludeGuests: true },
    applications: ['All'], clientAppTypes: ['browser'],
    platforms: { includePlatforms: ['all'], excludePlatforms: ['windows', 'macOS'] },
    sessionControls: {
      applicationEnforcedRestrictions: null,
      cloudAppSecurity: null,
      persistentBrowser: null,
      disableResilienceDefaults: null,
      signInFrequency: { value: 8, type: 'hours', authenticationType: 'primaryAndSecondaryAuthentication', frequencyInterval: 'timeBased', isEnabled: true },
    },
  },
];

export function conditionalAccessPolicies(emergencyAccessGroupId: string): Record<string, unknown>[] {
  return SPECS.map((spec) => ({
    id: POLICY_IDS[spec.key],
    templateId: null,
    displayName: POLICY_NAMES[spec.key],
    createdDateTime: iso(onDay(-spec.createdDaysAgo, 15, 20)),
    modifiedDateTime: iso(onDay(-spec.modifiedDaysAgo, 10, 5)),
    state: spec.state,
    conditions: {
      userRiskLevels: spec.userRiskLevels ?? [],
      signInRiskLevels: spec.signInRiskLevels ?? [],
      clientAppTypes: spec.clientAppTypes ?? ['all'],
      servicePrincipalRiskLevels: [],
      platforms: spec.platforms ? { includePlatforms: spec.platforms.includePlatforms, excludePlatforms: spec.platforms.excludePlatforms ?? [] } : null,
      locations: spec.locations ? { includeLocations: spec.locations.includeLocations, excludeLocations: spec.locations.excludeLocations ?? [] } : null,
      devices: null,
      clientApplications: null,
      applications: {
        includeApplications: spec.applications,
        excludeApplications: [],
        includeUserActions: [],
        includeAuthenticationContextClassReferences: [],
        applicationFilter: null,
      },
      users: {
        includeUsers: spec.users.includeUsers ?? [],
        excludeUsers: [CAST.breakGlass1.id, CAST.breakGlass2.id],
        includeGroups: spec.users.includeGroups ?? [],
        excludeGroups: [emergencyAccessGroupId],
        includeRoles: spec.users.includeRoles ?? [],
        excludeRoles: [],
        includeGuestsOrExternalUsers: spec.users.includeGuests ? ALL_GUESTS : null,
        excludeGuestsOrExternalUsers: spec.users.excludeGuests ? ALL_GUESTS : null,
      },
    },
    grantControls: spec.grant
      ? { operator: spec.grant.operator, builtInControls: spec.grant.builtInControls, customAuthenticationFactors: [], termsOfUse: [] }
      : null,
    sessionControls: spec.sessionControls ?? null,
  }));
}

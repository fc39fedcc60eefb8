/**
 * A Conditional Access policy in plain words: its state, who it covers, which apps, under which conditions, and what
 * it then demands. Ids are named through the lookups the skill read (groups, users, roles, named locations).
 */
import type { ConditionalAccessPolicy } from '../../graph/directoryQueries';

export type PolicyState = 'on' | 'off' | 'report-only';

export function stateOf(policy: ConditionalAccessPolicy): PolicyState {
  if (policy.state === 'enabled') return 'on';
  if (policy.state === 'enabledForReportingButNotEnforced') return 'report-only';
  return 'off';
}

export interface PolicyNames {
  users: Map<string, string>;
  groups: Map<string, string>;
  roles: Map<string, string>;
  locations: Map<string, string>;
}

/** First-party apps and keywords a policy names by id rather than by a service principal of the tenant. */
const APP_NAMES: Record<string, string> = {
  All: 'all cloud apps',
  None: 'no apps',
  Office365: 'Office 365',
  MicrosoftAdminPortals: 'Microsoft admin portals',
  '797f4846-ba00-4fd7-ba43-dac1f8f63013': 'Windows Azure Service Management API (Azure portal, CLI, PowerShell)',
  '00000003-0000-0000-c000-000000000000': 'Microsoft Graph',
};

const CLIENT_APPS: Record<string, string> = {
  all: 'any client',
  browser: 'browsers',
  mobileAppsAndDesktopClients: 'mobile apps and desktop clients',
  exchangeActiveSync: 'Exchange ActiveSync clients',
  other: 'other (legacy) clients',
};

const CONTROLS: Record<string, string> = {
  block: 'block access',
  mfa: 'multifactor authentication',
  compliantDevice: 'a device marked compliant',
  domainJoinedDevice: 'a Microsoft Entra hybrid joined device',
  approvedApplication: 'an approved client app',
  compliantApplication: 'an app protection policy',
  passwordChange: 'a password change',
};

const join = (words: string[], last: string) => (words.length > 1 ? `${words.slice(0, -1).join(', ')} ${last} ${words[words.length - 1]}` : (words[0] ?? ''));
const named = (ids: string[] | undefined, names: Map<string, string>) => (ids ?? []).map((id) => names.get(id) ?? id);

export function locationName(id: string, names: PolicyNames): string {
  if (id === 'All') return 'any location';
  if (id === 'AllTrusted') return 'trusted locations';
  return names.locations.get(id) ?? id;
}

/** "All users", "the users Adele Vance", "members of Finance", "holders of Global Administrator", "guests". */
export function audience(policy: ConditionalAccessPolicy, which: 'include' | 'exclude', names: PolicyNames): string[] {
  const u = policy.conditions?.users ?? {};
  const users = which === 'include' ? u.includeUsers : u.excludeUsers;
  const groups = which === 'include' ? u.includeGroups : u.excludeGroups;
  const roles = which === 'include' ? u.includeRoles : u.excludeRoles;
  const guests = which === 'include' ? u.includeGuestsOrExternalUsers : u.excludeGuestsOrExternalUsers;
  const out: string[] = [];
  const people = (users ?? []).filter((id) => !['All', 'None', 'GuestsOrExternalUsers'].includes(id));
  if (users?.includes('All')) out.push('all users');
  if (users?.includes('GuestsOrExternalUsers') || guests) out.push('guests and external users');
  if (people.length) out.push(`the users ${join(named(people, names.users), 'and')}`);
  if (groups?.length) out.push(`members of ${join(named(groups, names.groups), 'and')}`);
  if (roles?.length) out.push(`holders of ${join(named(roles, names.roles), 'or')}`);
  return out;
}

export function appsText(policy: ConditionalAccessPolicy): string {
  const a = policy.conditions?.applications;
  const include = (a?.includeApplications ?? []).map((id) => APP_NAMES[id] ?? `the app ${id}`);
  const actions = (a?.includeUserActions ?? []).map((x) => `the user action ${x}`);
  const exclude = (a?.excludeApplications ?? []).map((id) => APP_NAMES[id] ?? `the app ${id}`);
  const what = join([...include, ...actions], 'and') || 'no apps';
  return exclude.length ? `${what}, except ${join(exclude, 'and')}` : what;
}

export function conditionTexts(policy: ConditionalAccessPolicy, names: PolicyNames): string[] {
  const c = policy.conditions ?? {};
  const out: string[] = [];
  const clients = c.clientAppTypes ?? [];
  if (clients.length && !clients.includes('all')) out.push(`Client apps: ${join(clients.map((x) => CLIENT_APPS[x] ?? x), 'and')}`);
  const platforms = c.platforms;
  if (platforms?.includePlatforms?.length) {
    const include = platforms.includePlatforms.includes('all') ? 'any device platform' : join(platforms.includePlatforms, 'and');
    out.push(`Device platforms: ${include}${platforms.excludePlatforms?.length ? `, except ${join(platforms.excludePlatforms, 'and')}` : ''}`);
  }
  const locations = c.locations;
  if (locations?.includeLocations?.length) {
    const include = join(locations.includeLocations.map((id) => locationName(id, names)), 'or');
    const exclude = (locations.excludeLocations ?? []).map((id) => locationName(id, names));
    out.push(`Locations: sign-ins from ${include}${exclude.length ? `, except from ${join(exclude, 'and')}` : ''}`);
  }
  if (c.userRiskLevels?.length) out.push(`User risk: ${join(c.userRiskLevels, 'or')}`);
  if (c.signInRiskLevels?.length) out.push(`Sign-in risk: ${join(c.signInRiskLevels, 'or')}`);
  return out;
}

export function grantText(policy: ConditionalAccessPolicy): string | undefined {
  const controls = policy.grantControls?.builtInControls ?? [];
  if (controls.length === 0) return undefined;
  if (controls.includes('block')) return 'Block access';
  const words = controls.map((x) => CONTROLS[x] ?? x);
  return `Grant access only with ${join(words, policy.grantControls?.operator === 'AND' ? 'and' : 'or')}`;
}

export function sessionTexts(policy: ConditionalAccessPolicy): string[] {
  const s = policy.sessionControls;
  const out: string[] = [];
  const frequency = s?.signInFrequency;
  if (frequency && frequency.isEnabled !== false && (frequency.value || frequency.frequencyInterval === 'everyTime')) {
    out.push(frequency.frequencyInterval === 'everyTime' ? 'Sign in again every time' : `Sign in again every ${frequency.value} ${frequency.type ?? 'hours'}`);
  }
  if (s?.persistentBrowser && s.persistentBrowser.isEnabled !== false) out.push(`Persistent browser session: ${s.persistentBrowser.mode === 'always' ? 'always' : 'never'}`);
  if (s?.applicationEnforcedRestrictions?.isEnabled) out.push('App-enforced restrictions');
  if (s?.cloudAppSecurity?.isEnabled) out.push('Conditional Access App Control');
  return out;
}

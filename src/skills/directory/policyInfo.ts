/**
 * policy.info: the tenant's Conditional Access policies with their state; one policy explained in plain words; or
 * which policies apply to a user — through which group or role they are included, and which policies exclude them.
 */
import { escapeMarkdown } from '../../cards/escape';
import {
  batchGet,
  bodyOf,
  CONDITIONAL_ACCESS_REQUESTS,
  groupNamesRequest,
  ID_LIST_LIMIT,
  ROLE_DEFINITIONS_REQUEST,
  roleRequestsOfPrincipal,
  transitiveGroupsRequest,
  userKindRequest,
  userNamesRequest,
  type BatchRequest,
  type BatchResponse,
  type ConditionalAccessPolicy,
  type DirectoryObjectRef,
  type Page,
  type RoleDefinition,
} from '../../graph/directoryQueries';
import type { TenantSession } from '../../graph/sessions';
import { entityOf } from '../../understanding/types';
import type { AnswerSubject, SkillAnswer } from '../types';
import { mayRead, roleList, rolesFor, throwUnlessFound } from '../common/access';
import { directorySummary, type DirectoryCardModel } from '../common/cardModel';
import { defineSkill } from '../common/defineSkill';
import { formatDate } from '../common/format';
import { heldRoles } from './heldRoles';
import { appsText, audience, conditionTexts, grantText, sessionTexts, stateOf, type PolicyNames } from './policyText';
import { subjectOf } from '../common/subject';

const WHAT = 'Conditional Access policies';
const STATE_ORDER = ['on', 'report-only', 'off'] as const;

const namesOf = (page: Page<{ id: string; displayName?: string | null }> | undefined) => new Map((page?.value ?? []).map((x) => [x.id, x.displayName ?? x.id]));

function chunks(ids: string[]): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < ids.length; i += ID_LIST_LIMIT) out.push(ids.slice(i, i + ID_LIST_LIMIT));
  return out;
}

const policiesByState = (policies: ConditionalAccessPolicy[], state: string) => policies.filter((p) => stateOf(p) === state).sort((a, b) => a.displayName.localeCompare(b.displayName));

/** The policies in the order the list shows them: "the third one", "the report-only one" refer to them. */
function policyListSubjects(policies: ConditionalAccessPolicy[]): AnswerSubject[] {
  return STATE_ORDER.flatMap((s) => policiesByState(policies, s)).map((p) => ({ type: 'policy' as const, id: p.id, displayName: p.displayName, shownAs: stateOf(p) }));
}

export function policyListModel(policies: ConditionalAccessPolicy[]): DirectoryCardModel {
  const byState = (state: string) => policiesByState(policies, state);
  const counts = STATE_ORDER.map((s) => `${byState(s).length} ${s}`).join(', ');
  return {
    title: 'Conditional Access policies',
    subtitle: `${policies.length} policies: ${counts}`,
    callouts: [],
    facts: [],
    sections: STATE_ORDER.map((s) => ({ heading: s === 'on' ? 'On' : s === 'off' ? 'Off' : 'Report-only (logged, not enforced)', items: byState(s).map((p) => ({ text: escapeMarkdown(p.displayName) })) })).filter(
      (section) => section.items.length > 0,
    ),
    notes: [],
  };
}

export function policyModel(policy: ConditionalAccessPolicy, names: PolicyNames): DirectoryCardModel {
  const include = audience(policy, 'include', names);
  const exclude = audience(policy, 'exclude', names);
  const state = stateOf(policy);
  const grant = grantText(policy);
  const session = sessionTexts(policy);
  const conditions = conditionTexts(policy, names);
  const callouts = state === 'on' ? [] : [{ text: state === 'off' ? 'This policy is off: it is not evaluated at sign-in.' : 'Report-only: sign-ins are evaluated and logged, nothing is enforced.' }];
  return {
    title: escapeMarkdown(policy.displayName),
    subtitle: `Conditional Access policy — ${state}`,
    callouts,
    // Graph's value beside the word: what the admin center's JSON view and PowerShell show.
    facts: [{ title: 'State', value: policy.state ? `${state} (${escapeMarkdown(policy.state)})` : state }, ...(policy.createdDateTime ? [{ title: 'Created', value: formatDate(policy.createdDateTime) }] : []), ...(policy.modifiedDateTime ? [{ title: 'Last modified', value: formatDate(policy.modifiedDateTime) }] : [])],
    sections: [
      { heading: 'Who', items: [{ text: escapeMarkdown(`Includes ${include.join('; ') || 'nobody'}`) }, { text: escapeMarkdown(`Excludes ${exclude.join('; ') || 'nobody'}`) }] },
      { heading: 'Apps', items: [{ text: escapeMarkdown(appsText(policy)) }] },
      { heading: 'Conditions', items: conditions.length ? conditions.map((text) => ({ text: escapeMarkdown(text) })) : [{ text: 'none: every sign-in of those users to those apps' }] },
      { heading: 'Then', items: [...(grant ? [grant] : []), ...session].map((text) => ({ text: escapeMarkdown(text) })).concat(grant || session.length ? [] : [{ text: 'no controls' }]) },
    ],
    notes: [],
  };
}

export interface PolicyAsker {
  id: string;
  displayName: string;
  guest: boolean;
  /** Group id → name, transitively. */
  groups: Map<string, string>;
  /** Role definition (template) id → name; undefined when the roles could not be read. */
  roles: Map<string, string> | undefined;
}

/** Why a policy covers the user, or why it leaves them out; undefined when it does not target them at all. */
export function reachOf(policy: ConditionalAccessPolicy, user: PolicyAsker): { included?: string; excluded?: string } {
  const u = policy.conditions?.users ?? {};
  const groupVia = (ids: string[] | undefined) => (ids ?? []).find((id) => user.groups.has(id));
  const roleVia = (ids: string[] | undefined) => (ids ?? []).find((id) => user.roles?.has(id));
  let excluded: string | undefined;
  const exGroup = groupVia(u.excludeGroups);
  const exRole = roleVia(u.excludeRoles);
  if (u.excludeUsers?.includes(user.id)) excluded = 'excluded by name';
  else if (exGroup) excluded = `excluded through the group ${user.groups.get(exGroup)}`;
  else if (exRole) excluded = `excluded through the role ${user.roles?.get(exRole)}`;
  else if (user.guest && u.excludeGuestsOrExternalUsers) excluded = 'excluded as a guest';
  let included: string | undefined;
  const inGroup = groupVia(u.includeGroups);
  const inRole = roleVia(u.includeRoles);
  if (u.includeUsers?.includes(user.id)) included = 'included by name';
  else if (inGroup) included = `through the group ${user.groups.get(inGroup)}`;
  else if (inRole) included = `through the role ${user.roles?.get(inRole)}`;
  else if (user.guest && (u.includeGuestsOrExternalUsers || u.includeUsers?.includes('GuestsOrExternalUsers'))) included = 'as a guest';
  else if (u.includeUsers?.includes('All')) included = 'as one of all users';
  return { included, excluded };
}

export function appliesToModel(policies: ConditionalAccessPolicy[], user: PolicyAsker): DirectoryCardModel {
  const applies: string[] = [];
  const excludes: string[] = [];
  for (const p of [...policies].sort((a, b) => a.displayName.localeCompare(b.displayName))) {
    const reach = reachOf(p, user);
    const label = `${p.displayName} (${stateOf(p)})`;
    if (reach.excluded) excludes.push(`${label} — ${reach.excluded}`);
    else if (reach.included) applies.push(`${label} — ${reach.included}`);
  }
  return {
    title: escapeMarkdown(`Conditional Access policies for ${user.displayName}`),
    subtitle: `${applies.length} apply, ${excludes.length} exclude ${user.guest ? 'this guest' : 'this user'}`,
    callouts: [],
    facts: [],
    sections: [
      { heading: 'Apply', items: applies.length ? applies.map((text) => ({ text: escapeMarkdown(text) })) : [{ text: 'none' }] },
      { heading: 'Exclude', items: excludes.length ? excludes.map((text) => ({ text: escapeMarkdown(text) })) : [{ text: 'none' }] },
    ],
    notes: user.roles ? [] : [{ text: `Policies that target roles are not checked: reading role assignments needs ${roleList(rolesFor('roleManagement.read'))}.` }],
  };
}

function check(responses: Map<string, BatchResponse>, ids: string[], key: Parameters<typeof throwUnlessFound>[2]): void {
  for (const id of ids) {
    const r = responses.get(id);
    if (r) throwUnlessFound(r.status, r.body, key);
  }
}

async function explain(tenant: TenantSession, policy: ConditionalAccessPolicy, first: Map<string, BatchResponse>, mayRoles: boolean): Promise<SkillAnswer> {
  const u = policy.conditions?.users ?? {};
  const userIds = [...(u.includeUsers ?? []), ...(u.excludeUsers ?? [])].filter((id) => !['All', 'None', 'GuestsOrExternalUsers'].includes(id));
  const groupIds = [...(u.includeGroups ?? []), ...(u.excludeGroups ?? [])];
  const requests: BatchRequest[] = [
    ...chunks(userIds).map((ids, i) => userNamesRequest(`users-${i}`, ids)),
    ...chunks(groupIds).map((ids, i) => groupNamesRequest(`groups-${i}`, ids)),
  ];
  const more = requests.length ? await batchGet(tenant.client, requests) : new Map<string, BatchResponse>();
  const merged = (prefix: string) => new Map([...more.entries()].filter(([id]) => id.startsWith(prefix)).flatMap(([id]) => [...namesOf(bodyOf<Page<DirectoryObjectRef>>(more, id))]));
  const names: PolicyNames = {
    users: merged('users-'),
    groups: merged('groups-'),
    roles: mayRoles ? namesOf(bodyOf<Page<RoleDefinition>>(first, 'roleDefinitions')) : new Map<string, string>(),
    locations: namesOf(bodyOf<Page<DirectoryObjectRef>>(first, 'namedLocations')),
  };
  const model = policyModel(policy, names);
  return { kind: 'card', template: 'directory', data: model, summary: directorySummary(model) };
}

async function appliesTo(tenant: TenantSession, userId: string, policies: ConditionalAccessPolicy[]): Promise<SkillAnswer> {
  const mayRoles = await mayRead(tenant, 'roleManagement.read');
  // The user's groups are read once: for policies that target groups, and (role-assignable ones) for held roles.
  const groups = transitiveGroupsRequest(userId);
  const roleReads = mayRoles ? roleRequestsOfPrincipal(userId).filter((r) => r.id !== groups.id) : [];
  const responses = await batchGet(tenant.client, [userKindRequest(userId), groups, ...roleReads]);
  check(responses, ['user', groups.id], 'users.read');
  const profile = bodyOf<DirectoryObjectRef>(responses, 'user');
  if (!profile) return { kind: 'text', text: 'That user is no longer in the directory.' };
  const roles = mayRoles ? new Map((await heldRoles(tenant.client, responses)).map((r) => [r.roleId, r.roleName])) : undefined;
  const asker: PolicyAsker = {
    id: profile.id,
    displayName: profile.displayName ?? profile.id,
    guest: profile.userType === 'Guest',
    groups: namesOf(bodyOf<Page<DirectoryObjectRef>>(responses, groups.id)),
    roles,
  };
  const model = appliesToModel(policies, asker);
  return { kind: 'card', template: 'directory', data: model, summary: directorySummary(model) };
}

const controls = (p: ConditionalAccessPolicy) => p.grantControls?.builtInControls ?? [];
const AZURE_MANAGEMENT = '797f4846-ba00-4fd7-ba43-dac1f8f63013';

/**
 * What a policy does, in the words an admin asks it by ("which policy blocks legacy auth?", "what policy requires MFA
 * for guests"): each effect named in the question and the part of the policy's definition that has it.
 */
const EFFECTS: Array<[words: RegExp, has: (p: ConditionalAccessPolicy) => boolean]> = [
  [/\bblock(?:s|ing)?\b|\bstops?\b|\bden(?:y|ies)\b/, (p) => controls(p).includes('block')],
  [/\bmfa\b|\bmulti[- ]?factor\b|\b2fa\b|\bsecond factor\b|\btwo[- ]factor\b/, (p) => controls(p).includes('mfa')],
  [/\bcomplian(?:t|ce)\b|\bmanaged devices?\b/, (p) => controls(p).includes('compliantDevice') || controls(p).includes('domainJoinedDevice')],
  [/\bpassword (?:change|reset)\b|\bchange (?:their |a )?password\b/, (p) => controls(p).includes('passwordChange')],
  [/\blegacy\b|\bimap\b|\bpop3?\b|\bactive ?sync\b|\bbasic auth/, (p) => (p.conditions?.clientAppTypes ?? []).some((t) => t === 'exchangeActiveSync' || t === 'other')],
  [/\bguests?\b|\bexternal\b|\bb2b\b/, (p) => Boolean(p.conditions?.users?.includeGuestsOrExternalUsers) || (p.conditions?.users?.includeUsers ?? []).includes('GuestsOrExternalUsers')],
  [/\badmins?\b|\badministrators?\b|\bprivileged\b/, (p) => (p.conditions?.users?.includeRoles ?? []).length > 0],
  [/\babroad\b|\boverseas\b|\bcountr(?:y|ies)\b|\blocations?\b|\buntrusted\b|\boutside\b/, (p) => (p.conditions?.locations?.includeLocations ?? []).length > 0],
  [/\brisk(?:y)?\b/, (p) => (p.conditions?.signInRiskLevels ?? []).length > 0 || (p.conditions?.userRiskLevels ?? []).length > 0],
  [/\bsign[- ]?in frequency\b|\bre-?auth\w*\b|\bsessions?\b|\bhow often\b/, (p) => Boolean(p.sessionControls?.signInFrequency?.isEnabled)],
  [/\bazure (?:management|portal|cli|powershell)\b/, (p) => (p.conditions?.applications?.includeApplications ?? []).includes(AZURE_MANAGEMENT)],
];

/** The policies that do everything the question names, or undefined when it names nothing a policy does. */
function policiesByEffect(policies: ConditionalAccessPolicy[], question: string): ConditionalAccessPolicy[] | undefined {
  const words = question.toLowerCase();
  const asked = EFFECTS.filter(([pattern]) => pattern.test(words));
  return asked.length ? policies.filter((p) => asked.every(([, has]) => has(p))) : undefined;
}

/** The policy whose name the question holds: an exact name first, else the one name containing the words. */
function findPolicy(policies: ConditionalAccessPolicy[], words: string): ConditionalAccessPolicy | ConditionalAccessPolicy[] {
  const w = words.toLowerCase().trim();
  const exact = policies.find((p) => p.displayName.toLowerCase() === w);
  if (exact) return exact;
  const partial = policies.filter((p) => p.displayName.toLowerCase().includes(w));
  return partial.length === 1 ? partial[0] : partial;
}

export const policyInfoSkill = defineSkill({
  name: 'policyInfo',
  version: '1',
  intents: ['policy.info'],
  what: WHAT,
  needs: 'conditionalAccess.read',
  async answer({ request, tenant, may }): Promise<SkillAnswer> {
    const policyEntity = entityOf(request.understanding, 'policy');
    const userEntity = policyEntity ? undefined : entityOf(request.understanding, 'user');
    const mayRoles = Boolean(policyEntity) && (await may('roleManagement.read'));
    const first = await batchGet(tenant.client, [...CONDITIONAL_ACCESS_REQUESTS, ...(mayRoles ? [ROLE_DEFINITIONS_REQUEST] : [])]);
    check(first, ['policies', 'namedLocations'], 'conditionalAccess.read');
    const policies = bodyOf<Page<ConditionalAccessPolicy>>(first, 'policies')?.value ?? [];
    if (userEntity) {
      // Only "which policies apply to X?" has a subject; it is resolved after the policy read every answer makes.
      const subject = subjectOf(request.understanding, 'user');
      if ('answer' in subject) return subject.answer;
      return appliesTo(tenant, subject.id, policies);
    }
    // "which policy blocks legacy auth?": the one policy that does it, explained; several, listed.
    const byEffect = !policyEntity && request.understanding.explanation?.some((cue) => cue.endsWith('a policy by what it does')) ? policiesByEffect(policies, request.understanding.text) : undefined;
    if (byEffect?.length === 1) return explain(tenant, byEffect[0], first, mayRoles);
    if (byEffect && !byEffect.length) {
      const names = policies.map((p) => `"${escapeMarkdown(p.displayName)}"`).join(', ');
      return { kind: 'text', text: `None of the ${policies.length} Conditional Access policies does all of what you describe. The policies: ${names}. Ask about one by name to see what it does.` };
    }
    if (byEffect?.length) {
      const model = policyListModel(byEffect);
      return { kind: 'card', template: 'directory', data: model, summary: directorySummary(model), subjects: policyListSubjects(byEffect) };
    }
    if (!policyEntity) {
      const model = policyListModel(policies);
      return { kind: 'card', template: 'directory', data: model, summary: directorySummary(model), subjects: policyListSubjects(policies) };
    }
    const found = findPolicy(policies, policyEntity.value ?? policyEntity.text);
    if (!Array.isArray(found)) return explain(tenant, found, first, mayRoles);
    const names = (found.length ? found : policies).map((p) => `"${escapeMarkdown(p.displayName)}"`).join(', ');
    return { kind: 'text', text: `${found.length ? 'Several' : 'No'} Conditional Access policies match "${escapeMarkdown(policyEntity.text)}". Which one do you mean: ${names}?` };
  },
});

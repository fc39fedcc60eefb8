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

/**
 * group.info: what a group is, who owns it (groups without owners called out), its dynamic rule, and its members:
 * the direct members' count and one page of them, the nested groups, and the count of users reached through
 * nesting — all in one `$batch`, so a 5,000-member group costs the same round trip as a small one.
 */
import { escapeMarkdown } from '../../cards/escape';
import { batchGet, bodyOf, groupRequests, type DirectoryObjectRef, type GroupDetails, type Page } from '../../graph/directoryQueries';
import type { Skill, SkillAnswer, SkillRequest } from '../types';
import { guarded, mayRead, noTenantAnswer, rolesNeededAnswer, rolesFor, throwUnlessFound } from './access';
import { directorySummary, type DirectoryCardModel } from './cardModel';
import { formatDate } from './format';
import { groupKind } from './groupKind';
import { subjectOf } from './subject';

function memberText(m: DirectoryObjectRef): string {
  const type = m['@odata.type'] ?? '';
  const name = escapeMarkdown(m.displayName ?? m.id);
  if (type.endsWith('.group')) return `${name} (group)`;
  if (type.endsWith('.servicePrincipal')) return `${name} (service principal)`;
  const notes = [m.userType === 'Guest' ? 'guest' : '', m.accountEnabled === false ? 'disabled' : ''].filter(Boolean);
  const upn = m.userPrincipalName ? ` — ${escapeMarkdown(m.userPrincipalName)}` : '';
  return `${name}${upn}${notes.length ? ` (${notes.join(', ')})` : ''}`;
}

export function groupInfoModel(
  group: GroupDetails,
  owners: DirectoryObjectRef[],
  members: Page<DirectoryObjectRef>,
  nested: DirectoryObjectRef[],
  parents: DirectoryObjectRef[],
  transitiveUserCount: number | undefined,
): DirectoryCardModel {
  const e = escapeMarkdown;
  const directCount = members['@odata.count'] ?? members.value.length;
  const callouts: Array<{ text: string }> = [];
  if (owners.length === 0) callouts.push({ text: 'This group has no owners: nobody but administrators can manage it or answer for its members.' });
  if (group.membershipRuleProcessingState === 'Paused') callouts.push({ text: 'Dynamic membership processing is paused: members no longer follow the rule.' });
  const facts = [
    { title: 'Type', value: groupKind(group) },
    { title: 'Direct members', value: String(directCount) },
  ];
  if (nested.length && transitiveUserCount !== undefined) facts.push({ title: 'Users including nested groups', value: String(transitiveUserCount) });
  if (group.membershipRule) facts.push({ title: 'Membership rule', value: e(group.membershipRule) });
  if (group.mail) facts.push({ title: 'Mail', value: e(group.mail) });
  if (group.visibility) facts.push({ title: 'Visibility', value: group.visibility });
  facts.push({ title: 'Source', value: group.onPremisesSyncEnabled ? 'Synced from on-premises Active Directory' : 'Cloud' });
  if (group.createdDateTime) facts.push({ title: 'Created', value: formatDate(group.createdDateTime) });

  const sections = [{ heading: 'Owners', items: owners.length ? owners.map((o) => ({ text: memberText(o) })) : [{ text: 'none' }] }];
  if (nested.length) sections.push({ heading: 'Nested groups (their members are members too)', items: nested.map((g) => ({ text: e(g.displayName ?? g.id) })) });
  if (parents.length) sections.push({ heading: 'Member of', items: parents.map((g) => ({ text: e(g.displayName ?? g.id) })) });
  sections.push({
    heading: directCount > members.value.length ? `Members (first ${members.value.length} of ${directCount})` : 'Members',
    items: members.value.length ? members.value.map((m) => ({ text: memberText(m) })) : [{ text: 'none' }],
  });
  const notes = directCount > members.value.length ? [{ text: `${directCount - members.value.length} more members are not listed; the Entra admin center lists them all.` }] : [];
  return {
    title: e(group.displayName ?? group.id),
    subtitle: e(group.description ?? ''),
    callouts,
    facts,
    sections,
    notes,
  };
}

export const groupInfoSkill: Skill = {
  name: 'groupInfo',
  version: '1',
  intents: ['group.info'],
  async answer(request: SkillRequest): Promise<SkillAnswer> {
    const tenant = request.tenant;
    if (!tenant) return noTenantAnswer('groups');
    const subject = subjectOf(request.understanding, 'group');
    if ('answer' in subject) return subject.answer;
    return guarded('groups', 'groups.read', async () => {
      if (!(await mayRead(tenant, 'groups.read'))) return rolesNeededAnswer('groups', rolesFor('groups.read'));
      const responses = await batchGet(tenant.client, groupRequests(subject.id));
      for (const response of responses.values()) throwUnlessFound(response.status, response.body, 'groups.read');
      const group = bodyOf<GroupDetails>(responses, 'group');
      if (!group) return { kind: 'text', text: `${escapeMarkdown(subject.displayName)} is no longer in the directory.` };
      const model = groupInfoModel(
        group,
        bodyOf<Page<DirectoryObjectRef>>(responses, 'owners')?.value ?? [],
        bodyOf<Page<DirectoryObjectRef>>(responses, 'members') ?? { value: [] },
        bodyOf<Page<DirectoryObjectRef>>(responses, 'nestedGroups')?.value ?? [],
        bodyOf<Page<DirectoryObjectRef>>(responses, 'parents')?.value ?? [],
        bodyOf<Page<DirectoryObjectRef>>(responses, 'transitiveUsers')?.['@odata.count'],
      );
      return { kind: 'card', template: 'groupInfo', data: model, summary: directorySummary(model) };
    });
  },
};


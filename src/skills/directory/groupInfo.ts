/**
 * group.info: what a group is, who owns it (groups without owners called out), its dynamic rule, and its members:
 * the direct members' count and one page of them, the nested groups, and the count of users reached through
 * nesting — all in one `$batch`, so a 5,000-member group costs the same round trip as a small one.
 */
import { escapeMarkdown } from '../../cards/escape';
import { batchGet, bodyOf, groupRequests, type DirectoryObjectRef, type GroupDetails, type Page } from '../../graph/directoryQueries';
import type { AnswerSubject, SkillAnswer, SkillRequest } from '../types';
import { throwUnlessFound } from '../common/access';
import { decodeCursor, encodeCursor, isOffset } from '../common/cursor';
import { defineSkill, type Subject } from '../common/defineSkill';
import { directorySummary, type DirectoryCardModel } from '../common/cardModel';
import { formatDate } from '../common/format';
import { groupKind } from './groupKind';

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
  const notes = directCount > members.value.length ? [{ text: `${directCount - members.value.length} more members are not listed here: "Show more members" gives the next ${members.value.length}.` }] : [];
  return {
    title: e(group.displayName ?? group.id),
    subtitle: e(group.description ?? ''),
    callouts,
    facts,
    sections,
    notes,
  };
}

/**
 * "Show more members": the cursor (the one format of src/skills/common/cursor.ts) holds the offset shown so far and
 * Graph's nextLink path for the next page. Only a path under this group's members is accepted, relative to the
 * configured Graph, so a forged cursor can neither read something else nor reach another host.
 */
export function membersCursor(offset: number, nextLink: string): string | undefined {
  const at = nextLink.indexOf('/v1.0/');
  return at < 0 ? undefined : encodeCursor('groupMembers', 1, { o: offset, p: nextLink.slice(at + '/v1.0'.length) });
}

export function parseMembersCursor(cursor: string, groupId: string): { offset: number; path: string } | undefined {
  const body = decodeCursor('groupMembers', 1, cursor, ['o', 'p']);
  if (!body || !isOffset(body.o, 0, 9_999_999) || typeof body.p !== 'string') return undefined;
  const m = /^\/groups\/([0-9a-f-]{36})\/members\?[^\s#]*$/i.exec(body.p);
  if (!m || m[1].toLowerCase() !== groupId.toLowerCase() || body.p.includes('://') || body.p.includes('..')) return undefined;
  return { offset: body.o, path: body.p };
}

function moreAction(offset: number, page: Page<DirectoryObjectRef>): { kind: 'showMore'; title: string; cursor: string }[] {
  const cursor = page['@odata.nextLink'] ? membersCursor(offset, page['@odata.nextLink']) : undefined;
  return cursor ? [{ kind: 'showMore', title: 'Show more members', cursor }] : [];
}

/** One further page of members, numbered from where the last page ended. */
async function nextMembers(request: SkillRequest, subject: Subject): Promise<SkillAnswer> {
  const tenant = request.tenant!;
  const parsed = parseMembersCursor(request.cursor ?? '', subject.id);
  if (!parsed) return { kind: 'text', text: `That "show more" button does not belong to ${escapeMarkdown(subject.displayName)}'s members. Ask again: "members of ${escapeMarkdown(subject.displayName)}".` };
  const page = (await tenant.client.api(parsed.path).header('ConsistencyLevel', 'eventual').get()) as Page<DirectoryObjectRef>;
  const total = page['@odata.count'];
  const from = parsed.offset + 1;
  const to = parsed.offset + page.value.length;
  const e = escapeMarkdown;
  const model: DirectoryCardModel = {
    title: `Members of ${e(subject.displayName)}`,
    subtitle: total !== undefined ? `${from}–${to} of ${total}` : `${from}–${to}`,
    callouts: [],
    facts: [],
    sections: [{ heading: `Members ${from}–${to}`, items: page.value.length ? page.value.map((m) => ({ text: memberText(m) })) : [{ text: 'none' }] }],
    notes: page['@odata.nextLink'] ? [] : [{ text: 'That is the last of them.' }],
  };
  return { kind: 'card', template: 'directory', data: model, summary: directorySummary(model), actions: moreAction(to, page) };
}

export const groupInfoSkill = defineSkill({
  name: 'groupInfo',
  version: '1',
  intents: ['group.info'],
  what: 'groups',
  needs: 'groups.read',
  subject: 'group',
  async answer({ request, tenant, subject }): Promise<SkillAnswer> {
    if (request.cursor !== undefined) return nextMembers(request, subject!);
    const responses = await batchGet(tenant.client, groupRequests(subject!.id));
    for (const response of responses.values()) throwUnlessFound(response.status, response.body, 'groups.read');
    const group = bodyOf<GroupDetails>(responses, 'group');
    if (!group) return { kind: 'text', text: `${escapeMarkdown(subject!.displayName)} is no longer in the directory.` };
    const members = bodyOf<Page<DirectoryObjectRef>>(responses, 'members') ?? { value: [] };
    const owners = bodyOf<Page<DirectoryObjectRef>>(responses, 'owners')?.value ?? [];
    const model = groupInfoModel(
      group,
      owners,
      members,
      bodyOf<Page<DirectoryObjectRef>>(responses, 'nestedGroups')?.value ?? [],
      bodyOf<Page<DirectoryObjectRef>>(responses, 'parents')?.value ?? [],
      bodyOf<Page<DirectoryObjectRef>>(responses, 'transitiveUsers')?.['@odata.count'],
    );
    // Its first owner, for "what else does the owner own?".
    const about = owners.filter((o) => (o['@odata.type'] ?? '').endsWith('.user')).slice(0, 1).map((o) => ({ type: 'user' as const, id: o.id, displayName: o.displayName ?? o.id, as: 'owner' as const }));
    return { kind: 'card', template: 'directory', data: model, summary: directorySummary(model), actions: moreAction(members.value.length, members), ...memberSubjects(ownersAsked(request.understanding.text) ? owners : members.value), ...(about.length ? { about } : {}) };
  },
});

/** "who else owns it?": the owners are what was asked, and what "both of them" means next. */
function ownersAsked(text: string): boolean {
  return /\bown(?:s|ed|er|ers|ership)?\b/i.test(text);
}

/**
 * The members the page shows (or its owners, when they were asked for), as the rows of the answer: "which of them are admins?", "which of them failed to sign
 * in this week?" are asked of them. A guest or disabled member carries that word ("the guest one").
 */
function memberSubjects(members: DirectoryObjectRef[]): { subjects?: AnswerSubject[] } {
  const subjects = members.flatMap((m): AnswerSubject[] => {
    const type = m['@odata.type'] ?? '';
    // A service principal member is an app ("any of those apps have secrets expiring?"), known by its application id too.
    if (type.endsWith('.servicePrincipal')) return [{ type: 'app', id: m.id, displayName: m.displayName ?? m.id, ...(m.appId ? { appId: m.appId } : {}) }];
    const shownAs = [m.userType === 'Guest' ? 'guest' : '', m.accountEnabled === false ? 'disabled' : ''].filter(Boolean).join(' ');
    return [{ type: type.endsWith('.group') ? 'group' : 'user', id: m.id, displayName: m.displayName ?? m.id, ...(shownAs ? { shownAs } : {}) }];
  });
  return subjects.length ? { subjects } : {};
}


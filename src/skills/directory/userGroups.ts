/**
 * user.groups: the groups a user is in, saying which memberships are direct and which are inherited through a
 * nested group (and through which one). Direct and transitive lists come in one `$batch`; only when some
 * membership is inherited does a second `$batch` read which groups are nested in the inherited ones.
 */
import { escapeMarkdown } from '../../cards/escape';
import { batchGet, bodyOf, membershipRequests, nestedGroupRequests, type DirectoryObjectRef, type GroupDetails, type Page } from '../../graph/directoryQueries';
import type { SkillAnswer } from '../types';
import type { TenantSession } from '../../graph/sessions';
import type { PairCompared } from '../../understanding/pairCompared';
import { entityOf } from '../../understanding/types';
import { throwUnlessFound } from '../common/access';
import { defineSkill } from '../common/defineSkill';
import { groupKind } from './groupKind';
import { directorySummary, type DirectoryCardModel } from '../common/cardModel';

type GroupRef = DirectoryObjectRef & Pick<GroupDetails, 'groupTypes' | 'securityEnabled' | 'membershipRule'>;

/**
 * The shortest chain from one of the user's direct groups up to each inherited group, from the direct child
 * groups of every group in the user's transitive set.
 */
export function inheritancePaths(directIds: Set<string>, childrenOf: Map<string, string[]>): Map<string, string[]> {
  const paths = new Map<string, string[]>();
  for (const id of directIds) paths.set(id, [id]);
  let frontier = [...directIds];
  while (frontier.length) {
    const next: string[] = [];
    for (const [parent, children] of childrenOf) {
      if (paths.has(parent)) continue;
      const child = children.find((c) => frontier.includes(c));
      if (child) {
        paths.set(parent, [...paths.get(child)!, parent]);
        next.push(parent);
      }
    }
    frontier = next;
  }
  return paths;
}

export const userGroupsSkill = defineSkill({
  name: 'userGroups',
  version: '1',
  intents: ['user.groups'],
  what: 'group memberships',
  needs: 'memberships.read',
  subject: 'user',
  async answer({ request, tenant, subject }): Promise<SkillAnswer> {
    const compared = request.understanding.compared;
    if (compared) return comparedAnswer(tenant, compared);
    const responses = await batchGet(tenant.client, membershipRequests(subject!.id));
    for (const id of ['direct', 'transitive']) throwUnlessFound(responses.get(id)?.status ?? 0, responses.get(id)?.body, 'memberships.read');
    const direct = bodyOf<Page<GroupRef>>(responses, 'direct')?.value ?? [];
    const transitive = bodyOf<Page<GroupRef>>(responses, 'transitive')?.value ?? [];
    const directIds = new Set(direct.map((g) => g.id));
    const inheritedGroups = transitive.filter((g) => !directIds.has(g.id));

    const childrenOf = new Map<string, string[]>();
    if (inheritedGroups.length) {
      const nested = await batchGet(tenant.client, nestedGroupRequests(inheritedGroups.map((g) => g.id)));
      inheritedGroups.forEach((g, index) => childrenOf.set(g.id, (bodyOf<Page<DirectoryObjectRef>>(nested, `nested-${index}`)?.value ?? []).map((c) => c.id)));
    }
    const paths = inheritancePaths(directIds, childrenOf);
    const names = new Map(transitive.concat(direct).map((g) => [g.id, g.displayName ?? g.id]));
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    const e = escapeMarkdown;
    const directItems = direct.map((g) => ({ name: e(g.displayName ?? g.id), text: `${e(g.displayName ?? g.id)} (${groupKind(g)})` })).sort(byName);
    const inheritedItems = inheritedGroups
      .map((g) => {
        const chain = (paths.get(g.id) ?? []).slice(0, -1).map((id) => e(names.get(id) ?? id));
        const name = e(g.displayName ?? g.id);
        return { name, text: `${name} (${groupKind(g)}), through ${chain.length ? chain.join(' → ') : 'a nested group'}` };
      })
      .sort(byName);
    // "is Isaiah in IT Staff - yes or no?": the answer to that first, then the groups that show it.
    const asked = entityOf(request.understanding, 'group');
    const callouts: Array<{ text: string }> = [];
    if (asked?.id) {
      const groupName = e(asked.displayName ?? asked.text);
      const person = e(subject!.displayName);
      const chain = (paths.get(asked.id) ?? []).slice(0, -1).map((id) => e(names.get(id) ?? id));
      callouts.push({
        text: directIds.has(asked.id)
          ? `Yes: ${person} is a direct member of ${groupName}.`
          : transitive.some((g) => g.id === asked.id)
            ? `Yes: ${person} is in ${groupName} through a nested group${chain.length ? ` (${chain.join(' → ')})` : ''}.`
            : `No: ${person} is not in ${groupName}, directly or through a nested group.`,
      });
    }
    const model: DirectoryCardModel = {
      title: `Groups of ${e(subject!.displayName)}`,
      subtitle: `${transitive.length} group${transitive.length === 1 ? '' : 's'}: ${direct.length} direct, ${inheritedGroups.length} inherited through nested groups`,
      callouts,
      facts: [],
      sections: [
        ...(directItems.length ? [{ heading: 'Direct member of', items: directItems.map(({ text }) => ({ text })) }] : []),
        ...(inheritedItems.length ? [{ heading: 'Inherited (through a nested group)', items: inheritedItems.map(({ text }) => ({ text })) }] : []),
      ],
      notes: transitive.length === 0 ? [{ text: 'Not a member of any group.' }] : [],
    };
    return { kind: 'card', template: 'directory', data: model, summary: directorySummary(model) };
  },
});

/** Every group a person is in, directly or through nesting. */
async function groupsOf(tenant: TenantSession, userId: string): Promise<GroupRef[]> {
  const responses = await batchGet(tenant.client, membershipRequests(userId));
  const transitive = responses.get('transitive');
  throwUnlessFound(transitive?.status ?? 0, transitive?.body, 'memberships.read');
  return bodyOf<Page<GroupRef>>(responses, 'transitive')?.value ?? [];
}

/**
 * "What groups does she have that he doesn't?": the groups only one of the two is in, each side under their name, and
 * the groups they share. Memberships through nested groups count: they give the same access.
 */
async function comparedAnswer(tenant: TenantSession, compared: PairCompared): Promise<SkillAnswer> {
  const [a, b] = compared.people;
  const [groupsA, groupsB] = await Promise.all([groupsOf(tenant, a.id), groupsOf(tenant, b.id)]);
  const idsA = new Set(groupsA.map((g) => g.id));
  const idsB = new Set(groupsB.map((g) => g.id));
  const e = escapeMarkdown;
  const names = (groups: GroupRef[]) => groups.map((g) => e(g.displayName ?? g.id)).sort((x, y) => x.localeCompare(y));
  const onlyA = names(groupsA.filter((g) => !idsB.has(g.id)));
  const onlyB = names(groupsB.filter((g) => !idsA.has(g.id)));
  const shared = names(groupsA.filter((g) => idsB.has(g.id)));
  const items = (list: string[]) => (list.length ? list.map((text) => ({ text })) : [{ text: 'none' }]);
  const difference = [
    { heading: `Only ${e(a.displayName)} is in`, items: items(onlyA) },
    { heading: `Only ${e(b.displayName)} is in`, items: items(onlyB) },
  ];
  const both = { heading: 'Both are in', items: items(shared) };
  const model: DirectoryCardModel = {
    title: `Groups of ${e(a.displayName)} and ${e(b.displayName)} compared`,
    subtitle: `${shared.length} shared; ${onlyA.length} only ${e(a.displayName)}'s, ${onlyB.length} only ${e(b.displayName)}'s (memberships through nested groups included)`,
    callouts: [],
    facts: [],
    sections: compared.first === 'shared' ? [both, ...difference] : [...difference, both],
    notes: [],
  };
  // The two people stay the ones "both" and "only one of them" mean in the next question.
  const subjects = compared.people.map((p) => ({ type: 'user' as const, id: p.id, displayName: p.displayName }));
  return { kind: 'card', template: 'directory', data: model, summary: directorySummary(model), subjects };
}

/**
 * role.assignments: who holds a directory role (directly, and through role-assignable groups, with the groups'
 * members), or which roles a user holds. Privileged roles are called out. Reads the role definition by name, its
 * assignments with their principals, and the user members of holding groups in one `$batch`.
 */
import { escapeMarkdown } from '../../cards/escape';
import {
  batchGet,
  bodyOf,
  groupUserMemberRequests,
  roleHolderRequests,
  roleDefinitionByName,
  roleRequestsOfPrincipal,
  type BatchResponse,
  type DirectoryObjectRef,
  type Page,
  type RoleAssignment,
} from '../../graph/directoryQueries';
import { entityOf } from '../../understanding/types';
import type { SkillAnswer } from '../types';
import type { TenantSession } from '../../graph/sessions';
import { throwUnlessFound } from '../common/access';
import { directorySummary, type DirectoryCardModel } from '../common/cardModel';
import { defineSkill } from '../common/defineSkill';
import { describeHeldRole, heldRoles, isPrivilegedRole } from './heldRoles';

const WHAT = 'directory role assignments';

function principalText(p: DirectoryObjectRef | null | undefined, fallbackId: string): string {
  if (!p) return `${fallbackId} (deleted or hidden object)`;
  const type = p['@odata.type'] ?? '';
  const name = escapeMarkdown(p.displayName ?? p.id);
  if (type.endsWith('.servicePrincipal')) return `${name} (service principal)`;
  const notes = [p.userType === 'Guest' ? 'guest' : '', p.accountEnabled === false ? 'disabled' : ''].filter(Boolean);
  return `${name}${p.userPrincipalName ? ` — ${escapeMarkdown(p.userPrincipalName)}` : ''}${notes.length ? ` (${notes.join(', ')})` : ''}`;
}

async function holdersAnswer(tenant: TenantSession, roleName: string): Promise<SkillAnswer> {
  const definition = await roleDefinitionByName(tenant.client, roleName);
  if (!definition) return { kind: 'text', text: `There is no role named ${escapeMarkdown(roleName)} in this tenant.` };
  const responses = await batchGet(tenant.client, roleHolderRequests(definition.id));
  const assignmentsResponse = responses.get('assignments');
  throwUnlessFound(assignmentsResponse?.status ?? 0, assignmentsResponse?.body, 'roleManagement.read');
  // A role nobody was ever given is not activated: directoryRoles answers 404 and the list stays empty.
  const principals = new Map((bodyOf<Page<DirectoryObjectRef>>(responses, 'members')?.value ?? []).map((p) => [p.id, p]));
  const assignments = (bodyOf<Page<RoleAssignment>>(responses, 'assignments')?.value ?? []).map((a) => ({ ...a, principal: principals.get(a.principalId) }));
  const isGroup = (p?: DirectoryObjectRef | null) => (p?.['@odata.type'] ?? '').endsWith('.group');
  const direct = assignments.filter((a) => !isGroup(a.principal));
  const viaGroups = assignments.filter((a) => isGroup(a.principal));
  const groupMembers = viaGroups.length ? await batchGet(tenant.client, groupUserMemberRequests(viaGroups.map((a) => a.principalId))) : new Map<string, BatchResponse>();
  const privileged = isPrivilegedRole(definition);
  const scoped = (scope: string) => (scope === '/' ? '' : `, scoped to ${escapeMarkdown(scope)}`);

  const sections: DirectoryCardModel['sections'] = [];
  sections.push({ heading: 'Assigned directly', items: direct.length ? direct.map((a) => ({ text: `${principalText(a.principal, a.principalId)}${scoped(a.directoryScopeId)}` })) : [{ text: 'nobody' }] });
  let reached = 0;
  viaGroups.forEach((a, index) => {
    const members = (bodyOf<Page<DirectoryObjectRef>>(groupMembers, `groupMembers-${index}`)?.value ?? []);
    reached += members.length;
    sections.push({
      heading: `Through the group ${escapeMarkdown(a.principal?.displayName ?? a.principalId)}${scoped(a.directoryScopeId)}`,
      items: members.length ? members.map((m) => ({ text: principalText(m, m.id) })) : [{ text: 'no members' }],
    });
  });
  const holders = [...direct.map((a) => a.principal), ...viaGroups.flatMap((_, index) => bodyOf<Page<DirectoryObjectRef>>(groupMembers, `groupMembers-${index}`)?.value ?? [])];
  const callouts: Array<{ text: string }> = [];
  if (privileged) callouts.push({ text: `${escapeMarkdown(definition.displayName)} is a privileged role: review its holders regularly.` });
  const guests = holders.filter((h) => h?.userType === 'Guest');
  if (privileged && guests.length) callouts.push({ text: `Guests hold it: ${guests.map((g) => escapeMarkdown(g?.displayName ?? '')).join(', ')}.` });
  const model: DirectoryCardModel = {
    title: `Who holds ${escapeMarkdown(definition.displayName)}`,
    subtitle: `${direct.length} direct assignment${direct.length === 1 ? '' : 's'}, ${viaGroups.length} through groups (${reached} member${reached === 1 ? '' : 's'})`,
    callouts,
    facts: [],
    sections,
    notes: [],
  };
  // The people who hold it, in the order shown: "what groups are they in?", "the second one".
  const people = [...new Map(holders.filter((h): h is DirectoryObjectRef => !!h && !isGroup(h) && !!h.id).map((h) => [h.id, h])).values()];
  const subjects = people.map((h) => ({ type: 'user' as const, id: h.id, displayName: h.displayName ?? h.id }));
  // The one group it is held through: "who's in that group?", "who owns that group?".
  const group = viaGroups.length === 1 ? viaGroups[0] : undefined;
  const about = group ? [{ type: 'group' as const, id: group.principalId, displayName: group.principal?.displayName ?? group.principalId }] : [];
  return { kind: 'card', template: 'directory', data: model, summary: directorySummary(model), ...(subjects.length ? { subjects } : {}), ...(about.length ? { about } : {}) };
}

async function rolesOfUserAnswer(tenant: TenantSession, userId: string, displayName: string): Promise<SkillAnswer> {
  const responses = await batchGet(tenant.client, roleRequestsOfPrincipal(userId));
  const roles = await heldRoles(tenant.client, responses);
  const privileged = roles.filter((r) => r.privileged);
  const model: DirectoryCardModel = {
    title: `Roles of ${escapeMarkdown(displayName)}`,
    subtitle: roles.length ? `${roles.length} role assignment${roles.length === 1 ? '' : 's'}, ${privileged.length} privileged` : 'No directory roles',
    callouts: privileged.length ? [{ text: `Holds privileged roles: ${privileged.map((r) => escapeMarkdown(r.roleName)).join(', ')}.` }] : [],
    facts: [],
    sections: roles.length ? [{ heading: 'Directory roles', items: roles.map((r) => ({ text: `${escapeMarkdown(describeHeldRole(r))}${r.privileged ? ' (privileged)' : ''}` })) }] : [],
    notes: roles.length ? [] : [{ text: 'This user holds no directory role, directly or through a group.' }],
  };
  return { kind: 'card', template: 'directory', data: model, summary: directorySummary(model) };
}

export const roleAssignmentsSkill = defineSkill<string | undefined>({
  name: 'roleAssignments',
  version: '1',
  intents: ['role.assignments'],
  what: WHAT,
  needs: 'roleManagement.read',
  /** The role whose holders are asked for; without one, the answer is the roles of the user named. */
  asked(request) {
    const role = entityOf(request.understanding, 'role');
    if (!role?.value && !entityOf(request.understanding, 'user')) {
      return { answer: { kind: 'text', text: 'Which role or which user? For example: "who are the global admins?" or "what roles does Isaiah have?"' } };
    }
    return { asked: role?.value };
  },
  subject: (_request, role) => (role ? undefined : 'user'),
  subjectFirst: false,
  async answer({ tenant, asked: role, subject }): Promise<SkillAnswer> {
    if (role) return holdersAnswer(tenant, role);
    return rolesOfUserAnswer(tenant, subject!.id, subject!.displayName);
  },
});

/**
 * user.info: who a person is, read in one `$batch` — account state, type, creation, last interactive and
 * non-interactive sign-in, password change, sync source, manager, MFA registration, roles and risk — with anything
 * abnormal called out first. Parts the asker's roles do not allow are left out and say which role would show them.
 */
import type { TenantSession } from '../../graph/sessions';
import { escapeMarkdown } from '../../cards/escape';
import { batchGet, bodyOf, failureOf, userProfileRequests, type DirectoryObjectRef, type RegistrationDetails, type RiskState, type UserProfile } from '../../graph/directoryQueries';
import type { PermissionKey } from '../../graph/permissions';
import type { SkillAnswer } from '../types';
import { roleList, rolesFor, throwUnlessFound } from '../common/access';
import { defineSkill } from '../common/defineSkill';
import { daysBetween, formatDate, formatWhen, methodName } from '../common/format';
import { describeHeldRole, heldRoles, type HeldRole } from './heldRoles';
import { directorySummary, type DirectoryCardModel } from '../common/cardModel';


/** An enabled account without an interactive sign-in for this long is called out as stale. */
const STALE_DAYS = 90;

interface Readable {
  signInActivity: boolean;
  registration: boolean;
  risk: boolean;
  roles: boolean;
}

const OPTIONAL_READS: Array<{ part: keyof Readable; key: PermissionKey; what: string }> = [
  { part: 'signInActivity', key: 'users.signInActivity', what: 'Last sign-ins' },
  { part: 'registration', key: 'userRegistrationDetails.read', what: 'MFA registration' },
  { part: 'risk', key: 'riskyUsers.read', what: 'Risk state' },
  { part: 'roles', key: 'roleManagement.read', what: 'Directory roles' },
];

function accountType(user: UserProfile): string {
  if (user.userType !== 'Guest') return 'Member';
  const state = user.externalUserState === 'PendingAcceptance' ? 'invitation not accepted yet' : user.externalUserState === 'Accepted' ? 'invitation accepted' : undefined;
  return state ? `Guest (${state})` : 'Guest';
}

function source(user: UserProfile): string {
  if (user.onPremisesSyncEnabled) return `Synced from on-premises Active Directory${user.onPremisesLastSyncDateTime ? ` (last sync ${formatDate(user.onPremisesLastSyncDateTime)})` : ''}`;
  if (user.creationType === 'Invitation') return 'Invited guest (B2B)';
  return 'Cloud-only';
}

export function userInfoModel(user: UserProfile, parts: { registration?: RegistrationDetails; risk?: RiskState; riskRead: boolean; roles?: HeldRole[]; hidden: string[] }, now: Date): DirectoryCardModel {
  const e = escapeMarkdown;
  const callouts: string[] = [];
  const activity = user.signInActivity;
  const privileged = parts.roles?.filter((r) => r.privileged) ?? [];
  if (user.accountEnabled === false) callouts.push('The account is disabled: the user cannot sign in.');
  if (activity !== undefined && !activity?.lastSignInDateTime && !activity?.lastNonInteractiveSignInDateTime) callouts.push('Never signed in.');
  if (user.userType === 'Guest' && user.externalUserState === 'PendingAcceptance') callouts.push('The guest has not accepted the invitation yet.');
  if (parts.registration && parts.registration.isMfaRegistered === false) {
    callouts.push(privileged.length ? `An administrator (${e(privileged.map((r) => r.roleName).join(', '))}) without MFA registered.` : 'No MFA method registered.');
  }
  if (parts.risk?.riskState === 'atRisk' || parts.risk?.riskState === 'confirmedCompromised') {
    callouts.push(`Identity Protection: ${parts.risk.riskState === 'atRisk' ? 'at risk' : 'confirmed compromised'}, risk level ${parts.risk.riskLevel ?? 'unknown'}.`);
  }
  if (user.accountEnabled !== false && activity?.lastSignInDateTime && daysBetween(activity.lastSignInDateTime, now) > STALE_DAYS) {
    callouts.push(`No interactive sign-in for more than ${STALE_DAYS} days.`);
  }

  const facts: Array<{ title: string; value: string }> = [
    { title: 'Account', value: user.accountEnabled === false ? 'Disabled' : 'Enabled' },
    { title: 'Type', value: accountType(user) },
    { title: 'Created', value: formatWhen(user.createdDateTime, now) },
  ];
  if (activity !== undefined) {
    facts.push(
      { title: 'Last interactive sign-in', value: formatWhen(activity?.lastSignInDateTime, now) },
      { title: 'Last successful sign-in', value: formatWhen(activity?.lastSuccessfulSignInDateTime, now) },
      { title: 'Last non-interactive sign-in', value: formatWhen(activity?.lastNonInteractiveSignInDateTime, now) },
    );
  }
  // Where the person works and how to reach them: what a help desk asks first.
  if (user.officeLocation) facts.push({ title: 'Office', value: e(user.officeLocation) });
  const place = [user.city, user.country].filter(Boolean).join(', ');
  if (place) facts.push({ title: 'City', value: e(place) });
  const phones = [...(user.businessPhones ?? []), ...(user.mobilePhone ? [`${user.mobilePhone} (mobile)`] : [])];
  if (phones.length) facts.push({ title: 'Phone', value: e(phones.join(', ')) });
  // A guest's own address (their sign-in name is the #EXT# form), or any mail address other than the sign-in name.
  if (user.mail && user.mail.toLowerCase() !== user.userPrincipalName?.toLowerCase()) facts.push({ title: 'Email', value: e(user.mail) });
  facts.push(
    { title: 'Password last changed', value: formatWhen(user.lastPasswordChangeDateTime, now) },
    { title: 'Source', value: source(user) },
    // What a script or a support ticket needs ("I need Joni's object ID").
    { title: 'Object ID', value: user.id },
    { title: 'Manager', value: user.manager ? e(user.manager.displayName ?? user.manager.id) : 'none set' },
  );
  if (parts.registration) {
    const methods = (parts.registration.methodsRegistered ?? []).map(methodName);
    // Graph's names beside the words: what PowerShell and the registration report show.
    const graphNames = parts.registration.methodsRegistered?.length ? ` (Graph: ${parts.registration.methodsRegistered.join(', ')})` : '';
    facts.push({ title: 'MFA', value: parts.registration.isMfaRegistered ? `Registered: ${methods.join(', ') || 'methods not listed'}${graphNames}` : `Not registered${graphNames}` });
  }
  if (parts.riskRead) {
    const risk = parts.risk;
    facts.push({ title: 'Risk', value: risk?.riskState && risk.riskState !== 'none' ? `${risk.riskState}, level ${risk.riskLevel ?? 'none'}` : 'none' });
  }

  const job = [user.jobTitle, user.department].filter(Boolean).join(', ');
  return {
    title: e(user.displayName ?? user.id),
    subtitle: [user.userPrincipalName, job].filter(Boolean).map(e).join(' · '),
    callouts: callouts.map((text) => ({ text })),
    facts,
    sections: parts.roles
      ? [{ heading: 'Directory roles', items: parts.roles.length ? parts.roles.map((r) => ({ text: `${e(describeHeldRole(r))}${r.privileged ? ' (privileged)' : ''}` })) : [{ text: 'No directory roles.' }] }]
      : [],
    notes: parts.hidden.map((text) => ({ text })),
  };
}

/** Graph returns the expanded manager as an object; the local Entra as a one-item list. */
function managerOf(body: { manager?: DirectoryObjectRef | DirectoryObjectRef[] | null } | undefined): DirectoryObjectRef | null {
  const manager = body?.manager;
  return (Array.isArray(manager) ? manager[0] : manager) ?? null;
}

export const userInfoSkill = defineSkill({
  name: 'userInfo',
  version: '1',
  intents: ['user.info'],
  what: 'user accounts',
  needs: 'users.read',
  subject: 'user',
  refused: () => ({ kind: 'text', text: 'Your account may not read user profiles in this tenant.' }),
  async answer({ request, tenant, subject, may }): Promise<SkillAnswer> {
    const page = await profilePage(tenant, subject!, may, request.now);
    // "does the manager have MFA?", "when did the manager last log in?" after a person: the manager's own page, and
    // the manager is who the next "she" means.
    const manager = page.manager;
    if (manager?.id && MANAGER_ASKED_OF.test(request.understanding.text)) {
      const theirs = await profilePage(tenant, { id: manager.id, displayName: manager.displayName ?? manager.id }, may, request.now);
      return { ...theirs.answer, ...(theirs.answer.kind === 'card' ? { about: [{ type: 'user' as const, id: manager.id, displayName: manager.displayName ?? manager.id }] } : {}) };
    }
    // "who's Bob's manager?": the manager shown is who "who else reports to her?" means next.
    if (manager?.id && page.answer.kind === 'card' && MANAGER_NAMED.test(request.understanding.text)) {
      return { ...page.answer, about: [...(page.answer.about ?? []), { type: 'user' as const, id: manager.id, displayName: manager.displayName ?? manager.id, as: 'manager' as const }] };
    }
    return page.answer;
  },
});

/** A question that asks who the person's manager is. */
const MANAGER_NAMED = /\b(?:manager|boss|line manager|supervisor|reports? (?:in)?to)\b/i;

/** The manager as the subject of the question, not a fact asked of the person ("who is her manager?"). */
const MANAGER_ASKED_OF = /(?<!\b(?:who|what|whom|which|where|how)(?:'s)?\s)\b(?:does|did|do|is|was|has|have|can|could|will)\s+(?:the|that|this|his|her|their)\s+(?:manager|boss|line manager|supervisor)\b(?!\s*(?:set|listed|shown|assigned|named|right|correct)\b)|\b(?:the|his|her|their)\s+(?:manager|boss|line manager|supervisor)(?:'s|’s)\s+(?!name\b)\w+/i;

/** One person's page: the profile, sign-in activity, manager, MFA registration, roles and risk, as the asker may read them. */
async function profilePage(tenant: TenantSession, subject: { id: string; displayName: string }, may: (key: PermissionKey) => Promise<boolean>, now: Date): Promise<{ answer: SkillAnswer; manager?: DirectoryObjectRef | null }> {
  const readable = {} as Readable;
  const hidden: string[] = [];
  for (const read of OPTIONAL_READS) {
    readable[read.part] = await may(read.key);
    if (!readable[read.part]) hidden.push(`${read.what} not shown: it needs ${roleList(rolesFor(read.key))}.`);
  }
  const responses = await batchGet(tenant.client, userProfileRequests(subject.id, readable));
  const userResponse = responses.get('user');
  throwUnlessFound(userResponse?.status ?? 0, userResponse?.body, 'users.read');
  const user = bodyOf<UserProfile>(responses, 'user');
  if (!user) return { answer: { kind: 'text', text: `${escapeMarkdown(subject.displayName)} is no longer in the directory.` } };
  user.manager = managerOf(bodyOf<{ manager?: DirectoryObjectRef | DirectoryObjectRef[] | null }>(responses, 'manager'));
  // In delegated mode Graph decides: a refused optional part is hidden, as the app-mode check would have.
  const optional = <T>(id: string, what: string, key: PermissionKey): T | undefined => {
    const failure = failureOf(responses, id);
    if (failure?.status === 403) {
      hidden.push(`${what} not shown: it needs ${roleList(rolesFor(key))}.`);
      return undefined;
    }
    if (failure) throw new Error(`Graph answered ${failure.status} for ${id}: ${JSON.stringify(failure.body)}`);
    return bodyOf<T>(responses, id);
  };
  const registration = readable.registration ? optional<RegistrationDetails>('registration', 'MFA registration', 'userRegistrationDetails.read') : undefined;
  const risk = readable.risk ? optional<RiskState>('risk', 'Risk state', 'riskyUsers.read') : undefined;
  let roles: HeldRole[] | undefined;
  if (readable.roles) {
    const refused = ['directRoles', 'roleGroups'].some((id) => failureOf(responses, id)?.status === 403);
    if (refused) hidden.push(`Directory roles not shown: they need ${roleList(rolesFor('roleManagement.read'))}.`);
    else roles = await heldRoles(tenant.client, responses);
  }
  const riskRead = readable.risk && failureOf(responses, 'risk')?.status !== 403;
  const model = userInfoModel(user, { registration, risk, riskRead, roles, hidden }, now);
  return { answer: { kind: 'card', template: 'directory', data: model, summary: directorySummary(model) }, manager: user.manager };
}

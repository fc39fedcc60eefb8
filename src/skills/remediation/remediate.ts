/**
 * risk.remediate: an admin asks to act ("confirm Bob as compromised", "revoke Megan's sessions", "disable
 * bob@contoso.com") or presses a mitigation button. The skill checks that Graph offers the action for the target,
 * that the asker's roles allow it, and that it would change something (reading the target's state now); then it
 * hands a proposal to the bot, which asks for confirmation. It never writes to the tenant. Password resets are never
 * done by the bot: the answer says how to do one.
 */
import { ROLE_DISPLAY_NAMES } from '../../graph/askerAccess';
import type { TargetCheck, TenantSession } from '../../graph/sessions';
import { TABLE_ROLE_NAMES } from '../../mitigations/targetRules';
import { isOffered, mitigationPermission, type MitigationAction, type MitigationProposal, type MitigationTarget } from '../../mitigations/types';
import { isOwnAccount, ownAccountRefusal, wordingFor } from '../../mitigations/mitigationText';
import { riskDetailText, riskStateText } from '../../knowledge/riskTypes';
import { entityOf, type RemediationAction } from '../../understanding/types';
import type { SkillAnswer, SkillRequest } from '../types';
import { noTenantAnswer, roleList } from '../common/access';
import { defineSkill, type Asked } from '../common/defineSkill';
import { formatDate } from '../common/format';
import { escapeMarkdown } from '../../cards/escape';

const ENTRA = 'https://entra.microsoft.com';

interface RiskyState {
  riskLevel?: string;
  riskState?: string;
  riskDetail?: string;
  riskLastUpdatedDateTime?: string;
}

interface AccountState {
  displayName?: string;
  userPrincipalName?: string;
  accountEnabled?: boolean;
  signInSessionsValidFromDateTime?: string;
  userType?: string;
}

function text(t: string): SkillAnswer {
  return { kind: 'text', text: t };
}

/** A GET that answers undefined on 404 (no risk record) and throws anything else. */
async function getOrNone<T>(tenant: TenantSession, path: string, select?: string): Promise<T | undefined> {
  try {
    const request = tenant.client.api(path);
    return (await (select ? request.select(select) : request).get()) as T;
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) return undefined;
    throw err;
  }
}

function passwordResetAnswer(target: MitigationTarget | undefined): SkillAnswer {
  const page = target?.kind === 'user' ? `${ENTRA}/#view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/overview/userId/${target.id}` : `${ENTRA}/#view/Microsoft_AAD_UsersAndTenants/UserManagementMenuBlade/~/AllUsers`;
  const who = target ? escapeMarkdown(target.displayName) : 'the user';
  return text(
    [
      `I don't reset passwords: a new password has to reach ${who} safely, and that is a step for a person, not a chat bot.`,
      `To do it: open ${who} in the Entra admin center (${page}), select "Reset password", and give the temporary password to the user through a channel you trust; they must change it at the next sign-in.`,
      'Better when the user is registered for MFA: let them change it themselves (self-service password reset at https://aka.ms/sspr), which also remediates their user risk. A risk-based Conditional Access policy can require this automatically for high user risk.',
      'After a reset because of risk, also revoke their sessions ("revoke their sessions") so stolen tokens stop working.',
    ].join('\n'),
  );
}

/** The target from a button's proposal or from the resolved user / app in the question. */
function targetOf(request: SkillRequest): { target: MitigationTarget } | { answer: SkillAnswer } {
  if (request.mitigation) return { target: request.mitigation.target };
  const user = entityOf(request.understanding, 'user');
  const app = entityOf(request.understanding, 'app');
  const entity = user ?? app;
  if (!entity) return { answer: text('Who should I act on? Name the user or the app, for example: "confirm Bob Kelly as compromised" or "dismiss the risk of the Payroll Connector".') };
  if (entity.resolution === 'unresolved' || !entity.id) return { answer: text(`I could not look up "${entity.text}": no tenant is connected, or the directory could not be reached.`) };
  if (user) {
    return { target: { kind: 'user', id: entity.id, displayName: entity.displayName ?? entity.userPrincipalName ?? entity.text, ...(entity.userPrincipalName ? { userPrincipalName: entity.userPrincipalName } : {}) } };
  }
  return { target: { kind: 'servicePrincipal', id: entity.id, displayName: entity.displayName ?? entity.text, ...(entity.appId ? { appId: entity.appId } : {}) } };
}

function riskWords(risk: RiskyState | undefined): string {
  if (!risk || !risk.riskLevel) return 'no risk recorded';
  const detail = riskDetailText(risk.riskDetail);
  return `risk ${risk.riskLevel}, ${riskStateText(risk.riskState)}${detail ? ` (${detail})` : ''}${risk.riskLastUpdatedDateTime ? `, since ${formatDate(risk.riskLastUpdatedDateTime)}` : ''}`;
}

/** What the target looks like now, or the answer saying the action would change nothing (also read again at Confirm). */
export async function currentState(tenant: TenantSession, action: MitigationAction, target: MitigationTarget): Promise<{ state: string } | { answer: SkillAnswer }> {
  // Text answers are Markdown, and these also become a result card's message (Markdown-safe, see MitigationOutcome).
  const name = escapeMarkdown(target.displayName);
  if (target.kind === 'signIn') {
    const signIn = await getOrNone<RiskyState & { riskLevelAggregated?: string }>(tenant, `/auditLogs/signIns/${encodeURIComponent(target.id)}`, 'id,riskState,riskLevelAggregated,riskDetail');
    if (!signIn) return { answer: text(`I could not find ${name} in the sign-in log (sign-ins are kept for 30 days).`) };
    const settled = { confirmSafe: 'confirmedSafe', confirmCompromised: 'confirmedCompromised', dismiss: 'dismissed' }[action as 'confirmSafe'];
    if (signIn.riskState === settled) return { answer: text(`${name} is already ${riskStateText(signIn.riskState)}: nothing to do.`) };
    return { state: `sign-in risk ${signIn.riskLevelAggregated ?? 'unknown'}, ${riskStateText(signIn.riskState)}` };
  }
  if (action === 'disable' || action === 'revokeSessions') {
    const path = target.kind === 'user' ? `/users/${encodeURIComponent(target.id)}` : `/servicePrincipals/${encodeURIComponent(target.id)}`;
    const account = await getOrNone<AccountState>(tenant, path, target.kind === 'user' ? 'displayName,userPrincipalName,accountEnabled,signInSessionsValidFromDateTime,userType' : 'displayName,accountEnabled');
    if (!account) return { answer: text(`I could not find ${name} in the directory.`) };
    if (action === 'disable' && account.accountEnabled === false) return { answer: text(`${name} is already disabled: nothing to do. To block tokens already issued, revoke their sessions.`) };
    const enabled = account.accountEnabled === false ? 'account disabled' : 'account enabled';
    if (action === 'revokeSessions') {
      const guest = account.userType === 'Guest' ? '; a guest: sessions in their home tenant are not affected' : '';
      return { state: `${enabled}; sessions valid since ${account.signInSessionsValidFromDateTime ? formatDate(account.signInSessionsValidFromDateTime) : 'the account was created'}${guest}` };
    }
    return { state: enabled };
  }
  const path = target.kind === 'user' ? `/identityProtection/riskyUsers/${encodeURIComponent(target.id)}` : `/identityProtection/riskyServicePrincipals/${encodeURIComponent(target.id)}`;
  const risk = await getOrNone<RiskyState>(tenant, path, 'id,riskLevel,riskState,riskDetail,riskLastUpdatedDateTime');
  const atRisk = risk?.riskState === 'atRisk' || risk?.riskState === 'confirmedCompromised';
  if ((action === 'dismiss' || action === 'confirmSafe') && !atRisk) {
    return { answer: text(`${name} has no open risk to ${action === 'dismiss' ? 'dismiss' : 'confirm safe'} (${riskWords(risk)}).`) };
  }
  if (action === 'confirmCompromised' && risk?.riskState === 'confirmedCompromised') {
    return { answer: text(`${name} is already confirmed compromised (${riskWords(risk)}). Next: reset the password, revoke sessions, and review what the account did.`) };
  }
  return { state: riskWords(risk) };
}

const NOT_OFFERED: Partial<Record<`${MitigationTarget['kind']}.${RemediationAction}`, string>> = {
  'servicePrincipal.revokeSessions': 'Service principals have no sign-in sessions to revoke: to stop one, disable it or remove the credential it uses (ask "is the Payroll Connector at risk?" to see its credentials).',
  'servicePrincipal.confirmSafe': 'Graph has no "confirm safe" for service principals: dismiss the risk instead when the activity was expected.',
};

/** The action asked for and on whom, or the answer when it is not one to propose (none of it needs the tenant). */
function proposalOf(request: SkillRequest): Asked<MitigationProposal> {
  const asked = (request.mitigation?.action ?? entityOf(request.understanding, 'action')?.value) as RemediationAction | undefined;
  const found = targetOf(request);
  if (asked === 'resetPassword') return { answer: passwordResetAnswer('target' in found && found.target.kind === 'user' ? found.target : undefined) };
  if (!asked) return { answer: text('What should I do? For example: "confirm Bob as compromised", "dismiss Alex\'s risk", "revoke Megan\'s sessions" or "disable bob@contoso.com".') };
  if ('answer' in found) return found;
  const goal = found.target;
  if (!isOffered(asked as MitigationAction, goal.kind)) {
    return { answer: text(NOT_OFFERED[`${goal.kind}.${asked}`] ?? `That action is not available for ${escapeMarkdown(goal.displayName)}.`) };
  }
  const proposal = { action: asked as MitigationAction, target: goal };
  if (isOwnAccount(proposal, request.asker.aadObjectId)) return { answer: text(ownAccountRefusal(proposal, escapeMarkdown(goal.displayName))) };
  return { asked: proposal };
}

/**
 * Why the asker (or the bot's app) may not act on this particular account: the roles it holds narrow who may change
 * it (https://learn.microsoft.com/entra/identity/role-based-access-control/privileged-roles-permissions). Also the
 * refusal at Confirm.
 */
export function targetRefusal(proposal: MitigationProposal, check: Extract<TargetCheck, { allowed: false }>): string {
  const name = escapeMarkdown(proposal.target.displayName);
  const holds = check.limitingRoles.length ? `${name} holds ${check.limitingRoles.join(', ')}` : `${name} is protected like an administrator`;
  const who = check.rolesThatMay.map((r) => TABLE_ROLE_NAMES[r]);
  const may = who.length > 1 ? `${who.slice(0, -1).join(', ')} or ${who[who.length - 1]}` : who[0];
  const whose =
    check.actor === 'asker'
      ? `Your roles do not allow it for such an account.`
      : `Your roles allow it, but without single sign-on I act with this bot's own app registration, and it holds no role that may change such an account (giving it one would let anyone who obtains its secret do the same). Do it in the Entra admin center, or ask again once single sign-on is on.`;
  return `I can't ${wordingFor(proposal).phrase(name)}: ${holds}, and in Microsoft Entra only ${may} may do that to an account holding it. ${whose} Nothing was changed.`;
}

export const remediateSkill = defineSkill<MitigationProposal>({
  name: 'remediate',
  version: '1',
  intents: ['risk.remediate'],
  what: "the target's current state",
  noTenant: () => noTenantAnswer('or change the tenant'),
  askedBeforeTenant: true,
  asked: proposalOf,
  needs: (_request, { action, target }) => mitigationPermission(action, target.kind),
  refused(_key, access, { asked: proposal }) {
    const name = escapeMarkdown(proposal.target.displayName);
    const held = access.heldRoles.length ? `Your account holds ${access.heldRoles.map((r) => ROLE_DISPLAY_NAMES[r]).join(', ')}, which may read but not do this.` : 'Your account holds none of them.';
    return text(`To ${wordingFor(proposal).phrase(name)} you need one of these Microsoft Entra roles: ${roleList(access.neededRoles)}. ${held} Nothing was changed. Ask someone who holds one of those roles.`);
  },
  refusedByGraph(err, { asked: proposal }) {
    if ((err as { statusCode?: number }).statusCode !== 403) return undefined;
    const name = escapeMarkdown(proposal.target.displayName);
    return text(`Microsoft Graph refused to read ${name}'s current state, so I won't offer to ${wordingFor(proposal).phrase(name)}. Your roles or the bot's permissions do not allow it.`);
  },
  async answer({ tenant, asked: proposal }): Promise<SkillAnswer> {
    const { action, target: goal } = proposal;
    const onWhom = await tenant.mayActOn(proposal, { fresh: true });
    if (!onWhom.allowed) return text(targetRefusal(proposal, onWhom));
    const now = await currentState(tenant, action, goal);
    if ('answer' in now) return now.answer;
    const notes = action === 'disable' && goal.kind === 'user' ? ['To stop tokens already issued, also revoke sessions.'] : action === 'confirmCompromised' && goal.kind === 'user' ? ['Then reset the password (in the Entra admin center) and revoke sessions.'] : [];
    return { kind: 'confirm', proposal, stateNow: now.state, notes };
  },
});

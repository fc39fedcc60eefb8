/**
 * risk.remediate: an admin asks to act ("confirm Bob as compromised", "revoke Megan's sessions", "disable
 * bob@contoso.com") or presses a mitigation button. The skill checks that Graph offers the action for the target,
 * that the asker's roles allow it, and that it would change something (reading the target's state now); then it
 * hands a proposal to the bot, which asks for confirmation. It never writes to the tenant. Password resets are never
 * done by the bot: the answer says how to do one.
 */
import { ROLE_DISPLAY_NAMES } from '../../graph/askerAccess';
import { isOffered, mitigationPermission, type MitigationProposal, type MitigationTarget } from '../../mitigations/types';
import { isOwnAccount, ownAccountRefusal, targetRefusal, wordingFor } from '../../mitigations/mitigationText';
import { currentState } from '../../mitigations/targetState';
import { entityOf, type AskedMitigation } from '../../understanding/types';
import type { SkillAnswer, SkillRequest } from '../types';
import { noTenantAnswer, roleList } from '../common/access';
import { defineSkill, type Asked } from '../common/defineSkill';
import { escapeMarkdown } from '../../cards/escape';
import { passwordResetAnswer } from '../common/passwordReset';

function text(t: string): SkillAnswer {
  return { kind: 'text', text: t };
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

const NOT_OFFERED: Partial<Record<`${MitigationTarget['kind']}.${AskedMitigation}`, string>> = {
  'servicePrincipal.revokeSessions': 'Service principals have no sign-in sessions to revoke: to stop one, disable it or remove the credential it uses (ask "is the Payroll Connector at risk?" to see its credentials).',
  'servicePrincipal.confirmSafe': 'Graph has no "confirm safe" for service principals: dismiss the risk instead when the activity was expected.',
};

/** The action asked for and on whom, or the answer when it is not one to propose (none of it needs the tenant). */
function proposalOf(request: SkillRequest): Asked<MitigationProposal> {
  const asked = (request.mitigation?.action ?? entityOf(request.understanding, 'action')?.value) as AskedMitigation | undefined;
  const found = targetOf(request);
  if (asked === 'resetPassword') return { answer: passwordResetAnswer('target' in found && found.target.kind === 'user' ? found.target : undefined) };
  if (!asked) return { answer: text('What should I do? For example: "confirm Bob as compromised", "dismiss Alex\'s risk", "revoke Megan\'s sessions" or "disable bob@contoso.com".') };
  if ('answer' in found) return found;
  const goal = found.target;
  if (!isOffered(asked, goal.kind)) {
    return { answer: text(NOT_OFFERED[`${goal.kind}.${asked}`] ?? `That action is not available for ${escapeMarkdown(goal.displayName)}.`) };
  }
  const proposal = { action: asked, target: goal };
  if (isOwnAccount(proposal, request.asker.aadObjectId)) return { answer: text(ownAccountRefusal(proposal, escapeMarkdown(goal.displayName))) };
  return { asked: proposal };
}

export const proposeMitigationSkill = defineSkill<MitigationProposal>({
  name: 'mitigation',
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
    if ('nothingToDo' in now) return text(now.nothingToDo);
    const notes = action === 'disable' && goal.kind === 'user' ? ['To stop tokens already issued, also revoke sessions.'] : action === 'confirmCompromised' && goal.kind === 'user' ? ['Then reset the password (in the Entra admin center) and revoke sessions.'] : [];
    return { kind: 'confirm', proposal, stateNow: now.state, notes };
  },
});

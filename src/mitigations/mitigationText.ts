/** How cards word each mitigation: the verb, what it does, and how to undo it. The project's own words. */
import type { AnswerAction } from '../skills/types';
import type { TargetCheck } from '../graph/sessions';
import { escapeMarkdown } from '../cards/escape';
import { TABLE_ROLE_NAMES } from './targetRules';
import { isOffered, type MitigationAction, type MitigationProposal, type MitigationTarget, type MitigationTargetKind } from './types';

type Key = `${MitigationTargetKind}.${MitigationAction}`;

interface Wording {
  /** Button and card title: "Confirm compromised". */
  title: string;
  /** "confirm Bob Kelly as compromised" (lower case, for sentences). */
  phrase: (name: string) => string;
  /** What happens in the tenant when confirmed. */
  effect: (name: string) => string;
  /** What is true afterwards, for the result card. */
  done: (name: string) => string;
  /** How to undo it, or why it cannot be. */
  undo: string;
}

const WORDING: Partial<Record<Key, Wording>> = {
  'user.confirmCompromised': {
    title: 'Confirm compromised',
    phrase: (n) => `confirm ${n} as compromised`,
    effect: (n) => `Sets ${n}'s user risk to high (confirmed compromised). Risk-based Conditional Access then treats every sign-in of this account as high risk, and Identity Protection learns from the decision.`,
    done: (n) => `${n} is confirmed compromised: user risk high.`,
    undo: 'Once the account is secured (password reset, sessions revoked), dismiss the risk.',
  },
  'user.dismiss': {
    title: 'Dismiss risk',
    phrase: (n) => `dismiss ${n}'s user risk`,
    effect: (n) => `Sets ${n}'s user risk to none (dismissed) and closes the open detections. Use it when the activity was the user's own. Identity Protection keeps the history.`,
    done: (n) => `${n}'s user risk is dismissed: risk level none.`,
    undo: 'A dismissal cannot be reversed; if new evidence appears, confirm the user compromised.',
  },
  'user.confirmSafe': {
    title: 'Confirm safe',
    phrase: (n) => `confirm ${n} as safe`,
    effect: (n) => `Marks ${n}'s account safe: user risk none (confirmed safe), and Identity Protection learns that the flagged activity was legitimate.`,
    done: (n) => `${n} is confirmed safe: risk level none.`,
    undo: 'If new evidence appears, confirm the user compromised.',
  },
  'user.revokeSessions': {
    title: 'Revoke sessions',
    phrase: (n) => `revoke all of ${n}'s sessions`,
    effect: (n) => `Invalidates every refresh token and session cookie ${n} holds: apps and devices ask them to sign in again within a few minutes. Sessions a guest holds in their home tenant are not affected.`,
    done: (n) => `${n}'s sessions are revoked: every app and device will ask them to sign in again.`,
    undo: 'Nothing to undo: the user signs in again.',
  },
  'user.disable': {
    title: 'Disable account',
    phrase: (n) => `disable ${n}'s account`,
    effect: (n) => `Blocks ${n} from signing in (accountEnabled = false). Tokens already issued keep working until they expire unless you also revoke sessions.`,
    done: (n) => `${n}'s account is disabled: new sign-ins are blocked.`,
    undo: "Enable the account again on the user's page in the Entra admin center.",
  },
  'servicePrincipal.confirmCompromised': {
    title: 'Confirm compromised',
    phrase: (n) => `confirm the service principal ${n} as compromised`,
    effect: (n) => `Sets ${n}'s risk to high (confirmed compromised). Risk-based Conditional Access for workload identities then blocks it where a policy covers it.`,
    done: (n) => `${n} is confirmed compromised: risk high.`,
    undo: 'Once its credentials are rotated and reviewed, dismiss the risk.',
  },
  'servicePrincipal.dismiss': {
    title: 'Dismiss risk',
    phrase: (n) => `dismiss the risk of the service principal ${n}`,
    effect: (n) => `Sets ${n}'s risk to none (dismissed). Use it when the activity was expected.`,
    done: (n) => `${n}'s risk is dismissed: risk level none.`,
    undo: 'A dismissal cannot be reversed; if new evidence appears, confirm it compromised.',
  },
  'servicePrincipal.disable': {
    title: 'Disable service principal',
    phrase: (n) => `disable the service principal ${n}`,
    effect: (n) => `Stops ${n} from getting tokens (accountEnabled = false): every integration that signs in as it stops working until it is enabled again.`,
    done: (n) => `${n} is disabled: it can no longer get tokens.`,
    undo: 'Enable it again in Enterprise applications › Properties in the Entra admin center.',
  },
  'signIn.confirmSafe': {
    title: 'Confirm sign-in safe',
    phrase: (n) => `confirm ${n} as safe`,
    effect: (n) => `Marks ${n} safe: its risk is set to none, and Identity Protection learns its properties (device, IP, location) as familiar for this user.`,
    done: (n) => `${n} is confirmed safe.`,
    undo: 'If new evidence appears, confirm the sign-in compromised.',
  },
  'signIn.confirmCompromised': {
    title: 'Confirm sign-in compromised',
    phrase: (n) => `confirm ${n} as compromised`,
    effect: (n) => `Marks ${n} compromised: its risk becomes high and so does the user's risk.`,
    done: (n) => `${n} is confirmed compromised.`,
    undo: 'Secure the account, then dismiss the user risk.',
  },
  'signIn.dismiss': {
    title: 'Dismiss sign-in risk',
    phrase: (n) => `dismiss the risk of ${n}`,
    effect: (n) => `Sets the risk of ${n} to none (dismissed).`,
    done: (n) => `The risk of ${n} is dismissed.`,
    undo: 'A dismissal cannot be reversed.',
  },
};

export function wordingFor(proposal: MitigationProposal): Wording {
  const wording = WORDING[`${proposal.target.kind}.${proposal.action}`];
  if (!wording) throw new Error(`No wording for ${proposal.target.kind}.${proposal.action}`);
  return wording;
}

/** A card button that starts the confirmation of an action Graph offers for the target, titled as the card is. */
export function mitigationButton(action: MitigationAction, target: MitigationTarget): AnswerAction {
  if (!isOffered(action, target.kind)) throw new Error(`${action} is not offered on a ${target.kind}`);
  const proposal: MitigationProposal = { action, target };
  return { kind: 'mitigate', title: wordingFor(proposal).title, proposal };
}

/** True when the mitigation would act on the very account of the person asking or confirming. */
export function isOwnAccount(proposal: MitigationProposal, aadObjectId: string | undefined): boolean {
  return proposal.target.kind === 'user' && typeof aadObjectId === 'string' && proposal.target.id.toLowerCase() === aadObjectId.toLowerCase();
}

/**
 * Why the bot does not act on the asker's own account: locking oneself out in mid-conversation helps nobody, and
 * clearing one's own risk is exactly what someone who took the account over would do. Another admin decides.
 */
export function ownAccountRefusal(proposal: MitigationProposal, name: string): string {
  const why =
    proposal.action === 'dismiss' || proposal.action === 'confirmSafe'
      ? 'Clearing the risk of your own account is exactly what someone who had taken it over would do, so another administrator has to decide it.'
      : 'It would sign you out or block you in the middle of this conversation, and a decision about your own possibly compromised account needs a second person.';
  return `That would ${wordingFor(proposal).phrase(name)}, which is your own account: I don't act on the account of the person asking. ${why} Nothing was changed. Ask another administrator to look at your account.`;
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

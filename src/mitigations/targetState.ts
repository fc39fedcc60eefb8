/**
 * What a mitigation's target looks like now, read from Graph: shown on the confirmation card, and the reason to offer
 * nothing when the action would change nothing (Bob already disabled). The proposal (src/skills/risk/proposeMitigation.ts)
 * reads it before offering, the bot (src/bot/mitigationInvokes.ts) again at Confirm.
 */
import { getIfFound } from '../graph/reads';
import type { TenantSession } from '../graph/sessions';
import { riskDetailText, riskStateText } from '../knowledge/riskTypes';
import { escapeMarkdown } from '../cards/escape';
import { formatDate } from '../skills/common/format';
import type { MitigationAction, MitigationTarget } from './types';

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

function riskWords(risk: RiskyState | undefined): string {
  if (!risk || !risk.riskLevel) return 'no risk recorded';
  const detail = riskDetailText(risk.riskDetail);
  return `risk ${risk.riskLevel}, ${riskStateText(risk.riskState)}${detail ? ` (${detail})` : ''}${risk.riskLastUpdatedDateTime ? `, since ${formatDate(risk.riskLastUpdatedDateTime)}` : ''}`;
}

/**
 * What the target looks like now, or why the action would change nothing (read by the proposal and again at
 * Confirm). Both are Markdown: they become a text answer or a result card's message (see MitigationOutcome).
 */
export async function currentState(tenant: TenantSession, action: MitigationAction, target: MitigationTarget): Promise<{ state: string } | { nothingToDo: string }> {
  const name = escapeMarkdown(target.displayName);
  if (target.kind === 'signIn') {
    const signIn = await getIfFound<RiskyState & { riskLevelAggregated?: string }>(tenant.client, `/auditLogs/signIns/${encodeURIComponent(target.id)}`, 'id,riskState,riskLevelAggregated,riskDetail');
    if (!signIn) return { nothingToDo: `I could not find ${name} in the sign-in log (sign-ins are kept for 30 days).` };
    const settled = { confirmSafe: 'confirmedSafe', confirmCompromised: 'confirmedCompromised', dismiss: 'dismissed' }[action as 'confirmSafe'];
    if (signIn.riskState === settled) return { nothingToDo: `${name} is already ${riskStateText(signIn.riskState)}: nothing to do.` };
    return { state: `sign-in risk ${signIn.riskLevelAggregated ?? 'unknown'}, ${riskStateText(signIn.riskState)}` };
  }
  if (action === 'disable' || action === 'revokeSessions') {
    const path = target.kind === 'user' ? `/users/${encodeURIComponent(target.id)}` : `/servicePrincipals/${encodeURIComponent(target.id)}`;
    const account = await getIfFound<AccountState>(tenant.client, path, target.kind === 'user' ? 'displayName,userPrincipalName,accountEnabled,signInSessionsValidFromDateTime,userType' : 'displayName,accountEnabled');
    if (!account) return { nothingToDo: `I could not find ${name} in the directory.` };
    if (action === 'disable' && account.accountEnabled === false) return { nothingToDo: `${name} is already disabled: nothing to do. To block tokens already issued, revoke their sessions.` };
    const enabled = account.accountEnabled === false ? 'account disabled' : 'account enabled';
    if (action === 'revokeSessions') {
      const guest = account.userType === 'Guest' ? '; a guest: sessions in their home tenant are not affected' : '';
      return { state: `${enabled}; sessions valid since ${account.signInSessionsValidFromDateTime ? formatDate(account.signInSessionsValidFromDateTime) : 'the account was created'}${guest}` };
    }
    return { state: enabled };
  }
  const path = target.kind === 'user' ? `/identityProtection/riskyUsers/${encodeURIComponent(target.id)}` : `/identityProtection/riskyServicePrincipals/${encodeURIComponent(target.id)}`;
  const risk = await getIfFound<RiskyState>(tenant.client, path, 'id,riskLevel,riskState,riskDetail,riskLastUpdatedDateTime');
  const atRisk = risk?.riskState === 'atRisk' || risk?.riskState === 'confirmedCompromised';
  if ((action === 'dismiss' || action === 'confirmSafe') && !atRisk) {
    return { nothingToDo: `${name} has no open risk to ${action === 'dismiss' ? 'dismiss' : 'confirm safe'} (${riskWords(risk)}).` };
  }
  if (action === 'confirmCompromised' && risk?.riskState === 'confirmedCompromised') {
    return { nothingToDo: `${name} is already confirmed compromised (${riskWords(risk)}). Next: reset the password, revoke sessions, and review what the account did.` };
  }
  return { state: riskWords(risk) };
}

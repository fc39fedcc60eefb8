import { roleList } from '../../graph/askerAccess';
import type { RoleName } from '../../graph/permissions';
import type { SkillAnswer } from '../types';

/** The refusal: which role would allow it, and nothing of the data. */
export function rolesNeededAnswer(what: string, neededRoles: readonly RoleName[]): SkillAnswer {
  return {
    kind: 'text',
    text: `Reading ${what} needs one of these Microsoft Entra roles: ${roleList(neededRoles)}. Your account holds none of them, so I can't show this. Ask an administrator to assign you one of them (Reports Reader is the least privileged for sign-in logs).`,
  };
}

export function unlicensedAnswer(): SkillAnswer {
  return {
    kind: 'text',
    text: 'This tenant cannot give out its sign-in logs through Microsoft Graph: that needs a Microsoft Entra ID P1 or P2 licence. The sign-in log is still visible in the Entra admin center for the last 7 days.',
  };
}

export function noTenantAnswer(): SkillAnswer {
  return { kind: 'text', text: 'No tenant is connected to Entra Assistant, so I cannot read sign-in logs. Configure GRAPH_TENANT_ID (see the README) and ask again.' };
}

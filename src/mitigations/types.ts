/**
 * Mitigations an admin starts from a chat: the action, its target, and what the bot must check before offering or
 * doing it. Plain data: a proposal travels in a card button's data and back.
 */
import type { PermissionKey } from '../graph/permissions';
import { isGuid } from '../graph/ids';

export const MITIGATION_ACTIONS = ['confirmCompromised', 'dismiss', 'confirmSafe', 'revokeSessions', 'disable'] as const;
export type MitigationAction = (typeof MITIGATION_ACTIONS)[number];

export type MitigationTargetKind = 'user' | 'servicePrincipal' | 'signIn';

export interface MitigationTarget {
  kind: MitigationTargetKind;
  /** The user's or service principal's object id; for a sign-in, its request id (the sign-in's `id`). */
  id: string;
  /** How cards name the target: "Bob Kelly (bob@contoso.com)", "Payroll Connector", "Bob Kelly's sign-in of 20 Nov 10:02". */
  displayName: string;
  userPrincipalName?: string;
  appId?: string;
}

export interface MitigationProposal {
  action: MitigationAction;
  target: MitigationTarget;
}

/**
 * Which actions Graph offers for each kind of target (https://learn.microsoft.com/en-us/graph/api/resources/riskyuser,
 * https://learn.microsoft.com/en-us/graph/api/resources/riskyserviceprincipal, https://learn.microsoft.com/en-us/graph/api/resources/user).
 */
const ALLOWED: Record<MitigationTargetKind, readonly MitigationAction[]> = {
  user: ['confirmCompromised', 'dismiss', 'confirmSafe', 'revokeSessions', 'disable'],
  servicePrincipal: ['confirmCompromised', 'dismiss', 'disable'],
  signIn: ['confirmSafe', 'confirmCompromised', 'dismiss'],
};

export function isOffered(action: MitigationAction, kind: MitigationTargetKind): boolean {
  return ALLOWED[kind].includes(action);
}

/** The permission-table entry that decides whether an asker may take the action (the bot's check before a button). */
export function mitigationPermission(action: MitigationAction, kind: MitigationTargetKind): PermissionKey {
  if (kind === 'signIn') return 'signIns.riskWrite';
  if (action === 'disable') return kind === 'user' ? 'users.enableDisable' : 'servicePrincipals.enableDisable';
  if (action === 'revokeSessions') return 'users.revokeSessions';
  return kind === 'user' ? 'riskyUsers.write' : 'riskyServicePrincipals.write';
}

const KINDS: readonly MitigationTargetKind[] = ['user', 'servicePrincipal', 'signIn'];
/** A proposal from a button's data (client-sent, so checked field by field). */
export function isMitigationProposal(value: unknown): value is MitigationProposal {
  const v = value as Partial<MitigationProposal> | null;
  const t = v?.target as Partial<MitigationTarget> | undefined;
  return (
    typeof v === 'object' &&
    v !== null &&
    MITIGATION_ACTIONS.includes(v.action as MitigationAction) &&
    typeof t === 'object' &&
    t !== null &&
    KINDS.includes(t.kind as MitigationTargetKind) &&
    isGuid(t.id) &&
    typeof t.displayName === 'string' &&
    t.displayName.length > 0 &&
    t.displayName.length <= 300 &&
    isOffered(v.action as MitigationAction, t.kind as MitigationTargetKind)
  );
}

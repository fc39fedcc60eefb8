/**
 * The answers every skill that reads the tenant shares when it cannot read: no tenant connected, or the asker's
 * roles do not allow the read (then the answer names the roles that would, and shows nothing of the data).
 */
import { type AskerNotInDirectory, roleList } from '../../graph/askerAccess';
import { escapeMarkdown } from '../../cards/escape';
import { GraphUnavailable, TRANSIENT_STATUSES } from '../../graph/unavailable';
import { ENDPOINT_PERMISSIONS, type PermissionKey, type RoleName } from '../../graph/permissions';
import type { TenantSession } from '../../graph/sessions';
import type { SkillAnswer } from '../types';

export { roleList };

export function noTenantAnswer(what: string): SkillAnswer {
  return { kind: 'text', text: `No tenant is connected to Entra Assistant, so I cannot read ${what}. Configure GRAPH_TENANT_ID (see the README) and ask again.` };
}

/**
 * The asker is no user of the directory read (a guest from another tenant, a deleted account, an id Teams sent in
 * another shape): whose directory it is, that the account is not in it, and that nothing is shown.
 */
export function notInDirectoryText(reason: AskerNotInDirectory['reason'], tenant: { id: string; name?: string }, askerId: string | undefined): string {
  const directory = tenant.name ? `${escapeMarkdown(tenant.name)} (tenant ${tenant.id})` : `tenant ${tenant.id}`;
  const who =
    reason === 'notFound' && askerId
      ? `Your account (object id ${askerId}) is not a user in that directory: a guest signed in from another organisation, or an account that was deleted, for example.`
      : 'Teams did not send an Entra account id for you that I can look up in that directory.';
  return `I read the Microsoft Entra directory of ${directory}. ${who} So I can't check your roles there, and I can't show you anything from it. If you should have access, ask an administrator of ${tenant.name ? escapeMarkdown(tenant.name) : 'that tenant'} to check your account.`;
}

/** `leastPrivileged` adds which of the roles to ask for, where one reads no more than it needs. */
export function rolesNeededAnswer(what: string, neededRoles: readonly RoleName[], leastPrivileged?: string): SkillAnswer {
  return {
    kind: 'text',
    text: `Reading ${what} needs one of these Microsoft Entra roles: ${roleList(neededRoles)}. Your account holds none of them, so I can't show this. Ask an administrator to assign you one of them${leastPrivileged ? ` (${leastPrivileged})` : ''}.`,
  };
}

/** The roles that would allow a read, from the one permission table. */
export function rolesFor(key: PermissionKey): RoleName[] {
  return [...((ENDPOINT_PERMISSIONS[key] as { roles?: readonly RoleName[] }).roles ?? [])];
}

/** Thrown when Graph itself refuses a read (delegated access): the skill turns it into rolesNeededAnswer. */
export class ReadRefused extends Error {
  constructor(readonly key: PermissionKey) {
    super(`Graph refused the read ${key}`);
  }
}

/** Asks before reading; true when the asker's roles allow it. */
export async function mayRead(tenant: TenantSession, key: PermissionKey): Promise<boolean> {
  return (await tenant.authorize(key)).allowed;
}

/** A Graph failure other than a refusal is the turn's error (throttled or unavailable: GraphUnavailable); a 403 becomes ReadRefused. */
export function throwUnlessFound(status: number, body: unknown, key: PermissionKey): void {
  if (status === 403) throw new ReadRefused(key);
  if (TRANSIENT_STATUSES.has(status)) throw new GraphUnavailable(status);
  if (status >= 300 && status !== 404) throw new Error(`Graph answered ${status} for ${key}: ${JSON.stringify(body)}`);
}

/** Runs a read; a refusal by Graph (statusCode 403) or by the asker check answers which roles are needed. */
export async function guarded(what: string, key: PermissionKey, work: () => Promise<SkillAnswer>): Promise<SkillAnswer> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof ReadRefused) return rolesNeededAnswer(what, rolesFor(err.key));
    if ((err as { statusCode?: number }).statusCode === 403) return rolesNeededAnswer(what, rolesFor(key));
    throw err;
  }
}

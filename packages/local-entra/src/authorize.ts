import type { Caller } from './auth/caller';
import { GraphQueryError } from './odata/contract';
import { ROLE_TEMPLATE_IDS, ENDPOINT_REQUIREMENTS, deniedBodies, type EndpointRequirement, type EndpointKey } from './permissions';
import type { Directory } from './tenant/directory';

/** Whether the caller passes the endpoint's check: permission in the token, and for users also a role. */
export function isAllowed(caller: Caller, key: EndpointKey, directory: Directory): { allowed: true } | { allowed: false; reason: 'permission' | 'role' } {
  const entry: EndpointRequirement = ENDPOINT_REQUIREMENTS[key];
  const accepted = caller.kind === 'app' ? entry.application : entry.delegated;
  if (!accepted.some((permission) => caller.permissions.has(permission))) return { allowed: false, reason: 'permission' };
  if (caller.kind === 'delegated' && entry.roles) {
    const held = directory.roleTemplateIds(caller.userId as string);
    if (!entry.roles.some((role) => held.has(ROLE_TEMPLATE_IDS[role]))) return { allowed: false, reason: 'role' };
  }
  return { allowed: true };
}

/** Throws the endpoint's own 403 when the caller fails its check. */
export function authorize(caller: Caller, key: EndpointKey, directory: Directory): void {
  const verdict = isAllowed(caller, key, directory);
  if (verdict.allowed) return;
  const denied = deniedBodies(ENDPOINT_REQUIREMENTS[key])[verdict.reason];
  throw new GraphQueryError(denied.status, denied.code, denied.message);
}

import { randomUUID } from 'node:crypto';
import type { Caller } from '../auth/caller';
import type { GraphObject } from '../snapshot/layout';

/** One property change as audit logs write it: old and new values are JSON strings. */
export interface PropertyChange {
  displayName: string;
  oldValue: unknown;
  newValue: unknown;
}

export interface AuditTarget {
  id: string;
  displayName: string | null;
  type: 'User' | 'ServicePrincipal' | 'Other';
  userPrincipalName?: string | null;
  changes: PropertyChange[];
}

export interface AuditEvent {
  activityDisplayName: string;
  category: string;
  loggedByService: string;
  operationType: string;
  targets: AuditTarget[];
  caller: Caller;
  at: Date;
}

/** initiatedBy: the signed-in admin for delegated calls, the app for app-only calls. */
export function initiator(caller: Caller): GraphObject {
  if (caller.kind === 'delegated') {
    return { user: { id: caller.userId, displayName: caller.userDisplayName ?? null, userPrincipalName: caller.userPrincipalName ?? null, ipAddress: '127.0.0.1' }, app: null };
  }
  return { user: null, app: { appId: caller.appId, displayName: caller.appDisplayName, servicePrincipalId: caller.servicePrincipalId ?? null, servicePrincipalName: caller.appDisplayName } };
}

const asJson = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));

/** A directoryAudit entry as Graph would log the action. */
export function auditEntry(event: AuditEvent): GraphObject {
  const changed = event.targets.flatMap((t) => t.changes.map((c) => c.displayName));
  return {
    id: `Directory_${randomUUID()}`,
    category: event.category,
    correlationId: randomUUID(),
    result: 'success',
    resultReason: '',
    activityDisplayName: event.activityDisplayName,
    activityDateTime: event.at.toISOString(),
    loggedByService: event.loggedByService,
    operationType: event.operationType,
    initiatedBy: initiator(event.caller),
    targetResources: event.targets.map((target) => ({
      id: target.id,
      displayName: target.displayName,
      type: target.type,
      userPrincipalName: target.userPrincipalName ?? null,
      groupType: null,
      modifiedProperties: [
        ...target.changes.map((change) => ({ displayName: change.displayName, oldValue: asJson(change.oldValue), newValue: asJson(change.newValue) })),
        ...(changed.length ? [{ displayName: 'Included Updated Properties', oldValue: null, newValue: JSON.stringify(changed.join(', ')) }] : []),
      ],
    })),
    additionalDetails: [],
  };
}

/**
 * What each alert kind reads from Microsoft Graph, with the app's own token (who may see an alert is checked before
 * it is posted): risky users at high risk, risky service principals, and role-assignment entries of the audit log,
 * each changed since a given instant. Graph's risk lists have no $orderby, so events are sorted here; pages are
 * followed up to a bound, and a read that stops there says so (the rest comes at the next poll).
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import type { AlertKind } from '../channels/channelStore';
import { PRIVILEGED_ROLES } from '../graph/privilegedRoles';

export type AlertEvent =
  | { kind: 'riskyUsers'; id: string; time: string; userId: string; displayName: string; userPrincipalName?: string; riskLevel: string }
  | { kind: 'riskyApps'; id: string; time: string; servicePrincipalId: string; appId?: string; displayName: string; riskLevel: string }
  | {
      kind: 'roleChanges';
      id: string;
      time: string;
      change: 'added' | 'removed';
      eligible: boolean;
      role: string;
      principal: { id: string; displayName: string; userPrincipalName?: string; type: string };
      by?: string;
    };

interface Page<T> {
  value: T[];
  '@odata.nextLink'?: string;
}

const MAX_PAGES = 10;

interface RiskyUserRow {
  id: string;
  userDisplayName?: string | null;
  userPrincipalName?: string | null;
  riskLevel: string;
  riskState: string;
  riskLastUpdatedDateTime: string;
}

interface RiskyServicePrincipalRow {
  id: string;
  appId?: string | null;
  displayName?: string | null;
  riskLevel: string;
  riskState: string;
  riskLastUpdatedDateTime: string;
}

interface AuditRow {
  id: string;
  activityDateTime: string;
  activityDisplayName: string;
  result?: string;
  initiatedBy?: { user?: { displayName?: string | null; userPrincipalName?: string | null } | null; app?: { displayName?: string | null } | null };
  targetResources?: Array<{ id?: string; displayName?: string | null; type?: string; userPrincipalName?: string | null; modifiedProperties?: Array<{ displayName: string; oldValue: string | null; newValue: string | null }> }>;
}

/** Audit activities that assign or remove a directory role (active or eligible). */
const ROLE_ACTIVITIES: Record<string, { change: 'added' | 'removed'; eligible: boolean }> = {
  'Add member to role': { change: 'added', eligible: false },
  'Remove member from role': { change: 'removed', eligible: false },
  'Add eligible member to role': { change: 'added', eligible: true },
  'Add eligible member (permanent)': { change: 'added', eligible: true },
  'Remove eligible member from role': { change: 'removed', eligible: true },
};

async function readAll<T>(client: Client, first: () => Promise<unknown>): Promise<T[]> {
  let page = (await first()) as Page<T>;
  const rows = [...page.value];
  for (let pages = 1; page['@odata.nextLink'] && pages < MAX_PAGES; pages++) {
    page = (await client.api(page['@odata.nextLink']).get()) as Page<T>;
    rows.push(...page.value);
  }
  return rows;
}

const byTime = (a: AlertEvent, b: AlertEvent) => a.time.localeCompare(b.time) || a.id.localeCompare(b.id);

export async function readAlertEvents(client: Client, kind: AlertKind, since: string): Promise<AlertEvent[]> {
  if (kind === 'riskyUsers') {
    const rows = await readAll<RiskyUserRow>(client, () =>
      client.api('/identityProtection/riskyUsers').filter(`riskLastUpdatedDateTime ge ${since} and riskLevel eq 'high'`).select('id,userDisplayName,userPrincipalName,riskLevel,riskState,riskLastUpdatedDateTime').top(500).get(),
    );
    // A risk an admin confirmed or closed is their own doing: only risk Identity Protection raised is alerted.
    return rows
      .filter((r) => r.riskState === 'atRisk' && r.riskLevel === 'high')
      .map((r): AlertEvent => ({ kind, id: `${r.id}@${r.riskLastUpdatedDateTime}`, time: r.riskLastUpdatedDateTime, userId: r.id, displayName: r.userDisplayName ?? r.userPrincipalName ?? r.id, userPrincipalName: r.userPrincipalName ?? undefined, riskLevel: r.riskLevel }))
      .sort(byTime);
  }
  if (kind === 'riskyApps') {
    const rows = await readAll<RiskyServicePrincipalRow>(client, () =>
      client.api('/identityProtection/riskyServicePrincipals').filter(`riskLastUpdatedDateTime ge ${since}`).select('id,appId,displayName,riskLevel,riskState,riskLastUpdatedDateTime').top(500).get(),
    );
    return rows
      .filter((r) => r.riskState === 'atRisk' && r.riskLevel !== 'none')
      .map((r): AlertEvent => ({ kind, id: `${r.id}@${r.riskLastUpdatedDateTime}`, time: r.riskLastUpdatedDateTime, servicePrincipalId: r.id, appId: r.appId ?? undefined, displayName: r.displayName ?? r.appId ?? r.id, riskLevel: r.riskLevel }))
      .sort(byTime);
  }
  const rows = await readAll<AuditRow>(client, () => client.api('/auditLogs/directoryAudits').filter(`category eq 'RoleManagement' and activityDateTime ge ${since}`).top(1000).get());
  return rows.flatMap((r) => roleChangeOf(r) ?? []).sort(byTime);
}

/** A role-assignment audit entry as an alert, when it succeeded and the role is a privileged one. */
function roleChangeOf(row: AuditRow): AlertEvent | undefined {
  const activity = ROLE_ACTIVITIES[row.activityDisplayName];
  if (!activity || (row.result && row.result !== 'success')) return undefined;
  const targets = row.targetResources ?? [];
  const principal = targets.find((t) => t.type === 'User' || t.type === 'ServicePrincipal' || t.type === 'Group') ?? targets.find((t) => t.type !== 'Role');
  if (!principal?.id) return undefined;
  const props = targets.flatMap((t) => t.modifiedProperties ?? []);
  const value = (name: string) => {
    const p = props.find((m) => m.displayName === name);
    const raw = activity.change === 'added' ? (p?.newValue ?? p?.oldValue) : (p?.oldValue ?? p?.newValue);
    return raw ? String(JSON.parse(raw)) : undefined;
  };
  const templateId = value('Role.TemplateId')?.toLowerCase();
  const roleName = value('Role.DisplayName') ?? targets.find((t) => t.type === 'Role')?.displayName ?? undefined;
  const privileged = (templateId && PRIVILEGED_ROLES.has(templateId)) || (roleName && [...PRIVILEGED_ROLES.values()].includes(roleName));
  if (!privileged || !roleName) return undefined;
  const by = row.initiatedBy?.user?.displayName ?? row.initiatedBy?.user?.userPrincipalName ?? row.initiatedBy?.app?.displayName ?? undefined;
  return {
    kind: 'roleChanges',
    id: row.id,
    time: row.activityDateTime,
    ...activity,
    role: roleName,
    principal: { id: principal.id, displayName: principal.displayName ?? principal.userPrincipalName ?? principal.id, userPrincipalName: principal.userPrincipalName ?? undefined, type: principal.type ?? 'User' },
    by: by ?? undefined,
  };
}

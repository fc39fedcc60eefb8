import type { GroupDetails } from '../../graph/directoryQueries';

/**
 * "Microsoft 365 group", "dynamic security group, role-assignable"... from groupTypes and flags
 * (https://learn.microsoft.com/en-us/graph/api/resources/groups-overview,
 * https://learn.microsoft.com/en-us/graph/api/resources/group).
 */
export function groupKind(group: Pick<GroupDetails, 'groupTypes' | 'securityEnabled' | 'mailEnabled' | 'isAssignableToRole' | 'membershipRule'>): string {
  const types = group.groupTypes ?? [];
  const dynamic = types.includes('DynamicMembership') || Boolean(group.membershipRule);
  const base = types.includes('Unified') ? 'Microsoft 365 group' : group.securityEnabled === false && group.mailEnabled ? 'distribution group' : 'security group';
  return [dynamic ? `dynamic ${base}` : base, group.isAssignableToRole ? 'role-assignable' : ''].filter(Boolean).join(', ');
}

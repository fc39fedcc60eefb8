/**
 * Which Microsoft Entra tenants the bot answers: the one it reads through Graph, and any ALLOWED_TENANT_IDS. Teams
 * names the tenant of every activity twice (conversation.tenantId and channelData.tenant.id); both must be served.
 * An activity naming no tenant is not served either: nothing shows it comes from the tenant the bot reads.
 */
import type { Activity } from 'botbuilder';
import { isGuid } from '../graph/ids';

export type TenantVerdict = { served: true } | { served: false; tenantId?: string };

export class TenantGate {
  private readonly served: ReadonlySet<string>;

  constructor(servedTenantIds: readonly string[]) {
    this.served = new Set(servedTenantIds.map((id) => id.toLowerCase()));
  }

  check(activity: Partial<Activity>): TenantVerdict {
    const named = [activity.conversation?.tenantId, (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id].filter(
      (id): id is string => typeof id === 'string' && id !== '',
    );
    const foreign = named.find((id) => !this.served.has(id.toLowerCase()));
    if (named.length > 0 && foreign === undefined) return { served: true };
    // Only a GUID is repeated back or logged: the field is the sender's to fill.
    const tenantId = foreign ?? named[0];
    return { served: false, tenantId: isGuid(tenantId) ? tenantId : undefined };
  }
}

/** What an activity from a tenant the bot does not serve is told. The served tenant is not named to outsiders. */
export function otherTenantText(tenantId: string | undefined): string {
  const where = tenantId ? `in another Microsoft Entra tenant (${tenantId})` : 'in no Microsoft Entra tenant I can identify';
  return `This Entra Assistant answers only for its own organisation's Microsoft Entra tenant. This conversation is ${where}, so I read nothing and can't answer here.`;
}

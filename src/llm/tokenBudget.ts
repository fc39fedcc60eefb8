/**
 * Tokens the model may spend per asker and per tenant in any hour (a sliding window), kept in this process's memory
 * like the question limits (src/bot/usageLimits.ts). A spent budget does not stop answers: the offline
 * understanding answers, and the card says when the budget renews.
 */
const HOUR_MS = 3_600_000;

export interface BudgetLimits {
  tokensPerUserPerHour: number;
  tokensPerTenantPerHour: number;
}

export type BudgetVerdict = { allowed: true } | { allowed: false; scope: 'user' | 'tenant'; limit: number; renewsAt: Date };

interface Spend {
  at: number;
  tokens: number;
}

export class TokenBudget {
  private readonly spent = new Map<string, Spend[]>();

  constructor(
    private readonly limits: BudgetLimits,
    /** Wall-clock milliseconds, not the pinned answer clock. */
    private readonly now: () => number = Date.now,
  ) {}

  private window(key: string, now: number): Spend[] {
    const kept = (this.spent.get(key) ?? []).filter((s) => s.at > now - HOUR_MS);
    if (kept.length) this.spent.set(key, kept);
    else this.spent.delete(key);
    return kept;
  }

  private verdict(key: string, scope: 'user' | 'tenant', limit: number, now: number): BudgetVerdict {
    const window = this.window(key, now);
    let total = window.reduce((sum, s) => sum + s.tokens, 0);
    if (total < limit) return { allowed: true };
    // Renews when enough of the oldest spending leaves the window to bring the total under the limit.
    let renewsAt = now;
    for (const spend of window) {
      total -= spend.tokens;
      renewsAt = spend.at + HOUR_MS;
      if (total < limit) break;
    }
    return { allowed: false, scope, limit, renewsAt: new Date(renewsAt) };
  }

  /** Whether the asker (and their tenant) may still use the model this hour. */
  check(userId: string | undefined, tenantId: string | undefined): BudgetVerdict {
    const now = this.now();
    const user = this.verdict(userKey(userId), 'user', this.limits.tokensPerUserPerHour, now);
    if (!user.allowed) return user;
    return this.verdict(tenantKey(tenantId), 'tenant', this.limits.tokensPerTenantPerHour, now);
  }

  /** Counts tokens a call used, against both the asker and the tenant. */
  spend(userId: string | undefined, tenantId: string | undefined, tokens: number): void {
    if (tokens <= 0) return;
    const now = this.now();
    for (const key of [userKey(userId), tenantKey(tenantId)]) this.spent.set(key, [...this.window(key, now), { at: now, tokens }]);
  }
}

const userKey = (id: string | undefined) => `user:${(id ?? 'unknown').toLowerCase()}`;
const tenantKey = (id: string | undefined) => `tenant:${(id ?? 'unknown').toLowerCase()}`;

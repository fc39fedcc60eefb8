import type { ThrottleFamily } from './graph/routes';

export interface ThrottleVerdict {
  throttled: boolean;
  /** Seconds to announce in Retry-After; absent when the service sends none (identity protection, CA). */
  retryAfterSeconds?: number;
}

interface Window {
  limit: number;
  windowMs: number;
  sendsRetryAfter: boolean;
}

/**
 * Graph's per-service limits (https://learn.microsoft.com/en-us/graph/throttling-limits): reports 5 requests per 10 s per app and tenant (with Retry-After);
 * identity protection and conditional access 1 request per second per tenant, without Retry-After; directory a
 * resource-unit budget per app and tenant sized by the tenant's user count.
 */
export class Throttle {
  private readonly used = new Map<string, Array<{ at: number; cost: number }>>();
  private readonly windows: Record<ThrottleFamily, Window>;

  constructor(
    private readonly enabled: boolean,
    userCount: number,
    private readonly now: () => number = Date.now,
  ) {
    const directoryBudget = userCount < 50 ? 3500 : userCount <= 500 ? 5000 : 8000;
    this.windows = {
      reports: { limit: 5, windowMs: 10_000, sendsRetryAfter: true },
      identityProtection: { limit: 1, windowMs: 1_000, sendsRetryAfter: false },
      directory: { limit: directoryBudget, windowMs: 10_000, sendsRetryAfter: true },
    };
  }

  /** Counts one request of `cost` units for the family and caller; says whether it must be refused. */
  take(family: ThrottleFamily, appId: string, cost = 1): ThrottleVerdict {
    if (!this.enabled) return { throttled: false };
    const window = this.windows[family];
    // Identity protection and CA count per tenant (all apps); the others per app.
    const key = family === 'identityProtection' ? family : `${family}/${appId}`;
    const now = this.now();
    const recent = (this.used.get(key) ?? []).filter((entry) => now - entry.at < window.windowMs);
    const spent = recent.reduce((sum, entry) => sum + entry.cost, 0);
    const units = family === 'directory' ? cost : 1;
    if (spent + units > window.limit) {
      this.used.set(key, recent);
      if (!window.sendsRetryAfter) return { throttled: true };
      const oldest = recent[0]?.at ?? now;
      return { throttled: true, retryAfterSeconds: Math.max(1, Math.ceil((oldest + window.windowMs - now) / 1000)) };
    }
    recent.push({ at: now, cost: units });
    this.used.set(key, recent);
    return { throttled: false };
  }
}

/**
 * Per-user and per-tenant usage limits on questions and on mitigations, in one-minute sliding windows. State is kept
 * in memory in this process: with several instances each counts its own turns, and a restart starts afresh. A limited
 * turn reads nothing from Graph; its reply says when to try again.
 */
export interface UsageLimitsConfig {
  questionsPerUserPerMinute: number;
  questionsPerTenantPerMinute: number;
  mitigationsPerUserPerMinute: number;
  mitigationsPerTenantPerMinute: number;
}

export type UsageKind = 'question' | 'mitigation';

export type UsageVerdict = { allowed: true } | { allowed: false; scope: 'user' | 'tenant'; retryAfterSeconds: number };

const WINDOW_MS = 60_000;
/** Keys idle this long are dropped, so memory follows the active askers only. */
const SWEEP_EVERY = 1_000;

export class UsageLimits {
  private readonly hits = new Map<string, number[]>();
  private calls = 0;

  constructor(
    private readonly config: UsageLimitsConfig,
    /** Wall-clock milliseconds; not the pinned answer clock (ASSISTANT_NOW), which may stand still. */
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one turn of `kind` by `userId` in `tenantId` when both windows have room; otherwise counts nothing. */
  take(kind: UsageKind, userId: string | undefined, tenantId: string | undefined): UsageVerdict {
    const now = this.now();
    if (++this.calls % SWEEP_EVERY === 0) this.sweep(now);
    const perUser = kind === 'question' ? this.config.questionsPerUserPerMinute : this.config.mitigationsPerUserPerMinute;
    const perTenant = kind === 'question' ? this.config.questionsPerTenantPerMinute : this.config.mitigationsPerTenantPerMinute;
    const userKey = `${kind}:user:${(userId ?? 'unknown').toLowerCase()}`;
    const tenantKey = `${kind}:tenant:${(tenantId ?? 'unknown').toLowerCase()}`;
    const user = this.window(userKey, now);
    if (user.length >= perUser) return { allowed: false, scope: 'user', retryAfterSeconds: Math.max(1, Math.ceil((user[0] + WINDOW_MS - now) / 1000)) };
    const tenant = this.window(tenantKey, now);
    if (tenant.length >= perTenant) return { allowed: false, scope: 'tenant', retryAfterSeconds: Math.max(1, Math.ceil((tenant[0] + WINDOW_MS - now) / 1000)) };
    user.push(now);
    tenant.push(now);
    return { allowed: true };
  }

  private window(key: string, now: number): number[] {
    let times = this.hits.get(key);
    if (!times) {
      times = [];
      this.hits.set(key, times);
    }
    while (times.length && times[0] <= now - WINDOW_MS) times.shift();
    return times;
  }

  private sweep(now: number): void {
    for (const [key, times] of this.hits) if (!times.length || times[times.length - 1] <= now - WINDOW_MS) this.hits.delete(key);
  }
}

/** The reply to a limited turn: who is limited, and when to try again. */
export function limitedText(kind: UsageKind, verdict: Extract<UsageVerdict, { allowed: false }>): string {
  const what = kind === 'question' ? 'questions' : 'changes to the tenant';
  const whose = verdict.scope === 'user' ? 'you have sent' : 'your organisation has sent';
  const wait = verdict.retryAfterSeconds === 1 ? '1 second' : `${verdict.retryAfterSeconds} seconds`;
  return `That is more ${what} than I take in a minute (${whose} the most allowed), so I did not act on this one and read nothing. Try again in ${wait}.`;
}

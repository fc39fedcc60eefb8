import type { FaultRule } from './types';

/** mulberry32: a tiny seeded generator, so a fault share hits the same requests on every run. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const GRAPH_PATH = /^\/(v1\.0|beta)\//;

/** Chooses the fault (if any) for each request from the configured rules. */
export class FaultInjector {
  private readonly rules: Array<FaultRule & { pattern: RegExp; used: number }>;
  private readonly random: () => number;

  constructor(rules: FaultRule[] = [], seed = 1) {
    this.rules = rules.map((rule) => ({ ...rule, pattern: rule.pathPattern ? new RegExp(rule.pathPattern) : GRAPH_PATH, used: 0 }));
    this.random = seededRandom(seed);
  }

  /** The first rule whose pattern matches the path and whose share draw hits. */
  pick(path: string): FaultRule | undefined {
    for (const rule of this.rules) {
      if (!rule.pattern.test(path) || (rule.times !== undefined && rule.used >= rule.times)) continue;
      const share = rule.share ?? 1;
      if (share >= 1 || this.random() < share) {
        rule.used += 1;
        return rule;
      }
    }
    return undefined;
  }
}

const KINDS: ReadonlyArray<FaultRule['kind']> = ['latency', '429', '503', 'reset'];

/**
 * EMULATOR_FAULTS (the local Entra's CLI and `npm start`): a JSON array of fault rules, e.g.
 * `[{"kind":"503","pathPattern":"/auditLogs/signIns","share":0.5}]`. Throws an Error naming what is wrong.
 */
export function parseFaultRules(text: string): FaultRule[] {
  let rules: unknown;
  try {
    rules = JSON.parse(text);
  } catch (err) {
    throw new Error(`EMULATOR_FAULTS is not JSON: ${(err as Error).message}`, { cause: err });
  }
  if (!Array.isArray(rules)) throw new Error('EMULATOR_FAULTS must be a JSON array of fault rules');
  return rules.map((rule: unknown, i) => {
    const r = rule as Partial<FaultRule> | null;
    const where = `EMULATOR_FAULTS[${i}]`;
    if (!r || typeof r !== 'object' || !KINDS.includes(r.kind as FaultRule['kind'])) throw new Error(`${where}.kind must be one of ${KINDS.join(', ')}`);
    if (r.share !== undefined && (typeof r.share !== 'number' || r.share < 0 || r.share > 1)) throw new Error(`${where}.share must be a number from 0 to 1`);
    if (r.pathPattern !== undefined) {
      try {
        new RegExp(String(r.pathPattern));
      } catch {
        throw new Error(`${where}.pathPattern is not a regular expression`);
      }
    }
    for (const key of ['latencyMs', 'retryAfterSeconds', 'times'] as const) {
      if (r[key] !== undefined && (typeof r[key] !== 'number' || r[key] < 0)) throw new Error(`${where}.${key} must be a number of 0 or more`);
    }
    return r as FaultRule;
  });
}

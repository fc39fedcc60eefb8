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
  private readonly rules: Array<FaultRule & { pattern: RegExp }>;
  private readonly random: () => number;

  constructor(rules: FaultRule[] = [], seed = 1) {
    this.rules = rules.map((rule) => ({ ...rule, pattern: rule.pathPattern ? new RegExp(rule.pathPattern) : GRAPH_PATH }));
    this.random = seededRandom(seed);
  }

  /** The first rule whose pattern matches the path and whose share draw hits. */
  pick(path: string): FaultRule | undefined {
    for (const rule of this.rules) {
      if (!rule.pattern.test(path)) continue;
      const share = rule.share ?? 1;
      if (share >= 1 || this.random() < share) return rule;
    }
    return undefined;
  }
}

/**
 * The emulator's data clock. With a pinned start (ASSISTANT_NOW) it runs on from that instant at real speed, so
 * entries written by actions keep their order; tokens always use the real clock (see auth/tokens.ts).
 */
export interface Clock {
  now(): Date;
}

export function createClock(pinned?: Date): Clock {
  if (!pinned) return { now: () => new Date() };
  const startedAt = Date.now();
  const base = pinned.getTime();
  return { now: () => new Date(base + (Date.now() - startedAt)) };
}

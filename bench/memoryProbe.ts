/**
 * For the load bench's bot processes: asked over IPC ({ probe: 'memory' }), collect garbage when the process runs with
 * --expose-gc, then answer what is resident and what the heap keeps. Memory kept after a full collection is what the
 * bot's caches and state hold; resident memory before it also holds garbage V8 has not collected yet.
 */
export interface MemoryProbe {
  rssMiB: number;
  heapUsedMiB: number;
  /** What V8 holds for its heap (used or not): it grows under load and is not given back at once. */
  heapTotalMiB: number;
  /** Memory outside the JS heap that JS objects hold (buffers). */
  externalMiB: number;
  /** Whether a full collection ran first. */
  collected: boolean;
}

export function answerMemoryProbes(): void {
  if (!process.send) return;
  process.on('message', (message: unknown) => {
    if ((message as { probe?: unknown })?.probe !== 'memory') return;
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const { rss, heapUsed, heapTotal, external } = process.memoryUsage();
    const mib = (bytes: number) => Math.round(bytes / 1048576);
    const answer: MemoryProbe = { rssMiB: mib(rss), heapUsedMiB: mib(heapUsed), heapTotalMiB: mib(heapTotal), externalMiB: mib(external), collected: Boolean(gc) };
    process.send!({ memory: answer });
  });
  // The IPC channel must not keep a stopping bot alive.
  process.channel?.unref();
}

/**
 * A small in-memory cache for reads that may be a little stale: each entry lives at most `ttlMs`, and at most
 * `maxEntries` are held (the oldest is dropped first), so memory stays bounded however many askers or names a
 * long-running bot meets. Promise values are dropped when they reject: a failed read is never remembered.
 */
export class TtlCache<K, V> {
  private readonly entries = new Map<K, { value: V; expires: number }>();

  constructor(private readonly options: { ttlMs: number; maxEntries: number; clock?: () => number }) {
    if (!(options.ttlMs > 0) || !(options.maxEntries >= 1)) throw new Error('TtlCache needs a positive ttlMs and maxEntries');
  }

  private now(): number {
    return (this.options.clock ?? Date.now)();
  }

  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expires <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    while (this.entries.size >= this.options.maxEntries) this.entries.delete(this.entries.keys().next().value as K);
    this.entries.set(key, { value, expires: this.now() + this.options.ttlMs });
    if (value instanceof Promise) {
      value.catch(() => {
        if (this.entries.get(key)?.value === value) this.entries.delete(key);
      });
    }
  }

  /** The cached value, or the one `load` makes (kept for next time). */
  getOrSet(key: K, load: () => V): V {
    const cached = this.get(key);
    if (cached !== undefined) return cached;
    const value = load();
    this.set(key, value);
    return value;
  }

  delete(key: K): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}

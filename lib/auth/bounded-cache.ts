/**
 * A least-recently-used map bounded by entry count and age, so per-person caches stay flat however
 * many people sign in. Entries may expire earlier than `maxAgeMs` (a token's own lifetime).
 */
export class BoundedCache<V> {
  private readonly entries = new Map<string, { value: V; expiresAt: number }>();

  constructor(
    private readonly options: { maxEntries: number; maxAgeMs: number; now?: () => number },
  ) {}

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.expiresAt <= this.now()) return undefined;
    this.entries.set(key, entry); // most recently used last
    return entry.value;
  }

  set(key: string, value: V, expiresAt?: number): void {
    const latest = this.now() + this.options.maxAgeMs;
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt: Math.min(expiresAt ?? latest, latest) });
    while (this.entries.size > this.options.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

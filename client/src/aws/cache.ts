/**
 * A read-through cache with in-flight de-duplication: two callers asking for the same key while a
 * request is under way share it, and a value younger than the caller's `maxAge` is served from
 * memory. Only successful results are kept, so an error is retried on the next read.
 */
import type { Result } from './gateway';

interface Entry<T> {
  readonly value: T;
  readonly at: number;
}

export class ResultCache {
  private readonly values = new Map<string, Entry<unknown>>();
  private readonly inFlight = new Map<string, Promise<Result<unknown>>>();
  /** Reads answered from memory or joined to a request under way (for tests and the benchmark). */
  hits = 0;
  joined = 0;

  constructor(
    private readonly now: () => number = () => Date.now(),
    private readonly maxEntries = 5000,
  ) {}

  /**
   * The cached value of `key` if younger than `maxAge` ms (Infinity: forever), else the result of
   * `load()` — shared with any caller already loading the same key.
   */
  async get<T>(key: string, maxAge: number, load: () => Promise<Result<T>>): Promise<Result<T>> {
    const entry = this.values.get(key);
    if (entry && maxAge > 0 && (maxAge === Infinity || this.now() - entry.at <= maxAge)) {
      this.hits++;
      return { ok: true, value: entry.value as T };
    }
    const pending = this.inFlight.get(key);
    if (pending) {
      this.joined++;
      return pending as Promise<Result<T>>;
    }
    const promise = load().then(
      (result) => {
        if (result.ok) this.set(key, result.value);
        return result;
      },
      (error: unknown) => {
        throw error;
      },
    );
    this.inFlight.set(key, promise);
    try {
      return await promise;
    } finally {
      this.inFlight.delete(key);
    }
  }

  /** The cached value regardless of age, if any. */
  peek<T>(key: string): T | undefined {
    return this.values.get(key)?.value as T | undefined;
  }

  set<T>(key: string, value: T): void {
    this.values.delete(key);
    this.values.set(key, { value, at: this.now() });
    if (this.values.size > this.maxEntries) {
      // Map iteration is insertion order: the first key is the least recently written.
      const oldest = this.values.keys().next().value;
      if (oldest !== undefined) this.values.delete(oldest);
    }
  }

  /** Forgets every key starting with `prefix` (all keys without one), except those `keep` accepts. */
  invalidate(prefix = '', keep: (key: string) => boolean = () => false): void {
    for (const key of [...this.values.keys()])
      if (key.startsWith(prefix) && !keep(key)) this.values.delete(key);
  }
}

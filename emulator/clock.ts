/**
 * Simulated time. Durations of the simulation (task start-up, health checks, log output, rollouts)
 * run `speed` times faster than the wall clock; timestamps shown to clients stay on the wall clock
 * (plus whatever `advance()` added) so that `startTime: Date.now() - 60_000` still means "the last
 * minute" to a client.
 */
export class SimClock {
  /** Simulated milliseconds elapsed since the emulator started. */
  private sim = 0;
  /** Milliseconds added to the wall clock by `advance()`. */
  private offset = 0;

  constructor(readonly speed: number) {}

  /** The timestamp (epoch ms) to stamp on resources and log events. */
  now(): number {
    return Date.now() + this.offset;
  }

  /** Simulated milliseconds elapsed, the time base of every scheduled transition. */
  simNow(): number {
    return this.sim;
  }

  /** Moves simulated time forward by `ms` simulated milliseconds (from the ticker). */
  tick(ms: number): void {
    this.sim += ms;
  }

  /** Moves both simulated time and timestamps forward (deterministic tests). */
  jump(ms: number): void {
    this.sim += ms;
    this.offset += ms;
  }
}

/** A small deterministic PRNG (mulberry32), so a seed reproduces a scenario. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty array');
    return item;
  }

  /** `n` lowercase hex characters. */
  hex(n: number): string {
    let out = '';
    while (out.length < n)
      out += Math.floor(this.next() * 0x100000000)
        .toString(16)
        .padStart(8, '0');
    return out.slice(0, n);
  }

  /** `n` decimal digits, the first non-zero. */
  digits(n: number): string {
    let out = String(this.int(1, 9));
    while (out.length < n) out += String(this.int(0, 9));
    return out;
  }

  /** A version 4 UUID. */
  uuid(): string {
    const h = this.hex(32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}

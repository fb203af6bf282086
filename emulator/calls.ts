import type { ServiceName } from './context';

/** One API request the emulator received (throttled and failed ones included). */
export interface CallRecord {
  readonly service: ServiceName;
  readonly operation: string;
  /** Wall-clock epoch ms when the request arrived. */
  readonly at: number;
  readonly params: unknown;
}

/**
 * The requests received, in arrival order, so tests and benchmarks can count API calls per operation
 * (SDK retries count as separate calls, as they do against AWS's quotas). Counts are exact for the
 * emulator's whole life; the records themselves are a ring buffer of the latest `capacity` (default
 * 10,000), so a long-running emulator does not grow without bound.
 */
export class CallLog {
  private readonly ring: (CallRecord | undefined)[];
  private next = 0;
  private size = 0;
  private total = 0;
  private readonly counts = new Map<string, number>();

  constructor(readonly capacity = 10_000) {
    if (!(Number.isInteger(capacity) && capacity > 0)) throw new Error('capacity must be a positive integer');
    this.ring = new Array<CallRecord | undefined>(capacity);
  }

  /** Records a request (called by the HTTP layer). */
  add(record: CallRecord): void {
    this.ring[this.next] = record;
    this.next = (this.next + 1) % this.capacity;
    if (this.size < this.capacity) this.size++;
    this.total++;
    this.counts.set(record.operation, (this.counts.get(record.operation) ?? 0) + 1);
  }

  /** How many requests were received, for one operation (e.g. 'ListServices') or all. */
  count(operation?: string): number {
    return operation === undefined ? this.total : (this.counts.get(operation) ?? 0);
  }

  /** Request counts keyed by operation name. */
  byOperation(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }

  /** The latest recorded requests (at most `capacity`), oldest first, optionally of one operation. */
  list(operation?: string): readonly CallRecord[] {
    const out: CallRecord[] = [];
    const first = (this.next - this.size + this.capacity) % this.capacity;
    for (let i = 0; i < this.size; i++) {
      const r = this.ring[(first + i) % this.capacity];
      if (r && (operation === undefined || r.operation === operation)) out.push(r);
    }
    return out;
  }

  /** Forgets every recorded request and count. */
  reset(): void {
    this.ring.fill(undefined);
    this.next = 0;
    this.size = 0;
    this.total = 0;
    this.counts.clear();
  }
}

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
 * Every request, in arrival order, so tests and benchmarks can count API calls per operation
 * (SDK retries count as separate calls, as they do against AWS's quotas).
 */
export class CallLog {
  private readonly records: CallRecord[] = [];

  /** Records a request (called by the HTTP layer). */
  add(record: CallRecord): void {
    this.records.push(record);
  }

  /** How many requests were received, for one operation (e.g. 'ListServices') or all. */
  count(operation?: string): number {
    if (operation === undefined) return this.records.length;
    let n = 0;
    for (const r of this.records) if (r.operation === operation) n++;
    return n;
  }

  /** Request counts keyed by operation name. */
  byOperation(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const r of this.records) out[r.operation] = (out[r.operation] ?? 0) + 1;
    return out;
  }

  /** The recorded requests, optionally of one operation. */
  list(operation?: string): readonly CallRecord[] {
    return operation === undefined
      ? [...this.records]
      : this.records.filter((r) => r.operation === operation);
  }

  /** Forgets every recorded request. */
  reset(): void {
    this.records.length = 0;
  }
}

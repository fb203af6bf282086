/**
 * Log events as the tail sources (Live Tail, FilterLogEvents polling, backfill) hand them to the
 * view, free of SDK types, plus the de-duplication both sources rely on.
 *
 * Live Tail events carry no eventId (the SDK's `LiveTailSessionLogEvent` has none) while
 * FilterLogEvents events do. Where both meet — the backfill after a reconnect — events are keyed by
 * their content (group, stream, timestamp, message); within FilterLogEvents alone the eventId is used.
 */
import { createHash } from 'node:crypto';

/** One log event from a container, already attributed to its log group and stream. */
export interface TailEvent {
  /** Log group name (not ARN). */
  readonly logGroup: string;
  readonly logStream: string;
  /** Event time in ms since the epoch, as written by the container's log driver. */
  readonly timestamp: number;
  readonly ingestionTime?: number;
  readonly message: string;
  /** FilterLogEvents' id; absent on Live Tail events. */
  readonly eventId?: string;
}

/** The identity of an event that is the same whether it came from Live Tail or FilterLogEvents. */
export function contentKey(event: TailEvent): string {
  return `${event.logGroup}\u0000${event.logStream}\u0000${event.timestamp}\u0000${event.message}`;
}

/**
 * A compact form of a key: the first 52 bits of its SHA-1, as an exact number. De-duplication
 * windows hold up to 2·10^5 keys, where some collision has a chance of about 4·10^-6; string keys
 * would cost several times the memory at 1,000 events/s.
 */
function digest52(text: string): number {
  const bytes = createHash('sha1').update(text).digest();
  return bytes.readUIntBE(0, 6) * 16 + ((bytes[6] ?? 0) >> 4);
}

/** The event's content key, digested (messages can be long). */
export function eventDigest(event: TailEvent): number {
  return digest52(contentKey(event));
}

/** The eventId when there is one, else the content; digested. */
export function idKey(event: TailEvent): number {
  return digest52(event.eventId !== undefined ? `id:${event.eventId}` : `c:${contentKey(event)}`);
}

/**
 * A set of recently seen event keys, bounded two ways: keys of events older than `horizonMs` behind
 * the newest timestamp seen are forgotten (a backfill never reaches back further than that), and
 * the set never holds more than `maxKeys` (oldest inserted forgotten first).
 */
export class RecentKeys {
  private readonly keys = new Map<number, number>();
  private newest = 0;

  constructor(
    private readonly horizonMs = 60_000,
    private readonly maxKeys = 100_000,
  ) {}

  get size(): number {
    return this.keys.size;
  }

  /** Records `key`; returns false when it was already present (a duplicate). */
  add(key: number, timestamp: number): boolean {
    if (this.keys.has(key)) return false;
    this.keys.set(key, timestamp);
    if (timestamp > this.newest) this.newest = timestamp;
    this.prune();
    return true;
  }

  has(key: number): boolean {
    return this.keys.has(key);
  }

  private prune(): void {
    // Map iteration is insertion order, which is close to timestamp order for log events.
    const limit = this.newest - this.horizonMs;
    for (const [key, ts] of this.keys) {
      if (this.keys.size <= this.maxKeys && ts >= limit) break;
      this.keys.delete(key);
    }
  }
}

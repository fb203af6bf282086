/**
 * Log events as the tail sources (Live Tail, FilterLogEvents polling, backfill) hand them to the
 * view, free of SDK types, plus the de-duplication both sources rely on.
 *
 * De-duplication keys on the event's identity, never on its text: two identical lines written in
 * the same millisecond to one stream are two events. FilterLogEvents gives an `eventId`; Live Tail
 * events carry none (LiveTailSessionLogEvent: logGroupIdentifier, logStreamName, message,
 * timestamp, ingestionTime). Where both meet — the backfill after a reconnect — an event is known by
 * group, stream, timestamp, ingestionTime and its `repeat`: the how-many-th event with those four
 * values its source returned. Events with one ingestionTime were ingested together, so a source sees
 * all of them or none, in the same number: the repeat numbers of Live Tail and of a FilterLogEvents
 * read agree.
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
  /**
   * How many events with the same group, stream, timestamp and ingestionTime came before this one
   * from the same source (a Live Tail session, one FilterLogEvents read); 0 when unset.
   */
  readonly repeat?: number;
}

function baseKey(event: TailEvent): string {
  return `${event.logGroup}\u0000${event.logStream}\u0000${event.timestamp}\u0000${event.ingestionTime ?? -1}`;
}

/** The identity of an event that is the same whether it came from Live Tail or FilterLogEvents (no text). */
export function identityKey(event: TailEvent): string {
  return `${baseKey(event)}\u0000${event.repeat ?? 0}`;
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

/** The event's identity key, digested. */
export function eventDigest(event: TailEvent): number {
  return digest52(identityKey(event));
}

/** The eventId when there is one, else the identity key; digested. */
export function idKey(event: TailEvent): number {
  return digest52(event.eventId !== undefined ? `id:${event.eventId}` : `k:${identityKey(event)}`);
}

/**
 * Numbers the events of one source (a Live Tail session, or one FilterLogEvents read) that share
 * group, stream, timestamp and ingestionTime: 0, 1, 2... Bounded like `RecentKeys`.
 */
export class RepeatCounter {
  private readonly counts = new Map<number, { n: number; ts: number }>();
  private newest = 0;

  constructor(
    private readonly horizonMs = 60_000,
    private readonly maxKeys = 100_000,
  ) {}

  number(event: TailEvent): TailEvent {
    const key = digest52(baseKey(event));
    const entry = this.counts.get(key);
    const repeat = entry ? entry.n : 0;
    if (entry) entry.n++;
    else this.counts.set(key, { n: 1, ts: event.timestamp });
    if (event.timestamp > this.newest) this.newest = event.timestamp;
    if (!entry) this.prune();
    return repeat === 0 && event.repeat === undefined ? event : { ...event, repeat };
  }

  private prune(): void {
    const limit = this.newest - this.horizonMs;
    for (const [key, { ts }] of this.counts) {
      if (this.counts.size <= this.maxKeys && ts >= limit) break;
      this.counts.delete(key);
    }
  }
}

/** Numbers the events of one complete read (all pages of one FilterLogEvents query). */
export function numberRepeats(events: readonly TailEvent[]): TailEvent[] {
  const counter = new RepeatCounter(Infinity, Infinity);
  return events.map((e) => counter.number(e));
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

import type { LogEventRecord, LogGroupRecord, LogStreamRecord } from '../model';

/** Events kept per stream; older ones are dropped so a long-running emulator has bounded memory. */
export const MAX_EVENTS_PER_STREAM = 5000;
/** Streams kept per group; the oldest-created go first (crash loops create a stream per task). */
export const MAX_STREAMS_PER_GROUP = 20000;

/** Called for every batch of new events, e.g. by Live Tail sessions. */
export type LogListener = (
  group: LogGroupRecord,
  stream: LogStreamRecord,
  events: readonly LogEventRecord[],
) => void;

/** CloudWatch Logs storage: groups → streams → events in timestamp order. */
export class LogStore {
  readonly groups = new Map<string, LogGroupRecord>();
  private readonly listeners = new Set<LogListener>();
  private seq = 0;

  constructor(
    private readonly region: string,
    private readonly accountId: string,
  ) {}

  /** The ARN of a log group, without the `:*` suffix (as Live Tail wants it). */
  groupArn(name: string): string {
    return `arn:aws:logs:${this.region}:${this.accountId}:log-group:${name}`;
  }

  /** Creates the group if needed (awslogs-create-group behaviour). */
  ensureGroup(name: string, now: number): LogGroupRecord {
    let group = this.groups.get(name);
    if (!group) {
      group = { name, arn: this.groupArn(name), createdAt: now, streams: new Map(), tags: {} };
      this.groups.set(name, group);
    }
    return group;
  }

  /** Creates the stream if needed. */
  ensureStream(group: LogGroupRecord, name: string, now: number): LogStreamRecord {
    let stream = group.streams.get(name);
    if (!stream) {
      stream = { name, createdAt: now, events: [], dropped: 0, storedBytes: 0 };
      group.streams.set(name, stream);
      if (group.streams.size > MAX_STREAMS_PER_GROUP) {
        const oldest = group.streams.keys().next().value;
        if (oldest !== undefined) group.streams.delete(oldest);
      }
    }
    return stream;
  }

  /** Appends messages (timestamps ascending) to a stream, creating group and stream as needed. */
  put(
    groupName: string,
    streamName: string,
    messages: readonly { timestamp: number; message: string }[],
    now: number,
  ): void {
    if (messages.length === 0) return;
    const group = this.ensureGroup(groupName, now);
    const stream = this.ensureStream(group, streamName, now);
    const added: LogEventRecord[] = [];
    for (const m of messages) {
      const event = { timestamp: m.timestamp, ingestionTime: now, message: m.message, seq: ++this.seq };
      stream.events.push(event);
      stream.storedBytes += m.message.length;
      added.push(event);
    }
    const excess = stream.events.length - MAX_EVENTS_PER_STREAM;
    if (excess > 0) {
      stream.events.splice(0, excess);
      stream.dropped += excess;
    }
    for (const listener of this.listeners) listener(group, stream, added);
  }

  /** Subscribes to new events; returns the unsubscribe function. */
  subscribe(listener: LogListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Removes every group (used by reset). */
  clear(): void {
    this.groups.clear();
  }
}

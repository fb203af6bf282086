import type { ServerResponse } from 'node:http';
import type { Rng } from '../clock';
import { ApiError, invalidParameter, resourceNotFound } from '../protocol/errors';
import type { JsonObject, LogEventRecord, LogGroupRecord, LogStreamRecord } from '../model';
import {
  EVENT_STREAM_CONTENT_TYPE,
  eventFrame,
  exceptionFrame,
  initialResponseFrame,
} from '../protocol/eventStream';
import { optString, optStringArray } from '../protocol/params';
import type { EmulatorState } from '../state';
import { compileFilterPattern, type EventMatcher } from './filterPattern';
import { groupNameOf } from './groupNames';

/**
 * StartLiveTail: validates the request, answers HTTP 200 with an `application/vnd.amazon.eventstream`
 * body on the same HTTP/1.1 connection, sends the `initial-response` event and `sessionStart`, then a `sessionUpdate` about every
 * simulated second with at most 500 events (`sampled` when more matched), until the session times
 * out (SessionTimeoutException), is ended by a test, or the client goes away.
 */

const MAX_EVENTS_PER_UPDATE = 500;
const MAX_SESSIONS = 15;
/** Events buffered between two updates; beyond this the update is sampled anyway. */
const MAX_BUFFERED = 20000;

/** How a test ends live tail sessions. */
export type LiveTailEnd = 'timeout' | 'drop' | 'error';

interface Session {
  id: string;
  groups: Map<string, string>; // group name → identifier as requested
  streamNames?: Set<string>;
  prefixes?: string[];
  match: EventMatcher;
  buffer: { group: string; stream: string; event: LogEventRecord }[];
  overflow: boolean;
  res: ServerResponse;
  timers: NodeJS.Timeout[];
  unsubscribe: () => void;
  closed: boolean;
}

export interface LiveTailOptions {
  /** Wall-clock ms before SessionTimeoutException (AWS: 3 hours). */
  sessionTimeoutMs: number;
  /** Simulated-time multiplier: updates come every 1000 / speed wall ms (at least every 20 ms). */
  speed: number;
}

export class LiveTailHub {
  private readonly sessions = new Set<Session>();

  constructor(
    private readonly state: EmulatorState,
    private readonly rng: Rng,
    private readonly options: LiveTailOptions,
  ) {}

  /** Number of open sessions. */
  get count(): number {
    return this.sessions.size;
  }

  /** Checks a StartLiveTail request; throws the ApiError AWS would answer before streaming. */
  validate(p: JsonObject): void {
    const ids = optStringArray(p, 'logGroupIdentifiers');
    if (!ids || ids.length === 0)
      throw invalidParameter('logGroupIdentifiers must contain at least 1 log group.');
    if (ids.length > 10) throw invalidParameter('logGroupIdentifiers can contain at most 10 log groups.');
    for (const id of ids) {
      if (id.endsWith('*'))
        throw invalidParameter('Log group ARNs in logGroupIdentifiers must not end with *.');
      // StartLiveTail documents "Specify each log group by its ARN"; names are refused here so
      // that code relying on names fails in tests, not only against AWS.
      if (!/^arn:aws[a-z-]*:logs:[a-z0-9-]+:\d{12}:log-group:[.\-_/#A-Za-z0-9]+$/.test(id)) {
        throw invalidParameter(
          `logGroupIdentifiers must be log group ARNs (arn:aws:logs:REGION:ACCOUNT:log-group:NAME), got ${id}.`,
        );
      }
      if (!this.state.logs.groups.has(groupNameOf(id)))
        throw resourceNotFound(`The specified log group does not exist: ${id}`);
    }
    const names = optStringArray(p, 'logStreamNames');
    const prefixes = optStringArray(p, 'logStreamNamePrefixes');
    if (names && prefixes)
      throw invalidParameter('logStreamNames and logStreamNamePrefixes are mutually exclusive parameters.');
    if ((names || prefixes) && ids.length !== 1) {
      throw invalidParameter(
        'logStreamNames and logStreamNamePrefixes can only be used with exactly one log group.',
      );
    }
    if (names && names.length > 100) throw invalidParameter('logStreamNames can have at most 100 items.');
    if (prefixes && prefixes.length > 100)
      throw invalidParameter('logStreamNamePrefixes can have at most 100 items.');
    compileFilterPattern(optString(p, 'logEventFilterPattern'));
    if (this.sessions.size >= MAX_SESSIONS) {
      throw new ApiError(
        'LimitExceededException',
        'The maximum number of concurrent Live Tail sessions (15) has been reached.',
      );
    }
  }

  /** Starts streaming a validated session on `res`. */
  start(p: JsonObject, res: ServerResponse, requestId: string, dropAfterMs?: number): void {
    const ids = optStringArray(p, 'logGroupIdentifiers') ?? [];
    const names = optStringArray(p, 'logStreamNames');
    const prefixes = optStringArray(p, 'logStreamNamePrefixes');
    const pattern = optString(p, 'logEventFilterPattern');
    const session: Session = {
      id: this.rng.uuid(),
      groups: new Map(ids.map((id) => [groupNameOf(id), id])),
      ...(names ? { streamNames: new Set(names) } : {}),
      ...(prefixes ? { prefixes } : {}),
      match: compileFilterPattern(pattern),
      buffer: [],
      overflow: false,
      res,
      timers: [],
      unsubscribe: () => undefined,
      closed: false,
    };
    this.sessions.add(session);
    res.writeHead(200, {
      'content-type': EVENT_STREAM_CONTENT_TYPE,
      'x-amzn-requestid': requestId,
    });
    res.on('close', () => this.close(session));
    // CloudWatch opens the stream with the operation's non-stream output members as an
    // `initial-response` event (`:message-type` event, `:event-type` initial-response, JSON payload;
    // StartLiveTailResponse has only the stream member, so the payload is `{}`). botocore (so boto3
    // and the AWS CLI) requires it ("First event was not of type initial-response",
    // botocore/parsers.py `_handle_event_stream`); the SDK v3 reads it into the response and does not
    // yield it (@smithy/core EventStreamSerde), so client/src/aws/liveTail.ts still sees sessionStart first.
    res.write(initialResponseFrame({}));
    res.write(
      eventFrame('sessionStart', {
        requestId,
        sessionId: session.id,
        logGroupIdentifiers: ids,
        ...(names ? { logStreamNames: names } : {}),
        ...(prefixes ? { logStreamNamePrefixes: prefixes } : {}),
        ...(pattern !== undefined ? { logEventFilterPattern: pattern } : {}),
      }),
    );
    session.unsubscribe = this.state.logs.subscribe((group, stream, events) =>
      this.collect(session, group, stream, events),
    );
    const every = Math.max(20, Math.round(1000 / this.options.speed));
    session.timers.push(setInterval(() => this.flush(session), every));
    session.timers.push(setTimeout(() => this.end(session, 'timeout'), this.options.sessionTimeoutMs));
    if (dropAfterMs !== undefined)
      session.timers.push(setTimeout(() => this.end(session, 'drop'), dropAfterMs));
  }

  private collect(
    session: Session,
    group: LogGroupRecord,
    stream: LogStreamRecord,
    events: readonly LogEventRecord[],
  ): void {
    if (!session.groups.has(group.name)) return;
    if (session.streamNames && !session.streamNames.has(stream.name)) return;
    if (session.prefixes && !session.prefixes.some((pre) => stream.name.startsWith(pre))) return;
    for (const event of events) {
      if (!session.match(event.message)) continue;
      if (session.buffer.length >= MAX_BUFFERED) {
        session.overflow = true;
        continue;
      }
      session.buffer.push({ group: group.name, stream: stream.name, event });
    }
  }

  private flush(session: Session): void {
    if (session.closed) return;
    let items = session.buffer;
    let sampled = session.overflow;
    session.buffer = [];
    session.overflow = false;
    if (items.length > MAX_EVENTS_PER_UPDATE) {
      sampled = true;
      const step = items.length / MAX_EVENTS_PER_UPDATE;
      const picked: typeof items = [];
      for (let i = 0; i < MAX_EVENTS_PER_UPDATE; i++) {
        const item = items[Math.floor(i * step)];
        if (item) picked.push(item);
      }
      items = picked;
    }
    session.res.write(
      eventFrame('sessionUpdate', {
        sessionMetadata: { sampled },
        sessionResults: items.map(({ group, stream, event }) => ({
          logStreamName: stream,
          logGroupIdentifier: session.groups.get(group) ?? group,
          message: event.message,
          timestamp: event.timestamp,
          ingestionTime: event.ingestionTime,
        })),
      }),
    );
  }

  /** Ends one session: a timeout or streaming exception frame, or a cut connection. */
  private end(session: Session, how: LiveTailEnd): void {
    if (session.closed) return;
    if (how === 'drop') {
      session.res.destroy();
    } else {
      session.res.end(
        how === 'timeout'
          ? exceptionFrame('SessionTimeoutException', 'Session timed out after the maximum session duration.')
          : exceptionFrame('SessionStreamingException', 'Internal streaming error.'),
      );
    }
    this.close(session);
  }

  private close(session: Session): void {
    if (session.closed) return;
    session.closed = true;
    for (const t of session.timers) clearTimeout(t);
    session.unsubscribe();
    this.sessions.delete(session);
  }

  /** Ends every open session the given way; returns how many were ended. */
  endAll(how: LiveTailEnd): number {
    const all = [...this.sessions];
    for (const s of all) this.end(s, how);
    return all.length;
  }
}

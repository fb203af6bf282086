/**
 * Live Tail sessions for a set of log streams, kept alive for as long as the tail is open.
 *
 * CloudWatch ends a session after 3 hours (SessionTimeoutException) and a stream can drop; the
 * AWS Toolkit's tail simply stops there. Here each session reconnects: a new session is started and,
 * while its first events are held back, FilterLogEvents backfills from shortly before the last event
 * seen; both are merged through one de-duplication set (by identity — stream, timestamp,
 * ingestionTime, repeat number — as Live Tail events carry no eventId; never by text), so the reconnect leaves neither a gap nor a duplicate. The same mechanism gives the
 * "since" backfill when a tail opens.
 *
 * Planning respects CloudWatch's rules: at most 10 log groups per session (more groups → more
 * sessions), and stream-name filters only with exactly one group (≤ 100 names); otherwise the
 * session takes whole groups and events of other streams are dropped here.
 */
import { abortableDelay } from './abortableDelay';
import { RecentKeys, RepeatCounter, eventDigest, type TailEvent } from './logEvents';
import type { LogsApi } from './logsApi';
import { MAX_STREAM_NAMES_PER_FILTER, filterAll, filterQueries, type GroupStreams } from './logPoller';

export const MAX_GROUPS_PER_SESSION = 10;

/** One StartLiveTail session to open (in one Region). */
export interface LiveTailPlan {
  readonly groups: readonly { readonly name: string; readonly arn: string }[];
  /** Stream-name filter sent to CloudWatch (only for a single group). */
  readonly logStreamNames?: readonly string[];
  /** Streams wanted per group; empty set = every stream of the group. Used to drop others' events. */
  readonly wanted: ReadonlyMap<string, ReadonlySet<string>>;
}

/** The streams wanted, per group, with each group's ARN. */
export interface GroupSelection extends GroupStreams {
  readonly logGroupArn: string;
}

/** Splits groups into sessions of ≤ 10 groups; one group gets a server-side stream filter. */
export function planLiveTailSessions(groups: readonly GroupSelection[]): LiveTailPlan[] {
  const plans: LiveTailPlan[] = [];
  for (let i = 0; i < groups.length; i += MAX_GROUPS_PER_SESSION) {
    const chunk = groups.slice(i, i + MAX_GROUPS_PER_SESSION);
    const wanted = new Map(chunk.map((g) => [g.logGroup, new Set(g.logStreams)] as const));
    const only = chunk.length === 1 ? chunk[0] : undefined;
    const streamFilter =
      only && only.logStreams.length > 0 && only.logStreams.length <= MAX_STREAM_NAMES_PER_FILTER
        ? only.logStreams
        : undefined;
    plans.push({
      groups: chunk.map((g) => ({ name: g.logGroup, arn: g.logGroupArn })),
      ...(streamFilter ? { logStreamNames: streamFilter } : {}),
      wanted,
    });
  }
  return plans;
}

/** The groups and streams of a plan, as selections (to plan them again in parts). */
function selectionsOf(plan: LiveTailPlan): GroupSelection[] {
  return plan.groups.map((g) => ({
    logGroup: g.name,
    logGroupArn: g.arn,
    logStreams: [...(plan.wanted.get(g.name) ?? [])],
  }));
}

/**
 * Two plans that together cover `plan`, each with about half its streams (one group) or half its
 * groups, so that each session stays under Live Tail's 500 events per second; undefined when the
 * plan cannot be split (one stream, or one group followed whole).
 */
export function splitPlan(plan: LiveTailPlan): [LiveTailPlan, LiveTailPlan] | undefined {
  const selections = selectionsOf(plan);
  if (selections.length >= 2) {
    const half = Math.ceil(selections.length / 2);
    const [a] = planLiveTailSessions(selections.slice(0, half));
    const [b] = planLiveTailSessions(selections.slice(half));
    return a && b ? [a, b] : undefined;
  }
  const only = selections[0];
  if (!only || only.logStreams.length < 2) return undefined;
  const half = Math.ceil(only.logStreams.length / 2);
  const [a] = planLiveTailSessions([{ ...only, logStreams: only.logStreams.slice(0, half) }]);
  const [b] = planLiveTailSessions([{ ...only, logStreams: only.logStreams.slice(half) }]);
  return a && b ? [a, b] : undefined;
}

/** What a running session reports to the tail's owner. */
export type LiveTailStatus =
  | { readonly kind: 'connecting' }
  | { readonly kind: 'live'; readonly sessionId?: string }
  | { readonly kind: 'backfilled'; readonly events: number }
  /** The catch-up read failed every time: events from `from` to `to` (epoch ms) may be missing. */
  | {
      readonly kind: 'backfillFailed';
      readonly error: unknown;
      readonly from: number;
      readonly to: number;
      readonly attempts: number;
    }
  | { readonly kind: 'sampled'; readonly sampled: boolean }
  | {
      readonly kind: 'reconnecting';
      readonly reason: 'timeout' | 'dropped' | 'error';
      readonly error?: unknown;
    };

export interface LiveTailOptions {
  readonly api: LogsApi;
  readonly plan: LiveTailPlan;
  readonly filterPattern?: string;
  /** Backfill on the first connect from this epoch ms (the "since" of the tail); none if undefined. */
  readonly backfillFrom?: number;
  /** How far before the last event seen a reconnect backfill starts (default 10 s: late-ingested events). */
  readonly reconnectSlackMs?: number;
  readonly signal: AbortSignal;
  /** Events in arrival order; a backfill batch is in timestamp order. */
  readonly onEvents: (events: TailEvent[]) => void;
  readonly onStatus: (status: LiveTailStatus) => void;
  /**
   * A StartLiveTail or stream failure that reconnecting will not fix (limit reached, access denied,
   * unknown group, not supported): the session ends and the owner decides (e.g. fall back to polling).
   */
  readonly onFatal: (error: unknown) => void;
  /** A stream silent for this long is treated as dropped (default 20 s; Live Tail updates every second). */
  readonly stallMs?: number;
  /** Injected for tests; defaults to wall time. */
  readonly now?: () => number;
  /** Tries of a catch-up read (FilterLogEvents) before the gap is reported (default 6). */
  readonly catchUpAttempts?: number;
  /** First pause between catch-up tries, doubled each time up to 8 s (default 500 ms). */
  readonly catchUpRetryBaseMs?: number;
}

/** A catch-up read that failed `tries` times; `error` is the last failure. */
class CatchUpFailed extends Error {
  constructor(
    readonly error: unknown,
    readonly tries: number,
  ) {
    super(`catch-up read failed ${tries} time(s)`);
  }
}

/** Error names after which a new session is worth trying. */
const RECONNECTABLE = new Set([
  'SessionTimeoutException',
  'SessionStreamingException',
  'ServiceUnavailableException',
  'ThrottlingException',
  'InternalFailure',
  'InternalServerError',
  'RequestTimeout',
  'TimeoutError',
  'AbortError',
]);

export function errorName(error: unknown): string {
  if (error && typeof error === 'object') {
    const { name, code } = error as { name?: unknown; code?: unknown };
    if (typeof name === 'string' && name !== 'Error') return name;
    if (typeof code === 'string') return code;
  }
  return 'Error';
}

/** Network failures (socket reset, refused, DNS) are worth a retry; modelled service errors mostly not. */
function isReconnectable(error: unknown): boolean {
  const name = errorName(error);
  if (RECONNECTABLE.has(name)) return true;
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string' && /^E[A-Z]+/.test(code)) return true;
  const status = (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata
    ?.httpStatusCode;
  if (status !== undefined && status >= 500) return true;
  return !(error as { $metadata?: unknown } | undefined)?.$metadata && !(error instanceof TypeError);
}

/**
 * Runs one planned session until the signal aborts, reconnecting (with a backfill) after timeouts,
 * dropped or stalled streams and transient errors. Resolves when stopped or after `onFatal`.
 */
export async function runLiveTail(options: LiveTailOptions): Promise<void> {
  const now = options.now ?? Date.now;
  const slack = options.reconnectSlackMs ?? 10_000;
  const stallMs = options.stallMs ?? 20_000;
  const seen = new RecentKeys(slack + 30_000, 100_000);
  let lastTimestamp: number | undefined;
  let connectedAt: number | undefined;
  let backfillFrom = options.backfillFrom;
  let failures = 0;

  const wantedEvent = (e: TailEvent): boolean => {
    const streams = options.plan.wanted.get(e.logGroup);
    return streams !== undefined && (streams.size === 0 || streams.has(e.logStream));
  };
  /** Drops unwanted and already-seen events, remembers and emits the rest; returns how many. */
  const emit = (events: readonly TailEvent[]): number => {
    const fresh: TailEvent[] = [];
    for (const e of events) {
      if (!wantedEvent(e) || !seen.add(eventDigest(e), e.timestamp)) continue;
      if (lastTimestamp === undefined || e.timestamp > lastTimestamp) lastTimestamp = e.timestamp;
      fresh.push(e);
    }
    if (fresh.length > 0 && !options.signal.aborted) options.onEvents(fresh);
    return fresh.length;
  };
  const readOnce = async (from: number, signal: AbortSignal): Promise<TailEvent[]> => {
    const all: TailEvent[] = [];
    for (const [name, streams] of options.plan.wanted) {
      for (const query of filterQueries({ logGroup: name, logStreams: [...streams] })) {
        const request = {
          ...query,
          startTime: from,
          ...(options.filterPattern ? { filterPattern: options.filterPattern } : {}),
        };
        all.push(...(await filterAll(options.api, request, signal)));
      }
    }
    return all.sort((a, b) => a.timestamp - b.timestamp);
  };
  const attempts = Math.max(1, options.catchUpAttempts ?? 6);
  const retryBase = options.catchUpRetryBaseMs ?? 500;
  /** The catch-up read, retried with backoff (throttling, 5xx, resets) while live events wait. */
  const backfill = async (from: number, signal: AbortSignal): Promise<TailEvent[]> => {
    for (let i = 1; ; i++) {
      try {
        return await readOnce(from, signal);
      } catch (error) {
        if (signal.aborted || i >= attempts) throw new CatchUpFailed(error, i);
        await abortableDelay(Math.min(8000, retryBase * 2 ** (i - 1)), signal);
        if (signal.aborted) throw new CatchUpFailed(error, i);
      }
    }
  };

  while (!options.signal.aborted) {
    options.onStatus({ kind: 'connecting' });
    // One controller per attempt: stopping the tail aborts it, and so does a stalled stream.
    const attempt = new AbortController();
    const onAbort = (): void => attempt.abort();
    options.signal.addEventListener('abort', onAbort, { once: true });
    let stalled = false;
    let watchdog: NodeJS.Timeout | undefined;
    const feedWatchdog = (): void => {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => {
        stalled = true;
        attempt.abort();
      }, stallMs);
    };
    let reason: 'timeout' | 'dropped' | 'error' = 'dropped';
    let failure: unknown;
    try {
      feedWatchdog();
      const stream = await options.api.startLiveTail(
        {
          logGroupArns: options.plan.groups.map((g) => g.arn),
          ...(options.plan.logStreamNames ? { logStreamNames: options.plan.logStreamNames } : {}),
          ...(options.filterPattern ? { filterPattern: options.filterPattern } : {}),
        },
        attempt.signal,
      );
      // Live events that arrive while the backfill runs wait here, then follow it. Repeated
      // events (same stream, timestamp, ingestionTime) are numbered per session.
      const repeats = new RepeatCounter(slack + 30_000, 100_000);
      let held: TailEvent[] | undefined;
      let backfillDone: Promise<void> | undefined;
      for await (const message of stream) {
        feedWatchdog();
        if (options.signal.aborted) break;
        if (message.kind === 'start') {
          failures = 0;
          connectedAt ??= now();
          options.onStatus({ kind: 'live', ...(message.sessionId ? { sessionId: message.sessionId } : {}) });
          const from = lastTimestamp !== undefined ? lastTimestamp - slack : backfillFrom;
          if (from !== undefined && !backfillDone) {
            held = [];
            const release = (): void => {
              const pending = held ?? [];
              held = undefined;
              emit(pending);
            };
            const liveAt = now();
            backfillDone = backfill(from, attempt.signal).then(
              (events) => {
                const count = emit(events);
                release();
                backfillFrom = undefined;
                options.onStatus({ kind: 'backfilled', events: count });
              },
              (failed: unknown) => {
                const { error, tries } =
                  failed instanceof CatchUpFailed ? failed : { error: failed, tries: 1 };
                if (attempt.signal.aborted) {
                  // The stream ended before the gap was read: the next session reads it from the
                  // same point (lastTimestamp did not move), so the held events come back then.
                  held = undefined;
                  return;
                }
                const to = Math.min(liveAt, ...(held ?? []).map((e) => e.timestamp));
                release();
                backfillFrom = undefined;
                options.onStatus({ kind: 'backfillFailed', error, from, to, attempts: tries });
              },
            );
          }
          continue;
        }
        if (message.sampled) options.onStatus({ kind: 'sampled', sampled: true });
        const numbered = message.events.map((e) => repeats.number(e));
        if (held) held.push(...numbered);
        else emit(numbered);
      }
      if (backfillDone) await backfillDone;
    } catch (error) {
      if (options.signal.aborted) break;
      if (errorName(error) === 'SessionTimeoutException') reason = 'timeout';
      else if (stalled) reason = 'dropped';
      else if (isReconnectable(error)) {
        reason = 'error';
        failure = error;
      } else {
        options.onFatal(error);
        return;
      }
    } finally {
      clearTimeout(watchdog);
      options.signal.removeEventListener('abort', onAbort);
      attempt.abort();
    }
    if (options.signal.aborted) break;
    // The next session backfills from shortly before the last event seen, or, if there was none,
    // from before this session began, so that nothing written in between is lost.
    if (lastTimestamp === undefined) backfillFrom ??= (connectedAt ?? now()) - slack;
    options.onStatus({ kind: 'reconnecting', reason, ...(failure !== undefined ? { error: failure } : {}) });
    if (reason !== 'timeout') {
      failures++;
      // Back off on repeated failures (0.5 s, 1 s, 2 s … 30 s); a timeout reconnects at once.
      await abortableDelay(Math.min(30_000, 500 * 2 ** Math.min(failures - 1, 6)), options.signal);
    }
  }
}

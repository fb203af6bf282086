/**
 * The FilterLogEvents side of tailing: a paginated backfill (used when a tail opens, and after a Live
 * Tail reconnect) and a polling tail for when Live Tail is off or unavailable.
 *
 * FilterLogEvents shares a 10 TPS per account quota (25 in us-east-1, 5 in some Regions) with every
 * other tool, so the poller spaces its calls — pages included — at least `intervalMs` apart per log
 * group, and asks again from a little before the newest event seen (late-ingested events have older
 * timestamps), de-duplicating by eventId with a bounded set.
 */
import { abortableDelay } from './abortableDelay';
import { RecentKeys, idKey, numberRepeats, type TailEvent } from './logEvents';
import type { FilterRequest, LogsApi } from './logsApi';

/** FilterLogEvents accepts at most 100 stream names per call. */
export const MAX_STREAM_NAMES_PER_FILTER = 100;

/** The streams of one log group that a tail follows. */
export interface GroupStreams {
  readonly logGroup: string;
  /** Empty means every stream of the group. */
  readonly logStreams: readonly string[];
}

/** Splits a group's streams into FilterLogEvents-sized queries. */
export function filterQueries(group: GroupStreams): { logGroupName: string; logStreamNames?: string[] }[] {
  if (group.logStreams.length === 0) return [{ logGroupName: group.logGroup }];
  const out: { logGroupName: string; logStreamNames: string[] }[] = [];
  for (let i = 0; i < group.logStreams.length; i += MAX_STREAM_NAMES_PER_FILTER) {
    out.push({
      logGroupName: group.logGroup,
      logStreamNames: group.logStreams.slice(i, i + MAX_STREAM_NAMES_PER_FILTER),
    });
  }
  return out;
}

/**
 * Spaces calls at least `intervalMs` apart (per instance), counted from the end of the previous
 * call, so that even a slow request cannot bring two calls closer at the server; waiting ends
 * early when aborted.
 */
export class CallSpacer {
  private nextAt = 0;

  constructor(private readonly intervalMs: number) {}

  /** Waits for the caller's turn. */
  async turn(signal: AbortSignal): Promise<void> {
    const wait = this.nextAt - Date.now();
    if (wait > 0) await abortableDelay(wait, signal);
    this.nextAt = Infinity;
  }

  /** Marks the end of a call: the next one may start `intervalMs` from now. */
  done(): void {
    this.nextAt = Date.now() + this.intervalMs;
  }
}

/**
 * Every event matching `request` from `startTime` on, following `nextToken` to the end, with their
 * repeat numbers (see logEvents.ts). Each page is one call, taken in turn from `spacer` when one is
 * given.
 */
export async function filterAll(
  api: LogsApi,
  request: Omit<FilterRequest, 'nextToken'>,
  signal: AbortSignal,
  spacer?: CallSpacer,
): Promise<TailEvent[]> {
  const events: TailEvent[] = [];
  let nextToken: string | undefined;
  do {
    if (spacer) await spacer.turn(signal);
    if (signal.aborted) break;
    let page;
    try {
      page = await api.filterLogEvents({ ...request, ...(nextToken ? { nextToken } : {}) }, signal);
    } finally {
      spacer?.done();
    }
    events.push(...page.events);
    nextToken = page.nextToken;
  } while (nextToken);
  return numberRepeats(events);
}

export interface PollerOptions {
  readonly api: LogsApi;
  readonly groups: readonly GroupStreams[];
  /** Epoch ms of the oldest event wanted. */
  readonly startTime: number;
  readonly filterPattern?: string;
  /** Minimum time between two FilterLogEvents calls for one log group (default 2,000 ms). */
  readonly intervalMs?: number;
  /** How far before the newest event seen each poll starts again, to catch late events (default 5,000 ms: the awslogs driver
   *  sends batches up to 5 s after the events' timestamps). */
  readonly overlapMs?: number;
  readonly signal: AbortSignal;
  /** New events, each batch in timestamp order. */
  readonly onEvents: (events: TailEvent[]) => void;
  /** A failed call; polling goes on after a pause unless the handler returns 'stop'. */
  readonly onError: (error: unknown) => 'retry' | 'stop';
  /** Each completed poll (for status and tests). */
  readonly onPoll?: (group: string) => void;
}

/** Polls every group until the signal aborts (or onError says stop). */
export async function runPoller(options: PollerOptions): Promise<void> {
  const interval = options.intervalMs ?? 2000;
  const overlap = options.overlapMs ?? 5000;
  await Promise.all(
    options.groups.map(async (group) => {
      // One spacer per group: queries of one group (over 100 streams) share its budget.
      const spacer = new CallSpacer(interval);
      const seen = new RecentKeys(overlap + 10_000, 100_000);
      let from = options.startTime;
      let failures = 0;
      while (!options.signal.aborted) {
        let newest = from;
        try {
          for (const query of filterQueries(group)) {
            const events = await filterAll(
              options.api,
              {
                ...query,
                startTime: from,
                ...(options.filterPattern ? { filterPattern: options.filterPattern } : {}),
              },
              options.signal,
              spacer,
            );
            const fresh = events.filter((e) => seen.add(idKey(e), e.timestamp));
            fresh.sort((a, b) => a.timestamp - b.timestamp);
            for (const e of fresh) if (e.timestamp > newest) newest = e.timestamp;
            if (fresh.length > 0 && !options.signal.aborted) options.onEvents(fresh);
          }
          from = Math.max(from, newest - overlap);
          failures = 0;
          options.onPoll?.(group.logGroup);
        } catch (error) {
          if (options.signal.aborted) break;
          if (options.onError(error) === 'stop') break;
          // The next read starts from the same point, so the gap closes once a read succeeds;
          // back off meanwhile (throttling, 5xx): 2, 4, 8... intervals, at most 30 s.
          failures++;
          await abortableDelay(Math.min(30_000, interval * 2 ** Math.min(failures, 5)), options.signal);
        }
      }
    }),
  );
}

/**
 * One tail: the log streams of some containers, followed through Live Tail (as many sessions as
 * CloudWatch's 10-groups rule needs, per Region) or through FilterLogEvents polling, with a
 * backfill of the last minutes on open. Falls back from Live Tail to polling when Live Tail cannot
 * be used (the 15-session limit, no permission, an endpoint without it), and says why.
 */
import { setMaxListeners } from 'node:events';
import { errorKind } from './errors';
import { RecentKeys, eventDigest, type TailEvent } from './logEvents';
import type { LogsApi } from './logsApi';
import {
  errorName,
  planLiveTailSessions,
  runLiveTail,
  splitPlan,
  type GroupSelection,
  type LiveTailPlan,
} from './liveTail';
import { runPoller } from './logPoller';
import type { LogTarget } from './logTargets';

export type TailMode = 'liveTail' | 'poll';

export interface TailNotice {
  readonly level: 'info' | 'warning' | 'error';
  readonly text: string;
}

/** The tail's overall state, for a status line. */
export type TailState = 'connecting' | 'live' | 'reconnecting' | 'polling' | 'stopped' | 'failed';

export interface TailOptions {
  readonly targets: readonly LogTarget[];
  /** The Logs API of a Region (one SDK client per connection and Region). */
  readonly apiFor: (region: string) => LogsApi;
  readonly mode: TailMode;
  /** Backfill this many ms of history on open (0: none). */
  readonly sinceMs: number;
  /** CloudWatch filter pattern applied server-side (Live Tail and FilterLogEvents). */
  readonly filterPattern?: string;
  readonly signal: AbortSignal;
  readonly onEvents: (events: TailEvent[]) => void;
  readonly onNotice: (notice: TailNotice) => void;
  readonly onState?: (state: TailState, detail?: string) => void;
  /** Live Tail session ids as they start (a reconnect starts a new one). */
  readonly onSession?: (sessionId: string) => void;
  /** FilterLogEvents spacing per log group when polling (default 2,000 ms). */
  readonly pollIntervalMs?: number;
  /** How long a silent Live Tail stream is trusted (default 20 s). */
  readonly stallMs?: number;
  /**
   * Most Live Tail sessions one tail may use when it splits sampled sessions (default 4; CloudWatch
   * allows 15 per account and Region, shared with everyone).
   */
  readonly maxSessions?: number;
  /**
   * Events already shown, shared across runs of one tail (a restart to follow new tasks backfills
   * over what the previous run showed); a fresh set when absent.
   */
  readonly shown?: RecentKeys;
  /** Tries of a catch-up read after a reconnect before the missing range is reported (default 6). */
  readonly catchUpAttempts?: number;
  /** First pause between those tries, doubled each time (default 500 ms). */
  readonly catchUpRetryBaseMs?: number;
}

/** The targets' streams grouped by Region, then log group. */
export function groupTargets(targets: readonly LogTarget[]): Map<string, GroupSelection[]> {
  const byRegion = new Map<string, Map<string, { arn: string; streams: string[] }>>();
  for (const t of targets) {
    let groups = byRegion.get(t.region);
    if (!groups) byRegion.set(t.region, (groups = new Map<string, { arn: string; streams: string[] }>()));
    let group = groups.get(t.logGroup);
    if (!group) groups.set(t.logGroup, (group = { arn: t.logGroupArn, streams: [] }));
    if (!group.streams.includes(t.logStream)) group.streams.push(t.logStream);
  }
  const out = new Map<string, GroupSelection[]>();
  for (const [region, groups] of byRegion) {
    out.set(
      region,
      [...groups].map(([logGroup, g]) => ({ logGroup, logGroupArn: g.arn, logStreams: g.streams })),
    );
  }
  return out;
}

/** Why Live Tail cannot be used, in words for the user, or undefined if reconnecting later might work. */
export function explainLiveTailFailure(error: unknown): string {
  const name = errorName(error);
  const message = error instanceof Error ? error.message.split('\n')[0] : '';
  if (name === 'LimitExceededException') {
    return (
      'CloudWatch Logs allows 15 concurrent Live Tail sessions per account and Region, and all are in use ' +
      '(by other tails, other VS Code windows, the CloudWatch console or other tools). Close some of them to ' +
      'use Live Tail again; meanwhile this tail polls FilterLogEvents every 2 s.'
    );
  }
  switch (errorKind(error)) {
    case 'AccessDenied':
      return `Live Tail is not allowed for these credentials (${name}: ${message}). Ask for the logs:StartLiveTail permission; meanwhile this tail polls FilterLogEvents.`;
    case 'ExpiredToken':
    case 'NoCredentials':
      return `The credentials were rejected (${name}: ${message}). Renew them (e.g. aws sso login) and reopen the tail.`;
    case 'NotFound':
      return `A log group was not found (${message || name}). The awslogs-group of the task definition may not exist yet (no line written) or was deleted.`;
    default:
      return `Live Tail failed (${name}${message ? `: ${message}` : ''}); this tail polls FilterLogEvents instead.`;
  }
}

/** Errors after which polling is pointless too. */
function pollingWontHelp(error: unknown): boolean {
  const kind = errorKind(error);
  return kind === 'ExpiredToken' || kind === 'NoCredentials' || kind === 'NotFound';
}

/** Runs the tail until the signal aborts. Never throws: failures become notices and states. */
export async function runTail(options: TailOptions): Promise<void> {
  // Every concurrent request of the tail listens to its signal (sessions, pollers, backfills).
  setMaxListeners(0, options.signal);
  const byRegion = groupTargets(options.targets);
  const startedAt = Date.now();
  const backfillFrom = options.sinceMs > 0 ? startedAt - options.sinceMs : undefined;
  const state = (s: TailState, detail?: string): void => {
    if (!options.signal.aborted) options.onState?.(s, detail);
  };
  // Events of a fallback poller, or of a restarted run, may overlap what was already shown: one
  // identity filter for all (see logEvents.ts; never by text).
  const shown = options.shown ?? new RecentKeys(90_000, 200_000);
  const onFreshEvents = (events: TailEvent[]): void => {
    const fresh = events.filter((e) => shown.add(eventDigest(e), e.timestamp));
    if (fresh.length > 0) options.onEvents(fresh);
  };
  const poll = (api: LogsApi, groups: readonly GroupSelection[], from: number): Promise<void> =>
    runPoller({
      api,
      groups,
      startTime: from,
      ...(options.filterPattern ? { filterPattern: options.filterPattern } : {}),
      ...(options.pollIntervalMs !== undefined ? { intervalMs: options.pollIntervalMs } : {}),
      signal: options.signal,
      onEvents: onFreshEvents,
      onPoll: () => state('polling'),
      onError: (error) => {
        options.onNotice({
          level: 'warning',
          text: `FilterLogEvents failed (${errorName(error)}): ${error instanceof Error ? error.message : String(error)}`,
        });
        return pollingWontHelp(error) ? 'stop' : 'retry';
      },
    });

  if (options.mode === 'poll') {
    state('polling');
    await Promise.all(
      [...byRegion].map(([region, groups]) =>
        poll(options.apiFor(region), groups, backfillFrom ?? startedAt),
      ),
    );
    state('stopped');
    return;
  }

  state('connecting');
  const sessions: { plan: LiveTailPlan; region: string }[] = [];
  for (const [region, groups] of byRegion) {
    for (const plan of planLiveTailSessions(groups)) sessions.push({ plan, region });
  }
  if (sessions.length > 1) {
    options.onNotice({
      level: 'info',
      text: `These logs span ${options.targets.length} streams in ${[...byRegion.values()].flat().length} log groups: ${sessions.length} Live Tail sessions are used (at most 10 groups each; 15 per account).`,
    });
  }
  let sampledShown = false;
  const maxSessions = Math.max(sessions.length, options.maxSessions ?? 4);
  let sessionCount = sessions.length;
  let nextIndex = 0;
  const live = new Set<number>();
  const open = new Set<number>();

  /** Runs one planned session; a sampled session is replaced by two narrower ones while allowed. */
  const runPlan = async (plan: LiveTailPlan, region: string, from: number | undefined): Promise<void> => {
    const index = nextIndex++;
    open.add(index);
    const api = options.apiFor(region);
    let fatal: unknown;
    let lastEventAt: number | undefined;
    let liveSince: number | undefined;
    let split: [LiveTailPlan, LiveTailPlan] | undefined;
    // Its own controller: splitting ends this session only.
    const session = new AbortController();
    const stopSession = (): void => session.abort();
    options.signal.addEventListener('abort', stopSession, { once: true });
    setMaxListeners(0, session.signal);
    await runLiveTail({
      api,
      plan,
      ...(options.filterPattern ? { filterPattern: options.filterPattern } : {}),
      ...(from !== undefined ? { backfillFrom: from } : {}),
      ...(options.stallMs !== undefined ? { stallMs: options.stallMs } : {}),
      ...(options.catchUpAttempts !== undefined ? { catchUpAttempts: options.catchUpAttempts } : {}),
      ...(options.catchUpRetryBaseMs !== undefined ? { catchUpRetryBaseMs: options.catchUpRetryBaseMs } : {}),
      signal: session.signal,
      onEvents: (events) => {
        for (const e of events) {
          if (lastEventAt === undefined || e.timestamp > lastEventAt) lastEventAt = e.timestamp;
        }
        onFreshEvents(events);
      },
      onStatus: (status) => {
        switch (status.kind) {
          case 'live':
            live.add(index);
            liveSince ??= Date.now();
            if (status.sessionId) options.onSession?.(status.sessionId);
            if ([...open].every((i) => live.has(i))) state('live');
            break;
          case 'reconnecting':
            live.delete(index);
            state(
              'reconnecting',
              status.reason === 'timeout'
                ? 'Live Tail session reached its time limit; reconnecting'
                : status.reason === 'dropped'
                  ? 'Live Tail stream dropped; reconnecting'
                  : `Live Tail error (${errorName(status.error)}); reconnecting`,
            );
            break;
          case 'sampled': {
            const halves = split === undefined && sessionCount < maxSessions ? splitPlan(plan) : undefined;
            if (halves) {
              // More than 500 events/s match: two sessions over half the streams each see them all.
              split = halves;
              sessionCount++;
              session.abort();
            } else if (!sampledShown) {
              sampledShown = true;
              options.onNotice({
                level: 'warning',
                text: `CloudWatch is sampling this Live Tail: more than 500 events per second match${sessionCount > 1 ? ` even over ${sessionCount} sessions` : ''}, so some lines are not shown. Add a filter pattern, or poll (ecsWorkbench.logs.mode), to see them all.`,
              });
            }
            break;
          }
          case 'backfillFailed':
            options.onNotice({
              level: 'warning',
              text: `Lines of ${plan.groups.map((g) => g.name).join(', ')} from ${new Date(status.from).toISOString()} to ${new Date(status.to).toISOString()} are missing: reading them with FilterLogEvents failed ${status.attempts} time(s) (${errorName(status.error)}). Restart the tail to read them again.`,
            });
            break;
          default:
            break;
        }
      },
      onFatal: (error) => {
        fatal = error;
      },
    });
    options.signal.removeEventListener('abort', stopSession);
    open.delete(index);
    live.delete(index);
    if (options.signal.aborted) return;
    if (split) {
      // The halves backfill from before this session went live: what sampling left out comes back.
      const resumeFrom = Math.min(liveSince ?? Date.now(), lastEventAt ?? Date.now()) - 10_000;
      const start = from !== undefined ? Math.min(from, resumeFrom) : resumeFrom;
      await Promise.all(split.map((half) => runPlan(half, region, start)));
      return;
    }
    if (fatal === undefined) return;
    const explanation = explainLiveTailFailure(fatal);
    if (pollingWontHelp(fatal)) {
      options.onNotice({ level: 'error', text: explanation });
      state('failed', explanation);
      return;
    }
    options.onNotice({ level: 'warning', text: explanation });
    state('polling');
    const groups = plan.groups.map((g) => ({
      logGroup: g.name,
      logGroupArn: g.arn,
      logStreams: [...(plan.wanted.get(g.name) ?? [])],
    }));
    await poll(api, groups, lastEventAt !== undefined ? lastEventAt - 10_000 : (from ?? startedAt));
  };
  await Promise.all(sessions.map(({ plan, region }) => runPlan(plan, region, backfillFrom)));
  state('stopped');
}

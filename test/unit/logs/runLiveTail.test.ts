/**
 * `runLiveTail` (client/src/aws/liveTail.ts) on its own, without the tail above it: one planned
 * session against the emulator through the real SDK (backfill, live events, streams not wanted
 * dropped, the session closed on abort), and against a scripted API (a timeout reconnects with a
 * backfill from before the last event; an access error is fatal and ends the run).
 *
 * Every test that opens a session goes through `withLiveTail`, which aborts the tail and waits for
 * the emulator to count no open session in `finally`: a failing test cannot leave a session open for
 * the next one (the emulator, like CloudWatch, allows 15).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { TailEvent } from '../../../client/src/aws/logEvents';
import { sdkLogsApi, type LiveTailMessage, type LogsApi } from '../../../client/src/aws/logsApi';
import { logGroupArn } from '../../../client/src/aws/logTargets';
import {
  planLiveTailSessions,
  runLiveTail,
  type LiveTailOptions,
  type LiveTailPlan,
  type LiveTailStatus,
} from '../../../client/src/aws/liveTail';
import { startEmulator, type RunningEmulator } from '../../../emulator';
import { waitFor } from '../../waitFor';

/** Open Live Tail sessions as the emulator counts them (its admin endpoint). */
async function liveSessions(emu: RunningEmulator): Promise<number> {
  const response = await fetch(`${emu.url}/__admin/state`, {
    headers: { 'x-emulator-admin-token': emu.adminToken },
  });
  const body = (await response.json()) as { liveTailSessions?: number };
  return body.liveTailSessions ?? -1;
}

interface Run {
  readonly events: TailEvent[];
  readonly statuses: LiveTailStatus[];
  readonly fatal: unknown[];
}

/**
 * Runs `body` while a Live Tail session of `plan` is open; whatever `body` does (throws included),
 * the tail is aborted, its run awaited and the emulator left with no open session.
 */
async function withLiveTail(
  emu: RunningEmulator,
  api: LogsApi,
  plan: LiveTailPlan,
  extra: Partial<LiveTailOptions>,
  body: (run: Run) => Promise<void>,
): Promise<void> {
  const run: Run = { events: [], statuses: [], fatal: [] };
  const abort = new AbortController();
  const done = runLiveTail({
    api,
    plan,
    signal: abort.signal,
    onEvents: (events) => run.events.push(...events),
    onStatus: (status) => run.statuses.push(status),
    onFatal: (error) => run.fatal.push(error),
    ...extra,
  });
  try {
    await body(run);
  } finally {
    abort.abort();
    await done;
    await waitFor(
      'the emulator to count no open Live Tail session',
      async () => (await liveSessions(emu)) === 0,
    );
  }
}

const texts = (events: readonly TailEvent[]): string[] =>
  events.map((e) => `${e.logGroup} ${e.logStream} ${e.message}`);

describe('runLiveTail against the emulator', () => {
  let emu: RunningEmulator;
  let client: CloudWatchLogsClient;
  let api: LogsApi;
  const arn = (group: string): string => logGroupArn('aws', emu.region, emu.accountId, group);
  const put = (group: string, stream: string, message: string): void => {
    const now = Date.now();
    emu.state.logs.put(group, stream, [{ timestamp: now, message }], now);
  };

  before(async () => {
    emu = await startEmulator({ scenario: 'empty', speed: 20, liveTailSessionTimeoutMs: 60 * 60 * 1000 });
    client = new CloudWatchLogsClient({
      endpoint: emu.url,
      region: emu.region,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      disableHostPrefix: true,
      maxAttempts: 1,
    });
    api = sdkLogsApi(client);
  });

  after(async () => {
    client.destroy();
    await emu.stop();
  });

  it('backfills, then streams only the wanted streams of two groups, and closes its session on abort', async () => {
    put('/rt/a', 'a/app/1', 'a1 backfill');
    put('/rt/a', 'a/app/2', 'a2 backfill (not wanted)');
    put('/rt/b', 'b/app/1', 'b1 backfill');
    const [plan] = planLiveTailSessions([
      { logGroup: '/rt/a', logGroupArn: arn('/rt/a'), logStreams: ['a/app/1'] },
      { logGroup: '/rt/b', logGroupArn: arn('/rt/b'), logStreams: [] },
    ]);
    assert.ok(plan);
    assert.equal(plan.logStreamNames, undefined, 'two groups: no server-side stream filter');
    await withLiveTail(emu, api, plan, { backfillFrom: Date.now() - 60_000 }, async (run) => {
      await waitFor('the backfill', () => run.statuses.some((s) => s.kind === 'backfilled'));
      assert.equal(await liveSessions(emu), 1);
      const live = run.statuses.find((s) => s.kind === 'live');
      assert.ok(live && live.kind === 'live' && live.sessionId, 'the live status carries the session id');
      assert.deepEqual(
        run.statuses.slice(0, 2).map((s) => s.kind),
        ['connecting', 'live'],
      );
      assert.deepEqual(
        run.statuses.find((s) => s.kind === 'backfilled'),
        { kind: 'backfilled', events: 2 },
      );
      put('/rt/a', 'a/app/2', 'a2 live (not wanted)');
      put('/rt/a', 'a/app/1', 'a1 live');
      put('/rt/b', 'b/app/2', 'b2 live');
      await waitFor('the live lines', () => run.events.length >= 4);
      // The unwanted line was written before the last wanted one, so it would be here by now.
      await waitFor('the last wanted line', () => run.events.some((e) => e.message === 'b2 live'));
      assert.deepEqual(texts(run.events).sort(), [
        '/rt/a a/app/1 a1 backfill',
        '/rt/a a/app/1 a1 live',
        '/rt/b b/app/1 b1 backfill',
        '/rt/b b/app/2 b2 live',
      ]);
      assert.deepEqual(run.fatal, []);
    });
    assert.equal(await liveSessions(emu), 0);
  });

  it('a failing test body still leaves no Live Tail session open', async () => {
    put('/rt/c', 'c/app/1', 'c1');
    const [plan] = planLiveTailSessions([
      { logGroup: '/rt/c', logGroupArn: arn('/rt/c'), logStreams: ['c/app/1'] },
    ]);
    assert.ok(plan);
    await assert.rejects(
      withLiveTail(emu, api, plan, {}, async (run) => {
        await waitFor('the session', () => run.statuses.some((s) => s.kind === 'live'));
        assert.equal(await liveSessions(emu), 1);
        throw new Error('the test failed here');
      }),
      /the test failed here/,
    );
    assert.equal(await liveSessions(emu), 0);
  });

  it('an unknown log group is fatal: onFatal, and the run ends by itself', async () => {
    const [plan] = planLiveTailSessions([
      { logGroup: '/rt/missing', logGroupArn: arn('/rt/missing'), logStreams: [] },
    ]);
    assert.ok(plan);
    const fatal: unknown[] = [];
    // Retrying what cannot succeed would never end: a deadline turns that into a failed assertion.
    await runLiveTail({
      api,
      plan,
      signal: AbortSignal.timeout(10_000),
      onEvents: () => assert.fail('no events expected'),
      onStatus: () => undefined,
      onFatal: (error) => fatal.push(error),
    });
    assert.equal(fatal.length, 1);
    assert.equal((fatal[0] as { name?: string }).name, 'ResourceNotFoundException');
    await waitFor('no open session', async () => (await liveSessions(emu)) === 0);
  });
});

describe('runLiveTail against a scripted API', () => {
  const plan: LiveTailPlan = {
    groups: [{ name: '/s', arn: 'arn:aws:logs:eu-west-1:123456789012:log-group:/s' }],
    logStreamNames: ['s/app/1'],
    wanted: new Map([['/s', new Set(['s/app/1'])]]),
  };
  const event = (timestamp: number, message: string): TailEvent => ({
    logGroup: '/s',
    logStream: 's/app/1',
    timestamp,
    ingestionTime: timestamp,
    message,
  });

  it('reconnects after a session timeout at once, backfilling from the slack before the last event seen', async () => {
    const abort = new AbortController();
    const filterFrom: number[] = [];
    let sessions = 0;
    const api: LogsApi = {
      startLiveTail: (_request, signal) => {
        sessions++;
        const first = sessions === 1;
        return Promise.resolve(
          (async function* (): AsyncGenerator<LiveTailMessage> {
            yield { kind: 'start', sessionId: `session-${sessions}` };
            if (first) {
              yield {
                kind: 'update',
                events: [event(100_000, 'one'), event(101_000, 'two')],
                sampled: false,
              };
              throw Object.assign(new Error('Session timed out'), { name: 'SessionTimeoutException' });
            }
            yield {
              kind: 'update',
              events: [event(101_000, 'two'), event(102_000, 'three')],
              sampled: false,
            };
            await new Promise<void>((resolve) =>
              signal.addEventListener('abort', () => resolve(), { once: true }),
            );
          })(),
        );
      },
      filterLogEvents: (request) => {
        filterFrom.push(request.startTime ?? -1);
        return Promise.resolve({ events: [event(101_000, 'two'), event(101_500, 'two and a half')] });
      },
    };
    const events: TailEvent[] = [];
    const statuses: LiveTailStatus[] = [];
    const done = runLiveTail({
      api,
      plan,
      signal: abort.signal,
      reconnectSlackMs: 5_000,
      onEvents: (batch) => events.push(...batch),
      onStatus: (status) => statuses.push(status),
      onFatal: (error) => assert.fail(`not fatal: ${String(error)}`),
    });
    try {
      await waitFor('the event after the reconnect', () => events.some((e) => e.message === 'three'));
    } finally {
      abort.abort();
      await done;
    }
    assert.equal(sessions, 2);
    assert.deepEqual(
      filterFrom,
      [101_000 - 5_000],
      'no backfill on the first connect; then from last - slack',
    );
    assert.deepEqual(
      events.map((e) => e.message),
      ['one', 'two', 'two and a half', 'three'],
      'no duplicate of "two", nothing lost between the sessions',
    );
    assert.deepEqual(
      statuses.filter((s) => s.kind === 'reconnecting'),
      [{ kind: 'reconnecting', reason: 'timeout' }],
    );
  });

  it('an access error is fatal and not retried', async () => {
    let calls = 0;
    const denied = Object.assign(new Error('not authorized to perform logs:StartLiveTail'), {
      name: 'AccessDeniedException',
      $metadata: { httpStatusCode: 400 },
    });
    const api: LogsApi = {
      startLiveTail: () => {
        calls++;
        return Promise.reject(denied);
      },
      filterLogEvents: () => Promise.resolve({ events: [] }),
    };
    const fatal: unknown[] = [];
    const statuses: LiveTailStatus[] = [];
    await runLiveTail({
      api,
      plan,
      signal: AbortSignal.timeout(10_000),
      onEvents: () => undefined,
      onStatus: (status) => statuses.push(status),
      onFatal: (error) => fatal.push(error),
    });
    assert.equal(calls, 1);
    assert.deepEqual(fatal, [denied]);
    assert.deepEqual(statuses, [{ kind: 'connecting' }]);
  });
});

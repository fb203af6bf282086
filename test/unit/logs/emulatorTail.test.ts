/**
 * The tail against the emulator through the real SDK: awslogs resolution from live task
 * definitions, Live Tail with reconnects after a forced session timeout and a dropped stream (no
 * gap, no duplicate), the FilterLogEvents fallback's call rate and de-duplication, and the 15-session
 * limit explained with a fallback.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { createAwsGateway } from '../../../client/src/aws/awsGateway';
import type { Connection } from '../../../client/src/aws/gateway';
import type { TailEvent } from '../../../client/src/aws/logEvents';
import { sdkLogsApi, type LogsApi } from '../../../client/src/aws/logsApi';
import { runTail, type TailNotice, type TailState } from '../../../client/src/aws/logTail';
import { findLogTargets, logGroupArn, type LogTarget } from '../../../client/src/aws/logTargets';
import { startEmulator, type RunningEmulator } from '../../../emulator';
import { waitFor } from '../../waitFor';
import { collectTail, logTarget, logsClient } from './logsEmulator';

/** Waits on a condition (awaited when async) for up to 15 s by default; see test/waitFor.ts. */
function until<T>(
  what: string,
  condition: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 15_000,
): Promise<T> {
  return waitFor(what, condition, { timeoutMs, intervalMs: 20 });
}

/** Writes numbered lines into streams of one group, like containers would. */
class Writer {
  private n = 0;
  private timer: NodeJS.Timeout | undefined;
  constructor(
    private readonly emu: RunningEmulator,
    readonly group: string,
    readonly streams: readonly string[],
  ) {}
  write(count = 1): void {
    const now = Date.now();
    for (let i = 0; i < count; i++) {
      const stream = this.streams[this.n % this.streams.length] ?? '';
      this.emu.state.logs.put(this.group, stream, [{ timestamp: now, message: `line ${this.n}` }], now);
      this.n++;
    }
  }
  start(everyMs: number, perTick = 1): void {
    this.timer = setInterval(() => this.write(perTick), everyMs);
  }
  stop(): number {
    clearInterval(this.timer);
    return this.n;
  }
  get written(): number {
    return this.n;
  }
}

function targetsFor(emu: RunningEmulator, group: string, streams: readonly string[]): LogTarget[] {
  return streams.map((logStream, i) => logTarget(emu, group, logStream, `task${i}0000000000000000000000000`));
}

const numbers = (events: readonly TailEvent[]): number[] =>
  events.map((e) => Number(/^line (\d+)$/.exec(e.message)?.[1] ?? NaN));

describe('log tailing against the emulator', () => {
  let emu: RunningEmulator;
  let client: CloudWatchLogsClient;
  let api: LogsApi;
  let connection: Connection;

  before(async () => {
    emu = await startEmulator({ scenario: 'demo', speed: 20, liveTailSessionTimeoutMs: 60 * 60 * 1000 });
    client = logsClient(emu);
    api = sdkLogsApi(client);
    connection = { profile: 'default', region: emu.region, endpoint: emu.url };
  });

  after(async () => {
    client.destroy();
    await emu.stop();
  });

  it('resolves awslogs streams PREFIX/CONTAINER/TASK_ID of every task of a service', async () => {
    const gateway = createAwsGateway();
    try {
      const clusters = await gateway.listClusters(connection);
      assert.ok(clusters.ok);
      let found;
      for (const cluster of clusters.value) {
        const services = await gateway.listAllServices(connection, cluster.arn);
        assert.ok(services.ok);
        const web = services.value.find((s) => s.name === 'web');
        if (web) {
          await until('web tasks running', async () => {
            const now = await gateway.describeServices(connection, cluster.arn, ['web'], { maxAge: 0 });
            return now.ok && (now.value[0]?.runningCount ?? 0) > 0;
          });
          const tasks = await gateway.listTasks(connection, cluster.arn, {
            serviceName: 'web',
            desiredStatus: 'RUNNING',
          });
          assert.ok(tasks.ok);
          found = await findLogTargets(gateway, connection, {
            kind: 'service',
            cluster: cluster.arn,
            service: 'web',
          });
          assert.equal(found.taskCount, tasks.value.length);
          assert.ok(found.taskCount > 0);
          const expected = tasks.value.flatMap((t) => ['web', 'envoy'].map((c) => `web/${c}/${t.id}`)).sort();
          assert.deepEqual(found.targets.map((t) => t.logStream).sort(), expected);
          assert.ok(found.targets.every((t) => t.logGroup === '/ecs/web' && t.region === emu.region));
          assert.deepEqual(found.problems, []);
        }
      }
      assert.ok(found, 'the demo scenario has a web service');
    } finally {
      gateway.dispose();
    }
  });

  it('follows Live Tail across a forced session timeout and a dropped stream with no gap and no duplicate', async () => {
    const group = '/test/reconnect';
    const streams = ['app/app/t1', 'app/app/t2', 'app/app/t3'];
    const writer = new Writer(emu, group, streams);
    writer.write(3); // the group must exist before StartLiveTail
    const received: TailEvent[] = [];
    const states: TailState[] = [];
    const sessions: string[] = [];
    const abort = new AbortController();
    const done = runTail({
      targets: targetsFor(emu, group, streams),
      apiFor: () => api,
      mode: 'liveTail',
      sinceMs: 60_000,
      signal: abort.signal,
      onEvents: (events) => received.push(...events),
      onNotice: () => undefined,
      onState: (s) => states.push(s),
      onSession: (id) => sessions.push(id),
    });
    await until('the first session', () => sessions.length === 1 && states.at(-1) === 'live');
    await until('the backfill of the first lines', () => received.length >= 3);
    writer.start(10, 3);
    await until('live lines', () => received.length >= 60);
    assert.equal(emu.endLiveTailSessions('timeout'), 1);
    await until('a new session after the timeout', () => sessions.length === 2);
    await until(
      'lines after the reconnect',
      () => received.length >= writer.written - 3 && writer.written > 200,
    );
    emu.faults.set({ operation: 'StartLiveTail', kind: 'dropStream', afterMs: 300, count: 1 });
    assert.equal(emu.endLiveTailSessions('drop'), 1);
    await until(
      'a third session (then a fourth after the injected drop)',
      () => sessions.length >= 4,
      20_000,
    );
    const writtenAtDrop = writer.written;
    await until('lines written after the drop', () => writer.written >= writtenAtDrop + 20);
    const total = writer.stop();
    await until('every line', () => received.length >= total, 20_000);
    assert.ok(states.includes('reconnecting'));
    const seen = numbers(received);
    assert.equal(seen.length, total, 'no duplicate');
    assert.deepEqual(
      [...seen].sort((a, b) => a - b),
      Array.from({ length: total }, (_, i) => i),
      'no gap',
    );
    abort.abort();
    await done;
    await until('the emulator to see the sessions end', async () => (await liveSessions(emu)) === 0);
  });

  it('polls FilterLogEvents at most once per 2 s per group, paginating, without duplicates', async () => {
    const groupA = '/test/poll-a';
    const groupB = '/test/poll-b';
    const a = new Writer(emu, groupA, ['p/app/1', 'p/app/2', 'p/app/3']);
    const b = new Writer(emu, groupB, ['q/app/1']);
    a.write(12_000); // more than one 10,000-event page (the emulator keeps 5,000 per stream)
    b.write(5);
    emu.calls.reset();
    const received: TailEvent[] = [];
    const abort = new AbortController();
    const startedAt = Date.now();
    const done = runTail({
      targets: [
        ...targetsFor(emu, groupA, ['p/app/1', 'p/app/2', 'p/app/3']),
        ...targetsFor(emu, groupB, ['q/app/1']),
      ],
      apiFor: () => api,
      mode: 'poll',
      sinceMs: 60_000,
      signal: abort.signal,
      onEvents: (events) => received.push(...events),
      onNotice: () => undefined,
    });
    await until('the backfill of both groups', () => received.length >= 12_005, 20_000);
    a.start(20, 5);
    // Three polling intervals (2 s each) of new lines: about 250 lines/s for 6.5 s.
    const writtenBefore = a.written;
    await until('6.5 s worth of new lines', () => a.written >= writtenBefore + 1_600, 20_000);
    const total = a.stop();
    await until(
      'the last lines',
      () => received.filter((e) => e.logGroup === groupA).length >= total,
      10_000,
    );
    abort.abort();
    await done;
    const elapsed = Date.now() - startedAt;
    const calls = emu.calls.list('FilterLogEvents');
    for (const group of [groupA, groupB]) {
      const times = calls
        .filter((c) => (c.params as { logGroupName?: string }).logGroupName === group)
        .map((c) => c.at);
      for (let i = 1; i < times.length; i++) {
        assert.ok(
          (times[i] ?? 0) - (times[i - 1] ?? 0) >= 2000,
          `${group}: calls ${i - 1} and ${i} are ${(times[i] ?? 0) - (times[i - 1] ?? 0)} ms apart`,
        );
      }
      assert.ok(
        times.length <= Math.ceil(elapsed / 2000) + 1,
        `${group}: ${times.length} calls in ${elapsed} ms`,
      );
    }
    assert.ok(
      calls.some((c) => typeof (c.params as { nextToken?: string }).nextToken === 'string'),
      'paginated',
    );
    const aNumbers = numbers(received.filter((e) => e.logGroup === groupA));
    assert.equal(new Set(aNumbers).size, aNumbers.length, 'no duplicate');
    assert.equal(aNumbers.length, total);
  });

  it('splits a sampled Live Tail session so that 1,000 events/s all arrive', async () => {
    // Live Tail sends at most 500 events per update (one a second at speed 1).
    const slow = await startEmulator({ scenario: 'empty', speed: 1 });
    const slowClient = logsClient(slow);
    try {
      const group = '/test/busy';
      const streams = Array.from({ length: 10 }, (_, i) => `busy/app/${i}`);
      const writer = new Writer(slow, group, streams);
      writer.write(10);
      const { received, notices, sessions, stop } = collectTail(targetsFor(slow, group, streams), () =>
        sdkLogsApi(slowClient),
      );
      await until('the first session', () => sessions.length === 1);
      writer.start(10, 10); // 1,000 events/s
      await until(
        'the tail to split into three sessions while lines flow',
        () => sessions.length >= 3,
        20_000,
      );
      const total = writer.stop();
      await until('every line', () => received.length >= total, 20_000);
      await stop();
      assert.ok(sessions.length >= 3, `${sessions.length} sessions`);
      const seen = numbers(received);
      assert.equal(seen.length, total, 'no duplicate');
      assert.equal(new Set(seen).size, total, 'no gap');
      assert.ok(!notices.some((n) => /sampling/.test(n.text)), notices.map((n) => n.text).join('\n'));
    } finally {
      slowClient.destroy();
      await slow.stop();
    }
  });

  it('explains the 15-session limit and falls back to polling', async () => {
    const group = '/test/limit';
    const writer = new Writer(emu, group, ['l/app/1']);
    writer.write(1);
    const holders = new AbortController();
    const held: Promise<unknown>[] = [];
    for (let i = 0; i < 15; i++) {
      const stream = await api.startLiveTail(
        { logGroupArns: [logGroupArn('aws', emu.region, emu.accountId, group)] },
        holders.signal,
      );
      held.push(
        (async () => {
          try {
            for await (const _ of stream) {
              /* hold the session open */
            }
          } catch {
            /* aborted */
          }
        })(),
      );
    }
    await until('15 open sessions', async () => (await liveSessions(emu)) === 15);
    const notices: TailNotice[] = [];
    const received: TailEvent[] = [];
    const states: TailState[] = [];
    const abort = new AbortController();
    const done = runTail({
      targets: targetsFor(emu, group, ['l/app/1']),
      apiFor: () => api,
      mode: 'liveTail',
      sinceMs: 60_000,
      pollIntervalMs: 2000,
      signal: abort.signal,
      onEvents: (events) => received.push(...events),
      onNotice: (n) => notices.push(n),
      onState: (s) => states.push(s),
    });
    await until('the explanation', () =>
      notices.some((n) => /15 concurrent Live Tail sessions/.test(n.text)),
    );
    await until('polling', () => states.at(-1) === 'polling');
    writer.write(1);
    await until('lines by polling', () => received.length >= 2, 10_000);
    abort.abort();
    holders.abort();
    await done;
    await Promise.all(held);
    await until('sessions closed', async () => (await liveSessions(emu)) === 0);
  });
});

/** Open Live Tail sessions as the emulator counts them (its admin endpoint). */
async function liveSessions(emu: RunningEmulator): Promise<number> {
  const response = await fetch(`${emu.url}/__admin/state`, {
    headers: { 'x-emulator-admin-token': emu.adminToken },
  });
  const body = (await response.json()) as { liveTailSessions?: number };
  return body.liveTailSessions ?? -1;
}

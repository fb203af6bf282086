import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  InvalidParameterException,
  PutLogEventsCommand,
  ResourceNotFoundException,
  SessionStreamingException,
  SessionTimeoutException,
  StartLiveTailCommand,
  type LiveTailSessionLogEvent,
  type StartLiveTailResponseStream,
} from '@aws-sdk/client-cloudwatch-logs';
import {
  CreateClusterCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  type RegisterTaskDefinitionCommandInput,
} from '@aws-sdk/client-ecs';
import { errorOf, fargateTaskDefinition, network, until, suiteEmulator } from './helpers';

const td = (x: Record<string, unknown>): RegisterTaskDefinitionCommandInput =>
  x as unknown as RegisterTaskDefinitionCommandInput;

/** Reads a live tail stream in the background, collecting results until `stop()` or the stream ends. */
function reader(stream: AsyncIterable<StartLiveTailResponseStream> | undefined): {
  results: LiveTailSessionLogEvent[];
  updates: { sampled: boolean; count: number }[];
  started: () => boolean;
  done: Promise<Error | undefined>;
} {
  const results: LiveTailSessionLogEvent[] = [];
  const updates: { sampled: boolean; count: number }[] = [];
  let started = false;
  const done = (async (): Promise<Error | undefined> => {
    if (!stream) return new Error('no stream');
    try {
      for await (const event of stream) {
        if (event.sessionStart) started = true;
        if (event.sessionUpdate) {
          const r = event.sessionUpdate.sessionResults ?? [];
          updates.push({ sampled: event.sessionUpdate.sessionMetadata?.sampled === true, count: r.length });
          results.push(...r);
        }
      }
      return undefined;
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    }
  })();
  return { results, updates, started: () => started, done };
}

describe('emulator: CloudWatch Logs', () => {
  const c = suiteEmulator({ scenario: 'empty', speed: 50 }, async (c) => {
    await c.logs.send(new CreateLogGroupCommand({ logGroupName: '/test/known' }));
    await c.logs.send(
      new CreateLogStreamCommand({ logGroupName: '/test/known', logStreamName: 'app/main/1' }),
    );
    await c.logs.send(
      new CreateLogStreamCommand({ logGroupName: '/test/known', logStreamName: 'app/side/1' }),
    );
    const base = Date.now() - 60000;
    await c.logs.send(
      new PutLogEventsCommand({
        logGroupName: '/test/known',
        logStreamName: 'app/main/1',
        logEvents: Array.from({ length: 25 }, (_, i) => ({
          timestamp: base + i * 1000,
          message:
            i % 5 === 0
              ? `ERROR job ${i} failed: connection refused`
              : i % 5 === 1
                ? JSON.stringify({ level: 'warn', n: i })
                : `INFO job ${i} ok`,
        })),
      }),
    );
    await c.logs.send(
      new PutLogEventsCommand({
        logGroupName: '/test/known',
        logStreamName: 'app/side/1',
        logEvents: [{ timestamp: base + 500, message: 'DEBUG side car ERROR-free' }],
      }),
    );
  });

  it('names awslogs streams PREFIX/CONTAINER/TASK_ID and writes varied, levelled lines', async () => {
    await c.ecs.send(new CreateClusterCommand({ clusterName: 'logs' }));
    await c.ecs.send(
      new RegisterTaskDefinitionCommand(td(fargateTaskDefinition('orders-api', 'orders-api:1'))),
    );
    const run = await c.ecs.send(
      new RunTaskCommand({
        cluster: 'logs',
        taskDefinition: 'orders-api',
        launchType: 'FARGATE',
        networkConfiguration: network,
      }),
    );
    const taskId = run.tasks?.[0]?.taskArn?.split('/').pop() ?? '';
    const streams = await until('log stream', async () => {
      const d = await c.logs.send(new DescribeLogStreamsCommand({ logGroupName: '/ecs/orders-api' }));
      return d.logStreams?.length ? d.logStreams : undefined;
    });
    assert.equal(streams[0]?.logStreamName, `ecs/app/${taskId}`);
    assert.match(
      streams[0]?.arn ?? '',
      /^arn:aws:logs:us-east-1:123456789012:log-group:\/ecs\/orders-api:log-stream:ecs\/app\/[0-9a-f]{32}$/,
    );
    c.emu.advance(15 * 60 * 1000);
    const events = await c.logs.send(
      new GetLogEventsCommand({
        logGroupName: '/ecs/orders-api',
        logStreamName: `ecs/app/${taskId}`,
        startFromHead: true,
      }),
    );
    const messages = (events.events ?? []).map((e) => e.message ?? '');
    assert.ok(messages.length > 100, `${messages.length} lines after 15 simulated minutes`);
    for (const level of ['INFO', 'WARN', 'ERROR'])
      assert.ok(
        messages.some((m) => m.includes(level)),
        `a ${level} line`,
      );
    // Without awslogs-multiline-pattern, a stack trace arrives one line per event, as with the real driver.
    assert.ok(
      messages.some((m) => /^\s+at |^\tat |^Traceback/.test(m)),
      'stack trace lines',
    );
  });

  it('describes log groups and streams with limits, prefixes and order', async () => {
    for (const name of ['/p/a', '/p/b', '/p/c'])
      await c.logs.send(new CreateLogGroupCommand({ logGroupName: name }));
    const first = await c.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/p/', limit: 2 }));
    assert.deepEqual(
      first.logGroups?.map((g) => g.logGroupName),
      ['/p/a', '/p/b'],
    );
    assert.equal(first.logGroups?.[0]?.arn, 'arn:aws:logs:us-east-1:123456789012:log-group:/p/a:*');
    assert.equal(first.logGroups?.[0]?.logGroupArn, 'arn:aws:logs:us-east-1:123456789012:log-group:/p/a');
    const second = await c.logs.send(
      new DescribeLogGroupsCommand({ logGroupNamePrefix: '/p/', limit: 2, nextToken: first.nextToken }),
    );
    assert.deepEqual(
      second.logGroups?.map((g) => g.logGroupName),
      ['/p/c'],
    );
    assert.equal(second.nextToken, undefined);
    const tooMany = await errorOf(c.logs.send(new DescribeLogGroupsCommand({ limit: 51 })));
    assert.ok(tooMany instanceof InvalidParameterException);
    const streams = await c.logs.send(
      new DescribeLogStreamsCommand({
        logGroupName: '/test/known',
        orderBy: 'LastEventTime',
        descending: true,
      }),
    );
    assert.deepEqual(
      streams.logStreams?.map((s) => s.logStreamName),
      ['app/main/1', 'app/side/1'],
    );
    assert.ok((streams.logStreams?.[0]?.lastEventTimestamp ?? 0) > 0);
    const conflict = await errorOf(
      c.logs.send(
        new DescribeLogStreamsCommand({
          logGroupName: '/test/known',
          orderBy: 'LastEventTime',
          logStreamNamePrefix: 'app',
        }),
      ),
    );
    assert.ok(conflict instanceof InvalidParameterException);
    const missing = await errorOf(c.logs.send(new DescribeLogStreamsCommand({ logGroupName: '/nope' })));
    assert.ok(missing instanceof ResourceNotFoundException);
  });

  it('pages GetLogEvents forwards and backwards with tokens', async () => {
    const input = { logGroupName: '/test/known', logStreamName: 'app/main/1', limit: 10 };
    const head = await c.logs.send(new GetLogEventsCommand({ ...input, startFromHead: true }));
    assert.equal(head.events?.length, 10);
    assert.match(head.events?.[0]?.message ?? '', /job 0 /);
    assert.match(head.events?.[9]?.message ?? '', /job 9 /);
    const next = await c.logs.send(new GetLogEventsCommand({ ...input, nextToken: head.nextForwardToken }));
    assert.equal(next.events?.length, 10);
    assert.match(next.events?.[0]?.message ?? '', /job 10 /);
    const last = await c.logs.send(new GetLogEventsCommand({ ...input, nextToken: next.nextForwardToken }));
    assert.equal(last.events?.length, 5);
    const end = await c.logs.send(new GetLogEventsCommand({ ...input, nextToken: last.nextForwardToken }));
    assert.equal(end.events?.length, 0);
    assert.equal(end.nextForwardToken, last.nextForwardToken, 'the same token at the end of the stream');
    const tail = await c.logs.send(new GetLogEventsCommand(input));
    assert.match(tail.events?.[9]?.message ?? '', /job 24 /);
    const back = await c.logs.send(new GetLogEventsCommand({ ...input, nextToken: tail.nextBackwardToken }));
    assert.match(back.events?.[0]?.message ?? '', /job 5 /);
    const missing = await errorOf(
      c.logs.send(new GetLogEventsCommand({ logGroupName: '/test/known', logStreamName: 'nope' })),
    );
    assert.ok(missing instanceof ResourceNotFoundException);
  });

  it('filters events by pattern, streams, time range and pages them', async () => {
    const filter = async (extra: Record<string, unknown>): Promise<string[]> => {
      const r = await c.logs.send(new FilterLogEventsCommand({ logGroupName: '/test/known', ...extra }));
      return (r.events ?? []).map((e) => e.message ?? '');
    };
    assert.equal(
      (await filter({ filterPattern: 'ERROR' })).length,
      6,
      'term matches, case-sensitive, across streams',
    );
    assert.equal((await filter({ filterPattern: '"connection refused"' })).length, 5);
    assert.equal((await filter({ filterPattern: 'ERROR -DEBUG' })).length, 5);
    assert.equal((await filter({ filterPattern: '?ERROR ?DEBUG' })).length, 6);
    assert.equal((await filter({ filterPattern: '{ $.level = "warn" }' })).length, 5);
    assert.equal((await filter({ filterPattern: '{ $.n > 10 && $.level = "w*" }' })).length, 3);
    assert.equal((await filter({ logStreamNamePrefix: 'app/side' })).length, 1);
    assert.equal((await filter({ logStreamNames: ['app/main/1'], filterPattern: 'ERROR' })).length, 5);
    const all = await c.logs.send(
      new FilterLogEventsCommand({ logGroupName: '/test/known', logStreamNames: ['app/main/1'] }),
    );
    const t5 = all.events?.[5]?.timestamp ?? 0;
    const t9 = all.events?.[9]?.timestamp ?? 0;
    assert.equal((await filter({ logStreamNames: ['app/main/1'], startTime: t5, endTime: t9 })).length, 5);
    const page1 = await c.logs.send(new FilterLogEventsCommand({ logGroupName: '/test/known', limit: 20 }));
    assert.equal(page1.events?.length, 20);
    assert.equal(page1.events?.[0]?.logStreamName, 'app/main/1');
    assert.equal(page1.events?.[1]?.logStreamName, 'app/side/1', 'events interleaved by time');
    const page2 = await c.logs.send(
      new FilterLogEventsCommand({ logGroupName: '/test/known', limit: 20, nextToken: page1.nextToken }),
    );
    assert.equal(page2.events?.length, 6);
    assert.equal(page2.nextToken, undefined);
    const both = await errorOf(
      c.logs.send(
        new FilterLogEventsCommand({
          logGroupName: '/test/known',
          logStreamNames: ['a'],
          logStreamNamePrefix: 'a',
        }),
      ),
    );
    assert.ok(both instanceof InvalidParameterException);
    const missing = await errorOf(c.logs.send(new FilterLogEventsCommand({ logGroupName: '/nope' })));
    assert.ok(missing instanceof ResourceNotFoundException);
  });

  it('streams Live Tail through the SDK responseStream, filtered by stream prefix and pattern', async () => {
    await c.logs.send(new CreateLogGroupCommand({ logGroupName: '/live/one' }));
    await c.logs.send(new CreateLogStreamCommand({ logGroupName: '/live/one', logStreamName: 'web/app/1' }));
    await c.logs.send(new CreateLogStreamCommand({ logGroupName: '/live/one', logStreamName: 'jobs/app/1' }));
    const arn = 'arn:aws:logs:us-east-1:123456789012:log-group:/live/one';
    const res = await c.logs.send(
      new StartLiveTailCommand({
        logGroupIdentifiers: [arn],
        logStreamNamePrefixes: ['web/'],
        logEventFilterPattern: '-noise',
      }),
    );
    const r = reader(res.responseStream);
    await until('sessionStart', () => r.started());
    const put = async (stream: string, messages: string[]): Promise<void> => {
      await c.logs.send(
        new PutLogEventsCommand({
          logGroupName: '/live/one',
          logStreamName: stream,
          logEvents: messages.map((message) => ({ timestamp: Date.now(), message })),
        }),
      );
    };
    await put('web/app/1', ['hello from web', 'noise line']);
    await put('jobs/app/1', ['hello from jobs']);
    const got = await until('web line', () => r.results.find((e) => e.message === 'hello from web'));
    assert.equal(got.logStreamName, 'web/app/1');
    assert.equal(got.logGroupIdentifier, arn);
    assert.ok((got.timestamp ?? 0) > 0);
    await put(
      'web/app/1',
      Array.from({ length: 1200 }, (_, i) => `burst ${i}`),
    );
    const sampled = await until('sampled update', () => r.updates.find((u) => u.sampled));
    assert.equal(sampled.count, 500, 'an update carries at most 500 events');
    assert.ok(!r.results.some((e) => e.message === 'hello from jobs' || e.message === 'noise line'));
    assert.ok(r.updates.every((u) => u.count <= 500));
    c.emu.endLiveTailSessions('error');
    const error = await r.done;
    assert.ok(error instanceof SessionStreamingException, String(error));
  });

  it('closes the session when the client aborts', async () => {
    const abort = new AbortController();
    const res = await c.logs.send(
      new StartLiveTailCommand({
        logGroupIdentifiers: ['arn:aws:logs:us-east-1:123456789012:log-group:/test/known'],
      }),
      {
        abortSignal: abort.signal,
      },
    );
    const r = reader(res.responseStream);
    await until('sessionStart', () => r.started());
    const open = async (): Promise<number> =>
      (
        (await (
          await fetch(`${c.emu.url}/__admin/state`, {
            headers: { 'x-emulator-admin-token': c.emu.adminToken },
          })
        ).json()) as { liveTailSessions: number }
      ).liveTailSessions;
    assert.equal(await open(), 1);
    abort.abort();
    await r.done;
    await until('the session closed on the server', async () => (await open()) === 0);
  });

  it('rejects Live Tail requests AWS rejects before streaming', async () => {
    const missing = await errorOf(
      c.logs.send(
        new StartLiveTailCommand({
          logGroupIdentifiers: ['arn:aws:logs:us-east-1:123456789012:log-group:/nope'],
        }),
      ),
    );
    assert.ok(missing instanceof ResourceNotFoundException);
    const both = await errorOf(
      c.logs.send(
        new StartLiveTailCommand({
          logGroupIdentifiers: ['arn:aws:logs:us-east-1:123456789012:log-group:/test/known'],
          logStreamNames: ['a'],
          logStreamNamePrefixes: ['a'],
        }),
      ),
    );
    assert.ok(both instanceof InvalidParameterException);
    const byName = await errorOf(
      c.logs.send(new StartLiveTailCommand({ logGroupIdentifiers: ['/test/known'] })),
    );
    assert.ok(byName instanceof InvalidParameterException);
    assert.match(byName.message, /must be log group ARNs/);
  });
});

const T_ARN = 'arn:aws:logs:us-east-1:123456789012:log-group:/t';

describe('emulator: Live Tail session end', () => {
  const c = suiteEmulator({ scenario: 'empty', liveTailSessionTimeoutMs: 300 }, async (c) => {
    await c.logs.send(new CreateLogGroupCommand({ logGroupName: '/t' }));
  });

  it('ends a session with SessionTimeoutException after the configured timeout', async () => {
    const res = await c.logs.send(new StartLiveTailCommand({ logGroupIdentifiers: [T_ARN] }));
    const error = await reader(res.responseStream).done;
    assert.ok(error instanceof SessionTimeoutException, String(error));
  });

  it('cuts the stream on a dropStream fault', async () => {
    c.emu.faults.set({ operation: 'StartLiveTail', kind: 'dropStream', afterMs: 50, count: 1 });
    const res = await c.logs.send(new StartLiveTailCommand({ logGroupIdentifiers: [T_ARN] }));
    const r = reader(res.responseStream);
    const error = await r.done;
    assert.ok(r.started());
    assert.ok(error instanceof Error);
    assert.ok(!(error instanceof SessionTimeoutException));
  });
});

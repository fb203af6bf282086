import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AwsGateway } from '../../../client/src/aws/awsGateway';
import { EcsWrites } from '../../../client/src/aws/ecsWrites';
import type { Connection } from '../../../client/src/aws/gateway';
import { startEmulator, type RunningEmulator } from '../../../emulator';

/** Params of every recorded call of one operation. */
const paramsOf = (emu: RunningEmulator, op: string): Record<string, unknown>[] =>
  emu.calls.list(op).map((c) => c.params as Record<string, unknown>);

describe('AwsGateway against the emulator (big scenario, 500 services × 2 tasks)', () => {
  let emu: RunningEmulator;
  let conn: Connection;
  before(async () => {
    emu = await startEmulator({ scenario: 'big', services: 500 });
    conn = { profile: 'test', region: emu.region, endpoint: emu.url };
  });
  after(async () => {
    await emu.stop();
  });

  it('describes 500 services in 55 calls: ListServices by 100, DescribeServices by 10', async () => {
    const gateway = new AwsGateway();
    emu.calls.reset();
    let pages = 0;
    const r = await gateway.listAllServices(conn, 'big', { onPage: () => pages++ });
    assert.ok(r.ok, r.ok ? '' : r.error.detail);
    assert.equal(r.value.length, 500);
    assert.equal(new Set(r.value.map((s) => s.name)).size, 500);
    assert.equal(pages, 5);
    assert.deepEqual(emu.calls.byOperation(), { ListServices: 5, DescribeServices: 50 });
    assert.ok(paramsOf(emu, 'ListServices').every((p) => p.maxResults === 100));
    assert.ok(
      paramsOf(emu, 'DescribeServices').every((p) => Array.isArray(p.services) && p.services.length === 10),
    );
    const svc = r.value.find((s) => s.name === 'svc-0007');
    assert.equal(svc?.runningCount, 2);
    assert.equal(svc?.rolloutState, 'COMPLETED');
    gateway.dispose();
  });

  it('lists and describes 1,000 tasks in 20 calls', async () => {
    const gateway = new AwsGateway();
    emu.calls.reset();
    const r = await gateway.listTasks(conn, 'big', { desiredStatus: 'RUNNING' });
    assert.ok(r.ok, r.ok ? '' : r.error.detail);
    assert.equal(r.value.length, 1000);
    assert.deepEqual(emu.calls.byOperation(), { ListTasks: 10, DescribeTasks: 10 });
    assert.ok(r.value.every((t) => t.serviceName?.startsWith('svc-') && t.containers.length === 1));
    gateway.dispose();
  });

  it('pages services 100 at a time for the tree', async () => {
    const gateway = new AwsGateway();
    const first = await gateway.listServices(conn, 'big');
    assert.ok(first.ok);
    assert.equal(first.value.items.length, 100);
    assert.ok(first.value.nextToken);
    const second = await gateway.listServices(conn, 'big', first.value.nextToken);
    assert.ok(second.ok);
    assert.equal(second.value.items.length, 100);
    const names = new Set([...first.value.items, ...second.value.items].map((s) => s.name));
    assert.equal(names.size, 200);
    gateway.dispose();
  });

  it('serves repeated reads from the cache and shares reads in flight', async () => {
    const gateway = new AwsGateway();
    emu.calls.reset();
    const [a, b] = await Promise.all([gateway.listClusters(conn), gateway.listClusters(conn)]);
    assert.ok(a.ok && b.ok);
    assert.deepEqual(
      a.value.map((c) => [c.name, c.activeServicesCount, c.runningTasksCount]),
      [['big', 500, 1000]],
    );
    await gateway.listClusters(conn);
    assert.equal(emu.calls.count('ListClusters'), 1);
    await gateway.listClusters(conn, { maxAge: 0 });
    assert.equal(emu.calls.count('ListClusters'), 2);
    gateway.dispose();
  });

  it('serves a click before queued background refreshes', async () => {
    const gateway = new AwsGateway();
    // 60 background reads: the first 40 may use half the client bucket, the rest trickle at 4/s.
    const background = Array.from({ length: 60 }, (_, i) =>
      gateway.describeServices(conn, 'big', [`svc-${String(i + 1).padStart(4, '0')}`], {
        priority: 'background',
      }),
    );
    await new Promise((resolve) => setImmediate(resolve));
    const started = Date.now();
    const click = await gateway.listServices(conn, 'big', undefined, { maxAge: 0 });
    const clickMs = Date.now() - started;
    assert.ok(click.ok);
    assert.equal(click.value.items.length, 100);
    assert.ok(clickMs < 1000, `the click waited ${clickMs} ms`);
    const bucket = gateway.limiter(conn).bucket('serviceReads');
    assert.ok(bucket.queued() > 0, 'background reads are still queued behind the click');
    const results = await Promise.all(background);
    assert.ok(results.every((r) => r.ok && r.value.length === 1));
    gateway.dispose();
  });

  it('keeps zero throttling with the emulator at AWS rates on 1,000 service descriptions', async () => {
    const gateway = new AwsGateway();
    emu.faults.useAwsRateLimits(true);
    try {
      const all = await gateway.listAllServices(conn, 'big');
      // Spend what is left of the client bucket, so the second listing (110 calls) must be paced
      // however slowly the machine answered the first.
      const bucket = gateway.limiter(conn).bucket('serviceReads');
      while (bucket.available() >= 1) await bucket.acquire('interactive');
      const waitsBefore = bucket.waits;
      const again = await gateway.listAllServices(conn, 'big', { maxAge: 0 });
      assert.ok(all.ok && again.ok);
      assert.equal(gateway.stats.throttled, 0);
      assert.ok(bucket.waits > waitsBefore, 'the client limiter paced the second listing');
    } finally {
      emu.faults.useAwsRateLimits(false);
      gateway.dispose();
    }
  });
});

describe('AwsGateway errors and task definitions (demo scenario)', () => {
  let emu: RunningEmulator;
  let conn: Connection;
  before(async () => {
    emu = await startEmulator({ scenario: 'demo' });
    conn = { profile: 'dev', region: emu.region, endpoint: emu.url };
  });
  after(async () => {
    await emu.stop();
  });

  it('retries throttled reads with jitter and succeeds', async () => {
    const gateway = new AwsGateway();
    emu.faults.set({ operation: 'ListClusters', kind: 'throttle', count: 2 });
    const r = await gateway.listClusters(conn);
    assert.ok(r.ok);
    assert.deepEqual(
      r.value.map((c) => c.name),
      ['batch', 'prod', 'staging'],
    );
    assert.equal(gateway.stats.throttled, 2);
    assert.equal(gateway.stats.retries, 2);
    gateway.dispose();
  });

  it('gives up on an interactive read within its deadline with a Throttled value', async () => {
    const gateway = new AwsGateway({ interactiveDeadlineMs: 1500 });
    emu.faults.set({ operation: 'ListClusters', kind: 'throttle' });
    const started = Date.now();
    const r = await gateway.listClusters(conn).finally(() => {
      emu.faults.clear();
      gateway.dispose();
    });
    assert.ok(!r.ok);
    assert.equal(r.error.kind, 'Throttled');
    assert.equal(r.error.operation, 'ListClusters');
    assert.ok(Date.now() - started < 2500, `took ${Date.now() - started} ms`);
  });

  it('reports expired tokens and access denied as values with their fix', async () => {
    const gateway = new AwsGateway();
    emu.faults.set({ operation: 'ListClusters', kind: 'expiredToken', count: 1 });
    const expired = await gateway.listClusters(conn);
    assert.ok(!expired.ok);
    assert.equal(expired.error.kind, 'ExpiredToken');
    assert.equal(emu.calls.count('ListClusters') > 0, true);
    emu.faults.set({ operation: 'ListServices', kind: 'accessDenied', count: 1 });
    const denied = await gateway.listServices(conn, 'prod');
    assert.ok(!denied.ok);
    assert.equal(denied.error.kind, 'AccessDenied');
    assert.match(denied.error.message, /ecs:ListServices/);
    // Errors are not cached: the next read succeeds.
    const retry = await gateway.listServices(conn, 'prod');
    assert.ok(retry.ok);
    assert.deepEqual(
      retry.value.items.map((s) => s.name),
      ['api', 'checkout', 'web'],
    );
    gateway.dispose();
  });

  it('reports an unreachable endpoint as a Network error fast', async () => {
    const gateway = new AwsGateway({ interactiveDeadlineMs: 2000 });
    const started = Date.now();
    const r = await gateway.listClusters({
      profile: 'x',
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:1',
    });
    assert.ok(!r.ok);
    assert.equal(r.error.kind, 'Network');
    assert.ok(Date.now() - started < 3000);
    gateway.dispose();
  });

  it('returns a missing cluster as NotFound and missing services as failures, not errors', async () => {
    const gateway = new AwsGateway();
    const missing = await gateway.listServices(conn, 'no-such-cluster');
    assert.ok(!missing.ok);
    assert.equal(missing.error.kind, 'NotFound');
    const some = await gateway.describeServices(conn, 'prod', ['web', 'gone']);
    assert.ok(some.ok);
    assert.deepEqual(
      some.value.map((s) => s.name),
      ['web'],
    );
    gateway.dispose();
  });

  it('shows a rollout in progress from DescribeServices without extra calls', async () => {
    const gateway = new AwsGateway();
    const r = await gateway.listServices(conn, 'prod');
    assert.ok(r.ok);
    const api = r.value.items.find((s) => s.name === 'api');
    assert.equal(api?.rolloutState, 'IN_PROGRESS');
    assert.equal(api?.deployments.length, 2);
    assert.deepEqual(
      api?.deployments.map((d) => d.status),
      ['PRIMARY', 'ACTIVE'],
    );
    gateway.dispose();
  });

  it('lists revisions newest first and caches described revisions forever', async () => {
    const gateway = new AwsGateway();
    const revisions = await gateway.listTaskDefinitionRevisions(conn, 'api');
    assert.ok(revisions.ok);
    assert.deepEqual(
      revisions.value.map((r) => `${r.family}:${r.revision}:${r.status}`),
      ['api:2:ACTIVE', 'api:1:ACTIVE'],
    );
    emu.calls.reset();
    const a = await gateway.describeTaskDefinition(conn, 'api:1');
    gateway.invalidate(conn);
    const b = await gateway.describeTaskDefinition(conn, revisions.value[1]?.arn ?? '', { maxAge: 0 });
    assert.ok(a.ok && b.ok);
    assert.equal(a.value.revision, 1);
    assert.equal(emu.calls.count('DescribeTaskDefinition'), 1);
    const families = await gateway.listTaskDefinitionFamilies(conn);
    assert.ok(families.ok);
    assert.ok(
      ['admin', 'api', 'checkout', 'nightly-report', 'web', 'worker'].every((f) =>
        families.value.items.includes(f),
      ),
    );
    gateway.dispose();
  });

  it('lists standalone and stopped tasks with their stop reason', async () => {
    const gateway = new AwsGateway();
    const running = await gateway.listTasks(conn, 'batch', { desiredStatus: 'RUNNING' });
    assert.ok(running.ok);
    const standalone = running.value.filter((t) => !t.serviceName);
    assert.ok(standalone.length >= 1);
    assert.equal(standalone[0]?.family, 'nightly-report');
    const writes = new EcsWrites(gateway);
    const stopped = await writes.stopTask(conn, 'batch', standalone[0]?.arn ?? '', 'Stopped from the test');
    assert.ok(stopped.ok, stopped.ok ? '' : stopped.error.detail);
    const after = await gateway.listTasks(conn, 'batch', { desiredStatus: 'STOPPED' });
    assert.ok(after.ok);
    const task = after.value.find((t) => t.arn === standalone[0]?.arn);
    assert.equal(task?.stoppedReason, 'Stopped from the test');
    gateway.dispose();
  });
});

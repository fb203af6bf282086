import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';
import {
  AccessDeniedException as LogsAccessDenied,
  DescribeLogGroupsCommand,
  ServiceUnavailableException,
} from '@aws-sdk/client-cloudwatch-logs';
import {
  AccessDeniedException,
  DescribeClustersCommand,
  ECSServiceException,
  ListClustersCommand,
  ServerException,
} from '@aws-sdk/client-ecs';
import { close, errorOf, until, suiteEmulator, withEmulator } from './helpers';

async function admin(
  emu: { url: string; adminToken: string },
  method: string,
  route: string,
  body?: unknown,
): Promise<Record<string, unknown>> {
  const res = await fetch(`${emu.url}/__admin${route}`, {
    method,
    headers: {
      'x-emulator-admin-token': emu.adminToken,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  assert.equal(res.status, 200, `${method} ${route}`);
  return (await res.json()) as Record<string, unknown>;
}

describe('emulator: faults and admin', () => {
  const c = suiteEmulator({ scenario: 'empty' }, undefined, 1);

  it('throttles like ECS: HTTP 400 ThrottlingException, retried by the SDK', async () => {
    c.emu.faults.set({ operation: 'ListClusters', kind: 'throttle', count: 1 });
    const e = await errorOf(c.ecs.send(new ListClustersCommand({})));
    assert.equal(e.name, 'ThrottlingException');
    assert.ok(e instanceof ECSServiceException);
    assert.equal(e.$metadata?.httpStatusCode, 400);
    assert.equal(e.message, 'Rate exceeded');
    const retrying = await withEmulator({ scenario: 'empty' }, 3);
    try {
      retrying.emu.faults.set({ operation: 'ListClusters', kind: 'throttle', count: 2 });
      const ok = await retrying.ecs.send(new ListClustersCommand({}));
      assert.equal(ok.$metadata.attempts, 3);
      assert.equal(retrying.emu.calls.count('ListClusters'), 3);
    } finally {
      await close(retrying);
    }
  });

  it('answers access denied, expired token, server errors and latency per operation', async () => {
    c.emu.faults.set([
      { operation: 'ListClusters', kind: 'accessDenied', count: 1 },
      { operation: 'DescribeLogGroups', kind: 'accessDenied', count: 1 },
    ]);
    const denied = await errorOf(c.ecs.send(new ListClustersCommand({})));
    assert.ok(denied instanceof AccessDeniedException);
    assert.match(denied.message, /is not authorized to perform: ecs:ListClusters/);
    assert.ok((await errorOf(c.logs.send(new DescribeLogGroupsCommand({})))) instanceof LogsAccessDenied);

    c.emu.faults.set({ operation: '*', kind: 'expiredToken', count: 1 });
    const expired = await errorOf(c.ecs.send(new ListClustersCommand({})));
    assert.equal(expired.name, 'ExpiredTokenException');

    c.emu.faults.set({ operation: 'ListClusters', service: 'ecs', kind: 'serverError', count: 1 });
    const server = await errorOf(c.ecs.send(new ListClustersCommand({})));
    assert.ok(server instanceof ServerException);
    assert.equal(server.$metadata?.httpStatusCode, 500);
    c.emu.faults.set({ operation: 'DescribeLogGroups', kind: 'serverError', count: 1 });
    assert.ok(
      (await errorOf(c.logs.send(new DescribeLogGroupsCommand({})))) instanceof ServiceUnavailableException,
    );

    c.emu.faults.set({ operation: 'ListClusters', kind: 'latency', latencyMs: 250, count: 1 });
    const began = Date.now();
    await c.ecs.send(new ListClustersCommand({}));
    assert.ok(Date.now() - began >= 240, 'latency added');
    assert.deepEqual(c.emu.faults.list(), [], 'spent rules are removed');
  });

  it('applies a fault at a rate, or as a per-operation token bucket', async () => {
    c.emu.faults.set({ operation: 'ListClusters', kind: 'throttle', rate: 0.5 });
    let failed = 0;
    for (let i = 0; i < 40; i++)
      if (
        await c.ecs.send(new ListClustersCommand({})).then(
          () => false,
          () => true,
        )
      )
        failed++;
    assert.ok(failed > 5 && failed < 35, `${failed} of 40 throttled at rate 0.5`);
    c.emu.faults.clear();
    c.emu.faults.set({ operation: 'ListClusters', kind: 'throttle', tps: 5 });
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        c.ecs.send(new ListClustersCommand({})).then(
          () => 'ok',
          (e: Error) => e.name,
        ),
      ),
    );
    assert.ok(results.filter((r) => r === 'ThrottlingException').length >= 10);
    c.emu.faults.clear();
  });

  it("throttles with AWS's documented token buckets when asked", async () => {
    c.emu.faults.useAwsRateLimits(true);
    const results = await Promise.all(
      Array.from({ length: 70 }, () =>
        c.ecs.send(new DescribeClustersCommand({})).then(
          () => 'ok',
          (e: Error) => e.name,
        ),
      ),
    );
    const throttled = results.filter((r) => r === 'ThrottlingException').length;
    // Burst 50, refilled at 20/s while the 70 requests are served: most pass, the rest are throttled.
    assert.ok(throttled > 0 && throttled <= 20, `cluster reads burst 50: ${throttled} of 70 throttled`);
    assert.ok(results.filter((r) => r === 'ok').length >= 50);
    c.emu.faults.useAwsRateLimits(false);
  });

  it('is controlled over HTTP by out-of-process tests', async () => {
    const url = c.emu.url;
    assert.equal((await admin(c.emu, 'GET', '/health')).ok, true);
    await admin(c.emu, 'POST', '/faults', { operation: 'ListClusters', kind: 'accessDenied' });
    assert.ok((await errorOf(c.ecs.send(new ListClustersCommand({})))) instanceof AccessDeniedException);
    assert.equal(((await admin(c.emu, 'GET', '/faults')).rules as unknown[]).length, 1);
    await admin(c.emu, 'DELETE', '/faults');
    await admin(c.emu, 'POST', '/calls/reset');
    await c.ecs.send(new ListClustersCommand({}));
    await c.ecs.send(new ListClustersCommand({}));
    const calls = await admin(c.emu, 'GET', '/calls?operation=ListClusters&details=1');
    assert.equal(calls.total, 2);
    assert.deepEqual(calls.byOperation, { ListClusters: 2 });
    assert.equal((calls.calls as { service: string }[])[0]?.service, 'ecs');
    await admin(c.emu, 'POST', '/reset', { scenario: 'demo' });
    const clusters = await c.ecs.send(new ListClustersCommand({}));
    assert.equal(clusters.clusterArns?.length, 3);
    const before = c.emu.state.logs.groups.get('/ecs/web')?.streams.size ?? 0;
    assert.ok(before > 0);
    const advanced = await admin(c.emu, 'POST', '/advance', { ms: 60000 });
    assert.ok((advanced.simulatedMs as number) >= 60000);
    const state = await admin(c.emu, 'GET', '/state');
    assert.equal(state.clusters, 3);
    assert.deepEqual(await admin(c.emu, 'POST', '/live-tail/end', { how: 'timeout' }), { ended: 0 });
    await admin(c.emu, 'POST', '/reset', { scenario: 'empty' });
    assert.deepEqual((await c.ecs.send(new ListClustersCommand({}))).clusterArns, []);
    const bad = await fetch(`${url}/__admin/faults`, {
      method: 'POST',
      headers: { 'x-emulator-admin-token': c.emu.adminToken, 'content-type': 'application/json' },
      body: JSON.stringify({ operation: 'X', kind: 'explode' }),
    });
    assert.equal(bad.status, 400);
  });
});

const emulatorDir = path.join(__dirname, '..', '..', '..', 'emulator');

describe('emulator: process lifecycle', () => {
  it('lets the process exit after stop(), with live tail sessions and timers open', async () => {
    const script = `
      const { startEmulator } = require(${JSON.stringify(path.join(emulatorDir, 'index.js'))});
      const http = require('node:http');
      (async () => {
        const emu = await startEmulator({ scenario: 'demo', speed: 10 });
        const body = JSON.stringify({ logGroupIdentifiers: ['arn:aws:logs:us-east-1:123456789012:log-group:/ecs/web'] });
        const req = http.request(emu.url, { method: 'POST', headers: {
          'x-amz-target': 'Logs_20140328.StartLiveTail', 'content-type': 'application/x-amz-json-1.1',
          authorization: 'AWS4-HMAC-SHA256 Credential=a/20260101/us-east-1/logs/aws4_request, SignedHeaders=host, Signature=${'0'.repeat(64)}' } });
        req.on('response', (res) => { res.once('data', async () => { await emu.stop(); console.log('stopped'); }); res.on('error', () => {}); });
        req.on('error', () => {});
        req.end(body);
      })();`;
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve(-1);
      }, 10000);
      child.on('exit', (c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
    assert.equal(code, 0, 'exited on its own');
    assert.match(out, /stopped/);
  });

  it('runs from the CLI, prints its URL and stops on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      [
        path.join(emulatorDir, 'cli.js'),
        '--port',
        '0',
        '--scenario',
        'big',
        '--services',
        '50',
        '--speed',
        '5',
        '--fault',
        'ListServices:throttle:0.5',
      ],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    const url = await until('URL printed', () => /http:\/\/127\.0\.0\.1:\d+/.exec(out)?.[0]);
    assert.match(out, /50 services, 100 tasks/);
    const token = await until('admin token printed', () => /Admin token: ([0-9a-f]+)/.exec(out)?.[1]);
    const headers = { 'x-emulator-admin-token': token };
    assert.equal((await fetch(`${url}/__admin/health`)).status, 401, 'the admin API needs the token');
    const health = (await (await fetch(`${url}/__admin/health`, { headers })).json()) as {
      ok: boolean;
      speed: number;
    };
    assert.deepEqual([health.ok, health.speed], [true, 5]);
    const faults = (await (await fetch(`${url}/__admin/faults`, { headers })).json()) as { rules: unknown[] };
    assert.deepEqual(faults.rules, [{ operation: 'ListServices', kind: 'throttle', rate: 0.5 }]);
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  });
});

/**
 * Explorer benchmark: API calls by operation, and time to the first 100 services and to all of
 * them, for our data layer and for the naive strategy of the AWS Toolkit (ListServices 10 per
 * page, one DescribeServices per page, DescribeTaskDefinition on every expand), in the same run,
 * against the emulator's `big` scenario with AWS's documented ECS rate limits switched on.
 * Every request gets 25 ms of latency (`--latency MS`), like a round trip to a nearby Region.
 * Prints one JSON object per line; the last lines are the ratios naive / ours.
 *
 * Run: `npm run bench:explorer` (or `npx tsc -p . && node out/bench/explorer.js [--sizes 500,1000]`)
 */
import { performance } from 'node:perf_hooks';
import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ECSClient,
  ListClustersCommand,
  ListServicesCommand,
  ListTasksCommand,
} from '@aws-sdk/client-ecs';
import { AwsGateway } from '../client/src/aws/awsGateway';
import type { Connection, Service } from '../client/src/aws/gateway';
import { refreshServices, type RefreshableService } from '../client/src/views/explorer/refresher';
import { startEmulator, type RunningEmulator } from '../emulator';
import { runBench } from './timing';

interface Run {
  bench: 'explorer';
  services: number;
  strategy: 'ours' | 'naive';
  /** Calls to list and describe every service. */
  serviceCalls: number;
  /** Calls to list and describe every running task (1,000 tasks at 500 services). */
  taskCalls: number;
  tasks: number;
  /** DescribeTaskDefinition calls when 20 services are expanded twice. */
  expandCalls: number;
  callsByOperation: Record<string, number>;
  firstHundredMs: number;
  allServicesMs: number;
  allTasksMs: number;
  /** ThrottlingException responses received (each one a retry or an error). */
  throttledResponses: number;
  /** Requests that failed for good (what a user would see as an error). */
  errors: number;
}

const CLUSTER = 'big';
const EXPANDED = 20;

async function ours(emu: RunningEmulator, services: number): Promise<Run> {
  const conn: Connection = { profile: 'bench', region: emu.region, endpoint: emu.url };
  const gateway = new AwsGateway();
  // Warm-up outside the measure: the SDK is loaded and the client created on first use.
  await gateway.listClusters(conn);
  emu.faults.useAwsRateLimits(true);
  emu.calls.reset();
  let errors = 0;
  const start = performance.now();
  let firstHundredMs = NaN;
  let seen = 0;
  const all = await gateway.listAllServices(conn, CLUSTER, {
    onPage: (page) => {
      seen += page.length;
      if (seen >= 100 && Number.isNaN(firstHundredMs)) firstHundredMs = performance.now() - start;
    },
  });
  const allServicesMs = performance.now() - start;
  if (!all.ok) errors++;
  const serviceCalls = emu.calls.count();

  const tasksStart = performance.now();
  const tasks = await gateway.listTasks(conn, CLUSTER, { desiredStatus: 'RUNNING', limit: 2 * services });
  const allTasksMs = performance.now() - tasksStart;
  if (!tasks.ok) errors++;
  const taskCalls = emu.calls.count() - serviceCalls;

  // Expanding a service shows its tasks and containers from the cluster-wide listing (cached):
  // no DescribeTaskDefinition at all; opening a revision reads it once, then never again.
  const before = emu.calls.count();
  const names = all.ok ? all.value.slice(0, EXPANDED) : [];
  for (let round = 0; round < 2; round++) {
    for (const _service of names) {
      const r = await gateway.listTasks(conn, CLUSTER, { desiredStatus: 'RUNNING', limit: 2 * services });
      if (!r.ok) errors++;
    }
  }
  const expandCalls = emu.calls.count() - before;
  const callsByOperation = emu.calls.byOperation();
  gateway.dispose();
  return {
    bench: 'explorer',
    services,
    strategy: 'ours',
    serviceCalls,
    taskCalls,
    tasks: tasks.ok ? tasks.value.length : 0,
    expandCalls,
    callsByOperation,
    firstHundredMs: Math.round(firstHundredMs),
    allServicesMs: Math.round(allServicesMs),
    allTasksMs: Math.round(allTasksMs),
    throttledResponses: gateway.stats.throttled,
    errors,
  };
}

async function naive(emu: RunningEmulator, services: number): Promise<Run> {
  // The SDK's defaults, as the Toolkit uses them: standard retries (3 attempts), no limiter.
  const client = new ECSClient({
    region: emu.region,
    endpoint: emu.url,
    credentials: { accessKeyId: 'AKIAEMULATOR0000TEST', secretAccessKey: 'emulator-secret' },
  });
  let throttledResponses = 0;
  client.middlewareStack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        if ((error as { name?: string }).name === 'ThrottlingException') throttledResponses++;
        throw error;
      }
    },
    { step: 'deserialize', name: 'countThrottling', priority: 'high' },
  );
  await client.send(new ListClustersCommand({}));
  emu.faults.useAwsRateLimits(true);
  emu.calls.reset();
  let errors = 0;
  const attempt = async <T>(fn: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await fn();
    } catch {
      errors++;
      return undefined;
    }
  };

  const start = performance.now();
  let firstHundredMs = NaN;
  const described: { serviceName?: string; taskDefinition?: string }[] = [];
  let nextToken: string | undefined;
  do {
    // ListServices without maxResults returns 10 per page; each page is described before the next.
    const page = await attempt(() => client.send(new ListServicesCommand({ cluster: CLUSTER, nextToken })));
    if (!page) break;
    if (page.serviceArns && page.serviceArns.length > 0) {
      const arns = page.serviceArns;
      const r = await attempt(() =>
        client.send(new DescribeServicesCommand({ cluster: CLUSTER, services: arns })),
      );
      described.push(...(r?.services ?? []));
    }
    if (described.length >= 100 && Number.isNaN(firstHundredMs)) firstHundredMs = performance.now() - start;
    nextToken = page.nextToken;
  } while (nextToken);
  const allServicesMs = performance.now() - start;
  const serviceCalls = emu.calls.count();

  // Tasks service by service, as a tree that lists them on expand would.
  const tasksStart = performance.now();
  let tasks = 0;
  for (const s of described) {
    const list = await attempt(() =>
      client.send(
        new ListTasksCommand({ cluster: CLUSTER, serviceName: s.serviceName, desiredStatus: 'RUNNING' }),
      ),
    );
    const arns = list?.taskArns ?? [];
    if (arns.length === 0) continue;
    const r = await attempt(() => client.send(new DescribeTasksCommand({ cluster: CLUSTER, tasks: arns })));
    tasks += r?.tasks?.length ?? 0;
  }
  const allTasksMs = performance.now() - tasksStart;
  const taskCalls = emu.calls.count() - serviceCalls;

  // Every expand reads the service's task definition again (containers come from it).
  const before = emu.calls.count();
  for (let round = 0; round < 2; round++) {
    for (const s of described.slice(0, EXPANDED)) {
      await attempt(() =>
        client.send(new DescribeTaskDefinitionCommand({ taskDefinition: s.taskDefinition })),
      );
    }
  }
  const expandCalls = emu.calls.count() - before;
  const callsByOperation = emu.calls.byOperation();
  client.destroy();
  return {
    bench: 'explorer',
    services,
    strategy: 'naive',
    serviceCalls,
    taskCalls,
    tasks,
    expandCalls,
    callsByOperation,
    firstHundredMs: Math.round(firstHundredMs),
    allServicesMs: Math.round(allServicesMs),
    allTasksMs: Math.round(allTasksMs),
    throttledResponses,
    errors,
  };
}

/**
 * One background refresh of a cluster of N services, all shown: today's strategy re-read the
 * cluster's listing (ListServices 100 per page + DescribeServices 10 per call); the explorer now
 * describes the shown services again (DescribeServices only) and the clusters (ListClusters +
 * DescribeClusters). Ten refreshes back to back, through the limiter, with AWS's rate limits on.
 */
async function refresh(emu: RunningEmulator, services: number): Promise<Record<string, unknown>> {
  const conn: Connection = { profile: 'bench', region: emu.region, endpoint: emu.url };
  const gateway = new AwsGateway();
  await gateway.listClusters(conn);
  const all = await gateway.listAllServices(conn, CLUSTER);
  const rows: RefreshableService[] = (all.ok ? all.value : []).map((s) => {
    let service: Service = s;
    return {
      connection: conn,
      get service() {
        return service;
      },
      update: (fresh: Service) => ((service = fresh), false),
    };
  });
  emu.faults.useAwsRateLimits(true);
  const rounds = 10;
  emu.calls.reset();
  for (let i = 0; i < rounds; i++) {
    gateway.invalidate(conn);
    await gateway.listAllServices(conn, CLUSTER, { priority: 'background', maxAge: 0 });
  }
  const before = emu.calls.count() / rounds;
  const beforeOps = emu.calls.byOperation();
  const throttledBefore = gateway.stats.throttled;
  emu.calls.reset();
  const start = performance.now();
  for (let i = 0; i < rounds; i++) {
    await refreshServices(gateway, rows, 'background');
    await gateway.listClusters(conn, { priority: 'background', maxAge: 0 });
  }
  const ms = (performance.now() - start) / rounds;
  const after = emu.calls.count() / rounds;
  const result = {
    bench: 'explorer-refresh',
    services,
    callsPerRefreshBefore: before,
    callsPerRefreshAfter: after,
    callsBefore: beforeOps,
    callsAfter: emu.calls.byOperation(),
    msPerRefreshAfter: Math.round(ms),
    throttledBefore,
    throttledAfter: gateway.stats.throttled - throttledBefore,
    notMoreCalls: after <= before,
  };
  gateway.dispose();
  return result;
}

async function main(): Promise<void> {
  const sizesArg = process.argv.indexOf('--sizes');
  const sizes = (sizesArg > 0 ? (process.argv[sizesArg + 1] ?? '') : '500,1000').split(',').map(Number);
  const latencyArg = process.argv.indexOf('--latency');
  // A round trip to a nearby Region; 0 measures the emulator alone.
  const latencyMs = latencyArg > 0 ? Number(process.argv[latencyArg + 1]) : 25;
  for (const services of sizes) {
    const emu = await startEmulator({ scenario: 'big', services });
    if (latencyMs > 0) emu.faults.set({ operation: '*', kind: 'latency', latencyMs });
    try {
      if (process.argv.includes('--refresh-only')) {
        console.log(JSON.stringify(await refresh(emu, services)));
        continue;
      }
      console.log(JSON.stringify(await refresh(emu, services)));
      const a = await ours(emu, services);
      console.log(JSON.stringify(a));
      // useAwsRateLimits(true) gives each strategy full buckets: both start equal.
      const b = await naive(emu, services);
      console.log(JSON.stringify(b));
      const ratio = (x: number, y: number): number => Math.round((x / Math.max(1, y)) * 10) / 10;
      console.log(
        JSON.stringify({
          bench: 'explorer',
          services,
          ratio: 'naive/ours',
          serviceCalls: ratio(b.serviceCalls, a.serviceCalls),
          taskCalls: ratio(b.taskCalls, a.taskCalls),
          firstHundredMs: ratio(b.firstHundredMs, a.firstHundredMs),
          allServicesMs: ratio(b.allServicesMs, a.allServicesMs),
          allTasksMs: ratio(b.allTasksMs, a.allTasksMs),
          targets: {
            servicesDescribedIn55Calls: services !== 500 || a.serviceCalls <= 55,
            thousandTasksIn20Calls: a.tasks !== 1000 || a.taskCalls <= 20,
            zeroThrottling: a.throttledResponses === 0 && a.errors === 0,
          },
        }),
      );
    } finally {
      await emu.stop();
    }
  }
}

runBench(main);

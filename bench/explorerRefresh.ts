/**
 * The explorer's background refresh, measured beside the explorer benchmark (bench/explorer.ts).
 */
import { performance } from 'node:perf_hooks';
import { AwsGateway } from '../client/src/aws/awsGateway';
import type { Connection, Service } from '../client/src/aws/gateway';
import { refreshServices, type RefreshableService } from '../client/src/views/explorer/refresher';
import type { RunningEmulator } from '../emulator';
import { CLUSTER } from './explorerRun';

/**
 * One background refresh of a cluster of N services, all shown: today's strategy re-read the
 * cluster's listing (ListServices 100 per page + DescribeServices 10 per call); the explorer now
 * describes the shown services again (DescribeServices only) and the clusters (ListClusters +
 * DescribeClusters). Ten refreshes back to back, through the limiter, with AWS's rate limits on.
 */
export async function refresh(emu: RunningEmulator, services: number): Promise<Record<string, unknown>> {
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

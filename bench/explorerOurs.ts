/**
 * Our explorer's reads, through our data layer (`AwsGateway`), in the order the tree nodes make
 * them (client/src/views/explorer/nodes): a cluster shows its services a page of 100 at a time
 * with "Load more" (`ClusterNode`, `readPages`); a service shows its deployments, events and
 * running tasks, each task its containers, from one cluster-wide task listing when the cluster runs
 * at most 100 tasks and from the service's own listing otherwise (`ServiceNode`, `taskListing.ts`); a task
 * definition is read when its document is opened. The nodes import `vscode`, so their sequence is
 * repeated here rather than imported.
 */
import { performance } from 'node:perf_hooks';
import { AwsGateway } from '../client/src/aws/awsGateway';
import type { Connection, Page, Result, Service, Task } from '../client/src/aws/gateway';
import type { RunningEmulator } from '../emulator';
import {
  CLUSTER_WIDE_TASK_LIMIT,
  listsClusterWide,
  runningTasksQuery,
} from '../client/src/views/explorer/taskListing';
import { CLUSTER, EXPANDED, expandEach, figures, step, type StrategyRun } from './explorerRun';
import { machineLoad } from './timing';

export async function ours(emu: RunningEmulator, services: number): Promise<StrategyRun> {
  const conn: Connection = { profile: 'bench', region: emu.region, endpoint: emu.url };
  const gateway = new AwsGateway();
  // Outside the measure: the SDK is loaded and the client created on first use.
  const clusters = await gateway.listClusters(conn);
  const cluster = clusters.ok ? clusters.value.find((c) => c.name === CLUSTER) : undefined;
  const clusterTasks = cluster ? cluster.runningTasksCount + cluster.pendingTasksCount : Infinity;
  emu.faults.useAwsRateLimits(true);
  const loadBefore = machineLoad();
  const errors: string[] = [];
  const check = <T>(r: Result<T>): T | undefined => {
    if (r.ok) return r.value;
    errors.push(`${r.error.kind}: ${r.error.message}`);
    return undefined;
  };

  // Expand the cluster, then "Load more" until every service is shown: each click renders the
  // node again, which reads pages 1..k (cached) and page k+1.
  let firstPageServices = 0;
  let firstPageMs = NaN;
  let firstHundredMs = NaN;
  let clicks = 0;
  let shown: readonly Service[] = [];
  const t0 = performance.now();
  const listing = await step(emu, async () => {
    for (let pagesWanted = 1; ; pagesWanted++) {
      const read = await readPages(pagesWanted, (token) => gateway.listServices(conn, CLUSTER, token));
      const value = check(read);
      if (!value) return;
      shown = value.items;
      const at = performance.now() - t0;
      if (pagesWanted === 1) [firstPageServices, firstPageMs] = [shown.length, at];
      if (shown.length >= 100 && Number.isNaN(firstHundredMs)) firstHundredMs = at;
      if (!value.nextToken) return;
      clicks++;
    }
  });

  const expandOne = (s: Service): Promise<Result<readonly Task[]>> =>
    gateway.listTasks(conn, CLUSTER, runningTasksQuery(clusterTasks, s.name));
  // What a user does after the listing: expand some services (before the step below drains the
  // task-read buckets, which would make this step measure the rate limits instead).
  const expanded = shown.slice(0, EXPANDED);
  const cold = await expandEach(emu, expanded, async (s) => check(await expandOne(s)));
  const warm = await expandEach(emu, expanded, async (s) => check(await expandOne(s)));
  gateway.invalidate(conn, CLUSTER);
  // Every service expanded, one after the other: their tasks.
  const seen = new Set<string>();
  const allTasks = await step(emu, async () => {
    for (const s of shown) for (const t of check(await expandOne(s)) ?? []) seen.add(t.arn);
  });

  // Opening the task definition of each expanded service: a revision never changes, so it is read once.
  const open = (): Promise<void> =>
    shown
      .slice(0, EXPANDED)
      .reduce(
        async (prev, s) => (
          await prev,
          void check(await gateway.describeTaskDefinition(conn, s.taskDefinitionArn))
        ),
        Promise.resolve(),
      );
  const openCold = await step(emu, open);
  const openWarm = await step(emu, open);
  const loadAfter = machineLoad();
  gateway.dispose();
  const tdCalls = (s: { byOperation: Record<string, number> }): number =>
    s.byOperation.DescribeTaskDefinition ?? 0;
  return {
    bench: 'explorer',
    services,
    strategy: 'ours',
    what: 'our data layer (AwsGateway), in the order our tree nodes read',
    loadBefore,
    loadAfter,
    serviceListing: {
      cache: 'cold',
      firstPageServices,
      firstPageMs: Math.round(firstPageMs),
      firstHundredMs: Math.round(firstHundredMs),
      allServices: { ...figures(listing), loadMoreClicks: clicks, shown: shown.length },
    },
    allTasks: { cache: 'cold', ...figures(allTasks), tasks: seen.size },
    expand: {
      shows: 'deployments, events and running tasks (each task with its containers)',
      cold,
      warm,
    },
    describeTaskDefinition: {
      expandCold: tdCalls(cold),
      expandWarm: tdCalls(warm),
      openDefinitionCold: tdCalls(openCold),
      openDefinitionWarm: tdCalls(openWarm),
    },
    throttledResponses: gateway.stats.throttled,
    errors,
    notes: [
      listsClusterWide(clusterTasks)
        ? `${clusterTasks} tasks in the cluster: one cluster-wide listing serves every service`
        : `${clusterTasks} tasks in the cluster (over ${CLUSTER_WIDE_TASK_LIMIT}): each service lists its own`,
    ],
  };
}

/** As `readPages` in client/src/views/explorer/nodes/loading.ts (which imports `vscode`). */
async function readPages<T>(
  pagesWanted: number,
  read: (token: string | undefined) => Promise<Result<Page<T>>>,
): Promise<Result<{ items: T[]; nextToken: string | undefined }>> {
  const items: T[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    const r = await read(token);
    if (!r.ok) return items.length === 0 ? r : { ok: true, value: { items, nextToken: token } };
    items.push(...r.value.items);
    token = r.value.nextToken;
    pages++;
  } while (token && pages < pagesWanted);
  return { ok: true, value: { items, nextToken: token } };
}

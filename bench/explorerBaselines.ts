/**
 * The two baselines of the explorer benchmark (bench/explorer.ts), against the same emulator.
 *
 * `toolkit`: the calls the AWS Toolkit for VS Code makes for the same tree, as its code makes them
 * (read at aws/aws-toolkit-vscode commit bc7a5e84eec5bb66a53d3c206b285686065a5130, 2026-07-24;
 * modelled, not copied):
 * - packages/core/src/awsService/ecs/model.ts: a cluster node's children come from
 *   `DefaultEcsClient.listServices({ cluster })`, paginated: the first expansion shows one page and a
 *   "Load more" node asks for the next (packages/core/src/shared/treeview/resource.ts, `PageLoader`).
 *   A service node's children are the container definitions of its task definition: one
 *   DescribeTaskDefinition per expansion. The tree shows no tasks; tasks are listed only to pick
 *   one for ECS Exec (`Container.listTasks`: ListTasks for the service, then DescribeTasks).
 * - packages/core/src/shared/clients/ecsClient.ts: `listServices` sends ListServices without
 *   maxResults (so AWS's default page of 10 ARNs) and describes each page with one
 *   DescribeServices; a page never holds more than 10, so it never exceeds DescribeServices' limit
 *   of 10 (`getServices`, not used by the tree, asks for maxResults 10 explicitly). Every method
 *   creates its SDK client through packages/core/src/shared/awsClientBuilderV3.ts: one shared
 *   keep-alive HTTP handler, and a retry strategy of 5 attempts with 1 s, 2 s, 4 s, 8 s between.
 * - packages/core/src/shared/treeview/utils.ts (`TreeShim`): children once read are kept until the
 *   node reports a change or the view is refreshed; there is no time-based cache.
 *
 * `per-service`: a straightforward per-service strategy, not any real product: ListServices 100 per
 * page, DescribeServices 10 per call, then for each service ListTasks (100 per page) and
 * DescribeTasks (100 per call), one request after another, with the SDK's default client.
 */
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ECSClient,
  ListClustersCommand,
  ListServicesCommand,
  ListTasksCommand,
  type Service,
} from '@aws-sdk/client-ecs';
import { performance } from 'node:perf_hooks';
import type { RunningEmulator } from '../emulator';
import {
  chunks,
  CLUSTER,
  countThrottling,
  EXPANDED,
  expandEach,
  figures,
  step,
  type StrategyRun,
} from './explorerRun';
import { machineLoad } from './timing';

const credentials = { accessKeyId: 'AKIAEMULATOR0000TEST', secretAccessKey: 'emulator-secret' };

/** Errors kept for the report: the first of each message, with a count. */
class Errors {
  readonly counts = new Map<string, number>();
  async attempt<T>(fn: () => Promise<T>): Promise<T | undefined> {
    try {
      return await fn();
    } catch (error) {
      const e = error as { name?: string; message?: string };
      const key = `${e.name ?? 'Error'}: ${e.message ?? ''}`;
      this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
      return undefined;
    }
  }
  list(): string[] {
    return [...this.counts].map(([message, n]) => `${n} × ${message}`);
  }
}

export async function toolkit(emu: RunningEmulator, services: number): Promise<StrategyRun> {
  const requestHandler = new NodeHttpHandler({ httpAgent: { keepAlive: true }, requestTimeout: 30000 });
  let throttled = 0;
  const clients: ECSClient[] = [];
  // As `createSdkClient()`: a new client for every call, over the shared handler.
  const sdk = (): ECSClient => {
    const client = new ECSClient({
      region: emu.region,
      endpoint: emu.url,
      credentials,
      requestHandler,
      // The Toolkit's default: exponential backoff, 1000 × 2^attempt ms.
      retryStrategy: new ConfiguredRetryStrategy(5, (attempt: number) => 1000 * 2 ** attempt),
    });
    countThrottling(client, () => throttled++);
    clients.push(client);
    return client;
  };
  // The root node lists the clusters; outside the measure, for the cluster's ARN.
  const arn = (await sdk().send(new ListClustersCommand({}))).clusterArns?.find((a) =>
    a.endsWith(`/${CLUSTER}`),
  );
  emu.faults.useAwsRateLimits(true);
  const loadBefore = machineLoad();
  const errors = new Errors();

  // `listServices({ cluster })`: one client for the collection; each page is ListServices with no
  // maxResults, then DescribeServices with that page's ARNs. One page per expansion / "Load more".
  const client = sdk();
  const request: { cluster?: string; nextToken?: string } = { cluster: arn };
  const shown: Service[] = [];
  let firstPageServices = 0;
  let firstPageMs = NaN;
  let firstHundredMs = NaN;
  let clicks = -1;
  const t0 = performance.now();
  const listing = await step(emu, async () => {
    do {
      clicks++;
      const page = await errors.attempt(() => client.send(new ListServicesCommand(request)));
      if (!page) return;
      const arns = page.serviceArns ?? [];
      if (arns.length > 0) {
        const described = await errors.attempt(() =>
          client.send(new DescribeServicesCommand({ cluster: request.cluster, services: arns })),
        );
        // A failed page fails the node: the tree shows the error instead of the services.
        if (!described) return;
        shown.push(...(described.services ?? []));
      }
      const at = performance.now() - t0;
      if (clicks === 0) [firstPageServices, firstPageMs] = [shown.length, at];
      if (shown.length >= 100 && Number.isNaN(firstHundredMs)) firstHundredMs = at;
      request.nextToken = page.nextToken;
    } while (request.nextToken);
  });

  // A service node's children: DescribeTaskDefinition through a new client, kept by the tree until
  // a refresh, so the same node expanded again reads nothing.
  const kept = new Map<string, string[]>();
  const expandOne = async (s: Service): Promise<void> => {
    const key = s.serviceArn ?? '';
    if (kept.has(key)) return;
    const r = await errors.attempt(() =>
      sdk().send(new DescribeTaskDefinitionCommand({ taskDefinition: s.taskDefinition })),
    );
    if (r)
      kept.set(
        key,
        (r.taskDefinition?.containerDefinitions ?? []).map((c) => c.name ?? ''),
      );
  };
  const cold = await expandEach(emu, shown.slice(0, EXPANDED), expandOne);
  const warm = await expandEach(emu, shown.slice(0, EXPANDED), expandOne);
  const loadAfter = machineLoad();
  for (const c of clients) c.destroy();
  requestHandler.destroy();
  const td = (s: { byOperation: Record<string, number> }): number =>
    s.byOperation.DescribeTaskDefinition ?? 0;
  return {
    bench: 'explorer',
    services,
    strategy: 'toolkit',
    what: 'the AWS Toolkit for VS Code: its sequence of calls for the same tree, as its code makes them',
    loadBefore,
    loadAfter,
    serviceListing: {
      cache: 'cold',
      firstPageServices,
      firstPageMs: Math.round(firstPageMs),
      firstHundredMs: Math.round(firstHundredMs),
      allServices: { ...figures(listing), loadMoreClicks: clicks, shown: shown.length },
    },
    allTasks: null,
    expand: {
      shows: 'the container definitions of the task definition (no tasks)',
      cold,
      warm,
    },
    describeTaskDefinition: {
      expandCold: td(cold),
      expandWarm: td(warm),
      openDefinitionCold: null,
      openDefinitionWarm: null,
    },
    throttledResponses: throttled,
    errors: errors.list(),
    notes: [
      'pages of 10 services (ListServices without maxResults): DescribeServices never gets more than 10',
      'warm expand: the tree keeps the children it read; after a refresh of the view every expansion reads again',
      'tasks are not shown in the tree (listed only to pick one for ECS Exec)',
    ],
  };
}

export async function perService(emu: RunningEmulator, services: number): Promise<StrategyRun> {
  const client = new ECSClient({ region: emu.region, endpoint: emu.url, credentials });
  let throttled = 0;
  countThrottling(client, () => throttled++);
  await client.send(new ListClustersCommand({}));
  emu.faults.useAwsRateLimits(true);
  const loadBefore = machineLoad();
  const errors = new Errors();

  const shown: Service[] = [];
  let firstPageServices = 0;
  let firstPageMs = NaN;
  let firstHundredMs = NaN;
  const t0 = performance.now();
  // Each page of 100 is shown once described, and the listing goes on to the end (no "Load more").
  const listing = await step(emu, async () => {
    let nextToken: string | undefined;
    do {
      const page = await errors.attempt(() =>
        client.send(new ListServicesCommand({ cluster: CLUSTER, maxResults: 100, nextToken })),
      );
      if (!page) return;
      for (const batch of chunks(page.serviceArns ?? [], 10)) {
        const r = await errors.attempt(() =>
          client.send(new DescribeServicesCommand({ cluster: CLUSTER, services: batch })),
        );
        shown.push(...(r?.services ?? []));
      }
      const at = performance.now() - t0;
      if (Number.isNaN(firstPageMs)) [firstPageServices, firstPageMs] = [shown.length, at];
      if (shown.length >= 100 && Number.isNaN(firstHundredMs)) firstHundredMs = at;
      nextToken = page.nextToken;
    } while (nextToken);
  });

  const tasksOf = async (s: Service): Promise<number> => {
    let n = 0;
    let nextToken: string | undefined;
    do {
      const page = await errors.attempt(() =>
        client.send(
          new ListTasksCommand({
            cluster: CLUSTER,
            serviceName: s.serviceName,
            desiredStatus: 'RUNNING',
            maxResults: 100,
            nextToken,
          }),
        ),
      );
      if (!page) break;
      for (const batch of chunks(page.taskArns ?? [], 100)) {
        const r = await errors.attempt(() =>
          client.send(new DescribeTasksCommand({ cluster: CLUSTER, tasks: batch })),
        );
        n += r?.tasks?.length ?? 0;
      }
      nextToken = page.nextToken;
    } while (nextToken);
    return n;
  };
  // As for ours: the expansions first, then every service (which drains the task-read buckets).
  const cold = await expandEach(emu, shown.slice(0, EXPANDED), tasksOf);
  const warm = await expandEach(emu, shown.slice(0, EXPANDED), tasksOf);
  let tasks = 0;
  const allTasks = await step(emu, async () => {
    for (const s of shown) tasks += await tasksOf(s);
  });
  const loadAfter = machineLoad();
  client.destroy();
  return {
    bench: 'explorer',
    services,
    strategy: 'per-service',
    what: 'a straightforward per-service strategy, not any real product',
    loadBefore,
    loadAfter,
    serviceListing: {
      cache: 'cold',
      firstPageServices,
      firstPageMs: Math.round(firstPageMs),
      firstHundredMs: Math.round(firstHundredMs),
      allServices: { ...figures(listing), loadMoreClicks: 0, shown: shown.length },
    },
    allTasks: { cache: 'cold', ...figures(allTasks), tasks },
    expand: { shows: 'running tasks (each with its containers)', cold, warm },
    describeTaskDefinition: {
      expandCold: 0,
      expandWarm: 0,
      openDefinitionCold: null,
      openDefinitionWarm: null,
    },
    throttledResponses: throttled,
    errors: errors.list(),
    notes: ['no cache of its own: a warm expansion reads again'],
  };
}

import type { Handler, HandlerContext } from '../context';
import { ApiError, invalidParameter } from '../protocol/errors';
import type { ClusterRecord, JsonObject } from '../model';
import { paginate } from '../protocol/pagination';
import { optArray, optString, optStringArray, readTags } from '../protocol/params';
import { describeEach } from './describe';

/** CreateCluster, DeleteCluster, DescribeClusters, ListClusters. */

const NAME = /^[A-Za-z0-9_-]{1,255}$/;

/** Creates a cluster record (also used by scenarios). */
export function createClusterRecord(
  ctx: HandlerContext,
  name: string,
  extra: Partial<ClusterRecord> = {},
): ClusterRecord {
  const cluster: ClusterRecord = {
    arn: ctx.state.clusterArn(name),
    name,
    status: 'ACTIVE',
    createdAt: ctx.clock.now(),
    tags: [],
    settings: [{ name: 'containerInsights', value: 'disabled' }],
    capacityProviders: [],
    containerInstances: 0,
    ...extra,
  };
  ctx.state.clusters.set(cluster.arn, cluster);
  return cluster;
}

/** The cluster as DescribeClusters returns it. */
export function clusterView(
  ctx: HandlerContext,
  cluster: ClusterRecord,
  include: readonly string[] = [],
): Record<string, unknown> {
  let running = 0;
  let pending = 0;
  if (cluster.status === 'ACTIVE') {
    for (const t of ctx.state.liveTasks.values()) {
      if (t.clusterArn !== cluster.arn) continue;
      if (t.lastStatus === 'RUNNING') running++;
      else if (t.lastStatus === 'PROVISIONING' || t.lastStatus === 'PENDING' || t.lastStatus === 'ACTIVATING')
        pending++;
    }
  }
  let services = 0;
  for (const s of ctx.state.services.values())
    if (s.clusterArn === cluster.arn && s.status === 'ACTIVE') services++;
  const out: JsonObject = {
    clusterArn: cluster.arn,
    clusterName: cluster.name,
    status: cluster.status,
    registeredContainerInstancesCount: cluster.status === 'ACTIVE' ? cluster.containerInstances : 0,
    runningTasksCount: running,
    pendingTasksCount: pending,
    activeServicesCount: services,
    statistics: [],
    tags: include.includes('TAGS') ? cluster.tags : [],
    settings: include.includes('SETTINGS') ? cluster.settings : [],
    capacityProviders: cluster.capacityProviders,
    defaultCapacityProviderStrategy: [],
  };
  return out;
}

const createCluster: Handler = (ctx, p) => {
  const name = optString(p, 'clusterName') ?? 'default';
  if (!NAME.test(name)) {
    throw invalidParameter(
      'Cluster name can have up to 255 letters (uppercase and lowercase), numbers, underscores, and hyphens.',
    );
  }
  const existing = ctx.state.clusters.get(ctx.state.clusterArn(name));
  if (existing && existing.status === 'ACTIVE')
    return { cluster: clusterView(ctx, existing, ['TAGS', 'SETTINGS']) };
  const settings = optArray(p, 'settings');
  const cluster = createClusterRecord(ctx, name, {
    tags: readTags(p),
    capacityProviders: optStringArray(p, 'capacityProviders') ?? [],
    ...(settings ? { settings: settings as ClusterRecord['settings'] } : {}),
  });
  return { cluster: clusterView(ctx, cluster, ['TAGS', 'SETTINGS']) };
};

const deleteCluster: Handler = (ctx, p) => {
  const cluster = ctx.state.requireCluster(optString(p, 'cluster'));
  for (const s of ctx.state.services.values()) {
    if (s.clusterArn === cluster.arn && s.status !== 'INACTIVE') {
      throw new ApiError(
        'ClusterContainsServicesException',
        'The Cluster cannot be deleted while Services are active.',
      );
    }
  }
  for (const t of ctx.state.liveTasks.values()) {
    if (t.clusterArn === cluster.arn) {
      throw new ApiError(
        'ClusterContainsTasksException',
        'The Cluster cannot be deleted while Tasks are active.',
      );
    }
  }
  cluster.status = 'INACTIVE';
  return { cluster: clusterView(ctx, cluster) };
};

const describeClusters: Handler = (ctx, p) => {
  const refs = optStringArray(p, 'clusters') ?? ['default'];
  if (refs.length > 100) throw invalidParameter('clusters can have at most 100 items.');
  const include = optStringArray(p, 'include') ?? [];
  const { found: clusters, failures } = describeEach(
    refs,
    (ref) => ctx.state.clusters.get(ref.startsWith('arn:') ? ref : ctx.state.clusterArn(ref)),
    (cluster) => clusterView(ctx, cluster, include),
    (name) => ctx.state.clusterArn(name),
  );
  return { clusters, failures };
};

const listClusters: Handler = (ctx, p) => {
  const arns = [...ctx.state.clusters.values()].filter((c) => c.status === 'ACTIVE').map((c) => c.arn);
  const page = paginate(arns, p.maxResults, p.nextToken, { defaultSize: 100, maxSize: 100 });
  return { clusterArns: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
};

export const clusterHandlers: Record<string, Handler> = {
  CreateCluster: createCluster,
  DeleteCluster: deleteCluster,
  DescribeClusters: describeClusters,
  ListClusters: listClusters,
};

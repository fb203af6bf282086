import type { Handler, HandlerContext } from '../context';
import { ApiError, invalidParameter } from '../protocol/errors';
import type { ClusterRecord, JsonObject } from '../model';
import { listPage, paginate } from '../protocol/pagination';
import {
  isObject,
  optArray,
  optObject,
  optString,
  optStringArray,
  readTags,
  reqString,
} from '../protocol/params';
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
    defaultCapacityProviderStrategy: [],
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
  // `statistics` (include STATISTICS): the counts the API reference lists for Cluster.statistics,
  // split by launch type — runningEC2TasksCount, runningFargateTasksCount, pendingEC2TasksCount,
  // pendingFargateTasksCount, activeEC2ServiceCount, activeFargateServiceCount,
  // drainingEC2ServiceCount, drainingFargateServiceCount.
  const stats = {
    runningEC2TasksCount: 0,
    runningFargateTasksCount: 0,
    pendingEC2TasksCount: 0,
    pendingFargateTasksCount: 0,
    activeEC2ServiceCount: 0,
    activeFargateServiceCount: 0,
    drainingEC2ServiceCount: 0,
    drainingFargateServiceCount: 0,
  };
  // The statistic a task or service adds to: its state, its launch type (anything but Fargate
  // counts as EC2), then the noun the API reference uses.
  const count = (state: string, launchType: string | undefined, noun: 'Tasks' | 'Service'): void => {
    stats[`${state}${launchType === 'FARGATE' ? 'Fargate' : 'EC2'}${noun}Count` as keyof typeof stats]++;
  };
  if (cluster.status === 'ACTIVE') {
    for (const t of ctx.state.liveTasks.values()) {
      if (t.clusterArn !== cluster.arn) continue;
      if (t.lastStatus === 'RUNNING') {
        running++;
        count('running', t.launchType, 'Tasks');
      } else if (
        t.lastStatus === 'PROVISIONING' ||
        t.lastStatus === 'PENDING' ||
        t.lastStatus === 'ACTIVATING'
      ) {
        pending++;
        count('pending', t.launchType, 'Tasks');
      }
    }
  }
  let services = 0;
  for (const s of ctx.state.services.values()) {
    if (s.clusterArn !== cluster.arn) continue;
    if (s.status === 'ACTIVE') {
      services++;
      count('active', s.launchType, 'Service');
    } else if (s.status === 'DRAINING') count('draining', s.launchType, 'Service');
  }
  const instances = ctx.state.instancesOf(cluster).length;
  const out: JsonObject = {
    clusterArn: cluster.arn,
    clusterName: cluster.name,
    status: cluster.status,
    registeredContainerInstancesCount: cluster.status === 'ACTIVE' ? instances : 0,
    runningTasksCount: running,
    pendingTasksCount: pending,
    activeServicesCount: services,
    statistics: include.includes('STATISTICS')
      ? Object.entries(stats).map(([name, value]) => ({ name, value: String(value) }))
      : [],
    tags: include.includes('TAGS') ? cluster.tags : [],
    settings: include.includes('SETTINGS') ? cluster.settings : [],
    capacityProviders: cluster.capacityProviders,
    defaultCapacityProviderStrategy: cluster.defaultCapacityProviderStrategy,
    ...(include.includes('CONFIGURATIONS') && cluster.configuration
      ? { configuration: cluster.configuration }
      : {}),
    ...(cluster.serviceConnectDefaults ? { serviceConnectDefaults: cluster.serviceConnectDefaults } : {}),
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
  return listPage('clusterArns', arns, p, { defaultSize: 100, maxSize: 100 });
};

/** UpdateCluster: `settings` (containerInsights), `configuration`, `serviceConnectDefaults`. */
const updateCluster: Handler = (ctx, p) => {
  const cluster = ctx.state.requireCluster(reqString(p, 'cluster'));
  const settings = optArray(p, 'settings');
  for (const s of settings ?? []) {
    if (!isObject(s) || typeof s.name !== 'string' || typeof s.value !== 'string')
      throw invalidParameter('Each cluster setting needs a name and a value.');
    if (s.name !== 'containerInsights') throw invalidParameter(`Invalid cluster setting name: ${s.name}.`);
    if (!['enabled', 'disabled', 'enhanced'].includes(s.value))
      throw invalidParameter(`Invalid containerInsights value: ${s.value}.`);
    const existing = cluster.settings.find((x) => x.name === s.name);
    if (existing) existing.value = s.value;
    else cluster.settings.push({ name: s.name, value: s.value });
  }
  const configuration = optObject(p, 'configuration');
  if (configuration) cluster.configuration = configuration;
  const scd = optObject(p, 'serviceConnectDefaults');
  if (scd) cluster.serviceConnectDefaults = scd;
  return { cluster: clusterView(ctx, cluster, ['SETTINGS', 'CONFIGURATIONS', 'TAGS']) };
};

const FARGATE_PROVIDERS = ['FARGATE', 'FARGATE_SPOT'];

/** PutClusterCapacityProviders: both members are required (an empty list removes them). */
const putClusterCapacityProviders: Handler = (ctx, p) => {
  const cluster = ctx.state.requireCluster(reqString(p, 'cluster'));
  const providers = optStringArray(p, 'capacityProviders');
  const strategy = optArray(p, 'defaultCapacityProviderStrategy');
  if (!providers) throw invalidParameter('capacityProviders must be specified.');
  if (!strategy) throw invalidParameter('defaultCapacityProviderStrategy must be specified.');
  for (const name of providers)
    if (!FARGATE_PROVIDERS.includes(name))
      throw invalidParameter(`The specified capacity provider does not exist: ${name}.`);
  for (const item of strategy) {
    if (
      !isObject(item) ||
      typeof item.capacityProvider !== 'string' ||
      !providers.includes(item.capacityProvider)
    )
      throw invalidParameter(
        'The specified capacity provider strategy cannot contain a capacity provider that is not associated with the cluster.',
      );
  }
  cluster.capacityProviders = providers;
  cluster.defaultCapacityProviderStrategy = strategy;
  return { cluster: clusterView(ctx, cluster, ['SETTINGS', 'TAGS']) };
};

/** DescribeCapacityProviders: the AWS-managed FARGATE and FARGATE_SPOT providers (no ASG ones). */
const describeCapacityProviders: Handler = (ctx, p) => {
  const refs = optStringArray(p, 'capacityProviders') ?? FARGATE_PROVIDERS;
  const arn = (name: string): string =>
    `arn:aws:ecs:${ctx.state.region}:${ctx.state.accountId}:capacity-provider/${name}`;
  const { found, failures } = describeEach(
    refs,
    (ref) => FARGATE_PROVIDERS.find((n) => n === ref || arn(n) === ref),
    (name) => ({ capacityProviderArn: arn(name), name, status: 'ACTIVE', tags: [] }),
    arn,
  );
  const page = paginate(found, p.maxResults, p.nextToken, { defaultSize: 10, maxSize: 10 });
  return {
    capacityProviders: page.items,
    failures,
    ...(page.nextToken ? { nextToken: page.nextToken } : {}),
  };
};

/** ListAccountSettings: the account defaults (long ARN formats enabled, as for every account since 2021). */
const listAccountSettings: Handler = (ctx, p) => {
  const principalArn = optString(p, 'principalArn') ?? `arn:aws:iam::${ctx.state.accountId}:root`;
  const defaults: [string, string][] = [
    ['serviceLongArnFormat', 'enabled'],
    ['taskLongArnFormat', 'enabled'],
    ['containerInstanceLongArnFormat', 'enabled'],
    ['awsvpcTrunking', 'disabled'],
    ['containerInsights', 'disabled'],
    ['dualStackIPv6', 'disabled'],
    ['fargateFIPSMode', 'disabled'],
    ['tagResourceAuthorization', 'on'],
    ['fargateTaskRetirementWaitPeriod', '7'],
    ['guardDutyActivate', 'off'],
    ['defaultLogDriverMode', 'non-blocking'],
  ];
  const name = optString(p, 'name');
  const value = optString(p, 'value');
  const settings = defaults
    .filter(([n, v]) => (name === undefined || n === name) && (value === undefined || v === value))
    .map(([n, v]) => ({ name: n, value: v, principalArn, type: 'aws_managed' }));
  return listPage('settings', settings, p, { defaultSize: 10, maxSize: 10 });
};

export const clusterHandlers: Record<string, Handler> = {
  CreateCluster: createCluster,
  DeleteCluster: deleteCluster,
  DescribeClusters: describeClusters,
  ListClusters: listClusters,
  UpdateCluster: updateCluster,
  PutClusterCapacityProviders: putClusterCapacityProviders,
  DescribeCapacityProviders: describeCapacityProviders,
  ListAccountSettings: listAccountSettings,
};

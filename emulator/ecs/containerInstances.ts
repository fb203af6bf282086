import type { Handler, HandlerContext } from '../context';
import type { AttributeRecord, ClusterRecord, ContainerInstanceRecord, Tag } from '../model';
import { invalidParameter } from '../protocol/errors';
import { listPage } from '../protocol/pagination';
import { optString, optStringArray, secs } from '../protocol/params';
import { describeEach } from './describe';
import { DEFAULT_RESERVED_PORTS, parseExpression } from './sim/placement';

/**
 * Container instances: ListContainerInstances, DescribeContainerInstances and
 * UpdateContainerInstancesState, over instances that scenarios register (the emulator has no EC2,
 * so there is no RegisterContainerInstance from an agent). What tasks reserve on an instance is
 * computed from its live tasks (sim/placement.ts).
 */

/** What a scenario or test registers. */
export interface ContainerInstanceInit {
  instanceType?: string;
  availabilityZone?: string;
  cpu: number;
  memory: number;
  status?: 'ACTIVE' | 'DRAINING';
  agentConnected?: boolean;
  attributes?: AttributeRecord[];
  tags?: Tag[];
}

/** Registers a container instance in a cluster (scenarios, tests). */
export function registerContainerInstance(
  ctx: HandlerContext,
  cluster: ClusterRecord,
  init: ContainerInstanceInit,
): ContainerInstanceRecord {
  const id = ctx.state.rng.hex(32);
  const az = init.availabilityZone ?? `${ctx.state.region}a`;
  const builtIn: AttributeRecord[] = [
    { name: 'ecs.instance-type', value: init.instanceType ?? 't3.medium' },
    { name: 'ecs.availability-zone', value: az },
    { name: 'ecs.os-type', value: 'linux' },
    { name: 'ecs.os-family', value: 'LINUX' },
    { name: 'ecs.cpu-architecture', value: 'x86_64' },
    { name: 'ecs.ami-id', value: 'ami-0a1b2c3d4e5f60718' },
    { name: 'ecs.capability.execution-role-awslogs' },
    { name: 'com.amazonaws.ecs.capability.logging-driver.awslogs' },
    { name: 'com.amazonaws.ecs.capability.docker-remote-api.1.44' },
  ];
  const ci: ContainerInstanceRecord = {
    arn: ctx.state.containerInstanceArn(cluster.name, id),
    id,
    clusterArn: cluster.arn,
    ec2InstanceId: `i-${ctx.state.rng.hex(17)}`,
    status: init.status ?? 'ACTIVE',
    agentConnected: init.agentConnected ?? true,
    registeredCpu: init.cpu,
    registeredMemory: init.memory,
    reservedPorts: [...DEFAULT_RESERVED_PORTS],
    attributes: [...builtIn, ...(init.attributes ?? [])],
    registeredAt: ctx.clock.now(),
    version: 1,
    tags: init.tags ?? [],
  };
  ctx.state.containerInstances.set(ci.arn, ci);
  return ci;
}

function resources(cpu: number, memory: number, ports: readonly number[]): unknown[] {
  return [
    { name: 'CPU', type: 'INTEGER', doubleValue: 0, longValue: 0, integerValue: cpu },
    { name: 'MEMORY', type: 'INTEGER', doubleValue: 0, longValue: 0, integerValue: memory },
    {
      name: 'PORTS',
      type: 'STRINGSET',
      doubleValue: 0,
      longValue: 0,
      integerValue: 0,
      stringSetValue: [...ports].sort((a, b) => a - b).map(String),
    },
    {
      name: 'PORTS_UDP',
      type: 'STRINGSET',
      doubleValue: 0,
      longValue: 0,
      integerValue: 0,
      stringSetValue: [],
    },
  ];
}

/** The container instance as DescribeContainerInstances returns it. */
export function containerInstanceView(
  ctx: HandlerContext,
  ci: ContainerInstanceRecord,
  includeTags = false,
): Record<string, unknown> {
  const tasks = ctx.engine.placement.tasksOn(ci);
  const free = ctx.engine.placement.remaining(ci);
  return {
    containerInstanceArn: ci.arn,
    ec2InstanceId: ci.ec2InstanceId,
    version: ci.version,
    versionInfo: { agentVersion: '1.89.2', agentHash: '5d0e1b3c', dockerVersion: 'DockerVersion: 25.0.6' },
    remainingResources: resources(free.cpu, free.memory, free.ports),
    registeredResources: resources(ci.registeredCpu, ci.registeredMemory, ci.reservedPorts),
    status: ci.status,
    agentConnected: ci.agentConnected,
    runningTasksCount: tasks.filter((t) => t.lastStatus === 'RUNNING').length,
    pendingTasksCount: tasks.filter((t) => ['PROVISIONING', 'PENDING', 'ACTIVATING'].includes(t.lastStatus))
      .length,
    attributes: ci.attributes.map((a) => (a.value === undefined ? { name: a.name } : { ...a })),
    registeredAt: secs(ci.registeredAt),
    attachments: [],
    tags: includeTags ? ci.tags : [],
  };
}

const STATUSES = ['ACTIVE', 'DRAINING', 'REGISTERING', 'DEREGISTERING', 'REGISTRATION_FAILED'];

const listContainerInstances: Handler = (ctx, p) => {
  const cluster = ctx.state.requireCluster(optString(p, 'cluster'));
  const status = optString(p, 'status');
  if (status !== undefined && !STATUSES.includes(status))
    throw invalidParameter(`Invalid status: ${status}. Valid values: ${STATUSES.join(', ')}.`);
  const filter = optString(p, 'filter');
  const expr = filter === undefined || filter.trim() === '' ? undefined : parseExpression(filter);
  const arns = ctx.state
    .instancesOf(cluster)
    .filter((ci) => status === undefined || ci.status === status)
    .filter((ci) => !expr || ctx.engine.placement.matches(expr, ci))
    .map((ci) => ci.arn);
  return listPage('containerInstanceArns', arns, p, { defaultSize: 100, maxSize: 100 });
};

const describeContainerInstances: Handler = (ctx, p) => {
  const cluster = ctx.state.requireCluster(optString(p, 'cluster'));
  const refs = optStringArray(p, 'containerInstances');
  if (!refs || refs.length === 0) throw invalidParameter('ContainerInstances cannot be empty.');
  if (refs.length > 100) throw invalidParameter('containerInstances can have at most 100 items.');
  const includeTags = (optStringArray(p, 'include') ?? []).includes('TAGS');
  const { found: containerInstances, failures } = describeEach(
    refs,
    (ref) => ctx.state.lookupContainerInstance(cluster, ref),
    (ci) => containerInstanceView(ctx, ci, includeTags),
    (id) => ctx.state.containerInstanceArn(cluster.name, id),
  );
  return { containerInstances, failures };
};

/**
 * DRAINING: no new tasks are placed on the instance and the service scheduler replaces the
 * service tasks running there (standalone tasks keep running); ACTIVE makes it placeable again.
 */
const updateContainerInstancesState: Handler = (ctx, p) => {
  const cluster = ctx.state.requireCluster(optString(p, 'cluster'));
  const refs = optStringArray(p, 'containerInstances');
  if (!refs || refs.length === 0) throw invalidParameter('ContainerInstances cannot be empty.');
  if (refs.length > 10) throw invalidParameter('containerInstances can have at most 10 items.');
  const status = optString(p, 'status');
  if (status !== 'ACTIVE' && status !== 'DRAINING')
    throw invalidParameter('Container instance status can only be updated to ACTIVE or DRAINING.');
  const { found: containerInstances, failures } = describeEach(
    refs,
    (ref) => ctx.state.lookupContainerInstance(cluster, ref),
    (ci) => {
      if (ci.status !== status) {
        ci.status = status;
        ci.version++;
        // The scheduler looks again at every service of the cluster.
        for (const s of ctx.state.services.values())
          if (s.clusterArn === cluster.arn) s.steadyAnnounced = false;
      }
      return containerInstanceView(ctx, ci);
    },
    (id) => ctx.state.containerInstanceArn(cluster.name, id),
  );
  return { containerInstances, failures };
};

export const containerInstanceHandlers: Record<string, Handler> = {
  ListContainerInstances: listContainerInstances,
  DescribeContainerInstances: describeContainerInstances,
  UpdateContainerInstancesState: updateContainerInstancesState,
};

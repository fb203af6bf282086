import type { Handler, HandlerContext } from '../context';
import { ApiError, clientException, invalidParameter, serviceNotFound } from '../protocol/errors';
import type {
  ClusterRecord,
  DeploymentConfiguration,
  DeploymentRecord,
  Json,
  JsonObject,
  ServiceRecord,
  TaskDefinitionRecord,
} from '../model';
import { listPage } from '../protocol/pagination';
import {
  compact,
  isObject,
  optArray,
  optBoolean,
  optNumber,
  optObject,
  optString,
  readTags,
  reqString,
  secs,
} from '../protocol/params';
import { readDeploymentConfiguration } from './deploymentConfiguration';
import { describeEach, readDescribeRequest } from './describe';
import { readConstraints, readStrategy } from './sim/placement';

/** CreateService, UpdateService, DeleteService, DescribeServices, ListServices. */

const NAME = /^[A-Za-z0-9_-]{1,255}$/;

/** The "Tasks per service" quota (5,000, not adjustable). */
const MAX_TASKS_PER_SERVICE = 5000;

function checkTaskQuota(desiredCount: number): void {
  if (desiredCount > MAX_TASKS_PER_SERVICE) {
    throw new ApiError(
      'LimitExceededException',
      `desiredCount ${desiredCount} exceeds the limit of ${MAX_TASKS_PER_SERVICE} tasks per service.`,
    );
  }
}

/** A deployment as it appears in `service.deployments[]`. */
export function deploymentView(d: DeploymentRecord): Record<string, unknown> {
  return compact({
    id: d.id,
    status: d.status,
    taskDefinition: d.taskDefinitionArn,
    desiredCount: d.desiredCount,
    pendingCount: d.pendingCount,
    runningCount: d.runningCount,
    failedTasks: d.failedTasks,
    createdAt: secs(d.createdAt),
    updatedAt: secs(d.updatedAt),
    launchType: d.launchType,
    platformVersion: d.platformVersion,
    platformFamily: d.launchType === 'FARGATE' ? 'Linux' : undefined,
    networkConfiguration: d.networkConfiguration,
    rolloutState: d.rolloutState,
    rolloutStateReason: d.rolloutStateReason,
  });
}

/** The service as DescribeServices returns it. */
export function serviceView(s: ServiceRecord, includeTags = false): Record<string, unknown> {
  const live = s.history.filter((d) => d.status !== 'INACTIVE');
  let running = 0;
  let pending = 0;
  for (const d of live) {
    running += d.runningCount;
    pending += d.pendingCount;
  }
  return compact({
    serviceArn: s.arn,
    serviceName: s.name,
    clusterArn: s.clusterArn,
    loadBalancers: s.loadBalancers,
    serviceRegistries: s.serviceRegistries,
    status: s.status,
    desiredCount: s.desiredCount,
    runningCount: running,
    pendingCount: pending,
    launchType: s.launchType,
    capacityProviderStrategy: s.capacityProviderStrategy,
    platformVersion: s.launchType === 'FARGATE' ? (s.platformVersion ?? 'LATEST') : undefined,
    platformFamily: s.launchType === 'FARGATE' ? 'Linux' : undefined,
    taskDefinition: s.taskDefinitionArn,
    deploymentConfiguration: s.deploymentConfiguration as unknown as JsonObject,
    deployments: s.status === 'INACTIVE' ? [] : live.map(deploymentView),
    events: s.events.map((e) => ({ id: e.id, createdAt: secs(e.createdAt) ?? 0, message: e.message })),
    createdAt: secs(s.createdAt),
    placementConstraints: s.placementConstraints,
    placementStrategy: s.placementStrategy,
    networkConfiguration: s.networkConfiguration,
    healthCheckGracePeriodSeconds: s.healthCheckGracePeriodSeconds,
    schedulingStrategy: s.schedulingStrategy,
    deploymentController: { type: 'ECS' },
    tags: includeTags ? s.tags : undefined,
    createdBy: `arn:aws:iam::${s.arn.split(':')[4] ?? ''}:root`,
    enableECSManagedTags: s.enableECSManagedTags,
    propagateTags: s.propagateTags,
    enableExecuteCommand: s.enableExecuteCommand,
    availabilityZoneRebalancing: 'DISABLED',
  });
}

function checkTaskDefinitionFits(
  td: TaskDefinitionRecord,
  launchType: string,
  networkConfiguration: JsonObject | undefined,
): void {
  if (td.status !== 'ACTIVE') throw clientException(`TaskDefinition is inactive: ${td.arn}.`);
  const networkMode = typeof td.body.networkMode === 'string' ? td.body.networkMode : 'bridge';
  if (networkMode === 'awsvpc' && !isObject(networkConfiguration?.awsvpcConfiguration)) {
    throw invalidParameter("Network Configuration must be provided when networkMode 'awsvpc' is specified.");
  }
  if (networkMode !== 'awsvpc' && networkConfiguration !== undefined) {
    throw invalidParameter(
      'Network Configuration is not valid for the given networkMode of this task definition.',
    );
  }
  const compat = Array.isArray(td.body.compatibilities) ? td.body.compatibilities : [];
  if (launchType === 'FARGATE' && !compat.includes('FARGATE')) {
    throw invalidParameter('Task definition does not support launch_type FARGATE.');
  }
}

function resolveLaunchType(p: JsonObject): { launchType: string; capacityProviderStrategy?: Json[] } {
  const launchType = optString(p, 'launchType');
  const cps = optArray(p, 'capacityProviderStrategy');
  if (launchType !== undefined && cps !== undefined && cps.length > 0) {
    throw invalidParameter(
      'Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.',
    );
  }
  if (launchType !== undefined && !['EC2', 'FARGATE', 'EXTERNAL', 'MANAGED_INSTANCES'].includes(launchType)) {
    throw invalidParameter(`Invalid launchType: ${launchType}.`);
  }
  if (cps && cps.length > 0) {
    const first = cps[0];
    const provider =
      isObject(first) && typeof first.capacityProvider === 'string' ? first.capacityProvider : 'EC2';
    return { launchType: provider.startsWith('FARGATE') ? 'FARGATE' : 'EC2', capacityProviderStrategy: cps };
  }
  return { launchType: launchType ?? 'EC2' };
}

/** Creates a service record with its first deployment (also used by scenarios). */
export function createServiceRecord(
  ctx: HandlerContext,
  cluster: ClusterRecord,
  init: {
    name: string;
    taskDefinition: TaskDefinitionRecord;
    desiredCount: number;
    launchType: string;
    capacityProviderStrategy?: Json[];
    networkConfiguration?: JsonObject;
    deploymentConfiguration: DeploymentConfiguration;
    tags?: ServiceRecord['tags'];
    schedulingStrategy?: 'REPLICA' | 'DAEMON';
    extra?: Partial<ServiceRecord>;
  },
): ServiceRecord {
  const service: ServiceRecord = {
    arn: ctx.state.serviceArn(cluster.name, init.name),
    name: init.name,
    clusterArn: cluster.arn,
    clusterName: cluster.name,
    status: 'ACTIVE',
    desiredCount: init.desiredCount,
    taskDefinitionArn: init.taskDefinition.arn,
    launchType: init.launchType,
    ...(init.capacityProviderStrategy ? { capacityProviderStrategy: init.capacityProviderStrategy } : {}),
    ...(init.networkConfiguration ? { networkConfiguration: init.networkConfiguration } : {}),
    deploymentConfiguration: init.deploymentConfiguration,
    history: [],
    events: [],
    createdAt: ctx.clock.now(),
    tags: init.tags ?? [],
    loadBalancers: [],
    serviceRegistries: [],
    schedulingStrategy: init.schedulingStrategy ?? 'REPLICA',
    enableExecuteCommand: false,
    enableECSManagedTags: false,
    propagateTags: 'NONE',
    steadyAnnounced: false,
    taskArns: new Set(),
    placementConstraints: [],
    placementStrategy: [],
    ...init.extra,
  };
  ctx.state.services.set(service.arn, service);
  ctx.engine.createDeployment(service, init.taskDefinition.arn);
  return service;
}

const createService: Handler = (ctx, p) => {
  const cluster = ctx.state.requireCluster(optString(p, 'cluster'));
  const name = reqString(p, 'serviceName');
  if (!NAME.test(name)) {
    throw invalidParameter(
      'Service name can have up to 255 letters (uppercase and lowercase), numbers, underscores, and hyphens.',
    );
  }
  const existing = ctx.state.lookupService(cluster, name);
  if (existing && existing.status !== 'INACTIVE')
    throw invalidParameter('Creation of service was not idempotent.');
  const td = ctx.state.lookupTaskDefinition(reqString(p, 'taskDefinition'));
  if (!td) throw clientException('TaskDefinition not found.');
  const schedulingStrategy = optString(p, 'schedulingStrategy') ?? 'REPLICA';
  if (schedulingStrategy !== 'REPLICA' && schedulingStrategy !== 'DAEMON') {
    throw invalidParameter(`Invalid schedulingStrategy: ${schedulingStrategy}.`);
  }
  const { launchType, capacityProviderStrategy } = resolveLaunchType(p);
  if (schedulingStrategy === 'DAEMON' && launchType === 'FARGATE') {
    throw invalidParameter('The daemon scheduling strategy does not support the FARGATE launch type.');
  }
  let desiredCount = optNumber(p, 'desiredCount');
  if (schedulingStrategy === 'REPLICA' && desiredCount === undefined) {
    throw invalidParameter(
      'desiredCount must be specified for a service with the REPLICA scheduling strategy.',
    );
  }
  // A daemon service runs one task per container instance; the emulated EC2 fleet has two.
  if (schedulingStrategy === 'DAEMON') desiredCount = 2;
  if (desiredCount === undefined || !Number.isInteger(desiredCount) || desiredCount < 0) {
    throw invalidParameter('desiredCount must be a non-negative integer.');
  }
  checkTaskQuota(desiredCount);
  const networkConfiguration = optObject(p, 'networkConfiguration');
  checkTaskDefinitionFits(td, launchType, networkConfiguration);
  const service = createServiceRecord(ctx, cluster, {
    name,
    taskDefinition: td,
    desiredCount,
    launchType,
    ...(capacityProviderStrategy ? { capacityProviderStrategy } : {}),
    ...(networkConfiguration ? { networkConfiguration } : {}),
    deploymentConfiguration: readDeploymentConfiguration(p),
    tags: readTags(p),
    schedulingStrategy,
    extra: {
      loadBalancers: optArray(p, 'loadBalancers') ?? [],
      serviceRegistries: optArray(p, 'serviceRegistries') ?? [],
      enableExecuteCommand: optBoolean(p, 'enableExecuteCommand') ?? false,
      enableECSManagedTags: optBoolean(p, 'enableECSManagedTags') ?? false,
      propagateTags: optString(p, 'propagateTags') ?? 'NONE',
      placementConstraints: readConstraints(optArray(p, 'placementConstraints')),
      placementStrategy: readStrategy(optArray(p, 'placementStrategy')),
      ...(optNumber(p, 'healthCheckGracePeriodSeconds') !== undefined
        ? { healthCheckGracePeriodSeconds: optNumber(p, 'healthCheckGracePeriodSeconds') as number }
        : {}),
      ...(optString(p, 'platformVersion') !== undefined
        ? { platformVersion: optString(p, 'platformVersion') as string }
        : {}),
    },
  });
  return { service: serviceView(service, true) };
};

function requireService(ctx: HandlerContext, p: JsonObject): ServiceRecord {
  const cluster = ctx.state.requireCluster(optString(p, 'cluster'));
  const service = ctx.state.lookupService(cluster, reqString(p, 'service'));
  if (!service) throw serviceNotFound();
  return service;
}

const updateService: Handler = (ctx, p) => {
  const service = requireService(ctx, p);
  if (service.status !== 'ACTIVE') throw new ApiError('ServiceNotActiveException', 'Service was not ACTIVE.');
  const desiredCount = optNumber(p, 'desiredCount');
  if (desiredCount !== undefined && (!Number.isInteger(desiredCount) || desiredCount < 0)) {
    throw invalidParameter('desiredCount must be a non-negative integer.');
  }
  if (desiredCount !== undefined) checkTaskQuota(desiredCount);
  const tdRef = optString(p, 'taskDefinition');
  const td = tdRef === undefined ? undefined : ctx.state.lookupTaskDefinition(tdRef);
  if (tdRef !== undefined && !td) throw clientException('TaskDefinition not found.');
  const networkConfiguration = optObject(p, 'networkConfiguration');
  const effectiveTd = td ?? ctx.state.taskDefinitions.get(service.taskDefinitionArn);
  if (td || networkConfiguration) {
    if (effectiveTd)
      checkTaskDefinitionFits(
        effectiveTd,
        service.launchType ?? 'EC2',
        networkConfiguration ?? service.networkConfiguration,
      );
  }
  if (p.deploymentConfiguration !== undefined) {
    service.deploymentConfiguration = readDeploymentConfiguration(p, service.deploymentConfiguration);
  }
  if (desiredCount !== undefined) {
    if (desiredCount !== service.desiredCount) service.steadyAnnounced = false;
    service.desiredCount = desiredCount;
  }
  const platformVersion = optString(p, 'platformVersion');
  const healthGrace = optNumber(p, 'healthCheckGracePeriodSeconds');
  if (healthGrace !== undefined) service.healthCheckGracePeriodSeconds = healthGrace;
  const exec = optBoolean(p, 'enableExecuteCommand');
  if (exec !== undefined) service.enableExecuteCommand = exec;
  const changedNetwork =
    networkConfiguration !== undefined &&
    JSON.stringify(networkConfiguration) !== JSON.stringify(service.networkConfiguration);
  if (networkConfiguration) service.networkConfiguration = networkConfiguration;
  const changedPlatform = platformVersion !== undefined && platformVersion !== service.platformVersion;
  if (platformVersion !== undefined) service.platformVersion = platformVersion;
  const newRevision = td !== undefined && td.arn !== service.taskDefinitionArn;
  if (newRevision || optBoolean(p, 'forceNewDeployment') === true || changedNetwork || changedPlatform) {
    ctx.engine.createDeployment(service, td?.arn ?? service.taskDefinitionArn);
  }
  return { service: serviceView(service) };
};

const deleteService: Handler = (ctx, p) => {
  const service = requireService(ctx, p);
  if (service.status === 'INACTIVE')
    throw new ApiError('ServiceNotActiveException', 'Service was not ACTIVE.');
  if (
    service.desiredCount > 0 &&
    optBoolean(p, 'force') !== true &&
    service.schedulingStrategy === 'REPLICA'
  ) {
    throw invalidParameter('The service cannot be stopped while it is scaled above 0.');
  }
  service.status = 'DRAINING';
  service.desiredCount = 0;
  return { service: serviceView(service) };
};

const describeServices: Handler = (ctx, p) => {
  const { cluster, refs, includeTags } = readDescribeRequest(ctx, p, 'services', 10, 'service names');
  const { found: services, failures } = describeEach(
    refs,
    (ref) => ctx.state.lookupService(cluster, ref),
    (service) => serviceView(service, includeTags),
    (name) => ctx.state.serviceArn(cluster.name, name),
  );
  return { services, failures };
};

const listServices: Handler = (ctx, p) => {
  const cluster = ctx.state.requireCluster(optString(p, 'cluster'));
  const launchType = optString(p, 'launchType');
  const strategy = optString(p, 'schedulingStrategy');
  const arns: string[] = [];
  for (const s of ctx.state.services.values()) {
    if (s.clusterArn !== cluster.arn || s.status === 'INACTIVE') continue;
    if (launchType !== undefined && s.launchType !== launchType) continue;
    if (strategy !== undefined && s.schedulingStrategy !== strategy) continue;
    arns.push(s.arn);
  }
  return listPage('serviceArns', arns, p, { defaultSize: 10, maxSize: 100 });
};

export const serviceHandlers: Record<string, Handler> = {
  CreateService: createService,
  UpdateService: updateService,
  DeleteService: deleteService,
  DescribeServices: describeServices,
  ListServices: listServices,
};

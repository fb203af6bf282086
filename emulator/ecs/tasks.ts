import type { Handler } from '../context';
import { invalidParameter, serviceNotFound } from '../protocol/errors';
import type { TaskRecord } from '../model';
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
import { describeEach, readDescribeRequest } from './describe';
import { NO_CONTAINER_INSTANCES, readConstraints, readStrategy } from './sim/placement';
import { managedAgentsOf } from './executeCommand';

/** RunTask, StopTask, ListTasks, DescribeTasks. */

/** The task as DescribeTasks returns it. */
export function taskView(t: TaskRecord, includeTags = false): Record<string, unknown> {
  const awsvpc = t.networkMode === 'awsvpc';
  const attachmentId = t.eniId.replace('eni-', '').padEnd(32, '0');
  const attachmentUuid = `${attachmentId.slice(0, 8)}-${attachmentId.slice(8, 12)}-${attachmentId.slice(12, 16)}-${attachmentId.slice(16, 20)}-${attachmentId.slice(20, 32)}`;
  const eniStatus =
    t.lastStatus === 'PROVISIONING'
      ? 'PRECREATED'
      : t.lastStatus === 'STOPPED' || t.lastStatus === 'DEPROVISIONING'
        ? 'DELETED'
        : 'ATTACHED';
  return compact({
    attachments: awsvpc
      ? [
          {
            id: attachmentUuid,
            type: 'ElasticNetworkInterface',
            status: eniStatus,
            details: [
              { name: 'subnetId', value: 'subnet-0a1b2c3d4e5f60718' },
              { name: 'networkInterfaceId', value: t.eniId },
              { name: 'macAddress', value: '0a:1b:2c:3d:4e:5f' },
              { name: 'privateDnsName', value: `ip-${t.privateIp.replace(/\./g, '-')}.ec2.internal` },
              { name: 'privateIPv4Address', value: t.privateIp },
            ],
          },
        ]
      : [],
    attributes: [{ name: 'ecs.cpu-architecture', value: 'x86_64' }],
    availabilityZone: t.availabilityZone,
    capacityProviderName: t.launchType === 'FARGATE' ? 'FARGATE' : undefined,
    clusterArn: t.clusterArn,
    containerInstanceArn: t.containerInstanceArn,
    connectivity: t.connectivityAt !== undefined ? 'CONNECTED' : undefined,
    connectivityAt: secs(t.connectivityAt),
    containers: t.containers.map((c) =>
      compact({
        containerArn: c.arn,
        taskArn: t.arn,
        name: c.name,
        image: c.image,
        imageDigest: c.lastStatus === 'PENDING' ? undefined : c.imageDigest,
        runtimeId: c.lastStatus === 'PENDING' ? undefined : c.runtimeId,
        lastStatus: c.lastStatus,
        exitCode: c.exitCode,
        reason: c.reason,
        networkBindings: awsvpc
          ? []
          : c.portMappings.map((pm) => ({
              bindIP: '0.0.0.0',
              containerPort: pm.containerPort,
              hostPort: pm.hostPort,
              protocol: pm.protocol,
            })),
        networkInterfaces: awsvpc ? [{ attachmentId: attachmentUuid, privateIpv4Address: t.privateIp }] : [],
        healthStatus: c.healthStatus,
        managedAgents: managedAgentsOf(t, c),
        cpu: String(c.cpu ?? 0),
        memory: c.memory !== undefined ? String(c.memory) : undefined,
        memoryReservation: c.memoryReservation !== undefined ? String(c.memoryReservation) : undefined,
      }),
    ),
    cpu: t.cpu,
    createdAt: secs(t.createdAt),
    desiredStatus: t.desiredStatus,
    enableExecuteCommand: t.enableExecuteCommand ?? false,
    executionStoppedAt: secs(t.executionStoppedAt),
    group: t.group,
    healthStatus: t.healthStatus,
    lastStatus: t.lastStatus,
    launchType: t.launchType,
    memory: t.memory,
    overrides: {
      containerOverrides: t.containers.map((c) => ({ name: c.name })),
      inferenceAcceleratorOverrides: [],
    },
    platformVersion: t.platformVersion,
    platformFamily: t.launchType === 'FARGATE' ? 'Linux' : undefined,
    pullStartedAt: secs(t.pullStartedAt),
    pullStoppedAt: secs(t.pullStoppedAt),
    startedAt: secs(t.startedAt),
    startedBy: t.startedBy,
    stopCode: t.stopCode,
    stoppedAt: secs(t.stoppedAt),
    stoppedReason: t.stoppedReason,
    stoppingAt: secs(t.stoppingAt),
    tags: includeTags ? t.tags : [],
    taskArn: t.arn,
    taskDefinitionArn: t.taskDefinitionArn,
    version: t.version,
    ephemeralStorage: t.launchType === 'FARGATE' ? { sizeInGiB: 20 } : undefined,
  });
}

const runTask: Handler = (ctx, p) => {
  const cluster = ctx.state.requireCluster(optString(p, 'cluster'));
  const td = ctx.state.lookupTaskDefinition(reqString(p, 'taskDefinition'));
  if (!td) throw invalidParameter('TaskDefinition not found.');
  if (td.status !== 'ACTIVE') throw invalidParameter(`TaskDefinition is inactive: ${td.arn}.`);
  const count = optNumber(p, 'count') ?? 1;
  if (!Number.isInteger(count) || count < 1 || count > 10)
    throw invalidParameter('count must be between 1 and 10.');
  const launchType = optString(p, 'launchType');
  const cps = optArray(p, 'capacityProviderStrategy');
  if (launchType !== undefined && cps && cps.length > 0) {
    throw invalidParameter(
      'Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.',
    );
  }
  const first = cps?.[0];
  const effectiveLaunchType =
    launchType ??
    (isObject(first) &&
    typeof first.capacityProvider === 'string' &&
    first.capacityProvider.startsWith('FARGATE')
      ? 'FARGATE'
      : 'EC2');
  const networkMode = typeof td.body.networkMode === 'string' ? td.body.networkMode : 'bridge';
  const networkConfiguration = optObject(p, 'networkConfiguration');
  if (networkMode === 'awsvpc' && !isObject(networkConfiguration?.awsvpcConfiguration)) {
    throw invalidParameter("Network Configuration must be provided when networkMode 'awsvpc' is specified.");
  }
  const compat = Array.isArray(td.body.compatibilities) ? td.body.compatibilities : [];
  if (effectiveLaunchType === 'FARGATE' && !compat.includes('FARGATE')) {
    throw invalidParameter('Task definition does not support launch_type FARGATE.');
  }
  const startedBy = optString(p, 'startedBy');
  const group = optString(p, 'group') ?? `family:${td.family}`;
  const tags = readTags(p);
  const overrides = optObject(p, 'overrides');
  const constraints = readConstraints(optArray(p, 'placementConstraints'));
  const strategy = readStrategy(optArray(p, 'placementStrategy'));
  const enableExecuteCommand = optBoolean(p, 'enableExecuteCommand') ?? false;
  const tasks: unknown[] = [];
  const failures: unknown[] = [];
  for (let i = 0; i < count; i++) {
    let containerInstance;
    if (effectiveLaunchType === 'EC2') {
      // EC2 tasks need a container instance with room ("Amazon ECS task placement"); without any
      // the request fails, otherwise each task that fits nowhere is a failure per instance with
      // its reason ("Amazon ECS API failure reasons": RESOURCE:MEMORY, AGENT, ...).
      const placed = ctx.engine.place(cluster, td, group, constraints, strategy);
      if (!placed.instance) {
        if (placed.noInstances) throw invalidParameter(NO_CONTAINER_INSTANCES);
        for (const r of placed.rejections) failures.push({ arn: r.instance.arn, reason: r.reason });
        continue;
      }
      containerInstance = placed.instance;
    }
    const task = ctx.engine.startTask({
      cluster,
      taskDefinition: td,
      launchType: effectiveLaunchType,
      group,
      ...(startedBy !== undefined ? { startedBy } : {}),
      ...(overrides ? { overrides } : {}),
      ...(containerInstance ? { containerInstance } : {}),
      tags,
      enableExecuteCommand,
    });
    tasks.push(taskView(task, true));
  }
  return { tasks, failures };
};

const stopTask: Handler = (ctx, p) => {
  const cluster = ctx.state.requireCluster(optString(p, 'cluster'));
  const task = ctx.state.lookupTask(cluster, reqString(p, 'task'));
  if (!task) throw invalidParameter('The referenced task was not found.');
  const reason = optString(p, 'reason');
  ctx.engine.stopTask(task, 'UserInitiated', reason ?? 'Task stopped by user');
  return { task: taskView(task) };
};

const listTasks: Handler = (ctx, p) => {
  const cluster = ctx.state.requireCluster(optString(p, 'cluster'));
  const serviceName = optString(p, 'serviceName');
  if (serviceName !== undefined) {
    const service = ctx.state.lookupService(cluster, serviceName);
    if (!service) throw serviceNotFound();
  }
  const family = optString(p, 'family');
  const startedBy = optString(p, 'startedBy');
  const launchType = optString(p, 'launchType');
  const desiredStatus = optString(p, 'desiredStatus') ?? 'RUNNING';
  if (!['RUNNING', 'PENDING', 'STOPPED'].includes(desiredStatus))
    throw invalidParameter(`Invalid desiredStatus: ${desiredStatus}.`);
  const name = serviceName?.startsWith('arn:') ? serviceName.split('/').pop() : serviceName;
  const source = desiredStatus === 'STOPPED' ? ctx.state.tasks.values() : ctx.state.liveTasks.values();
  const arns: string[] = [];
  for (const t of source) {
    if (t.clusterArn !== cluster.arn || t.desiredStatus !== desiredStatus) continue;
    if (name !== undefined && t.serviceName !== name) continue;
    if (family !== undefined && t.family !== family) continue;
    if (startedBy !== undefined && t.startedBy !== startedBy) continue;
    if (launchType !== undefined && t.launchType !== launchType) continue;
    arns.push(t.arn);
  }
  return listPage('taskArns', arns, p, { defaultSize: 100, maxSize: 100 });
};

const describeTasks: Handler = (ctx, p) => {
  const { cluster, refs, includeTags } = readDescribeRequest(ctx, p, 'tasks', 100, 'taskIds');
  const { found: tasks, failures } = describeEach(
    refs,
    (ref) => ctx.state.lookupTask(cluster, ref),
    (task) => taskView(task, includeTags),
    (name) => ctx.state.taskArn(cluster.name, name),
  );
  return { tasks, failures };
};

export const taskHandlers: Record<string, Handler> = {
  RunTask: runTask,
  StopTask: stopTask,
  ListTasks: listTasks,
  DescribeTasks: describeTasks,
};

/** SDK shapes → the gateway's domain types (the only place that knows both). */
import type {
  Cluster as SdkCluster,
  Container as SdkContainer,
  ContainerInstance as SdkContainerInstance,
  Deployment as SdkDeployment,
  Service as SdkService,
  Task as SdkTask,
  TaskDefinition as SdkTaskDefinition,
} from '@aws-sdk/client-ecs';
import {
  arnName,
  parseTaskDefinitionArn,
  type Cluster,
  type Capacity,
  type Container,
  type ContainerInstance,
  type Deployment,
  type RolloutState,
  type Service,
  type Task,
  type TaskDefinition,
} from './gateway';

export function toCluster(c: SdkCluster): Cluster {
  const arn = c.clusterArn ?? '';
  return {
    arn,
    name: c.clusterName ?? arnName(arn),
    status: c.status ?? 'UNKNOWN',
    activeServicesCount: c.activeServicesCount ?? 0,
    runningTasksCount: c.runningTasksCount ?? 0,
    pendingTasksCount: c.pendingTasksCount ?? 0,
    registeredContainerInstancesCount: c.registeredContainerInstancesCount ?? 0,
    capacityProviders: c.capacityProviders ?? [],
    raw: c,
  };
}

function rollout(value: string | undefined): RolloutState | undefined {
  return value === 'IN_PROGRESS' || value === 'COMPLETED' || value === 'FAILED' ? value : undefined;
}

export function toDeployment(d: SdkDeployment): Deployment {
  const state = rollout(d.rolloutState);
  return {
    id: d.id ?? '',
    status: d.status ?? 'UNKNOWN',
    taskDefinitionArn: d.taskDefinition ?? '',
    desiredCount: d.desiredCount ?? 0,
    runningCount: d.runningCount ?? 0,
    pendingCount: d.pendingCount ?? 0,
    failedTasks: d.failedTasks ?? 0,
    ...(state ? { rolloutState: state } : {}),
    ...(d.rolloutStateReason ? { rolloutStateReason: d.rolloutStateReason } : {}),
    ...(d.createdAt ? { createdAt: d.createdAt } : {}),
    ...(d.updatedAt ? { updatedAt: d.updatedAt } : {}),
  };
}

export function toService(s: SdkService): Service {
  const arn = s.serviceArn ?? '';
  const deployments = (s.deployments ?? []).map(toDeployment);
  const primary = deployments.find((d) => d.status === 'PRIMARY');
  return {
    arn,
    name: s.serviceName ?? arnName(arn),
    clusterArn: s.clusterArn ?? '',
    status: s.status ?? 'UNKNOWN',
    desiredCount: s.desiredCount ?? 0,
    runningCount: s.runningCount ?? 0,
    pendingCount: s.pendingCount ?? 0,
    ...(s.launchType ? { launchType: s.launchType } : {}),
    capacityProviders: (s.capacityProviderStrategy ?? [])
      .map((p) => p.capacityProvider ?? '')
      .filter(Boolean),
    taskDefinitionArn: s.taskDefinition ?? primary?.taskDefinitionArn ?? '',
    ...(s.schedulingStrategy ? { schedulingStrategy: s.schedulingStrategy } : {}),
    deployments,
    ...(primary?.rolloutState ? { rolloutState: primary.rolloutState } : {}),
    ...(s.createdAt ? { createdAt: s.createdAt } : {}),
    events: (s.events ?? []).map((e) => ({
      id: e.id ?? '',
      ...(e.createdAt ? { createdAt: e.createdAt } : {}),
      message: e.message ?? '',
    })),
    ...(s.deploymentConfiguration?.deploymentCircuitBreaker
      ? {
          circuitBreaker: {
            enable: s.deploymentConfiguration.deploymentCircuitBreaker.enable ?? false,
            rollback: s.deploymentConfiguration.deploymentCircuitBreaker.rollback ?? false,
          },
        }
      : {}),
    raw: s,
  };
}

export function toContainer(c: SdkContainer): Container {
  return {
    name: c.name ?? '?',
    ...(c.containerArn ? { arn: c.containerArn } : {}),
    ...(c.lastStatus ? { lastStatus: c.lastStatus } : {}),
    ...(c.healthStatus ? { healthStatus: c.healthStatus } : {}),
    ...(c.exitCode !== undefined && c.exitCode !== null ? { exitCode: c.exitCode } : {}),
    ...(c.reason ? { reason: c.reason } : {}),
    ...(c.image ? { image: c.image } : {}),
    ...(c.imageDigest ? { imageDigest: c.imageDigest } : {}),
  };
}

function privateIpOf(t: SdkTask): string | undefined {
  for (const a of t.attachments ?? []) {
    const ip = a.details?.find((d) => d.name === 'privateIPv4Address')?.value;
    if (ip) return ip;
  }
  for (const c of t.containers ?? []) {
    const ip = c.networkInterfaces?.find((n) => n.privateIpv4Address)?.privateIpv4Address;
    if (ip) return ip;
  }
  return undefined;
}

export function toTask(t: SdkTask): Task {
  const arn = t.taskArn ?? '';
  const taskDefinitionArn = t.taskDefinitionArn ?? '';
  const { family, revision } = parseTaskDefinitionArn(taskDefinitionArn);
  const group = t.group;
  const serviceName = group?.startsWith('service:') ? group.slice('service:'.length) : undefined;
  const ip = privateIpOf(t);
  return {
    arn,
    id: arnName(arn),
    clusterArn: t.clusterArn ?? '',
    taskDefinitionArn,
    family,
    revision,
    ...(group ? { group } : {}),
    ...(serviceName ? { serviceName } : {}),
    ...(t.startedBy ? { startedBy: t.startedBy } : {}),
    lastStatus: t.lastStatus ?? 'UNKNOWN',
    desiredStatus: t.desiredStatus ?? 'UNKNOWN',
    ...(t.healthStatus ? { healthStatus: t.healthStatus } : {}),
    ...(t.launchType ? { launchType: t.launchType } : {}),
    ...(t.capacityProviderName ? { capacityProviderName: t.capacityProviderName } : {}),
    ...(t.startedAt ? { startedAt: t.startedAt } : {}),
    ...(t.stoppedAt ? { stoppedAt: t.stoppedAt } : {}),
    ...(t.stoppedReason ? { stoppedReason: t.stoppedReason } : {}),
    ...(t.stopCode ? { stopCode: t.stopCode } : {}),
    ...(t.availabilityZone ? { availabilityZone: t.availabilityZone } : {}),
    ...(ip ? { privateIp: ip } : {}),
    containers: (t.containers ?? []).map(toContainer),
    raw: t,
  };
}

export function toTaskDefinition(td: SdkTaskDefinition): TaskDefinition {
  const arn = td.taskDefinitionArn ?? '';
  const parsed = parseTaskDefinitionArn(arn);
  return {
    arn,
    family: td.family ?? parsed.family,
    revision: td.revision ?? parsed.revision,
    status: td.status === 'INACTIVE' ? 'INACTIVE' : 'ACTIVE',
    ...(td.registeredAt ? { registeredAt: td.registeredAt } : {}),
    document: JSON.parse(JSON.stringify(td)) as Record<string, unknown>,
  };
}

/** CPU and MEMORY of a `registeredResources` / `remainingResources` list. */
function capacityOf(resources: SdkContainerInstance['remainingResources']): Capacity {
  const value = (name: string): number => resources?.find((r) => r.name === name)?.integerValue ?? 0;
  return { cpu: value('CPU'), memory: value('MEMORY') };
}

export function toContainerInstance(ci: SdkContainerInstance): ContainerInstance {
  const arn = ci.containerInstanceArn ?? '';
  const attribute = (name: string): string | undefined =>
    ci.attributes?.find((a) => a.name === name)?.value ?? undefined;
  const instanceType = attribute('ecs.instance-type');
  const availabilityZone = attribute('ecs.availability-zone');
  return {
    arn,
    id: arnName(arn),
    ...(ci.ec2InstanceId ? { ec2InstanceId: ci.ec2InstanceId } : {}),
    status: ci.status ?? 'UNKNOWN',
    agentConnected: ci.agentConnected ?? false,
    ...(instanceType ? { instanceType } : {}),
    ...(availabilityZone ? { availabilityZone } : {}),
    runningTasksCount: ci.runningTasksCount ?? 0,
    pendingTasksCount: ci.pendingTasksCount ?? 0,
    ...(ci.registeredAt ? { registeredAt: ci.registeredAt } : {}),
    registered: capacityOf(ci.registeredResources),
    remaining: capacityOf(ci.remainingResources),
    raw: ci,
  };
}

import type { HandlerContext } from '../context';
import { crashloop } from './crashloop';
import { createClusterRecord } from '../ecs/clusters';
import { registerContainerInstance } from '../ecs/containerInstances';
import { createServiceRecord } from '../ecs/services';
import { taskDefinitionHandlers } from '../ecs/taskDefinitions';
import type {
  ClusterRecord,
  DeploymentConfiguration,
  JsonObject,
  ServiceRecord,
  TaskDefinitionRecord,
} from '../model';

/**
 * Starting states. `demo`: three clusters with Fargate and EC2 services — a healthy web service
 * with a sidecar, one mid-rollout, one crash-looping, EC2 services on two container instances and
 * one that cannot be placed — a scheduled-style standalone task, logs flowing. `empty`: nothing. `big`: one cluster with N services of 2 running tasks each, created
 * directly in their steady state so that thousands start in milliseconds.
 */
export type ScenarioName = 'demo' | 'empty' | 'big' | 'crashloop';

/** Every scenario, for the admin API and the command line. */
export const SCENARIOS: readonly ScenarioName[] = ['demo', 'empty', 'big', 'crashloop'];

const EXECUTION_ROLE = (account: string): string => `arn:aws:iam::${account}:role/ecsTaskExecutionRole`;
const NETWORK: JsonObject = {
  awsvpcConfiguration: {
    subnets: ['subnet-0a1b2c3d4e5f60718', 'subnet-0f1e2d3c4b5a69788'],
    securityGroups: ['sg-0123456789abcdef0'],
    assignPublicIp: 'DISABLED',
  },
};
const ROLLING: DeploymentConfiguration = {
  maximumPercent: 200,
  minimumHealthyPercent: 100,
  deploymentCircuitBreaker: { enable: true, rollback: true },
};

function register(ctx: HandlerContext, body: JsonObject): TaskDefinitionRecord {
  const register = taskDefinitionHandlers.RegisterTaskDefinition;
  if (!register) throw new Error('RegisterTaskDefinition missing');
  register(ctx, body);
  const td = ctx.state.lookupTaskDefinition(body.family);
  if (!td) throw new Error(`could not register ${JSON.stringify(body.family)}`);
  return td;
}

function awslogs(ctx: HandlerContext, group: string, prefix: string, extra: JsonObject = {}): JsonObject {
  return {
    logDriver: 'awslogs',
    options: {
      'awslogs-group': group,
      'awslogs-region': ctx.state.region,
      'awslogs-stream-prefix': prefix,
      ...extra,
    },
  };
}

function fargateTd(
  ctx: HandlerContext,
  family: string,
  containers: JsonObject[],
  cpu = '256',
  memory = '512',
): TaskDefinitionRecord {
  return register(ctx, {
    family,
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    cpu,
    memory,
    executionRoleArn: EXECUTION_ROLE(ctx.state.accountId),
    containerDefinitions: containers,
  });
}

/**
 * An EC2 task definition of one container named after its family, with an image from the demo
 * account's ECR and its logs in `/ecs/<family>`; `sizes` are the container's memory, cpu, ports.
 */
function ec2Td(ctx: HandlerContext, family: string, image: string, sizes: JsonObject): TaskDefinitionRecord {
  return register(ctx, {
    family,
    containerDefinitions: [
      {
        name: family,
        image: `123456789012.dkr.ecr.us-east-1.amazonaws.com/${image}`,
        ...sizes,
        logConfiguration: awslogs(ctx, `/ecs/${family}`, family),
      },
    ],
  });
}

/** Creates a service already in its steady state, with `desired` RUNNING tasks. */
function steadyService(
  ctx: HandlerContext,
  cluster: ClusterRecord,
  name: string,
  td: TaskDefinitionRecord,
  desired: number,
  launchType: string,
  deploymentConfiguration: DeploymentConfiguration = ROLLING,
  extra: Partial<ServiceRecord> = {},
): ServiceRecord {
  const service = createServiceRecord(ctx, cluster, {
    extra,
    name,
    taskDefinition: td,
    desiredCount: desired,
    launchType,
    ...(launchType === 'FARGATE' ? { networkConfiguration: NETWORK } : {}),
    deploymentConfiguration,
  });
  const primary = ctx.engine.primaryOf(service);
  if (!primary) return service;
  const started: string[] = [];
  for (let i = 0; i < desired; i++) {
    const group = `service:${name}`;
    const placed = launchType === 'EC2' ? ctx.engine.place(cluster, td, group) : undefined;
    if (placed && !placed.instance) throw new Error(`scenario: cannot place ${name} on ${cluster.name}`);
    const task = ctx.engine.startTask({
      ...(placed?.instance ? { containerInstance: placed.instance } : {}),
      cluster,
      taskDefinition: td,
      launchType,
      group: `service:${name}`,
      startedBy: primary.id,
      service,
      deployment: primary,
      running: true,
    });
    started.push(`(task ${task.id})`);
  }
  const now = ctx.clock.now();
  primary.rolloutState = 'COMPLETED';
  primary.rolloutStateReason = `ECS deployment ${primary.id} completed.`;
  primary.sdStatus = 'SUCCESSFUL';
  primary.finishedAt = now;
  primary.runningCount = desired;
  primary.pendingCount = 0;
  if (desired > 0)
    ctx.engine.addEvent(service, `(service ${name}) has started ${desired} tasks: ${started.join(' ')}.`);
  ctx.engine.addEvent(service, `(service ${name}) (deployment ${primary.id}) deployment completed.`);
  ctx.engine.addEvent(service, `(service ${name}) has reached a steady state.`);
  service.steadyAnnounced = true;
  return service;
}

function demo(ctx: HandlerContext): void {
  const prod = createClusterRecord(ctx, 'prod', { capacityProviders: ['FARGATE', 'FARGATE_SPOT'] });
  const staging = createClusterRecord(ctx, 'staging');
  // Two EC2 container instances (t3.medium: 2 vCPU, 3.8 GiB for tasks) in two Availability Zones.
  for (const zone of ['a', 'b']) {
    registerContainerInstance(ctx, staging, {
      instanceType: 't3.medium',
      availabilityZone: `${ctx.state.region}${zone}`,
      cpu: 2048,
      memory: 3904,
    });
  }
  const batch = createClusterRecord(ctx, 'batch', { capacityProviders: ['FARGATE'] });

  // A healthy web service with a log router sidecar.
  const web = fargateTd(
    ctx,
    'web',
    [
      {
        name: 'web',
        image: 'public.ecr.aws/nginx/nginx:1.27',
        portMappings: [{ containerPort: 80, protocol: 'tcp', name: 'http', appProtocol: 'http' }],
        healthCheck: {
          command: ['CMD-SHELL', 'curl -f http://localhost/ || exit 1'],
          interval: 30,
          timeout: 5,
          retries: 3,
        },
        logConfiguration: awslogs(ctx, '/ecs/web', 'web'),
      },
      {
        name: 'envoy',
        image: 'public.ecr.aws/appmesh/aws-appmesh-envoy:v1.29.6.0-prod',
        essential: false,
        logConfiguration: awslogs(ctx, '/ecs/web', 'web'),
      },
    ],
    '512',
    '1024',
  );
  // ECS Exec is on for web (Open Shell, Forward Port); the other services show the pre-flight.
  steadyService(ctx, prod, 'web', web, 3, 'FARGATE', ROLLING, { enableExecuteCommand: true });

  // An API in the middle of a rolling update: revision 2 takes two minutes to pass health checks.
  const apiContainer = (image: string, startPeriod: number): JsonObject => ({
    name: 'api',
    image,
    portMappings: [{ containerPort: 8080, protocol: 'tcp' }],
    environment: [{ name: 'NODE_ENV', value: 'production' }],
    healthCheck: { command: ['CMD-SHELL', 'wget -qO- http://localhost:8080/health || exit 1'], startPeriod },
    logConfiguration: awslogs(ctx, '/ecs/api', 'api', {
      'awslogs-multiline-pattern': '^\\d{4}-\\d{2}-\\d{2}',
    }),
  });
  const api1 = fargateTd(ctx, 'api', [
    apiContainer('123456789012.dkr.ecr.us-east-1.amazonaws.com/api:1.4.0', 10),
  ]);
  const api = steadyService(ctx, prod, 'api', api1, 2, 'FARGATE');
  const api2 = fargateTd(ctx, 'api', [
    apiContainer('123456789012.dkr.ecr.us-east-1.amazonaws.com/api:1.5.0', 120),
  ]);
  ctx.engine.createDeployment(api, api2.arn);

  // A service whose new revision crash-loops (no circuit breaker, so it keeps trying).
  const checkoutContainer = (tag: string): JsonObject => ({
    name: 'checkout',
    image: `123456789012.dkr.ecr.us-east-1.amazonaws.com/checkout:${tag}`,
    portMappings: [{ containerPort: 3000, protocol: 'tcp' }],
    logConfiguration: awslogs(ctx, '/ecs/checkout', 'checkout'),
  });
  const checkout1 = fargateTd(ctx, 'checkout', [checkoutContainer('2.0.3')]);
  const checkout = steadyService(ctx, prod, 'checkout', checkout1, 2, 'FARGATE', {
    maximumPercent: 200,
    minimumHealthyPercent: 50,
    deploymentCircuitBreaker: { enable: false, rollback: false },
  });
  const checkout2 = fargateTd(ctx, 'checkout', [checkoutContainer('crashloop')]);
  ctx.engine.createDeployment(checkout, checkout2.arn);

  // EC2 services in bridge mode.
  const worker = ec2Td(ctx, 'worker', 'queue-worker:3.2.1', { memory: 512, cpu: 256 });
  steadyService(ctx, staging, 'worker', worker, 2, 'EC2');
  const admin = ec2Td(ctx, 'admin', 'admin:0.9.0', {
    memoryReservation: 256,
    portMappings: [{ containerPort: 8000, hostPort: 0, protocol: 'tcp' }],
  });
  steadyService(ctx, staging, 'admin', admin, 1, 'EC2');

  // An EC2 service that cannot be placed: it reserves more memory (8 GiB) than either instance
  // has, so it stays at 0 running with ECS's "unable to place a task" service event.
  const analytics = ec2Td(ctx, 'analytics', 'analytics:2.1.0', { memory: 8192, cpu: 1024 });
  createServiceRecord(ctx, staging, {
    name: 'analytics',
    taskDefinition: analytics,
    desiredCount: 1,
    launchType: 'EC2',
    deploymentConfiguration: ROLLING,
  });

  // A scheduled-style standalone task: runs for 4m45s, writes a report, exits 0; again every 5
  // minutes, so one is running nearly all the time.
  const report = fargateTd(ctx, 'nightly-report', [
    {
      name: 'report',
      image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/report:batch',
      logConfiguration: awslogs(ctx, '/ecs/nightly-report', 'report'),
    },
  ]);
  ctx.engine.startTask({
    cluster: batch,
    taskDefinition: report,
    launchType: 'FARGATE',
    group: 'family:nightly-report',
    startedBy: 'events-rule/nightly-report',
    running: true,
    exitAfterMs: REPORT_RUN_MS,
  });
  ctx.engine.addSchedule(
    {
      cluster: batch,
      taskDefinition: report,
      launchType: 'FARGATE',
      startedBy: 'events-rule/nightly-report',
      everyMs: 5 * 60 * 1000,
      runMs: REPORT_RUN_MS,
    },
    5 * 60 * 1000,
  );
}

const REPORT_RUN_MS = 285_000;

function big(ctx: HandlerContext, services: number): void {
  const cluster = createClusterRecord(ctx, 'big', { capacityProviders: ['FARGATE'] });
  const width = Math.max(4, String(services).length);
  for (let i = 1; i <= services; i++) {
    const name = `svc-${String(i).padStart(width, '0')}`;
    const td = fargateTd(ctx, name, [
      {
        name: 'app',
        image: `123456789012.dkr.ecr.us-east-1.amazonaws.com/${name}:1.0.${i % 10}`,
        portMappings: [{ containerPort: 8080, protocol: 'tcp' }],
        logConfiguration: awslogs(ctx, '/ecs/big', name),
      },
    ]);
    steadyService(ctx, cluster, name, td, 2, 'FARGATE');
  }
}

/** Loads a scenario into an empty state. */
export function loadScenario(ctx: HandlerContext, name: ScenarioName, services: number): void {
  if (name === 'demo') demo(ctx);
  else if (name === 'big') big(ctx, services);
  // `crashloop` (crashloop.ts): a service failing for as long as you let simulated time run.
  else if (name === 'crashloop') crashloop(ctx, { fargateTd, steadyService, network: NETWORK });
}

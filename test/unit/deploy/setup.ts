/** Shared set-up of deploy tests: a Fargate service in steady state on the emulator. */
import { after, before } from 'node:test';
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeServicesCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
  type RegisterTaskDefinitionCommandInput,
  type Service,
} from '@aws-sdk/client-ecs';
import { createAwsGateway, type AwsGateway } from '../../../client/src/aws/awsGateway';
import { EcsDeployApi } from '../../../client/src/aws/deploy/ecsDeployApi';
import type { Connection } from '../../../client/src/aws/gateway';
import type { EcsClientPool } from '../../../client/src/aws/sdkClients';
import { startEmulator, type RunningEmulator } from '../../../emulator';
import { waitFor } from '../../waitFor';
import { smallFargateTask } from '../fargateFixture';

export const NETWORK = {
  awsvpcConfiguration: { subnets: ['subnet-0a1b2c3d4e5f60718'], securityGroups: ['sg-0123456789abcdef0'] },
};

/** A small Fargate task definition whose app container runs `image`. */
export function taskDefinition(
  family: string,
  image: string,
  extraEnv: Record<string, string> = {},
): RegisterTaskDefinitionCommandInput {
  return {
    family,
    ...smallFargateTask,
    containerDefinitions: [
      {
        name: 'app',
        image,
        essential: true,
        portMappings: [{ containerPort: 8080 }],
        // With a health check a crashing container never counts as healthy, as in ECS.
        healthCheck: {
          command: ['CMD-SHELL', 'curl -f http://localhost:8080/health || exit 1'],
          interval: 10,
          timeout: 5,
          retries: 3,
          startPeriod: 10,
        },
        environment: Object.entries(extraEnv).map(([name, value]) => ({ name, value })),
      },
    ],
  };
}

export function sdkClient(url: string, region: string): ECSClient {
  return new ECSClient({
    endpoint: url,
    region,
    credentials: { accessKeyId: 'AKIAEMULATOR0000TEST', secretAccessKey: 'test' },
  });
}

/** Polls `condition` until it holds, or fails after `timeoutMs` (see test/waitFor.ts). */
export function eventually<T>(
  what: string,
  condition: () => Promise<T | undefined | false>,
  timeoutMs = 20_000,
): Promise<T> {
  return waitFor(what, condition, { timeoutMs, intervalMs: 20 });
}

/** Creates a cluster and a service running `image`, with the circuit breaker and rollback on, and waits for steady state. */
export async function steadyService(
  ecs: ECSClient,
  names: { cluster: string; service: string; family: string },
  image: string,
  desiredCount = 2,
): Promise<{ taskDefinitionArn: string; serviceArn: string }> {
  await ecs.send(new CreateClusterCommand({ clusterName: names.cluster }));
  const td = await ecs.send(new RegisterTaskDefinitionCommand(taskDefinition(names.family, image)));
  const taskDefinitionArn = td.taskDefinition?.taskDefinitionArn ?? '';
  const created = await ecs.send(
    new CreateServiceCommand({
      cluster: names.cluster,
      serviceName: names.service,
      taskDefinition: taskDefinitionArn,
      desiredCount,
      launchType: 'FARGATE',
      networkConfiguration: NETWORK,
      deploymentConfiguration: {
        maximumPercent: 200,
        minimumHealthyPercent: 100,
        deploymentCircuitBreaker: { enable: true, rollback: true },
      },
    }),
  );
  await eventually('the service to reach a steady state', async () => {
    const s = await describeService(ecs, names);
    return (
      s?.deployments?.length === 1 &&
      s.deployments[0]?.rolloutState === 'COMPLETED' &&
      s.runningCount === desiredCount
    );
  });
  return { taskDefinitionArn, serviceArn: created.service?.serviceArn ?? '' };
}

/**
 * Creates a cluster and a BLUE_GREEN service running `image` whose deployments bake one (simulated)
 * minute and pause at a PAUSE hook after the test traffic moved, until ContinueServiceDeployment.
 */
export async function pausingBlueGreenService(
  ecs: ECSClient,
  names: { cluster: string; service: string; family: string },
  image: string,
  desiredCount: number,
): Promise<void> {
  await ecs.send(new CreateClusterCommand({ clusterName: names.cluster }));
  await ecs.send(new RegisterTaskDefinitionCommand(taskDefinition(names.family, image)));
  await ecs.send(
    new CreateServiceCommand({
      cluster: names.cluster,
      serviceName: names.service,
      taskDefinition: names.family,
      desiredCount,
      launchType: 'FARGATE',
      networkConfiguration: NETWORK,
      deploymentConfiguration: {
        strategy: 'BLUE_GREEN',
        bakeTimeInMinutes: 1,
        lifecycleHooks: [{ targetType: 'PAUSE', lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'] }],
      },
    }),
  );
}

/** The service as DescribeServices returns it now. */
export async function describeService(
  ecs: ECSClient,
  names: { cluster: string; service: string },
): Promise<Service | undefined> {
  return (await ecs.send(new DescribeServicesCommand({ cluster: names.cluster, services: [names.service] })))
    .services?.[0];
}

/**
 * Makes `client` lose the response of its next `count` `commandName` calls: the request reaches the
 * emulator and is applied, then the client sees `error` (a connection reset) instead of the answer.
 * `lost()` says how many responses were lost, `calls()` how many `commandName` calls were sent;
 * `remove()` restores the client.
 */
export function loseResponses(
  client: ECSClient,
  commandName: string,
  error: { name: string; code: string },
  count = 1,
): { lost(): number; calls(): number; remove(): void } {
  let toLose = count;
  let calls = 0;
  const name = `lose${commandName}`;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      if (context.commandName !== commandName) return result;
      calls++;
      if (toLose > 0) {
        toLose--;
        throw Object.assign(new Error('socket hang up'), error);
      }
      return result;
    },
    { step: 'initialize', name },
  );
  return {
    lost: () => count - toLose,
    calls: () => calls,
    remove: () => void client.middlewareStack.remove(name),
  };
}

/** What a deploy suite works with: the emulator, a plain SDK client, and the extension's data layer on it. */
export interface DeploySuite {
  emu: RunningEmulator;
  /** A plain SDK client, to set up and check state behind the extension's back. */
  ecs: ECSClient;
  gateway: AwsGateway;
  connection: Connection;
  api: EcsDeployApi;
  /** The gateway's own SDK client for the connection (to make it lose responses). */
  gatewayClient(): Promise<ECSClient>;
}

/**
 * The emulator of one deploy suite with `names` running `image` in steady state: declares the
 * suite's `before` hook (start, set up) and `after` hook (stop). Call it in a `describe` body; the
 * fields are filled in once `before` has run.
 */
export function deploySuite(
  names: { cluster: string; service: string; family: string },
  image: string,
  desiredCount = 2,
): DeploySuite {
  const d = {
    gatewayClient: () => (d.gateway as unknown as { pool: EcsClientPool }).pool.get(d.connection),
  } as DeploySuite;
  before(async () => {
    d.emu = await startEmulator({ scenario: 'empty', speed: 200 });
    d.ecs = sdkClient(d.emu.url, d.emu.region);
    d.gateway = createAwsGateway();
    d.connection = { profile: 'default', region: d.emu.region, endpoint: d.emu.url };
    d.api = new EcsDeployApi(d.gateway, d.connection);
    await steadyService(d.ecs, names, image, desiredCount);
  });
  after(async () => {
    d.gateway.dispose();
    d.ecs.destroy();
    await d.emu.stop();
  });
  return d;
}

/** Shared set-up of deploy tests: a Fargate service in steady state on the emulator. */
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeServicesCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
  type RegisterTaskDefinitionCommandInput,
} from '@aws-sdk/client-ecs';
import { waitFor } from '../../waitFor';

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
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    cpu: '256',
    memory: '512',
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
    const s = (
      await ecs.send(new DescribeServicesCommand({ cluster: names.cluster, services: [names.service] }))
    ).services?.[0];
    return (
      s?.deployments?.length === 1 &&
      s.deployments[0]?.rolloutState === 'COMPLETED' &&
      s.runningCount === desiredCount
    );
  });
  return { taskDefinitionArn, serviceArn: created.service?.serviceArn ?? '' };
}

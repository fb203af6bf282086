import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import {
  CreateServiceCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
  type RegisterTaskDefinitionCommandInput,
} from '@aws-sdk/client-ecs';
import { after, before } from 'node:test';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../../emulator';
import { waitFor } from '../../waitFor';
import { smallFargateTask } from '../fargateFixture';

/** Test credentials: the emulator accepts any SigV4-signed request. */
export const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

/** Real SDK clients pointed at an emulator. */
export interface Clients {
  emu: RunningEmulator;
  ecs: ECSClient;
  logs: CloudWatchLogsClient;
}

/** Starts an emulator (fast simulated time by default) with ECS and Logs clients. */
export async function withEmulator(options: EmulatorOptions = {}, maxAttempts = 3): Promise<Clients> {
  const emu = await startEmulator({ speed: 40, ...options });
  const ecs = new ECSClient({ endpoint: emu.url, region: emu.region, credentials, maxAttempts });
  const logs = new CloudWatchLogsClient({
    endpoint: emu.url,
    region: emu.region,
    credentials,
    disableHostPrefix: true,
    maxAttempts,
  });
  return { emu, ecs, logs };
}

/** Stops clients and emulator. */
export async function close(c: Clients): Promise<void> {
  c.ecs.destroy();
  c.logs.destroy();
  await c.emu.stop();
}

/**
 * The emulator of one suite: declares the suite's `before` hook, which starts an emulator (as
 * `withEmulator`) and then runs `setup`, and its `after` hook, which stops it. Call it in a
 * `describe` body; the returned clients are filled in once `before` has run, so tests use them
 * directly.
 */
export function suiteEmulator(
  options: EmulatorOptions = {},
  setup?: (c: Clients) => Promise<void>,
  maxAttempts?: number,
): Clients {
  const c = {} as Clients;
  before(async () => {
    Object.assign(c, await withEmulator(options, maxAttempts));
    await setup?.(c);
  });
  after(() => close(c));
  return c;
}

/**
 * Polls `check` until it returns a value other than undefined/null/false (see test/waitFor.ts: an
 * assertion failing inside `check` fails at once; other errors are retried and reported).
 */
export function until<T>(
  what: string,
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 10000,
): Promise<T> {
  return waitFor(what, check, { timeoutMs, accept: 'defined' });
}

/** Catches the error of a promise (assert.rejects cannot return it). */
export async function errorOf(
  promise: Promise<unknown>,
): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
    throw new Error(`non-Error rejection: ${String(error)}`);
  }
  throw new Error('expected the call to fail');
}

/** A minimal Fargate task definition with awslogs. */
export function fargateTaskDefinition(
  family: string,
  image: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    family,
    ...smallFargateTask,
    executionRoleArn: 'arn:aws:iam::123456789012:role/ecsTaskExecutionRole',
    containerDefinitions: [
      {
        name: 'app',
        image,
        portMappings: [{ containerPort: 8080 }],
        logConfiguration: {
          logDriver: 'awslogs',
          options: {
            'awslogs-group': `/ecs/${family}`,
            'awslogs-region': 'us-east-1',
            'awslogs-stream-prefix': 'ecs',
          },
        },
      },
    ],
    ...extra,
  };
}

/** The awsvpc network configuration Fargate services need. */
export const network = {
  awsvpcConfiguration: { subnets: ['subnet-0a1b2c3d4e5f60718'], securityGroups: ['sg-0123456789abcdef0'] },
};

/**
 * Registers `fargateTaskDefinition(name, image)` and creates the Fargate service `name` on it in
 * `cluster`, with `desiredCount` tasks and `deploymentConfiguration`.
 */
export async function createFargateService(
  ecs: ECSClient,
  o: { cluster: string; name: string; image: string; desiredCount: number; deploymentConfiguration: object },
): Promise<void> {
  const taskDefinition = fargateTaskDefinition(
    o.name,
    o.image,
  ) as unknown as RegisterTaskDefinitionCommandInput;
  await ecs.send(new RegisterTaskDefinitionCommand(taskDefinition));
  await ecs.send(
    new CreateServiceCommand({
      cluster: o.cluster,
      serviceName: o.name,
      taskDefinition: o.name,
      desiredCount: o.desiredCount,
      launchType: 'FARGATE',
      networkConfiguration: network,
      deploymentConfiguration: o.deploymentConfiguration,
    }),
  );
}

/** Sends a raw AWS JSON 1.1 request (for what the SDK cannot send: unsigned, malformed). */
export async function rawCall(
  url: string,
  target: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target, ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** A syntactically valid SigV4 Authorization header for raw requests. */
export function fakeSigV4(service: 'ecs' | 'logs'): string {
  return `AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/${service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`;
}

/**
 * The ECS calls behind deploys, over the shared SDK client of a connection, returning domain
 * views and `Result`s (never throwing). Each method sends exactly one request per page: the
 * clients are created without SDK retries, so nothing here is retried behind the caller's back
 * (RegisterTaskDefinition especially; see register.ts).
 */
import { RequestError, type AwsGateway, type RetryPolicy, type Sender } from '../awsGateway';
import { EcsWrites, type RegisterTaskDefinitionCommandInput } from '../ecsWrites';
import { toGatewayError } from '../errors';
import type { Connection, GatewayError, TaskDefinition } from '../gateway';
import type { JsonObject } from './normalize';
import {
  fail,
  ok,
  type DeploymentView,
  type Failure,
  type RegisterTarget,
  type Result,
  type RevisionView,
  type RolloutSource,
  type ServiceView,
  type TaskView,
} from './types';

/** A service deployment (ListServiceDeployments) in the state StopServiceDeployment can act on. */
export interface ServiceDeploymentRef {
  arn: string;
  status: string;
  targetRevisionArn?: string;
}

export interface UpdateServiceRequest {
  cluster: string;
  service: string;
  taskDefinition?: string;
  forceNewDeployment?: boolean;
  desiredCount?: number;
}

/** The IAM action named by an AccessDenied message ("... not authorized to perform: ecs:UpdateService ..."). */
function missingPermission(detail: string, operation: string): string {
  return /perform:?\s+([a-z0-9-]+:[A-Za-z0-9]+)/i.exec(detail)?.[1] ?? `ecs:${operation}`;
}

const SERVER_ERRORS =
  /^(ServerException|InternalFailure|InternalError|ServiceUnavailable\w*|ServiceException)\b/;

/**
 * A deploy failure from the data layer's error value: its kind, a message for deploy commands
 * (the explorer's wording speaks of refreshing), and whether the request may have been applied.
 */
export function fromGatewayError(error: GatewayError, operation: string): Failure {
  const name = error.detail.split(':')[0]?.trim() ?? '';
  const text = error.detail.slice(name.length + 1).trim();
  switch (error.kind) {
    case 'Throttled':
      return {
        kind: 'throttled',
        code: name,
        message: `ECS throttled ${operation}. Try again in a few seconds.`,
      };
    case 'AccessDenied': {
      const permission = missingPermission(error.detail, operation);
      return {
        kind: 'accessDenied',
        code: name,
        message: `Access denied: the credentials lack ${permission}. Ask your administrator for ${permission}, or switch profile.`,
      };
    }
    case 'ExpiredToken':
    case 'NoCredentials':
      return { kind: 'expiredToken', code: name, message: error.message };
    case 'NotFound':
      return { kind: 'notFound', code: name, message: `${operation}: ${text || name}.` };
    case 'Network':
      // A refused connection never reached AWS; a reset, a timeout or an abort may have been applied.
      return {
        kind: 'network',
        code: name,
        ambiguous: !/ECONNREFUSED/.test(error.detail),
        message: error.message,
      };
    default:
      break;
  }
  if (name === 'ServiceNotActiveException') {
    return {
      kind: 'notFound',
      code: name,
      message: `The service is not active (deleted or draining): ${text}`,
    };
  }
  if (name === 'UpdateInProgressException' || /in progress/i.test(text)) {
    return {
      kind: 'conflict',
      code: name,
      message: `Another deployment or update of this service is in progress (${text}). Wait for it to finish, then try again.`,
    };
  }
  if (
    name === 'ClientException' ||
    name === 'InvalidParameterException' ||
    name === 'PlatformUnknownException'
  ) {
    return { kind: 'invalid', code: name, message: `ECS rejected ${operation}: ${text}` };
  }
  if (SERVER_ERRORS.test(name) || /\b5\d\d\b/.test(name)) {
    return {
      kind: 'serverError',
      code: name,
      ambiguous: true,
      message: `ECS failed to answer ${operation} (${error.detail}).`,
    };
  }
  return { kind: 'unknown', code: name, message: `${operation} failed: ${error.detail}` };
}

/** A failure value from whatever a request threw. */
export function toFailure(error: unknown, c: Connection, operation: string): Failure {
  return fromGatewayError(toGatewayError(error, c, operation), operation);
}

const num = (v: number | undefined): number => v ?? 0;

/** Maps a DescribeServices service to the view a rollout is made of. */
export function toServiceView(s: {
  serviceName?: string;
  serviceArn?: string;
  clusterArn?: string;
  status?: string;
  taskDefinition?: string;
  desiredCount?: number;
  runningCount?: number;
  pendingCount?: number;
  deployments?: {
    id?: string;
    status?: string;
    taskDefinition?: string;
    desiredCount?: number;
    pendingCount?: number;
    runningCount?: number;
    failedTasks?: number;
    rolloutState?: string;
    rolloutStateReason?: string;
    createdAt?: Date;
    updatedAt?: Date;
  }[];
  events?: { id?: string; createdAt?: Date; message?: string }[];
  deploymentController?: { type?: string };
  deploymentConfiguration?: { deploymentCircuitBreaker?: { enable?: boolean; rollback?: boolean } };
}): ServiceView {
  const breaker = s.deploymentConfiguration?.deploymentCircuitBreaker;
  return {
    serviceName: s.serviceName ?? '',
    serviceArn: s.serviceArn ?? '',
    clusterArn: s.clusterArn ?? '',
    status: s.status ?? 'UNKNOWN',
    taskDefinition: s.taskDefinition ?? '',
    desiredCount: num(s.desiredCount),
    runningCount: num(s.runningCount),
    pendingCount: num(s.pendingCount),
    deployments: (s.deployments ?? []).map((d): DeploymentView => ({
      id: d.id ?? '',
      status: d.status ?? 'UNKNOWN',
      taskDefinition: d.taskDefinition ?? '',
      desiredCount: num(d.desiredCount),
      pendingCount: num(d.pendingCount),
      runningCount: num(d.runningCount),
      failedTasks: num(d.failedTasks),
      ...(d.rolloutState ? { rolloutState: d.rolloutState } : {}),
      ...(d.rolloutStateReason ? { rolloutStateReason: d.rolloutStateReason } : {}),
      ...(d.createdAt ? { createdAt: d.createdAt } : {}),
      ...(d.updatedAt ? { updatedAt: d.updatedAt } : {}),
    })),
    events: (s.events ?? []).map((e) => ({
      id: e.id ?? '',
      message: e.message ?? '',
      ...(e.createdAt ? { createdAt: e.createdAt } : {}),
    })),
    deploymentController: s.deploymentController?.type ?? 'ECS',
    ...(breaker
      ? { circuitBreaker: { enable: breaker.enable === true, rollback: breaker.rollback === true } }
      : {}),
  };
}

/** The account id in an ARN (`arn:aws:ecs:REGION:ACCOUNT:...`). */
export function accountOf(arn: string): string | undefined {
  return /^arn:[^:]+:[^:]*:[^:]*:(\d{12}):/.exec(arn)?.[1];
}

/** Deploy calls against one connection, through the shared gateway (clients, limiter) and writes. */
export class EcsDeployApi implements RolloutSource, RegisterTarget {
  private readonly writes: EcsWrites;

  constructor(
    private readonly gateway: AwsGateway,
    readonly connection: Connection,
  ) {
    this.writes = new EcsWrites(gateway);
  }

  private async call<T>(
    operation: string,
    sender: Sender<T>,
    retry: RetryPolicy = 'retryable',
  ): Promise<Result<T>> {
    try {
      return ok(await this.gateway.send(this.connection, operation, 'interactive', sender, retry));
    } catch (error) {
      return fail(
        toFailure(error instanceof RequestError ? error.original : error, this.connection, operation),
      );
    }
  }

  private failure<T>(error: GatewayError, operation: string): Result<T> {
    return fail(fromGatewayError(error, operation));
  }

  async describeService(cluster: string, service: string): Promise<Result<ServiceView>> {
    const result = await this.call('DescribeServices', (sdk, client, opts) =>
      client.send(new sdk.DescribeServicesCommand({ cluster, services: [service] }), opts),
    );
    if (!result.ok) return result;
    const found = result.value.services?.[0];
    if (!found || found.status === 'INACTIVE') {
      return fail({
        kind: 'notFound',
        message: `Service ${service} was not found in cluster ${cluster}${found ? ' (it was deleted)' : ''}.`,
      });
    }
    return ok(toServiceView(found));
  }

  async listStoppedTasks(cluster: string, service: string): Promise<Result<string[]>> {
    const result = await this.call('ListTasks', (sdk, client, opts) =>
      client.send(
        new sdk.ListTasksCommand({
          cluster,
          serviceName: service,
          desiredStatus: 'STOPPED',
          maxResults: 100,
        }),
        opts,
      ),
    );
    return result.ok ? ok(result.value.taskArns ?? []) : result;
  }

  async describeTasks(cluster: string, tasks: string[]): Promise<Result<TaskView[]>> {
    if (tasks.length === 0) return ok([]);
    const result = await this.call('DescribeTasks', (sdk, client, opts) =>
      client.send(new sdk.DescribeTasksCommand({ cluster, tasks: tasks.slice(0, 100) }), opts),
    );
    if (!result.ok) return result;
    return ok((result.value.tasks ?? []).map(toTaskView));
  }

  /** One RegisterTaskDefinition request (retried only when ECS refused it for throttling). */
  async register(input: JsonObject): Promise<Result<RevisionView>> {
    const result = await this.writes.registerTaskDefinition(
      this.connection,
      input as unknown as RegisterTaskDefinitionCommandInput,
    );
    if (!result.ok) return this.failure(result.error, 'RegisterTaskDefinition');
    return ok(fromTaskDefinition(result.value));
  }

  /** The latest ACTIVE revision of a family, or one revision by ARN / `family:revision`. */
  async describeTaskDefinition(familyOrArn: string): Promise<Result<RevisionView>> {
    const result = await this.gateway.describeTaskDefinition(this.connection, familyOrArn, {
      priority: 'interactive',
      maxAge: 0,
    });
    if (!result.ok) return this.failure(result.error, 'DescribeTaskDefinition');
    return ok(fromTaskDefinition(result.value));
  }

  /** ARNs of a family's ACTIVE revisions, newest first (first page of up to 100). */
  async listRevisions(family: string): Promise<Result<string[]>> {
    const result = await this.call('ListTaskDefinitions', (sdk, client, opts) =>
      client.send(
        new sdk.ListTaskDefinitionsCommand({
          familyPrefix: family,
          sort: 'DESC',
          status: 'ACTIVE',
          maxResults: 100,
        }),
        opts,
      ),
    );
    return result.ok ? ok(result.value.taskDefinitionArns ?? []) : result;
  }

  /** UpdateService; returns the service as ECS answered, with its new PRIMARY deployment. */
  async updateService(request: UpdateServiceRequest): Promise<Result<ServiceView>> {
    const result = await this.writes.updateService(this.connection, {
      cluster: request.cluster,
      service: request.service,
      ...(request.taskDefinition ? { taskDefinition: request.taskDefinition } : {}),
      ...(request.forceNewDeployment ? { forceNewDeployment: true } : {}),
      ...(request.desiredCount !== undefined ? { desiredCount: request.desiredCount } : {}),
    });
    if (!result.ok) return this.failure(result.error, 'UpdateService');
    return ok(toServiceView(result.value.raw as Parameters<typeof toServiceView>[0]));
  }

  async stopTask(cluster: string, task: string, reason: string): Promise<Result<TaskView>> {
    const result = await this.writes.stopTask(this.connection, cluster, task, reason);
    if (!result.ok) return this.failure(result.error, 'StopTask');
    return ok(toTaskView(result.value.raw as Parameters<typeof toTaskView>[0]));
  }

  async deregister(taskDefinitionArn: string): Promise<Result<RevisionView>> {
    const result = await this.call(
      'DeregisterTaskDefinition',
      (sdk, client, opts) =>
        client.send(new sdk.DeregisterTaskDefinitionCommand({ taskDefinition: taskDefinitionArn }), opts),
      'throttled',
    );
    if (!result.ok) return result;
    const td = result.value.taskDefinition;
    if (!td?.taskDefinitionArn)
      return fail({ kind: 'unknown', message: 'DeregisterTaskDefinition returned nothing.' });
    this.gateway.invalidate(this.connection);
    return ok(toRevision(JSON.parse(JSON.stringify(td)) as JsonObject));
  }

  /** Service deployments in progress (those StopServiceDeployment can roll back). */
  async inProgressServiceDeployments(
    cluster: string,
    service: string,
  ): Promise<Result<ServiceDeploymentRef[]>> {
    const result = await this.writes.listServiceDeployments(this.connection, {
      cluster,
      service,
      status: ['PENDING', 'IN_PROGRESS'],
    });
    if (!result.ok) return this.failure(result.error, 'ListServiceDeployments');
    return ok(
      (result.value.serviceDeployments ?? []).map((d) => ({
        arn: d.serviceDeploymentArn ?? '',
        status: d.status ?? 'UNKNOWN',
        ...(d.targetServiceRevisionArn ? { targetRevisionArn: d.targetServiceRevisionArn } : {}),
      })),
    );
  }

  async stopServiceDeployment(arn: string, stopType: 'ROLLBACK' | 'ABORT'): Promise<Result<string>> {
    const result = await this.writes.stopServiceDeployment(this.connection, arn, stopType);
    if (!result.ok) return this.failure(result.error, 'StopServiceDeployment');
    return ok(result.value.serviceDeploymentArn ?? arn);
  }

  /** Cluster ARNs (up to 1,000). */
  async listClusters(): Promise<Result<string[]>> {
    const arns: string[] = [];
    let nextToken: string | undefined;
    do {
      const token = nextToken;
      const page = await this.call('ListClusters', (sdk, client, opts) =>
        client.send(
          new sdk.ListClustersCommand({ maxResults: 100, ...(token ? { nextToken: token } : {}) }),
          opts,
        ),
      );
      if (!page.ok) return page;
      arns.push(...(page.value.clusterArns ?? []));
      nextToken = page.value.nextToken;
    } while (nextToken && arns.length < 1000);
    return ok(arns);
  }

  /** Service ARNs of a cluster (up to 2,000). */
  async listServices(cluster: string): Promise<Result<string[]>> {
    const arns: string[] = [];
    let nextToken: string | undefined;
    do {
      const token = nextToken;
      const page = await this.call('ListServices', (sdk, client, opts) =>
        client.send(
          new sdk.ListServicesCommand({ cluster, maxResults: 100, ...(token ? { nextToken: token } : {}) }),
          opts,
        ),
      );
      if (!page.ok) return page;
      arns.push(...(page.value.serviceArns ?? []));
      nextToken = page.value.nextToken;
    } while (nextToken && arns.length < 2000);
    return ok(arns);
  }
}

function toTaskView(t: {
  taskArn?: string;
  taskDefinitionArn?: string;
  lastStatus?: string;
  desiredStatus?: string;
  startedBy?: string;
  stoppedReason?: string;
  stopCode?: string;
  stoppedAt?: Date;
  containers?: { name?: string; image?: string; exitCode?: number; reason?: string; lastStatus?: string }[];
}): TaskView {
  return {
    taskArn: t.taskArn ?? '',
    taskDefinitionArn: t.taskDefinitionArn ?? '',
    lastStatus: t.lastStatus ?? 'UNKNOWN',
    desiredStatus: t.desiredStatus ?? 'UNKNOWN',
    ...(t.startedBy ? { startedBy: t.startedBy } : {}),
    ...(t.stoppedReason ? { stoppedReason: t.stoppedReason } : {}),
    ...(t.stopCode ? { stopCode: t.stopCode } : {}),
    ...(t.stoppedAt ? { stoppedAt: new Date(t.stoppedAt) } : {}),
    containers: (t.containers ?? []).map((c) => ({
      name: c.name ?? '',
      ...(c.image ? { image: c.image } : {}),
      ...(c.exitCode !== undefined && c.exitCode !== null ? { exitCode: c.exitCode } : {}),
      ...(c.reason ? { reason: c.reason } : {}),
      ...(c.lastStatus ? { lastStatus: c.lastStatus } : {}),
    })),
  };
}

function fromTaskDefinition(td: TaskDefinition): RevisionView {
  return {
    arn: td.arn,
    family: td.family,
    revision: td.revision,
    status: td.status,
    taskDefinition: td.document,
  };
}

function toRevision(td: JsonObject): RevisionView {
  return {
    arn: String(td.taskDefinitionArn),
    family: String(td.family),
    revision: typeof td.revision === 'number' ? td.revision : 0,
    ...(typeof td.status === 'string' ? { status: td.status } : {}),
    taskDefinition: td,
  };
}

/**
 * The ECS calls behind deploys, over the shared SDK client of a connection, returning domain
 * views and `Result`s (never throwing). Each method sends exactly one request per page: the
 * clients are created without SDK retries, so nothing here is retried behind the caller's back
 * (RegisterTaskDefinition especially; see register.ts).
 */
import type { AwsGateway } from '../awsGateway';
import { RequestError, type RetryPolicy, type Sender } from '../gatewayRequests';
import { EcsWrites, type RegisterTaskDefinitionCommandInput } from '../ecsWrites';
import type { Connection, GatewayError, TaskDefinition } from '../gateway';
import type { ServiceDeployment } from '@aws-sdk/client-ecs';
import type { JsonObject } from './normalize';
import type { ServiceDeploymentBrief } from './rolloutTypes';
import {
  fail,
  ok,
  type RegisterTarget,
  type Result,
  type RevisionView,
  type RolloutSource,
  type ServiceView,
  type TaskView,
} from './types';

import {
  fromGatewayError,
  toFailure,
  toServiceView,
  type ServiceDeploymentRef,
  type UpdateServiceRequest,
} from './deployViews';

export {
  accountOf,
  fromGatewayError,
  toFailure,
  toServiceView,
  type ServiceDeploymentRef,
  type UpdateServiceRequest,
} from './deployViews';

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

  /** Every page of the service's stopped tasks, up to 1,000 (ECS keeps them about an hour). */
  async listStoppedTasks(cluster: string, service: string): Promise<Result<string[]>> {
    return this.listAll(
      'ListTasks',
      (token) => (sdk, client, opts) =>
        client.send(
          new sdk.ListTasksCommand({
            cluster,
            serviceName: service,
            desiredStatus: 'STOPPED',
            maxResults: 100,
            ...nextTokenField(token),
          }),
          opts,
        ),
      (page) => page.taskArns,
      1000,
      // The tasks listed so far are still worth showing.
      'keepPartial',
    );
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
      ...(request.enableExecuteCommand !== undefined
        ? { enableExecuteCommand: request.enableExecuteCommand }
        : {}),
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
    return ok((result.value.serviceDeployments ?? []).map(toServiceDeploymentRef));
  }

  async stopServiceDeployment(arn: string, stopType: 'ROLLBACK' | 'ABORT'): Promise<Result<string>> {
    const result = await this.writes.stopServiceDeployment(this.connection, arn, stopType);
    if (!result.ok) return this.failure(result.error, 'StopServiceDeployment');
    return ok(result.value.serviceDeploymentArn ?? arn);
  }

  /** The service's deployments, newest first (first page of up to 20; serviceDeploymentWatcher.ts). */
  async listServiceDeployments(cluster: string, service: string): Promise<Result<ServiceDeploymentBrief[]>> {
    const result = await this.call('ListServiceDeployments', (sdk, client, opts) =>
      client.send(new sdk.ListServiceDeploymentsCommand({ cluster, service, maxResults: 20 }), opts),
    );
    if (!result.ok) return result;
    return ok(
      (result.value.serviceDeployments ?? []).map((d) => ({
        ...toServiceDeploymentRef(d),
        ...(d.createdAt ? { createdAt: new Date(d.createdAt) } : {}),
      })),
    );
  }

  /** DescribeServiceDeployments of one deployment. */
  async describeServiceDeployment(arn: string): Promise<Result<ServiceDeployment>> {
    const result = await this.call('DescribeServiceDeployments', (sdk, client, opts) =>
      client.send(new sdk.DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn] }), opts),
    );
    if (!result.ok) return result;
    const found = result.value.serviceDeployments?.[0];
    if (!found) return fail({ kind: 'notFound', message: `The service deployment ${arn} was not found.` });
    return ok(found);
  }

  /**
   * ContinueServiceDeployment: answers a PAUSE hook with CONTINUE or ROLLBACK (API reference). Sent
   * once; retried only when ECS refused it for throttling.
   */
  async continueServiceDeployment(
    arn: string,
    hookId: string,
    action: 'CONTINUE' | 'ROLLBACK',
  ): Promise<Result<string>> {
    const result = await this.call(
      'ContinueServiceDeployment',
      (sdk, client, opts) =>
        client.send(
          new sdk.ContinueServiceDeploymentCommand({ serviceDeploymentArn: arn, hookId, action }),
          opts,
        ),
      'throttled',
    );
    return result.ok ? ok(result.value.serviceDeploymentArn ?? arn) : result;
  }

  /** Cluster ARNs (up to 1,000). */
  async listClusters(): Promise<Result<string[]>> {
    return this.listAll(
      'ListClusters',
      (token) => (sdk, client, opts) =>
        client.send(new sdk.ListClustersCommand({ maxResults: 100, ...nextTokenField(token) }), opts),
      (page) => page.clusterArns,
      1000,
    );
  }

  /** Service ARNs of a cluster (up to 2,000). */
  async listServices(cluster: string): Promise<Result<string[]>> {
    return this.listAll(
      'ListServices',
      (token) => (sdk, client, opts) =>
        client.send(
          new sdk.ListServicesCommand({ cluster, maxResults: 100, ...nextTokenField(token) }),
          opts,
        ),
      (page) => page.serviceArns,
      2000,
    );
  }

  /**
   * The ARNs of every page of a List call, until there is no next page or `limit` are in hand.
   * A failed page fails the listing, unless `onFailure` keeps what the earlier pages gave.
   */
  private async listAll<T extends { nextToken?: string }>(
    operation: string,
    page: (token: string | undefined) => Sender<T>,
    items: (page: T) => string[] | undefined,
    limit: number,
    onFailure: 'fail' | 'keepPartial' = 'fail',
  ): Promise<Result<string[]>> {
    const arns: string[] = [];
    let nextToken: string | undefined;
    do {
      const result = await this.call(operation, page(nextToken));
      if (!result.ok) return onFailure === 'keepPartial' && arns.length > 0 ? ok(arns) : result;
      arns.push(...(items(result.value) ?? []));
      nextToken = result.value.nextToken;
    } while (nextToken && arns.length < limit);
    return ok(arns);
  }
}

/** The `nextToken` of a List request: absent on the first page. */
function nextTokenField(token: string | undefined): { nextToken?: string } {
  return token ? { nextToken: token } : {};
}

/** The fields ListServiceDeployments gives every deployment it lists. */
function toServiceDeploymentRef(d: {
  serviceDeploymentArn?: string;
  status?: string;
  targetServiceRevisionArn?: string;
}): ServiceDeploymentRef {
  return {
    arn: d.serviceDeploymentArn ?? '',
    status: d.status ?? 'UNKNOWN',
    ...(d.targetServiceRevisionArn ? { targetRevisionArn: d.targetServiceRevisionArn } : {}),
  };
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

/**
 * Thin ECS writes and deployment reads for the deploy commands, over the same clients, limiter
 * and error values as the explorer. Writes draw from ECS's write buckets, run as interactive
 * requests, are retried only when ECS refused them for throttling (nothing happened then), and
 * drop the connection's cached listings so the tree shows their effect.
 */
import type {
  DescribeServiceDeploymentsCommandOutput,
  ListServiceDeploymentsCommandInput,
  ListServiceDeploymentsCommandOutput,
  RegisterTaskDefinitionCommandInput,
  StopServiceDeploymentCommandOutput,
  UpdateServiceCommandInput,
} from '@aws-sdk/client-ecs';
import { toService, toTask, toTaskDefinition } from './awsMappers';
import type { AwsGateway } from './awsGateway';
import { RequestError, type RetryPolicy, type Sender } from './gatewayRequests';
import { toGatewayError } from './errors';
import {
  fail,
  ok,
  type Connection,
  type Result,
  type Service,
  type Task,
  type TaskDefinition,
} from './gateway';

export type {
  DescribeServiceDeploymentsCommandOutput,
  ListServiceDeploymentsCommandInput,
  ListServiceDeploymentsCommandOutput,
  RegisterTaskDefinitionCommandInput,
  StopServiceDeploymentCommandOutput,
  UpdateServiceCommandInput,
};

/** How long a RegisterTaskDefinition may take before the client gives up on its answer. */
export const REGISTER_DEADLINE_MS = 20_000;

/** How one request is sent: its retry policy, whether it drops cached listings, its deadline. */
interface RequestOptions {
  retry?: RetryPolicy;
  /** A write changes what the tree shows; reads leave the cache alone. */
  invalidate?: boolean;
  deadlineMs?: number;
}

/** An answer that lacks what the request is for: reported like any failed request. */
function missing(what: string): never {
  throw new Error(what);
}

export class EcsWrites {
  constructor(private readonly gateway: AwsGateway) {}

  /** One interactive request; `pick` turns the answer into the value (and may throw on a bad one). */
  private async request<O, T>(
    c: Connection,
    operation: string,
    sender: Sender<O>,
    pick: (output: O) => T,
    { retry = 'retryable', invalidate = true, deadlineMs }: RequestOptions = {},
  ): Promise<Result<T>> {
    try {
      const value = pick(await this.gateway.send(c, operation, 'interactive', sender, retry, deadlineMs));
      if (invalidate) this.gateway.invalidate(c);
      return ok(value);
    } catch (error) {
      return fail(toGatewayError(error instanceof RequestError ? error.original : error, c, operation));
    }
  }

  /**
   * Registers a revision. Never blindly retried (no idempotency token): after a lost response,
   * check the family's latest revision before trying again.
   */
  registerTaskDefinition(
    c: Connection,
    input: RegisterTaskDefinitionCommandInput,
  ): Promise<Result<TaskDefinition>> {
    return this.request(
      c,
      'RegisterTaskDefinition',
      (sdk, client, opts) => client.send(new sdk.RegisterTaskDefinitionCommand(input), opts),
      (r) =>
        toTaskDefinition(r.taskDefinition ?? missing('RegisterTaskDefinition returned no task definition')),
      // ECS can take several seconds to register; cutting the wait short only makes the
      // outcome unknown (the SDK's 8 s socket timeout still applies).
      { retry: 'throttled', deadlineMs: REGISTER_DEADLINE_MS },
    );
  }

  /** UpdateService (new revision, desired count, force new deployment...). */
  updateService(c: Connection, input: UpdateServiceCommandInput): Promise<Result<Service>> {
    return this.request(
      c,
      'UpdateService',
      (sdk, client, opts) => client.send(new sdk.UpdateServiceCommand(input), opts),
      (r) => toService(r.service ?? missing('UpdateService returned no service')),
      { retry: 'throttled' },
    );
  }

  /** Stops one task; `reason` shows as its stoppedReason. */
  stopTask(c: Connection, cluster: string, task: string, reason?: string): Promise<Result<Task>> {
    return this.request(
      c,
      'StopTask',
      (sdk, client, opts) =>
        client.send(new sdk.StopTaskCommand({ cluster, task, ...(reason ? { reason } : {}) }), opts),
      (r) => toTask(r.task ?? missing('StopTask returned no task')),
    );
  }

  /**
   * ExecuteCommand (ECS Exec): an interactive session running `command` in a container. Not retried:
   * each call starts a session. The answer's session goes to the data channel (client/src/exec).
   */
  executeCommand(
    c: Connection,
    input: { cluster: string; task: string; container: string; command: string },
  ): Promise<Result<{ sessionId: string; streamUrl: string; tokenValue: string }>> {
    return this.request(
      c,
      'ExecuteCommand',
      (sdk, client, opts) =>
        client.send(new sdk.ExecuteCommandCommand({ ...input, interactive: true }), opts),
      (r) => {
        const s = r.session;
        if (!s?.sessionId || !s.streamUrl || !s.tokenValue) missing('ExecuteCommand returned no session');
        return { sessionId: s.sessionId, streamUrl: s.streamUrl, tokenValue: s.tokenValue };
      },
      { retry: 'throttled', invalidate: false },
    );
  }

  /** One task, read fresh (DescribeTasks), e.g. to check ECS Exec before a session. */
  describeTask(c: Connection, cluster: string, task: string): Promise<Result<Task>> {
    return this.request(
      c,
      'DescribeTasks',
      (sdk, client, opts) => client.send(new sdk.DescribeTasksCommand({ cluster, tasks: [task] }), opts),
      (r) => {
        const found = r.tasks?.[0];
        if (!found)
          throw Object.assign(new Error(`Task ${task} was not found.`), {
            name: 'ResourceNotFoundException',
          });
        return toTask(found);
      },
      { invalidate: false },
    );
  }

  /** A revision (cached forever when named by ARN or `family:revision`). */
  describeTaskDefinition(c: Connection, arnOrFamilyRevision: string): Promise<Result<TaskDefinition>> {
    return this.gateway.describeTaskDefinition(c, arnOrFamilyRevision);
  }

  listServiceDeployments(
    c: Connection,
    input: ListServiceDeploymentsCommandInput,
  ): Promise<Result<ListServiceDeploymentsCommandOutput>> {
    return this.request(
      c,
      'ListServiceDeployments',
      (sdk, client, opts) => client.send(new sdk.ListServiceDeploymentsCommand(input), opts),
      (r) => r,
      { invalidate: false },
    );
  }

  describeServiceDeployments(
    c: Connection,
    serviceDeploymentArns: readonly string[],
  ): Promise<Result<DescribeServiceDeploymentsCommandOutput>> {
    return this.request(
      c,
      'DescribeServiceDeployments',
      (sdk, client, opts) =>
        client.send(
          new sdk.DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [...serviceDeploymentArns] }),
          opts,
        ),
      (r) => r,
      { invalidate: false },
    );
  }

  /** Stops a deployment in progress; ROLLBACK returns to the previous revision. */
  stopServiceDeployment(
    c: Connection,
    serviceDeploymentArn: string,
    stopType: 'ROLLBACK' | 'ABORT' = 'ROLLBACK',
  ): Promise<Result<StopServiceDeploymentCommandOutput>> {
    return this.request(
      c,
      'StopServiceDeployment',
      (sdk, client, opts) =>
        client.send(new sdk.StopServiceDeploymentCommand({ serviceDeploymentArn, stopType }), opts),
      (r) => r,
      { retry: 'throttled' },
    );
  }
}

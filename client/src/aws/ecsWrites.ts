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
import { RequestError } from './gatewayRequests';
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

export class EcsWrites {
  constructor(private readonly gateway: AwsGateway) {}

  private async run<T>(
    c: Connection,
    operation: string,
    body: () => Promise<T>,
    invalidate = true,
  ): Promise<Result<T>> {
    try {
      const value = await body();
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
    return this.run(c, 'RegisterTaskDefinition', async () => {
      const r = await this.gateway.send(
        c,
        'RegisterTaskDefinition',
        'interactive',
        (sdk, client, opts) => client.send(new sdk.RegisterTaskDefinitionCommand(input), opts),
        'throttled',
        // ECS can take several seconds to register; cutting the wait short only makes the
        // outcome unknown (the SDK's 8 s socket timeout still applies).
        REGISTER_DEADLINE_MS,
      );
      if (!r.taskDefinition) throw new Error('RegisterTaskDefinition returned no task definition');
      return toTaskDefinition(r.taskDefinition);
    });
  }

  /** UpdateService (new revision, desired count, force new deployment...). */
  updateService(c: Connection, input: UpdateServiceCommandInput): Promise<Result<Service>> {
    return this.run(c, 'UpdateService', async () => {
      const r = await this.gateway.send(
        c,
        'UpdateService',
        'interactive',
        (sdk, client, opts) => client.send(new sdk.UpdateServiceCommand(input), opts),
        'throttled',
      );
      if (!r.service) throw new Error('UpdateService returned no service');
      return toService(r.service);
    });
  }

  /** Stops one task; `reason` shows as its stoppedReason. */
  stopTask(c: Connection, cluster: string, task: string, reason?: string): Promise<Result<Task>> {
    return this.run(c, 'StopTask', async () => {
      const r = await this.gateway.send(c, 'StopTask', 'interactive', (sdk, client, opts) =>
        client.send(new sdk.StopTaskCommand({ cluster, task, ...(reason ? { reason } : {}) }), opts),
      );
      if (!r.task) throw new Error('StopTask returned no task');
      return toTask(r.task);
    });
  }

  /**
   * ExecuteCommand (ECS Exec): an interactive session running `command` in a container. Not retried:
   * each call starts a session. The answer's session goes to the data channel (client/src/exec).
   */
  executeCommand(
    c: Connection,
    input: { cluster: string; task: string; container: string; command: string },
  ): Promise<Result<{ sessionId: string; streamUrl: string; tokenValue: string }>> {
    return this.run(
      c,
      'ExecuteCommand',
      async () => {
        const r = await this.gateway.send(
          c,
          'ExecuteCommand',
          'interactive',
          (sdk, client, opts) =>
            client.send(new sdk.ExecuteCommandCommand({ ...input, interactive: true }), opts),
          'throttled',
        );
        const s = r.session;
        if (!s?.sessionId || !s.streamUrl || !s.tokenValue)
          throw new Error('ExecuteCommand returned no session');
        return { sessionId: s.sessionId, streamUrl: s.streamUrl, tokenValue: s.tokenValue };
      },
      false,
    );
  }

  /** One task, read fresh (DescribeTasks), e.g. to check ECS Exec before a session. */
  describeTask(c: Connection, cluster: string, task: string): Promise<Result<Task>> {
    return this.run(
      c,
      'DescribeTasks',
      async () => {
        const r = await this.gateway.send(c, 'DescribeTasks', 'interactive', (sdk, client, opts) =>
          client.send(new sdk.DescribeTasksCommand({ cluster, tasks: [task] }), opts),
        );
        const found = r.tasks?.[0];
        if (!found)
          throw Object.assign(new Error(`Task ${task} was not found.`), {
            name: 'ResourceNotFoundException',
          });
        return toTask(found);
      },
      false,
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
    return this.run(
      c,
      'ListServiceDeployments',
      () =>
        this.gateway.send(c, 'ListServiceDeployments', 'interactive', (sdk, client, opts) =>
          client.send(new sdk.ListServiceDeploymentsCommand(input), opts),
        ),
      false,
    );
  }

  describeServiceDeployments(
    c: Connection,
    serviceDeploymentArns: readonly string[],
  ): Promise<Result<DescribeServiceDeploymentsCommandOutput>> {
    return this.run(
      c,
      'DescribeServiceDeployments',
      () =>
        this.gateway.send(c, 'DescribeServiceDeployments', 'interactive', (sdk, client, opts) =>
          client.send(
            new sdk.DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [...serviceDeploymentArns] }),
            opts,
          ),
        ),
      false,
    );
  }

  /** Stops a deployment in progress; ROLLBACK returns to the previous revision. */
  stopServiceDeployment(
    c: Connection,
    serviceDeploymentArn: string,
    stopType: 'ROLLBACK' | 'ABORT' = 'ROLLBACK',
  ): Promise<Result<StopServiceDeploymentCommandOutput>> {
    return this.run(c, 'StopServiceDeployment', () =>
      this.gateway.send(
        c,
        'StopServiceDeployment',
        'interactive',
        (sdk, client, opts) =>
          client.send(new sdk.StopServiceDeploymentCommand({ serviceDeploymentArn, stopType }), opts),
        'throttled',
      ),
    );
  }
}

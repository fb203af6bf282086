/**
 * Where a container's logs are: its awslogs options, read from the task definition of the task in
 * question, give the log group, the Region and the stream `PREFIX/CONTAINER/TASK_ID` (the name ECS
 * gives it). Containers that log elsewhere (FireLens, Splunk, another driver, or nowhere) become
 * problems that say why and what to do, instead of an empty tail.
 */
import {
  arnName,
  type Connection,
  type ReadOptions,
  type Result,
  type Task,
  type TaskDefinition,
  type TaskQuery,
} from './gateway';

/** The parts of an ECS task that locating its logs needs (a subset of the SDK's `Task`). */
export interface TaskForLogs {
  readonly taskArn: string;
  readonly taskDefinitionArn: string;
  readonly lastStatus?: string;
  readonly containers?: readonly { readonly name?: string; readonly runtimeId?: string }[];
}

/** The parts of a container definition that locating its logs needs. */
export interface ContainerDefinitionForLogs {
  readonly name?: string;
  readonly logConfiguration?: {
    readonly logDriver?: string;
    readonly options?: Readonly<Record<string, string>>;
  };
}

export interface TaskDefinitionForLogs {
  readonly taskDefinitionArn?: string;
  readonly containerDefinitions?: readonly ContainerDefinitionForLogs[];
}

/** One container of one task whose output is in a CloudWatch log stream. */
export interface LogTarget {
  readonly taskArn: string;
  readonly taskId: string;
  readonly containerName: string;
  readonly region: string;
  readonly accountId: string;
  readonly logGroup: string;
  /** ARN without the trailing `:*`, as StartLiveTail wants it. */
  readonly logGroupArn: string;
  readonly logStream: string;
}

/** A container whose logs cannot be tailed, with the reason and what to do about it. */
export interface LogTargetProblem {
  readonly containerName: string;
  readonly taskDefinitionArn: string;
  /** One sample task of the task definition (problems are reported once per container definition). */
  readonly taskId: string;
  readonly logDriver?: string;
  readonly reason: string;
  readonly action: string;
}

export interface LogTargetResolution {
  readonly targets: LogTarget[];
  readonly problems: LogTargetProblem[];
}

export interface ResolveOptions {
  /** Only this container of each task (a container node); all containers otherwise. */
  readonly containerName?: string;
}

interface ParsedTaskArn {
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
  readonly taskId: string;
}

/** Parses `arn:PARTITION:ecs:REGION:ACCOUNT:task/CLUSTER/ID` (or the older `task/ID`). */
export function parseTaskArn(arn: string): ParsedTaskArn | undefined {
  const match = /^arn:([^:]+):ecs:([^:]+):(\d{12}):task\/(?:[^/]+\/)?([^/]+)$/.exec(arn);
  if (!match) return undefined;
  const [, partition = 'aws', region = '', accountId = '', taskId = ''] = match;
  return { partition, region, accountId, taskId };
}

/** The task id shown before each line: the first 8 characters, enough to tell tasks apart. */
export function shortTaskId(taskId: string): string {
  return taskId.slice(0, 8);
}

export function logGroupArn(partition: string, region: string, accountId: string, group: string): string {
  return `arn:${partition}:logs:${region}:${accountId}:log-group:${group}`;
}

const AWSLOGS_HOWTO =
  'add a logConfiguration with logDriver "awslogs" and the options awslogs-group, awslogs-region and ' +
  'awslogs-stream-prefix to the container in the task definition, then deploy the new revision';

/** Why a container definition's logging cannot be tailed, or undefined when it uses awslogs properly. */
function problemOf(
  container: ContainerDefinitionForLogs,
  runtimeId: string | undefined,
): Pick<LogTargetProblem, 'logDriver' | 'reason' | 'action'> | undefined {
  const name = container.name ?? '(unnamed)';
  const config = container.logConfiguration;
  const driver = config?.logDriver;
  const options = config?.options ?? {};
  if (!config || !driver) {
    return {
      reason: `Container "${name}" has no logConfiguration, so ECS does not send its output to CloudWatch Logs.`,
      action: `To tail it, ${AWSLOGS_HOWTO}.`,
    };
  }
  if (driver === 'awsfirelens') {
    const plugin = options.Name ?? options.name;
    const group = options.log_group_name;
    const where =
      plugin && /cloudwatch/i.test(plugin) && group
        ? ` Its FireLens output "${plugin}" writes to log group "${group}"; open that group in CloudWatch.`
        : plugin
          ? ` Its FireLens output is "${plugin}"; look for the logs there.`
          : ' Where they go is set in the log router (Fluent Bit / Fluentd) configuration.';
    return {
      logDriver: driver,
      reason: `Container "${name}" sends its logs through FireLens (awsfirelens), not straight to CloudWatch Logs.${where}`,
      action: `To tail it here, use the awslogs driver for it, or tail the log router container if it uses awslogs.`,
    };
  }
  if (driver === 'splunk') {
    const url = options['splunk-url'];
    return {
      logDriver: driver,
      reason: `Container "${name}" sends its logs to Splunk${url ? ` (${url})` : ''}, not to CloudWatch Logs.`,
      action: 'Search them in Splunk, or switch the container to the awslogs driver to tail it here.',
    };
  }
  if (driver !== 'awslogs') {
    return {
      logDriver: driver,
      reason: `Container "${name}" uses the "${driver}" log driver, which does not write to CloudWatch Logs.`,
      action: `To tail it here, ${AWSLOGS_HOWTO}.`,
    };
  }
  if (!options['awslogs-group']) {
    return {
      logDriver: driver,
      reason: `Container "${name}" uses awslogs without the awslogs-group option, so its log group is unknown.`,
      action: 'Add awslogs-group (and awslogs-region) to its logConfiguration options.',
    };
  }
  if (!options['awslogs-stream-prefix'] && !runtimeId) {
    return {
      logDriver: driver,
      reason:
        `Container "${name}" uses awslogs without awslogs-stream-prefix: its stream is named after the ` +
        'Docker container id, which ECS has not reported for this task yet.',
      action:
        'Add awslogs-stream-prefix to its logConfiguration options (ECS then names streams PREFIX/CONTAINER/TASK_ID), or try again once the task is running.',
    };
  }
  return undefined;
}

/**
 * Resolves the log streams of the given tasks' containers from their task definitions. Tasks whose
 * task definition is missing from `taskDefinitions` are skipped (the caller reports the lookup
 * failure); problems are reported once per task definition and container.
 */
export function resolveLogTargets(
  tasks: readonly TaskForLogs[],
  taskDefinitions: ReadonlyMap<string, TaskDefinitionForLogs>,
  options: ResolveOptions = {},
): LogTargetResolution {
  const targets: LogTarget[] = [];
  const problems: LogTargetProblem[] = [];
  const reported = new Set<string>();
  const seen = new Set<string>();
  for (const task of tasks) {
    const arn = parseTaskArn(task.taskArn);
    const definition = taskDefinitions.get(task.taskDefinitionArn);
    if (!arn || !definition) continue;
    for (const container of definition.containerDefinitions ?? []) {
      const containerName = container.name;
      if (!containerName) continue;
      if (options.containerName !== undefined && containerName !== options.containerName) continue;
      const runtimeId = task.containers?.find((c) => c.name === containerName)?.runtimeId;
      const problem = problemOf(container, runtimeId);
      if (problem) {
        const key = `${task.taskDefinitionArn}\u0000${containerName}`;
        if (!reported.has(key)) {
          reported.add(key);
          problems.push({
            ...problem,
            containerName,
            taskDefinitionArn: task.taskDefinitionArn,
            taskId: arn.taskId,
          });
        }
        continue;
      }
      const logOptions = container.logConfiguration?.options ?? {};
      const logGroup = logOptions['awslogs-group'] ?? '';
      const region = logOptions['awslogs-region'] || arn.region;
      const prefix = logOptions['awslogs-stream-prefix'];
      const logStream = prefix ? `${prefix}/${containerName}/${arn.taskId}` : (runtimeId ?? '');
      const key = `${region}\u0000${logGroup}\u0000${logStream}`;
      if (seen.has(key)) continue;
      seen.add(key);
      targets.push({
        taskArn: task.taskArn,
        taskId: arn.taskId,
        containerName,
        region,
        accountId: arn.accountId,
        logGroup,
        logGroupArn: logGroupArn(arn.partition, region, arn.accountId, logGroup),
        logStream,
      });
    }
  }
  return { targets, problems };
}

/**
 * How far back a tail's first backfill reaches: `sinceMs`, or, for tasks that all stopped, back to
 * `sinceMs` before they stopped, so that their last lines (why they stopped) are shown.
 */
export function backfillWindowMs(sinceMs: number, stoppedAt: number | undefined, now: number): number {
  if (stoppedAt === undefined || sinceMs <= 0) return sinceMs;
  return Math.max(sinceMs, now - stoppedAt + sinceMs);
}

/** A one-paragraph explanation of the problems, for a notification or the top of a tail. */
export function describeProblems(problems: readonly LogTargetProblem[]): string {
  return problems.map((p) => `${p.reason} ${p.action}`).join('\n');
}

/** What a tail was opened on. */
export type TailScope =
  | { readonly kind: 'service'; readonly cluster: string; readonly service: string }
  | {
      readonly kind: 'deployment';
      readonly cluster: string;
      readonly service: string;
      readonly deploymentId: string;
      readonly taskDefinitionArn: string;
    }
  /** `task`, when the caller already has it (a tree node), saves listing the cluster's tasks. */
  | { readonly kind: 'task'; readonly cluster: string; readonly taskArn: string; readonly task?: Task }
  | {
      readonly kind: 'container';
      readonly cluster: string;
      readonly taskArn: string;
      readonly containerName: string;
      readonly task?: Task;
    };

/** The tasks of a scope, as the gateway describes them; failures are values. */
export interface TaskSource {
  listTasks(c: Connection, cluster: string, q: TaskQuery, o?: ReadOptions): Promise<Result<readonly Task[]>>;
  describeTaskDefinition(c: Connection, arn: string): Promise<Result<TaskDefinition>>;
}

export interface FoundLogTargets extends LogTargetResolution {
  /** How many tasks the scope had. */
  readonly taskCount: number;
  /** When every task of the scope has stopped: the latest stop time (epoch ms). */
  readonly stoppedAt?: number;
  /** Lookups that failed (listing tasks, describing a task definition), as user messages. */
  readonly errors: readonly string[];
}

function taskForLogs(task: Task): TaskForLogs {
  const raw = task.raw as { containers?: { name?: string; runtimeId?: string }[] } | undefined;
  return {
    taskArn: task.arn,
    taskDefinitionArn: task.taskDefinitionArn,
    lastStatus: task.lastStatus,
    containers: raw?.containers ?? task.containers.map((c) => ({ name: c.name })),
  };
}

function startedByOf(task: Task): string | undefined {
  const raw = task.raw as { startedBy?: unknown } | undefined;
  return typeof raw?.startedBy === 'string' ? raw.startedBy : undefined;
}

/**
 * Finds the log streams of a service, deployment, task or container: lists the running tasks in
 * question, reads their task definitions (cached by the gateway: revisions never change) and resolves.
 * `read` lets a periodic re-check ask for a fresh, background listing.
 */
export async function findLogTargets(
  source: TaskSource,
  c: Connection,
  scope: TailScope,
  read?: ReadOptions,
): Promise<FoundLogTargets> {
  const errors: string[] = [];
  let tasks: readonly Task[] = [];
  if (scope.kind === 'service' || scope.kind === 'deployment') {
    const listed = await source.listTasks(
      c,
      scope.cluster,
      { serviceName: scope.service, desiredStatus: 'RUNNING' },
      read,
    );
    if (!listed.ok) errors.push(listed.error.message);
    else tasks = listed.value;
    if (scope.kind === 'deployment') {
      // ECS starts a deployment's tasks with startedBy = the deployment id; older data: same revision.
      const byStarter = tasks.filter((t) => startedByOf(t) === scope.deploymentId);
      tasks =
        byStarter.length > 0
          ? byStarter
          : tasks.filter((t) => t.taskDefinitionArn === scope.taskDefinitionArn);
    }
  } else if (scope.task) {
    tasks = [scope.task];
  } else {
    const arn = scope.taskArn;
    const listed = await source.listTasks(c, scope.cluster, { desiredStatus: 'RUNNING' });
    let found = listed.ok ? listed.value.filter((t) => t.arn === arn) : [];
    if (found.length === 0) {
      const stopped = await source.listTasks(c, scope.cluster, { desiredStatus: 'STOPPED' });
      if (stopped.ok) found = stopped.value.filter((t) => t.arn === arn);
      else if (!listed.ok) errors.push(listed.error.message);
    }
    if (found.length === 0 && errors.length === 0)
      errors.push(
        `Task ${arnName(arn)} was not found in cluster ${scope.cluster}; it may have stopped long ago. Refresh the explorer.`,
      );
    tasks = found;
  }
  const definitions = new Map<string, TaskDefinitionForLogs>();
  const arns = [...new Set(tasks.map((t) => t.taskDefinitionArn))];
  const described = await Promise.all(arns.map((arn) => source.describeTaskDefinition(c, arn)));
  described.forEach((result, i) => {
    const arn = arns[i];
    if (arn === undefined) return;
    if (result.ok) definitions.set(arn, result.value.document);
    else errors.push(result.error.message);
  });
  const resolution = resolveLogTargets(
    tasks.map(taskForLogs),
    definitions,
    scope.kind === 'container' ? { containerName: scope.containerName } : {},
  );
  const stops = tasks.map((t) => (t.lastStatus === 'STOPPED' ? t.stoppedAt?.getTime() : undefined));
  const stoppedAt = stops.length > 0 && stops.every((x) => x !== undefined) ? Math.max(...stops) : undefined;
  return {
    ...resolution,
    taskCount: tasks.length,
    errors,
    ...(stoppedAt !== undefined ? { stoppedAt } : {}),
  };
}

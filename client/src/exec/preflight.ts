/**
 * What makes ECS Exec fail, checked before a session and recognised after a failed one, each with
 * what to do. Pure: reads a DescribeTasks task (the SDK's shape, as JSON) and error texts.
 *
 * From the ECS Exec guide's prerequisites and troubleshooting: the task must have been launched
 * with `enableExecuteCommand` (a service change only reaches new tasks, hence a new deployment);
 * the container's `ExecuteCommandAgent` must be RUNNING; the task role needs the `ssmmessages:*`
 * channel actions (else TargetNotConnectedException or AccessDenied); Fargate tasks need platform
 * version 1.4.0 or later; the image must contain the command run (by default `/bin/sh`).
 */

/** The fields of a DescribeTasks task read here. */
export interface ExecTaskFacts {
  taskArn?: string;
  lastStatus?: string;
  launchType?: string;
  platformVersion?: string;
  enableExecuteCommand?: boolean;
  group?: string;
  containers?: {
    name?: string;
    lastStatus?: string;
    runtimeId?: string;
    managedAgents?: { name?: string; lastStatus?: string; reason?: string }[];
  }[];
}

export type ExecProblemCode =
  | 'taskNotRunning'
  | 'execDisabled'
  | 'agentNotRunning'
  | 'platformTooOld'
  | 'noPermission'
  | 'noShell'
  | 'containerNotFound';

export interface ExecProblem {
  readonly code: ExecProblemCode;
  /** What is wrong and what to do, for the user. */
  readonly message: string;
}

/** The IAM actions the task role needs for ECS Exec. */
export const SSM_MESSAGES_ACTIONS = [
  'ssmmessages:CreateControlChannel',
  'ssmmessages:CreateDataChannel',
  'ssmmessages:OpenControlChannel',
  'ssmmessages:OpenDataChannel',
];

const PERMISSIONS_HINT =
  `Give the task role (not the execution role) ${SSM_MESSAGES_ACTIONS.join(', ')}, and yourself ecs:ExecuteCommand; ` +
  'with VPC endpoints, add one for ssmmessages.';

/** Whether a Fargate platform version is before 1.4.0 (LATEST and unknown values pass). */
export function isPlatformTooOld(version: string | undefined): boolean {
  const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(version ?? '');
  if (!m) return false;
  const [major, minor] = [Number(m[1]), Number(m[2])];
  return major < 1 || (major === 1 && minor < 4);
}

/** The first problem that stops a session in `containerName`, or undefined when none is known. */
export function preflight(task: ExecTaskFacts, containerName: string): ExecProblem | undefined {
  if (task.lastStatus !== 'RUNNING') {
    return {
      code: 'taskNotRunning',
      message: `The task is ${task.lastStatus ?? 'not running'}; ECS Exec needs a RUNNING task.`,
    };
  }
  if (task.launchType === 'FARGATE' && isPlatformTooOld(task.platformVersion)) {
    return {
      code: 'platformTooOld',
      message:
        `The task runs on Fargate platform version ${task.platformVersion ?? ''}; ECS Exec needs 1.4.0 or later. ` +
        'Update the service with platformVersion LATEST (or 1.4.0) and a new deployment.',
    };
  }
  if (!task.enableExecuteCommand) {
    return {
      code: 'execDisabled',
      message: task.group?.startsWith('service:')
        ? 'ECS Exec is off for this task: it was started without enableExecuteCommand. Turn it on for the service and force a new deployment; the new tasks accept sessions.'
        : 'ECS Exec is off for this task: it was started without enableExecuteCommand. Run a new task with enableExecuteCommand turned on.',
    };
  }
  const container = task.containers?.find((c) => c.name === containerName);
  if (!container) {
    return { code: 'containerNotFound', message: `The task has no container named ${containerName}.` };
  }
  const agent = container.managedAgents?.find((a) => a.name === 'ExecuteCommandAgent');
  if (agent?.lastStatus !== 'RUNNING') {
    const status = agent?.lastStatus ?? 'missing';
    return {
      code: 'agentNotRunning',
      message:
        `The ExecuteCommandAgent of ${containerName} is ${status}${agent?.reason ? ` (${agent.reason})` : ''}. ` +
        (status === 'PENDING'
          ? 'It starts with the container: wait a few seconds and try again.'
          : `It needs the SSM channels: ${PERMISSIONS_HINT}`),
    };
  }
  return undefined;
}

/** Recognises a failed ExecuteCommand / StartSession (the error's name and message). */
export function classifySessionError(detail: string): ExecProblem | undefined {
  if (/execute command was not enabled|execute command agent isn.t running/i.test(detail)) {
    return {
      code: 'execDisabled',
      message:
        'ECS says exec was not enabled when the task was run, or its agent is not running. Turn it on for the service and force a new deployment, or wait for the agent and try again.',
    };
  }
  if (/TargetNotConnected/i.test(detail)) {
    return {
      code: 'noPermission',
      message: `The container's SSM agent is not connected to Session Manager. ${PERMISSIONS_HINT}`,
    };
  }
  if (/AccessDenied|not authorized/i.test(detail)) {
    return { code: 'noPermission', message: `Access denied. ${PERMISSIONS_HINT}` };
  }
  return undefined;
}

/** Recognises a session whose command could not start: exit code 126/127 or the runtime's words. */
export function diagnoseExit(
  exitCode: number | undefined,
  output: string,
  command: string,
): ExecProblem | undefined {
  const notFound = /executable file not found|no such file or directory|not found in \$PATH/i.test(output);
  if (exitCode !== 126 && exitCode !== 127 && !notFound) return undefined;
  return {
    code: 'noShell',
    message:
      `The container could not run ${command} (exit code ${exitCode ?? 'unknown'}): the image probably has no such shell. ` +
      'Set ecsWorkbench.exec.shell to one it has (e.g. /bin/bash, /busybox/sh), or use a debug image or sidecar that has a shell.',
  };
}

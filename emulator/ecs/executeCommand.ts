/**
 * ECS Exec: ExecuteCommand, and the ExecuteCommandAgent that DescribeTasks shows in
 * `containers[].managedAgents` of tasks launched with `enableExecuteCommand`.
 *
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ExecuteCommand.html — request
 * `{cluster, container, command, interactive, task}`, response `{clusterArn, containerArn,
 * containerName, interactive, session: {sessionId, streamUrl, tokenValue}, taskArn}`. The session's
 * stream is a WebSocket on the emulator speaking the agent side of the data channel (../ssm/).
 * Errors: InvalidParameterException when exec was not enabled at launch or the agent is not
 * running (the message of the ECS Exec troubleshooting guide), TargetNotConnectedException when
 * the container is not reachable (see `execTarget`).
 */
import type { Handler, HandlerContext } from '../context';
import type { ContainerRecord, TaskRecord } from '../model';
import { ApiError, invalidParameter } from '../protocol/errors';
import { optBoolean, optString, reqString, secs } from '../protocol/params';
import { sessionHubOf } from '../ssm/hub';

/** The message ECS answers when exec was not enabled at launch or its agent is not running. */
export const EXEC_NOT_ENABLED =
  'The execute command failed because execute command was not enabled when the task was run or the execute ' +
  'command agent isn\u2019t running. Wait and try again or run a new task with execute command enabled and try again.';

/** The ExecuteCommandAgent's status for a container of a task. */
export function execAgentStatus(t: TaskRecord, c: ContainerRecord): 'PENDING' | 'RUNNING' | 'STOPPED' {
  if (t.execAgentStatus) return t.execAgentStatus;
  if (c.lastStatus === 'RUNNING') return 'RUNNING';
  return c.lastStatus === 'STOPPED' ? 'STOPPED' : 'PENDING';
}

/** `managedAgents` of a container in DescribeTasks; none without ECS Exec. */
export function managedAgentsOf(t: TaskRecord, c: ContainerRecord): Record<string, unknown>[] | undefined {
  if (!t.enableExecuteCommand) return undefined;
  const lastStatus = execAgentStatus(t, c);
  return [
    {
      name: 'ExecuteCommandAgent',
      lastStatus,
      ...(lastStatus === 'RUNNING' && t.startedAt !== undefined ? { lastStartedAt: secs(t.startedAt) } : {}),
    },
  ];
}

/** Images the emulator treats as having no shell (ECS Exec then fails to start `/bin/sh`). */
export function imageHasNoShell(image: string): boolean {
  return /distroless|(^|[/:])scratch($|[:@])/.test(image);
}

/** Picks the container of an exec request: named, or the only one. */
export function execContainer(t: TaskRecord, name: string | undefined): ContainerRecord {
  if (name === undefined) {
    if (t.containers.length !== 1 || !t.containers[0]) {
      throw invalidParameter('The container name must be specified for tasks with more than one container.');
    }
    return t.containers[0];
  }
  const c = t.containers.find((x) => x.name === name);
  if (!c) throw invalidParameter(`The container ${name} was not found in the task.`);
  return c;
}

/** Throws what ECS answers when the task cannot take an exec session now. */
export function checkExecAllowed(t: TaskRecord, c: ContainerRecord): void {
  if (!t.enableExecuteCommand || execAgentStatus(t, c) !== 'RUNNING')
    throw invalidParameter(EXEC_NOT_ENABLED);
  if (t.lastStatus !== 'RUNNING' || c.lastStatus !== 'RUNNING') {
    throw new ApiError(
      'TargetNotConnectedException',
      'The execute command failed due to an internal error. Try again later.',
    );
  }
}

function hubOf(ctx: HandlerContext) {
  const hub = sessionHubOf(ctx.state);
  if (!hub) throw new ApiError('ServerException', 'This emulator serves no sessions.', 500);
  return hub;
}

const executeCommand: Handler = (ctx, p) => {
  const cluster = ctx.state.requireCluster(optString(p, 'cluster'));
  const command = reqString(p, 'command');
  const interactive = optBoolean(p, 'interactive');
  if (interactive !== true) throw invalidParameter('Interactive is the only mode supported currently.');
  const task = ctx.state.lookupTask(cluster, reqString(p, 'task'));
  if (!task) throw invalidParameter('The referenced task was not found.');
  const container = execContainer(task, optString(p, 'container'));
  checkExecAllowed(task, container);
  const hub = hubOf(ctx);
  const session = hub.create('ecs-execute-command', {
    kind: 'shell',
    taskId: task.id,
    containerName: container.name,
    command,
    noShell: imageHasNoShell(container.image),
    cwd: hub.scratchFor(task.id),
  });
  return {
    clusterArn: cluster.arn,
    containerArn: container.arn,
    containerName: container.name,
    interactive: true,
    session,
    taskArn: task.arn,
  };
};

export const executeCommandHandlers: Record<string, Handler> = { ExecuteCommand: executeCommand };

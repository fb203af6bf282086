/**
 * AWS Systems Manager, as far as Session Manager goes (AWS JSON 1.1, target prefix `AmazonSSM`,
 * signing name `ssm`): StartSession and TerminateSession on ECS Exec targets, which is what port
 * forwarding to a container uses.
 *
 * https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_StartSession.html — request
 * `{Target, DocumentName?, Parameters?, Reason?}`, response `{SessionId, StreamUrl, TokenValue}`.
 * An ECS target is `ecs:CLUSTER_TASKID_RUNTIMEID` (the container's runtimeId from DescribeTasks).
 * Documents: `AWS-StartPortForwardingSession` (Parameters `portNumber`, `localPortNumber`) and none
 * (a shell). A target that is unknown, or whose task was not launched with ECS Exec or whose agent
 * is not running, is `TargetNotConnected`, as Session Manager answers for instances.
 *
 * This folder also holds the agent side of the data channel (framing.ts, agent.ts) and the session
 * hub (hub.ts) that both this service and ECS ExecuteCommand hand sessions to.
 */
import type { Handler, ServiceDefinition } from '../context';
import { execAgentStatus, imageHasNoShell } from '../ecs/executeCommand';
import type { ContainerRecord, TaskRecord } from '../model';
import { ApiError } from '../protocol/errors';
import { isObject, optObject, optString, reqString } from '../protocol/params';
import { sessionHubOf } from './hub';

const PORT_DOCUMENT = 'AWS-StartPortForwardingSession';

function notConnected(target: string): ApiError {
  return new ApiError('TargetNotConnected', `${target} is not connected.`);
}

/** The task and container of `ecs:CLUSTER_TASKID_RUNTIMEID` (cluster names may hold underscores). */
function resolveTarget(
  ctx: Parameters<Handler>[0],
  target: string,
): { task: TaskRecord; container: ContainerRecord } {
  const m = /^ecs:(.+)_([0-9a-f]{32})_([^_]+)$/.exec(target);
  if (!m) {
    throw new ApiError(
      'InvalidParameters',
      `Target ${target} is not an ECS target (ecs:CLUSTER_TASKID_RUNTIMEID).`,
    );
  }
  const [, clusterName, taskId, runtimeId] = m;
  const cluster = [...ctx.state.clusters.values()].find((c) => c.name === clusterName);
  const task = cluster ? ctx.state.lookupTask(cluster, taskId) : undefined;
  const container = task?.containers.find((c) => c.runtimeId === runtimeId);
  if (!task || !container) throw notConnected(target);
  if (
    !task.enableExecuteCommand ||
    task.lastStatus !== 'RUNNING' ||
    container.lastStatus !== 'RUNNING' ||
    execAgentStatus(task, container) !== 'RUNNING'
  ) {
    throw notConnected(target);
  }
  return { task, container };
}

/** One value of a document parameter (`{"portNumber": ["80"]}`). */
function parameter(params: Record<string, unknown> | undefined, name: string): string | undefined {
  const v = params?.[name];
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || v.length !== 1 || typeof v[0] !== 'string') {
    throw new ApiError('InvalidParameters', `Parameter ${name} must be a list of one string.`);
  }
  return v[0];
}

const startSession: Handler = (ctx, p) => {
  const target = reqString(p, 'Target');
  const document = optString(p, 'DocumentName');
  const params = optObject(p, 'Parameters');
  if (params && !Object.values(params).every((v) => Array.isArray(v))) {
    throw new ApiError('InvalidParameters', 'Parameters must map names to lists of strings.');
  }
  if (document !== undefined && document !== PORT_DOCUMENT) {
    throw new ApiError('InvalidDocument', `Document with name ${document} does not exist.`);
  }
  const { task, container } = resolveTarget(ctx, target);
  const hub = sessionHubOf(ctx.state);
  if (!hub) throw new ApiError('InternalServerError', 'This emulator serves no sessions.', 500);
  let session;
  if (document === PORT_DOCUMENT) {
    const portText = parameter(isObject(params) ? params : undefined, 'portNumber');
    const port = Number(portText);
    if (!portText || !Number.isInteger(port) || port < 1 || port > 65535) {
      throw new ApiError('InvalidParameters', 'portNumber must be a port number (1-65535).');
    }
    const local = parameter(isObject(params) ? params : undefined, 'localPortNumber');
    if (local !== undefined && !/^\d{1,5}$/.test(local)) {
      throw new ApiError('InvalidParameters', 'localPortNumber must be a port number.');
    }
    // The container serves its declared container ports; anything else refuses the connection.
    const serves = container.portMappings.some((m) => m.containerPort === port);
    session = hub.create('ecs-port-forward', {
      kind: 'port',
      taskId: task.id,
      containerName: container.name,
      portNumber: port,
      ...(serves ? { target: () => hub.serverFor(task.id) } : {}),
    });
  } else {
    session = hub.create('ecs-session', {
      kind: 'shell',
      taskId: task.id,
      containerName: container.name,
      command: '/bin/sh',
      noShell: imageHasNoShell(container.image),
      cwd: hub.scratchFor(task.id),
    });
  }
  return { SessionId: session.sessionId, StreamUrl: session.streamUrl, TokenValue: session.tokenValue };
};

const terminateSession: Handler = (ctx, p) => {
  const sessionId = reqString(p, 'SessionId');
  sessionHubOf(ctx.state)?.terminate(sessionId);
  return { SessionId: sessionId };
};

export const ssmService: ServiceDefinition = {
  name: 'ssm',
  targetPrefix: 'AmazonSSM',
  operations: { StartSession: startSession, TerminateSession: terminateSession },
};

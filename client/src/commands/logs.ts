/**
 * Log commands: "Tail Logs" on service, deployment, task and container nodes and from the palette
 * (pick cluster and service), and the controls of the active tail (filter, filter pattern, pause,
 * timestamps, clear, stop, restart), which the tail's terminal also offers as keys.
 */
import * as vscode from 'vscode';
import {
  arnName,
  type Connection,
  type Container,
  type Deployment,
  type EcsGateway,
  type Service,
  type Task,
} from '../aws/gateway';
import type { TailScope } from '../aws/logTargets';
import type { EcsContext } from '../context';
import { TailManager } from '../logs/tailManager';
import type { LogTailSession } from '../logs/tailSession';
import { readConnectionSettings } from '../views/connectionSettings';

/** The explorer nodes, as far as tailing cares (read structurally, so nodes stay free to evolve). */
interface NodeLike {
  readonly connection?: Connection;
  readonly service?: Service;
  readonly deployment?: Deployment;
  readonly task?: Task;
  readonly container?: Container;
  readonly taskNode?: { readonly task?: Task };
  readonly parent?: NodeLike;
}

/** Arguments for scripts and tests: what to tail, without a tree node. */
export interface TailLogsArgs {
  readonly connection?: Connection;
  readonly cluster: string;
  readonly service?: string;
  readonly taskArn?: string;
  readonly containerName?: string;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** The scope of a tree node or of plain arguments; undefined when it is neither. */
export function scopeOf(arg: unknown): { scope: TailScope; connection?: Connection } | undefined {
  if (!isObject(arg)) return undefined;
  const node = arg as NodeLike;
  const connection = node.connection;
  const withConnection = (scope: TailScope): { scope: TailScope; connection?: Connection } =>
    connection ? { scope, connection } : { scope };
  if (node.container && node.taskNode?.task) {
    const task = node.taskNode.task;
    return withConnection({
      kind: 'container',
      cluster: task.clusterArn,
      taskArn: task.arn,
      containerName: node.container.name,
      task,
    });
  }
  if (node.task && typeof node.task.arn === 'string') {
    return withConnection({
      kind: 'task',
      cluster: node.task.clusterArn,
      taskArn: node.task.arn,
      task: node.task,
    });
  }
  if (node.deployment && node.parent?.service) {
    const service = node.parent.service;
    return withConnection({
      kind: 'deployment',
      cluster: service.clusterArn,
      service: service.name,
      deploymentId: node.deployment.id,
      taskDefinitionArn: node.deployment.taskDefinitionArn,
    });
  }
  if (node.service && typeof node.service.name === 'string') {
    return withConnection({ kind: 'service', cluster: node.service.clusterArn, service: node.service.name });
  }
  const args = arg as Partial<TailLogsArgs>;
  if (typeof args.cluster !== 'string') return undefined;
  const c = args.connection;
  const scope: TailScope | undefined =
    typeof args.taskArn === 'string'
      ? typeof args.containerName === 'string'
        ? {
            kind: 'container',
            cluster: args.cluster,
            taskArn: args.taskArn,
            containerName: args.containerName,
          }
        : { kind: 'task', cluster: args.cluster, taskArn: args.taskArn }
      : typeof args.service === 'string'
        ? { kind: 'service', cluster: args.cluster, service: args.service }
        : undefined;
  if (!scope) return undefined;
  return c ? { scope, connection: c } : { scope };
}

/** Asks for cluster and service (and the connection when several are configured). */
async function pickScope(
  gateway: EcsGateway,
  connections: readonly Connection[],
): Promise<{ scope: TailScope; connection: Connection } | undefined> {
  let connection = connections[0];
  if (connections.length > 1) {
    const picked = await vscode.window.showQuickPick(
      connections.map((c) => ({ label: c.region, description: c.profile, c })),
      { title: 'Tail logs: Region', placeHolder: 'Region of the cluster' },
    );
    connection = picked?.c;
  }
  if (!connection) return undefined;
  const conn = connection;
  const clusters = await gateway.listClusters(conn, { priority: 'interactive' });
  if (!clusters.ok) {
    void vscode.window.showErrorMessage(clusters.error.message);
    return undefined;
  }
  if (clusters.value.length === 0) {
    void vscode.window.showInformationMessage(`No ECS cluster in ${conn.region}.`);
    return undefined;
  }
  const cluster = await vscode.window.showQuickPick(
    clusters.value.map((c) => ({
      label: c.name,
      description: `${c.activeServicesCount} services · ${c.runningTasksCount} running tasks`,
      arn: c.arn,
    })),
    { title: 'Tail logs: cluster', placeHolder: 'Cluster of the service' },
  );
  if (!cluster) return undefined;
  const services = await gateway.listAllServices(conn, cluster.arn, { priority: 'interactive' });
  if (!services.ok) {
    void vscode.window.showErrorMessage(services.error.message);
    return undefined;
  }
  const service = await vscode.window.showQuickPick(
    services.value.map((s) => ({
      label: s.name,
      description: `${s.runningCount}/${s.desiredCount} running · ${arnName(s.taskDefinitionArn)}`,
      name: s.name,
    })),
    { title: `Tail logs: service in ${cluster.label}`, placeHolder: 'Service whose logs to follow' },
  );
  if (!service) return undefined;
  return { connection: conn, scope: { kind: 'service', cluster: cluster.arn, service: service.name } };
}

export interface LogCommandsDeps {
  /** The gateway shared with the explorer. */
  readonly gateway: () => EcsGateway;
  /** The configured connections (profile, Regions, endpoint). */
  readonly connections: () => readonly Connection[];
}

/** One open tail as the extension API shows it (tests read what a tail rendered). */
export interface LogTailView {
  readonly id: number;
  readonly title: string;
  /** `resolving`, `connecting`, `live`, `reconnecting`, `polling`, `stopped` or `failed`. */
  readonly state: string;
  /** Live Tail session ids started so far (one more per reconnect). */
  readonly sessionIds: readonly string[];
  /** Explanations for containers that cannot be tailed, and lookup errors. */
  readonly problems: readonly string[];
  /** Plain text of the terminal lines currently shown (after the text filter). */
  renderedLines(): string[];
  setFilter(text: string): void;
  setFilterPattern(pattern: string): Promise<void>;
  /** Looks for new tasks now (a service tail also does it every 30 s) and follows them. */
  followNewTasks(): Promise<void>;
  /** Closes the terminal, which stops the tail. */
  close(): void;
}

export interface LogTailsApi {
  /** Open tails, oldest first. */
  tails(): readonly LogTailView[];
}

function viewOf(session: LogTailSession): LogTailView {
  return {
    id: session.id,
    title: session.title,
    get state() {
      return session.state;
    },
    get sessionIds() {
      return [...session.sessionIds];
    },
    get problems() {
      return session.problems;
    },
    renderedLines: () => session.model.renderedLines(),
    setFilter: (text) => session.setFilter(text),
    setFilterPattern: (pattern) => session.setFilterPattern(pattern),
    followNewTasks: () => session.followNewTasks(),
    close: () => session.dispose(),
  };
}

/** Registers the log commands over the explorer's gateway and connection settings. */
export function registerLogs(ctx: EcsContext): LogTailsApi {
  const manager = registerLogCommands(ctx, {
    gateway: () => ctx.ecs,
    connections: () => readConnectionSettings().connections,
  });
  return { tails: () => manager.tails.map(viewOf) };
}

/** The commands that act on the active tail, and what each does to it. */
const ACTIVE_TAIL_COMMANDS: Record<string, (tail: LogTailSession) => unknown> = {
  'ecsWorkbench.logs.filter': (t) => t.promptFilter(),
  'ecsWorkbench.logs.filterPattern': (t) => t.promptFilterPattern(),
  'ecsWorkbench.logs.togglePause': (t) => t.setPaused(!t.model.isPaused),
  'ecsWorkbench.logs.toggleTimestamps': (t) => t.toggleTimestamps(),
  'ecsWorkbench.logs.clear': (t) => t.clear(),
  'ecsWorkbench.logs.stop': (t) => t.stop(),
  'ecsWorkbench.logs.restart': (t) => t.restart(),
};

/** Registers the log commands; returns the manager. */
export function registerLogCommands(ctx: EcsContext, deps: LogCommandsDeps): TailManager {
  const manager = ctx.own(new TailManager(deps.gateway, ctx.log));
  const withActive = (action: (tail: LogTailSession) => unknown) => (): void => {
    const tail = manager.active();
    if (!tail) {
      void vscode.window.showInformationMessage('No log tail is open. Use "ECS: Tail Logs" first.');
      return;
    }
    void Promise.resolve(action(tail));
  };
  const register = (id: string, run: (...args: unknown[]) => unknown): void => {
    ctx.own(vscode.commands.registerCommand(id, run));
  };
  register('ecsWorkbench.logs.tail', async (arg?: unknown) => {
    const fromArg = scopeOf(arg);
    const connection = fromArg?.connection ?? deps.connections()[0];
    if (fromArg && connection) return manager.open(connection, fromArg.scope);
    const picked = await pickScope(deps.gateway(), deps.connections());
    return picked ? manager.open(picked.connection, picked.scope) : undefined;
  });
  for (const [id, action] of Object.entries(ACTIVE_TAIL_COMMANDS)) register(id, withActive(action));
  return manager;
}

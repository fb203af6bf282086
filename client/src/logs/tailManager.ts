/**
 * The open tails: starts one per request (several at once are fine), reads the logs settings,
 * shares one CloudWatch Logs client per connection and Region, and forgets a tail when its
 * terminal closes.
 */
import * as vscode from 'vscode';
import { arnName, connectionLabel, type Connection, type EcsGateway } from '../aws/gateway';
import { sdkLogsApi, type LogsApi } from '../aws/logsApi';
import { LogsClientPool } from '../aws/logsClient';
import { findLogTargets, shortTaskId, type TailScope } from '../aws/logTargets';
import { LogTailSession, type TailSettings } from './tailSession';

export function readTailSettings(): TailSettings {
  const config = vscode.workspace.getConfiguration('ecsWorkbench.logs');
  const bufferLines = config.get<number>('bufferLines', 10_000);
  const since = config.get<number>('sinceMinutes', 5);
  const maxLine = config.get<number>('maxLineLength', 4000);
  return {
    bufferLines: Number.isFinite(bufferLines)
      ? Math.min(1_000_000, Math.max(100, Math.floor(bufferLines)))
      : 10_000,
    mode: config.get<string>('mode') === 'poll' ? 'poll' : 'liveTail',
    sinceMinutes: Number.isFinite(since) ? Math.min(24 * 60, Math.max(0, since)) : 5,
    timestamps: config.get<boolean>('timestamps', true),
    maxLineChars: Number.isFinite(maxLine) ? Math.min(100_000, Math.max(200, Math.floor(maxLine))) : 4000,
  };
}

/** What a scope is called in titles and messages. */
export function describeScope(scope: TailScope): { title: string; subject: string } {
  switch (scope.kind) {
    case 'service':
      return {
        title: `Logs: ${scope.service}`,
        subject: `service ${scope.service} in cluster ${scope.cluster}`,
      };
    case 'deployment':
      return {
        title: `Logs: ${scope.service} (${arnName(scope.taskDefinitionArn)})`,
        subject: `deployment ${scope.deploymentId} of service ${scope.service}`,
      };
    case 'task':
      return {
        title: `Logs: task ${shortTaskId(arnName(scope.taskArn))}`,
        subject: `task ${arnName(scope.taskArn)} in cluster ${scope.cluster}`,
      };
    case 'container':
      return {
        title: `Logs: ${scope.containerName} (${shortTaskId(arnName(scope.taskArn))})`,
        subject: `container ${scope.containerName} of task ${arnName(scope.taskArn)}`,
      };
  }
}

export class TailManager implements vscode.Disposable {
  private readonly sessions = new Set<LogTailSession>();
  private readonly pool = new LogsClientPool();
  private readonly apis = new Map<string, LogsApi>();
  private nextId = 1;
  private readonly closeListener: vscode.Disposable;

  constructor(
    private readonly gateway: () => EcsGateway,
    private readonly log: vscode.LogOutputChannel,
  ) {
    // A terminal closed by any means (the user, a command, `dispose()`) stops its tail.
    this.closeListener = vscode.window.onDidCloseTerminal((terminal) => {
      for (const s of [...this.sessions]) if (s.terminal === terminal) s.dispose();
    });
  }

  /** Open tails, oldest first. */
  get tails(): readonly LogTailSession[] {
    return [...this.sessions];
  }

  /** The tail whose terminal is active, else the newest. */
  active(): LogTailSession | undefined {
    const terminal = vscode.window.activeTerminal;
    const all = this.tails;
    return all.find((s) => s.terminal === terminal) ?? all.at(-1);
  }

  /** Opens a tail in a new terminal and starts it. */
  open(connection: Connection, scope: TailScope): LogTailSession {
    const { title, subject } = describeScope(scope);
    const session = new LogTailSession({
      id: this.nextId++,
      title,
      subject: `${subject} (${connectionLabel(connection)})`,
      connection,
      settings: readTailSettings(),
      resolve: (recheck) =>
        findLogTargets(
          this.gateway(),
          connection,
          scope,
          recheck ? { priority: 'background', maxAge: 0 } : undefined,
        ),
      apiFor: (region) => this.apiFor(connection, region),
      log: this.log,
      followNewTasksMs: scope.kind === 'service' || scope.kind === 'deployment' ? 30_000 : 0,
      onClosed: (s) => {
        this.sessions.delete(s);
        this.updateContext();
        this.log.info(`${s.title}: closed`);
      },
    });
    this.sessions.add(session);
    this.updateContext();
    session.terminal.show();
    void session.start().catch((error: unknown) => {
      session.model.addNotice(
        'error',
        `Could not start the tail: ${error instanceof Error ? error.message : String(error)}`,
      );
    });
    return session;
  }

  /** Shows the tail controls in the command palette only while a tail is open. */
  private updateContext(): void {
    void vscode.commands.executeCommand('setContext', 'ecsWorkbench.logs.hasTail', this.sessions.size > 0);
  }

  private apiFor(connection: Connection, region: string): LogsApi {
    const c: Connection = { ...connection, region };
    const key = `${c.profile}|${c.region}|${c.endpoint ?? ''}`;
    let api = this.apis.get(key);
    if (!api) {
      api = sdkLogsApi(this.pool.get(c));
      this.apis.set(key, api);
    }
    return api;
  }

  dispose(): void {
    this.closeListener.dispose();
    for (const s of [...this.sessions]) s.dispose();
    this.pool.dispose();
    this.apis.clear();
  }
}

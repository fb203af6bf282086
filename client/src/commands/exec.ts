/**
 * ECS Exec from the explorer: "Open Shell" and "Run Command…" on a container (or a task: pick the
 * container) run ExecuteCommand and attach the session to a terminal, through the built-in data
 * channel (client/src/exec) or, when the user has it and `ecsWorkbench.exec.mode` allows, AWS's
 * session-manager-plugin. "Forward Port…" starts an SSM port forwarding session to the container
 * and listens on a local port; "Stop Port Forward…" lists the active ones.
 *
 * Before a session, the task is read fresh and checked (exec enabled, agent running, Fargate
 * platform version); failures after it (permissions, no shell in the image) are recognised too.
 * Each problem is said with what to do, and exec being off offers the fix: enable it on the service
 * and force a new deployment (a deploy command, with the usual confirmation).
 */
import * as vscode from 'vscode';
import { arnName, type Connection, type Task } from '../aws/gateway';
import { ecsSessionTarget, SsmSessions, type StreamSession } from '../aws/ssmClient';
import type { EcsContext } from '../context';
import { DataChannel } from '../exec/dataChannel';
import { findPlugin, pluginArgs } from '../exec/plugin';
import { PortForward } from '../exec/portForward';
import {
  classifySessionError,
  diagnoseExit,
  preflight,
  type ExecProblem,
  type ExecTaskFacts,
} from '../exec/preflight';
import { createExecTerminal } from '../exec/terminal';
import { connectStream } from '../exec/wsSocket';
import { readConnectionSettings } from '../views/connectionSettings';
import { vscodePrompts, type DeployPrompts } from './deploy/prompts';

/** A shell or command session shown in a terminal. */
export interface ExecTerminalView {
  readonly id: number;
  readonly name: string;
  readonly sessionId: string;
  readonly mode: 'builtin' | 'plugin';
  readonly terminal: vscode.Terminal;
  /** Everything the session wrote to the terminal so far (built-in mode). */
  output(): string;
  readonly closed: boolean;
  readonly exitCode: number | undefined;
  /** Sets the terminal size as VS Code does when the panel resizes. */
  resize(columns: number, rows: number): void;
}

/** An active port forward. */
export interface PortForwardView {
  readonly id: number;
  readonly label: string;
  readonly localPort: number;
  readonly remotePort: number;
  readonly taskArn: string;
  readonly containerName: string;
  readonly sessionId: string;
  stop(): void;
}

/** What a command ended with, for tests and scripts. */
export type ExecOutcome =
  | { readonly kind: 'terminal'; readonly view: ExecTerminalView }
  | { readonly kind: 'forward'; readonly view: PortForwardView }
  | { readonly kind: 'problem'; readonly problem: ExecProblem }
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'cancelled' };

export interface ExecApi {
  /** Replaces the questions exec commands ask (tests answer them); undefined restores the UI. */
  setPrompts(prompts?: DeployPrompts): void;
  terminals(): readonly ExecTerminalView[];
  forwards(): readonly PortForwardView[];
}

/** What a command was invoked on. */
interface ExecTarget {
  connection: Connection;
  task: Task;
  containerName?: string;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/** Reads a container node (`container` + `taskNode.task`) or a task node (`task`), structurally. */
function targetOf(arg: unknown): { connection?: Connection; task: Task; containerName?: string } | undefined {
  if (!isObject(arg)) return undefined;
  const connection = isObject(arg.connection) ? (arg.connection as unknown as Connection) : undefined;
  const withConnection = <T extends object>(t: T) => (connection ? { ...t, connection } : t);
  const taskNode = arg.taskNode;
  const container = arg.container;
  if (isObject(container) && isObject(taskNode) && isObject(taskNode.task)) {
    return withConnection({ task: taskNode.task as unknown as Task, containerName: String(container.name) });
  }
  if (isObject(arg.task) && typeof arg.task.arn === 'string') {
    const name = typeof arg.containerName === 'string' ? arg.containerName : undefined;
    return withConnection({ task: arg.task as unknown as Task, ...(name ? { containerName: name } : {}) });
  }
  return undefined;
}

const shortId = (task: Task): string => task.id.slice(0, 8);

export class ExecController implements vscode.Disposable {
  prompts: DeployPrompts = vscodePrompts;
  private readonly ssm = new SsmSessions();
  private readonly terminalViews: ExecTerminalView[] = [];
  private readonly forwardViews: PortForwardView[] = [];
  private nextId = 1;

  constructor(private readonly ctx: EcsContext) {}

  dispose(): void {
    for (const f of [...this.forwardViews]) f.stop();
    this.ssm.dispose();
  }

  terminals(): readonly ExecTerminalView[] {
    return this.terminalViews.filter((t) => !t.closed);
  }

  forwards(): readonly PortForwardView[] {
    return [...this.forwardViews];
  }

  private setting<T>(key: string, fallback: T): T {
    return vscode.workspace.getConfiguration('ecsWorkbench').get<T>(key) ?? fallback;
  }

  private mode(): { kind: 'builtin' } | { kind: 'plugin'; path: string } | { kind: 'missing' } {
    const mode = this.setting<string>('exec.mode', 'auto');
    if (mode === 'builtin') return { kind: 'builtin' };
    const path = findPlugin();
    if (path) return { kind: 'plugin', path };
    return mode === 'plugin' ? { kind: 'missing' } : { kind: 'builtin' };
  }

  /** The task and container a command acts on, read fresh and pre-flighted. */
  private async resolve(
    arg: unknown,
    what: string,
  ): Promise<{ target: ExecTarget; containerName: string; facts: ExecTaskFacts } | ExecOutcome> {
    const t = targetOf(arg);
    if (!t) {
      void this.prompts.notify('warning', `Run "${what}" on a task or a container in the ECS explorer.`);
      return { kind: 'cancelled' };
    }
    const connection = t.connection ?? firstConnection();
    if (!connection) return { kind: 'cancelled' };
    let containerName = t.containerName;
    if (!containerName) {
      const names = t.task.containers.map((c) => c.name);
      containerName =
        names.length === 1
          ? names[0]
          : await this.prompts.pick(
              `Container of task ${shortId(t.task)}`,
              names.map((n) => ({ label: n, value: n })),
            );
      if (!containerName) return { kind: 'cancelled' };
    }
    const fresh = await this.ctx.ecsWrites.describeTask(connection, t.task.clusterArn, t.task.arn);
    if (!fresh.ok) return this.failed(`Cannot read task ${shortId(t.task)}: ${fresh.error.message}`);
    const facts = fresh.value.raw as ExecTaskFacts;
    const problem = preflight(facts, containerName);
    if (problem) return this.problem(problem, { connection, task: fresh.value });
    return { target: { connection, task: fresh.value, containerName }, containerName, facts };
  }

  private failed(message: string): ExecOutcome {
    this.ctx.log.warn(message);
    void this.prompts.notify('error', message);
    return { kind: 'failed', message };
  }

  /** Says what is wrong; offers the fix where there is one. */
  private problem(problem: ExecProblem, target: { connection: Connection; task: Task }): ExecOutcome {
    this.ctx.log.warn(`ECS Exec: ${problem.message}`);
    const service = target.task.serviceName;
    const actions: string[] = [];
    if (problem.code === 'execDisabled' && service) actions.push(ENABLE_ACTION);
    if (problem.code === 'noShell') actions.push(SHELL_SETTING_ACTION);
    void this.prompts.notify('error', problem.message, actions).then((choice) => {
      if (choice === ENABLE_ACTION && service) {
        void vscode.commands.executeCommand('ecsWorkbench.enableExecuteCommand', {
          connection: target.connection,
          cluster: target.task.clusterArn,
          service,
        });
      } else if (choice === SHELL_SETTING_ACTION) {
        void vscode.commands.executeCommand('workbench.action.openSettings', 'ecsWorkbench.exec.shell');
      }
    });
    return { kind: 'problem', problem };
  }

  /** Open Shell (`command` unset: the configured shell) and Run Command… */
  async exec(arg: unknown, ask: boolean): Promise<ExecOutcome> {
    const what = ask ? 'Run Command…' : 'Open Shell';
    const resolved = await this.resolve(arg, what);
    if ('kind' in resolved) return resolved;
    const { target, containerName, facts } = resolved;
    const shell = this.setting<string>('exec.shell', '/bin/sh').trim() || '/bin/sh';
    let command = shell;
    if (ask) {
      const typed = await this.prompts.text({
        title: `Run a command in ${containerName} (task ${shortId(target.task)})`,
        prompt: 'Command (runs interactively in the container, like aws ecs execute-command)',
        value: '',
      });
      if (!typed?.trim()) return { kind: 'cancelled' };
      command = typed.trim();
    }
    const mode = this.mode();
    if (mode.kind === 'missing') {
      return this.failed(
        'ecsWorkbench.exec.mode is "plugin" but session-manager-plugin is not on PATH. Install it, or set the mode to "auto" or "builtin".',
      );
    }
    const started = await this.ctx.ecsWrites.executeCommand(target.connection, {
      cluster: target.task.clusterArn,
      task: target.task.arn,
      container: containerName,
      command,
    });
    if (!started.ok) {
      const known = classifySessionError(`${started.error.detail} ${started.error.message}`);
      return known ? this.problem(known, target) : this.failed(`ECS Exec failed: ${started.error.message}`);
    }
    const name = `ECS: ${containerName} @ ${shortId(target.task)}${ask ? ` \u2014 ${command}` : ''}`;
    const runtimeId = facts.containers?.find((c) => c.name === containerName)?.runtimeId ?? '';
    if (mode.kind === 'plugin') {
      return this.pluginTerminal(mode.path, name, started.value, target, runtimeId);
    }
    return { kind: 'terminal', view: this.builtinTerminal(name, started.value, target, command) };
  }

  private builtinTerminal(
    name: string,
    session: StreamSession,
    target: ExecTarget,
    command: string,
  ): ExecTerminalView {
    const pty = createExecTerminal(session);
    let output = '';
    let closed = false;
    let exitCode: number | undefined;
    pty.onDidWrite((text) => {
      // Bounded: tests and diagnosis read the start and the recent output.
      output = output.length > 200_000 ? output.slice(-100_000) + text : output + text;
    });
    const terminal = vscode.window.createTerminal({ name, pty, iconPath: new vscode.ThemeIcon('terminal') });
    const view: ExecTerminalView = {
      id: this.nextId++,
      name,
      sessionId: session.sessionId,
      mode: 'builtin',
      terminal,
      output: () => output,
      get closed() {
        return closed;
      },
      get exitCode() {
        return exitCode;
      },
      resize: (columns, rows) => pty.setDimensions?.({ columns, rows }),
    };
    pty.onDidClose?.((code) => {
      closed = true;
      exitCode = typeof code === 'number' ? code : undefined;
      const problem = diagnoseExit(exitCode, output.slice(0, 4000), command);
      if (problem) this.problem(problem, target);
    });
    this.terminalViews.push(view);
    terminal.show();
    this.ctx.log.info(`ECS Exec session ${session.sessionId} (${name}), built-in client`);
    return view;
  }

  private pluginTerminal(
    pluginPath: string,
    name: string,
    session: StreamSession,
    target: ExecTarget,
    runtimeId: string,
  ): ExecOutcome {
    const { connection, task } = target;
    const args = pluginArgs({
      session,
      region: connection.region,
      profile: connection.profile === 'default' ? '' : connection.profile,
      target: ecsSessionTarget(arnName(task.clusterArn), task.id, runtimeId),
      ...(connection.endpoint ? { endpoint: connection.endpoint } : {}),
    });
    // An argument array: VS Code starts the plugin directly, no shell parses the JSON.
    const terminal = vscode.window.createTerminal({ name, shellPath: pluginPath, shellArgs: args });
    terminal.show();
    const view: ExecTerminalView = {
      id: this.nextId++,
      name,
      sessionId: session.sessionId,
      mode: 'plugin',
      terminal,
      output: () => '',
      get closed() {
        return terminal.exitStatus !== undefined;
      },
      get exitCode() {
        return terminal.exitStatus?.code;
      },
      resize: () => undefined,
    };
    this.terminalViews.push(view);
    this.ctx.log.info(`ECS Exec session ${session.sessionId} (${name}), session-manager-plugin`);
    return { kind: 'terminal', view };
  }

  /** Forward Port…: SSM port forwarding session to a container port, on a local port. */
  async forwardPort(arg: unknown, ports?: { remote?: number; local?: number }): Promise<ExecOutcome> {
    const resolved = await this.resolve(arg, 'Forward Port…');
    if ('kind' in resolved) return resolved;
    const { target, containerName, facts } = resolved;
    const { connection, task } = target;
    const suggested = await this.containerPort(connection, task, containerName);
    const remote =
      ports?.remote ??
      (await this.prompts.number({
        title: `Forward a port of ${containerName} (task ${shortId(task)})`,
        prompt: 'Container port',
        value: suggested ?? 80,
        min: 1,
        max: 65535,
      }));
    if (remote === undefined) return { kind: 'cancelled' };
    const local =
      ports?.local ??
      (await this.prompts.number({
        title: `Local port for ${containerName}:${remote}`,
        prompt: 'Local port on 127.0.0.1 (0 picks a free one)',
        value: remote >= 1024 ? remote : 0,
        min: 0,
        max: 65535,
      }));
    if (local === undefined) return { kind: 'cancelled' };
    const runtimeId = facts.containers?.find((c) => c.name === containerName)?.runtimeId;
    if (!runtimeId) return this.failed(`Container ${containerName} has no runtime id yet; try again.`);
    const ssmTarget = ecsSessionTarget(arnName(task.clusterArn), task.id, runtimeId);
    const mode = this.mode();
    if (mode.kind === 'missing') {
      return this.failed('ecsWorkbench.exec.mode is "plugin" but session-manager-plugin is not on PATH.');
    }
    if (mode.kind === 'plugin')
      return this.pluginForward(mode.path, target, containerName, ssmTarget, remote, local);
    const session = await this.ssm.startPortForwarding(connection, ssmTarget, remote, local);
    if (!session.ok) {
      const known = classifySessionError(`${session.error.detail} ${session.error.message}`);
      return known
        ? this.problem(known, target)
        : this.failed(`Port forwarding failed: ${session.error.message}`);
    }
    let socket;
    try {
      socket = await connectStream(session.value.streamUrl);
    } catch (error) {
      return this.failed((error as Error).message);
    }
    const channel = new DataChannel(socket, {
      tokenValue: session.value.tokenValue,
      log: (m) => this.ctx.log.debug(`port forward: ${m}`),
    });
    const forward = new PortForward(channel, {
      localPort: local,
      log: (m) => this.ctx.log.warn(`port forward ${containerName}:${remote}: ${m}`),
    });
    let localPort: number;
    try {
      localPort = await forward.listen();
    } catch (error) {
      channel.close();
      return this.failed(`Cannot listen on 127.0.0.1:${local}: ${(error as Error).message}`);
    }
    channel.open();
    const label = `127.0.0.1:${localPort} \u2192 ${containerName}:${remote} (task ${shortId(task)})`;
    const view: PortForwardView = {
      id: this.nextId++,
      label,
      localPort,
      remotePort: remote,
      taskArn: task.arn,
      containerName,
      sessionId: session.value.sessionId,
      stop: () => {
        channel.close();
        forward.close();
        const i = this.forwardViews.indexOf(view);
        if (i >= 0) this.forwardViews.splice(i, 1);
        void this.ssm.terminate(connection, session.value.sessionId);
      },
    };
    channel.on('close', (reason) => {
      if (!this.forwardViews.includes(view)) return;
      this.forwardViews.splice(this.forwardViews.indexOf(view), 1);
      forward.close();
      if (reason.kind !== 'closedByClient') {
        void this.prompts.notify(
          'warning',
          `Port forward ${label} ended${'message' in reason ? `: ${reason.message}` : '.'}`,
        );
      }
    });
    this.forwardViews.push(view);
    this.ctx.log.info(`Port forward ${label}, session ${session.value.sessionId}`);
    void this.prompts.notify('info', `Forwarding ${label}.`, ['Open in Browser']).then((choice) => {
      if (choice === 'Open in Browser')
        void vscode.env.openExternal(vscode.Uri.parse(`http://127.0.0.1:${localPort}/`));
    });
    return { kind: 'forward', view };
  }

  private pluginForward(
    pluginPath: string,
    target: ExecTarget,
    containerName: string,
    ssmTarget: string,
    remote: number,
    local: number,
  ): Promise<ExecOutcome> {
    return (async () => {
      const { connection, task } = target;
      const session = await this.ssm.startPortForwarding(connection, ssmTarget, remote, local);
      if (!session.ok) {
        const known = classifySessionError(`${session.error.detail} ${session.error.message}`);
        return known
          ? this.problem(known, target)
          : this.failed(`Port forwarding failed: ${session.error.message}`);
      }
      const args = pluginArgs({
        session: session.value,
        region: connection.region,
        profile: connection.profile === 'default' ? '' : connection.profile,
        target: ssmTarget,
        ...(connection.endpoint ? { endpoint: connection.endpoint } : {}),
        document: {
          name: 'AWS-StartPortForwardingSession',
          parameters: { portNumber: [String(remote)], localPortNumber: [String(local)] },
        },
      });
      const label = `127.0.0.1:${local} \u2192 ${containerName}:${remote} (task ${shortId(task)})`;
      const terminal = vscode.window.createTerminal({
        name: `ECS: ${label}`,
        shellPath: pluginPath,
        shellArgs: args,
      });
      terminal.show(true);
      const view: PortForwardView = {
        id: this.nextId++,
        label,
        localPort: local,
        remotePort: remote,
        taskArn: task.arn,
        containerName,
        sessionId: session.value.sessionId,
        stop: () => {
          terminal.dispose();
          const i = this.forwardViews.indexOf(view);
          if (i >= 0) this.forwardViews.splice(i, 1);
        },
      };
      this.forwardViews.push(view);
      return { kind: 'forward', view };
    })();
  }

  /** The first container port of the container's definition, as the default to forward. */
  private async containerPort(
    connection: Connection,
    task: Task,
    containerName: string,
  ): Promise<number | undefined> {
    const td = await this.ctx.ecs.describeTaskDefinition(connection, task.taskDefinitionArn);
    if (!td.ok) return undefined;
    const defs = td.value.document.containerDefinitions;
    if (!Array.isArray(defs)) return undefined;
    const def = defs.find((d) => isObject(d) && d.name === containerName) as
      { portMappings?: { containerPort?: number }[] } | undefined;
    return def?.portMappings?.[0]?.containerPort;
  }

  /** Stop Port Forward…: pick one (or all). */
  async stopPortForward(arg?: unknown): Promise<number> {
    if (isObject(arg) && typeof arg.id === 'number') {
      const f = this.forwardViews.find((x) => x.id === arg.id);
      f?.stop();
      return f ? 1 : 0;
    }
    if (this.forwardViews.length === 0) {
      void this.prompts.notify('info', 'No port forwards are active.');
      return 0;
    }
    const all = -1;
    const picked = await this.prompts.pick('Stop port forward', [
      ...this.forwardViews.map((f) => ({ label: f.label, description: f.sessionId, value: f.id })),
      ...(this.forwardViews.length > 1 ? [{ label: 'Stop all', value: all }] : []),
    ]);
    if (picked === undefined) return 0;
    const chosen = picked === all ? [...this.forwardViews] : this.forwardViews.filter((f) => f.id === picked);
    for (const f of chosen) f.stop();
    return chosen.length;
  }
}

const ENABLE_ACTION = 'Enable and Force New Deployment';
const SHELL_SETTING_ACTION = 'Set the Shell';

function firstConnection(): Connection | undefined {
  const settings = readConnectionSettings();
  return settings.connections[0];
}

/** Registers the exec and port forwarding commands. */
export function registerExec(ctx: EcsContext): ExecApi {
  const ctl = ctx.own(new ExecController(ctx));
  const commands: Record<string, (arg?: unknown) => Promise<unknown>> = {
    'ecsWorkbench.exec.openShell': (arg) => ctl.exec(arg, false),
    'ecsWorkbench.exec.runCommand': (arg) => ctl.exec(arg, true),
    'ecsWorkbench.exec.forwardPort': (arg) => ctl.forwardPort(arg),
    'ecsWorkbench.exec.stopPortForward': (arg) => ctl.stopPortForward(arg),
  };
  for (const [id, run] of Object.entries(commands)) {
    ctx.own(
      vscode.commands.registerCommand(id, async (arg?: unknown, extra?: unknown) => {
        // A shell or a tunnel into a container is as consequential as a deploy: not from a folder
        // the user has not trusted (its settings could choose the endpoint and profile).
        if (id !== 'ecsWorkbench.exec.stopPortForward' && !vscode.workspace.isTrusted) {
          void vscode.window.showWarningMessage(
            'This workspace is not trusted, so ECS Workbench opens no shell or port forward from it. Trust it (Workspaces: Manage Workspace Trust) to continue.',
          );
          return undefined;
        }
        try {
          if (id === 'ecsWorkbench.exec.forwardPort' && isObject(extra)) {
            const ports = extra as { remote?: number; local?: number };
            return await ctl.forwardPort(arg, ports);
          }
          return await run(arg);
        } catch (error) {
          ctx.log.error(
            `${id} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
          );
          void vscode.window.showErrorMessage(
            `ECS Workbench: ${id} failed unexpectedly. See the log (ECS: Show Log).`,
          );
          return undefined;
        }
      }),
    );
  }
  return {
    setPrompts: (prompts) => {
      ctl.prompts = prompts ?? vscodePrompts;
    },
    terminals: () => ctl.terminals(),
    forwards: () => ctl.forwards(),
  };
}

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
import { ecsSessionTarget, SsmSessions } from '../aws/ssmClient';
import type { EcsContext } from '../context';
import { registerGuardedCommand } from './guardedCommand';
import { findPlugin } from '../exec/plugin';
import { classifySessionError, preflight, type ExecProblem, type ExecTaskFacts } from '../exec/preflight';
import { readConnectionSettings } from '../views/connectionSettings';
import { vscodePrompts, type DeployPrompts } from './deploy/prompts';
import { startBuiltinForward, startPluginForward } from './execForwards';
import { openBuiltinTerminal, openPluginTerminal, type ExecHost } from './execSessions';
import { isObject, shortId, targetOf, type ExecTarget } from './execTarget';
import type { ExecApi, ExecOutcome, ExecTerminalView, PortForwardView } from './execViews';

export type { ExecApi, ExecOutcome, ExecTerminalView, PortForwardView } from './execViews';

export class ExecController implements vscode.Disposable, ExecHost {
  prompts: DeployPrompts = vscodePrompts;
  readonly ssm = new SsmSessions();
  readonly terminalViews: ExecTerminalView[] = [];
  readonly forwardViews: PortForwardView[] = [];
  private idCounter = 1;

  constructor(readonly ctx: EcsContext) {}

  nextId(): number {
    return this.idCounter++;
  }

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

  failed(message: string): ExecOutcome {
    this.ctx.log.warn(message);
    void this.prompts.notify('error', message);
    return { kind: 'failed', message };
  }

  /** Says what is wrong; offers the fix where there is one. */
  problem(problem: ExecProblem, target: { connection: Connection; task: Task }): ExecOutcome {
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
      return openPluginTerminal(this, mode.path, name, started.value, target, runtimeId);
    }
    return { kind: 'terminal', view: openBuiltinTerminal(this, name, started.value, target, command) };
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
      return startPluginForward(this, mode.path, target, containerName, ssmTarget, remote, local);
    return startBuiltinForward(this, target, containerName, ssmTarget, remote, local);
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
  // A shell or a tunnel into a container is as consequential as a deploy; stopping one is not.
  const refuseUntrusted = (): void =>
    void vscode.window.showWarningMessage(
      'This workspace is not trusted, so ECS Workbench opens no shell or port forward from it. Trust it (Workspaces: Manage Workspace Trust) to continue.',
    );
  for (const [id, run] of Object.entries(commands)) {
    registerGuardedCommand(
      ctx,
      id,
      (arg, extra) =>
        id === 'ecsWorkbench.exec.forwardPort' && isObject(extra) ? ctl.forwardPort(arg, extra) : run(arg),
      id === 'ecsWorkbench.exec.stopPortForward' ? undefined : refuseUntrusted,
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

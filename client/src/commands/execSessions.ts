/**
 * The terminals of Open Shell and Run Command… (client/src/commands/exec.ts): an ECS Exec session
 * attached through the built-in data channel, or through AWS's session-manager-plugin.
 */
import * as vscode from 'vscode';
import { arnName } from '../aws/gateway';
import { ecsSessionTarget, type SsmSessions, type StreamSession } from '../aws/ssmClient';
import type { EcsContext } from '../context';
import { pluginArgs } from '../exec/plugin';
import { diagnoseExit, type ExecProblem } from '../exec/preflight';
import { createExecTerminal } from '../exec/terminal';
import type { DeployPrompts } from './deploy/prompts';
import type { ExecTarget } from './execTarget';
import type { ExecOutcome, ExecTerminalView, PortForwardView } from './execViews';

/** What the session and port forward helpers use of the exec controller. */
export interface ExecHost {
  readonly ctx: EcsContext;
  readonly prompts: DeployPrompts;
  readonly ssm: SsmSessions;
  readonly terminalViews: ExecTerminalView[];
  readonly forwardViews: PortForwardView[];
  /** The next id of a terminal or port forward view. */
  nextId(): number;
  /** Says what is wrong; offers the fix where there is one. */
  problem(problem: ExecProblem, target: ExecTarget): ExecOutcome;
  failed(message: string): ExecOutcome;
}

export function openBuiltinTerminal(
  host: ExecHost,
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
    id: host.nextId(),
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
    if (problem) host.problem(problem, target);
  });
  host.terminalViews.push(view);
  terminal.show();
  host.ctx.log.info(`ECS Exec session ${session.sessionId} (${name}), built-in client`);
  return view;
}

export function openPluginTerminal(
  host: ExecHost,
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
    id: host.nextId(),
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
  host.terminalViews.push(view);
  host.ctx.log.info(`ECS Exec session ${session.sessionId} (${name}), session-manager-plugin`);
  return { kind: 'terminal', view };
}

/**
 * The port forwards of Forward Port… (client/src/commands/exec.ts): an SSM port forwarding session
 * to a container port, served on a local port by the built-in client or by session-manager-plugin.
 */
import * as vscode from 'vscode';
import { DataChannel } from '../exec/dataChannel';
import { pluginArgs } from '../exec/plugin';
import { PortForward } from '../exec/portForward';
import { classifySessionError } from '../exec/preflight';
import { connectStream } from '../exec/wsSocket';
import type { ExecHost } from './execSessions';
import { shortId, type ExecTarget } from './execTarget';
import type { ExecOutcome, PortForwardView } from './execViews';

/** Starts the session and listens on the local port with the built-in client. */
export async function startBuiltinForward(
  host: ExecHost,
  target: ExecTarget,
  containerName: string,
  ssmTarget: string,
  remote: number,
  local: number,
): Promise<ExecOutcome> {
  const { connection, task } = target;
  const session = await host.ssm.startPortForwarding(connection, ssmTarget, remote, local);
  if (!session.ok) {
    const known = classifySessionError(`${session.error.detail} ${session.error.message}`);
    return known
      ? host.problem(known, target)
      : host.failed(`Port forwarding failed: ${session.error.message}`);
  }
  let socket;
  try {
    socket = await connectStream(session.value.streamUrl);
  } catch (error) {
    return host.failed((error as Error).message);
  }
  const channel = new DataChannel(socket, {
    tokenValue: session.value.tokenValue,
    log: (m) => host.ctx.log.debug(`port forward: ${m}`),
  });
  const forward = new PortForward(channel, {
    localPort: local,
    log: (m) => host.ctx.log.warn(`port forward ${containerName}:${remote}: ${m}`),
  });
  let localPort: number;
  try {
    localPort = await forward.listen();
  } catch (error) {
    channel.close();
    return host.failed(`Cannot listen on 127.0.0.1:${local}: ${(error as Error).message}`);
  }
  channel.open();
  const label = `127.0.0.1:${localPort} \u2192 ${containerName}:${remote} (task ${shortId(task)})`;
  const view: PortForwardView = {
    id: host.nextId(),
    label,
    localPort,
    remotePort: remote,
    taskArn: task.arn,
    containerName,
    sessionId: session.value.sessionId,
    stop: () => {
      channel.close();
      forward.close();
      const i = host.forwardViews.indexOf(view);
      if (i >= 0) host.forwardViews.splice(i, 1);
      void host.ssm.terminate(connection, session.value.sessionId);
    },
  };
  channel.on('close', (reason) => {
    if (!host.forwardViews.includes(view)) return;
    host.forwardViews.splice(host.forwardViews.indexOf(view), 1);
    forward.close();
    if (reason.kind !== 'closedByClient') {
      void host.prompts.notify(
        'warning',
        `Port forward ${label} ended${'message' in reason ? `: ${reason.message}` : '.'}`,
      );
    }
  });
  host.forwardViews.push(view);
  host.ctx.log.info(`Port forward ${label}, session ${session.value.sessionId}`);
  void host.prompts.notify('info', `Forwarding ${label}.`, ['Open in Browser']).then((choice) => {
    if (choice === 'Open in Browser')
      void vscode.env.openExternal(vscode.Uri.parse(`http://127.0.0.1:${localPort}/`));
  });
  return { kind: 'forward', view };
}

export function startPluginForward(
  host: ExecHost,
  pluginPath: string,
  target: ExecTarget,
  containerName: string,
  ssmTarget: string,
  remote: number,
  local: number,
): Promise<ExecOutcome> {
  return (async () => {
    const { connection, task } = target;
    const session = await host.ssm.startPortForwarding(connection, ssmTarget, remote, local);
    if (!session.ok) {
      const known = classifySessionError(`${session.error.detail} ${session.error.message}`);
      return known
        ? host.problem(known, target)
        : host.failed(`Port forwarding failed: ${session.error.message}`);
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
      id: host.nextId(),
      label,
      localPort: local,
      remotePort: remote,
      taskArn: task.arn,
      containerName,
      sessionId: session.value.sessionId,
      stop: () => {
        terminal.dispose();
        const i = host.forwardViews.indexOf(view);
        if (i >= 0) host.forwardViews.splice(i, 1);
      },
    };
    host.forwardViews.push(view);
    return { kind: 'forward', view };
  })();
}

/**
 * The port forwards of Forward Port… (client/src/commands/exec.ts): an SSM port forwarding session
 * to a container port, served on a local port by the built-in client or by session-manager-plugin.
 */
import * as vscode from 'vscode';
import type { StreamSession } from '../aws/ssmClient';
import { DataChannel } from '../exec/dataChannel';
import { pluginArgs } from '../exec/plugin';
import { PortForward } from '../exec/portForward';
import { classifySessionError } from '../exec/preflight';
import { connectStream } from '../exec/wsSocket';
import type { ExecHost } from './execSessions';
import { shortId, type ExecTarget } from './execTarget';
import type { ExecOutcome, PortForwardView } from './execViews';

/**
 * Starts the SSM port forwarding session both clients serve; a failure is already the outcome
 * to return (a known problem with its fix, or the message).
 */
async function startSession(
  host: ExecHost,
  target: ExecTarget,
  ssmTarget: string,
  remote: number,
  local: number,
): Promise<{ session: StreamSession } | { outcome: ExecOutcome }> {
  const session = await host.ssm.startPortForwarding(target.connection, ssmTarget, remote, local);
  if (session.ok) return { session: session.value };
  const known = classifySessionError(`${session.error.detail} ${session.error.message}`);
  return {
    outcome: known
      ? host.problem(known, target)
      : host.failed(`Port forwarding failed: ${session.error.message}`),
  };
}

const forwardLabel = (localPort: number, containerName: string, remote: number, target: ExecTarget): string =>
  `127.0.0.1:${localPort} \u2192 ${containerName}:${remote} (task ${shortId(target.task)})`;

/** The forward as the session list shows it; `stop` also takes it off the list. */
function forwardView(
  host: ExecHost,
  target: ExecTarget,
  fields: { label: string; localPort: number; remotePort: number; containerName: string; sessionId: string },
  stop: () => void,
): PortForwardView {
  const view: PortForwardView = {
    id: host.nextId(),
    ...fields,
    taskArn: target.task.arn,
    stop: () => {
      stop();
      const i = host.forwardViews.indexOf(view);
      if (i >= 0) host.forwardViews.splice(i, 1);
    },
  };
  return view;
}

/** Starts the session and listens on the local port with the built-in client. */
export async function startBuiltinForward(
  host: ExecHost,
  target: ExecTarget,
  containerName: string,
  ssmTarget: string,
  remote: number,
  local: number,
): Promise<ExecOutcome> {
  const started = await startSession(host, target, ssmTarget, remote, local);
  if ('outcome' in started) return started.outcome;
  const { session } = started;
  let socket;
  try {
    socket = await connectStream(session.streamUrl);
  } catch (error) {
    return host.failed((error as Error).message);
  }
  const channel = new DataChannel(socket, {
    tokenValue: session.tokenValue,
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
  const label = forwardLabel(localPort, containerName, remote, target);
  const fields = { label, localPort, remotePort: remote, containerName, sessionId: session.sessionId };
  const view = forwardView(host, target, fields, () => {
    channel.close();
    forward.close();
    void host.ssm.terminate(target.connection, session.sessionId);
  });
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
  host.ctx.log.info(`Port forward ${label}, session ${session.sessionId}`);
  void host.prompts.notify('info', `Forwarding ${label}.`, ['Open in Browser']).then((choice) => {
    if (choice === 'Open in Browser')
      void vscode.env.openExternal(vscode.Uri.parse(`http://127.0.0.1:${localPort}/`));
  });
  return { kind: 'forward', view };
}

/** Starts the session and serves it with session-manager-plugin in a terminal. */
export async function startPluginForward(
  host: ExecHost,
  pluginPath: string,
  target: ExecTarget,
  containerName: string,
  ssmTarget: string,
  remote: number,
  local: number,
): Promise<ExecOutcome> {
  const { connection } = target;
  const started = await startSession(host, target, ssmTarget, remote, local);
  if ('outcome' in started) return started.outcome;
  const { session } = started;
  const args = pluginArgs({
    session,
    region: connection.region,
    profile: connection.profile === 'default' ? '' : connection.profile,
    target: ssmTarget,
    ...(connection.endpoint ? { endpoint: connection.endpoint } : {}),
    document: {
      name: 'AWS-StartPortForwardingSession',
      parameters: { portNumber: [String(remote)], localPortNumber: [String(local)] },
    },
  });
  const label = forwardLabel(local, containerName, remote, target);
  const terminal = vscode.window.createTerminal({
    name: `ECS: ${label}`,
    shellPath: pluginPath,
    shellArgs: args,
  });
  terminal.show(true);
  const fields = { label, localPort: local, remotePort: remote, containerName, sessionId: session.sessionId };
  const view = forwardView(host, target, fields, () => terminal.dispose());
  host.forwardViews.push(view);
  return { kind: 'forward', view };
}

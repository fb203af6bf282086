/**
 * A VS Code Pseudoterminal over an ECS Exec session: keystrokes go to the data channel, output to
 * the terminal, terminal size to Size messages. Kept thin; the protocol lives in `dataChannel.ts`.
 */
import * as vscode from 'vscode';
import { DataChannel, type CloseReason, type DataChannelSocket } from './dataChannel';
import { connectStream } from './wsSocket';

/** The `session` of an ExecuteCommand response. */
export interface ExecSession {
  sessionId: string;
  streamUrl: string;
  tokenValue: string;
}

/** Creates the pseudoterminal; `connect` is injectable for tests. */
export function createExecTerminal(
  session: ExecSession,
  connect: (streamUrl: string) => Promise<DataChannelSocket> = connectStream,
): vscode.Pseudoterminal {
  const write = new vscode.EventEmitter<string>();
  const done = new vscode.EventEmitter<number | void>();
  // Streaming decode so a UTF-8 character split across two messages is not garbled.
  const decoder = new TextDecoder('utf-8');
  let channel: DataChannel | undefined;
  let size: vscode.TerminalDimensions | undefined;
  let closedByUser = false;

  const ended = (reason: CloseReason) => {
    write.fire(decoder.decode());
    if (reason.kind === 'closedByClient' || closedByUser) return done.fire();
    if (reason.kind === 'error') write.fire(`\r\n\x1b[31m${reason.message}\x1b[0m\r\n`);
    else if (reason.kind === 'channelClosed' && reason.message) write.fire(`\r\n${reason.message}\r\n`);
    else write.fire(`\r\nSession ${session.sessionId} ended.\r\n`);
    done.fire(reason.kind === 'exited' ? reason.exitCode : reason.kind === 'error' ? 1 : undefined);
  };

  return {
    onDidWrite: write.event,
    onDidClose: done.event,
    open: (dimensions) => {
      size = dimensions;
      write.fire(`Starting session ${session.sessionId}\u2026\r\n`);
      connect(session.streamUrl).then(
        (socket) => {
          if (closedByUser) return socket.close();
          channel = new DataChannel(socket, { tokenValue: session.tokenValue });
          channel.on('output', (data) => write.fire(decoder.decode(data, { stream: true })));
          channel.on('ready', (info) => {
            if (info.customerMessage) write.fire(`${info.customerMessage}\r\n`);
          });
          channel.on('close', ended);
          channel.open();
          if (size) channel.resize({ cols: size.columns, rows: size.rows });
        },
        (error: unknown) => ended({ kind: 'error', message: (error as Error).message }),
      );
    },
    close: () => {
      closedByUser = true;
      channel?.close();
    },
    handleInput: (data) => channel?.sendInput(data),
    setDimensions: (dimensions) => {
      size = dimensions;
      channel?.resize({ cols: dimensions.columns, rows: dimensions.rows });
    },
  };
}

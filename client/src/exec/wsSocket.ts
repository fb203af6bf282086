/**
 * Connects a {@link DataChannelSocket} to a session's `streamUrl` with the `ws` package (pure
 * JavaScript; Node 20's global WebSocket is still behind a flag in VS Code's extension host).
 */
import WebSocket from 'ws';
import type { DataChannelSocket } from './dataChannel';

/** The plugin pings every 5 minutes so idle sessions are not dropped by the service. */
const PING_INTERVAL_MS = 5 * 60_000;

/** Opens a WebSocket to `streamUrl`; resolves once it is open, rejects if it cannot open. */
export function connectStream(streamUrl: string): Promise<DataChannelSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(streamUrl);
    const failBeforeOpen = (error: Error) =>
      reject(new Error(`Could not open the session stream: ${error.message}`));
    ws.once('error', failBeforeOpen);
    ws.once('open', () => {
      ws.off('error', failBeforeOpen);
      const ping = setInterval(() => ws.ping(), PING_INTERVAL_MS);
      ws.once('close', () => clearInterval(ping));
      resolve(adapt(ws));
    });
  });
}

function adapt(ws: WebSocket): DataChannelSocket {
  const socket: DataChannelSocket = {
    send: (data) => ws.send(data, { binary: typeof data !== 'string' }),
    close: () => ws.close(1000),
    on: (event: 'message' | 'close' | 'error', listener: (...args: never[]) => void) => {
      if (event === 'message') {
        ws.on('message', (data: WebSocket.RawData) => {
          const buffer = Array.isArray(data)
            ? Buffer.concat(data)
            : Buffer.isBuffer(data)
              ? data
              : Buffer.from(data);
          (listener as (data: Buffer) => void)(buffer);
        });
      } else if (event === 'close') {
        ws.on('close', (code, reason) =>
          (listener as (c: number, r: string) => void)(code, reason.toString()),
        );
      } else {
        ws.on('error', listener as (error: Error) => void);
      }
      return socket;
    },
  };
  return socket;
}

/**
 * The `ws` adapter against a loopback WebSocket server: text and binary frames keep their kind,
 * messages arrive as Buffers, and a server-side close reaches the channel's close listener.
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { WebSocketServer } from 'ws';
import { connectStream } from '../../../client/src/exec/wsSocket';

describe('connectStream', () => {
  it('sends text and binary frames and hands messages over as Buffers', async () => {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((r) => server.once('listening', () => r()));
    const received: { binary: boolean; data: string }[] = [];
    server.on('connection', (peer) => {
      peer.on('message', (data, isBinary) => {
        received.push({ binary: isBinary, data: (data as Buffer).toString() });
        if (received.length === 2) {
          peer.send(Buffer.from('pong'));
          peer.close(4000, 'bye');
        }
      });
    });
    const { port } = server.address() as AddressInfo;
    const socket = await connectStream(`ws://127.0.0.1:${port}`);
    const messages: Buffer[] = [];
    socket.on('message', (data) => messages.push(data));
    const closed = new Promise<[number, string]>((r) =>
      socket.on('close', (code, reason) => r([code, reason])),
    );
    socket.send('{"token":1}');
    socket.send(Buffer.from([1, 2]));
    assert.deepEqual(await closed, [4000, 'bye']);
    assert.deepEqual(received, [
      { binary: false, data: '{"token":1}' },
      { binary: true, data: '\x01\x02' },
    ]);
    assert.ok(Buffer.isBuffer(messages[0]));
    assert.equal(messages[0]?.toString(), 'pong');
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('rejects with a clear message when nothing listens', async () => {
    await assert.rejects(connectStream('ws://127.0.0.1:1'), /Could not open the session stream/);
  });
});

/**
 * smux framing and the port forwarder: real local TCP connections, a fake agent behind the data
 * channel. Mux mode carries two connections at once as smux streams; basic mode carries one and
 * tells the agent when it ends.
 */
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { after, describe, it } from 'node:test';
import { PayloadFlag, PayloadType } from '../../../client/src/exec/clientMessage';
import { DataChannel } from '../../../client/src/exec/dataChannel';
import { PortForward } from '../../../client/src/exec/portForward';
import {
  encodeSmuxFrame,
  SmuxClient,
  SmuxCommand,
  SmuxFrameReader,
  type SmuxFrame,
} from '../../../client/src/exec/smux';
import { agentOutput, FakeSocket, FakeTimers, handshakeRequest } from './fakes';

/** Waits for a condition by yielding to the event loop (no fixed sleeps), up to a deadline. */
async function until<T>(what: string, condition: () => T | undefined | false): Promise<T> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const value = condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setImmediate(r));
  }
}

describe('smux framing', () => {
  it('lays out version, command, little-endian length and stream id', () => {
    assert.equal(encodeSmuxFrame(SmuxCommand.SYN, 3).toString('hex'), '0100000003000000');
    assert.equal(
      encodeSmuxFrame(SmuxCommand.PSH, 3, Buffer.from('hi')).toString('hex'),
      '01020200030000006869',
    );
  });

  it('reassembles frames split anywhere', () => {
    const bytes = Buffer.concat([
      encodeSmuxFrame(SmuxCommand.PSH, 5, Buffer.from('hello')),
      encodeSmuxFrame(SmuxCommand.FIN, 5),
    ]);
    const reader = new SmuxFrameReader();
    const frames: SmuxFrame[] = [];
    for (let i = 0; i < bytes.length; i += 3) frames.push(...reader.push(bytes.subarray(i, i + 3)));
    assert.deepEqual(
      frames.map((f) => [f.command, f.streamId, f.data.toString()]),
      [
        [SmuxCommand.PSH, 5, 'hello'],
        [SmuxCommand.FIN, 5, ''],
      ],
    );
  });

  it('numbers client streams 3, 5, 7, ends a stream on FIN and pings when asked', () => {
    const written: Buffer[] = [];
    const timers = new FakeTimers();
    const client = new SmuxClient((b) => written.push(b), { keepAliveMs: 10_000, timers });
    let ended = 0;
    const ids = [1, 2, 3].map(() => client.openStream({ data: () => {}, end: () => ended++ }).id);
    assert.deepEqual(ids, [3, 5, 7]);
    client.receive(encodeSmuxFrame(SmuxCommand.FIN, 5));
    assert.equal(ended, 1);
    assert.equal(client.openStreams, 2);
    timers.advance(10_000);
    assert.equal(written.at(-1)!.toString('hex'), '0103000000000000');
  });
});

/** A data channel whose fake agent completed a Port handshake. */
function portChannel(agentVersion: string) {
  const socket = new FakeSocket();
  const timers = new FakeTimers();
  const channel = new DataChannel(socket, { tokenValue: 't', timers });
  channel.open();
  const properties = { portNumber: '5432', type: 'LocalPortForwarding' };
  handshakeRequest(
    socket,
    [{ ActionType: 'SessionType', ActionParameters: { SessionType: 'Port', Properties: properties } }],
    agentVersion,
  );
  socket.deliver(agentOutput(1, PayloadType.HandshakeComplete, '{}'));
  return { socket, channel, timers };
}

const opened: Socket[] = [];
function dial(port: number): Promise<{ socket: Socket; text: () => string }> {
  return new Promise((resolve) => {
    let text = '';
    const socket = connect(port, '127.0.0.1', () => resolve({ socket, text: () => text }));
    socket.on('data', (d) => (text += d.toString()));
    opened.push(socket);
  });
}
after(() => opened.forEach((s) => s.destroy()));

describe('PortForward', () => {
  it('multiplexes two local connections as smux streams with a multiplexing agent', async () => {
    const { socket, channel } = portChannel('3.3.40.0');
    const forward = new PortForward(channel);
    const port = await forward.listen();
    assert.equal(forward.mode, 'mux');
    const a = await dial(port);
    const b = await dial(port);
    a.socket.write('from-a');
    b.socket.write('from-b');
    const reader = new SmuxFrameReader();
    const frames: SmuxFrame[] = [];
    let seen = 1; // the handshake response
    const pushes = () => frames.filter((f) => f.command === SmuxCommand.PSH);
    await until('both pushes', () => {
      const inputs = socket.inputs();
      for (; seen < inputs.length; seen++) frames.push(...reader.push(inputs[seen]!.payload));
      return pushes().length >= 2;
    });
    assert.deepEqual(
      frames.filter((f) => f.command === SmuxCommand.SYN).map((f) => f.streamId),
      [3, 5],
    );
    assert.deepEqual(
      pushes()
        .map((f) => [f.streamId, f.data.toString()])
        .sort(),
      [
        [3, 'from-a'],
        [5, 'from-b'],
      ],
    );
    socket.deliver(
      agentOutput(2, PayloadType.Output, encodeSmuxFrame(SmuxCommand.PSH, 5, Buffer.from('to-b'))),
    );
    socket.deliver(
      agentOutput(3, PayloadType.Output, encodeSmuxFrame(SmuxCommand.PSH, 3, Buffer.from('to-a'))),
    );
    await until('replies', () => a.text() === 'to-a' && b.text() === 'to-b');
    forward.close();
  });

  it('carries one connection at a time with an older agent and sends DisconnectToPort between them', async () => {
    const { socket, channel } = portChannel('3.0.100.0');
    const forward = new PortForward(channel);
    socket.deliver(agentOutput(2, PayloadType.Output, 'greeting;')); // a server that speaks first
    const port = await forward.listen();
    assert.equal(forward.mode, 'basic');
    const a = await dial(port);
    const b = await dial(port);
    await until('the early greeting', () => a.text() === 'greeting;');
    b.socket.write('from-b');
    a.socket.write('from-a');
    const outputs = () =>
      socket
        .inputs()
        .slice(1)
        .map((m) =>
          m.payloadType === PayloadType.Flag ? `flag ${m.payload.readUInt32BE(0)}` : m.payload.toString(),
        );
    await until('a', () => outputs().includes('from-a'));
    assert.deepEqual(outputs(), ['from-a'], 'b waits its turn');
    a.socket.end();
    await until('b after a', () => outputs().length === 3);
    assert.deepEqual(outputs(), ['from-a', `flag ${PayloadFlag.DisconnectToPort}`, 'from-b']);
    socket.deliver(agentOutput(3, PayloadType.Output, 'to-b'));
    await until('reply to b', () => b.text() === 'to-b');
    forward.close();
  });

  it('closes local connections when the channel ends', async () => {
    const { socket, channel } = portChannel('3.3.40.0');
    const forward = new PortForward(channel);
    const port = await forward.listen();
    const a = await dial(port);
    const closed = new Promise<void>((r) => a.socket.once('close', () => r()));
    socket.drop();
    await closed;
    assert.equal(channel.state, 'closed');
  });
});

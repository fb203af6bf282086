/**
 * The data channel state machine against a fake service: token message, handshake, acknowledgement
 * of every output, in-order delivery, duplicates, retransmission on an injected clock, resize, exit,
 * and a dropped socket. No network, no sleeps.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MessageType, PayloadType } from '../../../client/src/exec/clientMessage';
import { DataChannel, type CloseReason, type SessionInfo } from '../../../client/src/exec/dataChannel';
import { CLIENT_VERSION } from '../../../client/src/exec/handshake';
import {
  agentAck,
  agentOutput,
  FakeSocket,
  FakeTimers,
  handshakeRequest,
  serviceMessage,
  shellHandshake,
} from './fakes';

function setup(options: { giveUpAfterMs?: number } = {}) {
  const socket = new FakeSocket();
  const timers = new FakeTimers();
  const channel = new DataChannel(socket, {
    tokenValue: 'tok-123',
    clientId: 'client-1',
    timers,
    ...options,
  });
  let text = '';
  let stderr = '';
  const closes: CloseReason[] = [];
  const ready: SessionInfo[] = [];
  channel.on('output', (data, stream) =>
    stream === 'stdout' ? (text += data.toString()) : (stderr += data.toString()),
  );
  channel.on('close', (reason) => closes.push(reason));
  channel.on('ready', (info) => ready.push(info));
  channel.open();
  return { socket, timers, channel, closes, ready, text: () => text, stderr: () => stderr };
}

describe('DataChannel: opening and handshake', () => {
  it('opens with the token message as a text frame', () => {
    const { socket, channel } = setup();
    assert.equal(socket.texts.length, 1);
    const token = JSON.parse(socket.texts[0]!) as Record<string, string>;
    assert.equal(token.MessageSchemaVersion, '1.0');
    assert.equal(token.TokenValue, 'tok-123');
    assert.equal(token.ClientId, 'client-1');
    assert.equal(token.ClientVersion, CLIENT_VERSION);
    assert.match(token.RequestId!, /^[0-9a-f-]{36}$/);
    assert.equal(channel.state, 'connecting');
  });

  it('answers the handshake, reports the client version and sends held input once complete', () => {
    const { socket, channel, ready } = setup();
    channel.sendInput('early\r');
    channel.resize({ cols: 80, rows: 24 });
    channel.resize({ cols: 120, rows: 40 });
    shellHandshake(socket, false);
    const [response] = socket.inputs();
    assert.equal(response!.payloadType, PayloadType.HandshakeResponse);
    assert.equal(response!.sequenceNumber, 0);
    assert.deepEqual(JSON.parse(response!.payload.toString()), {
      ClientVersion: CLIENT_VERSION,
      ProcessedClientActions: [{ ActionType: 'SessionType', ActionStatus: 1, ActionResult: null, Error: '' }],
      Errors: [],
    });
    assert.equal(socket.inputs().length, 1, 'input is held until HandshakeComplete');

    shellHandshake(socket); // repeats seq 0 (dropped), then completes with seq 1
    assert.equal(channel.state, 'ready');
    assert.deepEqual(ready, [{ agentVersion: '3.3.40.0', sessionType: 'Standard_Stream', properties: null }]);
    const sent = socket.inputs().slice(1);
    assert.deepEqual(
      sent.map((m) => [m.sequenceNumber, m.payloadType, m.payload.toString()]),
      [
        [1, PayloadType.Output, 'early\r'],
        [2, PayloadType.Size, '{"cols":120,"rows":40}'],
      ],
    );
  });

  it('declines KMS encryption and closes with a clear error', () => {
    const { socket, closes } = setup();
    handshakeRequest(socket, [{ ActionType: 'KMSEncryption', ActionParameters: { KMSKeyId: 'arn:key' } }]);
    const response = JSON.parse(socket.inputs()[0]!.payload.toString()) as {
      ProcessedClientActions: { ActionStatus: number; Error: string }[];
    };
    assert.equal(response.ProcessedClientActions[0]!.ActionStatus, 2);
    assert.match(response.ProcessedClientActions[0]!.Error, /not supported/);
    assert.equal(closes.length, 1);
    assert.equal(closes[0]!.kind, 'error');
    assert.match((closes[0] as { message: string }).message, /requires KMS encryption.*does not support/s);
    assert.ok(socket.closed);
  });
});

describe('DataChannel: receiving output', () => {
  it('acknowledges every output message and delivers the text', () => {
    const { socket, text, stderr } = setup();
    shellHandshake(socket);
    socket.deliver(agentOutput(2, PayloadType.Output, 'hello '));
    socket.deliver(agentOutput(3, PayloadType.Output, 'world'));
    socket.deliver(agentOutput(4, PayloadType.StdErr, 'oops'));
    assert.deepEqual(socket.ackedSequences(), [0, 1, 2, 3, 4]);
    assert.equal(text(), 'hello world');
    assert.equal(stderr(), 'oops');
  });

  it('delivers out-of-order messages in sequence order, acknowledging each on arrival', () => {
    const { socket, text } = setup();
    shellHandshake(socket);
    socket.deliver(agentOutput(4, PayloadType.Output, 'C'));
    socket.deliver(agentOutput(3, PayloadType.Output, 'B'));
    assert.equal(text(), '', 'nothing before sequence 2 arrives');
    socket.deliver(agentOutput(2, PayloadType.Output, 'A'));
    socket.deliver(agentOutput(5, PayloadType.Output, 'D'));
    assert.equal(text(), 'ABCD');
    assert.deepEqual(socket.ackedSequences(), [0, 1, 4, 3, 2, 5]);
  });

  it('drops duplicates but acknowledges them again', () => {
    const { socket, text } = setup();
    shellHandshake(socket);
    socket.deliver(agentOutput(3, PayloadType.Output, 'y'));
    socket.deliver(agentOutput(3, PayloadType.Output, 'y')); // repeat of a buffered one
    socket.deliver(agentOutput(2, PayloadType.Output, 'x'));
    socket.deliver(agentOutput(2, PayloadType.Output, 'x')); // repeat of a delivered one
    assert.equal(text(), 'xy');
    assert.deepEqual(socket.ackedSequences(), [0, 1, 3, 3, 2, 2]);
  });

  it('becomes ready on first output when the agent does not handshake', () => {
    const { socket, channel, text } = setup();
    channel.sendInput('id\r');
    socket.deliver(agentOutput(0, PayloadType.Output, '$ '));
    assert.equal(channel.state, 'ready');
    assert.equal(text(), '$ ');
    assert.deepEqual(
      socket.inputs().map((m) => m.payload.toString()),
      ['id\r'],
    );
  });

  it('ignores a frame with a bad digest without acknowledging it, then takes the intact copy', () => {
    const { socket, text } = setup();
    shellHandshake(socket);
    const frame = agentOutput(2, PayloadType.Output, 'ok');
    const corrupt = Buffer.from(frame);
    corrupt[corrupt.length - 1] = 0x21;
    socket.deliver(corrupt);
    assert.deepEqual(socket.ackedSequences(), [0, 1]);
    socket.deliver(frame);
    assert.equal(text(), 'ok');
  });
});

describe('DataChannel: sending input', () => {
  it('numbers input messages upward and splits large input into 1024-byte payloads', () => {
    const { socket, channel } = setup();
    shellHandshake(socket);
    channel.sendInput(Buffer.alloc(2500, 0x61));
    const inputs = socket.inputs().slice(1);
    assert.deepEqual(
      inputs.map((m) => m.sequenceNumber),
      [1, 2, 3],
    );
    assert.deepEqual(
      inputs.map((m) => m.payload.length),
      [1024, 1024, 452],
    );
  });

  it('sends a resize as a Size payload of {cols, rows}', () => {
    const { socket, channel } = setup();
    shellHandshake(socket);
    channel.resize({ cols: 200, rows: 50 });
    const last = socket.inputs().at(-1)!;
    assert.equal(last.payloadType, PayloadType.Size);
    assert.deepEqual(JSON.parse(last.payload.toString()), { cols: 200, rows: 50 });
  });

  it('retransmits an unacknowledged message after the timeout, and stops once acknowledged', () => {
    const { socket, timers, channel } = setup();
    shellHandshake(socket);
    socket.deliver(agentAck(socket.inputs()[0]!)); // the handshake response
    channel.sendInput('ls\r');
    const sentBefore = socket.frames.length;
    const original = socket.frames.at(-1)!;
    timers.advance(channel.retransmissionTimeoutMs - 1);
    assert.equal(socket.frames.length, sentBefore, 'not before the timeout');
    timers.advance(1);
    assert.equal(socket.frames.length, sentBefore + 1);
    assert.ok(socket.frames.at(-1)!.equals(original), 'the same frame, same sequence number');
    socket.deliver(agentAck(socket.inputs().at(-1)!));
    assert.equal(channel.unacknowledgedCount, 0);
    timers.advance(10_000);
    assert.equal(socket.frames.length, sentBefore + 1, 'nothing after the ack');
    assert.equal(timers.scheduled, 0);
  });

  it('derives the timeout from measured round trips', () => {
    const { socket, timers, channel } = setup();
    shellHandshake(socket);
    timers.advance(40);
    socket.deliver(agentAck(socket.inputs()[0]!));
    // rtt = 7/8·100 + 1/8·40 = 92.5; variation = 1/4·|100 − 40| = 15; timeout = 92.5 + 4·15
    assert.equal(channel.retransmissionTimeoutMs, 152.5);
  });

  it('gives up on a message never acknowledged, with an error', () => {
    const { socket, timers, channel, closes } = setup({ giveUpAfterMs: 5_000 });
    shellHandshake(socket);
    timers.advance(6_000);
    const resends = socket.inputs().filter((m) => m.sequenceNumber === 0).length - 1;
    assert.ok(resends >= 5, `resent ${resends} times`);
    assert.equal(channel.state, 'closed');
    assert.match(
      (closes[0] as { message: string }).message,
      /did not acknowledge input message 0 within 5 s/,
    );
  });

  it('holds input while the service pauses publication', () => {
    const { socket, channel } = setup();
    shellHandshake(socket);
    socket.deliver(serviceMessage(MessageType.PausePublication));
    channel.sendInput('a');
    assert.equal(socket.inputs().length, 1);
    socket.deliver(serviceMessage(MessageType.StartPublication));
    assert.deepEqual(
      socket
        .inputs()
        .slice(1)
        .map((m) => m.payload.toString()),
      ['a'],
    );
  });
});

describe('DataChannel: ending', () => {
  it('closes with the exit code', () => {
    const { socket, closes, text } = setup();
    shellHandshake(socket);
    socket.deliver(agentOutput(3, PayloadType.ExitCode, 'EXIT_CODE: 3'));
    socket.deliver(agentOutput(2, PayloadType.Output, 'bye'));
    assert.equal(text(), 'bye', 'output before the exit code is delivered first');
    assert.deepEqual(closes, [{ kind: 'exited', exitCode: 3 }]);
    assert.ok(socket.closed);
  });

  it('closes with the reason of channel_closed', () => {
    const { socket, channel, closes } = setup();
    shellHandshake(socket);
    socket.deliver(
      serviceMessage(MessageType.ChannelClosed, { Output: 'Session terminated', SessionId: 's' }),
    );
    assert.deepEqual(closes, [{ kind: 'channelClosed', message: 'Session terminated' }]);
    channel.sendInput('late');
    assert.equal(socket.inputs().length, 1, 'nothing is sent after close');
  });

  it('reports a dropped socket as an error and sends nothing more', () => {
    const { socket, timers, channel, closes } = setup();
    shellHandshake(socket);
    socket.drop(1006);
    assert.equal(closes.length, 1);
    assert.equal(closes[0]!.kind, 'error');
    assert.match((closes[0] as { message: string }).message, /connection to Session Manager was lost.*1006/);
    const sent = socket.frames.length;
    channel.sendInput('x');
    timers.advance(60_000);
    assert.equal(socket.frames.length, sent);
    socket.emit('error', new Error('again'));
    assert.equal(closes.length, 1, 'close fires once');
  });
});

/**
 * Test doubles for the data channel: a socket that records what the client sends and lets the test
 * play the service, and timers driven by hand so retransmission is tested without sleeping.
 */
import { EventEmitter } from 'node:events';
import {
  decodeClientMessage,
  encodeClientMessage,
  MessageType,
  PayloadType,
  type ClientMessage,
} from '../../../client/src/exec/clientMessage';
import type { DataChannelSocket, Timers } from '../../../client/src/exec/dataChannel';

/** A socket whose sent frames are kept; `deliver`/`drop` play the service side. */
export class FakeSocket extends EventEmitter implements DataChannelSocket {
  readonly texts: string[] = [];
  readonly frames: Buffer[] = [];
  closed = false;

  send(data: Buffer | string): void {
    if (typeof data === 'string') this.texts.push(data);
    else this.frames.push(Buffer.from(data));
  }

  close(): void {
    this.closed = true;
  }

  /** Every binary frame sent so far, decoded. */
  sent(): ClientMessage[] {
    return this.frames.map((f) => decodeClientMessage(f));
  }

  /** Sent input_stream_data messages. */
  inputs(): ClientMessage[] {
    return this.sent().filter((m) => m.messageType === MessageType.InputStreamData);
  }

  /** Sequence numbers our acknowledgements name, in sending order. */
  ackedSequences(): number[] {
    return this.sent()
      .filter((m) => m.messageType === MessageType.Acknowledge)
      .map(
        (m) =>
          (JSON.parse(m.payload.toString()) as { AcknowledgedMessageSequenceNumber: number })
            .AcknowledgedMessageSequenceNumber,
      );
  }

  deliver(frame: Buffer): void {
    this.emit('message', frame);
  }

  /** The connection goes away without a channel_closed. */
  drop(code = 1006, reason = ''): void {
    this.emit('close', code, reason);
  }
}

/** An output_stream_data frame from the agent. */
export function agentOutput(sequenceNumber: number, payloadType: number, payload: string | Buffer): Buffer {
  return encodeClientMessage({
    messageType: MessageType.OutputStreamData,
    payloadType,
    payload: typeof payload === 'string' ? Buffer.from(payload) : payload,
    sequenceNumber,
    createdDate: 1,
  });
}

/** A non-stream frame from the service (acknowledge, channel_closed, publication). */
export function serviceMessage(messageType: string, payload: unknown = undefined): Buffer {
  return encodeClientMessage({
    messageType,
    payloadType: 0,
    payload: payload === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(payload)),
    createdDate: 1,
  });
}

/** The agent's acknowledgement of one of our input messages. */
export function agentAck(of: ClientMessage): Buffer {
  return serviceMessage(MessageType.Acknowledge, {
    AcknowledgedMessageType: of.messageType,
    AcknowledgedMessageId: of.messageId,
    AcknowledgedMessageSequenceNumber: of.sequenceNumber,
    IsSequentialMessage: true,
  });
}

/** The agent's HandshakeRequest (seq 0) asking the client for `actions`. */
export function handshakeRequest(
  socket: FakeSocket,
  actions: readonly { ActionType: string; ActionParameters: unknown }[],
  agentVersion = '3.3.40.0',
): void {
  socket.deliver(
    agentOutput(
      0,
      PayloadType.HandshakeRequest,
      JSON.stringify({ AgentVersion: agentVersion, RequestedClientActions: actions }),
    ),
  );
}

/** A shell handshake: the request (seq 0) and, unless told not to, the completion (seq 1). */
export function shellHandshake(socket: FakeSocket, complete = true): void {
  handshakeRequest(socket, [
    { ActionType: 'SessionType', ActionParameters: { SessionType: 'Standard_Stream', Properties: null } },
  ]);
  if (complete) {
    socket.deliver(
      agentOutput(
        1,
        PayloadType.HandshakeComplete,
        JSON.stringify({ HandshakeTimeToComplete: 1e6, CustomerMessage: '' }),
      ),
    );
  }
}

/** Timers advanced by hand. */
export class FakeTimers implements Timers {
  private time = 1_000_000;
  private nextId = 1;
  private readonly pending = new Map<number, { at: number; callback: () => void }>();

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.pending.set(id, { at: this.time + ms, callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  /** Moves the clock forward, firing due timers in time order. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      let due: [number, { at: number; callback: () => void }] | undefined;
      for (const entry of this.pending)
        if (entry[1].at <= end && (!due || entry[1].at < due[1].at)) due = entry;
      if (!due) break;
      this.pending.delete(due[0]);
      this.time = due[1].at;
      due[1].callback();
    }
    this.time = end;
  }

  get scheduled(): number {
    return this.pending.size;
  }
}

/**
 * The client side of a Session Manager data channel (what session-manager-plugin's
 * `src/datachannel/streaming.go` does), over an injected socket so it runs without a network.
 *
 * Outgoing stream messages get increasing sequence numbers and stay buffered until acknowledged,
 * and are resent after a round-trip-time based timeout; incoming ones are acknowledged, delivered in
 * sequence order (later ones buffered, repeated ones dropped). Pure: no vscode, no timers of its own
 * beyond the injected ones.
 */
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import {
  decodeClientMessage,
  encodeAcknowledge,
  encodeClientMessage,
  encodeFlag,
  MessageType,
  parseJsonPayload,
  PayloadType,
  ProtocolError,
  type AcknowledgeContent,
  type ClientMessage,
} from './clientMessage';
import {
  answerHandshake,
  CLIENT_VERSION,
  type HandshakeCompletePayload,
  type HandshakeRequestPayload,
} from './handshake';
import { Retransmitter, systemTimers, type Timers } from './retransmitter';

export type { Timers } from './retransmitter';

/** The WebSocket as the channel needs it; `wsSocket.ts` adapts the `ws` package to it. */
export interface DataChannelSocket {
  /** Strings go as text frames (only the token message), buffers as binary frames. */
  send(data: Buffer | string): void;
  close(): void;
  on(event: 'message', listener: (data: Buffer) => void): unknown;
  on(event: 'close', listener: (code: number, reason: string) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/** Options of a {@link DataChannel}. */
export interface DataChannelOptions {
  /** `tokenValue` of the ExecuteCommand / StartSession response. */
  tokenValue: string;
  clientId?: string;
  clientVersion?: string;
  timers?: Timers;
  /** Give up on a message unacknowledged this long (the plugin's 3000 × 100 ms). */
  giveUpAfterMs?: number;
  /** Largest payload per input message; the plugin reads stdin 1024 bytes at a time. */
  maxPayload?: number;
  /** Diagnostics (ignored frames and the like). */
  log?: (message: string) => void;
}

/** Why a channel ended. */
export type CloseReason =
  | { kind: 'exited'; exitCode: number }
  | { kind: 'channelClosed'; message: string; exitCode?: number }
  | { kind: 'error'; message: string }
  | { kind: 'closedByClient' };

/** What the handshake told us; `sessionType` is unset for agents that do not handshake. */
export interface SessionInfo {
  agentVersion: string;
  sessionType?: string;
  properties?: unknown;
  customerMessage?: string;
}

/** Events of a {@link DataChannel}. */
export interface DataChannelEvents {
  ready: [SessionInfo];
  output: [data: Buffer, stream: 'stdout' | 'stderr'];
  flag: [flag: number];
  close: [CloseReason];
}

/** Capacity of the plugin's outgoing and incoming buffers. */
const BUFFER_CAPACITY = 10_000;

/** `{cols, rows}` of a Size payload. */
export interface TerminalSize {
  cols: number;
  rows: number;
}

/** One data channel session: `open()`, then `sendInput` / `resize`, until `close` fires. */
export class DataChannel extends EventEmitter<DataChannelEvents> {
  /** `connecting` until HandshakeComplete (or the first output of an agent that does not handshake). */
  state: 'new' | 'connecting' | 'ready' | 'closed' = 'new';
  info: SessionInfo = { agentVersion: '' };

  private readonly timers: Timers;
  private readonly maxPayload: number;
  private readonly outgoing: Retransmitter;
  private nextSequence = 0;
  private expectedSequence = 0;
  private readonly early = new Map<number, ClientMessage>();
  private paused = false;
  /** Input and size typed before the handshake completes, or while the service paused us. */
  private held: { payloadType: number; payload: Buffer }[] = [];
  private exitCode: number | undefined;

  constructor(
    private readonly socket: DataChannelSocket,
    private readonly options: DataChannelOptions,
  ) {
    super();
    this.timers = options.timers ?? systemTimers;
    this.maxPayload = options.maxPayload ?? 1024;
    const giveUpAfterMs = options.giveUpAfterMs ?? 300_000;
    this.outgoing = new Retransmitter(
      this.timers,
      (frame) => socket.send(frame),
      giveUpAfterMs,
      (seq) =>
        this.finish({
          kind: 'error',
          message: `The agent did not acknowledge input message ${seq} within ${Math.round(giveUpAfterMs / 1000)} s; the session was ended.`,
        }),
    );
    socket.on('message', (data) => this.receive(data));
    socket.on('close', (code, reason) =>
      this.finish({
        kind: 'error',
        message:
          `The connection to Session Manager was lost (WebSocket closed, code ${code}${reason ? `: ${reason}` : ''}). ` +
          'The session cannot be resumed; start it again.',
      }),
    );
    socket.on('error', (error) =>
      this.finish({ kind: 'error', message: `The connection to Session Manager failed: ${error.message}` }),
    );
  }

  /** Sends the token message (a text frame) that makes the service attach us to the session. */
  open(): void {
    if (this.state !== 'new') return;
    this.state = 'connecting';
    this.socket.send(
      JSON.stringify({
        MessageSchemaVersion: '1.0',
        RequestId: randomUUID(),
        TokenValue: this.options.tokenValue,
        ClientId: this.options.clientId ?? randomUUID(),
        ClientVersion: this.options.clientVersion ?? CLIENT_VERSION,
      }),
    );
  }

  /** Sends keyboard (or port) data, in chunks of at most `maxPayload` bytes; held until ready. */
  sendInput(data: Buffer | string): void {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    for (let i = 0; i < bytes.length; i += this.maxPayload) {
      this.sendOrHold(PayloadType.Output, bytes.subarray(i, i + this.maxPayload));
    }
  }

  /** Tells the agent the terminal size (a Size payload). */
  resize(size: TerminalSize): void {
    const payload = Buffer.from(JSON.stringify({ cols: size.cols, rows: size.rows }));
    // Only the latest size matters: drop held ones so a burst of resizes sends one message.
    this.held = this.held.filter((h) => h.payloadType !== PayloadType.Size);
    this.sendOrHold(PayloadType.Size, payload);
  }

  /** Sends a Flag payload (DisconnectToPort, TerminateSession). */
  sendFlag(flag: number): void {
    this.sendOrHold(PayloadType.Flag, encodeFlag(flag));
  }

  /** Ends the session from our side and closes the socket. */
  close(): void {
    this.finish({ kind: 'closedByClient' });
  }

  /** Input messages sent and not yet acknowledged. */
  get unacknowledgedCount(): number {
    return this.outgoing.size;
  }

  /** Current retransmission timeout, from the measured round-trip time. */
  get retransmissionTimeoutMs(): number {
    return this.outgoing.timeoutMs;
  }

  private sendOrHold(payloadType: number, payload: Buffer): void {
    if (this.state === 'closed' || payload.length === 0) return;
    if (this.state !== 'ready' || this.paused) this.held.push({ payloadType, payload });
    else this.sendStream(payloadType, payload);
  }

  private sendStream(payloadType: number, payload: Buffer): void {
    if (this.outgoing.size >= BUFFER_CAPACITY) {
      // The plugin silently drops its oldest message here; losing input unnoticed is worse.
      this.finish({
        kind: 'error',
        message: 'The agent stopped acknowledging input; the session was ended.',
      });
      return;
    }
    const frame = encodeClientMessage({
      messageType: MessageType.InputStreamData,
      payloadType,
      payload,
      sequenceNumber: this.nextSequence,
      createdDate: this.timers.now(),
    });
    this.socket.send(frame);
    this.outgoing.add(this.nextSequence++, frame);
  }

  private releaseHeld(): void {
    const held = this.held;
    this.held = [];
    for (const h of held) this.sendStream(h.payloadType, h.payload);
  }

  private receive(data: Buffer): void {
    if (this.state === 'closed') return;
    let message: ClientMessage;
    try {
      message = decodeClientMessage(data);
    } catch (error) {
      // Not acknowledged, so the agent sends an intact copy again.
      if (error instanceof ProtocolError) return this.options.log?.(`Ignored a frame: ${error.message}`);
      throw error;
    }
    try {
      this.dispatch(message);
    } catch (error) {
      // A malformed JSON payload spoils that message only, not the session.
      if (error instanceof ProtocolError) return this.options.log?.(error.message);
      throw error;
    }
  }

  private dispatch(message: ClientMessage): void {
    switch (message.messageType) {
      case MessageType.OutputStreamData:
        return this.receiveStream(message);
      case MessageType.Acknowledge:
        return this.receiveAcknowledge(message);
      case MessageType.ChannelClosed:
        return this.receiveChannelClosed(message);
      case MessageType.PausePublication:
        this.paused = true;
        this.outgoing.setPaused(true);
        return;
      case MessageType.StartPublication:
        this.paused = false;
        this.outgoing.setPaused(false);
        if (this.state === 'ready') this.releaseHeld();
        return;
      default:
        this.options.log?.(`Ignored a ${message.messageType} message`);
    }
  }

  private receiveStream(message: ClientMessage): void {
    const seq = message.sequenceNumber;
    if (seq < this.expectedSequence || this.early.has(seq)) {
      // A repeat: our acknowledgement was probably lost, so send it again (the plugin does not,
      // leaving the agent resending), and deliver nothing.
      return this.acknowledge(message);
    }
    if (seq > this.expectedSequence) {
      // Full buffer: neither keep nor acknowledge, so the agent resends it later.
      if (this.early.size >= BUFFER_CAPACITY) return;
      this.acknowledge(message);
      this.early.set(seq, message);
      return;
    }
    this.acknowledge(message);
    this.expectedSequence++;
    this.process(message);
    for (
      let next = this.early.get(this.expectedSequence);
      next;
      next = this.early.get(this.expectedSequence)
    ) {
      if (this.state === 'closed') return;
      this.early.delete(this.expectedSequence);
      this.expectedSequence++;
      this.process(next);
    }
  }

  private acknowledge(message: ClientMessage): void {
    this.socket.send(encodeAcknowledge(message, this.timers.now()));
  }

  private process(message: ClientMessage): void {
    if (this.state === 'closed') return;
    switch (message.payloadType) {
      case PayloadType.HandshakeRequest:
        return this.answerHandshake(message);
      case PayloadType.HandshakeComplete: {
        const complete = parseJsonPayload<HandshakeCompletePayload>(message.payload, 'HandshakeComplete');
        if (complete.CustomerMessage) this.info.customerMessage = complete.CustomerMessage;
        return this.becomeReady();
      }
      case PayloadType.EncChallengeRequest:
        // Only sent after a client accepted KMS encryption, which we never do.
        return this.finish({
          kind: 'error',
          message: 'The agent sent an encryption challenge; not supported.',
        });
      case PayloadType.Output:
        // Agents that do not handshake start with output: that is when the plugin starts, too.
        if (this.state === 'connecting') this.becomeReady();
        this.emit('output', message.payload, 'stdout');
        return;
      case PayloadType.StdErr:
        this.emit('output', message.payload, 'stderr');
        return;
      case PayloadType.ExitCode: {
        // The agent sends "EXIT_CODE: <n>" after the last output of the command.
        const match = /EXIT_CODE:\s*(-?\d+)/.exec(message.payload.toString('utf8'));
        this.exitCode = match?.[1] === undefined ? -1 : Number(match[1]);
        return this.finish({ kind: 'exited', exitCode: this.exitCode });
      }
      case PayloadType.Flag:
        if (message.payload.length >= 4) this.emit('flag', message.payload.readUInt32BE(0));
        return;
      default:
        this.options.log?.(`Ignored payload type ${message.payloadType}`);
    }
  }

  private answerHandshake(message: ClientMessage): void {
    const request = parseJsonPayload<HandshakeRequestPayload>(message.payload, 'HandshakeRequest');
    const outcome = answerHandshake(request, this.options.clientVersion ?? CLIENT_VERSION);
    this.info = {
      agentVersion: outcome.agentVersion,
      ...(outcome.sessionType === undefined ? {} : { sessionType: outcome.sessionType }),
      ...(outcome.properties === undefined ? {} : { properties: outcome.properties }),
    };
    // The response is part of the handshake, so it is not held back like input.
    this.sendStream(PayloadType.HandshakeResponse, Buffer.from(JSON.stringify(outcome.response)));
    if (outcome.refusal) this.finish({ kind: 'error', message: outcome.refusal });
  }

  private becomeReady(): void {
    if (this.state !== 'connecting') return;
    this.state = 'ready';
    this.emit('ready', this.info);
    if (!this.paused) this.releaseHeld();
  }

  private receiveAcknowledge(message: ClientMessage): void {
    const content = parseJsonPayload<AcknowledgeContent>(message.payload, 'Acknowledge');
    this.outgoing.acknowledge(content.AcknowledgedMessageSequenceNumber);
  }

  private receiveChannelClosed(message: ClientMessage): void {
    const closed = parseJsonPayload<{ Output?: string }>(message.payload, 'ChannelClosed');
    this.finish({
      kind: 'channelClosed',
      message: closed.Output ?? '',
      ...(this.exitCode === undefined ? {} : { exitCode: this.exitCode }),
    });
  }

  private finish(reason: CloseReason): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.outgoing.stop();
    this.early.clear();
    this.held = [];
    try {
      this.socket.close();
    } catch {
      // Already closed: nothing left to release.
    }
    this.emit('close', reason);
  }
}

/**
 * The client end of smux protocol version 1 (github.com/xtaci/smux, vendored by
 * session-manager-plugin for `muxportforwarding.go`), which the agent uses to carry several TCP
 * connections over one data channel. Version 1 has no flow control: frames are SYN (open), FIN
 * (close), PSH (data) and NOP (keep-alive). Header: version (1 byte), command (1), data length
 * (2, little-endian), stream id (4, little-endian). Pure: bytes in, bytes out.
 */
import { systemTimers, type Timers } from './retransmitter';

/** smux commands. */
export const SmuxCommand = { SYN: 0, FIN: 1, PSH: 2, NOP: 3 } as const;

const VERSION = 1;
const HEADER = 8;
/** smux's default MaxFrameSize. */
export const MAX_FRAME_DATA = 32768;

/** One decoded frame. */
export interface SmuxFrame {
  command: number;
  streamId: number;
  data: Buffer;
}

/** Encodes one frame. */
export function encodeSmuxFrame(command: number, streamId: number, data: Buffer = Buffer.alloc(0)): Buffer {
  if (data.length > 0xffff) throw new RangeError('smux frame data is limited to 65535 bytes');
  const out = Buffer.alloc(HEADER + data.length);
  out[0] = VERSION;
  out[1] = command;
  out.writeUInt16LE(data.length, 2);
  out.writeUInt32LE(streamId, 4);
  data.copy(out, HEADER);
  return out;
}

/** Cuts a byte stream into frames; data channel payloads split frames anywhere. */
export class SmuxFrameReader {
  private pending: Buffer = Buffer.alloc(0);

  /** Appends bytes and returns the frames completed by them. */
  push(chunk: Buffer): SmuxFrame[] {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    const frames: SmuxFrame[] = [];
    while (this.pending.length >= HEADER) {
      const length = this.pending.readUInt16LE(2);
      if (this.pending.length < HEADER + length) break;
      frames.push({
        command: this.pending[1]!,
        streamId: this.pending.readUInt32LE(4),
        data: Buffer.from(this.pending.subarray(HEADER, HEADER + length)),
      });
      this.pending = this.pending.subarray(HEADER + length);
    }
    return frames;
  }
}

/** What a stream's owner hears from the remote end. */
export interface SmuxStreamHandlers {
  data(data: Buffer): void;
  /** The agent closed the stream (FIN) or the session ended. */
  end(): void;
}

/** One multiplexed connection. */
export interface SmuxStream {
  readonly id: number;
  write(data: Buffer): void;
  /** Sends FIN; further remote data is dropped. */
  close(): void;
}

/** Options of an {@link SmuxClient}. */
export interface SmuxClientOptions {
  /**
   * Send a NOP this often; 0 disables. Agents up to 3.1.1511.0 run smux with keep-alive on and drop
   * a session that stays silent for 30 s, so the plugin (and we) ping every 10 s for them.
   */
  keepAliveMs?: number;
  timers?: Timers;
}

/** The client side of an smux session: opens streams and routes frames to them. */
export class SmuxClient {
  // Like smux's client: the counter starts at 1 and is bumped by 2 before use, so ids are 3, 5, 7...
  private nextId = 1;
  private readonly streams = new Map<number, SmuxStreamHandlers>();
  private readonly reader = new SmuxFrameReader();
  private readonly timers: Timers;
  private keepAlive: unknown;
  private closed = false;

  /** @param write sends smux bytes to the agent (as data channel input) */
  constructor(
    private readonly write: (bytes: Buffer) => void,
    private readonly options: SmuxClientOptions = {},
  ) {
    this.timers = options.timers ?? systemTimers;
    this.scheduleKeepAlive();
  }

  /** Streams currently open. */
  get openStreams(): number {
    return this.streams.size;
  }

  /** Opens a stream (SYN) whose remote data goes to `handlers`. */
  openStream(handlers: SmuxStreamHandlers): SmuxStream {
    this.nextId += 2;
    const id = this.nextId;
    this.streams.set(id, handlers);
    this.write(encodeSmuxFrame(SmuxCommand.SYN, id));
    return {
      id,
      write: (data) => {
        if (this.closed || !this.streams.has(id)) return;
        for (let i = 0; i < data.length; i += MAX_FRAME_DATA) {
          this.write(encodeSmuxFrame(SmuxCommand.PSH, id, data.subarray(i, i + MAX_FRAME_DATA)));
        }
      },
      close: () => {
        if (this.closed || !this.streams.delete(id)) return;
        this.write(encodeSmuxFrame(SmuxCommand.FIN, id));
      },
    };
  }

  /** Feeds bytes received from the agent. */
  receive(bytes: Buffer): void {
    if (this.closed) return;
    for (const frame of this.reader.push(bytes)) {
      const handlers = this.streams.get(frame.streamId);
      if (frame.command === SmuxCommand.PSH) handlers?.data(frame.data);
      else if (frame.command === SmuxCommand.FIN && handlers) {
        this.streams.delete(frame.streamId);
        handlers.end();
      }
      // NOP needs nothing; a SYN from the agent has no local connection to go to.
    }
  }

  /** Ends every stream locally and stops the keep-alive. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.keepAlive !== undefined) this.timers.clearTimeout(this.keepAlive);
    const streams = [...this.streams.values()];
    this.streams.clear();
    for (const handlers of streams) handlers.end();
  }

  private scheduleKeepAlive(): void {
    const every = this.options.keepAliveMs ?? 0;
    if (every <= 0 || this.closed) return;
    this.keepAlive = this.timers.setTimeout(() => {
      this.write(encodeSmuxFrame(SmuxCommand.NOP, 0));
      this.scheduleKeepAlive();
    }, every);
  }
}

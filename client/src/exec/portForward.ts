/**
 * Local port forwarding over a data channel (SSM `StartSession` with document
 * `AWS-StartPortForwardingSession`), after session-manager-plugin's
 * `sessionmanagerplugin/session/portsession`. A local TCP listener accepts connections; with an
 * agent that multiplexes (LocalPortForwarding on agents after 3.0.196.0) each connection is an smux
 * stream and any number run at once; otherwise the channel carries one connection at a time and the
 * others wait, paused, until it ends (`DisconnectToPort` tells the agent to drop its side).
 */
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { PayloadFlag } from './clientMessage';
import type { DataChannel, SessionInfo } from './dataChannel';
import { isVersionAfter } from './handshake';
import { type Timers } from './retransmitter';
import { SmuxClient, type SmuxStream } from './smux';

/** Agent versions after which the agent multiplexes, and after which smux keep-alive is off. */
const MUX_AFTER = '3.0.196.0';
const KEEPALIVE_OFF_AFTER = '3.1.1511.0';
/** Output a remote server sends before the first local connection (a greeting) is kept up to this. */
const EARLY_OUTPUT_LIMIT = 1 << 20;

/** Options of a {@link PortForward}. */
export interface PortForwardOptions {
  /** Local port; 0 (the default) picks a free one. */
  localPort?: number;
  /** Local address to listen on; loopback by default so the port is not exposed. */
  host?: string;
  timers?: Timers;
  log?: (message: string) => void;
}

/** Forwards one local port over an open (or opening) data channel. */
export class PortForward {
  /** Decided when the handshake completes. */
  mode: 'pending' | 'mux' | 'basic' = 'pending';
  private server: Server | undefined;
  private mux: SmuxClient | undefined;
  private readonly sockets = new Set<Socket>();
  /** Basic mode: the connection the channel carries now, and those waiting for it. */
  private active: Socket | undefined;
  private readonly waiting: Socket[] = [];
  private early: Buffer[] = [];
  private earlyBytes = 0;
  private everConnected = false;
  private closed = false;

  constructor(
    private readonly channel: DataChannel,
    private readonly options: PortForwardOptions = {},
  ) {
    channel.on('ready', (info) => this.begin(info));
    channel.on('output', (data) => this.fromAgent(data));
    channel.on('flag', (flag) => {
      if (flag === PayloadFlag.ConnectToPortError) {
        this.options.log?.('The agent could not connect to the destination port; check the SSM Agent logs.');
      }
    });
    channel.on('close', () => this.close());
    if (channel.state === 'ready') this.begin(channel.info);
  }

  /** Starts listening; resolves with the local port. */
  listen(): Promise<number> {
    return new Promise((resolve, reject) => {
      const server = createServer((socket) => this.accept(socket));
      this.server = server;
      server.once('error', reject);
      server.listen(this.options.localPort ?? 0, this.options.host ?? '127.0.0.1', () => {
        server.off('error', reject);
        resolve((server.address() as AddressInfo).port);
      });
    });
  }

  /** Stops listening, ends every local connection and the smux session. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.server?.close();
    this.mux?.close();
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  private begin(info: SessionInfo): void {
    if (this.mode !== 'pending') return;
    const type = (info.properties as { type?: string } | undefined)?.type;
    if (type === 'LocalPortForwarding' && isVersionAfter(info.agentVersion, MUX_AFTER)) {
      this.mode = 'mux';
      this.mux = new SmuxClient((bytes) => this.channel.sendInput(bytes), {
        keepAliveMs: isVersionAfter(info.agentVersion, KEEPALIVE_OFF_AFTER) ? 0 : 10_000,
        ...(this.options.timers ? { timers: this.options.timers } : {}),
      });
    } else {
      this.mode = 'basic';
    }
    // Connections accepted while the handshake ran were paused; start them now.
    const accepted = [...this.waiting];
    this.waiting.length = 0;
    for (const socket of accepted) this.start(socket);
  }

  private accept(socket: Socket): void {
    if (this.closed) return void socket.destroy();
    this.sockets.add(socket);
    socket.on('error', (error) => this.options.log?.(`Local connection error: ${error.message}`));
    socket.once('close', () => this.sockets.delete(socket));
    if (this.mode === 'pending') {
      socket.pause();
      this.waiting.push(socket);
    } else this.start(socket);
  }

  private start(socket: Socket): void {
    if (this.mode === 'mux') return this.startMuxed(socket);
    if (this.active) {
      // One connection at a time: the rest wait their turn without reading.
      socket.pause();
      this.waiting.push(socket);
      return;
    }
    this.active = socket;
    this.everConnected = true;
    for (const chunk of this.early) socket.write(chunk);
    this.early = [];
    this.earlyBytes = 0;
    socket.on('data', (data: Buffer) => this.channel.sendInput(data));
    socket.once('close', () => {
      if (this.active !== socket) return;
      this.active = undefined;
      if (this.closed || this.channel.state === 'closed') return;
      this.channel.sendFlag(PayloadFlag.DisconnectToPort);
      const next = this.waiting.shift();
      if (next) this.start(next);
    });
    socket.resume();
  }

  private startMuxed(socket: Socket): void {
    const stream: SmuxStream = this.mux!.openStream({
      data: (data) => socket.write(data),
      end: () => socket.end(),
    });
    socket.on('data', (data: Buffer) => stream.write(data));
    socket.once('close', () => stream.close());
    socket.resume();
  }

  private fromAgent(data: Buffer): void {
    if (this.mode === 'mux') return this.mux!.receive(data);
    if (this.active) return void this.active.write(data);
    // The agent connects to the remote port when the session starts, so a server that speaks first
    // may send before anyone connects here; after a disconnect, stray output belongs to no one.
    if (this.everConnected || this.earlyBytes + data.length > EARLY_OUTPUT_LIMIT) return;
    this.early.push(data);
    this.earlyBytes += data.length;
  }
}

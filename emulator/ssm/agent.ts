/**
 * One data-channel session as the SSM agent in a container runs it, over a WebSocket of the
 * emulator: the token message, the handshake (session type, agent version), acknowledgements of
 * the client's input, numbered output, and then either a shell (`/bin/sh` spawned in the task's
 * scratch directory, stdin/stdout pipes, no pty) or port forwarding (smux streams, or one
 * connection at a time for clients too old to multiplex) to a loopback port standing in for the
 * container's.
 *
 * No retransmission: loopback does not lose frames. Without a pty the agent does what the
 * terminal line discipline would: carriage returns become newlines, input is echoed, output
 * newlines become CR LF.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import type WebSocket from 'ws';
import {
  ACK,
  CHANNEL_CLOSED,
  decodeFrame,
  encodeAck,
  encodeFrame,
  Flag,
  INPUT,
  OUTPUT,
  Payload,
  Smux,
  smuxFrame,
  SmuxReader,
  type Frame,
} from './framing';
import type { SessionRecord, SessionSpec } from './sessionRecords';

/** The agent version announced: after 3.0.196.0 (multiplexing) and 3.1.1511.0 (no smux keep-alive). */
export const AGENT_VERSION = '3.3.1802.0';

export type { SessionRecord, SessionSpec } from './sessionRecords';

const SHELLS = new Set(['/bin/sh', 'sh', '/bin/bash', 'bash', '/bin/ash', 'ash', '/bin/dash']);

export class AgentSession {
  readonly record: SessionRecord;
  private outSeq = 0;
  private inSeq = 0;
  private readonly early = new Map<number, Frame>();
  private authed = false;
  private started = false;
  private closed = false;
  private child: ChildProcess | undefined;
  private clientVersion = '';
  private readonly streams = new Map<number, Socket>();
  private readonly smux = new SmuxReader();
  private basic: Socket | undefined;

  constructor(
    private readonly ws: WebSocket,
    private readonly spec: SessionSpec,
    private readonly onEnd: (s: AgentSession) => void,
  ) {
    this.record = {
      sessionId: spec.sessionId,
      kind: spec.kind,
      taskId: spec.taskId,
      containerName: spec.containerName,
      connections: 0,
      openConnections: 0,
      state: 'waiting',
    };
    ws.on('message', (data: Buffer, isBinary: boolean) => this.receive(data, isBinary));
    ws.on('close', () => this.end());
    ws.on('error', () => this.end());
  }

  /** Ends the session from the agent's side (emulator stop, TerminateSession, task stopped). */
  terminate(output = ''): void {
    if (this.closed) return;
    this.sendClosed(output);
    this.end();
  }

  private receive(data: Buffer, isBinary: boolean): void {
    if (this.closed) return;
    if (!this.authed) {
      if (isBinary) return this.reject('The first message must be the token message.');
      let token: unknown;
      try {
        const open = JSON.parse(data.toString('utf8')) as { TokenValue?: unknown; ClientVersion?: unknown };
        token = open.TokenValue;
        this.clientVersion = typeof open.ClientVersion === 'string' ? open.ClientVersion : '';
      } catch {
        return this.reject('The token message is not JSON.');
      }
      if (token !== this.spec.token) return this.reject('The session token is not valid.');
      this.authed = true;
      this.record.state = 'open';
      this.sendHandshake();
      return;
    }
    const frame = decodeFrame(data);
    if (!frame) return;
    if (frame.type === ACK) return;
    if (frame.type !== INPUT) return;
    this.ws.send(encodeAck(frame));
    if (frame.sequence < this.inSeq || this.early.has(frame.sequence)) return;
    this.early.set(frame.sequence, frame);
    for (let next = this.early.get(this.inSeq); next; next = this.early.get(this.inSeq)) {
      this.early.delete(this.inSeq);
      this.inSeq++;
      this.process(next);
    }
  }

  private reject(why: string): void {
    this.closed = true;
    this.record.state = 'closed';
    this.ws.close(1008, why);
    this.onEnd(this);
  }

  private send(payloadType: number, payload: Buffer): void {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return;
    this.ws.send(encodeFrame({ type: OUTPUT, sequence: this.outSeq++, payloadType, payload }));
  }

  private sendHandshake(): void {
    const properties =
      this.spec.kind === 'port'
        ? { portNumber: String(this.spec.portNumber), type: 'LocalPortForwarding' }
        : {};
    const request = {
      AgentVersion: AGENT_VERSION,
      RequestedClientActions: [
        {
          ActionType: 'SessionType',
          ActionParameters: {
            SessionType: this.spec.kind === 'port' ? 'Port' : 'InteractiveCommands',
            Properties: properties,
          },
        },
      ],
    };
    this.send(Payload.HandshakeRequest, Buffer.from(JSON.stringify(request)));
  }

  private process(frame: Frame): void {
    switch (frame.payloadType) {
      case Payload.HandshakeResponse:
        if (this.started) return;
        this.started = true;
        this.send(
          Payload.HandshakeComplete,
          Buffer.from(JSON.stringify({ HandshakeTimeToComplete: 1_000_000, CustomerMessage: '' })),
        );
        if (this.spec.kind === 'shell') this.startShell();
        return;
      case Payload.Size: {
        try {
          const size = JSON.parse(frame.payload.toString('utf8')) as { cols?: unknown; rows?: unknown };
          if (typeof size.cols === 'number' && typeof size.rows === 'number') {
            this.record.lastSize = { cols: size.cols, rows: size.rows };
          }
        } catch {
          // A malformed size changes nothing.
        }
        return;
      }
      case Payload.Flag:
        if (frame.payload.length >= 4) this.flag(frame.payload.readUInt32BE(0));
        return;
      case Payload.Output:
        if (this.spec.kind === 'shell') this.toShell(frame.payload);
        else this.toPort(frame.payload);
        return;
      default:
        return;
    }
  }

  // ------------------------------------------------------------------ shell

  private startShell(): void {
    const command = (this.spec.command ?? '/bin/sh').trim();
    const first = command.split(/\s+/)[0] ?? '';
    if (this.spec.noShell && (SHELLS.has(first) || first.startsWith('/bin/'))) {
      this.out(
        `Unable to start command: Failed to start pty: exec: "${first}": executable file not found in $PATH\n`,
      );
      return this.exited(127);
    }
    const interactive = SHELLS.has(command);
    const child = spawn('/bin/sh', interactive ? ['-i'] : ['-c', command], {
      cwd: this.spec.cwd,
      env: {
        PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
        HOME: this.spec.cwd ?? '/',
        PS1: '$ ',
        TERM: 'dumb',
        ECS_CONTAINER_NAME: this.spec.containerName,
        ECS_TASK_ID: this.spec.taskId,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
    });
    this.child = child;
    child.stdout.on('data', (d: Buffer) => this.out(d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => {
      // `sh -i` without a terminal says so first; a pty would not.
      const text = d.toString('utf8').replace(/^.*(can't access tty|no job control).*\n?/gm, '');
      if (text) this.out(text);
    });
    child.stdin.on('error', () => undefined);
    child.on('error', (error) => {
      this.out(`Unable to start command: ${error.message}\n`);
      this.exited(126);
    });
    child.on('close', (code, signal) => this.exited(code ?? (signal ? 128 + 9 : 0)));
  }

  private out(text: string): void {
    const bytes = Buffer.from(text.replace(/\r?\n/g, '\r\n'), 'utf8');
    for (let i = 0; i < bytes.length; i += 1024) this.send(Payload.Output, bytes.subarray(i, i + 1024));
  }

  private toShell(data: Buffer): void {
    const stdin = this.child?.stdin;
    if (!stdin?.writable) return;
    const text = data.toString('utf8');
    // Echo, as a terminal would, with backspace and Ctrl-D handled crudely.
    this.send(Payload.Output, Buffer.from(text.replace(/\r/g, '\r\n').replace(/\x7f/g, '\b \b'), 'utf8'));
    if (text.includes('\x04')) {
      stdin.end();
      return;
    }
    stdin.write(text.replace(/\r\n?/g, '\n'));
  }

  private exited(code: number): void {
    if (this.closed) return;
    this.record.exitCode = code;
    this.send(Payload.ExitCode, Buffer.from(`EXIT_CODE: ${code}`));
    this.sendClosed('');
    // Let the frames leave before the socket goes.
    setTimeout(() => this.end(), 50).unref();
  }

  private sendClosed(output: string): void {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return;
    const payload = {
      MessageType: CHANNEL_CLOSED,
      MessageId: '',
      CreatedDate: new Date().toISOString(),
      SessionId: this.spec.sessionId,
      SchemaVersion: 1,
      Output: output,
    };
    this.ws.send(
      encodeFrame({
        type: CHANNEL_CLOSED,
        payloadType: Payload.Output,
        payload: Buffer.from(JSON.stringify(payload)),
      }),
    );
  }

  // ------------------------------------------------------------------ port

  /** The agent multiplexes for clients after 1.1.70 (amazon-ssm-agent `muxSupportedClientVersion`). */
  private get muxed(): boolean {
    const parts = this.clientVersion.split('.').map(Number);
    const [a = 0, b = 0, c = 0] = parts;
    return a > 1 || (a === 1 && (b > 1 || (b === 1 && c > 70)));
  }

  private toPort(data: Buffer): void {
    if (!this.muxed) {
      const socket = this.basic ?? this.open(undefined);
      socket?.write(data);
      return;
    }
    for (const f of this.smux.push(data)) {
      if (f.cmd === Smux.SYN) this.open(f.sid);
      else if (f.cmd === Smux.PSH) this.streams.get(f.sid)?.write(f.data);
      else if (f.cmd === Smux.FIN) this.streams.get(f.sid)?.end();
    }
  }

  /** Connects to the target for an smux stream (or the basic connection when `sid` is undefined). */
  private open(sid: number | undefined): Socket | undefined {
    const target = this.spec.target;
    if (!target) {
      this.send(Payload.Flag, flagBytes(Flag.ConnectToPortError));
      if (sid !== undefined) this.send(Payload.Output, smuxFrame(Smux.FIN, sid));
      return undefined;
    }
    const pending: Buffer[] = [];
    // A socket-like holder that queues writes until the target port is known.
    let socket: Socket | undefined;
    const proxy = {
      write: (b: Buffer) => (socket ? socket.write(b) : pending.push(b)),
      end: () => (socket ? socket.end() : pending.push(Buffer.alloc(0))),
    } as unknown as Socket;
    if (sid !== undefined) this.streams.set(sid, proxy);
    else this.basic = proxy;
    void target().then((port) => {
      if (this.closed) return;
      if (port === undefined) {
        this.send(Payload.Flag, flagBytes(Flag.ConnectToPortError));
        if (sid !== undefined) this.send(Payload.Output, smuxFrame(Smux.FIN, sid));
        return;
      }
      const s = connect(port, '127.0.0.1');
      socket = s;
      if (sid !== undefined) this.streams.set(sid, s);
      else this.basic = s;
      this.record.connections++;
      this.record.openConnections++;
      for (const b of pending) {
        if (b.length === 0) s.end();
        else s.write(b);
      }
      s.on('data', (d: Buffer) => {
        for (let i = 0; i < d.length; i += 32768) {
          const chunk = d.subarray(i, i + 32768);
          this.send(Payload.Output, sid === undefined ? chunk : smuxFrame(Smux.PSH, sid, chunk));
        }
      });
      s.on('error', () => undefined);
      s.once('close', () => {
        this.record.openConnections--;
        if (sid !== undefined) {
          if (this.streams.get(sid) === s) this.streams.delete(sid);
          this.send(Payload.Output, smuxFrame(Smux.FIN, sid));
        } else if (this.basic === s) this.basic = undefined;
      });
    });
    return proxy;
  }

  private flag(flag: number): void {
    if (flag === Flag.DisconnectToPort) {
      this.basic?.end();
      this.basic = undefined;
    } else if (flag === Flag.TerminateSession) this.terminate();
  }

  private end(): void {
    if (this.closed) return;
    this.closed = true;
    this.record.state = 'closed';
    const child = this.child;
    if (child && child.exitCode === null && child.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }
    for (const s of this.streams.values()) s.destroy?.();
    this.streams.clear();
    this.basic?.destroy?.();
    try {
      this.ws.close(1000);
    } catch {
      // Already closed.
    }
    this.onEnd(this);
  }
}

function flagBytes(flag: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(flag, 0);
  return b;
}

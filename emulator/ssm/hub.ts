/**
 * The sessions of ECS Exec (ExecuteCommand) and Session Manager (StartSession): created by the API
 * handlers with an unguessable token, opened by the client over a WebSocket on the emulator's own
 * port (`ws://127.0.0.1:PORT/v1/data-channel/SESSION?role=publish_subscribe`), each stream once.
 * Shells run in a scratch directory per task under the OS temp folder, removed when the emulator
 * stops; port forwards reach a small HTTP server per task on loopback ("hello from TASK").
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { WebSocketServer } from 'ws';
import type { EmulatorState } from '../state';
import { AgentSession, type SessionRecord, type SessionSpec } from './agent';

/** A session as ExecuteCommand / StartSession return it. */
export interface SessionCredentials {
  sessionId: string;
  streamUrl: string;
  tokenValue: string;
}

/** Pending sessions not opened within this long are forgotten (the service's stream expires too). */
const PENDING_TTL_MS = 5 * 60_000;

export class SessionHub {
  private readonly pending = new Map<string, { spec: SessionSpec; at: number }>();
  private readonly live = new Set<AgentSession>();
  private readonly ended: SessionRecord[] = [];
  private readonly taskServers = new Map<string, Promise<http.Server>>();
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 1 << 20 });
  private readonly scratchRoot: string;
  private baseUrl = '';

  constructor() {
    this.scratchRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'ecs-emulator-exec-'));
  }

  /** Serves the data channel WebSockets on the emulator's HTTP server. */
  attach(server: http.Server, port: number): void {
    this.baseUrl = `ws://127.0.0.1:${port}`;
    server.on('upgrade', (req: http.IncomingMessage, socket: Socket, head: Buffer) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const match = /^\/v1\/data-channel\/([\w-]+)$/.exec(url.pathname);
      const entry = match?.[1] ? this.pending.get(match[1]) : undefined;
      if (!entry || Date.now() - entry.at > PENDING_TTL_MS) {
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      this.pending.delete(entry.spec.sessionId);
      this.wss.handleUpgrade(req, socket, head, (ws) => {
        const session = new AgentSession(ws, entry.spec, (s) => {
          if (this.live.delete(s)) this.ended.push(s.record);
        });
        this.live.add(session);
      });
    });
  }

  /** Scratch directory of a task: the shell's working directory and HOME. */
  scratchFor(taskId: string): string {
    const dir = path.join(this.scratchRoot, taskId);
    fs.mkdirSync(dir, { recursive: true });
    return dir;
  }

  /** A new session; `spec` without its id and token. */
  create(prefix: string, spec: Omit<SessionSpec, 'sessionId' | 'token'>): SessionCredentials {
    const now = Date.now();
    for (const [id, p] of this.pending) if (now - p.at > PENDING_TTL_MS) this.pending.delete(id);
    const sessionId = `${prefix}-${randomBytes(9).toString('hex').slice(0, 17)}`;
    const token = randomBytes(48).toString('base64url');
    this.pending.set(sessionId, { spec: { ...spec, sessionId, token }, at: now });
    return {
      sessionId,
      streamUrl: `${this.baseUrl}/v1/data-channel/${sessionId}?role=publish_subscribe`,
      tokenValue: token,
    };
  }

  /** Ends a session (TerminateSession); false when it is not known. */
  terminate(sessionId: string): boolean {
    if (this.pending.delete(sessionId)) return true;
    for (const s of this.live) {
      if (s.record.sessionId === sessionId) {
        s.terminate('Session terminated.');
        return true;
      }
    }
    return false;
  }

  /** Ends the sessions of a task (it stopped). */
  endTask(taskId: string): void {
    for (const [id, p] of this.pending) if (p.spec.taskId === taskId) this.pending.delete(id);
    for (const s of [...this.live]) if (s.record.taskId === taskId) s.terminate('The task stopped.');
  }

  /** The loopback port standing in for a task's container ports: an HTTP server that says hello. */
  serverFor(taskId: string): Promise<number> {
    let server = this.taskServers.get(taskId);
    if (!server) {
      server = new Promise<http.Server>((resolve, reject) => {
        const s = http.createServer((req, res) => {
          const body = `hello from ${taskId}\n`;
          res.writeHead(200, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(body) });
          res.end(req.method === 'HEAD' ? undefined : body);
        });
        s.once('error', reject);
        s.listen(0, '127.0.0.1', () => resolve(s));
      });
      this.taskServers.set(taskId, server);
    }
    return server.then((s) => (s.address() as AddressInfo).port);
  }

  /** Live and ended sessions, for tests. */
  sessions(): SessionRecord[] {
    return [...this.ended, ...[...this.live].map((s) => s.record)];
  }

  /** Ends every session and task server (reset keeps the scratch root; close removes it). */
  reset(): void {
    this.pending.clear();
    for (const s of [...this.live]) s.terminate('The emulator was reset.');
    this.ended.length = 0;
    for (const server of this.taskServers.values()) {
      void server.then(
        (s) => {
          s.closeAllConnections();
          s.close();
        },
        () => undefined,
      );
    }
    this.taskServers.clear();
  }

  close(): void {
    this.reset();
    this.wss.close();
    fs.rmSync(this.scratchRoot, { recursive: true, force: true });
  }
}

const hubs = new WeakMap<EmulatorState, SessionHub>();

/** Makes a hub reachable from the handlers of an emulator's state. */
export function registerSessionHub(state: EmulatorState, hub: SessionHub): void {
  hubs.set(state, hub);
}

/** The hub of an emulator, for the ExecuteCommand and StartSession handlers. */
export function sessionHubOf(state: EmulatorState): SessionHub | undefined {
  return hubs.get(state);
}

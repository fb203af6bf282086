/**
 * The real language server as a child process (the compiled `out/server/src/server.js`, over stdio),
 * started with the flags the extension's client uses (--expose-gc) and driven with
 * vscode-languageserver's own protocol implementation, as the editor drives it: open,
 * incremental changes, close, requests, published diagnostics, and the process's memory.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  type MessageConnection,
  StreamMessageReader,
  type TextDocumentContentChangeEvent,
  StreamMessageWriter,
  createMessageConnection,
} from 'vscode-languageserver/node';
import type { Diagnostic } from 'vscode-languageserver-types';

const root = path.resolve(__dirname, '..', '..', '..', '..');
export const SERVER = path.join(root, 'out', 'server', 'src', 'server.js');

export interface Published {
  readonly version: number | undefined;
  readonly diagnostics: Diagnostic[];
}

export class LspSession {
  readonly published = new Map<string, Published>();
  readonly logs: string[] = [];
  exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private readonly child: ChildProcess;
  private readonly connection: MessageConnection;
  private readonly versions = new Map<string, number>();

  private constructor(settings: Record<string, unknown>) {
    this.child = spawn(process.execPath, ['--expose-gc', SERVER, '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child.on('exit', (code, signal) => (this.exit = { code, signal }));
    this.child.stderr?.on('data', (chunk: Buffer) => this.logs.push(chunk.toString('utf8')));
    if (!this.child.stdout || !this.child.stdin) throw new Error('no stdio');
    this.connection = createMessageConnection(
      new StreamMessageReader(this.child.stdout),
      new StreamMessageWriter(this.child.stdin),
    );
    this.connection.onNotification(
      'textDocument/publishDiagnostics',
      (p: { uri: string; version?: number; diagnostics: Diagnostic[] }) => {
        this.published.set(p.uri, { version: p.version, diagnostics: p.diagnostics });
      },
    );
    this.connection.onNotification('window/logMessage', (p: { message: string }) => {
      this.logs.push(p.message);
    });
    this.connection.onRequest('workspace/configuration', (p: { items: unknown[] }) =>
      p.items.map(() => settings),
    );
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onError(() => undefined);
    this.connection.onClose(() => undefined);
    this.connection.listen();
  }

  /** Starts the server and completes the initialize handshake. */
  static async start(settings: Record<string, unknown> = {}): Promise<LspSession> {
    const session = new LspSession(settings);
    await session.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: null,
      capabilities: { workspace: { configuration: true } },
      initializationOptions: {},
    });
    await session.connection.sendNotification('initialized', {});
    return session;
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  get alive(): boolean {
    return this.exit === undefined;
  }

  /** The server's resident memory in bytes (Linux: VmRSS of /proc/<pid>/status), or 0 elsewhere. */
  rss(): number {
    try {
      const status = fs.readFileSync(`/proc/${this.pid}/status`, 'utf8');
      const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
      return kb ? Number(kb) * 1024 : 0;
    } catch {
      return 0;
    }
  }

  open(uri: string, languageId: string, text: string): void {
    this.versions.set(uri, 1);
    void this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId, version: 1, text },
    });
  }

  /** Sends incremental changes; returns the new version. */
  change(uri: string, changes: TextDocumentContentChangeEvent[]): number {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    void this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: changes,
    });
    return version;
  }

  close(uri: string): void {
    this.versions.delete(uri);
    void this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  async request<T>(method: string, params: unknown): Promise<T> {
    return this.connection.sendRequest<T>(method, params);
  }

  /** Waits until `condition` holds (polling), or fails after `timeoutMs`. */
  async until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (!this.alive)
        throw new Error(`the server exited (${JSON.stringify(this.exit)}) while waiting for ${what}`);
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async stop(): Promise<void> {
    if (this.alive) {
      try {
        await Promise.race([
          this.connection.sendRequest('shutdown'),
          new Promise((r) => setTimeout(r, 2000)),
        ]);
        void this.connection.sendNotification('exit');
      } catch {
        // already gone
      }
      await new Promise((r) => setTimeout(r, 200));
      if (this.alive) this.child.kill();
    }
    this.connection.dispose();
  }
}

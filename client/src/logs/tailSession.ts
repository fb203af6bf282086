/**
 * One open tail: a terminal (pseudoterminal with colours per source) fed by the tail model, and the
 * CloudWatch side (Live Tail or polling) behind an AbortController. Closing the terminal aborts it,
 * which ends the Live Tail sessions: nothing keeps running for a tail nobody sees.
 *
 * Keys in the terminal: space/p pause and follow, / text filter, f CloudWatch filter pattern,
 * t timestamps, c clear, s stop, r restart, ? help.
 */
import * as vscode from 'vscode';
import type { Connection } from '../aws/gateway';
import { RecentKeys } from '../aws/logEvents';
import type { LogsApi } from '../aws/logsApi';
import { runTail, type TailMode, type TailState } from '../aws/logTail';
import { backfillWindowMs, type FoundLogTargets, type LogTarget } from '../aws/logTargets';
import { TailModel } from './tailModel';

export interface TailSettings {
  readonly bufferLines: number;
  readonly mode: TailMode;
  readonly sinceMinutes: number;
  readonly timestamps: boolean;
  readonly maxLineChars: number;
}

export interface TailSessionOptions {
  readonly id: number;
  readonly title: string;
  /** One line saying what is tailed, e.g. `service web in cluster demo`. */
  readonly subject: string;
  readonly connection: Connection;
  readonly settings: TailSettings;
  /** Finds the streams (on open and restart; `recheck` when looking for new tasks: fresh, background). */
  readonly resolve: (recheck?: boolean) => Promise<FoundLogTargets>;
  readonly apiFor: (region: string) => LogsApi;
  readonly log: vscode.LogOutputChannel;
  readonly onClosed: (session: LogTailSession) => void;
  /**
   * Look for new tasks this often (ms) and follow them too (service and deployment tails: ECS
   * replaces tasks); 0 never does.
   */
  readonly followNewTasksMs?: number;
}

const streamKey = (t: LogTarget): string => `${t.region}\u0000${t.logGroup}\u0000${t.logStream}`;

const HELP =
  'keys: space pause/follow · / filter text · f CloudWatch filter pattern · t timestamps · c clear · s stop · r restart · ? help';

export class LogTailSession implements vscode.Disposable {
  readonly model: TailModel;
  readonly terminal: vscode.Terminal;
  private readonly writeEmitter = new vscode.EventEmitter<string>();
  private readonly closeEmitter = new vscode.EventEmitter<number | void>();
  private opened = false;
  private pending: string[] = [];
  private run: AbortController | undefined;
  private runDone: Promise<void> = Promise.resolve();
  private currentState: TailState | 'resolving' = 'resolving';
  private pattern = '';
  private readonly sessions: string[] = [];
  private found: FoundLogTargets | undefined;
  private disposed = false;
  /** What this tail showed, so that a restarted run (new tasks) repeats nothing. */
  private readonly shown = new RecentKeys(90_000, 200_000);
  private followTimer: NodeJS.Timeout | undefined;
  private following = false;
  /** Streams of tasks that left the listing at the last check: followed one more round for their last lines. */
  private leaving = new Set<string>();

  constructor(private readonly options: TailSessionOptions) {
    this.model = new TailModel({
      capacity: options.settings.bufferLines,
      timestamps: options.settings.timestamps,
      maxLineChars: options.settings.maxLineChars,
      write: (text) => this.write(text),
    });
    const pty: vscode.Pseudoterminal = {
      onDidWrite: this.writeEmitter.event,
      onDidClose: this.closeEmitter.event,
      open: () => {
        this.opened = true;
        for (const text of this.pending.splice(0)) this.writeEmitter.fire(text);
      },
      close: () => this.dispose(),
      handleInput: (data) => this.handleKey(data),
    };
    this.terminal = vscode.window.createTerminal({
      name: options.title,
      pty,
      iconPath: new vscode.ThemeIcon('output'),
      isTransient: true,
    });
  }

  get id(): number {
    return this.options.id;
  }

  get title(): string {
    return this.options.title;
  }

  get state(): TailState | 'resolving' {
    return this.currentState;
  }

  get filterPattern(): string {
    return this.pattern;
  }

  /** Live Tail session ids started so far (a reconnect adds one). */
  get sessionIds(): readonly string[] {
    return this.sessions;
  }

  get targets(): readonly LogTarget[] {
    return this.found?.targets ?? [];
  }

  /** Explanations for containers that cannot be tailed. */
  get problems(): readonly string[] {
    return [
      ...(this.found?.problems ?? []).map((p) => `${p.reason} ${p.action}`),
      ...(this.found?.errors ?? []),
    ];
  }

  get isRunning(): boolean {
    return this.run !== undefined && !this.run.signal.aborted;
  }

  /** Resolves the streams and starts following them. */
  async start(): Promise<void> {
    this.setState('resolving');
    this.model.addNotice('info', `Finding the log streams of ${this.options.subject}…`);
    const found = await this.options.resolve();
    if (this.disposed) return;
    this.found = found;
    this.model.setTargets(found.targets);
    for (const error of found.errors) this.model.addNotice('error', error);
    for (const p of found.problems) this.model.addNotice('warning', `${p.reason} ${p.action}`);
    if (found.targets.length === 0) {
      const why =
        found.taskCount === 0 && found.errors.length === 0
          ? `No running task for ${this.options.subject}: nothing to tail yet. Restart (r) once tasks run.`
          : `Nothing to tail for ${this.options.subject}.`;
      this.model.addNotice('error', why);
      this.setState('failed');
      const first = found.problems[0];
      void vscode.window.showWarningMessage(
        first ? `${first.reason} ${first.action}` : (found.errors[0] ?? why),
      );
      return;
    }
    if (found.problems.length > 0) {
      void vscode.window.showWarningMessage(
        `Some containers of ${this.options.subject} are not tailed: ${found.problems.map((p) => p.reason).join(' ')}`,
      );
    }
    const groups = [...new Set(found.targets.map((t) => t.logGroup))];
    this.model.addNotice(
      'info',
      `Tailing ${found.targets.length} stream(s) of ${found.taskCount} task(s) in ${groups.join(', ')} (${this.options.settings.mode === 'poll' ? 'polling' : 'Live Tail'}, last ${this.options.settings.sinceMinutes} min first). ${HELP}`,
    );
    this.startRun(backfillWindowMs(this.options.settings.sinceMinutes * 60_000, found.stoppedAt, Date.now()));
    this.scheduleFollow();
  }

  private scheduleFollow(): void {
    const every = this.options.followNewTasksMs ?? 0;
    clearInterval(this.followTimer);
    if (every <= 0 || this.disposed) return;
    this.followTimer = setInterval(() => void this.followNewTasks(), every);
  }

  /**
   * Resolves the tasks again; when tasks came or went, restarts the run over the new set of streams
   * with a backfill that covers the new tasks' first lines (what was shown already is skipped).
   */
  async followNewTasks(): Promise<void> {
    if (this.following || !this.isRunning || this.disposed) return;
    this.following = true;
    try {
      const next = await this.options.resolve(true);
      const current = this.found;
      if (!current || this.disposed || !this.isRunning || next.targets.length === 0) return;
      const nextKeys = new Set(next.targets.map(streamKey));
      const currentKeys = new Set(current.targets.map(streamKey));
      const added = next.targets.filter((t) => !currentKeys.has(streamKey(t)));
      const gone = current.targets.filter((t) => !nextKeys.has(streamKey(t)));
      // A task that just left keeps its streams one more round (its last lines); then they go.
      const kept = gone.filter((t) => !this.leaving.has(streamKey(t)));
      const dropped = gone.length - kept.length;
      this.leaving = new Set(kept.map(streamKey));
      if (added.length === 0 && dropped === 0) return;
      this.found = { ...next, targets: [...next.targets, ...kept] };
      this.model.setTargets(this.found.targets);
      if (added.length > 0) {
        const tasks = [...new Set(added.map((t) => t.taskId.slice(0, 8)))];
        this.model.addNotice('info', `Following new task(s) ${tasks.join(', ')}`);
      }
      const run = this.run;
      this.run = undefined;
      run?.abort();
      await this.runDone;
      if (this.disposed) return;
      // Back to where the new tasks started (they appeared within the last check interval).
      this.startRun((this.options.followNewTasksMs ?? 30_000) + 30_000);
    } finally {
      this.following = false;
    }
  }

  private startRun(sinceMs: number): void {
    const targets = this.found?.targets ?? [];
    if (targets.length === 0 || this.disposed) return;
    const run = new AbortController();
    this.run = run;
    this.runDone = runTail({
      targets,
      apiFor: this.options.apiFor,
      mode: this.options.settings.mode,
      sinceMs,
      ...(this.pattern ? { filterPattern: this.pattern } : {}),
      signal: run.signal,
      shown: this.shown,
      onEvents: (events) => {
        if (!run.signal.aborted) this.model.addEvents(events);
      },
      onNotice: (notice) => {
        if (run.signal.aborted) return;
        this.model.addNotice(notice.level, notice.text);
        this.options.log[notice.level === 'error' ? 'error' : notice.level === 'warning' ? 'warn' : 'info'](
          `${this.options.title}: ${notice.text}`,
        );
      },
      onState: (state, detail) => {
        if (run.signal.aborted) return;
        const previous = this.currentState;
        this.setState(state);
        if (state === previous) return;
        if (state === 'reconnecting') this.model.addNotice('warning', detail ?? 'reconnecting');
        else if (state === 'live' && previous === 'reconnecting')
          this.model.addNotice('info', 'Live Tail reconnected');
        else if (state === 'polling' && previous !== 'resolving')
          this.model.addNotice('info', 'Polling FilterLogEvents every 2 s');
      },
      onSession: (id) => {
        this.sessions.push(id);
        this.options.log.info(`${this.options.title}: Live Tail session ${id} started`);
      },
    }).catch((error: unknown) => {
      this.model.addNotice(
        'error',
        `The tail stopped: ${error instanceof Error ? error.message : String(error)}`,
      );
    });
  }

  /** Stops following (the terminal stays open with what it shows). */
  async stop(): Promise<void> {
    clearInterval(this.followTimer);
    const run = this.run;
    this.run = undefined;
    if (!run || run.signal.aborted) return;
    run.abort();
    await this.runDone;
    this.setState('stopped');
    if (!this.disposed) this.model.addNotice('info', 'Stopped. Press r to restart.');
  }

  /** Stops, re-resolves the tasks (they may have been replaced) and starts again. */
  async restart(): Promise<void> {
    await this.stop();
    if (this.disposed) return;
    await this.start();
  }

  setFilter(text: string): void {
    this.model.setFilter(text);
  }

  setPaused(paused: boolean): void {
    this.model.setPaused(paused);
  }

  toggleTimestamps(): void {
    this.model.setTimestamps(!this.model.timestamps);
  }

  clear(): void {
    this.model.clear();
  }

  /** Sets the server-side CloudWatch filter pattern and restarts the stream with it (backfilling). */
  async setFilterPattern(pattern: string): Promise<void> {
    this.pattern = pattern.trim();
    await this.stop();
    if (this.disposed) return;
    this.model.addNotice(
      'info',
      this.pattern ? `CloudWatch filter pattern: ${this.pattern}` : 'CloudWatch filter pattern removed',
    );
    this.startRun(this.options.settings.sinceMinutes * 60_000);
    this.scheduleFollow();
  }

  async promptFilter(): Promise<void> {
    const text = await vscode.window.showInputBox({
      title: `Filter ${this.title}`,
      prompt:
        'Show only lines containing this text (case-insensitive; empty shows all). Applies to what is buffered too.',
      value: this.model.filter,
    });
    if (text !== undefined) this.setFilter(text);
  }

  async promptFilterPattern(): Promise<void> {
    const pattern = await vscode.window.showInputBox({
      title: `CloudWatch filter pattern for ${this.title}`,
      prompt:
        'Filtered by CloudWatch before sending, e.g. ERROR, "timed out", ?ERROR ?WARN, { $.level = "error" }. Empty removes it.',
      value: this.pattern,
    });
    if (pattern !== undefined) await this.setFilterPattern(pattern);
  }

  /** The terminal's keys. */
  private handleKey(data: string): void {
    void LogTailSession.KEYS.get(data)?.(this);
  }

  /** What each key in the terminal does (HELP lists them); inside the class to reach `write`. */
  private static readonly KEYS = new Map<string, (tail: LogTailSession) => unknown>([
    [' ', (t) => t.togglePauseFromKey()],
    ['p', (t) => t.togglePauseFromKey()],
    ['/', (t) => t.promptFilter()],
    ['f', (t) => t.promptFilterPattern()],
    ['t', (t) => t.toggleTimestamps()],
    ['c', (t) => t.clear()],
    ['s', (t) => t.stop()],
    ['\x03', (t) => t.stop()],
    ['r', (t) => t.restart()],
    ['?', (t) => t.model.addNotice('info', HELP)],
    ['h', (t) => t.model.addNotice('info', HELP)],
  ]);

  private togglePauseFromKey(): void {
    this.setPaused(!this.model.isPaused);
    if (this.model.isPaused) this.write('\x1b[90m── paused (space to follow)\x1b[0m\r\n');
  }

  private setState(state: TailState | 'resolving'): void {
    this.currentState = state;
  }

  private write(text: string): void {
    if (this.disposed) return;
    if (this.opened) this.writeEmitter.fire(text);
    else if (this.pending.push(text) > 1000) this.pending.shift();
  }

  /** Closes the view and stops the stream. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    clearInterval(this.followTimer);
    this.run?.abort();
    this.run = undefined;
    this.currentState = 'stopped';
    this.terminal.dispose();
    this.writeEmitter.dispose();
    this.closeEmitter.dispose();
    this.options.onClosed(this);
  }
}

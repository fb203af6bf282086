/**
 * When to restart a language server that stopped unexpectedly: with exponential backoff (a server that
 * crashes on a document still open would otherwise crash-loop at full speed), giving up after
 * `maxRestarts` crashes within `windowMs`, and telling the user once per session, not per crash.
 * Pure (no vscode), so it is tested without an editor.
 */
export interface RestartDecision {
  /** False: stop restarting (too many crashes in the window). */
  readonly restart: boolean;
  /** Wait this long before restarting. */
  readonly delayMs: number;
  /** True for the first crash of the session only: the one time the user is told. */
  readonly notify: boolean;
  /** Crashes within the window, this one included. */
  readonly crashes: number;
}

export interface RestartPolicyOptions {
  readonly maxRestarts?: number;
  readonly windowMs?: number;
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  readonly now?: () => number;
}

export class RestartPolicy {
  readonly maxRestarts: number;
  readonly windowMs: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly now: () => number;
  private readonly crashes: number[] = [];
  private notified = false;

  constructor(options: RestartPolicyOptions = {}) {
    this.maxRestarts = options.maxRestarts ?? 4;
    this.windowMs = options.windowMs ?? 3 * 60 * 1000;
    this.baseDelayMs = options.baseDelayMs ?? 500;
    this.maxDelayMs = options.maxDelayMs ?? 30_000;
    this.now = options.now ?? Date.now;
  }

  /** The server stopped unexpectedly: what to do. */
  onCrash(): RestartDecision {
    const now = this.now();
    this.crashes.push(now);
    while (this.crashes.length > 0 && now - (this.crashes[0] ?? now) > this.windowMs) this.crashes.shift();
    const crashes = this.crashes.length;
    const notify = !this.notified;
    this.notified = true;
    if (crashes > this.maxRestarts) return { restart: false, delayMs: 0, notify, crashes };
    const delayMs = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (crashes - 1));
    return { restart: true, delayMs, notify, crashes };
  }
}

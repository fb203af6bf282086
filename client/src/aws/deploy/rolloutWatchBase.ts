/**
 * The shell both rollout watchers share: the state snapshot and its listeners, stopping, the
 * terminal phases, and polling one call with backoff. Network loss, throttling or expired
 * credentials never end a watch: the call is retried after an exponentially growing pause (capped
 * at `maxBackoffMs`), and the state says so while it waits. What a poll means is each watcher's
 * own business (rolloutWatcher.ts reads DescribeServices, serviceDeploymentWatcher.ts reads
 * DescribeServiceDeployments).
 */
import { abortableDelay } from '../abortableDelay';
import type { RolloutPhase, RolloutState, RolloutTracker, RolloutWatchOptions } from './rolloutTypes';
import type { Failure, Result } from './types';

const TERMINAL: ReadonlySet<RolloutPhase> = new Set([
  'completed',
  'failed',
  'superseded',
  'stopped',
  'error',
]);

/** Failures a watch waits out rather than reports as the end of the watch. */
const RETRYABLE = new Set<Failure['kind']>([
  'network',
  'throttled',
  'serverError',
  'expiredToken',
  'unknown',
]);

/** What {@link RolloutWatchBase.attempt} got: the value, a failure to report, or nothing (stopped). */
export type Attempt<T> = { value: T } | { error: Failure } | undefined;

export abstract class RolloutWatchBase<
  Options extends RolloutWatchOptions = RolloutWatchOptions,
> implements RolloutTracker {
  protected readonly abort = new AbortController();
  private readonly listeners = new Set<(state: RolloutState) => void>();
  protected snapshot: RolloutState;
  abstract readonly done: Promise<RolloutState>;

  /** `initial` adds the fields a watcher knows before its first poll (e.g. the deployment id). */
  constructor(
    protected readonly options: Options,
    initial: Partial<RolloutState> = {},
  ) {
    this.snapshot = {
      cluster: options.cluster,
      service: options.service,
      phase: 'starting',
      message: `Watching ${options.service}…`,
      ...initial,
      deployments: [],
      desiredCount: 0,
      runningCount: 0,
      pendingCount: 0,
      events: [],
      stoppedTasks: [],
      circuitBreakerTripped: false,
      polls: 0,
      startedAt: new Date(),
    };
  }

  get state(): RolloutState {
    return this.snapshot;
  }

  get stopped(): boolean {
    return TERMINAL.has(this.snapshot.phase);
  }

  /** Calls `listener` after every change; returns an unsubscribe function. */
  onChange(listener: (state: RolloutState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stops watching. The deployment itself goes on untouched. */
  stop(): void {
    this.abort.abort();
  }

  protected update(patch: Partial<RolloutState>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const listener of this.listeners) {
      try {
        listener(this.snapshot);
      } catch {
        // A failing listener must not end the watch.
      }
    }
  }

  protected finish(phase: RolloutPhase, message: string): RolloutState {
    const outcome =
      phase === 'completed' && !this.snapshot.outcome ? this.options.completedOutcome : undefined;
    this.update({
      phase,
      message,
      endedAt: new Date(),
      connectionProblem: undefined,
      ...(outcome ? { outcome } : {}),
    });
    return this.snapshot;
  }

  /** The pause between polls; ends early when the watch is stopped. */
  protected pause(ms: number = this.options.intervalMs ?? 5000): Promise<void> {
    return abortableDelay(ms, this.abort.signal);
  }

  /**
   * Calls `fn` until it succeeds, backing off after retryable failures. A failure that is not
   * retryable, or that `final` says retrying cannot help, comes back as `{ error }`; undefined
   * means the watch was stopped. `clearOnRecovery` clears the connection problem as soon as a call
   * succeeds again (off where the poll's own update clears it with everything else).
   */
  protected async attempt<T>(
    fn: () => Promise<Result<T>>,
    {
      final = () => false,
      clearOnRecovery = true,
    }: { final?: (error: Failure) => boolean; clearOnRecovery?: boolean } = {},
  ): Promise<Attempt<T>> {
    const interval = this.options.intervalMs ?? 5000;
    const maxBackoff = this.options.maxBackoffMs ?? 60_000;
    let failures = 0;
    while (!this.abort.signal.aborted) {
      const r = await fn();
      if (r.ok) {
        if (failures > 0 && clearOnRecovery) this.update({ connectionProblem: undefined });
        return { value: r.value };
      }
      if (!RETRYABLE.has(r.error.kind) || final(r.error)) return { error: r.error };
      // Stopped while the call was out: do not announce a retry that will not happen.
      if (this.abort.signal.aborted) return undefined;
      failures++;
      const retryInMs = Math.min(maxBackoff, interval * 2 ** Math.min(failures, 10));
      this.update({
        connectionProblem: { message: r.error.message, attempt: failures, retryInMs },
        message: `${r.error.message} Retrying in ${Math.round(retryInMs / 1000)} s (attempt ${failures}); the deployment is not affected.`,
      });
      await this.pause(retryInMs);
    }
    return undefined;
  }
}

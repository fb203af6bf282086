/**
 * Watches a service's rollout until it ends, however long that takes.
 *
 * Each poll is one DescribeServices call, at a polite interval (5 s by default). From it the
 * watcher derives the deployments (PRIMARY/ACTIVE), their counts, the rollout state and reason,
 * and the service events not seen before. Stopped tasks are fetched only when something stopped
 * (an event names stopped tasks, or a deployment's failed count rises), and kept for the whole
 * watch, after ECS has forgotten them. A circuit-breaker trip and the automatic rollback (which
 * revision came back) are detected. Network loss, throttling or expired credentials do not end
 * the watch: it backs off, says so, and resumes. Stopping the watcher never touches the service.
 */
import {
  revisionLabel,
  type DeploymentView,
  type RolloutSource,
  type ServiceEventView,
  type ServiceView,
  type TaskView,
} from './types';

import type { RolloutState, RolloutWatchOptions } from './rolloutTypes';
import { RolloutWatchBase } from './rolloutWatchBase';
import { StoppedTaskCollector } from './stoppedTasks';

export type { RolloutPhase, RolloutState, RolloutWatchOptions } from './rolloutTypes';

export { stoppedTaskIdsInEvent } from './stoppedTasks';

/** A running watch. Create with {@link watchRollout}. */
export class RolloutWatcher extends RolloutWatchBase {
  private readonly seenEvents = new Set<string>();
  private readonly stoppedTasks: StoppedTaskCollector;
  /** The most tasks the followed deployment had failed (ECS resets the count once one runs). */
  private failedOfWatched = 0;
  private rollbackPolls = 0;
  /** Resolves with the final state when the rollout ends, fails, or the watch is stopped. */
  readonly done: Promise<RolloutState>;

  constructor(
    private readonly source: RolloutSource,
    options: RolloutWatchOptions,
  ) {
    super(options, { deploymentId: options.deploymentId });
    this.stoppedTasks = new StoppedTaskCollector(source, options.cluster, options.service);
    this.done = this.run();
  }

  private async run(): Promise<RolloutState> {
    const signal = this.abort.signal;
    let graceLeft = this.options.rollbackGracePolls ?? 3;
    // Let the caller subscribe before the first update.
    await Promise.resolve();
    while (!signal.aborted) {
      // observe() clears the connection problem together with the rest of the poll.
      const polled = await this.attempt(
        () => this.source.describeService(this.options.cluster, this.options.service, signal),
        { clearOnRecovery: false },
      );
      if (!polled || signal.aborted) break;
      if ('error' in polled) {
        this.finish('error', polled.error.message);
        return this.snapshot;
      }
      const verdict = await this.observe(polled.value, signal);
      if (verdict === 'done') return this.snapshot;
      if (verdict === 'awaitRollback') {
        graceLeft--;
        if (graceLeft < 0) {
          this.finishFailed();
          return this.snapshot;
        }
      }
      await this.pause();
    }
    this.finish('stopped', `Stopped watching ${this.options.service}; the deployment continues in ECS.`);
    return this.snapshot;
  }

  /**
   * Ends a failed rollout. `back` says how far the rollback got: ECS's rollback is a deployment
   * like any other, so the watch follows it to its end before saying how the failure ended.
   */
  private finishFailed(back?: { running: number; desired: number; done: boolean }): void {
    const s = this.snapshot;
    const why = s.rolloutStateReason ? `: ${s.rolloutStateReason}` : '';
    const to = s.rollback ? revisionLabel(s.rollback.taskDefinition) : '';
    const backText = s.rollback
      ? ` ECS rolled back to ${to}.${
          back?.done
            ? ` ${to} is running ${back.running}/${back.desired} again.`
            : back
              ? ` The rollback was still in progress (${back.running}/${back.desired} running) when the watch ended.`
              : ''
        }`
      : ' No rollback happened: the service keeps running what it had.';
    const breaker = s.circuitBreakerTripped ? ' (deployment circuit breaker)' : '';
    const crashed = this.stoppedOfWatched().filter((t) =>
      t.containers.some((c) => c.exitCode !== undefined && c.exitCode !== 0),
    );
    // ECS resets failedTasks once a task runs; the crashed tasks seen say it too.
    const failed = Math.max(this.failedOfWatched, crashed.length);
    const exits = [...new Set(crashed.flatMap((t) => t.containers.map((c) => c.exitCode)))]
      .filter((c): c is number => c !== undefined && c !== 0)
      .map((c) => `exit ${c}`);
    const cause = `${s.circuitBreakerTripped ? 'circuit breaker' : 'failure'}${
      failed
        ? `: ${failed} task${failed === 1 ? '' : 's'} failed${exits.length ? ` (${exits.join(', ')})` : ''}`
        : ''
    }`;
    this.update({
      outcome: s.rollback
        ? `${back && !back.done ? 'Rolling back' : 'Rolled back'} to ${to} after ${cause}`
        : `Failed after ${cause}; not rolled back`,
    });
    this.finish(
      'failed',
      `Deployment of ${revisionLabel(s.taskDefinition ?? '')} failed${breaker}${why}.${backText}`,
    );
  }

  /** Stopped tasks the followed deployment started (ECS sets `startedBy` to the deployment id). */
  private stoppedOfWatched(): TaskView[] {
    const id = this.snapshot.deploymentId;
    const td = this.snapshot.taskDefinition;
    return this.snapshot.stoppedTasks.filter((t) =>
      t.startedBy ? t.startedBy === id : t.taskDefinitionArn === td,
    );
  }

  /** The followed deployment failed and ECS started a rollback: keep watching it. */
  private async startRollback(
    rollback: DeploymentView,
    service: ServiceView,
    signal: AbortSignal,
  ): Promise<'continue' | 'done'> {
    this.update({ rollback: { deploymentId: rollback.id, taskDefinition: rollback.taskDefinition } });
    this.rollbackPolls = 0;
    // The failed deployment's crashed tasks, for the outcome: listed once whatever the counts say.
    if (await this.stoppedTasks.collect([], Number.MAX_SAFE_INTEGER, signal))
      this.update({ stoppedTasks: this.stoppedTasks.tasks() });
    return this.followRollback(service);
  }

  private followRollback(service: ServiceView): 'continue' | 'done' {
    const rb = this.snapshot.rollback;
    if (!rb) return 'continue';
    const d = service.deployments.find((x) => x.id === rb.deploymentId);
    const label = revisionLabel(rb.taskDefinition);
    if (!d) {
      // The rollback deployment is gone: another deployment replaced it, or it finished and was pruned.
      const primary = service.deployments.find((x) => x.status === 'PRIMARY');
      const done = primary?.taskDefinition === rb.taskDefinition;
      this.finishFailed({ running: service.runningCount, desired: service.desiredCount, done });
      return 'done';
    }
    const back = { running: d.runningCount, desired: d.desiredCount };
    if (d.rolloutState === 'COMPLETED' || (!d.rolloutState && this.steady(service, d))) {
      this.finishFailed({ ...back, done: true });
      return 'done';
    }
    if (d.rolloutState === 'FAILED' || ++this.rollbackPolls > (this.options.rollbackFollowPolls ?? 360)) {
      this.finishFailed({ ...back, done: false });
      return 'done';
    }
    this.update({
      phase: 'rollingBack',
      message: `${revisionLabel(this.snapshot.taskDefinition ?? '')} failed; ECS is rolling back to ${label}: ${d.runningCount}/${d.desiredCount} running, ${d.pendingCount} pending.`,
    });
    return 'continue';
  }

  /** Applies one DescribeServices answer; says whether the watch is over. */
  private async observe(
    service: ServiceView,
    signal: AbortSignal,
  ): Promise<'continue' | 'done' | 'awaitRollback'> {
    const first = this.snapshot.polls === 0;
    const patch: Partial<RolloutState> = {
      polls: this.snapshot.polls + 1,
      deployments: service.deployments,
      desiredCount: service.desiredCount,
      runningCount: service.runningCount,
      pendingCount: service.pendingCount,
      connectionProblem: undefined,
    };
    if (service.deploymentController !== 'ECS') {
      this.update(patch);
      this.finish(
        'error',
        `${service.serviceName} uses the ${service.deploymentController} deployment controller; follow its rollout in CodeDeploy or your own controller.`,
      );
      return 'done';
    }
    let watched: DeploymentView | undefined;
    if (first) {
      watched =
        service.deployments.find((d) => d.id === this.options.deploymentId) ??
        service.deployments.find(
          (d) =>
            d.status === 'PRIMARY' &&
            (!this.options.taskDefinition || d.taskDefinition === this.options.taskDefinition),
        ) ??
        service.deployments.find((d) => d.status === 'PRIMARY');
      patch.deploymentId = watched?.id;
      patch.taskDefinition = watched?.taskDefinition;
    } else {
      watched = service.deployments.find((d) => d.id === this.snapshot.deploymentId);
    }
    // New events, oldest first.
    const fresh = this.newEvents(service.events, first);
    patch.events = fresh.length ? [...this.snapshot.events, ...fresh] : this.snapshot.events;
    if (fresh.some((e) => /circuit breaker/i.test(e.message))) patch.circuitBreakerTripped = true;
    // "(service web) (deployment ecs-svc/1) deployment failed: tasks failed to start." is the
    // circuit breaker's event; it may be all we see when the failure and the rollback both
    // happened between two polls and the failed deployment is already gone.
    const followed = patch.deploymentId ?? this.snapshot.deploymentId;
    if (followed && fresh.some((e) => e.message.includes(followed) && /deployment failed/i.test(e.message))) {
      patch.circuitBreakerTripped = true;
      if (!watched) patch.rolloutState = 'FAILED';
    }
    if (watched) {
      patch.rolloutState = watched.rolloutState;
      patch.rolloutStateReason = watched.rolloutStateReason;
      if (watched.rolloutState === 'FAILED' && /circuit breaker/i.test(watched.rolloutStateReason ?? '')) {
        patch.circuitBreakerTripped = true;
      }
    }
    const rollback = service.deployments.find(
      (d) => d.status === 'PRIMARY' && d.id !== this.snapshot.deploymentId && d.id !== patch.deploymentId,
    );
    const failedTotal = service.deployments.reduce((sum, d) => sum + d.failedTasks, 0);
    if (watched) this.failedOfWatched = Math.max(this.failedOfWatched, watched.failedTasks);
    this.update(patch);
    if (await this.stoppedTasks.collect(fresh, failedTotal, signal))
      this.update({ stoppedTasks: this.stoppedTasks.tasks() });
    if (signal.aborted) return 'continue';
    if (this.snapshot.phase === 'rollingBack') return this.followRollback(service);

    if (!watched) {
      if (!this.snapshot.deploymentId) {
        this.finish('error', `${service.serviceName} has no PRIMARY deployment to watch.`);
        return 'done';
      }
      if (rollback && (this.snapshot.rolloutState === 'FAILED' || this.snapshot.circuitBreakerTripped)) {
        return this.startRollback(rollback, service, signal);
      }
      const now = service.deployments.find((d) => d.status === 'PRIMARY');
      this.finish(
        'superseded',
        `Another deployment${now ? ` (${revisionLabel(now.taskDefinition)})` : ''} replaced the one being watched.`,
      );
      return 'done';
    }
    const label = revisionLabel(watched.taskDefinition);
    if (watched.rolloutState === 'COMPLETED' || (!watched.rolloutState && this.steady(service, watched))) {
      this.finish(
        'completed',
        `${service.serviceName} is running ${label}: ${watched.runningCount}/${watched.desiredCount} tasks, rollout completed.`,
      );
      return 'done';
    }
    if (watched.rolloutState === 'FAILED') {
      if (rollback) return this.startRollback(rollback, service, signal);
      // ECS may show the rollback deployment a moment later; wait a few polls when one is expected.
      if (service.circuitBreaker?.rollback) return 'awaitRollback';
      this.finishFailed();
      return 'done';
    }
    if (watched.status !== 'PRIMARY' && rollback) {
      // A newer deployment (another deploy, or a rollback someone requested) took over.
      this.finish(
        'superseded',
        `${revisionLabel(rollback.taskDefinition)} (deployment ${rollback.id}) replaced the deployment being watched; it is now draining.`,
      );
      return 'done';
    }
    this.update({
      phase: 'inProgress',
      message: `${label}: ${watched.runningCount}/${watched.desiredCount} running, ${watched.pendingCount} pending, ${watched.failedTasks} failed (${watched.rolloutState ?? 'IN_PROGRESS'}).`,
    });
    return 'continue';
  }

  private steady(service: ServiceView, watched: DeploymentView): boolean {
    return (
      service.deployments.length === 1 &&
      watched.runningCount === watched.desiredCount &&
      watched.pendingCount === 0
    );
  }

  private newEvents(events: ServiceEventView[], first: boolean): ServiceEventView[] {
    const since = this.options.since?.getTime();
    const fresh: ServiceEventView[] = [];
    // ECS lists events newest first.
    events.forEach((event, index) => {
      if (this.seenEvents.has(event.id)) return;
      this.seenEvents.add(event.id);
      if (first) {
        if (since !== undefined && event.createdAt && event.createdAt.getTime() < since) return;
        if (since === undefined && index >= 5) return;
      }
      fresh.push(event);
    });
    return fresh.reverse();
  }
}

/** Starts watching a service's rollout. */
export function watchRollout(source: RolloutSource, options: RolloutWatchOptions): RolloutWatcher {
  return new RolloutWatcher(source, options);
}

/**
 * Follows one deployment through the service deployments API (ListServiceDeployments once to find
 * it, then one DescribeServiceDeployments per poll) until it ends, however long that takes: its
 * status, each lifecycle stage as it passes (blue/green, linear, canary; stages that passed between
 * two polls are listed as not observed), bake time remaining, production and test traffic on the new
 * revision, linear steps and canary-then-the-rest, the circuit breaker and alarms from the API's own
 * fields (never from event text), paused hooks, and the rollback with its outcome.
 *
 * Where the API is missing (UnknownOperationException, "not supported": older regions, custom
 * endpoints) it falls back to the DescribeServices watcher (rolloutWatcher.ts) and mirrors its
 * state. Polls are spaced by the interval given (the `deploy.pollIntervalMs` setting), go through
 * the same gateway and client limiter as every call, and back off after failures without ending
 * the watch. No vscode imports: the Rollouts view renders the {@link RolloutState} it produces.
 *
 * Sources: ServiceDeployment, ServiceRevisionSummary (requestedProductionTrafficWeight,
 * requestedTestTrafficWeight), DeploymentLifecycleHookDetail, ServiceDeploymentCircuitBreaker and
 * ServiceDeploymentAlarms in the API reference (and @aws-sdk/client-ecs's models_0.d.ts); the stage
 * order of "Amazon ECS blue/green service deployments workflow" (developer guide).
 */
import type { ServiceDeployment } from '@aws-sdk/client-ecs';
import { watchRollout } from './rolloutWatcher';
import type {
  RolloutState,
  RolloutTracker,
  RolloutWatchOptions,
  ServiceDeploymentBrief,
  ServiceDeploymentProgress,
} from './rolloutTypes';
import { date, hookView, isUnsupported, STAGE_ORDER, stepOf } from './serviceDeploymentStages';
import type { Failure, Result, RolloutSource } from './types';
import { RolloutWatchBase, type Attempt } from './rolloutWatchBase';

export { followsStages, isUnsupported, STAGE_ORDER, stepOf } from './serviceDeploymentStages';

/** The calls the watch needs (EcsDeployApi implements them). */
export interface ServiceDeploymentSource extends RolloutSource {
  listServiceDeployments(
    cluster: string,
    service: string,
    signal?: AbortSignal,
  ): Promise<Result<ServiceDeploymentBrief[]>>;
  describeServiceDeployment(arn: string, signal?: AbortSignal): Promise<Result<ServiceDeployment>>;
}

export interface ServiceDeploymentWatchOptions extends RolloutWatchOptions {
  /** Follow this service deployment; default: the newest one created at or after `since`. */
  serviceDeploymentArn?: string;
  /** Clock for bake-time estimates (tests). */
  now?: () => number;
}

const ROLLING_BACK = new Set(['ROLLBACK_REQUESTED', 'ROLLBACK_IN_PROGRESS']);

/** A running watch; create with {@link watchServiceDeployment}. */
export class ServiceDeploymentWatcher extends RolloutWatchBase<ServiceDeploymentWatchOptions> {
  private fallbackWatch: RolloutTracker | undefined;
  private bakeSeenAt: number | undefined;
  readonly done: Promise<RolloutState>;

  constructor(
    private readonly source: ServiceDeploymentSource,
    options: ServiceDeploymentWatchOptions,
  ) {
    super(options);
    this.done = this.run();
  }

  /** Stops watching; the deployment goes on untouched. */
  override stop(): void {
    super.stop();
    this.fallbackWatch?.stop();
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  /** Calls `fn` until it succeeds or fails for good; an unsupported API is final (we fall back). */
  private retrying<T>(fn: () => Promise<Result<T>>): Promise<Attempt<T>> {
    return this.attempt(fn, { final: isUnsupported });
  }

  private async run(): Promise<RolloutState> {
    await Promise.resolve();
    const { cluster, service } = this.options;
    const signal = this.abort.signal;
    let arn = this.options.serviceDeploymentArn;
    while (!arn && !signal.aborted) {
      const listed = await this.retrying(() => this.source.listServiceDeployments(cluster, service, signal));
      if (!listed) break;
      if ('error' in listed) {
        if (isUnsupported(listed.error)) return this.fallBack(listed.error);
        return this.finish('error', listed.error.message);
      }
      const since = this.options.since?.getTime();
      const found = listed.value.find(
        (d) => since === undefined || (d.createdAt?.getTime() ?? 0) >= since - 1000,
      );
      if (found) arn = found.arn;
      else {
        this.update({
          polls: this.snapshot.polls + 1,
          message: `Waiting for ${service}'s deployment to appear…`,
        });
        await this.pause();
      }
    }
    while (arn && !signal.aborted) {
      const target = arn;
      const described = await this.retrying(() => this.source.describeServiceDeployment(target, signal));
      if (!described) break;
      if ('error' in described) {
        if (isUnsupported(described.error)) return this.fallBack(described.error);
        return this.finish('error', described.error.message);
      }
      if (this.observe(described.value)) return this.snapshot;
      await this.pause();
    }
    if (this.fallbackWatch) return this.fallbackWatch.done;
    return this.finish('stopped', `Stopped watching ${service}; the deployment continues in ECS.`);
  }

  /** No service deployments API here: the DescribeServices watch does the job. */
  private async fallBack(error: Failure): Promise<RolloutState> {
    const why = `The service deployments API is not available here (${error.code ?? error.message}); following DescribeServices instead.`;
    const watch = watchRollout(this.source, this.options);
    this.fallbackWatch = watch;
    watch.onChange((s) => this.update({ ...s, fallback: why }));
    if (this.abort.signal.aborted) watch.stop();
    const final = await watch.done;
    this.update({ ...final, fallback: why });
    return this.snapshot;
  }

  /** Applies one DescribeServiceDeployments answer; true when the watch is over. */
  private observe(d: ServiceDeployment): boolean {
    const now = this.now();
    const prev = this.snapshot.serviceDeployment;
    const strategy = d.deploymentConfiguration?.strategy ?? 'ROLLING';
    const stages = [...(prev?.stages ?? [])];
    const stage = d.lifecycleStage;
    const last = stages.at(-1);
    if (stage && last?.stage !== stage) {
      if (last && !last.leftAt) last.leftAt = new Date(now);
      // Stages that passed between two polls, in the documented order.
      const from = last ? STAGE_ORDER.indexOf(last.stage) : -1;
      const to = STAGE_ORDER.indexOf(stage);
      if (from >= 0 && to > from + 1) {
        for (const skipped of STAGE_ORDER.slice(from + 1, to)) {
          if (skipped === 'RECONCILE_SERVICE') continue;
          stages.push({ stage: skipped, observed: false });
        }
      }
      stages.push({ stage, enteredAt: new Date(now), observed: true });
    }
    const target = d.targetServiceRevision;
    const traffic = target?.requestedProductionTrafficWeight;
    const testTraffic = target?.requestedTestTrafficWeight;
    const trafficSteps = [...(prev?.trafficSteps ?? [])];
    if (traffic !== undefined && traffic > 0 && trafficSteps.at(-1) !== traffic) trafficSteps.push(traffic);
    if (stage === 'BAKE_TIME') this.bakeSeenAt ??= now;
    const bakeMs = (d.deploymentConfiguration?.bakeTimeInMinutes ?? 0) * 60_000;
    const bakeRemainingMs =
      stage === 'BAKE_TIME' && this.bakeSeenAt !== undefined
        ? Math.max(0, bakeMs - (now - this.bakeSeenAt))
        : undefined;
    const hooks = (d.lifecycleHookDetails ?? []).map(hookView);
    const pausedHook = hooks.find((h) => h.targetType === 'PAUSE' && h.status === 'AWAITING_ACTION');
    const cb = d.deploymentCircuitBreaker;
    const alarms = d.alarms;
    const step = stepOf(strategy, traffic, d.deploymentConfiguration);
    const progress: ServiceDeploymentProgress = {
      arn: d.serviceDeploymentArn ?? '',
      status: d.status ?? 'UNKNOWN',
      ...(d.statusReason ? { statusReason: d.statusReason } : {}),
      strategy,
      stages,
      hooks,
      ...(pausedHook ? { pausedHook } : {}),
      trafficSteps,
      ...(step ? { step } : {}),
      ...(cb
        ? {
            circuitBreaker: {
              status: cb.status ?? 'DISABLED',
              failureCount: cb.failureCount ?? 0,
              threshold: cb.threshold ?? 0,
            },
          }
        : {}),
      ...(alarms
        ? {
            alarms: {
              status: alarms.status ?? 'DISABLED',
              alarmNames: alarms.alarmNames ?? [],
              triggeredAlarmNames: alarms.triggeredAlarmNames ?? [],
            },
          }
        : {}),
      ...(d.rollback
        ? {
            rollback: {
              ...(d.rollback.reason ? { reason: d.rollback.reason } : {}),
              ...(d.rollback.startedAt ? { startedAt: date(d.rollback.startedAt) } : {}),
              ...(d.rollback.serviceRevisionArn ? { serviceRevisionArn: d.rollback.serviceRevisionArn } : {}),
            },
          }
        : {}),
      ...(target?.arn ? { targetRevisionArn: target.arn } : {}),
    };
    const desired = target?.requestedTaskCount ?? 0;
    const running = target?.runningTaskCount ?? 0;
    const pending = target?.pendingTaskCount ?? 0;
    this.update({
      polls: this.snapshot.polls + 1,
      serviceDeployment: progress,
      stage,
      bakeRemainingMs,
      trafficPercent: traffic,
      testTrafficPercent: testTraffic,
      desiredCount: desired,
      runningCount: running,
      pendingCount: pending,
      rolloutState: d.status,
      rolloutStateReason: d.statusReason,
      circuitBreakerTripped: cb?.status === 'TRIGGERED',
      connectionProblem: undefined,
    });
    const label = strategy === 'ROLLING' ? 'Rolling deployment' : `${strategy} deployment`;
    const why = d.statusReason ? `: ${d.statusReason}` : '';
    const rb = d.rollback?.reason ? ` (${d.rollback.reason})` : '';
    switch (d.status) {
      case 'SUCCESSFUL':
        this.finish(
          'completed',
          `${label} of ${this.options.service} succeeded: ${running}/${desired} tasks.`,
        );
        return true;
      case 'ROLLBACK_SUCCESSFUL':
        this.finish(
          'failed',
          `${label} of ${this.options.service} was rolled back${rb}; the previous revision is serving.`,
        );
        return true;
      case 'ROLLBACK_FAILED':
        this.finish(
          'failed',
          `${label} of ${this.options.service} failed and its rollback failed${why || rb}.`,
        );
        return true;
      case 'STOPPED':
        if (/supersed/i.test(d.statusReason ?? ''))
          this.finish('superseded', `A newer deployment replaced the one being watched${why}.`);
        else this.finish('failed', `${label} of ${this.options.service} was stopped${why}.`);
        return true;
      default:
        break;
    }
    const parts = [`${label}: ${d.status ?? 'IN_PROGRESS'}`];
    if (stage) parts.push(stage);
    if (step) parts.push(step.label);
    if (traffic !== undefined) parts.push(`${traffic}% production traffic`);
    if (bakeRemainingMs !== undefined) parts.push(`bake ${Math.ceil(bakeRemainingMs / 1000)} s left`);
    if (pausedHook) parts.push('paused: waiting for Continue Deployment');
    if (ROLLING_BACK.has(d.status ?? '')) parts.push(`rolling back${rb}`);
    parts.push(`${running}/${desired} running`);
    this.update({ phase: 'inProgress', message: `${parts.join(' · ')}.` });
    return false;
  }
}

/** Starts following a deployment through the service deployments API. */
export function watchServiceDeployment(
  source: ServiceDeploymentSource,
  options: ServiceDeploymentWatchOptions,
): ServiceDeploymentWatcher {
  return new ServiceDeploymentWatcher(source, options);
}

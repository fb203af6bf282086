import type { Rng, SimClock } from '../../clock';
import type {
  DeploymentConfiguration,
  DeploymentRecord,
  HookRun,
  LifecycleRun,
  PlannedStage,
  ServiceRecord,
} from '../../model';
import { isShifting } from '../deploymentConfiguration';
import type { Deployments } from './deployments';

/**
 * The lifecycle of BLUE_GREEN, LINEAR and CANARY deployments ("Amazon ECS blue/green service
 * deployments workflow", "Amazon ECS linear deployments", "Amazon ECS canary deployments" in the
 * developer guide; the stage list is the API's ServiceDeploymentLifecycleStage):
 *
 *   RECONCILE_SERVICE (only when more than one revision is ACTIVE), PRE_SCALE_UP, SCALE_UP (the
 *   green revision starts its full desired count beside blue), POST_SCALE_UP, TEST_TRAFFIC_SHIFT
 *   (test traffic 0 → 100 %), POST_TEST_TRAFFIC_SHIFT, then per production traffic step
 *   PRE_PRODUCTION_TRAFFIC_SHIFT + PRODUCTION_TRAFFIC_SHIFT ("for linear and canary deployments,
 *   this stage is invoked at every traffic shift step"), POST_PRODUCTION_TRAFFIC_SHIFT, BAKE_TIME
 *   (bakeTimeInMinutes, both revisions running), CLEAN_UP (blue scales to 0).
 *
 * BLUE_GREEN shifts production traffic in one step; LINEAR in steps of `stepPercent` (default 10)
 * with `stepBakeTimeInMinutes` (default 6) between steps, "not applied after reaching 100 percent";
 * CANARY shifts `canaryPercent` (default 5), waits `canaryBakeTimeInMinutes` (default 10), then
 * shifts the rest (LinearConfiguration, CanaryConfiguration).
 *
 * Lifecycle hooks run at the stages they name. An AWS_LAMBDA hook answers after HOOK_MS: SUCCEEDED,
 * or FAILED (the deployment rolls back), or IN_PROGRESS until its timeout — decided by
 * `hookOutcomes` (the admin endpoint, tests) or, failing that, by the function's name (one
 * containing `fail` fails, like the `crashloop` image tag). A PAUSE hook waits in AWAITING_ACTION
 * for ContinueServiceDeployment. A hook that times out takes its timeoutConfiguration action
 * (default ROLLBACK after 1,440 minutes; DeploymentLifecycleHookTimeoutConfiguration).
 *
 * Every duration is simulated time, so the emulator's speed scales it like everything else.
 */

/** Simulated ms each stage lasts at least (ECS's stages take seconds to minutes). */
export const STAGE_MS = 5000;
/** Simulated ms a Lambda hook takes to answer. */
export const HOOK_MS = 3000;

export type HookOutcome = 'SUCCEEDED' | 'FAILED' | 'IN_PROGRESS';

const MINUTE = 60_000;

/** The stages a deployment of a shifting strategy goes through, in order. */
export function planLifecycle(cfg: DeploymentConfiguration, activeRevisions: number): PlannedStage[] {
  const plan: PlannedStage[] = [];
  if (activeRevisions > 1) plan.push({ stage: 'RECONCILE_SERVICE' });
  plan.push(
    { stage: 'PRE_SCALE_UP' },
    { stage: 'SCALE_UP' },
    { stage: 'POST_SCALE_UP' },
    { stage: 'TEST_TRAFFIC_SHIFT' },
    { stage: 'POST_TEST_TRAFFIC_SHIFT' },
  );
  const steps: { to: number; waitMs: number }[] = [];
  if (cfg.strategy === 'LINEAR') {
    const step = cfg.linearConfiguration?.stepPercent ?? 10;
    const wait = (cfg.linearConfiguration?.stepBakeTimeInMinutes ?? 6) * MINUTE;
    for (let k = 1; ; k++) {
      const to = Math.min(100, Math.round(k * step * 10) / 10);
      steps.push({ to, waitMs: to < 100 ? wait : 0 });
      if (to >= 100) break;
    }
  } else if (cfg.strategy === 'CANARY') {
    const pct = cfg.canaryConfiguration?.canaryPercent ?? 5;
    const wait = (cfg.canaryConfiguration?.canaryBakeTimeInMinutes ?? 10) * MINUTE;
    if (pct < 100) steps.push({ to: pct, waitMs: wait });
    steps.push({ to: 100, waitMs: 0 });
  } else {
    steps.push({ to: 100, waitMs: 0 });
  }
  for (const s of steps) {
    plan.push({ stage: 'PRE_PRODUCTION_TRAFFIC_SHIFT' });
    plan.push({ stage: 'PRODUCTION_TRAFFIC_SHIFT', productionTraffic: s.to, waitMs: s.waitMs });
  }
  plan.push(
    { stage: 'POST_PRODUCTION_TRAFFIC_SHIFT' },
    // bakeTimeInMinutes "must" be given for BLUE_GREEN (DeploymentConfiguration); without it the
    // emulator bakes for no extra time.
    { stage: 'BAKE_TIME', waitMs: (cfg.bakeTimeInMinutes ?? 0) * MINUTE },
    { stage: 'CLEAN_UP' },
  );
  return plan;
}

/** A deployment's lifecycle stage now (undefined for ROLLING deployments). */
export function stageOf(lc: LifecycleRun): string | undefined {
  return lc.plan[Math.min(lc.index, lc.plan.length - 1)]?.stage;
}

export function lifecycleDone(lc: LifecycleRun): boolean {
  return lc.index >= lc.plan.length;
}

/** Green may start tasks from SCALE_UP on (and after a rollback took over, never again). */
export function mayScaleUp(lc: LifecycleRun): boolean {
  const first = lc.plan.findIndex((s) => s.stage === 'SCALE_UP');
  return lc.index >= first;
}

/** Blue's tasks stop only in CLEAN_UP. */
export function mayCleanUp(lc: LifecycleRun): boolean {
  return lc.index >= lc.plan.length - 1;
}

export class Lifecycle {
  /** What a Lambda hook answers, by its hookTargetArn (set by tests and the admin endpoint). */
  readonly hookOutcomes = new Map<string, HookOutcome>();

  constructor(
    private readonly clock: SimClock,
    private readonly rng: Rng,
    private readonly deployments: Deployments,
  ) {}

  /** Starts the lifecycle of a new deployment when its strategy shifts traffic. */
  begin(service: ServiceRecord, dep: DeploymentRecord): void {
    const cfg = dep.deploymentConfiguration;
    // A service's first deployment has no blue revision to shift traffic from: the emulator starts it
    // like a rolling one. Rollback deployments bring blue back at once (deployments.ts).
    if (dep.rollbackOf !== undefined || !isShifting(cfg.strategy)) return;
    if (dep.sourceServiceRevisionArns.length === 0) return;
    const lc: LifecycleRun = {
      strategy: cfg.strategy,
      plan: planLifecycle(cfg, dep.sourceServiceRevisionArns.length),
      index: 0,
      enteredAtSim: this.clock.simNow(),
      hooks: [],
      past: [],
      productionTraffic: 0,
      testTraffic: 0,
      ended: false,
    };
    dep.lifecycle = lc;
    this.enter(service, dep, lc, 0);
  }

  private enter(service: ServiceRecord, dep: DeploymentRecord, lc: LifecycleRun, index: number): void {
    const sim = this.clock.simNow();
    const now = this.clock.now();
    lc.past.push(...lc.hooks);
    lc.hooks = [];
    lc.index = index;
    lc.enteredAtSim = sim;
    delete lc.workDoneAtSim;
    dep.updatedAt = now;
    const stage = lc.plan[index]?.stage;
    if (!stage) return;
    for (const hook of dep.deploymentConfiguration.lifecycleHooks ?? []) {
      if (!hook.lifecycleStages.includes(stage)) continue;
      const timeoutMs = (hook.timeoutConfiguration?.timeoutInMinutes ?? 1440) * MINUTE;
      lc.hooks.push({
        hookId: this.rng.uuid(),
        targetType: hook.targetType,
        ...(hook.hookTargetArn ? { targetArn: hook.hookTargetArn } : {}),
        stage,
        status: hook.targetType === 'PAUSE' ? 'AWAITING_ACTION' : 'IN_PROGRESS',
        answerAtSim: sim + HOOK_MS,
        expiresAtSim: sim + timeoutMs,
        expiresAt: now + timeoutMs / this.clock.speed,
        timeoutAction: hook.timeoutConfiguration?.action ?? 'ROLLBACK',
      });
    }
    if (lc.hooks.some((h) => h.targetType === 'PAUSE')) {
      this.deployments.addEvent(
        service,
        `(service ${service.name}) (deployment ${dep.id}) is paused at ${stage}, awaiting ContinueServiceDeployment.`,
      );
    }
  }

  private outcomeOf(hook: HookRun): HookOutcome {
    const arn = hook.targetArn ?? '';
    const set = this.hookOutcomes.get(arn);
    if (set) return set;
    const fn = arn.split(':function:')[1] ?? arn;
    return /fail/i.test(fn) ? 'FAILED' : 'SUCCEEDED';
  }

  /**
   * Moves a deployment's lifecycle on (called by the scheduler every step): answers hooks, does the
   * stage's work, waits the stage's bake, enters the next stage. `greenHealthy` and `blueLive` are
   * the new revision's healthy tasks and the old revisions' live ones.
   */
  advance(service: ServiceRecord, dep: DeploymentRecord, greenHealthy: number, blueLive: number): void {
    const lc = dep.lifecycle;
    if (!lc || lc.ended || lifecycleDone(lc) || dep.rolloutState !== 'IN_PROGRESS' || dep.halted) return;
    const sim = this.clock.simNow();
    const step = lc.plan[lc.index];
    if (!step) return;
    for (const h of lc.hooks) {
      if (h.status === 'IN_PROGRESS' && sim >= h.answerAtSim) {
        const outcome = this.outcomeOf(h);
        if (outcome !== 'IN_PROGRESS') h.status = outcome;
      }
      if ((h.status === 'IN_PROGRESS' || h.status === 'AWAITING_ACTION') && sim >= h.expiresAtSim) {
        h.status = 'TIMED_OUT';
      }
    }
    const failed = lc.hooks.find(
      (h) => h.status === 'FAILED' || (h.status === 'TIMED_OUT' && h.timeoutAction === 'ROLLBACK'),
    );
    if (failed) {
      const why = failed.status === 'FAILED' ? 'failed' : 'timed out';
      this.fail(service, dep, `Lifecycle hook ${failed.hookId} ${why} at ${failed.stage}.`);
      return;
    }
    if (lc.hooks.some((h) => h.status === 'IN_PROGRESS' || h.status === 'AWAITING_ACTION')) return;
    switch (step.stage) {
      case 'SCALE_UP':
        if (greenHealthy < service.desiredCount) return;
        break;
      case 'TEST_TRAFFIC_SHIFT':
        lc.testTraffic = 100;
        break;
      case 'PRODUCTION_TRAFFIC_SHIFT':
        lc.productionTraffic = step.productionTraffic ?? 100;
        break;
      case 'CLEAN_UP':
        if (blueLive > 0) return;
        break;
      default:
        break;
    }
    lc.workDoneAtSim ??= sim;
    if (sim < lc.enteredAtSim + STAGE_MS || sim < lc.workDoneAtSim + (step.waitMs ?? 0)) return;
    this.enter(service, dep, lc, lc.index + 1);
  }

  /** A hook failed, timed out or was answered ROLLBACK: production traffic goes back to blue. */
  fail(service: ServiceRecord, dep: DeploymentRecord, reason: string): void {
    const now = this.clock.now();
    dep.rolloutState = 'FAILED';
    dep.rolloutStateReason = reason;
    dep.updatedAt = now;
    this.deployments.addEvent(
      service,
      `(service ${service.name}) (deployment ${dep.id}) deployment failed: ${reason}`,
    );
    const index = service.history.indexOf(dep);
    const previous = service.history[index + 1];
    const rb = previous ? this.deployments.rollBack(service, dep, reason, previous) : undefined;
    if (!rb) {
      if (dep.lifecycle) dep.lifecycle.ended = true;
      dep.halted = true;
      dep.sdStatus = 'ROLLBACK_FAILED';
      dep.sdStatusReason = reason;
      dep.stoppedAt = now;
    }
  }

  /** ContinueServiceDeployment on a hook of `dep`; returns an error message when it cannot. */
  answer(
    service: ServiceRecord,
    dep: DeploymentRecord,
    hookId: string,
    action: 'CONTINUE' | 'ROLLBACK',
  ): string | undefined {
    const hook = dep.lifecycle?.hooks.find((h) => h.hookId === hookId);
    if (!hook) return `The lifecycle hook ${hookId} is not active in this service deployment.`;
    if (hook.status !== 'AWAITING_ACTION')
      return `The lifecycle hook ${hookId} is ${hook.status}, not AWAITING_ACTION.`;
    // The hook has its answer either way; the emulator shows it SUCCEEDED and, for ROLLBACK, the
    // deployment's status shows the rollback.
    hook.status = 'SUCCEEDED';
    if (action === 'ROLLBACK') this.fail(service, dep, `Rollback requested for lifecycle hook ${hookId}.`);
    else
      this.deployments.addEvent(
        service,
        `(service ${service.name}) (deployment ${dep.id}) continued past ${hook.stage}.`,
      );
    return undefined;
  }
}

import type { Rng, SimClock } from '../../clock';
import type {
  ClusterRecord,
  DeploymentRecord,
  ServiceRecord,
  TaskDefinitionRecord,
  TaskRecord,
} from '../../model';
import type { EmulatorState } from '../../state';
import { Deployments } from './deployments';
import { Lifecycle } from './lifecycle';
import {
  Placement,
  type PlacementConstraint,
  type PlacementResult,
  type PlacementStrategy,
} from './placement';
import { RollingUpdate } from './rollingUpdate';
import { TaskLifecycle, type StartTaskOptions, type TaskLifecycleOptions } from './taskLifecycle';

/**
 * The simulation: moves tasks through ECS's lifecycle, keeps services at their desired count,
 * runs rolling updates (minimumHealthyPercent / maximumPercent), trips the deployment circuit
 * breaker and rolls back, and makes running containers write logs. Everything is keyed on
 * simulated time (`clock.simNow()`), advanced by `step()`; no timers live here.
 *
 * This module is the entry point the API handlers and scenarios use; the work is done by
 * taskLifecycle.ts (tasks and their containers' logs, with containers.ts), rollingUpdate.ts (the
 * service scheduler), circuitBreaker.ts, and deployments.ts (deployments, rollbacks, service events).
 */

export { behaviourOf } from './containers';
export type { StartTaskOptions } from './taskLifecycle';
export type EngineOptions = TaskLifecycleOptions;

/** A task started on a schedule, like an EventBridge scheduled rule running a standalone task. */
export interface Schedule {
  cluster: ClusterRecord;
  taskDefinition: TaskDefinitionRecord;
  launchType: string;
  startedBy: string;
  everyMs: number;
  /** Simulated ms each run lasts (its image should be tagged `batch`). */
  runMs?: number;
  nextAt: number;
}

export class Engine {
  private schedules: Schedule[] = [];
  private readonly tasks: TaskLifecycle;
  private readonly deployments: Deployments;
  private readonly scheduler: RollingUpdate;
  /** Blue/green, linear and canary lifecycles (hook outcomes, ContinueServiceDeployment). */
  readonly lifecycle: Lifecycle;
  /** EC2 task placement on container instances. */
  readonly placement: Placement;

  constructor(
    private readonly state: EmulatorState,
    private readonly clock: SimClock,
    rng: Rng,
    options: EngineOptions,
  ) {
    this.tasks = new TaskLifecycle(state, clock, rng, options);
    this.deployments = new Deployments(state, clock, rng);
    this.placement = new Placement(state, rng);
    this.lifecycle = new Lifecycle(clock, rng, this.deployments);
    this.scheduler = new RollingUpdate(
      state,
      clock,
      this.tasks,
      this.deployments,
      this.placement,
      this.lifecycle,
    );
  }

  // ---------------------------------------------------------------- tasks

  /** Creates a task (PROVISIONING for awsvpc, else PENDING; or RUNNING when `running`). */
  startTask(opts: StartTaskOptions): TaskRecord {
    return this.tasks.startTask(opts);
  }

  /** Chooses a container instance for one EC2 task (RunTask, the scheduler, scenarios). */
  place(
    cluster: ClusterRecord,
    taskDefinition: TaskDefinitionRecord,
    group: string,
    constraints: readonly PlacementConstraint[] = [],
    strategy: readonly PlacementStrategy[] = [],
  ): PlacementResult {
    return this.placement.place(cluster, taskDefinition, group, constraints, strategy);
  }

  /** Asks a task to stop (StopTask, scheduler, crash). */
  stopTask(task: TaskRecord, stopCode: string, reason: string): void {
    this.tasks.stopTask(task, stopCode, reason);
  }

  // ---------------------------------------------------------------- services

  /** Adds a service event (newest first, at most 100 kept). */
  addEvent(service: ServiceRecord, message: string): void {
    this.deployments.addEvent(service, message);
  }

  /** Makes a new PRIMARY deployment of `taskDefinitionArn`; the previous ones become ACTIVE. */
  createDeployment(
    service: ServiceRecord,
    taskDefinitionArn: string,
    rollbackOf?: DeploymentRecord,
  ): DeploymentRecord {
    const dep = this.deployments.createDeployment(service, taskDefinitionArn, rollbackOf);
    this.lifecycle.begin(service, dep);
    return dep;
  }

  /** The PRIMARY deployment of a service. */
  primaryOf(service: ServiceRecord): DeploymentRecord | undefined {
    return this.deployments.primaryOf(service);
  }

  /** Rolls a service back to its last completed deployment (circuit breaker or StopServiceDeployment). */
  rollBack(
    service: ServiceRecord,
    failed: DeploymentRecord,
    reason: string,
    target?: DeploymentRecord,
  ): DeploymentRecord | undefined {
    return target
      ? this.deployments.rollBack(service, failed, reason, target)
      : this.deployments.rollBack(service, failed, reason);
  }

  // ---------------------------------------------------------------- time

  /** Processes everything due up to the current simulated time, in steps of at most 500 ms. */
  step(fromSim: number): void {
    const to = this.clock.simNow();
    let at = Math.min(to, fromSim + 500);
    for (;;) {
      this.stepAt(at);
      if (at >= to) break;
      at = Math.min(to, at + 500);
    }
  }

  /** Starts a standalone task every `everyMs` simulated ms, the first one `firstInMs` from now. */
  addSchedule(schedule: Omit<Schedule, 'nextAt'>, firstInMs: number): void {
    this.schedules.push({ ...schedule, nextAt: this.clock.simNow() + firstInMs });
  }

  private stepAt(sim: number): void {
    const now = this.clock.now();
    for (const s of this.schedules) {
      if (s.nextAt > sim || s.cluster.status !== 'ACTIVE') continue;
      s.nextAt = sim + s.everyMs;
      this.tasks.startTask({
        cluster: s.cluster,
        taskDefinition: s.taskDefinition,
        launchType: s.launchType,
        group: `family:${s.taskDefinition.family}`,
        startedBy: s.startedBy,
        ...(s.runMs !== undefined ? { exitAfterMs: s.runMs } : {}),
      });
    }
    for (const task of this.state.liveTasks.values()) this.tasks.step(task, sim, now);
    for (const service of this.state.services.values()) this.scheduler.reconcile(service);
    this.tasks.expireStopped(sim);
  }

  /** Forgets bookkeeping (admin reset). */
  clear(): void {
    this.tasks.clear();
    this.schedules = [];
  }
}

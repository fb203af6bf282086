import type { SimClock } from '../../clock';
import type { DeploymentRecord, ServiceRecord, TaskRecord } from '../../model';
import type { EmulatorState } from '../../state';
import { noteHealthyTasks, tripCircuitBreaker } from './circuitBreaker';
import type { Deployments } from './deployments';
import { lifecycleDone, mayCleanUp, mayScaleUp, type Lifecycle } from './lifecycle';
import { placementFailureEvent, type Placement } from './placement';
import type { TaskLifecycle } from './taskLifecycle';

/**
 * The service scheduler: keeps a service at its desired count and runs rolling updates. New tasks of
 * the PRIMARY deployment start while the total stays within maximumPercent; old tasks stop while the
 * healthy ones stay at or above minimumHealthyPercent; a DRAINING service stops all its tasks. When
 * only the PRIMARY deployment is left, with all its tasks healthy, the rollout is COMPLETED and the
 * service announces its steady state.
 */
export class RollingUpdate {
  constructor(
    private readonly state: EmulatorState,
    private readonly clock: SimClock,
    private readonly tasks: TaskLifecycle,
    private readonly deployments: Deployments,
    private readonly placement: Placement,
    private readonly lifecycle: Lifecycle,
  ) {}

  /** The task runs on a DRAINING container instance: the scheduler replaces it. */
  private onDrainingInstance(task: TaskRecord): boolean {
    if (task.containerInstanceArn === undefined) return false;
    return this.state.containerInstances.get(task.containerInstanceArn)?.status === 'DRAINING';
  }

  private isHealthy(task: TaskRecord): boolean {
    return task.lastStatus === 'RUNNING' && task.desiredStatus === 'RUNNING' && task.becameHealthy;
  }

  /** Nothing to do: steady state announced, the desired tasks all healthy, no other deployment. */
  private isSettled(service: ServiceRecord): boolean {
    if (service.status !== 'ACTIVE' || !service.steadyAnnounced) return false;
    if (service.taskArns.size !== service.desiredCount) return false;
    const primary = service.history[0];
    if (primary?.status !== 'PRIMARY' || primary.rolloutState === 'IN_PROGRESS') return false;
    for (let i = 1; i < service.history.length; i++)
      if (service.history[i]?.status === 'ACTIVE') return false;
    for (const arn of service.taskArns) {
      const t = this.state.tasks.get(arn);
      if (!t || !this.isHealthy(t) || t.deploymentId !== primary.id || this.onDrainingInstance(t))
        return false;
    }
    return true;
  }

  /** Moves a service one step towards its desired state (see the header). */
  reconcile(service: ServiceRecord): void {
    if (service.status === 'INACTIVE' || this.isSettled(service)) return;
    const all: TaskRecord[] = [];
    for (const arn of service.taskArns) {
      const t = this.state.tasks.get(arn);
      if (t) all.push(t);
    }
    const active = all.filter((t) => t.desiredStatus === 'RUNNING');
    const now = this.clock.now();
    if (service.status === 'DRAINING') {
      const dep = this.deployments.primaryOf(service);
      for (const t of active)
        this.tasks.stopTask(
          t,
          'ServiceSchedulerInitiated',
          `Scaling activity initiated by (deployment ${dep?.id ?? 'unknown'})`,
        );
      if (service.taskArns.size === 0) {
        service.status = 'INACTIVE';
        for (const d of service.history) if (d.status !== 'INACTIVE') d.status = 'INACTIVE';
      }
      this.updateCounts(service, all);
      return;
    }
    const primary = this.deployments.primaryOf(service);
    if (!primary) return;
    const cfg = service.deploymentConfiguration;
    const desired = service.desiredCount;
    primary.desiredCount = desired;

    noteHealthyTasks(
      cfg,
      primary,
      active.filter((t) => t.deploymentId === primary.id && this.isHealthy(t)).length,
    );
    if (tripCircuitBreaker(this.deployments, service, primary, now)) {
      this.reconcile(service);
      return;
    }

    // Tasks on a DRAINING container instance are replaced like an old deployment's: new ones start
    // within maximumPercent, the drained ones stop while minimumHealthyPercent holds
    // ("Draining Amazon ECS container instances", developer guide).
    const primaryTasks = active.filter((t) => t.deploymentId === primary.id && !this.onDrainingInstance(t));
    const oldTasks = active.filter((t) => t.deploymentId !== primary.id || this.onDrainingInstance(t));
    const maxTotal = Math.floor((desired * cfg.maximumPercent) / 100);
    const minHealthy = Math.ceil((desired * cfg.minimumHealthyPercent) / 100);
    const started: TaskRecord[] = [];
    const stopped: TaskRecord[] = [];
    const stop = (t: TaskRecord): void => {
      this.tasks.stopTask(
        t,
        'ServiceSchedulerInitiated',
        `Scaling activity initiated by (deployment ${primary.id})`,
      );
      stopped.push(t);
    };
    // Blue/green, linear, canary (sim/lifecycle.ts): green starts its whole desired count from
    // SCALE_UP on, beside blue; blue stops only in CLEAN_UP.
    const lc = primary.lifecycle && !primary.lifecycle.ended ? primary.lifecycle : undefined;
    if (lc) {
      const greenHealthy = primaryTasks.filter((t) => this.isHealthy(t)).length;
      this.lifecycle.advance(service, primary, greenHealthy, oldTasks.length);
      if (primary.status !== 'PRIMARY' || lc.ended) {
        this.reconcile(service);
        return;
      }
    }
    const cluster = this.state.clusters.get(service.clusterArn);
    const td = this.state.taskDefinitions.get(primary.taskDefinitionArn);
    if (!primary.halted && cluster && td) {
      if (primaryTasks.length > desired) {
        const extras = [...primaryTasks].sort(
          (a, b) => Number(this.isHealthy(a)) - Number(this.isHealthy(b)),
        );
        for (const t of extras.slice(0, primaryTasks.length - desired)) stop(t);
      } else if (primaryTasks.length < desired && (!lc || mayScaleUp(lc))) {
        const room =
          oldTasks.length === 0 || lc
            ? desired - primaryTasks.length
            : Math.min(desired - primaryTasks.length, Math.max(0, maxTotal - active.length));
        const launchType = service.launchType ?? 'EC2';
        const group = `service:${service.name}`;
        for (let i = 0; i < room; i++) {
          let containerInstance;
          if (launchType === 'EC2') {
            const placed = this.placement.place(
              cluster,
              td,
              group,
              service.placementConstraints,
              service.placementStrategy,
            );
            if (!placed.instance) {
              const message = placementFailureEvent(service.name, placed);
              if (service.events[0]?.message !== message) this.deployments.addEvent(service, message);
              break;
            }
            containerInstance = placed.instance;
          }
          started.push(
            this.tasks.startTask({
              cluster,
              taskDefinition: td,
              launchType,
              group,
              startedBy: primary.id,
              service,
              deployment: primary,
              tags: service.propagateTags === 'SERVICE' ? service.tags : [],
              ...(containerInstance ? { containerInstance } : {}),
            }),
          );
        }
      }
      let healthy = active.filter((t) => this.isHealthy(t) && !stopped.includes(t)).length;
      const oldByHealth = [...oldTasks].sort((a, b) => Number(this.isHealthy(a)) - Number(this.isHealthy(b)));
      for (const t of lc && !mayCleanUp(lc) ? [] : oldByHealth) {
        if (lc) stop(t);
        else if (!this.isHealthy(t)) stop(t);
        else if (healthy > minHealthy) {
          stop(t);
          healthy--;
        }
      }
    }
    if (started.length > 0) {
      this.deployments.addEvent(
        service,
        `(service ${service.name}) has started ${started.length} tasks: ${started.map((t) => `(task ${t.id})`).join(' ')}.`,
      );
    }
    const stoppedRunning = stopped.filter((t) => t.startedAt !== undefined);
    if (stoppedRunning.length > 0) {
      this.deployments.addEvent(
        service,
        `(service ${service.name}) has stopped ${stoppedRunning.length} running tasks: ${stoppedRunning.map((t) => `(task ${t.id})`).join(' ')}.`,
      );
    }
    if (started.length > 0 || stopped.length > 0) service.steadyAnnounced = false;
    for (const t of started) all.push(t);

    // Retire old deployments whose tasks are all gone.
    for (const d of service.history) {
      if (d.status !== 'ACTIVE') continue;
      if (all.some((t) => t.deploymentId === d.id && t.lastStatus !== 'STOPPED')) continue;
      d.status = 'INACTIVE';
      d.updatedAt = now;
      if (d.sdStatus === 'ROLLBACK_IN_PROGRESS') continue; // settled when the rollback completes
    }
    this.updateCounts(service, all);

    const live = service.history.filter((d) => d.status !== 'INACTIVE');
    const primaryHealthy = all.filter((t) => t.deploymentId === primary.id && this.isHealthy(t)).length;
    const settled =
      live.length === 1 &&
      primaryHealthy === desired &&
      service.taskArns.size === desired &&
      (!lc || lifecycleDone(lc));
    this.checkEarlySuccess(service, primary, primaryHealthy, live.length, now);
    if (settled && primary.rolloutState === 'IN_PROGRESS') {
      primary.rolloutState = 'COMPLETED';
      primary.rolloutStateReason = `ECS deployment ${primary.id} completed.`;
      primary.updatedAt = now;
      primary.finishedAt = now;
      primary.sdStatus = 'SUCCESSFUL';
      this.deployments.addEvent(
        service,
        `(service ${service.name}) (deployment ${primary.id}) deployment completed.`,
      );
      if (primary.rollbackOf) {
        const failed = service.history.find((d) => d.id === primary.rollbackOf);
        if (failed) {
          failed.sdStatus = 'ROLLBACK_SUCCESSFUL';
          failed.finishedAt = now;
        }
      }
    }
    if (settled && !service.steadyAnnounced && primary.rolloutState !== 'IN_PROGRESS') {
      service.steadyAnnounced = true;
      this.deployments.addEvent(service, `(service ${service.name}) has reached a steady state.`);
    }
  }

  /**
   * Early success criteria (ROLLING only; DeploymentEarlySuccessCriteria): the deployment succeeds
   * once `healthyPercent` of the desired count is healthy — after the old tasks are gone with
   * BLOCKING cleanup, at once with DEFERRED — and the scheduler goes on to 100 % in the background.
   */
  private checkEarlySuccess(
    service: ServiceRecord,
    primary: DeploymentRecord,
    healthy: number,
    liveDeployments: number,
    now: number,
  ): void {
    const early = primary.deploymentConfiguration.earlySuccessCriteria;
    if (!early?.enable || primary.lifecycle || primary.rolloutState !== 'IN_PROGRESS') return;
    const needed = Math.ceil(((early.healthyPercent ?? 100) * service.desiredCount) / 100);
    if (healthy < needed) return;
    if (early.sourceServiceRevisionCleanup !== 'DEFERRED' && liveDeployments > 1) return;
    primary.rolloutState = 'COMPLETED';
    primary.rolloutStateReason = `ECS deployment ${primary.id} completed (early success criteria met).`;
    primary.updatedAt = now;
    primary.finishedAt = now;
    primary.sdStatus = 'SUCCESSFUL';
    primary.earlySuccess = true;
    this.deployments.addEvent(
      service,
      `(service ${service.name}) (deployment ${primary.id}) deployment completed.`,
    );
  }

  private updateCounts(service: ServiceRecord, all: readonly TaskRecord[]): void {
    for (const d of service.history) {
      if (d.status === 'INACTIVE') continue;
      const mine = all.filter((t) => t.deploymentId === d.id && t.desiredStatus === 'RUNNING');
      const running = mine.filter((t) => t.lastStatus === 'RUNNING').length;
      const pending = mine.length - running;
      if (d.status !== 'PRIMARY') d.desiredCount = mine.length;
      d.runningCount = running;
      d.pendingCount = pending;
    }
  }
}

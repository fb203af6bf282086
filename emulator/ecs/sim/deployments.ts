import type { Rng, SimClock } from '../../clock';
import type { DeploymentRecord, ServiceRecord } from '../../model';
import type { EmulatorState } from '../../state';

/**
 * A service's deployments and events: a new PRIMARY deployment per task definition change (the
 * previous ones become ACTIVE and drain), rollbacks to the last completed deployment, and the
 * service events ECS writes about them (newest first).
 */

const MAX_EVENTS = 100;

export class Deployments {
  constructor(
    private readonly state: EmulatorState,
    private readonly clock: SimClock,
    private readonly rng: Rng,
  ) {}

  /** Adds a service event (newest first, at most 100 kept). */
  addEvent(service: ServiceRecord, message: string): void {
    service.events.unshift({ id: this.rng.uuid(), createdAt: this.clock.now(), message });
    if (service.events.length > MAX_EVENTS) service.events.length = MAX_EVENTS;
  }

  /** Makes a new PRIMARY deployment of `taskDefinitionArn`; the previous ones become ACTIVE. */
  createDeployment(
    service: ServiceRecord,
    taskDefinitionArn: string,
    rollbackOf?: DeploymentRecord,
  ): DeploymentRecord {
    const now = this.clock.now();
    const live = service.history.filter((d) => d.status !== 'INACTIVE');
    for (const d of live) {
      if (d.status === 'PRIMARY') {
        d.status = 'ACTIVE';
        d.updatedAt = now;
        if (d.sdStatus === 'IN_PROGRESS' || d.sdStatus === 'PENDING') {
          d.sdStatus = 'STOPPED';
          d.sdStatusReason = 'Superseded by a newer service deployment.';
          d.stoppedAt = now;
        }
      }
    }
    const id = this.state.deploymentId();
    const fargate = service.launchType === 'FARGATE';
    const dep: DeploymentRecord = {
      id,
      status: 'PRIMARY',
      taskDefinitionArn,
      desiredCount: service.desiredCount,
      runningCount: 0,
      pendingCount: 0,
      failedTasks: 0,
      createdAt: now,
      updatedAt: now,
      rolloutState: 'IN_PROGRESS',
      rolloutStateReason: `ECS deployment ${id} in progress.`,
      ...(service.launchType !== undefined ? { launchType: service.launchType } : {}),
      ...(fargate ? { platformVersion: '1.4.0' } : {}),
      ...(service.networkConfiguration ? { networkConfiguration: service.networkConfiguration } : {}),
      halted: false,
      ...(rollbackOf ? { rollbackOf: rollbackOf.id } : {}),
      serviceDeploymentArn: this.state.serviceDeploymentArn(service.clusterName, service.name),
      serviceRevisionArn: this.state.serviceRevisionArn(service.clusterName, service.name),
      sourceServiceRevisionArns: live.map((d) => d.serviceRevisionArn),
      sdStatus: 'IN_PROGRESS',
      startedAt: now,
      deploymentConfiguration: structuredClone(service.deploymentConfiguration),
    };
    service.history.unshift(dep);
    service.taskDefinitionArn = taskDefinitionArn;
    service.steadyAnnounced = false;
    return dep;
  }

  /** The PRIMARY deployment of a service. */
  primaryOf(service: ServiceRecord): DeploymentRecord | undefined {
    return service.history.find((d) => d.status === 'PRIMARY');
  }

  /** The deployment the circuit breaker rolls back to: the last one that COMPLETED. */
  lastCompleted(service: ServiceRecord, failed: DeploymentRecord): DeploymentRecord | undefined {
    return service.history.find((d) => d !== failed && d.rolloutState === 'COMPLETED' && !d.rollbackOf);
  }

  /**
   * Rolls a service back from `failed` to `target` (default: its last completed deployment, as the
   * circuit breaker does; StopServiceDeployment passes the previous service revision). Nothing
   * changes when there is no target.
   */
  rollBack(
    service: ServiceRecord,
    failed: DeploymentRecord,
    reason: string,
    target: DeploymentRecord | undefined = this.lastCompleted(service, failed),
  ): DeploymentRecord | undefined {
    if (!target) return undefined;
    const now = this.clock.now();
    failed.sdStatus = 'ROLLBACK_IN_PROGRESS';
    failed.rollback = { reason, startedAt: now, serviceRevisionArn: target.serviceRevisionArn };
    const rb = this.createDeployment(service, target.taskDefinitionArn, failed);
    // createDeployment marks superseded deployments STOPPED; the failed one is rolling back instead.
    failed.sdStatus = 'ROLLBACK_IN_PROGRESS';
    delete failed.sdStatusReason;
    delete failed.stoppedAt;
    rb.serviceRevisionArn = target.serviceRevisionArn;
    if (failed.lifecycle) {
      // Blue/green, linear, canary: the old revision's tasks still run and take production traffic
      // back at once; they become the rollback deployment's, and the green tasks drain.
      failed.lifecycle.ended = true;
      failed.lifecycle.productionTraffic = 0;
      failed.lifecycle.testTraffic = 0;
      for (const arn of service.taskArns) {
        const t = this.state.tasks.get(arn);
        if (t && t.deploymentId === target.id && t.desiredStatus === 'RUNNING') t.deploymentId = rb.id;
      }
    }
    this.addEvent(service, `(service ${service.name}) rolling back to deployment ${target.id}.`);
    return rb;
  }
}

import type { DeploymentRecord, ServiceRecord } from '../../model';
import type { Deployments } from './deployments';

/**
 * The deployment circuit breaker: an IN_PROGRESS deployment fails once as many of its tasks failed
 * as the threshold ECS documents (half the desired count, at least 3, at most 200). With `rollback`
 * the service rolls back to its last completed deployment; otherwise (or with none to go back to)
 * the deployment halts. Returns whether it tripped, in which case the scheduler starts over.
 */
export function tripCircuitBreaker(
  deployments: Deployments,
  service: ServiceRecord,
  primary: DeploymentRecord,
  now: number,
): boolean {
  const cfg = service.deploymentConfiguration;
  const desired = service.desiredCount;
  const threshold = Math.min(200, Math.max(3, Math.ceil(0.5 * desired)));
  if (
    primary.rolloutState !== 'IN_PROGRESS' ||
    !cfg.deploymentCircuitBreaker.enable ||
    primary.failedTasks < threshold
  )
    return false;
  primary.rolloutState = 'FAILED';
  primary.rolloutStateReason = 'ECS deployment circuit breaker: tasks failed to start.';
  primary.updatedAt = now;
  deployments.addEvent(
    service,
    `(service ${service.name}) (deployment ${primary.id}) deployment failed: tasks failed to start.`,
  );
  const rb = cfg.deploymentCircuitBreaker.rollback
    ? deployments.rollBack(service, primary, 'Circuit breaker triggered rollback')
    : undefined;
  if (!rb) {
    primary.halted = true;
    primary.sdStatus = primary.rollbackOf ? 'ROLLBACK_FAILED' : 'STOPPED';
    primary.sdStatusReason = 'ECS deployment circuit breaker: tasks failed to start.';
    primary.stoppedAt = now;
  }
  return true;
}

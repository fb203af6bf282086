import type { DeploymentConfiguration, DeploymentRecord, ServiceRecord } from '../../model';
import type { Deployments } from './deployments';

/**
 * The failure threshold of the deployment circuit breaker (ThresholdConfiguration, API reference):
 * BOUNDED_PERCENT (the default, value 50) is value % of the desired count clamped to 3..200;
 * UNBOUNDED_PERCENT is the same without the clamp; COUNT is the value itself.
 */
export function circuitBreakerThreshold(cfg: DeploymentConfiguration, desired: number): number {
  const t = cfg.deploymentCircuitBreaker.thresholdConfiguration ?? { type: 'BOUNDED_PERCENT', value: 50 };
  const scaled = Math.ceil((t.value * desired) / 100);
  if (t.type === 'COUNT') return t.value;
  if (t.type === 'UNBOUNDED_PERCENT') return Math.max(1, scaled);
  return Math.min(200, Math.max(3, scaled));
}

/** The breaker's failure count: failures since the last reset (resetOnHealthyTask, default true). */
export function circuitBreakerFailures(d: DeploymentRecord): number {
  return d.failedTasks - (d.cbResetBase ?? 0);
}

/**
 * Notes the deployment's healthy tasks: with `resetOnHealthyTask` (DeploymentCircuitBreaker: "a task
 * that reaches a healthy state resets the failure count to 0"; default true) a newly healthy task
 * resets the count.
 */
export function noteHealthyTasks(cfg: DeploymentConfiguration, d: DeploymentRecord, healthy: number): void {
  if (healthy > (d.cbHealthySeen ?? 0)) {
    if (cfg.deploymentCircuitBreaker.resetOnHealthyTask !== false) d.cbResetBase = d.failedTasks;
    d.cbHealthySeen = healthy;
  }
}

/**
 * The deployment circuit breaker: an IN_PROGRESS deployment fails once its failure count reaches the
 * threshold. With `rollback` the service rolls back to its last completed deployment; otherwise (or
 * with none to go back to) the deployment halts. Returns whether it tripped, in which case the
 * scheduler starts over.
 */
export function tripCircuitBreaker(
  deployments: Deployments,
  service: ServiceRecord,
  primary: DeploymentRecord,
  now: number,
): boolean {
  const cfg = service.deploymentConfiguration;
  const threshold = circuitBreakerThreshold(cfg, service.desiredCount);
  if (
    primary.rolloutState !== 'IN_PROGRESS' ||
    !cfg.deploymentCircuitBreaker.enable ||
    circuitBreakerFailures(primary) < threshold
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

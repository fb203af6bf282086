/**
 * Health at a glance, as k9s and the ECS console show it: every service and cluster is healthy,
 * deploying, degraded or failing, from its counts, its deployments (rollout state, circuit
 * breaker, `failedTasks`) and the failed tasks seen in the last 15 minutes. What is failing must
 * never look like a normal rollout. Pure: no vscode, the clock passed in.
 */
import { isDeploying, type Service, type Task } from '../../aws/gateway';

export type Health = 'healthy' | 'deploying' | 'degraded' | 'failing' | 'inactive';

export interface HealthVerdict {
  readonly health: Health;
  /** Failed tasks: the deployments' `failedTasks`, or those seen stopping in the window if more. */
  readonly failed: number;
  /** Why, in one sentence, for the tooltip ("" when healthy). */
  readonly reason: string;
}

/** Failed tasks older than this no longer make a service look failing. */
export const FAILURE_WINDOW_MS = 15 * 60 * 1000;
/** As many failures as the circuit breaker's smallest threshold make a service failing. */
const FAILING_AT = 3;

/** What a stopped task tells about failure, in the shape both live and remembered rows have. */
export interface StopFacts {
  readonly stoppedAt?: Date;
  readonly stopCode?: string;
  readonly exitCode?: number;
}

/** The first non-zero exit code of a task's containers. */
export function exitCodeOf(t: Task): number | undefined {
  return t.containers.find((c) => c.exitCode !== undefined && c.exitCode !== 0)?.exitCode;
}

/** A task that failed, rather than one stopped on purpose (scale-in, deploy, StopTask). */
export function isFailedStop(t: StopFacts): boolean {
  if (t.stopCode === 'TaskFailedToStart') return true;
  return t.exitCode !== undefined && t.exitCode !== 0;
}

export const RANK: Readonly<Record<Health, number>> = {
  inactive: 0,
  healthy: 1,
  deploying: 2,
  degraded: 3,
  failing: 4,
};

/** The worst of several verdicts (a cluster is as healthy as its worst service). */
export function worst(verdicts: readonly HealthVerdict[]): HealthVerdict {
  let w: HealthVerdict = { health: 'healthy', failed: 0, reason: '' };
  let failed = 0;
  for (const v of verdicts) {
    failed += v.failed;
    if (RANK[v.health] > RANK[w.health]) w = v;
  }
  return { ...w, failed };
}

export function serviceHealth(
  s: Service,
  recent: readonly StopFacts[] = [],
  now: number = Date.now(),
): HealthVerdict {
  if (s.status !== 'ACTIVE') return { health: 'inactive', failed: 0, reason: `${s.status}` };
  const live = s.deployments.filter((d) => d.status !== 'INACTIVE');
  const counted = live.reduce((sum, d) => sum + d.failedTasks, 0);
  const windowed = recent.filter(
    (t) => isFailedStop(t) && t.stoppedAt && now - t.stoppedAt.getTime() <= FAILURE_WINDOW_MS,
  ).length;
  const failed = Math.max(counted, windowed);
  const short = s.runningCount < s.desiredCount;
  const counts = `${s.runningCount}/${s.desiredCount} running`;
  const failedRollout = live.find((d) => d.rolloutState === 'FAILED');
  if (failedRollout) {
    return {
      health: 'failing',
      failed,
      reason: `Rollout failed: ${failedRollout.rolloutStateReason ?? 'deployment failed'} (${counts}).`,
    };
  }
  const tasks = `${failed} task${failed === 1 ? '' : 's'} failed`;
  if (failed >= FAILING_AT && short) {
    return { health: 'failing', failed, reason: `${tasks}; only ${counts}: tasks keep stopping.` };
  }
  if (failed > 0 && s.runningCount === 0 && s.desiredCount > 0) {
    return { health: 'failing', failed, reason: `${tasks}; no task is running.` };
  }
  if (failed > 0) return { health: 'degraded', failed, reason: `${tasks} recently (${counts}).` };
  const unplaced = unplacedEvent(s, now);
  if (short && unplaced) {
    return {
      health: s.runningCount === 0 ? 'failing' : 'degraded',
      failed,
      reason: `${counts}: ECS ${unplaced}`,
    };
  }
  if (isDeploying(s)) return { health: 'deploying', failed, reason: `Deploying (${counts}).` };
  if (short) return { health: 'degraded', failed, reason: `Below the desired count: ${counts}.` };
  return { health: 'healthy', failed, reason: '' };
}

/**
 * ECS says a task cannot be placed only in a service event ("(service NAME) was unable to place a
 * task because no container instance met all of its requirements. ...", Amazon ECS service event
 * messages): the newest event, when it says so and is recent, with the service name left out.
 */
function unplacedEvent(s: Service, now: number): string | undefined {
  const newest = s.events?.[0];
  if (!newest || !/ was unable to place a task\b/.test(newest.message)) return undefined;
  if (newest.createdAt && now - newest.createdAt.getTime() > FAILURE_WINDOW_MS) return undefined;
  return newest.message.replace(`(service ${s.name}) `, '');
}

/** What a rollout watch reports (its state) and takes (its options). */
import type { DeploymentView, ServiceEventView, TaskView } from './types';

export type RolloutPhase =
  | 'starting'
  | 'inProgress'
  /** The followed deployment failed and ECS is bringing the previous revision back: still watched. */
  | 'rollingBack'
  | 'completed'
  | 'failed'
  | 'superseded'
  | 'stopped'
  | 'error';

export interface RolloutState {
  cluster: string;
  service: string;
  phase: RolloutPhase;
  /** One line on where things stand (also the final message). */
  message: string;
  /** When ended: how, in one short line ("Rolled back to web:1 after circuit breaker: 3 tasks failed (exit 1)"). */
  outcome?: string;
  /** The deployment followed: the one a deploy started, or the PRIMARY one at the start. */
  deploymentId?: string;
  taskDefinition?: string;
  deployments: DeploymentView[];
  rolloutState?: string;
  rolloutStateReason?: string;
  desiredCount: number;
  runningCount: number;
  pendingCount: number;
  /** Events seen during the watch, oldest first. */
  events: ServiceEventView[];
  /** Tasks seen stopped during the watch, kept even after ECS forgets them. */
  stoppedTasks: TaskView[];
  circuitBreakerTripped: boolean;
  /** The deployment that brought the previous revision back, when ECS rolled back. */
  rollback?: { deploymentId: string; taskDefinition: string };
  /** Set while the last poll failed and the watcher is retrying. */
  connectionProblem?: { message: string; attempt: number; retryInMs: number };
  polls: number;
  startedAt: Date;
  endedAt?: Date;
}

export interface RolloutWatchOptions {
  cluster: string;
  service: string;
  /** Poll interval (default 5,000 ms). */
  intervalMs?: number;
  /** Follow this deployment (e.g. the one UpdateService just started). Default: PRIMARY at the start. */
  deploymentId?: string;
  /** Follow the PRIMARY deployment running this task definition, when the id is not known. */
  taskDefinition?: string;
  /** Events created before this are context, not news (default: the 5 latest are shown). */
  since?: Date;
  /** Upper bound of the backoff after failed polls (default 60 s). */
  maxBackoffMs?: number;
  /** Polls to wait for the rollback deployment after a circuit-breaker trip (default 3). */
  rollbackGracePolls?: number;
  /** Polls to follow a rollback to its end before reporting it as still going (default 360: 30 min at 5 s). */
  rollbackFollowPolls?: number;
}

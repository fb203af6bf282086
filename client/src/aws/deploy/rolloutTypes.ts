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

export interface RolloutState extends ServiceDeploymentFields {
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
  /**
   * What a rollout that completes means, when the user started it for a reason the rollout itself
   * cannot show (a rollback: "Rolled back to web:3 (you stopped web:4)"): its outcome line.
   */
  completedOutcome?: string;
  /** Polls to follow a rollback to its end before reporting it as still going (default 360: 30 min at 5 s). */
  rollbackFollowPolls?: number;
}

/** What the Rollouts view holds: a classic {@link RolloutState} watch or a service deployment watch. */
export interface RolloutTracker {
  readonly state: RolloutState;
  readonly stopped: boolean;
  readonly done: Promise<RolloutState>;
  onChange(listener: (state: RolloutState) => void): () => void;
  stop(): void;
}

/** A lifecycle stage as a service deployment watch saw it pass. */
export interface StageView {
  stage: string;
  /** When the watch first saw the stage (absent when it passed between two polls). */
  enteredAt?: Date;
  leftAt?: Date;
  observed: boolean;
}

/** A lifecycle hook of the current stage (DescribeServiceDeployments' lifecycleHookDetails). */
export interface HookView {
  hookId: string;
  targetType: string;
  targetArn?: string;
  status: string;
  expiresAt?: Date;
  timeoutAction?: string;
}

/** What the service deployments API says about the deployment followed. */
export interface ServiceDeploymentProgress {
  arn: string;
  /** ServiceDeploymentStatus: PENDING, IN_PROGRESS, SUCCESSFUL, STOPPED, ROLLBACK_… */
  status: string;
  statusReason?: string;
  /** ROLLING, BLUE_GREEN, LINEAR or CANARY. */
  strategy: string;
  stages: StageView[];
  hooks: HookView[];
  /** A PAUSE hook waiting for ContinueServiceDeployment. */
  pausedHook?: HookView;
  /** Production traffic on the new revision at each step seen, in order. */
  trafficSteps: number[];
  /** LINEAR: step k of n; CANARY: 'canary' then 'rest'. */
  step?: { index: number; of: number; label: string };
  circuitBreaker?: { status: string; failureCount: number; threshold: number };
  alarms?: { status: string; alarmNames: string[]; triggeredAlarmNames: string[] };
  rollback?: { reason?: string; startedAt?: Date; serviceRevisionArn?: string };
  targetRevisionArn?: string;
}

/** The extra fields a service deployment watch adds to {@link RolloutState}. */
export interface ServiceDeploymentFields {
  /** The lifecycle stage now (blue/green, linear, canary). */
  stage?: string;
  /** BAKE_TIME: how long until the old revision goes (estimated from when the stage was seen). */
  bakeRemainingMs?: number;
  /** Production traffic (percent) on the new revision. */
  trafficPercent?: number;
  testTrafficPercent?: number;
  serviceDeployment?: ServiceDeploymentProgress;
  /** The watch fell back to DescribeServices (no service deployments API at this endpoint). */
  fallback?: string;
}

/** One row of ListServiceDeployments. */
export interface ServiceDeploymentBrief {
  arn: string;
  status: string;
  createdAt?: Date;
  targetRevisionArn?: string;
}

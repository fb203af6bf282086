/**
 * The emulator's state: plain records for clusters, task definitions, services (with their
 * deployments), tasks (with their containers) and log groups. API handlers turn requests into
 * changes of these records and records into AWS response shapes; the simulation engine moves them
 * through time. Timestamps are epoch milliseconds (ECS responses convert them to epoch seconds).
 */

/** A JSON value as parsed from a request body. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
/** A JSON object. */
export type JsonObject = { [key: string]: Json };

export type Tag = { key: string; value: string };

export interface ClusterRecord {
  arn: string;
  name: string;
  status: 'ACTIVE' | 'INACTIVE';
  createdAt: number;
  tags: Tag[];
  settings: { name: string; value: string }[];
  capacityProviders: string[];
  defaultCapacityProviderStrategy: Json[];
  /** UpdateCluster's `configuration` and `serviceConnectDefaults`, as given. */
  configuration?: JsonObject;
  serviceConnectDefaults?: JsonObject;
}

/** A name/value attribute of a container instance (`ecs.instance-type`, custom ones). */
export interface AttributeRecord {
  name: string;
  value?: string;
}

/**
 * An EC2 instance registered to a cluster (scenario data: the emulator has no EC2). What its
 * tasks reserve is computed from the live tasks placed on it.
 */
export interface ContainerInstanceRecord {
  arn: string;
  id: string;
  clusterArn: string;
  ec2InstanceId: string;
  status: 'ACTIVE' | 'DRAINING';
  agentConnected: boolean;
  /** CPU units (1024 per vCPU) and MiB the instance offers to tasks. */
  registeredCpu: number;
  registeredMemory: number;
  /** TCP host ports the agent reserves (22, 2375, 2376, 51678, 51679 by default). */
  reservedPorts: number[];
  attributes: AttributeRecord[];
  registeredAt: number;
  version: number;
  tags: Tag[];
}

export interface TaskDefinitionRecord {
  arn: string;
  family: string;
  revision: number;
  status: 'ACTIVE' | 'INACTIVE' | 'DELETE_IN_PROGRESS';
  /** The task definition as DescribeTaskDefinition shows it, without the timestamps. */
  body: JsonObject;
  registeredAt: number;
  deregisteredAt?: number;
  tags: Tag[];
}

export type DeploymentRolloutState = 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';
export type ServiceDeploymentStatus =
  | 'PENDING'
  | 'IN_PROGRESS'
  | 'SUCCESSFUL'
  | 'STOPPED'
  | 'STOP_REQUESTED'
  | 'ROLLBACK_REQUESTED'
  | 'ROLLBACK_IN_PROGRESS'
  | 'ROLLBACK_SUCCESSFUL'
  | 'ROLLBACK_FAILED';

/**
 * One deployment of a service: both the `deployments[]` entry of DescribeServices (PRIMARY /
 * ACTIVE / INACTIVE) and the service deployment of ListServiceDeployments.
 */
export interface DeploymentRecord {
  /** `ecs-svc/` + 19 digits. */
  id: string;
  status: 'PRIMARY' | 'ACTIVE' | 'INACTIVE';
  taskDefinitionArn: string;
  desiredCount: number;
  runningCount: number;
  pendingCount: number;
  failedTasks: number;
  createdAt: number;
  updatedAt: number;
  rolloutState: DeploymentRolloutState;
  rolloutStateReason: string;
  launchType?: string;
  platformVersion?: string;
  networkConfiguration?: JsonObject;
  /** The deployment stopped launching tasks (circuit breaker without rollback, or stopped). */
  halted: boolean;
  /** Set on a rollback deployment: the failed deployment it rolls back. */
  rollbackOf?: string;
  // Service deployment (ListServiceDeployments) view.
  serviceDeploymentArn: string;
  serviceRevisionArn: string;
  sourceServiceRevisionArns: string[];
  sdStatus: ServiceDeploymentStatus;
  sdStatusReason?: string;
  startedAt: number;
  finishedAt?: number;
  stoppedAt?: number;
  rollback?: { reason: string; startedAt: number; serviceRevisionArn: string };
  deploymentConfiguration: DeploymentConfiguration;
  /** BLUE_GREEN, LINEAR and CANARY deployments: where they are in their lifecycle (sim/lifecycle.ts). */
  lifecycle?: LifecycleRun;
  /** Circuit breaker: `failedTasks` when the failure count was last reset (resetOnHealthyTask). */
  cbResetBase?: number;
  /** Circuit breaker: healthy tasks of this deployment seen at the last reset. */
  cbHealthySeen?: number;
  /** Early success criteria met (ROLLING): the deployment SUCCEEDED while the scheduler goes on. */
  earlySuccess?: boolean;
}

/**
 * The documented lifecycle stages (ServiceDeploymentLifecycleStage), in the order ECS runs them.
 * The client's watcher keeps its own copy (client/src/aws/deploy/serviceDeploymentStages.ts);
 * test/unit/emulator/agreesWithClient.test.ts checks that the two agree.
 */
export const LIFECYCLE_STAGES = [
  'RECONCILE_SERVICE',
  'PRE_SCALE_UP',
  'SCALE_UP',
  'POST_SCALE_UP',
  'TEST_TRAFFIC_SHIFT',
  'POST_TEST_TRAFFIC_SHIFT',
  'PRE_PRODUCTION_TRAFFIC_SHIFT',
  'PRODUCTION_TRAFFIC_SHIFT',
  'POST_PRODUCTION_TRAFFIC_SHIFT',
  'BAKE_TIME',
  'CLEAN_UP',
] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

/** One step of a deployment's plan: a stage, the production traffic it shifts to, how long it bakes. */
export interface PlannedStage {
  stage: LifecycleStage;
  /** PRODUCTION_TRAFFIC_SHIFT: the production traffic (percent) on the new revision after this step. */
  productionTraffic?: number;
  /** Simulated ms the stage waits once its work is done (step bake, canary bake, BAKE_TIME). */
  waitMs?: number;
}

export type HookStatus = 'AWAITING_ACTION' | 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT';

/** One run of a lifecycle hook at one stage (DeploymentLifecycleHookDetail). */
export interface HookRun {
  hookId: string;
  targetType: 'AWS_LAMBDA' | 'PAUSE';
  targetArn?: string;
  stage: LifecycleStage;
  status: HookStatus;
  /** Simulated ms: the Lambda answers then; the hook times out at `expiresAtSim`. */
  answerAtSim: number;
  expiresAtSim: number;
  /** Wall-clock epoch ms of the timeout, as DescribeServiceDeployments shows it. */
  expiresAt: number;
  timeoutAction: 'CONTINUE' | 'ROLLBACK';
}

export interface LifecycleRun {
  strategy: 'BLUE_GREEN' | 'LINEAR' | 'CANARY';
  plan: PlannedStage[];
  /** Index into `plan` of the current stage; `plan.length` once the deployment is done. */
  index: number;
  /** Simulated ms the current stage began, and when its work (hooks, scale-up) was done. */
  enteredAtSim: number;
  workDoneAtSim?: number;
  /** The current stage's hook runs (earlier stages' runs are kept in `past`). */
  hooks: HookRun[];
  past: HookRun[];
  /** Traffic (percent) on the new revision. */
  productionTraffic: number;
  testTraffic: number;
  /** Stopped by a failed hook, a rollback or ABORT: the plan no longer advances. */
  ended: boolean;
}

export interface LifecycleHookConfig {
  targetType: 'AWS_LAMBDA' | 'PAUSE';
  hookTargetArn?: string;
  roleArn?: string;
  lifecycleStages: LifecycleStage[];
  timeoutConfiguration?: { timeoutInMinutes?: number; action?: 'CONTINUE' | 'ROLLBACK' };
}

export type DeploymentStrategy = 'ROLLING' | 'BLUE_GREEN' | 'LINEAR' | 'CANARY';

export interface DeploymentConfiguration {
  maximumPercent: number;
  minimumHealthyPercent: number;
  deploymentCircuitBreaker: {
    enable: boolean;
    rollback: boolean;
    resetOnHealthyTask?: boolean;
    thresholdConfiguration?: { type: 'BOUNDED_PERCENT' | 'UNBOUNDED_PERCENT' | 'COUNT'; value: number };
  };
  /** The fields below appear only when a request set them (so ROLLING services look as before). */
  strategy?: DeploymentStrategy;
  bakeTimeInMinutes?: number;
  lifecycleHooks?: LifecycleHookConfig[];
  linearConfiguration?: { stepPercent?: number; stepBakeTimeInMinutes?: number };
  canaryConfiguration?: { canaryPercent?: number; canaryBakeTimeInMinutes?: number };
  earlySuccessCriteria?: {
    enable: boolean;
    healthyPercent?: number;
    sourceServiceRevisionCleanup?: 'BLOCKING' | 'DEFERRED';
  };
  alarms?: { alarmNames: string[]; enable: boolean; rollback: boolean };
}

export interface ServiceEvent {
  id: string;
  createdAt: number;
  message: string;
}

export interface ServiceRecord {
  arn: string;
  name: string;
  clusterArn: string;
  clusterName: string;
  status: 'ACTIVE' | 'DRAINING' | 'INACTIVE';
  desiredCount: number;
  taskDefinitionArn: string;
  launchType?: string;
  capacityProviderStrategy?: Json[];
  platformVersion?: string;
  networkConfiguration?: JsonObject;
  deploymentConfiguration: DeploymentConfiguration;
  /** Every deployment, newest first; PRIMARY and ACTIVE ones are the live `deployments[]`. */
  history: DeploymentRecord[];
  /** Newest first, at most 100. */
  events: ServiceEvent[];
  createdAt: number;
  tags: Tag[];
  loadBalancers: Json[];
  serviceRegistries: Json[];
  schedulingStrategy: 'REPLICA' | 'DAEMON';
  enableExecuteCommand: boolean;
  enableECSManagedTags: boolean;
  propagateTags: string;
  healthCheckGracePeriodSeconds?: number;
  /** "has reached a steady state" was announced since the last change. */
  steadyAnnounced: boolean;
  /** Non-stopped task ARNs of this service. */
  taskArns: Set<string>;
  /** EC2 task placement (see ecs/sim/placement.ts), as CreateService was given them. */
  placementConstraints: { type: 'distinctInstance' | 'memberOf'; expression?: string }[];
  placementStrategy: { type: 'binpack' | 'spread' | 'random'; field?: string }[];
}

export type TaskStatus =
  | 'PROVISIONING'
  | 'PENDING'
  | 'ACTIVATING'
  | 'RUNNING'
  | 'DEACTIVATING'
  | 'STOPPING'
  | 'DEPROVISIONING'
  | 'STOPPED';

/** How a container behaves, from its image tag (see README: the `crashloop` and `batch` tags). */
export type ContainerBehaviour = 'serve' | 'crashloop' | 'batch';

export interface ContainerRecord {
  arn: string;
  name: string;
  image: string;
  imageDigest: string;
  runtimeId: string;
  lastStatus: 'PENDING' | 'RUNNING' | 'STOPPED';
  exitCode?: number;
  reason?: string;
  essential: boolean;
  hasHealthCheck: boolean;
  /** healthCheck.startPeriod in ms: failures before it do not count, and health comes after it. */
  healthStartPeriodMs: number;
  healthStatus: 'HEALTHY' | 'UNHEALTHY' | 'UNKNOWN';
  behaviour: ContainerBehaviour;
  cpu?: number;
  memory?: number;
  memoryReservation?: number;
  portMappings: { containerPort: number; hostPort: number; protocol: string }[];
  /** awslogs destination, when the container logs to CloudWatch Logs. */
  log?: { group: string; stream: string; multiline: boolean; nextAt: number; lines: number };
}

export interface TaskRecord {
  arn: string;
  id: string;
  clusterArn: string;
  clusterName: string;
  taskDefinitionArn: string;
  family: string;
  lastStatus: TaskStatus;
  desiredStatus: 'RUNNING' | 'STOPPED';
  launchType: string;
  networkMode: string;
  group: string;
  startedBy?: string;
  serviceName?: string;
  deploymentId?: string;
  cpu?: string;
  memory?: string;
  createdAt: number;
  pullStartedAt?: number;
  pullStoppedAt?: number;
  startedAt?: number;
  connectivityAt?: number;
  stoppingAt?: number;
  stoppedAt?: number;
  executionStoppedAt?: number;
  stopCode?: string;
  stoppedReason?: string;
  healthStatus: 'HEALTHY' | 'UNHEALTHY' | 'UNKNOWN';
  containers: ContainerRecord[];
  /** Simulated ms at which the task takes its next lifecycle step. */
  nextAt: number;
  /** Simulated ms at which health checks first pass (tasks with health checks). */
  healthyAt?: number;
  /** Simulated ms at which an essential container exits on its own (crashloop, batch). */
  exitAt?: number;
  exitCode?: number;
  /** Overrides how long a `batch` task runs (simulated ms). */
  exitAfterMs?: number;
  /** The task was RUNNING (and healthy where checked) at some point. */
  becameHealthy: boolean;
  version: number;
  tags: Tag[];
  availabilityZone: string;
  privateIp: string;
  eniId: string;
  platformVersion?: string;
  overrides: JsonObject;
  /** EC2 tasks: the container instance the task was placed on. */
  containerInstanceArn?: string;
  /** What the task reserves on its container instance (EC2). */
  reserved?: { cpu: number; memory: number; ports: number[] };
  /** ECS Exec: RunTask's, or the service's, enableExecuteCommand when the task was launched. */
  enableExecuteCommand?: boolean;
  /** Tests: forces the ExecuteCommandAgent's lastStatus (otherwise it follows the container's). */
  execAgentStatus?: 'PENDING' | 'RUNNING' | 'STOPPED';
}

export interface LogEventRecord {
  timestamp: number;
  ingestionTime: number;
  message: string;
  /** Global sequence number: orders events with equal timestamps, and FilterLogEvents tokens. */
  seq: number;
}

export interface LogStreamRecord {
  name: string;
  createdAt: number;
  events: LogEventRecord[];
  /** Events dropped from the front to bound memory; absolute index = dropped + array index. */
  dropped: number;
  storedBytes: number;
}

export interface LogGroupRecord {
  name: string;
  arn: string;
  createdAt: number;
  retentionInDays?: number;
  streams: Map<string, LogStreamRecord>;
  tags: Record<string, string>;
}

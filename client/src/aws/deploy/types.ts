/**
 * Types shared by the deploy features: the views of services, deployments and tasks a rollout
 * is made of, and the narrow ports (sets of ECS calls) that registering and watching need, so
 * the pure logic can be driven by the SDK, the emulator or a test double alike.
 */
import type { JsonObject } from './normalize';
import type { TargetService } from './targetCheck';

/** Why a call failed, in the categories the UI reacts to. */
export type FailureKind =
  | 'throttled'
  | 'accessDenied'
  | 'expiredToken'
  | 'notFound'
  | 'invalid'
  | 'conflict'
  | 'network'
  | 'serverError'
  | 'cancelled'
  | 'unknown';

/** A failed call as a value: what happened, in words for the user. */
export interface Failure {
  kind: FailureKind;
  /** A user-facing message that says what to do. */
  message: string;
  /** The AWS error name, when there was one. */
  code?: string;
  /** The request may have reached AWS and been applied (a lost response). */
  ambiguous?: boolean;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: Failure };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T>(error: Failure): Result<T> => ({ ok: false, error });

/** One deployment of a service as DescribeServices reports it. */
export interface DeploymentView {
  id: string;
  /** PRIMARY, ACTIVE or INACTIVE. */
  status: string;
  taskDefinition: string;
  desiredCount: number;
  pendingCount: number;
  runningCount: number;
  failedTasks: number;
  rolloutState?: string;
  rolloutStateReason?: string;
  createdAt?: Date;
  updatedAt?: Date;
}

export interface ServiceEventView {
  id: string;
  createdAt?: Date;
  message: string;
}

export interface ServiceView {
  serviceName: string;
  serviceArn: string;
  clusterArn: string;
  status: string;
  taskDefinition: string;
  desiredCount: number;
  runningCount: number;
  pendingCount: number;
  deployments: DeploymentView[];
  /** Newest first, as ECS returns them. */
  events: ServiceEventView[];
  /** ECS, CODE_DEPLOY or EXTERNAL. */
  deploymentController: string;
  circuitBreaker?: { enable: boolean; rollback: boolean };
  /** deploymentConfiguration.strategy when ECS reports one (ROLLING, BLUE_GREEN, LINEAR, CANARY). */
  strategy?: string;
  /** What a revision must fit (launch type, network, load balancers, Service Connect; targetCheck.ts). */
  target?: TargetService;
}

export interface ContainerStopView {
  name: string;
  image?: string;
  exitCode?: number;
  reason?: string;
  lastStatus?: string;
}

export interface TaskView {
  taskArn: string;
  taskDefinitionArn: string;
  lastStatus: string;
  desiredStatus: string;
  startedBy?: string;
  stoppedReason?: string;
  stopCode?: string;
  stoppedAt?: Date;
  containers: ContainerStopView[];
}

/** A task definition revision as registered. */
export interface RevisionView {
  arn: string;
  family: string;
  revision: number;
  status?: string;
  /** The full describe output (`taskDefinition` member). */
  taskDefinition: JsonObject;
}

/** The ECS calls a rollout watcher needs. */
export interface RolloutSource {
  describeService(cluster: string, service: string, signal?: AbortSignal): Promise<Result<ServiceView>>;
  /** ListTasks (serviceName, desiredStatus STOPPED): the ARNs of recently stopped tasks. */
  listStoppedTasks(cluster: string, service: string, signal?: AbortSignal): Promise<Result<string[]>>;
  describeTasks(cluster: string, tasks: string[], signal?: AbortSignal): Promise<Result<TaskView[]>>;
}

/** The ECS calls registering needs. `register` must send exactly one request (no retries). */
export interface RegisterTarget {
  register(input: JsonObject): Promise<Result<RevisionView>>;
  /** DescribeTaskDefinition of a family (its latest ACTIVE revision) or of an ARN. */
  describeTaskDefinition(familyOrArn: string): Promise<Result<RevisionView>>;
  /** ListTaskDefinitions of a family prefix, newest first (ARNs). */
  listRevisions?(family: string): Promise<Result<string[]>>;
}

/** `family:revision` from a task definition ARN (or the input unchanged). */
export function revisionLabel(taskDefinitionArn: string): string {
  const slash = taskDefinitionArn.lastIndexOf('/');
  return slash >= 0 ? taskDefinitionArn.slice(slash + 1) : taskDefinitionArn;
}

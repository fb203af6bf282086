/**
 * The ECS data boundary: domain types the views render, free of SDK types, and the gateway
 * interface the views and commands call. Every read returns a `Result` — a value or a
 * `GatewayError` whose message tells the user what to do — so callers never catch.
 *
 * Family of types: `Connection` (where to talk to) → `Cluster` → `Service` (with its
 * `Deployment`s) → `Task` → `Container`; `TaskDefinitionRef` (a revision in a listing) and
 * `TaskDefinition` (a described, immutable revision).
 */

/** Where requests go: an AWS profile in one Region, optionally through a custom endpoint. */
export interface Connection {
  /** Profile name from the shared config/credentials files; `default` uses the default chain. */
  readonly profile: string;
  readonly region: string;
  /** A custom endpoint (the emulator, LocalStack); static test credentials are used with it. */
  readonly endpoint?: string;
}

/** A stable key for caches, clients and tree ids. */
export function connectionKey(c: Connection): string {
  return `${c.profile}|${c.region}|${c.endpoint ?? ''}`;
}

/** A short human label: `profile · Region` (and the endpoint host when set). */
export function connectionLabel(c: Connection): string {
  return c.endpoint ? `${c.profile} · ${c.region} @ ${hostOf(c.endpoint)}` : `${c.profile} · ${c.region}`;
}

function hostOf(endpoint: string): string {
  try {
    return new URL(endpoint).host;
  } catch {
    return endpoint;
  }
}

/** Why a request failed, as far as the user is concerned. */
export type ErrorKind =
  'Throttled' | 'AccessDenied' | 'ExpiredToken' | 'NoCredentials' | 'NotFound' | 'Network' | 'Unknown';

/** A failed request, as a value. */
export interface GatewayError {
  readonly kind: ErrorKind;
  /** One sentence for the user: what happened and what to do. */
  readonly message: string;
  /** The AWS error name and message, for tooltips and the log (never contains secrets). */
  readonly detail: string;
  /** The API operation that failed, e.g. `ListServices`. */
  readonly operation?: string;
  /**
   * The arguments of an `aws` CLI command that fixes it, when there is one (e.g. `sso login
   * --profile dev`): an argument array, run without a shell (see signIn.ts), never a command line.
   */
  readonly fixArgs?: readonly string[];
}

export type Result<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: GatewayError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(error: GatewayError): Result<T> => ({ ok: false, error });

/** One page of a long listing; `nextToken` is set when there is more. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly nextToken?: string;
  /** ARNs the describe call reported in `failures[]` (e.g. deleted between list and describe). */
  readonly failures?: readonly string[];
}

/** Who is waiting: a click in the tree goes before background refresh. */
export type Priority = 'interactive' | 'background';

export interface ReadOptions {
  readonly priority?: Priority;
  /** Accept a cached value at most this old (ms); 0 forces a fresh read. Defaults per listing. */
  readonly maxAge?: number;
}

export interface Cluster {
  readonly arn: string;
  readonly name: string;
  readonly status: string;
  readonly activeServicesCount: number;
  readonly runningTasksCount: number;
  readonly pendingTasksCount: number;
  readonly registeredContainerInstancesCount: number;
  readonly capacityProviders: readonly string[];
  readonly raw: unknown;
}

export type RolloutState = 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';

export interface Deployment {
  readonly id: string;
  /** PRIMARY (the newest), ACTIVE (being replaced) or INACTIVE. */
  readonly status: string;
  readonly taskDefinitionArn: string;
  readonly desiredCount: number;
  readonly runningCount: number;
  readonly pendingCount: number;
  readonly failedTasks: number;
  readonly rolloutState?: RolloutState;
  readonly rolloutStateReason?: string;
  readonly createdAt?: Date;
  readonly updatedAt?: Date;
}

/** A service event ("(service web) has reached a steady state."); ECS keeps the latest 100. */
export interface ServiceEvent {
  readonly id: string;
  readonly createdAt?: Date;
  readonly message: string;
}

export interface Service {
  readonly arn: string;
  readonly name: string;
  readonly clusterArn: string;
  readonly status: string;
  readonly desiredCount: number;
  readonly runningCount: number;
  readonly pendingCount: number;
  readonly launchType?: string;
  /** Capacity provider names of the service's strategy (empty with a launch type). */
  readonly capacityProviders: readonly string[];
  readonly taskDefinitionArn: string;
  readonly schedulingStrategy?: string;
  readonly deployments: readonly Deployment[];
  /** The PRIMARY deployment's rollout state. */
  readonly rolloutState?: RolloutState;
  readonly createdAt?: Date;
  /** Newest first, as DescribeServices returns them (they come with every description). */
  readonly events?: readonly ServiceEvent[];
  /** The deployment circuit breaker of the service's deployment configuration. */
  readonly circuitBreaker?: { readonly enable: boolean; readonly rollback: boolean };
  readonly raw: unknown;
}

/** True while ECS is still rolling the service out (what the tree spins for and auto-refreshes). */
export function isDeploying(s: Service): boolean {
  return s.rolloutState === 'IN_PROGRESS' || s.deployments.filter((d) => d.status !== 'INACTIVE').length > 1;
}

export interface Container {
  readonly name: string;
  readonly arn?: string;
  readonly lastStatus?: string;
  readonly healthStatus?: string;
  readonly exitCode?: number;
  readonly reason?: string;
  readonly image?: string;
  readonly imageDigest?: string;
}

export interface Task {
  readonly arn: string;
  /** The last part of the ARN, as the console shows it. */
  readonly id: string;
  readonly clusterArn: string;
  readonly taskDefinitionArn: string;
  readonly family: string;
  readonly revision: number;
  /** `service:NAME` for service tasks, `family:NAME` or custom for standalone ones. */
  readonly group?: string;
  /** The service that started the task, from its group. */
  readonly serviceName?: string;
  /** For service tasks, the id of the deployment that started it (ecs-svc/…), as ECS documents. */
  readonly startedBy?: string;
  readonly lastStatus: string;
  readonly desiredStatus: string;
  readonly healthStatus?: string;
  readonly launchType?: string;
  readonly capacityProviderName?: string;
  readonly startedAt?: Date;
  readonly stoppedAt?: Date;
  readonly stoppedReason?: string;
  readonly stopCode?: string;
  readonly availabilityZone?: string;
  readonly privateIp?: string;
  readonly containers: readonly Container[];
  readonly raw: unknown;
}

/** CPU units and MiB of memory, as a container instance registers or has left of them. */
export interface Capacity {
  readonly cpu: number;
  readonly memory: number;
}

/** An EC2 instance (or external host) registered to a cluster, as DescribeContainerInstances says. */
export interface ContainerInstance {
  readonly arn: string;
  /** The id in the ARN (what the console shows when there is no EC2 instance id). */
  readonly id: string;
  readonly ec2InstanceId?: string;
  /** ACTIVE, DRAINING, REGISTERING, DEREGISTERING or REGISTRATION_FAILED. */
  readonly status: string;
  readonly agentConnected: boolean;
  readonly instanceType?: string;
  readonly availabilityZone?: string;
  readonly runningTasksCount: number;
  readonly pendingTasksCount: number;
  readonly registeredAt?: Date;
  readonly registered: Capacity;
  /** What tasks have not reserved. */
  readonly remaining: Capacity;
  readonly raw: unknown;
}

export interface TaskDefinitionRef {
  readonly arn: string;
  readonly family: string;
  readonly revision: number;
  readonly status: 'ACTIVE' | 'INACTIVE';
}

export interface TaskDefinition extends TaskDefinitionRef {
  readonly registeredAt?: Date;
  /** The `taskDefinition` object as DescribeTaskDefinition returns it. */
  readonly document: Record<string, unknown>;
}

/** `arn:aws:ecs:r:a:task-definition/web:12` or `web:12` → `{ family: 'web', revision: 12 }`. */
export function parseTaskDefinitionArn(arnOrName: string): { family: string; revision: number } {
  const tail = arnOrName.slice(arnOrName.lastIndexOf('/') + 1);
  const colon = tail.lastIndexOf(':');
  if (colon < 0) return { family: tail, revision: 0 };
  const revision = Number(tail.slice(colon + 1));
  return { family: tail.slice(0, colon), revision: Number.isInteger(revision) ? revision : 0 };
}

/** The last segment of an ARN (a cluster, service or task name/id). */
export function arnName(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}

/** Which tasks to list. */
export interface TaskQuery {
  readonly serviceName?: string;
  readonly desiredStatus: 'RUNNING' | 'STOPPED';
  /** Stop after this many tasks (default 1,000). */
  readonly limit?: number;
}

/**
 * Reads of live ECS state. Implementations batch, limit, cache and de-duplicate; callers just
 * ask. Methods never throw (a bug aside): failures come back as `Result` values.
 */
export interface EcsGateway {
  /** Every cluster, described (ListClusters 100 per page, DescribeClusters 100 per call). */
  listClusters(c: Connection, o?: ReadOptions): Promise<Result<readonly Cluster[]>>;
  /** One page of up to 100 services, described in concurrent chunks of 10. */
  listServices(
    c: Connection,
    cluster: string,
    nextToken?: string,
    o?: ReadOptions,
  ): Promise<Result<Page<Service>>>;
  /** Every service of a cluster, page by page; `onPage` sees each page as soon as it is described. */
  listAllServices(
    c: Connection,
    cluster: string,
    o?: ReadOptions & { readonly onPage?: (services: readonly Service[]) => void },
  ): Promise<Result<readonly Service[]>>;
  /** Fresh descriptions of named services (for watching deployments). */
  describeServices(
    c: Connection,
    cluster: string,
    names: readonly string[],
    o?: ReadOptions,
  ): Promise<Result<readonly Service[]>>;
  /** Tasks of a cluster or one service (ListTasks 100 per page, DescribeTasks 100 per call). */
  listTasks(c: Connection, cluster: string, q: TaskQuery, o?: ReadOptions): Promise<Result<readonly Task[]>>;
  /** Every container instance of a cluster, described (100 per ListContainerInstances/Describe call). */
  listContainerInstances(
    c: Connection,
    cluster: string,
    o?: ReadOptions,
  ): Promise<Result<readonly ContainerInstance[]>>;
  /** One page of task definition family names (ACTIVE and INACTIVE). */
  listTaskDefinitionFamilies(
    c: Connection,
    nextToken?: string,
    o?: ReadOptions,
  ): Promise<Result<Page<string>>>;
  /** The revisions of one family, newest first, ACTIVE and INACTIVE. */
  listTaskDefinitionRevisions(
    c: Connection,
    family: string,
    o?: ReadOptions,
  ): Promise<Result<readonly TaskDefinitionRef[]>>;
  /** One revision (cached forever once read by ARN or `family:revision`: revisions are immutable). */
  describeTaskDefinition(
    c: Connection,
    arnOrFamilyRevision: string,
    o?: ReadOptions,
  ): Promise<Result<TaskDefinition>>;
  /**
   * Drops cached listings of a connection, or only those of one cluster (its services and tasks).
   * Task definition revisions stay: they never change.
   */
  invalidate(c?: Connection, cluster?: string): void;
  /** Releases SDK clients. */
  dispose(): void;
}

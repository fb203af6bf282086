import { Rng, SimClock } from './clock';
import { clusterNotFound } from './protocol/errors';
import { LogStore } from './logs/store';
import type {
  ClusterRecord,
  ContainerInstanceRecord,
  ServiceRecord,
  TaskDefinitionRecord,
  TaskRecord,
} from './model';

/**
 * Everything the emulator knows, with ARN builders in AWS's formats and the lookups every
 * handler needs. Tests read it through `emulator.state` (treat it as read-only there).
 */
export class EmulatorState {
  /** Clusters by ARN (INACTIVE ones are kept, as ECS shows them for a while). */
  readonly clusters = new Map<string, ClusterRecord>();
  /** Task definition revisions by ARN. */
  readonly taskDefinitions = new Map<string, TaskDefinitionRecord>();
  /** Revisions of each family, in revision order (index = revision - 1). */
  readonly families = new Map<string, TaskDefinitionRecord[]>();
  /** Services by ARN. */
  readonly services = new Map<string, ServiceRecord>();
  /** Tasks by ARN, stopped ones included until they expire. */
  readonly tasks = new Map<string, TaskRecord>();
  /** Tasks that are not STOPPED yet: the ones the simulation moves. */
  readonly liveTasks = new Map<string, TaskRecord>();
  /** Container instances by ARN. */
  readonly containerInstances = new Map<string, ContainerInstanceRecord>();
  /** CloudWatch Logs. */
  readonly logs: LogStore;

  constructor(
    readonly region: string,
    readonly accountId: string,
    readonly clock: SimClock,
    readonly rng: Rng,
  ) {
    this.logs = new LogStore(region, accountId);
  }

  private get prefix(): string {
    return `arn:aws:ecs:${this.region}:${this.accountId}`;
  }

  clusterArn(name: string): string {
    return `${this.prefix}:cluster/${name}`;
  }

  serviceArn(cluster: string, name: string): string {
    return `${this.prefix}:service/${cluster}/${name}`;
  }

  taskArn(cluster: string, id: string): string {
    return `${this.prefix}:task/${cluster}/${id}`;
  }

  containerInstanceArn(cluster: string, id: string): string {
    return `${this.prefix}:container-instance/${cluster}/${id}`;
  }

  /** The container instances of a cluster, in registration order. */
  instancesOf(cluster: ClusterRecord): ContainerInstanceRecord[] {
    return [...this.containerInstances.values()].filter((ci) => ci.clusterArn === cluster.arn);
  }

  /** The container instance a request names (ARN or id) in a cluster. */
  lookupContainerInstance(cluster: ClusterRecord, ref: unknown): ContainerInstanceRecord | undefined {
    if (typeof ref !== 'string' || ref === '') return undefined;
    const arn = ref.startsWith('arn:') ? ref : this.containerInstanceArn(cluster.name, ref);
    const ci = this.containerInstances.get(arn);
    return ci && ci.clusterArn === cluster.arn ? ci : undefined;
  }

  containerArn(cluster: string, taskId: string): string {
    return `${this.prefix}:container/${cluster}/${taskId}/${this.rng.uuid()}`;
  }

  taskDefinitionArn(family: string, revision: number): string {
    return `${this.prefix}:task-definition/${family}:${revision}`;
  }

  serviceDeploymentArn(cluster: string, service: string): string {
    return `${this.prefix}:service-deployment/${cluster}/${service}/${this.rng.hex(22)}`;
  }

  serviceRevisionArn(cluster: string, service: string): string {
    return `${this.prefix}:service-revision/${cluster}/${service}/${this.rng.digits(19)}`;
  }

  /** A new deployment id, `ecs-svc/` + 19 digits. */
  deploymentId(): string {
    return `ecs-svc/${this.rng.digits(19)}`;
  }

  /** The cluster a request names (short name or ARN; `default` when absent), if it exists. */
  lookupCluster(ref: unknown): ClusterRecord | undefined {
    const text = typeof ref === 'string' && ref !== '' ? ref : 'default';
    const arn = text.startsWith('arn:') ? text : this.clusterArn(text);
    const cluster = this.clusters.get(arn);
    return cluster && cluster.status === 'ACTIVE' ? cluster : undefined;
  }

  /** Like `lookupCluster`, throwing ClusterNotFoundException. */
  requireCluster(ref: unknown): ClusterRecord {
    const cluster = this.lookupCluster(ref);
    if (!cluster) throw clusterNotFound();
    return cluster;
  }

  /** The service a request names (short name or ARN) in a cluster, whatever its status. */
  lookupService(cluster: ClusterRecord, ref: unknown): ServiceRecord | undefined {
    if (typeof ref !== 'string' || ref === '') return undefined;
    const arn = ref.startsWith('arn:') ? ref : this.serviceArn(cluster.name, ref);
    // Old-format service ARNs (without the cluster) are accepted too.
    const service =
      this.services.get(arn) ?? this.services.get(this.serviceArn(cluster.name, ref.split('/').pop() ?? ''));
    return service && service.clusterArn === cluster.arn ? service : undefined;
  }

  /** The task definition a request names: `family` (latest ACTIVE), `family:revision` or an ARN. */
  lookupTaskDefinition(ref: unknown): TaskDefinitionRecord | undefined {
    if (typeof ref !== 'string' || ref === '') return undefined;
    const text = ref.startsWith('arn:') ? (ref.split('task-definition/')[1] ?? '') : ref;
    const [family, rev] = text.split(':');
    const revisions = family === undefined ? undefined : this.families.get(family);
    if (!revisions) return undefined;
    if (rev === undefined) {
      for (let i = revisions.length - 1; i >= 0; i--)
        if (revisions[i]?.status === 'ACTIVE') return revisions[i];
      return undefined;
    }
    if (!/^\d+$/.test(rev)) return undefined;
    return revisions[Number(rev) - 1];
  }

  /** The task a request names (ARN or id) in a cluster. */
  lookupTask(cluster: ClusterRecord, ref: unknown): TaskRecord | undefined {
    if (typeof ref !== 'string' || ref === '') return undefined;
    const arn = ref.startsWith('arn:') ? ref : this.taskArn(cluster.name, ref);
    const task = this.tasks.get(arn);
    return task && task.clusterArn === cluster.arn ? task : undefined;
  }

  /** Forgets everything (admin reset). */
  clear(): void {
    this.clusters.clear();
    this.taskDefinitions.clear();
    this.families.clear();
    this.services.clear();
    this.tasks.clear();
    this.liveTasks.clear();
    this.containerInstances.clear();
    this.logs.clear();
  }
}

import type { Rng, SimClock } from '../../clock';
import type {
  ClusterRecord,
  ContainerBehaviour,
  ContainerRecord,
  DeploymentRecord,
  Json,
  JsonObject,
  ServiceRecord,
  TaskDefinitionRecord,
  TaskRecord,
} from '../../model';
import type { EmulatorState } from '../../state';
import { exitLines, flavourOf, runningLines, startupLines, type LogFlavour } from '../../logs/logLines';

/**
 * The simulation: moves tasks through ECS's lifecycle, keeps services at their desired count,
 * runs rolling updates (minimumHealthyPercent / maximumPercent), trips the deployment circuit
 * breaker and rolls back, and makes running containers write logs. Everything is keyed on
 * simulated time (`clock.simNow()`), advanced by `step()`; no timers live here.
 */

/** Simulated ms ranges of each lifecycle phase. */
const PHASE_MS: Record<string, [number, number]> = {
  PROVISIONING: [1000, 2000],
  PENDING: [2000, 5000],
  ACTIVATING: [1000, 2000],
  DEACTIVATING: [1000, 1500],
  STOPPING: [1000, 3000],
  DEPROVISIONING: [1000, 1500],
};

/** Stopped tasks stay visible this long (simulated), like ECS's "at least an hour". */
const STOPPED_RETENTION_MS = 60 * 60 * 1000;
const MAX_EVENTS = 100;

export interface EngineOptions {
  /** Simulated ms between two bursts of log output of a running container. */
  logIntervalMs: [number, number];
}

export interface StartTaskOptions {
  cluster: ClusterRecord;
  taskDefinition: TaskDefinitionRecord;
  launchType: string;
  group: string;
  startedBy?: string;
  service?: ServiceRecord;
  deployment?: DeploymentRecord;
  overrides?: JsonObject;
  tags?: { key: string; value: string }[];
  /** Create the task already RUNNING (scenarios), skipping start-up. */
  running?: boolean;
  /** For `batch` containers: simulated ms from RUNNING to exit (default 15-30 s). */
  exitAfterMs?: number;
}

interface Flavoured {
  flavour: LogFlavour;
}

/** Reads the behaviour convention from an image reference's tag. */
export function behaviourOf(image: string): ContainerBehaviour {
  const lastSegment = image.split('/').pop() ?? image;
  const tag = lastSegment.includes('@') ? '' : (lastSegment.split(':')[1] ?? '');
  if (tag === 'crashloop') return 'crashloop';
  if (tag === 'batch') return 'batch';
  return 'serve';
}

/** A task started on a schedule, like an EventBridge scheduled rule running a standalone task. */
export interface Schedule {
  cluster: ClusterRecord;
  taskDefinition: TaskDefinitionRecord;
  launchType: string;
  startedBy: string;
  everyMs: number;
  /** Simulated ms each run lasts (its image should be tagged `batch`). */
  runMs?: number;
  nextAt: number;
}

export class Engine {
  private schedules: Schedule[] = [];
  private stoppedOrder: { task: TaskRecord; sim: number }[] = [];
  private readonly flavours = new WeakMap<ContainerRecord, Flavoured>();
  /** One digest per image reference, as a registry would resolve it. */
  private readonly digests = new Map<string, string>();

  constructor(
    private readonly state: EmulatorState,
    private readonly clock: SimClock,
    private readonly rng: Rng,
    private readonly options: EngineOptions,
  ) {}

  private span(phase: string): number {
    const [min, max] = PHASE_MS[phase] ?? [1000, 1000];
    return this.rng.int(min, max);
  }

  // ---------------------------------------------------------------- tasks

  /** Creates a task (PROVISIONING for awsvpc, else PENDING; or RUNNING when `running`). */
  startTask(opts: StartTaskOptions): TaskRecord {
    const { cluster, taskDefinition: td } = opts;
    const now = this.clock.now();
    const sim = this.clock.simNow();
    const id = this.rng.hex(32);
    const arn = this.state.taskArn(cluster.name, id);
    const body = td.body;
    const networkMode = typeof body.networkMode === 'string' ? body.networkMode : 'bridge';
    const defs = Array.isArray(body.containerDefinitions) ? body.containerDefinitions : [];
    const overrides = opts.overrides ?? {};
    const containers = defs.map((d) => this.makeContainer(d, cluster, id, networkMode));
    const task: TaskRecord = {
      arn,
      id,
      clusterArn: cluster.arn,
      clusterName: cluster.name,
      taskDefinitionArn: td.arn,
      family: td.family,
      lastStatus: networkMode === 'awsvpc' ? 'PROVISIONING' : 'PENDING',
      desiredStatus: 'RUNNING',
      launchType: opts.launchType,
      networkMode,
      group: opts.group,
      ...(opts.startedBy !== undefined ? { startedBy: opts.startedBy } : {}),
      ...(opts.service ? { serviceName: opts.service.name } : {}),
      ...(opts.deployment ? { deploymentId: opts.deployment.id } : {}),
      ...(typeof body.cpu === 'string' ? { cpu: body.cpu } : {}),
      ...(typeof body.memory === 'string' ? { memory: body.memory } : {}),
      createdAt: now,
      healthStatus: 'UNKNOWN',
      containers,
      nextAt: sim + this.span(networkMode === 'awsvpc' ? 'PROVISIONING' : 'PENDING'),
      becameHealthy: false,
      version: 1,
      tags: opts.tags ?? [],
      availabilityZone: `${this.state.region}${this.rng.pick(['a', 'b', 'c'])}`,
      privateIp: `10.0.${this.rng.int(0, 15)}.${this.rng.int(2, 254)}`,
      eniId: `eni-${this.rng.hex(17)}`,
      ...(opts.launchType === 'FARGATE' ? { platformVersion: '1.4.0' } : {}),
      ...(opts.exitAfterMs !== undefined ? { exitAfterMs: opts.exitAfterMs } : {}),
      overrides,
    };
    if (task.lastStatus === 'PENDING') task.pullStartedAt = now;
    this.state.tasks.set(arn, task);
    this.state.liveTasks.set(arn, task);
    opts.service?.taskArns.add(arn);
    if (opts.running) {
      task.pullStartedAt = now;
      task.pullStoppedAt = now;
      this.enterRunning(task, sim, now, true);
      task.healthStatus = task.containers.some((c) => c.hasHealthCheck) ? 'HEALTHY' : 'UNKNOWN';
      for (const c of task.containers) if (c.hasHealthCheck) c.healthStatus = 'HEALTHY';
      task.becameHealthy = true;
      delete task.healthyAt;
    }
    return task;
  }

  private makeContainer(
    def: Json,
    cluster: ClusterRecord,
    taskId: string,
    networkMode: string,
  ): ContainerRecord {
    const d = typeof def === 'object' && def !== null && !Array.isArray(def) ? def : {};
    const name = typeof d.name === 'string' ? d.name : 'app';
    const image = typeof d.image === 'string' ? d.image : 'unknown';
    const ports = Array.isArray(d.portMappings) ? d.portMappings : [];
    const log = this.logTarget(d, name, taskId);
    const container: ContainerRecord = {
      arn: this.state.containerArn(cluster.name, taskId),
      name,
      image,
      imageDigest: this.digestOf(image),
      runtimeId: `${taskId}-${this.rng.digits(10)}`,
      lastStatus: 'PENDING',
      essential: d.essential !== false,
      hasHealthCheck: typeof d.healthCheck === 'object' && d.healthCheck !== null,
      healthStartPeriodMs:
        typeof d.healthCheck === 'object' &&
        d.healthCheck !== null &&
        !Array.isArray(d.healthCheck) &&
        typeof d.healthCheck.startPeriod === 'number'
          ? d.healthCheck.startPeriod * 1000
          : 0,
      healthStatus: 'UNKNOWN',
      behaviour: behaviourOf(image),
      ...(typeof d.cpu === 'number' ? { cpu: d.cpu } : {}),
      ...(typeof d.memory === 'number' ? { memory: d.memory } : {}),
      ...(typeof d.memoryReservation === 'number' ? { memoryReservation: d.memoryReservation } : {}),
      portMappings: ports.flatMap((p) => {
        if (typeof p !== 'object' || p === null || Array.isArray(p) || typeof p.containerPort !== 'number')
          return [];
        const hostPort =
          typeof p.hostPort === 'number' && p.hostPort > 0
            ? p.hostPort
            : networkMode === 'bridge'
              ? this.rng.int(32768, 60999)
              : p.containerPort;
        return [
          {
            containerPort: p.containerPort,
            hostPort,
            protocol: typeof p.protocol === 'string' ? p.protocol : 'tcp',
          },
        ];
      }),
      ...(log ? { log } : {}),
    };
    this.flavours.set(container, { flavour: flavourOf(name, image) });
    return container;
  }

  private digestOf(image: string): string {
    let digest = this.digests.get(image);
    if (!digest) {
      digest = `sha256:${this.rng.hex(64)}`;
      this.digests.set(image, digest);
    }
    return digest;
  }

  private logTarget(d: JsonObject, name: string, taskId: string): ContainerRecord['log'] {
    const lc = d.logConfiguration;
    if (typeof lc !== 'object' || lc === null || Array.isArray(lc) || lc.logDriver !== 'awslogs')
      return undefined;
    const opts =
      typeof lc.options === 'object' && lc.options !== null && !Array.isArray(lc.options) ? lc.options : {};
    const group = opts['awslogs-group'];
    if (typeof group !== 'string' || group === '') return undefined;
    const prefix = opts['awslogs-stream-prefix'];
    // Without a prefix (EC2 only) the awslogs driver names the stream after the container id.
    const stream =
      typeof prefix === 'string' && prefix !== '' ? `${prefix}/${name}/${taskId}` : this.rng.hex(64);
    const multiline =
      typeof opts['awslogs-multiline-pattern'] === 'string' ||
      typeof opts['awslogs-datetime-format'] === 'string';
    return { group, stream, multiline, nextAt: 0, lines: 0 };
  }

  /** Asks a task to stop (StopTask, scheduler, crash). */
  stopTask(task: TaskRecord, stopCode: string, reason: string): void {
    if (task.desiredStatus === 'STOPPED' || task.lastStatus === 'STOPPED') return;
    const now = this.clock.now();
    task.desiredStatus = 'STOPPED';
    task.stopCode = stopCode;
    task.stoppedReason = reason;
    task.stoppingAt = now;
    task.version++;
    const wasRunning = task.lastStatus === 'RUNNING';
    task.lastStatus = task.networkMode === 'awsvpc' && wasRunning ? 'DEACTIVATING' : 'STOPPING';
    task.nextAt = this.clock.simNow() + this.span(task.lastStatus);
    if (task.lastStatus === 'STOPPING') task.executionStoppedAt = now;
    for (const c of task.containers) {
      if (c.lastStatus !== 'STOPPED' && task.lastStatus === 'STOPPING')
        this.stopContainer(c, wasRunning ? 0 : undefined);
    }
  }

  private stopContainer(c: ContainerRecord, exitCode: number | undefined): void {
    c.lastStatus = 'STOPPED';
    if (exitCode !== undefined && c.exitCode === undefined) c.exitCode = exitCode;
  }

  private enterRunning(task: TaskRecord, sim: number, now: number, immediate: boolean): void {
    task.lastStatus = 'RUNNING';
    task.startedAt = now;
    task.connectivityAt = now;
    task.version++;
    task.nextAt = Infinity;
    // A task counts as healthy for deployments once its health checks pass or, without health
    // checks, once it has stayed RUNNING for a few seconds (so a container that crashes right
    // after starting never completes a rollout).
    const hasHealthCheck = task.containers.some((c) => c.hasHealthCheck);
    const startPeriod = Math.max(0, ...task.containers.map((c) => c.healthStartPeriodMs));
    task.healthyAt =
      sim + startPeriod + (hasHealthCheck ? this.rng.int(3000, 6000) : this.rng.int(5000, 7000));
    for (const c of task.containers) {
      c.lastStatus = 'RUNNING';
      if (c.log) {
        c.log.nextAt = sim + (immediate ? this.rng.int(0, this.options.logIntervalMs[1]) : 0);
        this.writeLogs(c, startupLines(this.flavourOf(c), c.name, now), now);
      }
    }
    const crash = task.containers.find((c) => c.essential && c.behaviour === 'crashloop');
    const batch = task.containers.find((c) => c.essential && c.behaviour === 'batch');
    if (crash) {
      task.exitAt = sim + this.rng.int(1500, 3500);
      task.exitCode = 1;
    } else if (batch) {
      task.exitAt = sim + (task.exitAfterMs ?? this.rng.int(15000, 30000));
      task.exitCode = 0;
    }
  }

  private flavourOf(c: ContainerRecord): LogFlavour {
    return this.flavours.get(c)?.flavour ?? 'app';
  }

  private writeLogs(c: ContainerRecord, messages: readonly string[], now: number): void {
    if (!c.log) return;
    const events: { timestamp: number; message: string }[] = [];
    for (const m of messages) {
      if (c.log.multiline || !m.includes('\n')) events.push({ timestamp: now, message: m });
      else for (const line of m.split('\n')) events.push({ timestamp: now, message: line });
    }
    c.log.lines += events.length;
    this.state.logs.put(c.log.group, c.log.stream, events, now);
  }

  /** Moves one task forward to simulated time `sim`. */
  private stepTask(task: TaskRecord, sim: number, now: number): void {
    while (task.nextAt <= sim && task.lastStatus !== 'STOPPED') {
      const at = task.nextAt;
      switch (task.lastStatus) {
        case 'PROVISIONING':
          task.lastStatus = 'PENDING';
          task.pullStartedAt = now;
          task.nextAt = at + this.span('PENDING');
          break;
        case 'PENDING':
          task.pullStoppedAt = now;
          if (task.networkMode === 'awsvpc') {
            task.lastStatus = 'ACTIVATING';
            task.nextAt = at + this.span('ACTIVATING');
          } else this.enterRunning(task, at, now, false);
          break;
        case 'ACTIVATING':
          this.enterRunning(task, at, now, false);
          break;
        case 'DEACTIVATING':
          task.lastStatus = 'STOPPING';
          task.executionStoppedAt = now;
          for (const c of task.containers) if (c.lastStatus !== 'STOPPED') this.stopContainer(c, 0);
          task.nextAt = at + this.span('STOPPING');
          break;
        case 'STOPPING':
          if (task.networkMode === 'awsvpc') {
            task.lastStatus = 'DEPROVISIONING';
            task.nextAt = at + this.span('DEPROVISIONING');
          } else this.finishStop(task, at, now);
          break;
        case 'DEPROVISIONING':
          this.finishStop(task, at, now);
          break;
        default:
          task.nextAt = Infinity;
      }
      task.version++;
    }
    if (task.lastStatus !== 'RUNNING' || task.desiredStatus !== 'RUNNING') return;
    if (task.healthyAt !== undefined && task.healthyAt <= sim) {
      const crashing = task.containers.some((c) => c.behaviour === 'crashloop');
      if (!crashing) {
        task.becameHealthy = true;
        if (task.containers.some((c) => c.hasHealthCheck)) task.healthStatus = 'HEALTHY';
        for (const c of task.containers) if (c.hasHealthCheck) c.healthStatus = 'HEALTHY';
      }
      delete task.healthyAt;
    }
    for (const c of task.containers) {
      if (c.log && c.log.nextAt <= sim) {
        this.writeLogs(c, runningLines(this.flavourOf(c), this.rng, now), now);
        const [min, max] = this.options.logIntervalMs;
        c.log.nextAt = sim + this.rng.int(min, max);
      }
    }
    if (task.exitAt !== undefined && task.exitAt <= sim) {
      const exiting = task.containers.find((c) => c.essential && c.behaviour !== 'serve');
      const code = task.exitCode ?? 1;
      if (exiting) {
        this.writeLogs(exiting, exitLines(exiting.behaviour, this.rng, now), now);
        exiting.exitCode = code;
        exiting.lastStatus = 'STOPPED';
        if (code !== 0) exiting.reason = undefined;
      }
      delete task.exitAt;
      this.stopTask(task, 'EssentialContainerExited', 'Essential container in task exited');
      if (code !== 0) this.onTaskFailed(task);
    }
  }

  private finishStop(task: TaskRecord, at: number, now: number): void {
    task.lastStatus = 'STOPPED';
    task.stoppedAt = now;
    task.executionStoppedAt ??= now;
    task.nextAt = Infinity;
    for (const c of task.containers) if (c.lastStatus !== 'STOPPED') this.stopContainer(c, 0);
    this.state.liveTasks.delete(task.arn);
    this.serviceOf(task)?.taskArns.delete(task.arn);
    this.stoppedOrder.push({ task, sim: at });
  }

  private onTaskFailed(task: TaskRecord): void {
    const service = this.serviceOf(task);
    const dep = service?.history.find((d) => d.id === task.deploymentId);
    if (dep) {
      dep.failedTasks++;
      dep.updatedAt = this.clock.now();
    }
  }

  private serviceOf(task: TaskRecord): ServiceRecord | undefined {
    if (task.serviceName === undefined) return undefined;
    return this.state.services.get(this.state.serviceArn(task.clusterName, task.serviceName));
  }

  // ---------------------------------------------------------------- services

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

  /** Rolls a service back to its last completed deployment (circuit breaker or StopServiceDeployment). */
  rollBack(service: ServiceRecord, failed: DeploymentRecord, reason: string): DeploymentRecord | undefined {
    const target = service.history.find(
      (d) => d !== failed && d.rolloutState === 'COMPLETED' && !d.rollbackOf,
    );
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
    this.addEvent(service, `(service ${service.name}) rolling back to deployment ${target.id}.`);
    return rb;
  }

  private isHealthy(task: TaskRecord): boolean {
    return task.lastStatus === 'RUNNING' && task.desiredStatus === 'RUNNING' && task.becameHealthy;
  }

  /** Nothing to do: steady state announced, the desired tasks all healthy, no other deployment. */
  private isSettled(service: ServiceRecord): boolean {
    if (service.status !== 'ACTIVE' || !service.steadyAnnounced) return false;
    if (service.taskArns.size !== service.desiredCount) return false;
    const primary = service.history[0];
    if (primary?.status !== 'PRIMARY' || primary.rolloutState === 'IN_PROGRESS') return false;
    for (let i = 1; i < service.history.length; i++)
      if (service.history[i]?.status === 'ACTIVE') return false;
    for (const arn of service.taskArns) {
      const t = this.state.tasks.get(arn);
      if (!t || !this.isHealthy(t) || t.deploymentId !== primary.id) return false;
    }
    return true;
  }

  private reconcile(service: ServiceRecord): void {
    if (service.status === 'INACTIVE' || this.isSettled(service)) return;
    const all: TaskRecord[] = [];
    for (const arn of service.taskArns) {
      const t = this.state.tasks.get(arn);
      if (t) all.push(t);
    }
    const active = all.filter((t) => t.desiredStatus === 'RUNNING');
    const now = this.clock.now();
    if (service.status === 'DRAINING') {
      const dep = this.primaryOf(service);
      for (const t of active)
        this.stopTask(
          t,
          'ServiceSchedulerInitiated',
          `Scaling activity initiated by (deployment ${dep?.id ?? 'unknown'})`,
        );
      if (service.taskArns.size === 0) {
        service.status = 'INACTIVE';
        for (const d of service.history) if (d.status !== 'INACTIVE') d.status = 'INACTIVE';
      }
      this.updateCounts(service, all);
      return;
    }
    const primary = this.primaryOf(service);
    if (!primary) return;
    const cfg = service.deploymentConfiguration;
    const desired = service.desiredCount;
    primary.desiredCount = desired;

    // Deployment circuit breaker.
    const threshold = Math.min(200, Math.max(3, Math.ceil(0.5 * desired)));
    if (
      primary.rolloutState === 'IN_PROGRESS' &&
      cfg.deploymentCircuitBreaker.enable &&
      primary.failedTasks >= threshold
    ) {
      primary.rolloutState = 'FAILED';
      primary.rolloutStateReason = 'ECS deployment circuit breaker: tasks failed to start.';
      primary.updatedAt = now;
      this.addEvent(
        service,
        `(service ${service.name}) (deployment ${primary.id}) deployment failed: tasks failed to start.`,
      );
      const rb = cfg.deploymentCircuitBreaker.rollback
        ? this.rollBack(service, primary, 'Circuit breaker triggered rollback')
        : undefined;
      if (!rb) {
        primary.halted = true;
        primary.sdStatus = primary.rollbackOf ? 'ROLLBACK_FAILED' : 'STOPPED';
        primary.sdStatusReason = 'ECS deployment circuit breaker: tasks failed to start.';
        primary.stoppedAt = now;
      }
      this.reconcile(service);
      return;
    }

    const primaryTasks = active.filter((t) => t.deploymentId === primary.id);
    const oldTasks = active.filter((t) => t.deploymentId !== primary.id);
    const maxTotal = Math.floor((desired * cfg.maximumPercent) / 100);
    const minHealthy = Math.ceil((desired * cfg.minimumHealthyPercent) / 100);
    const started: TaskRecord[] = [];
    const stopped: TaskRecord[] = [];
    const stop = (t: TaskRecord): void => {
      this.stopTask(
        t,
        'ServiceSchedulerInitiated',
        `Scaling activity initiated by (deployment ${primary.id})`,
      );
      stopped.push(t);
    };
    const cluster = this.state.clusters.get(service.clusterArn);
    const td = this.state.taskDefinitions.get(primary.taskDefinitionArn);
    if (!primary.halted && cluster && td) {
      if (primaryTasks.length > desired) {
        const extras = [...primaryTasks].sort(
          (a, b) => Number(this.isHealthy(a)) - Number(this.isHealthy(b)),
        );
        for (const t of extras.slice(0, primaryTasks.length - desired)) stop(t);
      } else if (primaryTasks.length < desired) {
        const room =
          oldTasks.length === 0
            ? desired - primaryTasks.length
            : Math.min(desired - primaryTasks.length, Math.max(0, maxTotal - active.length));
        for (let i = 0; i < room; i++) {
          started.push(
            this.startTask({
              cluster,
              taskDefinition: td,
              launchType: service.launchType ?? 'EC2',
              group: `service:${service.name}`,
              startedBy: primary.id,
              service,
              deployment: primary,
              tags: service.propagateTags === 'SERVICE' ? service.tags : [],
            }),
          );
        }
      }
      let healthy = active.filter((t) => this.isHealthy(t) && !stopped.includes(t)).length;
      const oldByHealth = [...oldTasks].sort((a, b) => Number(this.isHealthy(a)) - Number(this.isHealthy(b)));
      for (const t of oldByHealth) {
        if (!this.isHealthy(t)) stop(t);
        else if (healthy > minHealthy) {
          stop(t);
          healthy--;
        }
      }
    }
    if (started.length > 0) {
      this.addEvent(
        service,
        `(service ${service.name}) has started ${started.length} tasks: ${started.map((t) => `(task ${t.id})`).join(' ')}.`,
      );
    }
    const stoppedRunning = stopped.filter((t) => t.startedAt !== undefined);
    if (stoppedRunning.length > 0) {
      this.addEvent(
        service,
        `(service ${service.name}) has stopped ${stoppedRunning.length} running tasks: ${stoppedRunning.map((t) => `(task ${t.id})`).join(' ')}.`,
      );
    }
    if (started.length > 0 || stopped.length > 0) service.steadyAnnounced = false;
    for (const t of started) all.push(t);

    // Retire old deployments whose tasks are all gone.
    for (const d of service.history) {
      if (d.status !== 'ACTIVE') continue;
      if (all.some((t) => t.deploymentId === d.id && t.lastStatus !== 'STOPPED')) continue;
      d.status = 'INACTIVE';
      d.updatedAt = now;
      if (d.sdStatus === 'ROLLBACK_IN_PROGRESS') continue; // settled when the rollback completes
    }
    this.updateCounts(service, all);

    const live = service.history.filter((d) => d.status !== 'INACTIVE');
    const primaryHealthy = all.filter((t) => t.deploymentId === primary.id && this.isHealthy(t)).length;
    const settled = live.length === 1 && primaryHealthy === desired && service.taskArns.size === desired;
    if (settled && primary.rolloutState === 'IN_PROGRESS') {
      primary.rolloutState = 'COMPLETED';
      primary.rolloutStateReason = `ECS deployment ${primary.id} completed.`;
      primary.updatedAt = now;
      primary.finishedAt = now;
      primary.sdStatus = 'SUCCESSFUL';
      this.addEvent(service, `(service ${service.name}) (deployment ${primary.id}) deployment completed.`);
      if (primary.rollbackOf) {
        const failed = service.history.find((d) => d.id === primary.rollbackOf);
        if (failed) {
          failed.sdStatus = 'ROLLBACK_SUCCESSFUL';
          failed.finishedAt = now;
        }
      }
    }
    if (settled && !service.steadyAnnounced && primary.rolloutState !== 'IN_PROGRESS') {
      service.steadyAnnounced = true;
      this.addEvent(service, `(service ${service.name}) has reached a steady state.`);
    }
  }

  private updateCounts(service: ServiceRecord, all: readonly TaskRecord[]): void {
    for (const d of service.history) {
      if (d.status === 'INACTIVE') continue;
      const mine = all.filter((t) => t.deploymentId === d.id && t.desiredStatus === 'RUNNING');
      const running = mine.filter((t) => t.lastStatus === 'RUNNING').length;
      const pending = mine.length - running;
      if (d.status !== 'PRIMARY') d.desiredCount = mine.length;
      d.runningCount = running;
      d.pendingCount = pending;
    }
  }

  // ---------------------------------------------------------------- time

  /** Processes everything due up to the current simulated time, in steps of at most 500 ms. */
  step(fromSim: number): void {
    const to = this.clock.simNow();
    let at = Math.min(to, fromSim + 500);
    for (;;) {
      this.stepAt(at);
      if (at >= to) break;
      at = Math.min(to, at + 500);
    }
  }

  /** Starts a standalone task every `everyMs` simulated ms, the first one `firstInMs` from now. */
  addSchedule(schedule: Omit<Schedule, 'nextAt'>, firstInMs: number): void {
    this.schedules.push({ ...schedule, nextAt: this.clock.simNow() + firstInMs });
  }

  private stepAt(sim: number): void {
    const now = this.clock.now();
    for (const s of this.schedules) {
      if (s.nextAt > sim || s.cluster.status !== 'ACTIVE') continue;
      s.nextAt = sim + s.everyMs;
      this.startTask({
        cluster: s.cluster,
        taskDefinition: s.taskDefinition,
        launchType: s.launchType,
        group: `family:${s.taskDefinition.family}`,
        startedBy: s.startedBy,
        ...(s.runMs !== undefined ? { exitAfterMs: s.runMs } : {}),
      });
    }
    for (const task of this.state.liveTasks.values()) this.stepTask(task, sim, now);
    for (const service of this.state.services.values()) this.reconcile(service);
    this.expireStopped(sim);
  }

  private expireStopped(sim: number): void {
    if (this.stoppedOrder.length === 0) return;
    const cutoff = sim - STOPPED_RETENTION_MS;
    let i = 0;
    for (const entry of this.stoppedOrder) {
      if (entry.sim >= cutoff) break;
      this.state.tasks.delete(entry.task.arn);
      i++;
    }
    if (i > 0) this.stoppedOrder = this.stoppedOrder.slice(i);
  }

  /** Forgets bookkeeping (admin reset). */
  clear(): void {
    this.stoppedOrder = [];
    this.schedules = [];
  }
}

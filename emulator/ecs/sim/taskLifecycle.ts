import type { Rng, SimClock } from '../../clock';
import { exitLines, runningLines, startupLines } from '../../logs/logLines';
import type {
  ClusterRecord,
  ContainerInstanceRecord,
  ContainerRecord,
  DeploymentRecord,
  JsonObject,
  ServiceRecord,
  TaskDefinitionRecord,
  TaskRecord,
} from '../../model';
import type { EmulatorState } from '../../state';
import { Containers } from './containers';
import { requirementsOf } from './placement';

/**
 * A task's lifecycle as ECS documents it: PROVISIONING (awsvpc) → PENDING → ACTIVATING (awsvpc) →
 * RUNNING → DEACTIVATING (awsvpc) → STOPPING → DEPROVISIONING (awsvpc) → STOPPED, health, the exit of
 * `crashloop` and `batch` containers, the log output of running containers, and the expiry of
 * stopped tasks. Keyed on simulated time; the service scheduler (rollingUpdate.ts) decides which
 * tasks to start and stop.
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

export interface TaskLifecycleOptions {
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
  /** EC2: the container instance placement chose (see placement.ts). */
  containerInstance?: ContainerInstanceRecord;
  /** ECS Exec; defaults to the service's setting. */
  enableExecuteCommand?: boolean;
}

export class TaskLifecycle {
  private stoppedOrder: { task: TaskRecord; sim: number }[] = [];
  private readonly containers: Containers;

  constructor(
    private readonly state: EmulatorState,
    private readonly clock: SimClock,
    private readonly rng: Rng,
    private readonly options: TaskLifecycleOptions,
  ) {
    this.containers = new Containers(state, rng);
  }

  private span(phase: string): number {
    const [min, max] = PHASE_MS[phase] ?? [1000, 1000];
    return this.rng.int(min, max);
  }

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
    const containers = defs.map((d) => this.containers.make(d, cluster, id, networkMode));
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
      availabilityZone:
        opts.containerInstance?.attributes.find((a) => a.name === 'ecs.availability-zone')?.value ??
        `${this.state.region}${this.rng.pick(['a', 'b', 'c'])}`,
      privateIp: `10.0.${this.rng.int(0, 15)}.${this.rng.int(2, 254)}`,
      eniId: `eni-${this.rng.hex(17)}`,
      ...(opts.launchType === 'FARGATE' ? { platformVersion: '1.4.0' } : {}),
      ...(opts.exitAfterMs !== undefined ? { exitAfterMs: opts.exitAfterMs } : {}),
      overrides,
      ...(opts.containerInstance
        ? { containerInstanceArn: opts.containerInstance.arn, reserved: requirementsOf(td) }
        : {}),
      enableExecuteCommand: opts.enableExecuteCommand ?? opts.service?.enableExecuteCommand ?? false,
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
        this.writeLogs(c, startupLines(this.containers.flavourOf(c), c.name, now), now);
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
  step(task: TaskRecord, sim: number, now: number): void {
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
        this.writeLogs(c, runningLines(this.containers.flavourOf(c), this.rng, now), now);
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

  /** Forgets stopped tasks older than the retention. */
  expireStopped(sim: number): void {
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
  }
}

/** A service: its deployments, events, running tasks, then its recently stopped tasks. */
import * as vscode from 'vscode';
import {
  connectionKey,
  isDeploying,
  parseTaskDefinitionArn,
  type Result,
  type Service,
} from '../../../aws/gateway';
import { stateLabel, when } from '../../format';
import { serviceHealth, type HealthVerdict, type StopFacts } from '../health';
import {
  dotted,
  md,
  type ClusterScope,
  type ExplorerEnv,
  type ExplorerNode,
  type LoadMode,
  type ShownService,
  type TaskScope,
} from './base';
import { DeploymentNode } from './deployment';
import { EventsNode } from './events';
import { HEALTH_LABEL, healthIcon } from './healthIcon';
import { listingOptions, LoadingNode } from './loading';
import { MessageNode } from './message';
import { TaskNode } from './task';
import { TaskFolderNode } from './taskFolder';
import { runningTasksQuery } from '../taskListing';

/** What a description shows of a service; two equal keys render the same row and children. */
function serviceKey(s: Service): string {
  return JSON.stringify([
    s.status,
    s.desiredCount,
    s.runningCount,
    s.pendingCount,
    s.taskDefinitionArn,
    s.rolloutState,
    s.deployments.map((d) => [d.id, d.status, d.runningCount, d.pendingCount, d.failedTasks, d.rolloutState]),
    s.events?.[0]?.id,
  ]);
}

export class ServiceNode extends LoadingNode implements ShownService, TaskScope {
  readonly id: string;
  private readonly stopped: TaskFolderNode;
  private readonly events: EventsNode;
  /** Set by the refresher: the tasks under this node must be read again. */
  tasksStale = false;

  constructor(
    readonly clusterNode: ClusterScope,
    private readonly env: ExplorerEnv,
    public service: Service,
  ) {
    super(clusterNode);
    this.id = `${clusterNode.id}/service:${service.arn}`;
    this.stopped = new TaskFolderNode(this, env, 'stopped');
    this.events = new EventsNode(this, env);
  }

  override get arn(): string {
    return this.service.arn;
  }
  override get json(): unknown {
    return this.service.raw;
  }

  update(service: Service): boolean {
    const changed = serviceKey(service) !== serviceKey(this.service);
    this.service = service;
    return changed;
  }

  watched(): boolean {
    const h = this.health().health;
    return this.env.expansion.isExpanded(this.clusterNode.id) || (h !== 'healthy' && h !== 'inactive');
  }

  taskScope(): { clusterArn: string; serviceName: string } {
    return { clusterArn: this.service.clusterArn, serviceName: this.service.name };
  }

  /** Stopped tasks seen of this service (read by its folder, remembered across sessions). */
  private recentStops(): StopFacts[] {
    const conn = this.connection;
    if (!conn) return [];
    return this.env.memory
      .list(`${connectionKey(conn)}|${this.service.clusterArn}|${this.service.name}`)
      .map((r) => ({
        ...(r.stoppedAt !== undefined ? { stoppedAt: new Date(r.stoppedAt) } : {}),
        ...(r.stopCode ? { stopCode: r.stopCode } : {}),
        ...(r.exitCode !== undefined ? { exitCode: r.exitCode } : {}),
      }));
  }

  health(): HealthVerdict {
    return serviceHealth(this.service, this.recentStops());
  }

  treeItem(): vscode.TreeItem {
    const s = this.service;
    const h = this.health();
    const item = new vscode.TreeItem(s.name, this.env.expansion.state(this.id, false));
    item.id = this.id;
    const capacity = s.launchType ?? (s.capacityProviders.join('+') || undefined);
    const state =
      h.failed > 0 && (h.health === 'failing' || h.health === 'degraded')
        ? `${h.failed} failed`
        : h.health === 'healthy'
          ? ''
          : HEALTH_LABEL[h.health];
    item.description = dotted([`${s.runningCount}/${s.desiredCount} running`, capacity, state]);
    const { family, revision } = parseTaskDefinitionArn(s.taskDefinitionArn);
    item.tooltip = md([
      `**${s.name}** — ${HEALTH_LABEL[h.health]}`,
      h.reason && `$(${h.health === 'failing' ? 'error' : 'warning'}) ${h.reason}`,
      `Tasks: ${s.runningCount} running, ${s.pendingCount} pending, ${s.desiredCount} desired`,
      h.failed > 0 && `Failed tasks: ${h.failed}`,
      capacity && `Capacity: ${capacity}`,
      `Task definition: ${family}:${revision}`,
      s.rolloutState && `Rollout: ${stateLabel(s.rolloutState)}`,
      s.circuitBreaker &&
        `Circuit breaker: ${s.circuitBreaker.enable ? `on${s.circuitBreaker.rollback ? ', rolls back' : ''}` : 'off'}`,
      `Deployments: ${s.deployments.length}`,
      when('Created', s.createdAt),
      `\`${s.arn}\``,
    ]);
    item.iconPath = healthIcon(h.health);
    item.contextValue = isDeploying(s) ? 'ecsService.deploying' : 'ecsService';
    return item;
  }

  protected override async load(mode: LoadMode): Promise<Result<ExplorerNode[]>> {
    const conn = this.connection;
    if (!conn) return { ok: true, value: [] };
    const s = this.service;
    const fresh = mode.fresh || this.tasksStale;
    this.tasksStale = false;
    const options = listingOptions(mode.priority, fresh);
    // Small clusters: one cluster-wide listing serves every service (see taskListing.ts).
    const query = runningTasksQuery(this.clusterNode.taskCount(), s.name);
    const r = await this.env.gateway.listTasks(conn, s.clusterArn, query, options);
    const deployments = s.deployments.map((d) => new DeploymentNode(this, d));
    const head = [...deployments, this.events];
    if (!r.ok) return { ok: true, value: [...head, new MessageNode(this, r.error), this.stopped] };
    const tasks = r.value
      .filter((t) => t.serviceName === s.name)
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((t) => new TaskNode(this, t));
    // The children say otherwise than the row (e.g. after a scale): the row is stale, read it again.
    const active = r.value.filter((t) => t.serviceName === s.name && t.lastStatus !== 'STOPPED').length;
    if (active !== s.runningCount + s.pendingCount) this.env.redescribe(this);
    return { ok: true, value: [...head, ...tasks, this.stopped] };
  }
}

/** A service: its deployments, its running tasks, then its recently stopped tasks. */
import * as vscode from 'vscode';
import { isDeploying, parseTaskDefinitionArn, type Result, type Service } from '../../../aws/gateway';
import {
  icon,
  md,
  type ClusterScope,
  type ExplorerEnv,
  type ExplorerNode,
  type LoadMode,
  type ShownService,
  type TaskScope,
} from './base';
import { DeploymentNode } from './deployment';
import { listingOptions, LoadingNode } from './loading';
import { MessageNode } from './message';
import { TaskNode } from './task';
import { TaskFolderNode } from './taskFolder';

function rolloutIcon(s: Service): vscode.ThemeIcon {
  if (isDeploying(s)) return icon('sync~spin', 'charts.blue');
  if (s.rolloutState === 'FAILED') return icon('error', 'testing.iconFailed');
  if (s.status !== 'ACTIVE') return icon('circle-slash', 'disabledForeground');
  if (s.runningCount < s.desiredCount) return icon('warning', 'list.warningForeground');
  return icon('pass', 'testing.iconPassed');
}

export class ServiceNode extends LoadingNode implements ShownService, TaskScope {
  readonly id: string;
  private readonly stopped: TaskFolderNode;
  /** Set by the deployment watcher: the tasks under this node must be read again. */
  tasksStale = false;

  constructor(
    readonly clusterNode: ClusterScope,
    private readonly env: ExplorerEnv,
    public service: Service,
  ) {
    super(clusterNode);
    this.id = `${clusterNode.id}/service:${service.arn}`;
    this.stopped = new TaskFolderNode(this, env, 'stopped');
  }

  override get arn(): string {
    return this.service.arn;
  }
  override get json(): unknown {
    return this.service.raw;
  }

  update(service: Service): void {
    this.service = service;
  }

  taskScope(): { clusterArn: string; serviceName: string } {
    return { clusterArn: this.service.clusterArn, serviceName: this.service.name };
  }

  treeItem(): vscode.TreeItem {
    const s = this.service;
    const item = new vscode.TreeItem(s.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    const capacity = s.launchType ?? (s.capacityProviders.join('+') || undefined);
    item.description = [
      `${s.runningCount}/${s.desiredCount} running`,
      capacity,
      isDeploying(s) ? 'deploying' : s.rolloutState,
    ]
      .filter(Boolean)
      .join(' · ');
    const { family, revision } = parseTaskDefinitionArn(s.taskDefinitionArn);
    item.tooltip = md([
      `**${s.name}** — ${s.status}`,
      `Tasks: ${s.runningCount} running, ${s.pendingCount} pending, ${s.desiredCount} desired`,
      capacity && `Capacity: ${capacity}`,
      `Task definition: ${family}:${revision}`,
      s.rolloutState && `Rollout: ${s.rolloutState}`,
      `Deployments: ${s.deployments.length}`,
      `\`${s.arn}\``,
    ]);
    item.iconPath = rolloutIcon(s);
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
    // Small clusters: one cluster-wide listing serves every service (and the standalone folder).
    const r = this.clusterNode.clusterWideTasks()
      ? await this.env.gateway.listTasks(conn, s.clusterArn, { desiredStatus: 'RUNNING' }, options)
      : await this.env.gateway.listTasks(
          conn,
          s.clusterArn,
          { desiredStatus: 'RUNNING', serviceName: s.name },
          options,
        );
    const deployments = s.deployments.map((d) => new DeploymentNode(this, d));
    if (!r.ok) return { ok: true, value: [...deployments, new MessageNode(this, r.error), this.stopped] };
    const tasks = r.value.filter((t) => t.serviceName === s.name).map((t) => new TaskNode(this, t));
    return { ok: true, value: [...deployments, ...tasks, this.stopped] };
  }
}

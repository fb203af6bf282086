/** A cluster: its services, then its standalone and recently stopped tasks. */
import * as vscode from 'vscode';
import type { Cluster, Result } from '../../../aws/gateway';
import {
  icon,
  md,
  type ClusterScope,
  type ExplorerEnv,
  type ExplorerNode,
  type LoadMode,
  type PagedNode,
  type TaskScope,
} from './base';
import { listingOptions, LoadingNode, readPages } from './loading';
import { LoadMoreNode } from './loadMore';
import { ServiceNode } from './service';
import { TaskFolderNode } from './taskFolder';

/** Clusters with at most this many running tasks are listed once for all their services. */
export const CLUSTER_WIDE_TASK_LIMIT = 1000;

export class ClusterNode extends LoadingNode implements PagedNode, ClusterScope, TaskScope {
  readonly id: string;
  private pagesWanted = 1;
  private readonly serviceNodes = new Map<string, ServiceNode>();
  private readonly standalone: TaskFolderNode;
  private readonly stopped: TaskFolderNode;

  constructor(
    parent: ExplorerNode,
    private readonly env: ExplorerEnv,
    public cluster: Cluster,
  ) {
    super(parent);
    this.id = `${parent.id}/cluster:${cluster.arn}`;
    this.standalone = new TaskFolderNode(this, env, 'standalone');
    this.stopped = new TaskFolderNode(this, env, 'stopped');
  }

  override get arn(): string {
    return this.cluster.arn;
  }
  override get json(): unknown {
    return this.cluster.raw;
  }

  update(cluster: Cluster): void {
    this.cluster = cluster;
  }

  loadMore(): void {
    this.pagesWanted++;
    this.env.changed(this);
  }

  taskScope(): { clusterArn: string } {
    return { clusterArn: this.cluster.arn };
  }

  treeItem(): vscode.TreeItem {
    const c = this.cluster;
    const item = new vscode.TreeItem(c.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    const tasks = `${c.runningTasksCount} running${c.pendingTasksCount ? `, ${c.pendingTasksCount} pending` : ''}`;
    item.description = `${c.status === 'ACTIVE' ? '' : `${c.status} · `}${c.activeServicesCount} services · ${tasks}`;
    item.tooltip = md([
      `**${c.name}** — ${c.status}`,
      `Services: ${c.activeServicesCount}`,
      `Tasks: ${c.runningTasksCount} running, ${c.pendingTasksCount} pending`,
      c.registeredContainerInstancesCount > 0 &&
        `Container instances: ${c.registeredContainerInstancesCount}`,
      c.capacityProviders.length > 0 && `Capacity providers: ${c.capacityProviders.join(', ')}`,
      `\`${c.arn}\``,
    ]);
    item.iconPath = icon('server-environment', c.status === 'ACTIVE' ? undefined : 'disabledForeground');
    item.contextValue = 'ecsCluster';
    return item;
  }

  /** Running tasks of the whole cluster, when it is small enough to list them once for every service. */
  clusterWideTasks(): boolean {
    return this.cluster.runningTasksCount + this.cluster.pendingTasksCount <= CLUSTER_WIDE_TASK_LIMIT;
  }

  protected override async load(mode: LoadMode): Promise<Result<ExplorerNode[]>> {
    const conn = this.connection;
    if (!conn) return { ok: true, value: [] };
    const read = await readPages(this.pagesWanted, (token) =>
      this.env.gateway.listServices(conn, this.cluster.arn, token, listingOptions(mode.priority, mode.fresh)),
    );
    if (!read.ok) return read;
    const { items: services, nextToken } = read.value;
    const nodes: ExplorerNode[] = services.map((s) => {
      let node = this.serviceNodes.get(s.arn);
      if (node) node.update(s);
      else {
        node = new ServiceNode(this, this.env, s);
        this.serviceNodes.set(s.arn, node);
      }
      this.env.shownServices.add(node);
      return node;
    });
    if (nextToken) nodes.push(new LoadMoreNode(this, services.length));
    nodes.push(this.standalone, this.stopped);
    return { ok: true, value: nodes };
  }
}

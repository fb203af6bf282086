/** A cluster: its services, then its standalone and recently stopped tasks. */
import * as vscode from 'vscode';
import type { Cluster, Result, Service } from '../../../aws/gateway';
import { worst, type HealthVerdict } from '../health';
import {
  dotted,
  md,
  type ClusterScope,
  type ExplorerEnv,
  type ExplorerNode,
  type LoadMode,
  type TaskScope,
} from './base';
import { listingOptions, PagedLoadingNode, readPages } from './loading';
import { HEALTH_LABEL, healthIcon } from './healthIcon';
import { ContainerInstancesNode } from './containerInstances';
import { LoadMoreNode } from './loadMore';
import { ServiceNode } from './service';
import { TaskFolderNode } from './taskFolder';

export class ClusterNode extends PagedLoadingNode implements ClusterScope, TaskScope {
  readonly id: string;
  private readonly serviceNodes = new Map<string, ServiceNode>();
  private readonly standalone: TaskFolderNode;
  private readonly stopped: TaskFolderNode;
  private readonly instances: ContainerInstancesNode;
  private summarised = false;

  constructor(
    parent: ExplorerNode,
    env: ExplorerEnv,
    public cluster: Cluster,
  ) {
    super(parent, env);
    this.id = `${parent.id}/cluster:${cluster.arn}`;
    this.standalone = new TaskFolderNode(this, env, 'standalone');
    this.stopped = new TaskFolderNode(this, env, 'stopped');
    this.instances = new ContainerInstancesNode(
      this,
      env,
      cluster.arn,
      cluster.registeredContainerInstancesCount,
    );
  }

  override get arn(): string {
    return this.cluster.arn;
  }
  override get json(): unknown {
    return this.cluster.raw;
  }

  /** Takes a new description; says whether its counts changed. */
  update(cluster: Cluster): boolean {
    const key = (c: Cluster): string =>
      `${c.status}|${c.activeServicesCount}|${c.runningTasksCount}|${c.pendingTasksCount}|${c.registeredContainerInstancesCount}`;
    const changed = key(cluster) !== key(this.cluster);
    this.cluster = cluster;
    this.instances.update(cluster.registeredContainerInstancesCount);
    return changed;
  }

  /** As healthy as its worst service (of those read so far). */
  health(): HealthVerdict & { known: number } {
    const verdicts = [...this.serviceNodes.values()].map((n) => n.health());
    return { ...worst(verdicts), known: verdicts.length };
  }

  /**
   * Reads the first page of services in the background, once, so the row shows the cluster's
   * health before anyone opens it (the same cached listing the expansion then uses).
   */
  async summarise(): Promise<void> {
    const conn = this.connection;
    if (this.summarised || !conn || this.cluster.activeServicesCount === 0) return;
    this.summarised = true;
    const r = await this.env.gateway.listServices(conn, this.cluster.arn, undefined, {
      priority: 'background',
    });
    if (!r.ok) return;
    for (const s of r.value.items) this.serviceNode(s);
    this.env.rendered(this);
  }

  private serviceNode(s: Service): ServiceNode {
    let node = this.serviceNodes.get(s.arn);
    if (node) node.update(s);
    else {
      node = new ServiceNode(this, this.env, s);
      this.serviceNodes.set(s.arn, node);
    }
    this.env.shownServices.add(node);
    return node;
  }

  taskScope(): { clusterArn: string } {
    return { clusterArn: this.cluster.arn };
  }

  treeItem(): vscode.TreeItem {
    const c = this.cluster;
    const h = this.health();
    const item = new vscode.TreeItem(c.name, this.env.expansion.state(this.id, false));
    item.id = this.id;
    const tasks = `${c.runningTasksCount} running${c.pendingTasksCount ? `, ${c.pendingTasksCount} pending` : ''}`;
    const failing = h.health === 'failing' || h.health === 'degraded';
    item.description = dotted([
      c.status === 'ACTIVE' ? '' : c.status,
      `${c.activeServicesCount} services`,
      tasks,
      failing && h.failed > 0 ? `${h.failed} failed` : '',
    ]);
    const unhealthy = [...this.serviceNodes.values()]
      .map((n) => ({ name: n.service.name, v: n.health() }))
      .filter((x) => x.v.health === 'failing' || x.v.health === 'degraded');
    item.tooltip = md([
      `**${c.name}** — ${c.status === 'ACTIVE' ? HEALTH_LABEL[h.health] : c.status}`,
      ...unhealthy.map(
        (x) => `$(${x.v.health === 'failing' ? 'error' : 'warning'}) ${x.name}: ${x.v.reason}`,
      ),
      `Services: ${c.activeServicesCount}`,
      `Tasks: ${c.runningTasksCount} running, ${c.pendingTasksCount} pending`,
      c.registeredContainerInstancesCount > 0 &&
        `Container instances: ${c.registeredContainerInstancesCount}`,
      c.capacityProviders.length > 0 && `Capacity providers: ${c.capacityProviders.join(', ')}`,
      `\`${c.arn}\``,
    ]);
    // The cluster's own icon, in the colour of its worst service.
    item.iconPath =
      c.status !== 'ACTIVE'
        ? healthIcon('inactive', 'server-environment')
        : h.known === 0 || h.health === 'healthy' || h.health === 'deploying'
          ? healthIcon(h.health === 'deploying' ? 'deploying' : 'healthy', 'server-environment')
          : healthIcon(h.health, 'server-environment');
    item.contextValue = 'ecsCluster';
    return item;
  }

  /** Running and pending tasks: what decides where a service's tasks are listed (`taskListing.ts`). */
  taskCount(): number {
    return this.cluster.runningTasksCount + this.cluster.pendingTasksCount;
  }

  protected override async load(mode: LoadMode): Promise<Result<ExplorerNode[]>> {
    const conn = this.connection;
    if (!conn) return { ok: true, value: [] };
    const read = await readPages(this.pagesWanted, (token) =>
      this.env.gateway.listServices(conn, this.cluster.arn, token, listingOptions(mode.priority, mode.fresh)),
    );
    if (!read.ok) return read;
    const { items: services, nextToken } = read.value;
    const all = services.map((s) => this.serviceNode(s));
    // The "only unhealthy" filter hides what is fine; what is failing stays in sight.
    const nodes: ExplorerNode[] = this.env.unhealthyOnly
      ? all.filter((n) => !['healthy', 'inactive'].includes(n.health().health))
      : all;
    if (nextToken) nodes.push(new LoadMoreNode(this, services.length));
    // EC2 capacity, where there is any: what "unable to place a task" is measured against.
    if (this.cluster.registeredContainerInstancesCount > 0) nodes.push(this.instances);
    nodes.push(this.standalone, this.stopped);
    return { ok: true, value: nodes };
  }
}

/**
 * The explorer's nodes: each knows how to render itself and load its children through the
 * gateway. Nodes never throw: a failed listing becomes a `MessageNode` carrying the error, and a
 * failed refresh keeps the children already shown under a warning.
 *
 * connection → clusters → services → deployments, tasks → containers
 *                       → standalone tasks, recently stopped tasks
 *            → task definitions → families → revisions
 */
import * as vscode from 'vscode';
import {
  connectionKey,
  connectionLabel,
  isDeploying,
  type Cluster,
  type Connection,
  type Container,
  type Deployment,
  type EcsGateway,
  type GatewayError,
  type Priority,
  type Result,
  type Service,
  type Task,
  type TaskDefinitionRef,
  parseTaskDefinitionArn,
} from '../aws/gateway';

/** What nodes need from the explorer. */
export interface ExplorerEnv {
  readonly gateway: EcsGateway;
  /** Re-renders a node (and its children if expanded); the whole tree without one. */
  changed(node?: ExplorerNode): void;
  /** The URI of a revision's read-only document. */
  revisionUri(c: Connection, ref: TaskDefinitionRef): vscode.Uri;
  /** Services currently shown, for the deployment watcher. */
  readonly shownServices: Set<ServiceNode>;
}

/** How a node's children are to be read this time. */
interface LoadMode {
  readonly priority: Priority;
  /** Ignore cached listings. */
  readonly fresh: boolean;
}

/** Clusters with at most this many running tasks are listed once for all their services. */
export const CLUSTER_WIDE_TASK_LIMIT = 1000;

export abstract class ExplorerNode {
  abstract readonly id: string;
  /** The ARN that "Copy ARN" copies, when the node has one. */
  get arn(): string | undefined {
    return undefined;
  }
  /** What "View as JSON" shows. */
  get json(): unknown {
    return undefined;
  }
  /** Children shown last time, kept when a refresh fails. */
  private shown: ExplorerNode[] | undefined;
  /** Set by refresh(): the next load bypasses caches. */
  private freshNext = false;

  constructor(readonly parent: ExplorerNode | undefined) {}

  abstract treeItem(): vscode.TreeItem;

  /** Loads children; undefined for leaves. */
  protected load?(mode: LoadMode): Promise<Result<ExplorerNode[]>>;

  /** The connection this node belongs to. */
  get connection(): Connection | undefined {
    return this.parent?.connection;
  }

  /** Marks the node's listing stale so the next expansion reads it fresh. */
  markFresh(): void {
    this.freshNext = true;
  }

  async children(priority: Priority = 'interactive'): Promise<ExplorerNode[]> {
    if (!this.load) return [];
    const fresh = this.freshNext;
    this.freshNext = false;
    let result: Result<ExplorerNode[]>;
    try {
      result = await this.load({ priority, fresh });
    } catch (error) {
      // A bug, not an AWS error: still show something useful rather than a broken tree.
      result = {
        ok: false,
        error: {
          kind: 'Unknown',
          message: 'Could not list this item. See the ECS Workbench log.',
          detail: String(error),
        },
      };
    }
    if (result.ok) {
      this.shown = result.value;
      return result.value;
    }
    const message = new MessageNode(this, result.error);
    // Keep what was shown: a failed refresh must not empty the tree.
    return this.shown ? [message, ...this.shown.filter((n) => !(n instanceof MessageNode))] : [message];
  }
}

const icon = (id: string, color?: string): vscode.ThemeIcon =>
  new vscode.ThemeIcon(id, color ? new vscode.ThemeColor(color) : undefined);

const time = (d: Date | undefined): string =>
  d
    ? d
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d+Z$/, 'Z')
    : '';

function md(lines: (string | false | undefined)[]): vscode.MarkdownString {
  const text = new vscode.MarkdownString(lines.filter(Boolean).join('  \n'));
  text.supportThemeIcons = true;
  return text;
}

/** A listing that failed, or an informational line ("No clusters"). */
export class MessageNode extends ExplorerNode {
  readonly id: string;
  constructor(
    parent: ExplorerNode | undefined,
    readonly error: GatewayError | undefined,
    private readonly text?: string,
  ) {
    super(parent);
    this.id = `${parent?.id ?? 'root'}/message:${error?.kind ?? text ?? ''}`;
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.error ? this.error.message : (this.text ?? ''));
    item.id = this.id;
    if (!this.error) {
      item.iconPath = icon('info');
      item.contextValue = 'ecsInfo';
      return item;
    }
    const e = this.error;
    item.description = e.kind;
    item.iconPath = icon(e.kind === 'Throttled' ? 'watch' : 'warning', 'list.warningForeground');
    item.tooltip = md([
      `**${e.kind}**${e.operation ? ` (${e.operation})` : ''}`,
      e.message,
      `\`${e.detail}\``,
    ]);
    item.contextValue = `ecsMessage.${e.kind}`;
    item.command = { title: 'Fix', command: 'ecsWorkbench.explorer.fix', arguments: [this] };
    return item;
  }
}

/** "Load more…" at the end of a paged listing. */
export class LoadMoreNode extends ExplorerNode {
  readonly id: string;
  constructor(
    readonly owner: PagedNode,
    private readonly loaded: number,
  ) {
    super(owner);
    this.id = `${owner.id}/more`;
  }
  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem('Load more…');
    item.id = this.id;
    item.description = `${this.loaded} shown`;
    item.iconPath = icon('fold-down');
    item.contextValue = 'ecsLoadMore';
    item.command = { title: 'Load more', command: 'ecsWorkbench.explorer.loadMore', arguments: [this] };
    return item;
  }
}

/** A node whose children come in pages of 100, with "Load more". */
export interface PagedNode extends ExplorerNode {
  loadMore(): void;
}

export class ConnectionNode extends ExplorerNode {
  readonly id: string;
  private readonly clusterNodes = new Map<string, ClusterNode>();
  private readonly taskDefinitions: TaskDefinitionsNode;

  constructor(
    private readonly conn: Connection,
    private readonly env: ExplorerEnv,
  ) {
    super(undefined);
    this.id = `conn:${connectionKey(conn)}`;
    this.taskDefinitions = new TaskDefinitionsNode(this, env);
  }

  override get connection(): Connection {
    return this.conn;
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.conn.region, vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    item.description = this.conn.endpoint
      ? `${this.conn.profile} @ ${this.conn.endpoint}`
      : this.conn.profile;
    item.tooltip = md([
      `**${connectionLabel(this.conn)}**`,
      'Clusters and task definitions of this profile and Region.',
    ]);
    item.iconPath = icon('globe');
    item.contextValue = 'ecsConnection';
    return item;
  }

  protected override async load(mode: LoadMode): Promise<Result<ExplorerNode[]>> {
    const r = await this.env.gateway.listClusters(this.conn, {
      priority: mode.priority,
      ...(mode.fresh ? { maxAge: 0 } : {}),
    });
    if (!r.ok) return { ok: false, error: r.error };
    const nodes: ExplorerNode[] = r.value.map((cluster) => {
      let node = this.clusterNodes.get(cluster.arn);
      if (node) node.update(cluster);
      else {
        node = new ClusterNode(this, this.env, cluster);
        this.clusterNodes.set(cluster.arn, node);
      }
      return node;
    });
    if (nodes.length === 0)
      nodes.push(new MessageNode(this, undefined, `No clusters in ${this.conn.region}`));
    nodes.push(this.taskDefinitions);
    return { ok: true, value: nodes };
  }
}

export class ClusterNode extends ExplorerNode implements PagedNode {
  readonly id: string;
  private pagesWanted = 1;
  private readonly serviceNodes = new Map<string, ServiceNode>();
  private readonly standalone: TaskFolderNode;
  private readonly stopped: TaskFolderNode;

  constructor(
    parent: ConnectionNode,
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
    const services: Service[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const r = await this.env.gateway.listServices(conn, this.cluster.arn, token, {
        priority: mode.priority,
        ...(mode.fresh ? { maxAge: 0 } : {}),
      });
      if (!r.ok) {
        if (services.length === 0) return { ok: false, error: r.error };
        break;
      }
      services.push(...r.value.items);
      token = r.value.nextToken;
      pages++;
    } while (token && pages < this.pagesWanted);
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
    if (token) nodes.push(new LoadMoreNode(this, services.length));
    nodes.push(this.standalone, this.stopped);
    return { ok: true, value: nodes };
  }
}

function rolloutIcon(s: Service): vscode.ThemeIcon {
  if (isDeploying(s)) return icon('sync~spin', 'charts.blue');
  if (s.rolloutState === 'FAILED') return icon('error', 'testing.iconFailed');
  if (s.status !== 'ACTIVE') return icon('circle-slash', 'disabledForeground');
  if (s.runningCount < s.desiredCount) return icon('warning', 'list.warningForeground');
  return icon('pass', 'testing.iconPassed');
}

export class ServiceNode extends ExplorerNode {
  readonly id: string;
  private readonly stopped: TaskFolderNode;
  /** Set by the deployment watcher: the tasks under this node must be read again. */
  tasksStale = false;

  constructor(
    readonly clusterNode: ClusterNode,
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
    const options = { priority: mode.priority, ...(fresh ? { maxAge: 0 } : {}) };
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

export class DeploymentNode extends ExplorerNode {
  readonly id: string;
  constructor(
    parent: ServiceNode,
    readonly deployment: Deployment,
  ) {
    super(parent);
    this.id = `${parent.id}/deployment:${deployment.id}`;
  }
  override get json(): unknown {
    return this.deployment;
  }

  treeItem(): vscode.TreeItem {
    const d = this.deployment;
    const { family, revision } = parseTaskDefinitionArn(d.taskDefinitionArn);
    const item = new vscode.TreeItem(`${d.status} ${family}:${revision}`);
    item.id = this.id;
    item.description = [
      d.rolloutState,
      `${d.runningCount}/${d.desiredCount} running`,
      d.pendingCount ? `${d.pendingCount} pending` : '',
      d.failedTasks ? `${d.failedTasks} failed` : '',
    ]
      .filter(Boolean)
      .join(' · ');
    item.tooltip = md([
      `**Deployment ${d.id}** — ${d.status}`,
      d.rolloutState &&
        `Rollout: ${d.rolloutState}${d.rolloutStateReason ? ` — ${d.rolloutStateReason}` : ''}`,
      `Task definition: ${family}:${revision}`,
      `Tasks: ${d.runningCount} running, ${d.pendingCount} pending, ${d.desiredCount} desired, ${d.failedTasks} failed`,
      d.createdAt && `Created: ${time(d.createdAt)}`,
      d.updatedAt && `Updated: ${time(d.updatedAt)}`,
    ]);
    item.iconPath =
      d.rolloutState === 'IN_PROGRESS'
        ? icon('loading~spin')
        : d.rolloutState === 'FAILED'
          ? icon('error', 'testing.iconFailed')
          : icon('rocket');
    item.contextValue = `ecsDeployment.${d.status}`;
    return item;
  }
}

function taskIcon(t: Task): vscode.ThemeIcon {
  if (t.lastStatus === 'RUNNING') {
    return t.healthStatus === 'UNHEALTHY'
      ? icon('vm-active', 'testing.iconFailed')
      : icon('vm-running', 'testing.iconPassed');
  }
  if (t.lastStatus === 'STOPPED' || t.lastStatus === 'DEPROVISIONING' || t.lastStatus === 'STOPPING') {
    return icon(
      'vm-outline',
      t.stopCode && t.stopCode !== 'UserInitiated' && t.stopCode !== 'ServiceSchedulerInitiated'
        ? 'testing.iconFailed'
        : 'disabledForeground',
    );
  }
  return icon('loading~spin');
}

export class TaskNode extends ExplorerNode {
  readonly id: string;
  constructor(
    parent: ExplorerNode,
    readonly task: Task,
  ) {
    super(parent);
    this.id = `${parent.id}/task:${task.arn}`;
  }
  override get arn(): string {
    return this.task.arn;
  }
  override get json(): unknown {
    return this.task.raw;
  }

  treeItem(): vscode.TreeItem {
    const t = this.task;
    // Stopping or stopped: what matters is why.
    const stopped = t.desiredStatus === 'STOPPED' || t.lastStatus === 'STOPPED';
    const item = new vscode.TreeItem(t.id, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.description = stopped
      ? [
          t.lastStatus === 'STOPPED' ? '' : t.lastStatus,
          t.stopCode,
          t.stoppedReason,
          `${t.family}:${t.revision}`,
          time(t.stoppedAt),
        ]
          .filter(Boolean)
          .join(' · ')
      : [
          t.lastStatus,
          t.healthStatus && t.healthStatus !== 'UNKNOWN' ? t.healthStatus : '',
          `${t.family}:${t.revision}`,
          t.availabilityZone,
          t.privateIp,
        ]
          .filter(Boolean)
          .join(' · ');
    item.tooltip = md([
      `**Task ${t.id}** — ${t.lastStatus} (desired ${t.desiredStatus})`,
      t.healthStatus && `Health: ${t.healthStatus}`,
      `Task definition: ${t.family}:${t.revision}`,
      t.group && `Group: ${t.group}`,
      (t.launchType ?? t.capacityProviderName) && `Capacity: ${t.capacityProviderName ?? t.launchType ?? ''}`,
      t.startedAt && `Started: ${time(t.startedAt)}`,
      t.stoppedAt && `Stopped: ${time(t.stoppedAt)}`,
      t.stopCode && `Stop code: ${t.stopCode}`,
      t.stoppedReason && `Stopped reason: ${t.stoppedReason}`,
      t.availabilityZone && `Availability Zone: ${t.availabilityZone}`,
      t.privateIp && `Private IP: ${t.privateIp}`,
      `\`${t.arn}\``,
    ]);
    item.iconPath = taskIcon(t);
    item.contextValue = stopped ? 'ecsTask.stopped' : 'ecsTask';
    return item;
  }

  protected override load(): Promise<Result<ExplorerNode[]>> {
    return Promise.resolve({ ok: true, value: this.task.containers.map((c) => new ContainerNode(this, c)) });
  }
}

export class ContainerNode extends ExplorerNode {
  readonly id: string;
  constructor(
    readonly taskNode: TaskNode,
    readonly container: Container,
  ) {
    super(taskNode);
    this.id = `${taskNode.id}/container:${container.name}`;
  }
  override get arn(): string | undefined {
    return this.container.arn;
  }
  override get json(): unknown {
    return (this.taskNode.task.raw as { containers?: { name?: string }[] } | undefined)?.containers?.find(
      (c) => c.name === this.container.name,
    );
  }

  treeItem(): vscode.TreeItem {
    const c = this.container;
    const item = new vscode.TreeItem(c.name);
    item.id = this.id;
    item.description = [
      c.lastStatus,
      c.healthStatus && c.healthStatus !== 'UNKNOWN' ? c.healthStatus : '',
      c.exitCode !== undefined ? `exit ${c.exitCode}` : '',
      c.reason,
      c.image,
    ]
      .filter(Boolean)
      .join(' · ');
    item.tooltip = md([
      `**${c.name}** — ${c.lastStatus ?? 'UNKNOWN'}`,
      c.healthStatus && `Health: ${c.healthStatus}`,
      c.exitCode !== undefined && `Exit code: ${c.exitCode}`,
      c.reason && `Reason: ${c.reason}`,
      c.image && `Image: \`${c.image}\``,
      c.imageDigest && `Digest: \`${c.imageDigest}\``,
    ]);
    const failed = c.exitCode !== undefined && c.exitCode !== 0;
    item.iconPath = icon(
      'package',
      failed ? 'testing.iconFailed' : c.lastStatus === 'RUNNING' ? 'testing.iconPassed' : undefined,
    );
    item.contextValue = 'ecsContainer';
    return item;
  }
}

/** "Standalone tasks" (not started by a service) or "Recently stopped tasks" of a cluster or service. */
export class TaskFolderNode extends ExplorerNode {
  readonly id: string;
  constructor(
    parent: ClusterNode | ServiceNode,
    private readonly env: ExplorerEnv,
    readonly kind: 'standalone' | 'stopped',
  ) {
    super(parent);
    this.id = `${parent.id}/${kind}`;
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(
      this.kind === 'standalone' ? 'Standalone tasks' : 'Recently stopped tasks',
      vscode.TreeItemCollapsibleState.Collapsed,
    );
    item.id = this.id;
    item.iconPath = icon(this.kind === 'standalone' ? 'symbol-method' : 'history');
    item.tooltip =
      this.kind === 'standalone'
        ? 'Tasks not started by a service (RunTask, scheduled tasks).'
        : 'Tasks stopped in about the last hour, with their stop code and reason.';
    item.contextValue = `ecsTaskFolder.${this.kind}`;
    return item;
  }

  protected override async load(mode: LoadMode): Promise<Result<ExplorerNode[]>> {
    const conn = this.connection;
    const parent = this.parent;
    if (!conn || !(parent instanceof ClusterNode || parent instanceof ServiceNode))
      return { ok: true, value: [] };
    const options = { priority: mode.priority, ...(mode.fresh ? { maxAge: 0 } : {}) };
    const clusterArn = parent instanceof ClusterNode ? parent.cluster.arn : parent.service.clusterArn;
    const serviceName = parent instanceof ServiceNode ? parent.service.name : undefined;
    const r =
      this.kind === 'standalone'
        ? await this.env.gateway.listTasks(conn, clusterArn, { desiredStatus: 'RUNNING' }, options)
        : await this.env.gateway.listTasks(
            conn,
            clusterArn,
            { desiredStatus: 'STOPPED', limit: 100, ...(serviceName ? { serviceName } : {}) },
            options,
          );
    if (!r.ok) return { ok: false, error: r.error };
    const tasks = this.kind === 'standalone' ? r.value.filter((t) => !t.serviceName) : r.value;
    if (tasks.length === 0) {
      return {
        ok: true,
        value: [
          new MessageNode(
            this,
            undefined,
            this.kind === 'standalone' ? 'No standalone tasks' : 'No recently stopped tasks',
          ),
        ],
      };
    }
    return { ok: true, value: tasks.map((t) => new TaskNode(this, t)) };
  }
}

export class TaskDefinitionsNode extends ExplorerNode implements PagedNode {
  readonly id: string;
  private pagesWanted = 1;
  constructor(
    parent: ConnectionNode,
    private readonly env: ExplorerEnv,
  ) {
    super(parent);
    this.id = `${parent.id}/task-definitions`;
  }

  loadMore(): void {
    this.pagesWanted++;
    this.env.changed(this);
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem('Task definitions', vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.iconPath = icon('symbol-file');
    item.contextValue = 'ecsTaskDefinitions';
    return item;
  }

  protected override async load(mode: LoadMode): Promise<Result<ExplorerNode[]>> {
    const conn = this.connection;
    if (!conn) return { ok: true, value: [] };
    const families: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const r = await this.env.gateway.listTaskDefinitionFamilies(conn, token, {
        priority: mode.priority,
        ...(mode.fresh ? { maxAge: 0 } : {}),
      });
      if (!r.ok) {
        if (families.length === 0) return { ok: false, error: r.error };
        break;
      }
      families.push(...r.value.items);
      token = r.value.nextToken;
      pages++;
    } while (token && pages < this.pagesWanted);
    const nodes: ExplorerNode[] = families.map((f) => new FamilyNode(this, this.env, f));
    if (token) nodes.push(new LoadMoreNode(this, families.length));
    if (nodes.length === 0) nodes.push(new MessageNode(this, undefined, 'No task definitions'));
    return { ok: true, value: nodes };
  }
}

export class FamilyNode extends ExplorerNode {
  readonly id: string;
  constructor(
    parent: TaskDefinitionsNode,
    private readonly env: ExplorerEnv,
    readonly family: string,
  ) {
    super(parent);
    this.id = `${parent.id}/family:${family}`;
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.family, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.iconPath = icon('symbol-class');
    item.contextValue = 'ecsTaskDefinitionFamily';
    return item;
  }

  protected override async load(mode: LoadMode): Promise<Result<ExplorerNode[]>> {
    const conn = this.connection;
    if (!conn) return { ok: true, value: [] };
    const r = await this.env.gateway.listTaskDefinitionRevisions(conn, this.family, {
      priority: mode.priority,
      ...(mode.fresh ? { maxAge: 0 } : {}),
    });
    if (!r.ok) return { ok: false, error: r.error };
    return { ok: true, value: r.value.map((ref) => new RevisionNode(this, this.env, ref)) };
  }
}

export class RevisionNode extends ExplorerNode {
  readonly id: string;
  constructor(
    parent: FamilyNode,
    private readonly env: ExplorerEnv,
    readonly ref: TaskDefinitionRef,
  ) {
    super(parent);
    this.id = `${parent.id}/revision:${ref.revision}`;
  }
  override get arn(): string {
    return this.ref.arn;
  }

  /** The read-only document of this revision. */
  uri(): vscode.Uri | undefined {
    const conn = this.connection;
    return conn ? this.env.revisionUri(conn, this.ref) : undefined;
  }

  treeItem(): vscode.TreeItem {
    const r = this.ref;
    const item = new vscode.TreeItem(`${r.family}:${r.revision}`);
    item.id = this.id;
    item.description = r.status;
    item.tooltip = md([
      `**${r.family}:${r.revision}** — ${r.status}`,
      `\`${r.arn}\``,
      'Click to open as read-only JSON.',
    ]);
    item.iconPath = icon('file-code', r.status === 'INACTIVE' ? 'disabledForeground' : undefined);
    item.contextValue = `ecsTaskDefinitionRevision.${r.status}`;
    const uri = this.uri();
    if (uri) item.command = { title: 'Open', command: 'vscode.open', arguments: [uri, { preview: true }] };
    return item;
  }
}

/** A profile and Region: its clusters, then its task definitions. */
import * as vscode from 'vscode';
import {
  connectionKey,
  connectionLabel,
  type Cluster,
  type Connection,
  type Result,
} from '../../../aws/gateway';
import { icon, md, type ExplorerEnv, type ExplorerNode, type LoadMode } from './base';
import { ClusterNode } from './cluster';
import { listingOptions, LoadingNode } from './loading';
import { MessageNode } from './message';
import { TaskDefinitionsNode } from './taskDefinitions';

export class ConnectionNode extends LoadingNode {
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
    const item = new vscode.TreeItem(this.conn.region, this.env.expansion.state(this.id, true));
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

  /** The node of a cluster, with its new description; re-rendered only if its row changed. */
  updateCluster(cluster: Cluster): ClusterNode {
    let node = this.clusterNodes.get(cluster.arn);
    if (node) {
      if (node.update(cluster)) this.env.rendered(node);
    } else {
      node = new ClusterNode(this, this.env, cluster);
      this.clusterNodes.set(cluster.arn, node);
    }
    return node;
  }

  /** The cluster nodes read so far. */
  clusters(): ClusterNode[] {
    return [...this.clusterNodes.values()];
  }

  protected override async load(mode: LoadMode): Promise<Result<ExplorerNode[]>> {
    const r = await this.env.gateway.listClusters(this.conn, listingOptions(mode.priority, mode.fresh));
    if (!r.ok) return { ok: false, error: r.error };
    const clusters = r.value.map((cluster) => this.updateCluster(cluster));
    for (const node of clusters) void node.summarise();
    const nodes: ExplorerNode[] = this.env.unhealthyOnly
      ? clusters.filter((n) => {
          const h = n.health();
          return h.known === 0 || !['healthy', 'inactive'].includes(h.health);
        })
      : clusters;
    if (nodes.length === 0)
      nodes.push(new MessageNode(this, undefined, `No clusters in ${this.conn.region}`));
    nodes.push(this.taskDefinitions);
    return { ok: true, value: nodes };
  }
}

/**
 * "Container instances" of an EC2 cluster: each instance with what its tasks reserve of the CPU and
 * memory it registered, so "unable to place a task" in a service's events can be read against the
 * capacity that is actually left (the console's Infrastructure tab shows the same numbers).
 */
import * as vscode from 'vscode';
import type { Capacity, ContainerInstance, Result } from '../../../aws/gateway';
import { ExplorerNode, icon, md, time, type ExplorerEnv, type LoadMode } from './base';
import { listingOptions, LoadingNode } from './loading';
import { MessageNode } from './message';

/** "1536/2048" CPU units and "3.0/3.8 GiB": reserved by tasks of registered. */
export function capacityText(registered: Capacity, remaining: Capacity): string {
  const gib = (mib: number): string => (mib / 1024).toFixed(1);
  const used = { cpu: registered.cpu - remaining.cpu, memory: registered.memory - remaining.memory };
  return `cpu ${used.cpu}/${registered.cpu} · mem ${gib(used.memory)}/${gib(registered.memory)} GiB`;
}

/** Why an instance cannot take new tasks, when it cannot. */
function unavailable(ci: ContainerInstance): string | undefined {
  if (!ci.agentConnected) return 'agent disconnected';
  if (ci.status !== 'ACTIVE') return ci.status.toLowerCase();
  return undefined;
}

export class ContainerInstanceNode extends ExplorerNode {
  readonly id: string;
  constructor(
    parent: ExplorerNode,
    readonly instance: ContainerInstance,
  ) {
    super(parent);
    this.id = `${parent.id}/instance:${instance.arn}`;
  }

  override get arn(): string {
    return this.instance.arn;
  }
  override get json(): unknown {
    return this.instance.raw;
  }

  treeItem(): vscode.TreeItem {
    const ci = this.instance;
    const item = new vscode.TreeItem(ci.ec2InstanceId ?? ci.id);
    item.id = this.id;
    const tasks = ci.runningTasksCount + ci.pendingTasksCount;
    const problem = unavailable(ci);
    item.description = [
      problem,
      `${tasks} ${tasks === 1 ? 'task' : 'tasks'}`,
      capacityText(ci.registered, ci.remaining),
    ]
      .filter(Boolean)
      .join(' · ');
    item.iconPath = problem
      ? icon('vm', ci.agentConnected ? 'list.warningForeground' : 'list.errorForeground')
      : icon('vm');
    item.tooltip = md([
      `**${ci.ec2InstanceId ?? ci.id}** — ${ci.status}${ci.agentConnected ? '' : ', agent disconnected'}`,
      [ci.instanceType, ci.availabilityZone].filter(Boolean).join(' · '),
      `Tasks: ${ci.runningTasksCount} running, ${ci.pendingTasksCount} pending`,
      `CPU: ${ci.registered.cpu - ci.remaining.cpu} of ${ci.registered.cpu} units reserved, ${ci.remaining.cpu} available`,
      `Memory: ${ci.registered.memory - ci.remaining.memory} of ${ci.registered.memory} MiB reserved, ${ci.remaining.memory} MiB available`,
      ci.registeredAt && `Registered: ${time(ci.registeredAt)}`,
      `\`${ci.arn}\``,
    ]);
    item.contextValue = 'ecsContainerInstance';
    return item;
  }
}

export class ContainerInstancesNode extends LoadingNode {
  readonly id: string;
  private summary = '';
  constructor(
    parent: ExplorerNode,
    private readonly env: ExplorerEnv,
    private readonly clusterArn: string,
    private registered: number,
  ) {
    super(parent);
    this.id = `${parent.id}/instances`;
  }

  /** The cluster's count changed (an instance registered or left). */
  update(registered: number): void {
    this.registered = registered;
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem('Container instances', this.env.expansion.state(this.id, false));
    item.id = this.id;
    item.iconPath = icon('server');
    item.description = this.summary || String(this.registered);
    item.tooltip =
      'EC2 instances registered to the cluster, with the CPU and memory their tasks reserve of what each registered.';
    item.contextValue = 'ecsContainerInstances';
    return item;
  }

  protected override async load(mode: LoadMode): Promise<Result<ExplorerNode[]>> {
    const conn = this.connection;
    if (!conn) return { ok: true, value: [] };
    const r = await this.env.gateway.listContainerInstances(
      conn,
      this.clusterArn,
      listingOptions(mode.priority, mode.fresh),
    );
    if (!r.ok) return r;
    const instances = r.value;
    if (instances.length === 0)
      return { ok: true, value: [new MessageNode(this, undefined, 'No container instances')] };
    const sum = (pick: (ci: ContainerInstance) => Capacity): Capacity => ({
      cpu: instances.reduce((n, ci) => n + pick(ci).cpu, 0),
      memory: instances.reduce((n, ci) => n + pick(ci).memory, 0),
    });
    const down = instances.filter((ci) => unavailable(ci) !== undefined).length;
    this.summary = [
      String(instances.length),
      down ? `${down} unavailable` : '',
      capacityText(
        sum((ci) => ci.registered),
        sum((ci) => ci.remaining),
      ),
    ]
      .filter(Boolean)
      .join(' · ');
    this.env.rendered(this);
    return { ok: true, value: instances.map((ci) => new ContainerInstanceNode(this, ci)) };
  }
}

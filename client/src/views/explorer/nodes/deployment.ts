/** A deployment of a service (PRIMARY, ACTIVE...) with its rollout state. */
import * as vscode from 'vscode';
import { parseTaskDefinitionArn, type Deployment } from '../../../aws/gateway';
import { ExplorerNode, icon, md, time } from './base';

export class DeploymentNode extends ExplorerNode {
  readonly id: string;
  constructor(
    parent: ExplorerNode,
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

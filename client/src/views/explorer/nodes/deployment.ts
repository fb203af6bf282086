/** A deployment of a service (PRIMARY, ACTIVE...) with its rollout state. */
import * as vscode from 'vscode';
import { parseTaskDefinitionArn, type Deployment } from '../../../aws/gateway';
import { ago, stateLabel, when } from '../../format';
import { dotted, ExplorerNode, icon, md } from './base';

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
    const item = new vscode.TreeItem(`${stateLabel(d.status)} ${family}:${revision}`);
    item.id = this.id;
    item.description = dotted([
      stateLabel(d.rolloutState),
      `${d.runningCount}/${d.desiredCount} running`,
      d.pendingCount ? `${d.pendingCount} pending` : '',
      d.failedTasks ? `${d.failedTasks} failed` : '',
      ago(d.createdAt),
    ]);
    item.tooltip = md([
      `**Deployment ${d.id}** — ${stateLabel(d.status)}`,
      d.rolloutState &&
        `Rollout: ${stateLabel(d.rolloutState)}${d.rolloutStateReason ? ` — ${d.rolloutStateReason}` : ''}`,
      `Task definition: ${family}:${revision}`,
      `Tasks: ${d.runningCount} running, ${d.pendingCount} pending, ${d.desiredCount} desired, ${d.failedTasks} failed`,
      when('Created', d.createdAt),
      when('Updated', d.updatedAt),
    ]);
    // A rollout whose tasks keep failing is not "busy": it is in trouble, and says so.
    item.iconPath =
      d.rolloutState === 'FAILED'
        ? icon('error', 'testing.iconFailed')
        : d.rolloutState === 'IN_PROGRESS' && d.failedTasks > 0
          ? icon('warning', 'list.warningForeground')
          : d.rolloutState === 'IN_PROGRESS'
            ? icon('loading~spin')
            : icon('rocket');
    item.contextValue = `ecsDeployment.${d.status}`;
    return item;
  }
}

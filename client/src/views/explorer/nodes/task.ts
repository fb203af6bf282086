/** A task: its state (or why it stopped), then its containers. */
import * as vscode from 'vscode';
import type { Result, Task } from '../../../aws/gateway';
import { ago, when } from '../../format';
import { exitCodeOf } from '../health';
import { dotted, icon, md, type ExplorerNode, type TaskHolder } from './base';
import { ContainerNode } from './container';
import { LoadingNode } from './loading';

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

export class TaskNode extends LoadingNode implements TaskHolder {
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
    // Stopped tasks failed or not: the colour says which before the words do.
    item.id = this.id;
    const exit = exitCodeOf(t);
    // Why it stopped, as the console's "Stopped" tab: age, exit code, stop code, reasons.
    const containerReason = t.containers.find((c) => c.reason)?.reason;
    item.description = stopped
      ? dotted([
          t.lastStatus === 'STOPPED' ? ago(t.stoppedAt) : t.lastStatus,
          exit !== undefined ? `exit ${exit}` : '',
          t.stopCode,
          t.stoppedReason,
          containerReason,
          `${t.family}:${t.revision}`,
        ])
      : dotted([
          t.lastStatus,
          t.healthStatus && t.healthStatus !== 'UNKNOWN' ? t.healthStatus : '',
          `${t.family}:${t.revision}`,
          t.availabilityZone,
          t.privateIp,
        ]);
    item.tooltip = md([
      `**Task ${t.id}** — ${t.lastStatus} (desired ${t.desiredStatus})`,
      t.healthStatus && `Health: ${t.healthStatus}`,
      `Task definition: ${t.family}:${t.revision}`,
      t.group && `Group: ${t.group}`,
      (t.launchType ?? t.capacityProviderName) && `Capacity: ${t.capacityProviderName ?? t.launchType ?? ''}`,
      t.startedBy && `Started by: ${t.startedBy}`,
      when('Started', t.startedAt),
      when('Stopped', t.stoppedAt),
      exit !== undefined && `Exit code: ${exit}`,
      containerReason && `Container reason: ${containerReason}`,
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

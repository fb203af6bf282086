/** A stopped task ECS has forgotten, as remembered from an earlier listing ("seen 3 h ago"). */
import * as vscode from 'vscode';
import { ago, localTime } from '../../format';
import type { RememberedStop } from '../stoppedMemory';
import { dotted, ExplorerNode, icon, md } from './base';

export class RememberedTaskNode extends ExplorerNode {
  readonly id: string;
  constructor(
    parent: ExplorerNode,
    readonly stop: RememberedStop,
  ) {
    super(parent);
    this.id = `${parent.id}/remembered:${stop.arn}`;
  }
  override get arn(): string {
    return this.stop.arn;
  }
  override get json(): unknown {
    return this.stop;
  }

  treeItem(): vscode.TreeItem {
    const r = this.stop;
    const stoppedAt = r.stoppedAt !== undefined ? new Date(r.stoppedAt) : undefined;
    const item = new vscode.TreeItem(r.id);
    item.id = this.id;
    item.description = dotted([
      `seen ${ago(new Date(r.seenAt))}`,
      r.exitCode !== undefined ? `exit ${r.exitCode}` : '',
      r.stopCode,
      r.stoppedReason,
      r.containerReason,
      r.revision,
    ]);
    item.tooltip = md([
      `**Task ${r.id}** — remembered (ECS no longer lists it)`,
      stoppedAt && `Stopped: ${ago(stoppedAt)} (${localTime(stoppedAt)})`,
      `Seen: ${localTime(new Date(r.seenAt))}`,
      r.stopCode && `Stop code: ${r.stopCode}`,
      r.stoppedReason && `Stopped reason: ${r.stoppedReason}`,
      r.exitCode !== undefined && `Exit code: ${r.exitCode}${r.container ? ` (${r.container})` : ''}`,
      r.containerReason && `Container reason: ${r.containerReason}`,
      `Task definition: ${r.revision}`,
      `\`${r.arn}\``,
    ]);
    const failed = r.stopCode === 'TaskFailedToStart' || (r.exitCode !== undefined && r.exitCode !== 0);
    item.iconPath = icon('history', failed ? 'testing.iconFailed' : 'disabledForeground');
    item.contextValue = 'ecsTask.remembered';
    return item;
  }
}

/** A container of a task. */
import * as vscode from 'vscode';
import type { Container } from '../../../aws/gateway';
import { dotted, ExplorerNode, icon, md, type TaskHolder } from './base';

export class ContainerNode extends ExplorerNode {
  readonly id: string;
  constructor(
    readonly taskNode: TaskHolder,
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
    item.description = dotted([
      c.lastStatus,
      c.healthStatus && c.healthStatus !== 'UNKNOWN' ? c.healthStatus : '',
      c.exitCode !== undefined ? `exit ${c.exitCode}` : '',
      c.reason,
      c.image,
    ]);
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

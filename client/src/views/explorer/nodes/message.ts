/** A listing that failed, or an informational line ("No clusters"). */
import * as vscode from 'vscode';
import type { GatewayError } from '../../../aws/gateway';
import { ExplorerNode, icon, md } from './base';

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

/** A line at the top of the explorer that says why it shows less than the settings ask for. */
import * as vscode from 'vscode';
import { ExplorerNode, icon, md } from './base';

export class NoticeNode extends ExplorerNode {
  constructor(
    readonly id: string,
    private readonly label: string,
    private readonly detail: string[],
    private readonly command: vscode.Command,
  ) {
    super(undefined);
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label);
    item.id = this.id;
    item.iconPath = icon('shield', 'list.warningForeground');
    item.tooltip = md(this.detail);
    item.command = this.command;
    item.contextValue = 'ecsNotice';
    return item;
  }
}

/** A task definition revision; opens as read-only JSON. */
import * as vscode from 'vscode';
import type { TaskDefinitionRef } from '../../../aws/gateway';
import { ExplorerNode, icon, md, type ExplorerEnv } from './base';

export class RevisionNode extends ExplorerNode {
  readonly id: string;
  constructor(
    parent: ExplorerNode,
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

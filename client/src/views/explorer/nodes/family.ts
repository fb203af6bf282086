/** A task definition family: its revisions. */
import * as vscode from 'vscode';
import type { Result } from '../../../aws/gateway';
import { icon, type ExplorerEnv, type ExplorerNode, type LoadMode } from './base';
import { listingOptions, LoadingNode } from './loading';
import { RevisionNode } from './revision';

export class FamilyNode extends LoadingNode {
  readonly id: string;
  constructor(
    parent: ExplorerNode,
    private readonly env: ExplorerEnv,
    readonly family: string,
  ) {
    super(parent);
    this.id = `${parent.id}/family:${family}`;
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.family, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.iconPath = icon('symbol-class');
    item.contextValue = 'ecsTaskDefinitionFamily';
    return item;
  }

  protected override async load(mode: LoadMode): Promise<Result<ExplorerNode[]>> {
    const conn = this.connection;
    if (!conn) return { ok: true, value: [] };
    const r = await this.env.gateway.listTaskDefinitionRevisions(
      conn,
      this.family,
      listingOptions(mode.priority, mode.fresh),
    );
    if (!r.ok) return { ok: false, error: r.error };
    return { ok: true, value: r.value.map((ref) => new RevisionNode(this, this.env, ref)) };
  }
}

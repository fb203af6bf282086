/** "Load more…" at the end of a paged listing. */
import * as vscode from 'vscode';
import { ExplorerNode, icon, type PagedNode } from './base';

export class LoadMoreNode extends ExplorerNode {
  readonly id: string;
  constructor(
    readonly owner: PagedNode,
    private readonly loaded: number,
    /** The total, when known (e.g. stopped tasks already read). */
    private readonly total?: number,
  ) {
    super(owner);
    this.id = `${owner.id}/more`;
  }
  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem('Load more…');
    item.id = this.id;
    item.description = this.total ? `${this.loaded} of ${this.total} shown` : `${this.loaded} shown`;
    item.iconPath = icon('fold-down');
    item.contextValue = 'ecsLoadMore';
    item.command = { title: 'Load more', command: 'ecsWorkbench.explorer.loadMore', arguments: [this] };
    return item;
  }
}

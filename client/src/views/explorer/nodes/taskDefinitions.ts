/** "Task definitions" of a connection: the families, in pages. */
import * as vscode from 'vscode';
import type { Result } from '../../../aws/gateway';
import { icon, type ExplorerEnv, type ExplorerNode, type LoadMode } from './base';
import { FamilyNode } from './family';
import { listingOptions, PagedLoadingNode, readPages } from './loading';
import { LoadMoreNode } from './loadMore';
import { MessageNode } from './message';

export class TaskDefinitionsNode extends PagedLoadingNode {
  readonly id: string;
  constructor(parent: ExplorerNode, env: ExplorerEnv) {
    super(parent, env);
    this.id = `${parent.id}/task-definitions`;
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem('Task definitions', vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.iconPath = icon('symbol-file');
    item.contextValue = 'ecsTaskDefinitions';
    return item;
  }

  protected override async load(mode: LoadMode): Promise<Result<ExplorerNode[]>> {
    const conn = this.connection;
    if (!conn) return { ok: true, value: [] };
    const read = await readPages(this.pagesWanted, (token) =>
      this.env.gateway.listTaskDefinitionFamilies(conn, token, listingOptions(mode.priority, mode.fresh)),
    );
    if (!read.ok) return read;
    const { items: families, nextToken: token } = read.value;
    const nodes: ExplorerNode[] = families.map((f) => new FamilyNode(this, this.env, f));
    if (token) nodes.push(new LoadMoreNode(this, families.length));
    if (nodes.length === 0) nodes.push(new MessageNode(this, undefined, 'No task definitions'));
    return { ok: true, value: nodes };
  }
}

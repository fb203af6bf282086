/** "Standalone tasks" (not started by a service) or "Recently stopped tasks" of a cluster or service. */
import * as vscode from 'vscode';
import type { Result } from '../../../aws/gateway';
import { icon, type ExplorerEnv, type ExplorerNode, type LoadMode, type TaskScope } from './base';
import { listingOptions, LoadingNode } from './loading';
import { MessageNode } from './message';
import { TaskNode } from './task';

export class TaskFolderNode extends LoadingNode {
  readonly id: string;
  constructor(
    private readonly scope: TaskScope,
    private readonly env: ExplorerEnv,
    readonly kind: 'standalone' | 'stopped',
  ) {
    super(scope);
    this.id = `${scope.id}/${kind}`;
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(
      this.kind === 'standalone' ? 'Standalone tasks' : 'Recently stopped tasks',
      vscode.TreeItemCollapsibleState.Collapsed,
    );
    item.id = this.id;
    item.iconPath = icon(this.kind === 'standalone' ? 'symbol-method' : 'history');
    item.tooltip =
      this.kind === 'standalone'
        ? 'Tasks not started by a service (RunTask, scheduled tasks).'
        : 'Tasks stopped in about the last hour, with their stop code and reason.';
    item.contextValue = `ecsTaskFolder.${this.kind}`;
    return item;
  }

  protected override async load(mode: LoadMode): Promise<Result<ExplorerNode[]>> {
    const conn = this.connection;
    if (!conn) return { ok: true, value: [] };
    const options = listingOptions(mode.priority, mode.fresh);
    const { clusterArn, serviceName } = this.scope.taskScope();
    const r =
      this.kind === 'standalone'
        ? await this.env.gateway.listTasks(conn, clusterArn, { desiredStatus: 'RUNNING' }, options)
        : await this.env.gateway.listTasks(
            conn,
            clusterArn,
            { desiredStatus: 'STOPPED', limit: 100, ...(serviceName ? { serviceName } : {}) },
            options,
          );
    if (!r.ok) return { ok: false, error: r.error };
    const tasks = this.kind === 'standalone' ? r.value.filter((t) => !t.serviceName) : r.value;
    if (tasks.length === 0) {
      return {
        ok: true,
        value: [
          new MessageNode(
            this,
            undefined,
            this.kind === 'standalone' ? 'No standalone tasks' : 'No recently stopped tasks',
          ),
        ],
      };
    }
    return { ok: true, value: tasks.map((t) => new TaskNode(this, t)) };
  }
}

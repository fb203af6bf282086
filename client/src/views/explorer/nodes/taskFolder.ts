/**
 * "Standalone tasks" (not started by a service) or "Recently stopped tasks" of a cluster or
 * service. Stopped tasks: every page ECS still has (up to 1,000), newest first, shown 50 at a
 * time with "Load more", then the ones ECS has forgotten but this workspace remembers.
 */
import * as vscode from 'vscode';
import { connectionKey, type Result, type Task } from '../../../aws/gateway';
import { ago } from '../../format';
import { isFailedStop, exitCodeOf } from '../health';
import { dotted, icon, type ExplorerEnv, type ExplorerNode, type LoadMode, type TaskScope } from './base';
import { listingOptions, PagedLoadingNode } from './loading';
import { LoadMoreNode } from './loadMore';
import { MessageNode } from './message';
import { RememberedTaskNode } from './remembered';
import { TaskNode } from './task';

/** Rows of stopped tasks per "Load more". */
export const STOPPED_PAGE = 50;
/** Stopped tasks read from ECS at most (ListTasks/DescribeTasks 100 per call). */
export const STOPPED_LIMIT = 1000;

/** Tasks still stopping have no stoppedAt yet: they are the newest. */
const stoppedTime = (t: Task): number => t.stoppedAt?.getTime() ?? Number.MAX_SAFE_INTEGER;

export class TaskFolderNode extends PagedLoadingNode {
  readonly id: string;
  private summary = '';
  constructor(
    private readonly scope: TaskScope,
    env: ExplorerEnv,
    readonly kind: 'standalone' | 'stopped',
  ) {
    super(scope, env);
    this.id = `${scope.id}/${kind}`;
  }

  /** The key of this folder's remembered stops. */
  memoryScope(): string | undefined {
    const conn = this.connection;
    if (!conn) return undefined;
    const { clusterArn, serviceName } = this.scope.taskScope();
    return `${connectionKey(conn)}|${clusterArn}|${serviceName ?? '*'}`;
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(
      this.kind === 'standalone' ? 'Standalone tasks' : 'Recently stopped tasks',
      this.env.expansion.state(this.id, false),
    );
    item.id = this.id;
    item.iconPath = icon(this.kind === 'standalone' ? 'symbol-method' : 'history');
    if (this.summary) item.description = this.summary;
    item.tooltip =
      this.kind === 'standalone'
        ? 'Tasks not started by a service (RunTask, scheduled tasks).'
        : 'Stopped tasks, newest first, with exit code, stop code and reason. ECS keeps them about an hour; older ones are shown as remembered by this workspace.';
    item.contextValue = `ecsTaskFolder.${this.kind}`;
    return item;
  }

  protected override async load(mode: LoadMode): Promise<Result<ExplorerNode[]>> {
    const conn = this.connection;
    if (!conn) return { ok: true, value: [] };
    const options = listingOptions(mode.priority, mode.fresh);
    const { clusterArn, serviceName } = this.scope.taskScope();
    if (this.kind === 'standalone') {
      const r = await this.env.gateway.listTasks(conn, clusterArn, { desiredStatus: 'RUNNING' }, options);
      if (!r.ok) return { ok: false, error: r.error };
      const tasks = r.value.filter((t) => !t.serviceName).sort((a, b) => a.id.localeCompare(b.id));
      if (tasks.length === 0)
        return { ok: true, value: [new MessageNode(this, undefined, 'No standalone tasks')] };
      return { ok: true, value: tasks.map((t) => new TaskNode(this, t)) };
    }
    const r = await this.env.gateway.listTasks(
      conn,
      clusterArn,
      { desiredStatus: 'STOPPED', limit: STOPPED_LIMIT, ...(serviceName ? { serviceName } : {}) },
      options,
    );
    if (!r.ok) return { ok: false, error: r.error };
    // Newest first, ties by id: rows never swap places between two refreshes.
    const tasks = [...r.value].sort((a, b) => stoppedTime(b) - stoppedTime(a) || a.id.localeCompare(b.id));
    const scope = this.memoryScope();
    if (scope) this.env.memory.remember(scope, tasks);
    const live = new Set(tasks.map((t) => t.arn));
    const remembered = scope ? this.env.memory.list(scope).filter((m) => !live.has(m.arn)) : [];
    const failed = tasks.filter((t) =>
      isFailedStop({
        ...(t.stopCode ? { stopCode: t.stopCode } : {}),
        ...(exitCodeOf(t) !== undefined ? { exitCode: exitCodeOf(t) } : {}),
      }),
    ).length;
    this.summary = dotted([
      tasks.length ? `${tasks.length}${tasks.length >= STOPPED_LIMIT ? '+' : ''}` : '',
      failed ? `${failed} failed` : '',
      tasks[0] ? `newest ${ago(tasks[0].stoppedAt)}` : '',
      remembered.length ? `${remembered.length} remembered` : '',
    ]);
    // The service row counts failures from what this folder read.
    this.env.rendered(this);
    if (this.parent) this.env.rendered(this.parent);
    const rows: ExplorerNode[] = [
      ...tasks.map((t) => new TaskNode(this, t)),
      ...remembered.map((m) => new RememberedTaskNode(this, m)),
    ];
    if (rows.length === 0)
      return { ok: true, value: [new MessageNode(this, undefined, 'No recently stopped tasks')] };
    const shown = rows.slice(0, this.pagesWanted * STOPPED_PAGE);
    if (shown.length < rows.length) shown.push(new LoadMoreNode(this, shown.length, rows.length));
    return { ok: true, value: shown };
  }
}

/**
 * The Rollouts view: one entry per watched service rollout, with its deployments and counts,
 * the service events as they arrive and the stopped tasks with their reasons and exit codes.
 * The registry owns the watchers; the tree only renders their states.
 */
import * as vscode from 'vscode';
import type { RolloutState, RolloutTracker as RolloutWatcher } from '../aws/deploy/rolloutTypes';
import { revisionLabel } from '../aws/deploy/types';

/** What a watched rollout is about, for the tree and for commands run on it. */
export interface RolloutTarget {
  /** Serialisable connection (profile, Region, endpoint). */
  connection: { profile: string; region: string; endpoint?: string };
  cluster: string;
  service: string;
  account?: string;
}

interface Entry {
  key: string;
  target: RolloutTarget;
  watcher: RolloutWatcher;
  unsubscribe: () => void;
}

/** Watched rollouts of this session, newest first; keeps ended ones so their history stays visible. */
export class RolloutRegistry implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  static keyOf(target: RolloutTarget): string {
    const c = target.connection;
    return `${c.profile}|${c.region}|${c.endpoint ?? ''}|${target.cluster}|${target.service}`;
  }

  /** Adds a watcher, replacing (and stopping) an earlier watch of the same service. */
  add(target: RolloutTarget, watcher: RolloutWatcher): void {
    const key = RolloutRegistry.keyOf(target);
    const old = this.entries.get(key);
    if (old) {
      old.unsubscribe();
      old.watcher.stop();
      this.entries.delete(key);
    }
    const unsubscribe = watcher.onChange(() => this.changed.fire());
    // Newest first: re-insert at the front.
    const rest = [...this.entries.values()];
    this.entries.clear();
    this.entries.set(key, { key, target, watcher, unsubscribe });
    for (const e of rest) this.entries.set(e.key, e);
    this.changed.fire();
  }

  get(target: RolloutTarget): RolloutWatcher | undefined {
    return this.entries.get(RolloutRegistry.keyOf(target))?.watcher;
  }

  list(): { target: RolloutTarget; state: RolloutState }[] {
    return [...this.entries.values()].map((e) => ({ target: e.target, state: e.watcher.state }));
  }

  /** Stops watching (the deployment goes on). */
  stop(target: RolloutTarget): void {
    this.entries.get(RolloutRegistry.keyOf(target))?.watcher.stop();
  }

  /** Forgets ended rollouts. */
  clearEnded(): void {
    for (const [key, e] of this.entries) {
      if (e.watcher.stopped) {
        e.unsubscribe();
        this.entries.delete(key);
      }
    }
    this.changed.fire();
  }

  dispose(): void {
    for (const e of this.entries.values()) {
      e.unsubscribe();
      e.watcher.stop();
    }
    this.entries.clear();
    this.changed.dispose();
  }
}

/** A node of the Rollouts tree. Root nodes carry the target so commands can act on them. */
export class RolloutNode extends vscode.TreeItem {
  constructor(
    label: string,
    collapsible: vscode.TreeItemCollapsibleState,
    readonly children: () => RolloutNode[] = () => [],
    readonly target?: RolloutTarget,
  ) {
    super(label, collapsible);
  }

  get cluster(): string | undefined {
    return this.target?.cluster;
  }

  get service(): string | undefined {
    return this.target?.service;
  }
}

const PHASE_ICON: Record<RolloutState['phase'], vscode.ThemeIcon> = {
  starting: new vscode.ThemeIcon('sync~spin'),
  inProgress: new vscode.ThemeIcon('sync~spin'),
  completed: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  failed: new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed')),
  superseded: new vscode.ThemeIcon('debug-step-over'),
  stopped: new vscode.ThemeIcon('circle-slash'),
  error: new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')),
};

const leaf = (label: string, description?: string, tooltip?: string, icon?: string): RolloutNode => {
  const node = new RolloutNode(label, vscode.TreeItemCollapsibleState.None);
  if (description) node.description = description;
  if (tooltip) node.tooltip = tooltip;
  if (icon) node.iconPath = new vscode.ThemeIcon(icon);
  return node;
};

const group = (label: string, children: RolloutNode[], expanded = false): RolloutNode =>
  new RolloutNode(
    `${label} (${children.length})`,
    children.length === 0
      ? vscode.TreeItemCollapsibleState.None
      : expanded
        ? vscode.TreeItemCollapsibleState.Expanded
        : vscode.TreeItemCollapsibleState.Collapsed,
    () => children,
  );

const time = (d: Date | undefined): string => (d ? d.toLocaleTimeString() : '');

/** The tree rows of one rollout (exported for tests of rendering). */
export function rolloutNode(target: RolloutTarget, state: RolloutState): RolloutNode {
  const ended = !['starting', 'inProgress'].includes(state.phase);
  const node = new RolloutNode(
    `${target.service}`,
    vscode.TreeItemCollapsibleState.Expanded,
    () => {
      const rows: RolloutNode[] = [];
      const status = leaf(
        state.message,
        undefined,
        state.message,
        state.connectionProblem ? 'debug-disconnect' : 'info',
      );
      rows.push(status);
      if (state.rollback) {
        rows.push(
          leaf(
            `Rolled back to ${revisionLabel(state.rollback.taskDefinition)}`,
            state.rollback.deploymentId,
            undefined,
            'history',
          ),
        );
      }
      rows.push(
        group(
          'Deployments',
          state.deployments.map((d) =>
            leaf(
              `${d.status} ${revisionLabel(d.taskDefinition)}`,
              `${d.runningCount}/${d.desiredCount} running · ${d.pendingCount} pending · ${d.failedTasks} failed · ${d.rolloutState ?? ''}`,
              `${d.id}\n${d.rolloutStateReason ?? ''}`,
              d.id === state.deploymentId ? 'rocket' : 'layers',
            ),
          ),
          true,
        ),
      );
      rows.push(
        group(
          'Events',
          [...state.events].reverse().map((e) => leaf(e.message, time(e.createdAt), e.message, 'note')),
          true,
        ),
      );
      rows.push(
        group(
          'Stopped tasks',
          state.stoppedTasks.map((t) => {
            const id = t.taskArn.slice(t.taskArn.lastIndexOf('/') + 1);
            const exits = t.containers
              .map((c) => `${c.name}: exit ${c.exitCode ?? '–'}${c.reason ? ` (${c.reason})` : ''}`)
              .join('\n');
            const taskNode = new RolloutNode(
              `${id.slice(0, 12)} ${revisionLabel(t.taskDefinitionArn)}`,
              vscode.TreeItemCollapsibleState.Collapsed,
              () =>
                t.containers.map((c) =>
                  leaf(c.name, `exit code ${c.exitCode ?? '–'}`, c.reason ?? c.image, 'package'),
                ),
            );
            taskNode.description = t.stoppedReason ?? t.stopCode ?? '';
            taskNode.tooltip = `${t.taskArn}\n${t.stopCode ?? ''} ${t.stoppedReason ?? ''}\n${exits}`;
            taskNode.iconPath = new vscode.ThemeIcon('debug-stop');
            return taskNode;
          }),
        ),
      );
      return rows;
    },
    target,
  );
  node.id = RolloutRegistry.keyOf(target);
  node.description = `${target.cluster} · ${state.phase}${state.rolloutState ? ` · ${state.rolloutState}` : ''}`;
  node.tooltip = `${target.connection.profile} · ${target.connection.region}${target.account ? ` · ${target.account}` : ''}\n${state.message}`;
  node.iconPath = PHASE_ICON[state.phase];
  node.contextValue = ended ? 'ecsRollout.ended' : 'ecsRollout.watching';
  return node;
}

/** Registers the Rollouts tree view over the registry. */
export function registerRolloutView(registry: RolloutRegistry): vscode.Disposable {
  const emitter = new vscode.EventEmitter<RolloutNode | undefined>();
  const provider: vscode.TreeDataProvider<RolloutNode> = {
    onDidChangeTreeData: emitter.event,
    getTreeItem: (node) => node,
    getChildren: (node) =>
      node ? node.children() : registry.list().map((r) => rolloutNode(r.target, r.state)),
  };
  const view = vscode.window.createTreeView('ecsWorkbench.rollouts', { treeDataProvider: provider });
  const sub = registry.onDidChange(() => emitter.fire(undefined));
  return vscode.Disposable.from(view, sub, emitter);
}

/**
 * The Rollouts view: one entry per watched service rollout, with its deployments and counts,
 * the service events as they arrive and the stopped tasks with their reasons and exit codes.
 * The registry owns the watchers; the tree only renders their states. Rows have stable ids and
 * keep the expansion the user chose; the tree is re-rendered only when what it shows changed.
 */
import * as vscode from 'vscode';
import type { RolloutState, RolloutTracker as RolloutWatcher } from '../aws/deploy/rolloutTypes';
import { revisionLabel, type TaskView } from '../aws/deploy/types';
import { ago, localTime, shortName, stateLabel } from './format';
import { continueCommand, lifecycleRows } from './rolloutLifecycle';
import { ExpansionMemory, fingerprint } from './treeState';

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
  rollingBack: new vscode.ThemeIcon('history', new vscode.ThemeColor('list.warningForeground')),
  completed: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  failed: new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed')),
  superseded: new vscode.ThemeIcon('debug-step-over'),
  stopped: new vscode.ThemeIcon('circle-slash'),
  error: new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')),
};

/** How each row's expansion is decided: what the user chose last, else the default. */
type Expansion = (id: string, expandedByDefault: boolean) => vscode.TreeItemCollapsibleState;
const defaults: Expansion = (_id, expanded) =>
  expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;

const leaf = (
  id: string,
  label: string,
  description?: string,
  tooltip?: string,
  icon?: string,
): RolloutNode => {
  const node = new RolloutNode(label, vscode.TreeItemCollapsibleState.None);
  node.id = id;
  if (description) node.description = description;
  if (tooltip) node.tooltip = tooltip;
  if (icon) node.iconPath = new vscode.ThemeIcon(icon);
  return node;
};

const group = (
  id: string,
  label: string,
  children: RolloutNode[],
  expansion: Expansion,
  expanded = false,
): RolloutNode => {
  const node = new RolloutNode(
    `${label} (${children.length})`,
    children.length === 0 ? vscode.TreeItemCollapsibleState.None : expansion(id, expanded),
    () => children,
  );
  node.id = id;
  return node;
};

/** The stopped tasks the followed deployment started, newest first (ECS sets `startedBy` to its id). */
export function stoppedTasksOf(state: RolloutState): TaskView[] {
  const ids = new Set([state.deploymentId, state.rollback?.deploymentId].filter(Boolean));
  const tds = new Set([state.taskDefinition, state.rollback?.taskDefinition].filter(Boolean));
  return state.stoppedTasks
    .filter((t) => (t.startedBy ? ids.has(t.startedBy) : tds.has(t.taskDefinitionArn)))
    .sort(
      (a, b) =>
        (b.stoppedAt?.getTime() ?? 0) - (a.stoppedAt?.getTime() ?? 0) || a.taskArn.localeCompare(b.taskArn),
    );
}

function stoppedTaskNode(parent: string, t: TaskView, expansion: Expansion): RolloutNode {
  const id = shortName(t.taskArn);
  const failed = t.containers.find((c) => c.exitCode !== undefined && c.exitCode !== 0);
  const exits = t.containers
    .map((c) => `${c.name}: exit ${c.exitCode ?? '–'}${c.reason ? ` (${c.reason})` : ''}`)
    .join('\n');
  const key = `${parent}/task:${id}`;
  const node = new RolloutNode(
    `${id.slice(0, 12)} ${revisionLabel(t.taskDefinitionArn)}`,
    expansion(key, false),
    () =>
      t.containers.map((c) =>
        leaf(`${key}/${c.name}`, c.name, `exit ${c.exitCode ?? '–'}`, c.reason ?? c.image, 'package'),
      ),
  );
  node.id = key;
  node.description = [ago(t.stoppedAt), failed ? `exit ${failed.exitCode}` : '', t.stopCode, t.stoppedReason]
    .filter(Boolean)
    .join(' · ');
  node.tooltip = `${t.taskArn}\nStopped ${localTime(t.stoppedAt)}\n${t.stopCode ?? ''} ${t.stoppedReason ?? ''}\n${exits}`;
  node.iconPath = new vscode.ThemeIcon(
    'debug-stop',
    failed ? new vscode.ThemeColor('testing.iconFailed') : undefined,
  );
  return node;
}

/** The tree rows of one rollout (exported for tests of rendering). */
export function rolloutNode(
  target: RolloutTarget,
  state: RolloutState,
  expansion: Expansion = defaults,
): RolloutNode {
  const ended = !['starting', 'inProgress', 'rollingBack'].includes(state.phase);
  const key = RolloutRegistry.keyOf(target);
  const node = new RolloutNode(
    `${target.service}`,
    expansion(key, true),
    () => {
      const rows: RolloutNode[] = [];
      const headline = ended && state.outcome ? state.outcome : state.message;
      rows.push(
        leaf(
          `${key}/status`,
          headline,
          undefined,
          state.message,
          state.connectionProblem ? 'debug-disconnect' : 'info',
        ),
      );
      for (const row of lifecycleRows(
        { leaf, group: (id, label, children, open) => group(id, label, children, expansion, open) },
        key,
        state,
        ended,
      )) {
        // The paused-hook row (there only while a hook waits) acts: a click continues the
        // deployment, after the usual confirmation.
        if (row.id === `${key}/paused`) {
          row.command = continueCommand(node);
          row.contextValue = 'ecsRolloutPausedHook';
        }
        rows.push(row);
      }
      rows.push(
        group(
          `${key}/deployments`,
          'Deployments',
          state.deployments.map((d) =>
            leaf(
              `${key}/deployment:${d.id}`,
              `${stateLabel(d.status)} ${revisionLabel(d.taskDefinition)}`,
              [
                `${d.runningCount}/${d.desiredCount} running`,
                `${d.pendingCount} pending`,
                `${d.failedTasks} failed`,
                stateLabel(d.rolloutState),
              ]
                .filter(Boolean)
                .join(' · '),
              `${d.id}\n${d.rolloutStateReason ?? ''}`,
              d.id === state.deploymentId
                ? 'rocket'
                : d.id === state.rollback?.deploymentId
                  ? 'history'
                  : 'layers',
            ),
          ),
          expansion,
          true,
        ),
      );
      rows.push(
        group(
          `${key}/events`,
          'Events',
          [...state.events]
            .reverse()
            .map((e) =>
              leaf(
                `${key}/event:${e.id}`,
                e.message,
                ago(e.createdAt),
                `${localTime(e.createdAt)}\n${e.message}`,
                'note',
              ),
            ),
          expansion,
          true,
        ),
      );
      rows.push(
        group(
          `${key}/stopped`,
          'Stopped tasks',
          stoppedTasksOf(state).map((t) => stoppedTaskNode(`${key}/stopped`, t, expansion)),
          expansion,
        ),
      );
      return rows;
    },
    target,
  );
  node.id = key;
  node.description = `${shortName(target.cluster)} · ${stateLabel(state.phase)}`;
  node.tooltip = `${target.connection.profile} · ${target.connection.region}${target.account ? ` · ${target.account}` : ''}\n${state.message}`;
  node.iconPath = PHASE_ICON[state.phase];
  node.contextValue = ended ? 'ecsRollout.ended' : 'ecsRollout.watching';
  return node;
}

/** Everything a rollout renders, to tell whether a change is worth a re-render. */
function treeFingerprint(node: RolloutNode): string {
  const parts = [fingerprint(node)];
  for (const child of node.children()) parts.push(treeFingerprint(child));
  return parts.join('\u0001');
}

/** Registers the Rollouts tree view over the registry. */
export function registerRolloutView(registry: RolloutRegistry): vscode.Disposable {
  const emitter = new vscode.EventEmitter<RolloutNode | undefined>();
  const memory = new ExpansionMemory();
  const expansion: Expansion = (id, expanded) => memory.state(id, expanded);
  const render = (): RolloutNode[] => registry.list().map((r) => rolloutNode(r.target, r.state, expansion));
  const provider: vscode.TreeDataProvider<RolloutNode> = {
    onDidChangeTreeData: emitter.event,
    getTreeItem: (node) => node,
    getChildren: (node) => (node ? node.children() : render()),
  };
  const view = vscode.window.createTreeView('ecsWorkbench.rollouts', { treeDataProvider: provider });
  let last = '';
  // Watchers report every poll; re-render only when a row would look different, so the
  // tooltip under the mouse and the user's expansion stay put.
  const sub = registry.onDidChange(() => {
    const now = render().map(treeFingerprint).join('\u0002');
    if (now === last) return;
    last = now;
    emitter.fire(undefined);
  });
  return vscode.Disposable.from(view, sub, emitter, memory.track(view));
}

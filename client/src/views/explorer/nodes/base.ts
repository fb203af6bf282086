/**
 * The explorer's nodes: each knows how to render itself and load its children through the
 * gateway. Nodes never throw: a failed listing becomes a `MessageNode` carrying the error, and a
 * failed refresh keeps the children already shown under a warning (see `LoadingNode`).
 *
 * connection → clusters → services → deployments, tasks → containers
 *                       → standalone tasks, recently stopped tasks
 *            → task definitions → families → revisions
 *
 * This module is the shared base: the node class, what nodes need from the explorer, and the
 * small interfaces through which a node reaches its parent without importing its module.
 */
import * as vscode from 'vscode';
import { localTime } from '../../format';
import type { ExpansionMemory } from '../../treeState';
import type { StoppedMemory } from '../stoppedMemory';
import type {
  Connection,
  EcsGateway,
  Priority,
  Service,
  Task,
  TaskDefinitionRef,
} from '../../../aws/gateway';

/** A service node as the refresher sees it. */
export interface ShownService extends ExplorerNode {
  readonly service: Service;
  /** Takes a new description; says whether anything the tree shows changed. */
  update(service: Service): boolean;
  tasksStale: boolean;
  /** Whether the row is on screen or needs watching (its cluster is open, or it is not healthy). */
  watched(): boolean;
}

/** What nodes need from the explorer. */
export interface ExplorerEnv {
  readonly gateway: EcsGateway;
  /** Re-renders a node (and its children if expanded); the whole tree without one. */
  changed(node?: ExplorerNode): void;
  /** The URI of a revision's read-only document. */
  revisionUri(c: Connection, ref: TaskDefinitionRef): vscode.Uri;
  /** Services currently shown, for the refresher. */
  readonly shownServices: Set<ShownService>;
  /** Re-renders a node only if its row would look different (keeps tooltips and the mouse put). */
  rendered(node: ExplorerNode): void;
  /** Reads a service's description again (its children showed it is stale). */
  redescribe(node: ShownService): void;
  /** The expansion the user chose, per node id. */
  readonly expansion: ExpansionMemory;
  /** Stopped tasks seen, kept after ECS forgets them. */
  readonly memory: StoppedMemory;
  /** The "only unhealthy" filter. */
  unhealthyOnly: boolean;
}

/** How a node's children are to be read this time. */
export interface LoadMode {
  readonly priority: Priority;
  /** Ignore cached listings. */
  readonly fresh: boolean;
}

export abstract class ExplorerNode {
  abstract readonly id: string;
  /** The ARN that "Copy ARN" copies, when the node has one. */
  get arn(): string | undefined {
    return undefined;
  }
  /** What "View as JSON" shows. */
  get json(): unknown {
    return undefined;
  }
  /** Set by refresh(): the next load bypasses caches. */
  protected freshNext = false;

  constructor(readonly parent: ExplorerNode | undefined) {}

  abstract treeItem(): vscode.TreeItem;

  /** The connection this node belongs to. */
  get connection(): Connection | undefined {
    return this.parent?.connection;
  }

  /** Marks the node's listing stale so the next expansion reads it fresh. */
  markFresh(): void {
    this.freshNext = true;
  }

  /** The children; none for leaves (nodes that load children extend `LoadingNode`). */
  children(_priority: Priority = 'interactive'): Promise<ExplorerNode[]> {
    return Promise.resolve([]);
  }
}

/** A node whose children come in pages of 100, with "Load more". */
export interface PagedNode extends ExplorerNode {
  loadMore(): void;
}

/** A cluster as its services see it: small clusters list their tasks once for every service. */
export interface ClusterScope extends ExplorerNode {
  taskCount(): number;
}

/** A cluster or a service, as its task folders see it: where their tasks are listed. */
export interface TaskScope extends ExplorerNode {
  taskScope(): { clusterArn: string; serviceName?: string };
}

/** A task, as its containers see it. */
export interface TaskHolder extends ExplorerNode {
  readonly task: Task;
}

export const icon = (id: string, color?: string): vscode.ThemeIcon =>
  new vscode.ThemeIcon(id, color ? new vscode.ThemeColor(color) : undefined);

/** Absolute local time, the one format of tooltips (descriptions use `ago`). */
export const time = localTime;

/** A row's description: the parts that say something, separated by middle dots. */
export function dotted(parts: (string | false | undefined)[]): string {
  return parts.filter(Boolean).join(' · ');
}

export function md(lines: (string | false | undefined)[]): vscode.MarkdownString {
  const text = new vscode.MarkdownString(lines.filter(Boolean).join('  \n'));
  text.supportThemeIcons = true;
  return text;
}

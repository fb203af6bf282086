/**
 * What keeps a tree still while its data changes: the expansion the user chose (VS Code tells us
 * through onDidExpand/CollapseElement; a re-rendered node must not fall back to its default), and
 * fingerprints of rendered rows, so a node is re-rendered only when what it shows changed (a
 * re-render closes the tooltip under the mouse).
 */
import * as vscode from 'vscode';

export class ExpansionMemory {
  private readonly expanded = new Map<string, boolean>();

  /** The state to render: the user's last choice for this id, else the default. */
  state(id: string, expandedByDefault: boolean): vscode.TreeItemCollapsibleState {
    return (this.expanded.get(id) ?? expandedByDefault)
      ? vscode.TreeItemCollapsibleState.Expanded
      : vscode.TreeItemCollapsibleState.Collapsed;
  }

  /** Whether the user has this node open (false when never expanded). */
  isExpanded(id: string): boolean {
    return this.expanded.get(id) ?? false;
  }

  set(id: string, expanded: boolean): void {
    this.expanded.set(id, expanded);
    // Bounded: ids of nodes long gone are dropped first.
    if (this.expanded.size > 5000) this.expanded.delete(this.expanded.keys().next().value ?? '');
  }

  /** Follows a tree view's expand/collapse events. */
  track<T>(view: vscode.TreeView<T>, idOf?: (element: T) => string | undefined): vscode.Disposable {
    const id = (e: T): string | undefined => (idOf ? idOf(e) : (e as { id?: string } | undefined)?.id);
    return vscode.Disposable.from(
      view.onDidExpandElement((e) => {
        const key = id(e.element);
        if (key) this.set(key, true);
      }),
      view.onDidCollapseElement((e) => {
        const key = id(e.element);
        if (key) this.set(key, false);
      }),
    );
  }
}

const iconKey = (icon: vscode.TreeItem['iconPath']): string =>
  icon instanceof vscode.ThemeIcon
    ? `${icon.id}:${icon.color?.id ?? ''}`
    : typeof icon === 'string'
      ? icon
      : icon instanceof vscode.Uri
        ? icon.toString()
        : JSON.stringify(icon ?? '');

const text = (v: string | vscode.MarkdownString | vscode.TreeItemLabel | boolean | undefined): string =>
  typeof v === 'string' || typeof v === 'boolean' || v === undefined
    ? String(v ?? '')
    : 'value' in v
      ? v.value
      : v.label;

/** What a row looks like: label, description, icon, tooltip, context value and expansion. */
export function fingerprint(item: vscode.TreeItem): string {
  return [
    item.id ?? '',
    text(item.label),
    text(item.description),
    iconKey(item.iconPath),
    text(item.tooltip),
    item.contextValue ?? '',
    String(item.collapsibleState ?? 0),
  ].join('\u0000');
}

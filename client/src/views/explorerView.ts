/**
 * The ECS explorer view. Until a connection is configured it stays empty, so VS Code shows its
 * welcome content (what to do when no AWS credentials are found).
 */
import os from 'node:os';
import * as vscode from 'vscode';
import { hasCredentialHints } from '../aws/credentialsPresence';
import type { EcsContext } from '../context';

export function registerExplorerView(ctx: EcsContext): void {
  const emitter = ctx.own(new vscode.EventEmitter<void>());
  const provider: vscode.TreeDataProvider<vscode.TreeItem> = {
    onDidChangeTreeData: emitter.event,
    getTreeItem: (item) => item,
    getChildren: () => [],
  };
  ctx.own(
    vscode.window.createTreeView('ecsWorkbench.explorer', {
      treeDataProvider: provider,
      showCollapseAll: true,
    }),
  );
  const updateCredentialsContext = (): void => {
    const endpoint = vscode.workspace.getConfiguration('ecsWorkbench').get<string>('endpoint') || undefined;
    const found = hasCredentialHints({ env: process.env, homeDir: os.homedir(), endpoint });
    void vscode.commands.executeCommand('setContext', 'ecsWorkbench.noCredentials', !found);
  };
  updateCredentialsContext();
  ctx.own(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('ecsWorkbench')) {
        updateCredentialsContext();
        emitter.fire();
      }
    }),
  );
}

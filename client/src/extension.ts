/** Entry point: builds the context, registers features and returns a small API used by tests. */
import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { registerDocumentSelectionCommands } from './commands/documentSelection';
import { registerGeneralCommands } from './commands/general';
import { EcsContext } from './context';
import { registerExplorerView } from './views/explorerView';

export interface EcsWorkbenchApi {
  /** The running language client, or undefined while it restarts. */
  readonly languageClient: () => LanguageClient | undefined;
}

let current: EcsContext | undefined;

export async function activate(extensionContext: vscode.ExtensionContext): Promise<EcsWorkbenchApi> {
  const ctx = new EcsContext(extensionContext);
  current = ctx;
  extensionContext.subscriptions.push(ctx);
  registerGeneralCommands(ctx);
  registerDocumentSelectionCommands(ctx);
  registerExplorerView(ctx);
  await ctx.startLanguageServer();
  return { languageClient: () => ctx.languageClient };
}

export async function deactivate(): Promise<void> {
  await current?.stop();
  current = undefined;
}

/** Entry point: builds the context, registers features and returns a small API used by tests. */
import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { registerDeployCommands, type DeployApi } from './commands/deploy/index';
import { registerDocumentSelectionCommands } from './commands/documentSelection';
import { registerExec, type ExecApi } from './commands/exec';
import { registerGeneralCommands } from './commands/general';
import { registerLogs, type LogTailsApi } from './commands/logs';
import { EcsContext } from './context';
import { registerExplorerView, type ExplorerApi } from './views/explorerView';

export interface EcsWorkbenchApi {
  /** The running language client, or undefined while it restarts. */
  readonly languageClient: () => LanguageClient | undefined;
  /** The ECS explorer: tree provider, view, data layer. */
  readonly explorer: ExplorerApi;
  /** Deploys: rollouts being watched, the last diff, and a setter for prompts (tests answer them). */
  readonly deploy: DeployApi;
  /** Log tails: the open ones and what each rendered. */
  readonly logs: LogTailsApi;
  /** ECS Exec terminals and port forwards, and a setter for their prompts. */
  readonly exec: ExecApi;
}

let current: EcsContext | undefined;

export async function activate(extensionContext: vscode.ExtensionContext): Promise<EcsWorkbenchApi> {
  const ctx = new EcsContext(extensionContext);
  current = ctx;
  extensionContext.subscriptions.push(ctx);
  registerGeneralCommands(ctx);
  registerDocumentSelectionCommands(ctx);
  const explorer = registerExplorerView(ctx);
  const deploy = registerDeployCommands(ctx);
  const logs = registerLogs(ctx);
  const exec = registerExec(ctx);
  await ctx.startLanguageServer();
  return { languageClient: () => ctx.languageClient, explorer, deploy, logs, exec };
}

export async function deactivate(): Promise<void> {
  await current?.stop();
  current = undefined;
}

/** "ECS: Treat File as Task Definition" and "ECS: Stop Treating File as Task Definition". */
import * as vscode from 'vscode';
import { DocumentSelectionChanged } from '../../../server/src/protocol';
import type { EcsContext } from '../context';
import { setDocumentSelection } from '../documentSelection';

/** The file a command applies to: the one clicked in the explorer, else the active editor's. */
function targetUri(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  return vscode.window.activeTextEditor?.document.uri;
}

export function registerDocumentSelectionCommands(ctx: EcsContext): void {
  const register = (command: string, treat: boolean): void => {
    ctx.own(
      vscode.commands.registerCommand(command, async (arg: unknown) => {
        const uri = targetUri(arg);
        if (!uri) {
          void vscode.window.showWarningMessage('ECS Workbench: open or select a JSON file first.');
          return;
        }
        const selection = await setDocumentSelection(
          ctx.extensionContext.workspaceState,
          uri.toString(),
          treat,
        );
        // The server only sees JSON documents: a file opened as plain text must become JSON to be checked.
        const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
        if (treat && open && open.languageId !== 'json' && open.languageId !== 'jsonc') {
          await vscode.languages.setTextDocumentLanguage(open, 'json');
        }
        const client = ctx.languageClient;
        if (client?.isRunning()) await client.sendNotification(DocumentSelectionChanged.method, selection);
        ctx.log.info(`${treat ? 'Treating' : 'No longer treating'} ${uri.toString()} as a task definition`);
      }),
    );
  };
  register('ecsWorkbench.treatAsTaskDefinition', true);
  register('ecsWorkbench.stopTreatingAsTaskDefinition', false);
}

/** Starts the ECS language server over IPC for the documents it may understand. */
import * as vscode from 'vscode';
import {
  CloseAction,
  type CloseHandlerResult,
  ErrorAction,
  type ErrorHandlerResult,
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';
import type { InitializationOptions } from '../../server/src/protocol';
import { RestartPolicy } from './restartPolicy';

/** Documents sent to the server; the server itself decides which of them are ECS documents. */
export const documentSelector = [
  { language: 'json' },
  { language: 'jsonc' },
  { language: 'yaml', pattern: '**/copilot/**/manifest.{yml,yaml}' },
  // ecspresso's Jsonnet definitions, whatever language an installed extension gives them.
  { scheme: 'file', pattern: '**/*.jsonnet' },
];

export function createLanguageClient(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  initializationOptions: InitializationOptions,
): LanguageClient {
  const module = context.asAbsolutePath('dist/server/server.js');
  const serverOptions: ServerOptions = {
    // --expose-gc: the server returns the memory of closed documents at once (see server.ts).
    run: { module, transport: TransportKind.ipc, options: { execArgv: ['--expose-gc'] } },
    debug: {
      module,
      transport: TransportKind.ipc,
      options: { execArgv: ['--expose-gc', '--nolazy', '--inspect=6019'] },
    },
  };
  const restarts = new RestartPolicy();
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    outputChannel: log,
    initializationOptions,
    synchronize: { configurationSection: 'ecsWorkbench' },
    initializationFailedHandler: (error) => {
      log.error(`The ECS language server failed to start: ${String(error)}`);
      void vscode.window
        .showErrorMessage(
          'ECS Workbench: the language server failed to start. See the log for details.',
          'Show Log',
        )
        .then((choice) => choice && log.show());
      return false;
    },
    errorHandler: {
      error: (): ErrorHandlerResult => ({ action: ErrorAction.Continue }),
      closed: async (): Promise<CloseHandlerResult> => {
        const decision = restarts.onCrash();
        if (!decision.restart) {
          return {
            action: CloseAction.DoNotRestart,
            message: `The ECS language server crashed ${decision.crashes} times in 3 minutes and will not be restarted. Run "ECS: Restart Language Server" after checking the log.`,
          };
        }
        log.warn(`The ECS language server stopped unexpectedly; restarting it in ${decision.delayMs} ms.`);
        if (decision.notify) {
          void vscode.window
            .showWarningMessage(
              'ECS Workbench: the language server stopped unexpectedly and is being restarted. See the log for details.',
              'Show Log',
            )
            .then((choice) => choice && log.show());
        }
        await new Promise((resolve) => setTimeout(resolve, decision.delayMs));
        // handled: the user was told above (once), the client adds no message of its own.
        return { action: CloseAction.Restart, handled: true };
      },
    },
  };
  return new LanguageClient('ecsWorkbench', 'ECS Workbench Language Server', serverOptions, clientOptions);
}

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

/** Documents sent to the server; the server itself decides which of them are ECS documents. */
export const documentSelector = [
  { language: 'json' },
  { language: 'jsonc' },
  { language: 'yaml', pattern: '**/copilot/**/manifest.{yml,yaml}' },
  // ecspresso's Jsonnet definitions, whatever language an installed extension gives them.
  { scheme: 'file', pattern: '**/*.jsonnet' },
];

const MAX_RESTARTS = 4;
const RESTART_WINDOW_MS = 3 * 60 * 1000;

export function createLanguageClient(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  initializationOptions: InitializationOptions,
): LanguageClient {
  const module = context.asAbsolutePath('dist/server/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const restarts: number[] = [];
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
      closed: (): CloseHandlerResult => {
        const now = Date.now();
        restarts.push(now);
        while (restarts.length > 0 && now - (restarts[0] ?? now) > RESTART_WINDOW_MS) restarts.shift();
        if (restarts.length > MAX_RESTARTS) {
          return {
            action: CloseAction.DoNotRestart,
            message: `The ECS language server crashed ${MAX_RESTARTS + 1} times in 3 minutes and will not be restarted. Run "ECS: Restart Language Server" after checking the log.`,
          };
        }
        log.warn('The ECS language server stopped unexpectedly; restarting it.');
        return { action: CloseAction.Restart };
      },
    },
  };
  return new LanguageClient('ecsWorkbench', 'ECS Workbench Language Server', serverOptions, clientOptions);
}

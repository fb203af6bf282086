/**
 * Registration of the commands that reach into AWS (deploys, exec, port forwards): they refuse to
 * run from a workspace the user has not trusted (its settings could choose the endpoint and the
 * profile), and a command that throws is a bug, not an AWS failure (those are values), so it is
 * logged with its stack and the user is told where to look instead of the command failing silently.
 */
import * as vscode from 'vscode';
import type { EcsContext } from '../context';

/**
 * Registers `run` under `id`, owned by the context. `refuseUntrusted`, when given, is called
 * instead of `run` in an untrusted workspace (to say why nothing happens).
 */
export function registerGuardedCommand(
  ctx: EcsContext,
  id: string,
  run: (arg?: unknown, extra?: unknown) => unknown,
  refuseUntrusted?: () => void,
): void {
  ctx.own(
    vscode.commands.registerCommand(id, async (arg?: unknown, extra?: unknown) => {
      if (refuseUntrusted && !vscode.workspace.isTrusted) {
        refuseUntrusted();
        return undefined;
      }
      try {
        return await run(arg, extra);
      } catch (error) {
        ctx.log.error(
          `${id} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        );
        void vscode.window.showErrorMessage(
          `ECS Workbench: ${id} failed unexpectedly. See the log (ECS: Show Log).`,
        );
        return undefined;
      }
    }),
  );
}

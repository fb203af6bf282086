/** "Register Task Definition": a new revision from the open file. */
import * as vscode from 'vscode';
import type { JsonObject } from '../../aws/deploy/normalize';
import { registerRevision } from '../../aws/deploy/register';
import type { RevisionView } from '../../aws/deploy/types';
import type { Connection } from '../../aws/gateway';
import type { DeployController } from './controller';

/** Registers `input`; unless quiet, offers to deploy or diff the new revision. */
export async function register(
  ctl: DeployController,
  connection: Connection,
  input: JsonObject,
  quiet: boolean,
): Promise<RevisionView | undefined> {
  const result = await registerRevision(ctl.api(connection), input, {
    onStep: (message) => ctl.ctx.log.info(message),
  });
  if (!result.ok) {
    ctl.report(result.error, `Registering ${String(input.family)} failed`);
    return undefined;
  }
  const revision = result.value.revision;
  ctl.ctx.log.info(
    `Registered ${revision.arn}${result.value.recovered ? ' (response lost; found by checking the family)' : ''}`,
  );
  if (!quiet) {
    void ctl.prompts
      .notify('info', `Registered ${revision.family}:${revision.revision} (${revision.arn}).`, [
        'Deploy to Service…',
        'Diff with Previous Revision',
      ])
      .then((choice) => {
        if (choice === 'Deploy to Service…') {
          void vscode.commands.executeCommand('ecsWorkbench.deployRevision', {
            connection,
            taskDefinition: revision.arn,
          });
        } else if (choice === 'Diff with Previous Revision') {
          void vscode.commands.executeCommand('ecsWorkbench.diffWithPreviousRevision', {
            connection,
            taskDefinition: revision.arn,
          });
        }
      });
  }
  return revision;
}

/** Register revision from the open file. */
export const registerFromFile =
  (ctl: DeployController) =>
  async (arg?: unknown, options: { quiet?: boolean } = {}): Promise<RevisionView | undefined> => {
    const document = await ctl.documents.documentOf(arg);
    if (!document) {
      void ctl.prompts.notify('warning', 'Open a task definition file to register it.');
      return undefined;
    }
    const input = await ctl.documents.checkedInput(document);
    if (!input) return undefined;
    const connection = ctl.bindings.binding(document.uri)?.connection ?? (await ctl.defaultConnection());
    if (!connection) return undefined;
    return register(ctl, connection, input, options.quiet ?? false);
  };

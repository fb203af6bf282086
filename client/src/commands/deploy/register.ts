/** "Register Task Definition": a new revision from the open file. */
import * as vscode from 'vscode';
import { describeChanges, summarizeChanges } from '../../aws/deploy/changeSummary';
import { accountOf } from '../../aws/deploy/ecsDeployApi';
import type { JsonObject } from '../../aws/deploy/normalize';
import { registerRevision } from '../../aws/deploy/register';
import type { RevisionView } from '../../aws/deploy/types';
import type { Connection } from '../../aws/gateway';
import type { DeployController } from './controller';
import { documentCommand } from './targetedCommands';

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
export const registerFromFile = documentCommand(
  'Open a task definition file to register it.',
  async (ctl, document, options: { quiet?: boolean } = {}): Promise<RevisionView | undefined> => {
    const input = await ctl.documents.checkedInput(document);
    if (!input) return undefined;
    const bound = ctl.bindings.binding(document.uri);
    const connection = bound?.connection ?? (await ctl.defaultConnection());
    if (!connection) return undefined;
    const family = String(input.family);
    // Like every mutating command: say where it goes and what changes, then ask.
    const latest = await ctl.api(connection).describeTaskDefinition(family);
    const base = latest.ok ? latest.value : undefined;
    const changes = describeChanges(summarizeChanges(base?.taskDefinition, input));
    const detail = [
      `Account: ${(base && accountOf(base.arn)) ?? 'unknown'}`,
      `Region: ${connection.region}`,
      `Profile: ${connection.profile}${connection.endpoint ? ` (endpoint ${connection.endpoint})` : ''}`,
      `Family: ${family} (${base ? `latest ${base.family}:${base.revision}` : 'no revision yet'})`,
      `From: ${vscode.workspace.asRelativePath(document.uri)}`,
      '',
      base ? `Changes from ${base.family}:${base.revision}:` : 'Changes:',
      ...changes.map((l) => `• ${l}`),
      ...(!latest.ok && latest.error.kind !== 'notFound'
        ? [`(The latest revision could not be read: ${latest.error.message})`]
        : []),
    ].join('\n');
    if (!(await ctl.confirmRegister(connection, bound?.cluster, family, detail))) return undefined;
    return register(ctl, connection, input, options.quiet ?? false);
  },
);

/** "Diff with Deployed" and "Diff with Previous Revision", both of normalised task definitions. */
import * as vscode from 'vscode';
import { normalizedText, parseTaskDefinitionText } from '../../aws/deploy/normalize';
import { revisionLabel } from '../../aws/deploy/types';
import { describeArgument } from './arguments';
import type { DeployController } from './controller';
import { documentCommand } from './targetedCommands';
import type { DiffRecord } from './types';

/** Diff with deployed: the revision the bound service runs ↔ the open file, both normalised. */
export const diffWithDeployed = documentCommand(
  'Open a task definition file to compare it with what runs.',
  async (ctl, document): Promise<DiffRecord | undefined> => {
    const parsed = parseTaskDefinitionText(document.getText());
    if (!parsed.ok) return void ctl.prompts.notify('error', `Cannot compare: ${parsed.message}`);
    const binding = await ctl.bindingFor(document.uri, String(parsed.input.family));
    if (!binding) return undefined;
    const api = ctl.api(binding.connection);
    const svc = await api.describeService(binding.cluster, binding.service);
    if (!svc.ok) return void ctl.report(svc.error, 'Cannot compare with the deployed revision');
    const deployed = await api.describeTaskDefinition(svc.value.taskDefinition);
    if (!deployed.ok)
      return void ctl.report(deployed.error, `Cannot read ${revisionLabel(svc.value.taskDefinition)}`);
    const label = revisionLabel(deployed.value.arn);
    const file = vscode.workspace.asRelativePath(document.uri);
    return ctl.diffs.show(
      `${label} (running in ${binding.service}) ↔ ${file} (normalised)`,
      `${label.replace(':', '-')}.deployed.json`,
      normalizedText(deployed.value.taskDefinition),
      `${file.replace(/[\\/]/g, '_')}.normalised.json`,
      normalizedText(parsed.input),
    );
  },
);

/** Diff a revision with the one before it. */
export const diffWithPreviousRevision =
  (ctl: DeployController) =>
  async (arg?: unknown): Promise<DiffRecord | undefined> => {
    const a = describeArgument(arg);
    if (!a.taskDefinition) return undefined;
    const connection = a.connection ?? (await ctl.defaultConnection());
    if (!connection) return undefined;
    const api = ctl.api(connection);
    const current = await api.describeTaskDefinition(a.taskDefinition);
    if (!current.ok) return void ctl.report(current.error, `Cannot read ${a.taskDefinition}`);
    if (current.value.revision <= 1) {
      void ctl.prompts.notify(
        'info',
        `${revisionLabel(current.value.arn)} is the first revision of ${current.value.family}.`,
      );
      return undefined;
    }
    const previousName = `${current.value.family}:${current.value.revision - 1}`;
    const previous = await api.describeTaskDefinition(previousName);
    if (!previous.ok) return void ctl.report(previous.error, `Cannot read ${previousName}`);
    return ctl.diffs.show(
      `${previousName} ↔ ${current.value.family}:${current.value.revision}`,
      `${previousName.replace(':', '-')}.json`,
      normalizedText(previous.value.taskDefinition),
      `${current.value.family}-${current.value.revision}.json`,
      normalizedText(current.value.taskDefinition),
    );
  };

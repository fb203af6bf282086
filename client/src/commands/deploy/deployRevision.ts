/**
 * "Register & Deploy" (the open file to its service) and "Deploy Revision" (an already registered
 * revision), both through one deploy: a summary of what changes, a confirmation, UpdateService
 * and a watched rollout.
 */
import * as vscode from 'vscode';
import { describeChanges, summarizeChanges } from '../../aws/deploy/changeSummary';
import type { JsonObject } from '../../aws/deploy/normalize';
import { checkTarget } from '../../aws/deploy/targetCheck';
import { revisionLabel, type RevisionView } from '../../aws/deploy/types';
import { describeArgument } from './arguments';
import type { DeployController } from './controller';
import { register } from './register';
import { deployResult, documentCommand, watchSince } from './targetedCommands';
import type { DeployResult, ServiceBinding } from './types';

async function deploy(
  ctl: DeployController,
  binding: ServiceBinding,
  what: { input: JsonObject; file: string } | { revision: RevisionView },
): Promise<DeployResult | undefined> {
  const { connection, cluster, service } = binding;
  const current = await ctl.currentService(binding, `Cannot deploy to ${service}`);
  if (!current) return undefined;
  const { api, svc, account } = current;
  const running = await api.describeTaskDefinition(svc.taskDefinition);
  const next = 'input' in what ? what.input : what.revision.taskDefinition;
  const changes = describeChanges(
    summarizeChanges(running.ok ? running.value.taskDefinition : undefined, next),
  );
  const label =
    'input' in what
      ? `${String(what.input.family)} (new revision from ${what.file})`
      : revisionLabel(what.revision.arn);
  // Refuse what the service cannot run (launch type, network mode, load balancer, Service Connect).
  const fit = checkTarget(svc.target ?? {}, next);
  if (fit.errors.length > 0) {
    void ctl.prompts.notify('error', `Cannot deploy ${label} to ${service}: ${fit.errors.join(' ')}`);
    return undefined;
  }
  const detail = [
    ctl.where(binding, account),
    `Now running: ${revisionLabel(svc.taskDefinition)} (${svc.runningCount}/${svc.desiredCount} tasks)`,
    `Deploying: ${label}`,
    '',
    'Changes:',
    ...changes.map((l) => `• ${l}`),
    ...(running.ok ? [] : [`(The running revision could not be read: ${running.error.message})`]),
    ...fit.warnings.map((w) => `⚠ ${w}`),
  ].join('\n');
  if (!(await ctl.confirm(binding, `Deploy ${label} to ${service}?`, detail, 'Deploy'))) return undefined;
  let revision: RevisionView | undefined = 'revision' in what ? what.revision : undefined;
  if ('input' in what) {
    revision = await register(ctl, connection, what.input, true);
    if (!revision) return undefined;
  }
  if (!revision) return undefined;
  const since = watchSince();
  const target = revision.arn;
  const updated = await ctl.updateService(
    api,
    { cluster, service, taskDefinition: target },
    {
      done: `updated to ${revisionLabel(target)} (${revisionLabel(target)} is registered)`,
      unchanged: `it still runs ${revisionLabel(svc.taskDefinition)}; ${revisionLabel(target)} is registered`,
      applied: (s) => s.taskDefinition === target,
      state: (s) => `revision ${revisionLabel(s.taskDefinition)}`,
    },
  );
  if (!updated) return { revision: revision.arn };
  const deploymentId = ctl.watchUpdate(binding, updated, since, account);
  void ctl.prompts.notify(
    'info',
    `Deploying ${revisionLabel(revision.arn)} to ${service}; follow it in the Rollouts view.`,
  );
  return deployResult(revision.arn, deploymentId);
}

/** Register & deploy: the open file to its service. */
export const deployFile = documentCommand(
  'Open a task definition file to deploy it.',
  async (ctl, document): Promise<DeployResult | undefined> => {
    const input = await ctl.documents.checkedInput(document);
    if (!input) return undefined;
    const binding = await ctl.bindingFor(document.uri, String(input.family));
    if (!binding) return undefined;
    return deploy(ctl, binding, { input, file: vscode.workspace.asRelativePath(document.uri) });
  },
);

/** Deploy an already registered revision (from a revision node, or after registering). */
export const deployRevision =
  (ctl: DeployController) =>
  async (arg?: unknown): Promise<DeployResult | undefined> => {
    const a = describeArgument(arg);
    const connection = a.connection ?? (await ctl.defaultConnection());
    if (!connection) return undefined;
    let taskDefinition = a.taskDefinition;
    if (!taskDefinition) {
      taskDefinition = await ctl.prompts.text({
        title: 'Deploy a task definition revision',
        prompt: 'Revision ARN or family:revision',
        value: '',
      });
      if (!taskDefinition) return undefined;
    }
    const revision = await ctl.api(connection).describeTaskDefinition(taskDefinition);
    if (!revision.ok) return void ctl.report(revision.error, `Cannot read ${taskDefinition}`);
    const binding =
      a.service && a.cluster
        ? { connection, cluster: a.cluster, service: a.service }
        : await ctl.pickService(connection, revision.value.family, a.cluster);
    if (!binding) return undefined;
    return deploy(ctl, binding, { revision: revision.value });
  };

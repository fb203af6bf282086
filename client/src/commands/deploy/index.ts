/**
 * Deploy commands: register a revision from the open file, deploy it to a service (with a
 * summary of what changes and a confirmation), force a new deployment, roll back, scale, stop a
 * task, deregister a revision, and watch rollouts. Every question goes through `DeployPrompts`;
 * every ECS call through the data layer (`aws/deploy`), which returns failures as values, so each
 * command ends with a message that says what happened and what state things are in.
 */
import * as vscode from 'vscode';
import type { EcsContext } from '../../context';
import { registerGuardedCommand } from '../guardedCommand';
import { registerRolloutView } from '../../views/rolloutView';
import { unbindFile } from './bindings';
import { DeployController } from './controller';
import { deregister } from './deregister';
import { deployFile, deployRevision } from './deployRevision';
import { diffWithDeployed, diffWithPreviousRevision } from './diff';
import { enableExecuteCommand } from './enableExec';
import { DEPLOYED_SCHEME } from './diffDocuments';
import { forceNewDeployment } from './forceNewDeployment';
import { registerDeployLens } from './lens';
import { vscodePrompts } from './prompts';
import { registerFromFile } from './register';
import { rollback } from './rollback';
import { continueDeployment, stopDeployment } from './serviceDeploymentActions';
import { scale } from './scale';
import { stopTask } from './stopTask';
import type { DeployApi, DeployCommand } from './types';
import { clearEnded, rolloutDone, stopWatching, watchService } from './watch';

export { DEPLOYED_SCHEME } from './diffDocuments';
export type { DeployApi, DeployResult, DiffRecord, ServiceBinding } from './types';

const COMMANDS: Record<string, (ctl: DeployController) => DeployCommand> = {
  'ecsWorkbench.registerTaskDefinition': registerFromFile,
  'ecsWorkbench.registerAndDeploy': deployFile,
  'ecsWorkbench.deployRevision': deployRevision,
  'ecsWorkbench.forceNewDeployment': forceNewDeployment,
  'ecsWorkbench.rollbackService': rollback,
  'ecsWorkbench.continueDeployment': continueDeployment,
  'ecsWorkbench.stopDeployment': stopDeployment,
  'ecsWorkbench.scaleService': scale,
  'ecsWorkbench.stopTask': stopTask,
  'ecsWorkbench.deregisterTaskDefinition': deregister,
  'ecsWorkbench.watchRollout': watchService,
  'ecsWorkbench.stopWatchingRollout': stopWatching,
  'ecsWorkbench.clearEndedRollouts': clearEnded,
  'ecsWorkbench.diffWithDeployed': diffWithDeployed,
  'ecsWorkbench.diffWithPreviousRevision': diffWithPreviousRevision,
  'ecsWorkbench.unbindTaskDefinitionFile': unbindFile,
  'ecsWorkbench.enableExecuteCommand': enableExecuteCommand,
};

/** Commands that change something in AWS: never run from an untrusted workspace. */
const MUTATING = new Set([
  'ecsWorkbench.registerTaskDefinition',
  'ecsWorkbench.registerAndDeploy',
  'ecsWorkbench.deployRevision',
  'ecsWorkbench.forceNewDeployment',
  'ecsWorkbench.rollbackService',
  'ecsWorkbench.scaleService',
  'ecsWorkbench.stopTask',
  'ecsWorkbench.deregisterTaskDefinition',
  'ecsWorkbench.enableExecuteCommand',
  'ecsWorkbench.continueDeployment',
  'ecsWorkbench.stopDeployment',
]);

/** Registers the deploy commands, the Rollouts view, the diff content provider, CodeLenses and status bar. */
export function registerDeployCommands(ctx: EcsContext): DeployApi {
  const ctl = ctx.own(new DeployController(ctx));
  ctx.own(registerRolloutView(ctl.registry));
  ctx.own(vscode.workspace.registerTextDocumentContentProvider(DEPLOYED_SCHEME, ctl.diffs));
  ctx.own(vscode.workspace.onDidChangeTextDocument((e) => ctl.documents.touch(e.document.uri)));
  ctx.own(vscode.workspace.onDidOpenTextDocument((d) => ctl.documents.touch(d.uri)));
  const refuseUntrusted = (): void =>
    void ctl.prompts.notify(
      'warning',
      'This workspace is not trusted, so ECS Workbench makes no change in AWS from it (register, deploy, roll back, scale, stop, deregister). Trust it (Workspaces: Manage Workspace Trust) to continue.',
    );
  for (const [id, command] of Object.entries(COMMANDS)) {
    const run = command(ctl);
    // Only the first argument: a second one (the explorer's selection) means nothing to these.
    registerGuardedCommand(ctx, id, (arg) => run(arg), MUTATING.has(id) ? refuseUntrusted : undefined);
  }
  registerDeployLens(ctx, ctl.bindings);
  return {
    setPrompts: (prompts) => {
      ctl.prompts = prompts ?? vscodePrompts;
    },
    rollouts: () => ctl.registry.list(),
    rolloutDone: (cluster, service) => rolloutDone(ctl, cluster, service),
    lastDiff: () => ctl.diffs.lastDiff(),
    binding: (uri) => ctl.bindings.binding(uri),
    setBinding: (uri, binding) => ctl.bindings.setBinding(uri, binding),
  };
}

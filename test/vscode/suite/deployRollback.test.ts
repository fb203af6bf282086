/** Rollbacks through the extension, of a finished deployment and of one in progress. */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DeployResult } from '../../../client/src/commands/deploy/index';
import { rolloutNode } from '../../../client/src/views/rolloutView';
import { deploySuite, editFile, fileText, fileUri } from '../deploySuite';
import { until } from '../util';

const labelOf = (item: vscode.TreeItem): string =>
  typeof item.label === 'string' ? item.label : (item.label?.label ?? '');

describe('Deploys: rollback', function () {
  this.timeout(120_000);
  const d = deploySuite({ bound: true });

  it('rolls back to the previous revision and says which one comes back', async () => {
    const running = (await d.serviceNow()).taskDefinition ?? '';
    const result = await vscode.commands.executeCommand<{ method: string; revision: string } | undefined>(
      'ecsWorkbench.rollbackService',
      fileUri(),
    );
    assert.ok(result, JSON.stringify(d.prompts.notes));
    assert.equal(result.method, 'UpdateService');
    const expected = `web:${Number(running.split(':').pop()) - 1}`;
    assert.ok(result.revision.endsWith(`/${expected}`), result.revision);
    const detail = d.prompts.confirms[0]?.detail ?? '';
    assert.ok(detail.includes(`Comes back: ${expected} (UpdateService)`), detail);
    const final = await d.finalRollout();
    assert.equal(final.phase, 'completed');
    assert.equal(final.outcome, `Rolled back to ${expected} from web:${running.split(':').pop()}`);
    assert.deepEqual(await d.runningRevisions(), [result.revision, result.revision]);
  });

  it('rolls back a deployment in progress with StopServiceDeployment', async () => {
    const previous = (await d.serviceNow()).taskDefinition ?? '';
    await editFile(fileText('registry.example/web:5.0.0'));
    const deployed = await vscode.commands.executeCommand<DeployResult | undefined>(
      'ecsWorkbench.registerAndDeploy',
      fileUri(),
    );
    assert.ok(deployed?.deploymentId);
    const result = await vscode.commands.executeCommand<{ method: string; revision: string } | undefined>(
      'ecsWorkbench.rollbackService',
      fileUri(),
    );
    assert.ok(result, JSON.stringify(d.prompts.notes));
    assert.equal(result.method, 'StopServiceDeployment');
    assert.equal(result.revision, previous);
    assert.match(
      d.prompts.confirms[1]?.detail ?? '',
      new RegExp(`Comes back: web:${previous.split(':').pop()}$`),
    );
    assert.equal(d.emu.calls.count('StopServiceDeployment'), 1);
    await until(
      'the previous revision back on every task',
      async () => {
        const s = await d.serviceNow();
        return (
          s.deployments.length === 1 &&
          s.taskDefinition === previous &&
          (await d.runningRevisions()).length === 2
        );
      },
      30_000,
    );
    // The Rollouts view follows the rollback the user started to its end, and says how it ended.
    const ended = await until('the rollback watched to its end', () => {
      const entry = d.api.deploy.rollouts().find((r) => r.target.connection.endpoint === d.emu.url);
      return entry?.state.phase === 'completed' ? entry : undefined;
    });
    const headline = ended.state.outcome ?? '';
    assert.equal(
      headline,
      `Rolled back to web:${previous.split(':').pop()}: you stopped the deployment of web:${deployed.revision.split(':').pop()}`,
    );
    assert.equal(labelOf(rolloutNode(ended.target, ended.state).children()[0] as vscode.TreeItem), headline);
  });
});

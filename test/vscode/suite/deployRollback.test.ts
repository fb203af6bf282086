/** Rollbacks through the extension, of a finished deployment and of one in progress. */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DeployResult } from '../../../client/src/commands/deploy/index';
import { deploySuite, editFile, fileText, fileUri } from '../deploySuite';
import { until } from '../util';

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
    assert.equal((await d.finalRollout()).phase, 'completed');
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
  });
});

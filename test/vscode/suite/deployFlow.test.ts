/**
 * Deploys from the open file through the extension, in order on one service: register and deploy
 * (binding the file), force a new deployment, a crashloop stopped by the circuit breaker, an invalid
 * file refused before any call, and the diff with what the service runs.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DeployResult } from '../../../client/src/commands/deploy/index';
import { rolloutNode } from '../../../client/src/views/rolloutView';
import { deploySuite, editFile, fileText, fileUri, labelOf } from '../deploySuite';
import { codeOf, ecsDiagnostics, openNewFile, until } from '../util';

describe('Deploys: register, deploy, force, circuit breaker, refusal, diff', function () {
  this.timeout(120_000);
  const d = deploySuite();

  it('registers the open file, deploys it after a confirmation naming account, Region, cluster, service and changes, and watches it to COMPLETED', async () => {
    const editor = await editFile(fileText('registry.example/web:2.0.0'));
    const uri = editor.document.uri;
    const result = await vscode.commands.executeCommand<DeployResult | undefined>(
      'ecsWorkbench.registerAndDeploy',
      uri,
    );
    assert.ok(result?.deploymentId, `deployed: ${JSON.stringify(d.prompts.notes)}`);
    assert.deepEqual(
      d.prompts.picks.map((t) => t.split(' ')[0]),
      ['Cluster', 'Service'],
    );
    const [confirm] = d.prompts.confirms;
    assert.ok(confirm);
    assert.equal(confirm.action, 'Deploy');
    for (const line of [
      `Account: ${d.emu.accountId}`,
      `Region: ${d.emu.region}`,
      'Cluster: shop',
      'Service: web',
      'Image app: registry.example/web:1.0.0 → registry.example/web:2.0.0',
      `Now running: web:${d.firstRevision.split(':').pop()} (2/2 tasks)`,
    ]) {
      assert.ok(confirm.detail.includes(line), `"${line}" in:\n${confirm.detail}`);
    }
    // The choice is remembered for the file.
    assert.equal(d.api.deploy.binding(uri)?.service, 'web');

    const state = await d.finalRollout();
    assert.equal(state.phase, 'completed', state.message);
    assert.equal(state.taskDefinition, result.revision);
    assert.deepEqual(await d.runningRevisions(), [result.revision, result.revision]);
    assert.ok(
      d.api.deploy.rollouts().some((r) => r.state === state || r.state.deploymentId === result.deploymentId),
    );
    // The Rollouts view renders that state.
    const entry = d.api.deploy.rollouts().find((r) => r.state.deploymentId === result.deploymentId);
    assert.ok(entry);
    const root = rolloutNode(entry.target, entry.state);
    assert.equal(root.label, 'web');
    assert.equal(root.contextValue, 'ecsRollout.ended');
    assert.match(String(root.description), /shop · Completed$/);
    const rows = root.children();
    assert.deepEqual(
      rows.map((r) => labelOf(r).replace(/\(\d+\)$/, '(n)')),
      [state.message, 'Deployments (n)', 'Events (n)', 'Stopped tasks (n)'],
    );
    const deployments = rows[1]?.children() ?? [];
    assert.deepEqual(
      deployments.map((d) => [d.label, d.description]),
      [[`Primary web:${result.revision.split(':').pop()}`, '2/2 running · 0 pending · 0 failed · Completed']],
    );
    assert.ok(rows[2]?.children().some((e) => /has reached a steady state/.test(labelOf(e))));
    await until('the completion notification', () =>
      d.prompts.notes.some((n) => n.kind === 'info' && /rollout completed/.test(n.message)),
    );
  });

  it('force new deployment starts a new deployment of the same revision', async () => {
    const before = await d.serviceNow();
    const uri = fileUri();
    const result = await vscode.commands.executeCommand<DeployResult | undefined>(
      'ecsWorkbench.forceNewDeployment',
      uri,
    );
    assert.ok(result?.deploymentId);
    assert.equal(d.prompts.confirms[0]?.action, 'Redeploy');
    assert.ok(!before.deployments.some((d) => d.id === result.deploymentId), 'a new deployment');
    assert.equal(result.revision, before.taskDefinition);
    const state = await d.finalRollout();
    assert.equal(state.phase, 'completed', state.message);
    const after = await d.serviceNow();
    assert.deepEqual(
      after.deployments.map((d) => [d.id, d.taskDefinition]),
      [[result.deploymentId, before.taskDefinition]],
    );
  });

  it('reports a crashloop image stopped by the circuit breaker, and the revision the rollback brings back', async () => {
    const previous = (await d.serviceNow()).taskDefinition ?? '';
    const editor = await editFile(fileText('registry.example/web:crashloop'));
    const result = await vscode.commands.executeCommand<DeployResult | undefined>(
      'ecsWorkbench.registerAndDeploy',
      editor.document.uri,
    );
    assert.ok(result?.deploymentId);
    assert.equal(d.prompts.picks.length, 0, 'the remembered service is used');
    const state = await d.finalRollout();
    assert.equal(state.phase, 'failed', state.message);
    assert.equal(state.circuitBreakerTripped, true);
    assert.equal(state.rollback?.taskDefinition, previous);
    const back = `web:${previous.split(':').pop()}`;
    assert.match(state.message, new RegExp(`rolled back to ${back}`));
    assert.ok(
      state.stoppedTasks.some((t) => t.containers.some((c) => c.exitCode === 1)),
      'crashed tasks with exit code 1',
    );
    await until('the failure notification naming the rollback', () =>
      d.prompts.notes.some((n) => n.kind === 'error' && n.message.includes(`rolled back to ${back}`)),
    );
    await until(
      'the previous revision running again',
      async () => (await d.runningRevisions()).filter((r) => r === previous).length === 2,
      30_000,
    );
  });

  it('refuses an invalid file before any API call, listing its errors', async () => {
    const text = JSON.stringify(
      {
        family: 'web',
        networkMode: 'awsvpc',
        requiresCompatibilities: ['FARGATE'],
        cpu: '256',
        memory: '4096',
        containerDefinitions: [{ name: 'app', image: 'registry.example/web:4.0.0' }],
      },
      null,
      2,
    );
    const editor = await openNewFile('deploy/invalid-task-def.json', text);
    const uri = editor.document.uri;
    const errors = await until('error diagnostics', () => {
      const found = ecsDiagnostics(uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
      return found.length > 0 ? found : undefined;
    });
    const callsBefore = d.emu.calls.count();
    const registersBefore = d.emu.calls.count('RegisterTaskDefinition');
    const result = await vscode.commands.executeCommand('ecsWorkbench.registerTaskDefinition', uri);
    assert.equal(result, undefined);
    assert.equal(d.emu.calls.count('RegisterTaskDefinition'), registersBefore);
    assert.equal(
      d.emu.calls.count(),
      callsBefore,
      `no API call at all: ${JSON.stringify(
        d.emu.calls
          .list()
          .slice(callsBefore)
          .map((c) => c.operation),
      )}`,
    );
    const refusal = d.prompts.notes.find((n) => n.kind === 'error');
    assert.ok(refusal, 'an error message');
    assert.match(refusal.message, /Not registered: deploy\/invalid-task-def\.json has \d+ error/);
    assert.ok(refusal.message.includes(codeOf(errors[0] as vscode.Diagnostic)), refusal.message);
  });

  it('diffs the open file with the revision the service runs, normalised, in the diff editor; CodeLenses offer it', async () => {
    const running = (await d.serviceNow()).taskDefinition ?? '';
    const runningTag = '2.0.0';
    const editor = await editFile(fileText('registry.example/web:3.1.4'));
    const uri = editor.document.uri;
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
      'vscode.executeCodeLensProvider',
      uri,
    );
    const titles = lenses.map((l) => l.command?.title ?? '');
    assert.ok(
      titles.some((t) => t.includes('Diff with deployed (web)')),
      titles.join(' | '),
    );
    assert.ok(
      titles.some((t) => t.includes('Register & deploy to web')),
      titles.join(' | '),
    );
    const diff = await vscode.commands.executeCommand<
      { leftText: string; rightText: string; left: vscode.Uri } | undefined
    >('ecsWorkbench.diffWithDeployed', uri);
    assert.ok(diff);
    assert.match(
      diff.leftText,
      new RegExp(`"image": "registry\\.example/web:${runningTag.replace(/\./g, '\\.')}"`),
    );
    assert.match(diff.rightText, /"image": "registry\.example\/web:3\.1\.4"/);
    // Only the image differs once both sides are normalised (read-only fields and defaults gone).
    const changed = diff.leftText.split('\n').filter((line, i) => line !== diff.rightText.split('\n')[i]);
    assert.deepEqual(
      changed.map((l) => l.trim()),
      [`"image": "registry.example/web:${runningTag}",`],
    );
    assert.ok(!diff.leftText.includes('taskDefinitionArn') && !diff.leftText.includes('"revision"'));
    const tab = await until('the diff editor', () => {
      const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
      return input instanceof vscode.TabInputTextDiff ? input : undefined;
    });
    assert.equal(tab.original.scheme, 'ecs-workbench-deployed');
    const shown = await vscode.workspace.openTextDocument(tab.original);
    assert.ok(shown.getText().includes(`web:${runningTag}`));
    assert.ok(running.endsWith(':2'), `the service runs the revision deployed first: ${running}`);
  });
});

/**
 * What a mutating command asks before it acts (register, scale, stop, deregister; protected
 * profiles and clusters), the emulator connection, and a lost RegisterTaskDefinition response.
 */
import assert from 'node:assert/strict';
import {
  DescribeTasksCommand,
  ListTaskDefinitionsCommand,
  ListTasksCommand,
  type ECSClient,
} from '@aws-sdk/client-ecs';
import * as vscode from 'vscode';
import type { DeployResult } from '../../../client/src/commands/deploy/index';
import { loseResponses } from '../../unit/deploy/setup';
import { config, deploySuite, editFile, fileText, fileUri, names } from '../deploySuite';
import { until } from '../util';

describe('Deploys: confirmations, protections and lost responses', function () {
  this.timeout(120_000);
  const d = deploySuite({ bound: true });

  it('a lost RegisterTaskDefinition response does not create two revisions', async () => {
    const binding = d.api.deploy.binding(fileUri());
    assert.ok(binding);
    // The extension's own SDK client: the request reaches the emulator, the response is lost.
    const pool = (d.api.explorer.gateway as unknown as { pool: { get(c: unknown): Promise<ECSClient> } })
      .pool;
    const client = await pool.get(binding.connection);
    const lossy = loseResponses(client, 'RegisterTaskDefinitionCommand', {
      name: 'TimeoutError',
      code: 'ECONNRESET',
    });
    try {
      await editFile(fileText('registry.example/web:6.0.0'));
      const family = async (): Promise<string[]> =>
        (await d.ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: names.family })))
          .taskDefinitionArns ?? [];
      const before = await family();
      const registers = d.emu.calls.count('RegisterTaskDefinition');
      const revision = await vscode.commands.executeCommand<{ arn: string } | undefined>(
        'ecsWorkbench.registerTaskDefinition',
        fileUri(),
      );
      assert.ok(revision, JSON.stringify(d.prompts.notes));
      const [asked] = d.prompts.confirms;
      assert.equal(asked?.action, 'Register', 'registering asks first');
      assert.deepEqual(
        [lossy.lost(), lossy.calls()],
        [1, 1],
        'the response was lost once, and not sent again',
      );
      assert.equal(
        d.emu.calls.count('RegisterTaskDefinition'),
        registers + 1,
        'one RegisterTaskDefinition request',
      );
      const after = await family();
      assert.deepEqual(
        after.filter((arn) => !before.includes(arn)),
        [revision.arn],
        'exactly one new revision',
      );
      await until('the ARN with next actions', () =>
        d.prompts.notes.some((n) => n.kind === 'info' && n.message.includes(revision.arn)),
      );
    } finally {
      lossy.remove();
    }
  });

  it('registers only after a confirmation naming account, Region, profile, family and changes', async () => {
    await editFile(fileText('registry.example/web:7.0.0'));
    const registers = d.emu.calls.count('RegisterTaskDefinition');
    d.prompts.answer = false;
    const declined = await vscode.commands.executeCommand('ecsWorkbench.registerTaskDefinition', fileUri());
    assert.equal(declined, undefined);
    assert.equal(d.emu.calls.count('RegisterTaskDefinition'), registers, 'nothing without the confirmation');
    const [asked] = d.prompts.confirms;
    assert.ok(asked, 'a confirmation');
    assert.equal(asked.action, 'Register');
    assert.match(asked.title, /Register a new revision of web\?/);
    for (const line of [
      `Account: ${d.emu.accountId}`,
      `Region: ${d.emu.region}`,
      'Profile: ',
      'Family: web (latest web:',
      'Changes from web:',
    ]) {
      assert.ok(asked.detail.includes(line), `"${line}" in:\n${asked.detail}`);
    }
    assert.match(asked.detail, /7\.0\.0/, 'the image change is summarised');
    // A protected profile needs the family typed.
    await config().update('protectedProfiles', ['*'], vscode.ConfigurationTarget.Workspace);
    try {
      d.prompts.answer = true;
      d.prompts.typedAnswer = 'wrong';
      assert.equal(
        await vscode.commands.executeCommand('ecsWorkbench.registerTaskDefinition', fileUri()),
        undefined,
      );
      assert.equal(d.prompts.typed[0]?.expected, 'web');
      assert.equal(d.emu.calls.count('RegisterTaskDefinition'), registers);
      d.prompts.typedAnswer = 'web';
      const revision = await vscode.commands.executeCommand<{ arn: string } | undefined>(
        'ecsWorkbench.registerTaskDefinition',
        fileUri(),
      );
      assert.ok(revision?.arn);
      assert.equal(d.emu.calls.count('RegisterTaskDefinition'), registers + 1);
    } finally {
      await config().update('protectedProfiles', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('"Connect to Local Emulator" checks the endpoint answers and writes where it takes effect', async () => {
    const dead = await vscode.commands.executeCommand('ecsWorkbench.useEmulator', 'http://127.0.0.1:1');
    assert.equal(dead, undefined, 'nothing saved when nothing answers');
    assert.equal(config().get('endpoint'), d.emu.url);
    const where = await vscode.commands.executeCommand<string>('ecsWorkbench.useEmulator', d.emu.url);
    assert.match(
      where ?? '',
      /workspace settings/,
      'the workspace value overrides the user one: it is written',
    );
    assert.equal(config().inspect('endpoint')?.globalValue, undefined);
    assert.equal(config().inspect('endpoint')?.workspaceValue, d.emu.url);
  });

  it('scales, stops a task and deregisters a revision, each after a confirmation', async () => {
    const binding = d.api.deploy.binding(fileUri());
    assert.ok(binding);
    const node = {
      connection: binding.connection,
      service: { name: names.service, clusterArn: binding.cluster },
    };
    d.prompts.numberAnswer = 3;
    assert.equal(await vscode.commands.executeCommand('ecsWorkbench.scaleService', node), 3);
    assert.match(d.prompts.confirms[0]?.detail ?? '', /Desired count: 2 → 3/);
    await until('3 running tasks', async () => (await d.runningRevisions()).length === 3, 30_000);

    const arns =
      (await d.ecs.send(new ListTasksCommand({ cluster: names.cluster, serviceName: names.service })))
        .taskArns ?? [];
    const task = arns[0] ?? '';
    const stopped = await vscode.commands.executeCommand('ecsWorkbench.stopTask', {
      connection: binding.connection,
      task: { arn: task, clusterArn: binding.cluster, serviceName: names.service },
    });
    assert.equal(stopped, task);
    assert.match(d.prompts.confirms[1]?.detail ?? '', /The service web starts a replacement task/);
    const described = (await d.ecs.send(new DescribeTasksCommand({ cluster: names.cluster, tasks: [task] })))
      .tasks?.[0];
    assert.equal(described?.desiredStatus, 'STOPPED');
    assert.equal(described?.stoppedReason, 'Stopped from VS Code (ECS Workbench)');

    // web:3 is the revision the lost-response test registered; the service runs web:2.
    const notRunning = `arn:aws:ecs:${d.emu.region}:${d.emu.accountId}:task-definition/web:3`;
    const deregister = (): Thenable<unknown> =>
      vscode.commands.executeCommand('ecsWorkbench.deregisterTaskDefinition', {
        connection: binding.connection,
        taskDefinition: notRunning,
      });
    d.prompts.answer = false;
    assert.equal(await deregister(), undefined);
    assert.equal(d.emu.calls.count('DeregisterTaskDefinition'), 0, 'nothing without the confirmation');
    d.prompts.answer = true;
    assert.equal(await deregister(), notRunning);
    const inactive = (
      await d.ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: names.family, status: 'INACTIVE' }))
    ).taskDefinitionArns;
    assert.deepEqual(inactive, [notRunning]);
  });

  it('asks for the service name on a protected cluster, and does nothing without it', async () => {
    await config().update('protectedClusters', ['sh*'], vscode.ConfigurationTarget.Workspace);
    try {
      const updates = d.emu.calls.count('UpdateService');
      const uri = fileUri();
      d.prompts.typedAnswer = 'wrong';
      const refused = await vscode.commands.executeCommand('ecsWorkbench.forceNewDeployment', uri);
      assert.equal(refused, undefined);
      assert.equal(d.prompts.confirms.length, 0, 'no plain confirmation');
      assert.equal(d.prompts.typed[0]?.expected, 'web');
      assert.equal(d.emu.calls.count('UpdateService'), updates);
      d.prompts.typedAnswer = 'web';
      const done = await vscode.commands.executeCommand<DeployResult | undefined>(
        'ecsWorkbench.forceNewDeployment',
        uri,
      );
      assert.ok(done?.deploymentId);
      assert.equal(d.emu.calls.count('UpdateService'), updates + 1);
      assert.equal((await d.finalRollout()).phase, 'completed');
    } finally {
      await config().update('protectedClusters', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});

import assert from 'node:assert/strict';
import type { ECSClient } from '@aws-sdk/client-ecs';
import * as vscode from 'vscode';
import type { RolloutState } from '../../../client/src/aws/deploy/rolloutTypes';
import type { ConfirmRequest, DeployPrompts } from '../../../client/src/commands/deploy/prompts';
import type { EcsWorkbenchApi } from '../../../client/src/extension';
import { rolloutNode, type RolloutNode } from '../../../client/src/views/rolloutView';
import { startEmulator, type RunningEmulator } from '../../../emulator';
import { pausingBlueGreenService, sdkClient } from '../../unit/deploy/setup';
import { activateExtension, until } from '../util';

/** Says yes to every confirmation and records it; picks and inputs are not expected here. */
class YesPrompts implements DeployPrompts {
  readonly confirms: ConfirmRequest[] = [];
  readonly notes: string[] = [];
  pick<T>(): Promise<T | undefined> {
    return Promise.resolve(undefined);
  }
  confirm(request: ConfirmRequest): Promise<boolean> {
    this.confirms.push(request);
    return Promise.resolve(true);
  }
  typedConfirm(): Promise<boolean> {
    return Promise.resolve(false);
  }
  number(): Promise<number | undefined> {
    return Promise.resolve(undefined);
  }
  text(request: { value: string }): Promise<string | undefined> {
    return Promise.resolve(request.value);
  }
  notify(_kind: string, message: string): Promise<string | undefined> {
    this.notes.push(message);
    return Promise.resolve(undefined);
  }
}

const labelOf = (item: vscode.TreeItem): string =>
  typeof item.label === 'string' ? item.label : (item.label?.label ?? '');

/**
 * A blue/green deployment as the Rollouts view shows it: its stage and traffic, a PAUSE hook
 * continued from the paused row, the bake time counting down, every stage with its time, the end.
 */
describe('Blue/green rollouts', function () {
  this.timeout(120_000);
  let emu: RunningEmulator;
  let ecs: ECSClient;
  let api: EcsWorkbenchApi;
  const prompts = new YesPrompts();
  const settings = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('ecsWorkbench');
  const target = vscode.ConfigurationTarget.Workspace;

  before(async () => {
    api = await activateExtension();
    // Speed 20: the emulator's one-minute bake time lasts three seconds.
    emu = await startEmulator({ scenario: 'empty', speed: 20 });
    ecs = sdkClient(emu.url, emu.region);
    await settings().update('profile', 'dev', target);
    await settings().update('regions', [emu.region], target);
    await settings().update('endpoint', emu.url, target);
    await settings().update('deploy.pollIntervalMs', 150, target);
    api.deploy.setPrompts(prompts);
    await pausingBlueGreenService(
      ecs,
      { cluster: 'bg', service: 'shop', family: 'shop' },
      'registry.example/shop:1',
      2,
    );
  });

  after(async () => {
    for (const key of ['endpoint', 'profile', 'regions', 'deploy.pollIntervalMs'])
      await settings().update(key, undefined, target);
    ecs?.destroy();
    await emu?.stop();
  });

  const watched = (): { target: Parameters<typeof rolloutNode>[0]; state: RolloutState } | undefined =>
    api.deploy.rollouts().find((r) => r.target.cluster === 'bg' && r.target.service === 'shop');
  const rows = (): RolloutNode[] => {
    const w = watched();
    assert.ok(w, 'the rollout is in the Rollouts view');
    return rolloutNode(w.target, w.state).children();
  };
  const row = (id: string): RolloutNode | undefined => rows().find((r) => r.id?.endsWith(`/${id}`));

  it('follows every stage, continues a PAUSE hook from its row, counts down the bake time and ends', async () => {
    const started = await vscode.commands.executeCommand<{ deploymentId?: string } | undefined>(
      'ecsWorkbench.forceNewDeployment',
      { cluster: 'bg', service: 'shop' },
    );
    assert.ok(started, `not started: ${prompts.notes.join(' | ')}`);

    // Paused after the test traffic moved: the row says so and offers Continue.
    const paused = await until('the paused-hook row', () => row('paused'));
    assert.equal(labelOf(paused), 'Paused at Post test traffic shift: Continue Deployment');
    assert.equal(paused.command?.command, 'ecsWorkbench.continueDeployment');
    const progress = row('progress');
    assert.ok(progress);
    assert.equal(labelOf(progress), 'Blue/green · In progress');
    assert.match(String(progress.description), /^Post test traffic shift · 0% production · 100% test$/);
    assert.equal(emu.calls.count('ContinueServiceDeployment'), 0, 'nothing continues on its own');

    // The user clicks the row.
    await vscode.commands.executeCommand(
      paused.command.command,
      ...((paused.command.arguments ?? []) as unknown[]),
    );
    assert.equal(prompts.confirms.at(-1)?.action, 'Continue');
    assert.equal(emu.calls.count('ContinueServiceDeployment'), 1);

    // Production traffic moves, then the bake time counts down with the old revision still there.
    const baking = await until('the bake time', () => {
      const p = row('progress');
      return p && /^Bake time · 100% production · .*bake \d+ s left$/.test(String(p.description))
        ? String(p.description)
        : undefined;
    });
    // Estimated from the configured minute and when the stage was first seen (the emulator runs
    // 20 times faster than the estimate, so the stage ends long before it reaches zero).
    assert.match(baking, /bake (5\d|60) s left$/);

    const done = await until('the rollout to end', () => {
      const w = watched();
      return w && w.state.phase === 'completed' ? w.state : undefined;
    });
    assert.equal(done.serviceDeployment?.status, 'SUCCESSFUL');
    assert.equal(row('paused'), undefined, 'no Continue once it ended');
    const stages = row('lifecycle');
    assert.ok(stages);
    const stageRows = stages.children();
    const names = stageRows.map(labelOf);
    for (const seen of ['Post test traffic shift', 'Production traffic shift', 'Bake time'])
      assert.ok(names.includes(seen), `stages: ${names.join(', ')}`);
    // In ECS's order, each with how long it took (or that it passed between two polls).
    const order = ['Test traffic shift', 'Post test traffic shift', 'Production traffic shift', 'Bake time'];
    const positions = order.map((n) => names.indexOf(n)).filter((i) => i >= 0);
    assert.deepEqual(
      positions,
      [...positions].sort((a, b) => a - b),
    );
    for (const s of stageRows)
      assert.match(String(s.description), /^(\d+ s|\d+ min( \d+ s)?|passed between two polls)$/);
  });
});

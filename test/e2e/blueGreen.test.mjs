// End-to-end: a blue/green deployment with a PAUSE lifecycle hook, as a user runs it in the
// workbench: force a new deployment from the explorer, see the Rollouts view stop at the hook with
// its stage and traffic, click the paused row, confirm, and watch it bake and complete.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openOnEmulator, root } from './workbench.mjs';

describe('a blue/green deployment in the workbench', { timeout: 300_000 }, () => {
  let emulator;
  let close;
  let wb;
  let page;
  const rows = () => wb.ecsRows();

  before(async () => {
    const { pausingBlueGreenService, sdkClient } = await import(
      path.join(root, 'out', 'test', 'unit', 'deploy', 'setup.js')
    );
    ({ emulator, wb, close } = await openOnEmulator({
      scenario: 'empty',
      // Speed 5: the one-minute bake takes 12 s, long enough to see it.
      speed: 5,
      prepare: async (emu) => {
        const client = sdkClient(emu.url, emu.region);
        await pausingBlueGreenService(
          client,
          { cluster: 'shop', service: 'checkout', family: 'checkout' },
          'registry.example/checkout:2',
          3,
        );
        client.destroy();
      },
      settings: { 'ecsWorkbench.deploy.pollIntervalMs': 1000 },
    }));
    page = wb.page;
  });
  after(() => close?.());

  it('stops at the PAUSE hook, continues from the paused row and completes', async () => {
    await wb.openEcsView();
    await wb.expand('shop');
    await wb.treeRow('checkout').waitFor({ timeout: 30_000 });
    await wb.contextMenu('checkout', 'Force New Deployment');
    await wb.answerDialog('Redeploy');

    const paused = rows()
      .filter({ hasText: 'Paused at Post test traffic shift: Continue Deployment' })
      .first();
    await paused.waitFor({ timeout: 60_000 });
    const progress = rows().filter({ hasText: 'Blue/green · In progress' }).first();
    assert.match(await progress.innerText(), /Post test traffic shift · 0% production · 100% test/);
    assert.equal(emulator.calls.count('ContinueServiceDeployment'), 0);
    await wb.screenshot('blue-green');

    await paused.click();
    await wb.answerDialog('Continue');
    await rows()
      .filter({ hasText: /Bake time · 100% production/ })
      .first()
      .waitFor({ timeout: 60_000 });
    assert.equal(emulator.calls.count('ContinueServiceDeployment'), 1);
    await rows().filter({ hasText: 'Blue/green · Successful' }).first().waitFor({ timeout: 90_000 });
    assert.equal(await rows().filter({ hasText: 'Continue Deployment' }).count(), 0);
  });
});

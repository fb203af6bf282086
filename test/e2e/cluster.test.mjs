// End-to-end: the explorer, log tailing and deploys in the real workbench, against the emulator.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openOnEmulator } from './workbench.mjs';

describe('clusters, logs and deploys in the workbench', { timeout: 400_000 }, () => {
  let close;
  let wb;
  let page;
  const ecsRows = () => wb.ecsRows();

  before(async () => {
    ({ wb, close } = await openOnEmulator({
      scenario: 'demo',
      speed: 20,
      settings: { 'ecsWorkbench.deploy.pollIntervalMs': 1000 },
      env: { AWS_ACCESS_KEY_ID: 'e2e', AWS_SECRET_ACCESS_KEY: 'e2e' },
    }));
    page = wb.page;
  });
  after(() => close?.());

  it('expands cluster → service → tasks → containers', async () => {
    await wb.openEcsView();
    await wb.expand('prod');
    await wb.expand('web');
    const task = ecsRows().filter({ hasText: 'RUNNING · HEALTHY · web:1' }).first();
    await task.waitFor({ timeout: 30_000 });
    const labels = await ecsRows().allInnerTexts();
    assert.ok(
      labels.some((l) => /^web\s*3\/3 running · FARGATE/.test(l)),
      labels.join('\n'),
    );
    assert.ok(
      labels.some((l) => /^Primary web:1/.test(l)),
      labels.join('\n'),
    );
    assert.equal(labels.filter((l) => l.includes('RUNNING · HEALTHY · web:1')).length, 3);
    await task.click();
    await page.keyboard.press('ArrowRight');
    await ecsRows().filter({ hasText: 'nginx' }).first().waitFor({ timeout: 15_000 });
    await wb.screenshot('explorer');
  });

  it('opens a shell in a container over ECS Exec, with nothing installed', async () => {
    await wb.contextMenu('envoy', 'Open Shell');
    const terminal = page.locator('.terminal-wrapper .xterm-rows').first();
    await terminal.waitFor({ timeout: 30_000 });
    // The shell's prompt first: keystrokes before the session is up would be lost.
    await page.waitForFunction(
      () => /[#$]\s*$/.test(document.querySelector('.terminal-wrapper .xterm-rows')?.textContent ?? ''),
      undefined,
      { timeout: 30_000 },
    );
    // The new terminal has the keyboard (a click would land on its widget layer).
    await page.keyboard.type('echo $((6*7))');
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      () => /\b42\b/.test(document.querySelector('.terminal-wrapper .xterm-rows')?.textContent ?? ''),
      undefined,
      { timeout: 30_000 },
    );
    await wb.screenshot('shell');
    await page.keyboard.type('exit');
    await page.keyboard.press('Enter');
    await page.locator('.terminal-wrapper').first().waitFor({ state: 'detached', timeout: 30_000 });
  });

  it('tails the logs of a service', async () => {
    await wb.contextMenu('web', 'Tail Logs').catch(async (e) => {
      await page.screenshot({ path: '/tmp/tailfail.png' });
      throw e;
    });
    const terminal = page.locator('.terminal-wrapper .xterm-rows').first();
    await terminal.waitFor({ timeout: 30_000 }).catch(async (e) => {
      await page.screenshot({ path: '/tmp/tailfail.png' });
      throw e;
    });
    await page.waitForFunction(
      () =>
        /\bweb\b.*(GET|POST|HTTP|INFO|nginx)/.test(
          document.querySelector('.terminal-wrapper .xterm-rows')?.textContent ?? '',
        ),
      undefined,
      { timeout: 60_000 },
    );
    await wb.screenshot('logs');
    // The tail terminal takes keystrokes for its controls: hide the panel (the tail goes on) so the
    // keyboard belongs to the workbench again.
    await page.locator('.part.panel .action-item a[aria-label^="Hide Panel"]').first().click();
    await page.locator('.part.panel').waitFor({ state: 'hidden', timeout: 10_000 });
  });

  it('forces a new deployment and watches it reach COMPLETED', async () => {
    await wb.openEcsView();
    await wb.contextMenu('web', 'Force New Deployment');
    await wb.answerDialog('Redeploy');
    await ecsRows().filter({ hasText: 'rollout completed' }).first().waitFor({ timeout: 120_000 });
    await wb.screenshot('rollout');
  });

  it('deploys a crash-looping image and reports the circuit breaker and the rollback', async () => {
    await wb.openFile('web-crashloop-task-def.json');
    await wb.runCommand('ECS: Register & Deploy to Service');
    await wb.pick('prod');
    await wb.pick('web');
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 15_000 });
    assert.match(await dialog.innerText(), /nginx:1\.27 → public\.ecr\.aws\/nginx\/nginx:crashloop/);
    await wb.answerDialog('Deploy');
    const failed = ecsRows().filter({ hasText: 'circuit breaker' }).first();
    await failed.waitFor({ timeout: 180_000 });
    assert.match(await failed.innerText(), /rolled back to web:1/i);
    await wb.screenshot('rollback');
  });

  it("shows an EC2 cluster's container instances with the capacity their tasks reserve", async () => {
    // prod closed again (a click toggles an open row), so staging's rows fit on screen.
    if ((await wb.treeRow('prod').getAttribute('aria-expanded')) === 'true') await wb.treeRow('prod').click();
    await wb.expand('staging');
    await wb.expand('Container instances');
    const instances = ecsRows().filter({ hasText: /^i-[0-9a-f]{17}/ });
    await instances.first().waitFor({ timeout: 30_000 });
    assert.equal(await instances.count(), 2);
    for (const text of await instances.allInnerTexts())
      assert.match(text, /\d+ tasks? · cpu \d+\/2048 · mem \d+\.\d\/3\.8 GiB/);
    // Beside them, the service that does not fit, at 0 of 1.
    assert.match(await wb.treeRow('analytics').innerText(), /0\/1 running/);
    await wb.screenshot('container-instances');
  });
});

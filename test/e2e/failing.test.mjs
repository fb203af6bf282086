// End-to-end: what the sidebar shows while a service crash-loops (the `crashloop` scenario, with
// simulated time run forward), and the README's screenshot of it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openOnEmulator } from './workbench.mjs';

describe('a failing service in the workbench', { timeout: 300_000 }, () => {
  let close;
  let wb;
  let page;
  const ecsRows = () => wb.ecsRows();

  before(async () => {
    ({ wb, close } = await openOnEmulator({
      scenario: 'crashloop',
      speed: 20,
      // Fifty simulated minutes of crash loop before anyone looks.
      prepare: (emu) => {
        for (let i = 0; i < 50; i++) emu.advance(60_000);
      },
      env: { AWS_ACCESS_KEY_ID: 'e2e', AWS_SECRET_ACCESS_KEY: 'e2e' },
    }));
    page = wb.page;
  });
  after(() => close?.());

  it('shows the failing service and its cluster with the failed count, newest stopped task first', async () => {
    await wb.openEcsView();
    const cluster = ecsRows().filter({ hasText: /^shop/ }).first();
    await cluster.filter({ hasText: /\d+ failed/ }).waitFor({ timeout: 60_000 });
    await wb.expand('shop');
    const checkout = ecsRows()
      .filter({ hasText: /^checkout\s*\d\/6 running · FARGATE · \d+ failed/ })
      .first();
    await checkout.waitFor({ timeout: 30_000 });
    await wb.expand('checkout');
    await wb.expand('Recently stopped tasks');
    const newest = ecsRows()
      .filter({ hasText: /exit 1 · EssentialContainerExited/ })
      .first();
    // The tree renders only the rows in view: with six tasks above it, the folder's first rows can lie
    // below the fold. Move the keyboard focus down (the click left it on the folder) until the row
    // is rendered, as a user scrolls; a condition, with a deadline.
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        await newest.waitFor({ timeout: 2_000 });
        break;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await wb.page.keyboard.press('ArrowDown');
      }
    }
    // Newest first: tasks still stopping, then the stopped ones with their age.
    assert.match(
      await newest.innerText(),
      /(DEACTIVATING|STOPPING|DEPROVISIONING|ago|just now) · exit 1 · EssentialContainerExited/,
    );
    // The error colour is on the service's icon.
    assert.ok(await checkout.locator('.codicon-error').count(), 'the failing icon on checkout');
    await checkout.hover();
    await page
      .locator('.monaco-hover, .workbench-hover')
      .filter({ hasText: 'Failing' })
      .first()
      .waitFor({ timeout: 10_000 })
      .catch(() => {});
    await wb.screenshot('failing-service');
  });
});

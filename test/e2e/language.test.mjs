// End-to-end: the language server's work as a person sees it in the real workbench.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openWorkbench, root } from './workbench.mjs';

describe('language features in the workbench', { timeout: 300_000 }, () => {
  let wb;
  let page;
  before(async () => {
    wb = await openWorkbench({ workspaceSource: path.join(root, 'demo', 'workspace') });
    page = wb.page;
  });
  after(async () => {
    await wb?.close();
  });

  // The visible editor lines in screen order (the editor reuses line elements, so DOM order is not
  // line order), with its no-break spaces turned back into spaces.
  const editorText = () =>
    page.evaluate(() =>
      [...document.querySelectorAll('.editor-instance .view-lines .view-line')]
        .map((el) => ({ top: parseFloat(el.style.top), text: el.textContent ?? '' }))
        .sort((a, b) => a.top - b.top)
        .map((l) => l.text.replace(/\u00a0/g, ' '))
        .join('\n'),
    );

  it('shows squiggles and Problems entries for mistakes in a task definition', async () => {
    await wb.openFile('web-task-def.json');
    await page.locator('.squiggly-error').first().waitFor({ timeout: 30_000 });
    await wb.openProblems();
    const problems = page.locator('.monaco-list-row', { hasText: 'ECS122' }).first();
    await problems.waitFor({ timeout: 30_000 });
    const text = await page.locator('.monaco-list-row', { hasText: 'ECS106' }).first().innerText();
    assert.match(text, /memory 4096 is not valid with cpu 256/);
    await wb.screenshot('diagnostics');
  });

  it('applies a quick fix: hostPort becomes the containerPort', async () => {
    await page
      .locator('.view-line span', { hasText: /^8080$/ })
      .first()
      .click();
    await page.keyboard.press('Control+.');
    const fix = page.locator('.action-widget .monaco-list-row', { hasText: 'Change hostPort to 80' }).first();
    await fix.waitFor({ timeout: 15_000 });
    await wb.screenshot('quick-fix');
    // The action list takes keys, not pointer clicks, while it animates in: move to the fix and apply it.
    while ((await fix.getAttribute('class'))?.includes('focused') !== true)
      await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => !document.body.innerText.includes('ECS122'), undefined, {
      timeout: 15_000,
    });
    assert.match(await editorText(), /"containerPort": 80, "hostPort": 80,/);
  });

  it('accepts a completion with the key and its value', async () => {
    await page.locator('.view-line span', { hasText: '"awsvpc"' }).first().click();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('"pidM');
    await page.keyboard.press('Control+Space');
    const item = page.locator('.suggest-widget.visible .monaco-list-row', { hasText: 'pidMode' }).first();
    await item.waitFor({ timeout: 15_000 });
    await wb.screenshot('completion');
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      () => document.querySelector('.editor-instance .view-lines')?.textContent?.includes('"pidMode":'),
      undefined,
      {
        timeout: 10_000,
      },
    );
    assert.match(await editorText(), /"networkMode": "awsvpc",\s*"pidMode": "/);
  });
});

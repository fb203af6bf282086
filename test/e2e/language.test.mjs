// End-to-end: the language server's work as a person sees it in the real workbench.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openWorkbench, root } from './workbench.mjs';

describe('language features in the workbench', { timeout: 240_000 }, () => {
  let wb;
  before(async () => {
    wb = await openWorkbench({ workspaceSource: path.join(root, 'demo', 'workspace') });
  });
  after(async () => {
    await wb?.close();
  });

  it('shows a squiggle and a Problems entry for a mistake in a task definition', async () => {
    await wb.openFile('web-task-def.json');
    await wb.page.locator('.squiggly-error').first().waitFor({ timeout: 30_000 });
    await wb.openProblems();
    const row = wb.page.locator('.markers-panel .monaco-list-row', { hasText: 'ecs(' }).first();
    await row.waitFor({ timeout: 30_000 });
    const text = await wb.page.locator('.markers-panel').innerText();
    assert.match(text, /ecs\(ECS\d+\)/);
    await wb.screenshot('diagnostics');
  });
});

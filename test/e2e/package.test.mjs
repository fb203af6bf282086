// The packaged extension: build the .vsix, install it into a VS Code server like a user would, and
// check that it activates (the ECS view container appears) and its language server answers.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { launchChromium, startVSCodeServer } from '../vscode/serverHarness.mjs';
import { ensureVSCodeServer } from '../vscode/setupServer.mjs';
import { root } from './workbench.mjs';

describe('the packaged .vsix', { timeout: 300_000 }, () => {
  let tmp;
  let server;
  let browser;
  let vsix;
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ecswb-vsix-'));
    vsix = path.join(tmp, 'ecs-workbench.vsix');
    execFileSync('npx', ['vsce', 'package', '--no-dependencies', '--out', vsix], {
      cwd: root,
      stdio: 'pipe',
    });
  });
  after(async () => {
    await browser?.close().catch(() => {});
    server?.stop();
    // The packaging step rebuilt dist/ minified; restore the development build for later layers.
    execFileSync('node', ['esbuild.mjs'], { cwd: root, stdio: 'pipe' });
  });

  it('holds only the bundles and assets, and stays small', () => {
    const listing = execFileSync('npx', ['vsce', 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' })
      .trim()
      .split('\n');
    assert.ok(listing.includes('dist/client/extension.js'), listing.join('\n'));
    assert.ok(listing.includes('dist/server/server.js'), listing.join('\n'));
    assert.ok(listing.includes('dist/client/aws-sdk.js'), listing.join('\n'));
    assert.ok(
      !listing.some((f) => /^(node_modules|out|test|client\/src|server\/src)\//.test(f)),
      listing.join('\n'),
    );
    const kb = fs.statSync(vsix).size / 1024;
    console.log(`vsix: ${kb.toFixed(1)} KB, ${listing.length} files`);
    assert.ok(kb < 2048, `the .vsix is ${kb.toFixed(0)} KB`);
  });

  it('installs into VS Code, shows the ECS view and validates a task definition', async () => {
    const dataDir = path.join(tmp, 'data');
    const vscodeDir = ensureVSCodeServer();
    fs.mkdirSync(path.join(dataDir, 'server-data'), { recursive: true });
    execFileSync(
      process.execPath,
      [
        path.join(vscodeDir, 'out', 'server-main.js'),
        '--install-extension',
        vsix,
        '--extensions-dir',
        path.join(dataDir, 'extensions'),
        '--server-data-dir',
        path.join(dataDir, 'server-data'),
        '--accept-server-license-terms',
      ],
      { stdio: 'pipe' },
    );
    const workspace = path.join(tmp, 'workspace');
    fs.mkdirSync(workspace);
    fs.writeFileSync(
      path.join(workspace, 'api-task-def.json'),
      JSON.stringify(
        { family: 'api', containerDefinitions: [{ name: 'api', image: 'nginx', essential: false }] },
        null,
        2,
      ),
    );
    server = await startVSCodeServer({ dataDir });
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    await page.goto(server.url(workspace), { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    await page
      .getByRole('button', { name: 'Yes, I trust the authors' })
      .click({ timeout: 15_000 })
      .catch(() => {});
    await page.locator('.activitybar .action-item a[aria-label^="ECS"]').first().waitFor({ timeout: 30_000 });
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'api-task-def.json' }).click();
    await page.locator('.squiggly-error').first().waitFor({ timeout: 60_000 });
  });
});

// Drives the real VS Code workbench (VS Code server + Debian Chromium) the way a person does:
// clicks, keys and what is on screen. Used by the end-to-end tests and to take the README's screenshots.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium, startVSCodeServer } from '../vscode/serverHarness.mjs';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const screenshotsDir = path.join(root, 'media', 'screenshots');

const workspaceSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'editor.minimap.enabled': false,
  'files.autoSave': 'off',
};

/**
 * Opens a workbench on a temp copy of `workspaceSource`, with the extension loaded from this
 * checkout. `settings` are merged into the workspace settings (e.g. the emulator endpoint).
 */
export async function openWorkbench({ workspaceSource, settings = {}, env = {} }) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ecswb-e2e-'));
  const workspace = path.join(tmp, 'workspace');
  fs.cpSync(workspaceSource, workspace, { recursive: true });
  fs.mkdirSync(path.join(workspace, '.vscode'), { recursive: true });
  const settingsFile = path.join(workspace, '.vscode', 'settings.json');
  const existing = fs.existsSync(settingsFile) ? JSON.parse(fs.readFileSync(settingsFile, 'utf8')) : {};
  fs.writeFileSync(settingsFile, JSON.stringify({ ...existing, ...workspaceSettings, ...settings }, null, 2));

  const server = await startVSCodeServer({ dataDir: path.join(tmp, 'data'), env });
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  await page.goto(server.url(workspace, [['extensionDevelopmentPath', root]]), {
    waitUntil: 'domcontentloaded',
  });
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  // A new folder asks for trust; the extension's full features need a trusted folder.
  const trust = page.getByRole('button', { name: 'Yes, I trust the authors' });
  await trust.click({ timeout: 15_000 }).catch(() => {});
  return new Workbench(page, browser, server, workspace, tmp);
}

export class Workbench {
  constructor(page, browser, server, workspace, tmp) {
    this.page = page;
    this.browser = browser;
    this.server = server;
    this.workspace = workspace;
    this.tmp = tmp;
  }

  async close() {
    await this.browser.close().catch(() => {});
    this.server.stop();
  }

  /** Opens a workspace file from the Explorer, as a person would. */
  async openFile(relativePath) {
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(relativePath);
    await this.page
      .locator('.quick-input-list .monaco-list-row', { hasText: path.basename(relativePath) })
      .first()
      .waitFor({ timeout: 10_000 });
    await this.page.keyboard.press('Enter');
    await this.page
      .locator('.tab.active', { hasText: path.basename(relativePath) })
      .waitFor({ timeout: 10_000 });
  }

  /** Runs a command from the Command Palette by its title. */
  async runCommand(title) {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(`>${title}`);
    const row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    await row.waitFor({ timeout: 10_000 });
    await this.page.keyboard.press('Enter');
  }

  async openProblems() {
    await this.runCommand('View: Focus Problems');
    await this.page.locator('.markers-panel').waitFor({ timeout: 10_000 });
  }

  /** Opens the ECS view container from the activity bar. */
  async openEcsView() {
    await this.page.locator('.activitybar .action-item a[aria-label^="ECS"]').first().click();
    await this.page.locator('.pane-header', { hasText: 'Explorer' }).first().waitFor({ timeout: 10_000 });
  }

  async screenshot(name) {
    fs.mkdirSync(screenshotsDir, { recursive: true });
    const file = path.join(screenshotsDir, `${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }
}

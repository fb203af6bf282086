// Drives the real VS Code workbench (VS Code server + Debian Chromium) the way a person does:
// clicks, keys and what is on screen. Used by the end-to-end tests and to take the README's screenshots.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  LOCAL_EMULATOR_MACHINE_SETTINGS,
  launchChromium,
  startVSCodeServer,
} from '../vscode/serverHarness.mjs';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const screenshotsDir = path.join(root, 'media', 'screenshots');

const workspaceSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'editor.minimap.enabled': false,
  'files.autoSave': 'off',
  // The DOM renderer keeps terminal text readable by the tests (the GPU renderers draw on a canvas).
  'terminal.integrated.gpuAcceleration': 'off',
};

/**
 * Opens a workbench on a temp copy of `workspaceSource`, with the extension loaded from this
 * checkout. `settings` are merged into the workspace settings (e.g. the emulator endpoint);
 * `trust: false` answers the trust prompt with "No" (Restricted Mode); `machineSettings` are the
 * machine's own (by default they allow the local emulators the tests start).
 */
export async function openWorkbench({
  workspaceSource,
  settings = {},
  env = {},
  trust = true,
  machineSettings = LOCAL_EMULATOR_MACHINE_SETTINGS,
}) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ecswb-e2e-'));
  const workspace = path.join(tmp, 'workspace');
  fs.cpSync(workspaceSource, workspace, { recursive: true });
  fs.mkdirSync(path.join(workspace, '.vscode'), { recursive: true });
  const settingsFile = path.join(workspace, '.vscode', 'settings.json');
  const existing = fs.existsSync(settingsFile) ? JSON.parse(fs.readFileSync(settingsFile, 'utf8')) : {};
  fs.writeFileSync(settingsFile, JSON.stringify({ ...existing, ...workspaceSettings, ...settings }, null, 2));

  const server = await startVSCodeServer({ dataDir: path.join(tmp, 'data'), env, machineSettings });
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  await page.goto(server.url(workspace, [['extensionDevelopmentPath', root]]), {
    waitUntil: 'domcontentloaded',
  });
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  // A new folder asks for trust; the extension's full features need a trusted folder.
  const answer = page.getByRole('button', {
    name: trust ? 'Yes, I trust the authors' : "No, I don't trust the authors",
  });
  await answer.click({ timeout: 15_000 }).catch(() => {});
  const wb = new Workbench(page, browser, server, workspace, tmp);
  await wb.widenSideBar(560);
  // The web workbench may open its own walkthrough; start from a clean editor area.
  await page
    .locator('.tab', { hasText: 'Walkthrough' })
    .waitFor({ timeout: 5_000 })
    .then(() => wb.runCommand('View: Close All Editors'))
    .catch(() => {});
  return wb;
}

/**
 * The usual end-to-end set-up: an emulator in this process (`scenario`, `speed`; `prepare(emulator)`
 * runs before the workbench opens) and the demo workspace connected to it. `settings` and the other
 * options go to `openWorkbench`. Resolves to `{ emulator, wb }`; `close` stops both.
 */
export async function openOnEmulator({ scenario, speed, prepare, settings = {}, ...options }) {
  const { startEmulator } = await import(path.join(root, 'out', 'emulator', 'index.js'));
  const emulator = await startEmulator({ port: 0, scenario, speed });
  try {
    await prepare?.(emulator);
    const wb = await openWorkbench({
      workspaceSource: path.join(root, 'demo', 'workspace'),
      settings: {
        'ecsWorkbench.endpoint': emulator.url,
        'ecsWorkbench.regions': [emulator.region],
        ...settings,
      },
      ...options,
    });
    return { emulator, wb, close: async () => Promise.all([wb.close(), emulator.stop()]) };
  } catch (error) {
    await emulator.stop();
    throw error;
  }
}

export class Workbench {
  constructor(page, browser, server, workspace, tmp) {
    this.page = page;
    this.browser = browser;
    this.server = server;
    this.workspace = workspace;
    this.tmp = tmp;
  }

  /** Drags the side bar's edge so tree labels and descriptions show in full in screenshots. */
  async widenSideBar(width) {
    const box = await this.page.locator('.part.sidebar').boundingBox();
    if (!box) return;
    const y = box.y + box.height / 2;
    const edge = box.x + box.width;
    await this.page.mouse.move(edge, y);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + width, y, { steps: 5 });
    await this.page.mouse.up();
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

  /**
   * Runs a command from the Command Palette by its title. A view that takes focus while the palette
   * opens (a revealed tree, a notification) closes it, so opening is retried a few times.
   */
  async runCommand(title) {
    const input = this.page.locator('.quick-input-widget input');
    for (let attempt = 1; ; attempt++) {
      try {
        await this.page.keyboard.press('F1');
        await input.waitFor({ state: 'visible', timeout: 5_000 });
        await input.fill(`>${title}`, { timeout: 5_000 });
        const row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
        await row.waitFor({ timeout: 5_000 });
        await this.page.keyboard.press('Enter');
        return;
      } catch (error) {
        if (attempt >= 3) throw error;
        await this.page.keyboard.press('Escape');
      }
    }
  }

  async openProblems() {
    await this.runCommand('View: Focus Problems');
    await this.page.locator('.markers-panel').waitFor({ timeout: 10_000 });
  }

  /** Opens the ECS view container from the activity bar. */
  async openEcsView() {
    await this.runCommand('ECS: Focus on Explorer View');
    await this.page
      .locator('[id="workbench.view.extension.ecsWorkbench"] .pane-header', { hasText: 'Explorer' })
      .first()
      .waitFor({ timeout: 10_000 });
  }

  /** Every row of the ECS view's trees (Explorer and Rollouts). */
  ecsRows() {
    return this.page.locator('[id="workbench.view.extension.ecsWorkbench"] .monaco-list-row');
  }

  /** The tree row in the ECS explorer whose text starts with `label`. */
  treeRow(label) {
    return this.page
      .locator('[id="workbench.view.extension.ecsWorkbench"] .monaco-list-row')
      .filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(label)}$`) }) })
      .first();
  }

  /** Expands a tree row (if collapsed) and waits until it is expanded. */
  async expand(label) {
    const row = this.treeRow(label);
    await row.waitFor({ timeout: 30_000 });
    if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
    await this.page.waitForFunction(
      (el) => el.getAttribute('aria-expanded') === 'true',
      await row.elementHandle(),
      {
        timeout: 15_000,
      },
    );
  }

  /** Right-clicks a tree row and picks a context-menu entry by its title (retried if the menu closes). */
  async contextMenu(label, entry) {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.treeRow(label).click({ button: 'right' });
        const item = this.page.locator('.context-view .action-item', { hasText: entry }).first();
        await item.waitFor({ timeout: 5_000 });
        await item.click();
        // A click that lands while the menu is still settling only highlights the entry: Enter runs it.
        const menu = this.page.locator('.context-view .monaco-menu');
        if (
          !(await menu.waitFor({ state: 'hidden', timeout: 2_000 }).then(
            () => true,
            () => false,
          ))
        ) {
          await this.page.keyboard.press('Enter');
          await menu.waitFor({ state: 'hidden', timeout: 5_000 });
        }
        return;
      } catch (error) {
        if (attempt >= 3) throw error;
        await this.page.keyboard.press('Escape');
      }
    }
  }

  /** Picks the quick-pick entry whose label is `label`. */
  async pick(label) {
    const row = this.page
      .locator('.quick-input-list .monaco-list-row')
      .filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(label)}$`) }) })
      .first();
    await row.waitFor({ timeout: 15_000 });
    await row.click();
  }

  /** Answers a modal dialog by clicking the button with `name`. */
  async answerDialog(name) {
    const button = this.page.locator('.monaco-dialog-box').getByRole('button', { name });
    await button.waitFor({ timeout: 15_000 });
    await button.click();
  }

  async screenshot(name) {
    fs.mkdirSync(screenshotsDir, { recursive: true });
    const file = path.join(screenshotsDir, `${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

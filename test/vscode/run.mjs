// Runs the extension test suite (out/test/vscode) inside a real VS Code, with one of two launchers:
//  - "electron": @vscode/test-electron downloads VS Code desktop (needs internet), or uses
//    VSCODE_EXECUTABLE;
//  - "server": the VS Code 1.100.3 server from the code-server npm package, opened in Debian's
//    Chromium through playwright-core — works offline, and is what CI uses here.
// ECSWB_VSCODE_LAUNCHER=electron|server overrides the choice. The server launcher runs the suite in
// both the oldest (1.100.3, Node 20) and the newest (1.139.1, Node 24) VS Code, one after the other,
// unless ECS_WORKBENCH_VSCODE=oldest|newest picks one; before each it checks that the server
// refuses requests without its connection token (token.test.mjs). Each test's result is streamed
// as it finishes and the run ends with `vscode: N passed, M failed`, summed over the editors.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  LOCAL_EMULATOR_MACHINE_SETTINGS,
  chromiumPath,
  launchChromium,
  startVSCodeServer,
} from './serverHarness.mjs';
import { VSCODE_SERVERS, ensureVSCodeServerInstall, selectedFlavor } from './setupServer.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const testsPath = path.join(root, 'out', 'test', 'vscode', 'index');
// Each editor's run (server start, workbench load, whole suite) must end within this; the whole
// launcher within the overall limit. Each test has mocha's own 60 s timeout (test/vscode/index.ts).
const perEditorTimeoutMs = Number(process.env.ECSWB_VSCODE_TIMEOUT_MS ?? 15 * 60 * 1000);
const overallTimeoutMs = Number(process.env.ECSWB_VSCODE_TOTAL_TIMEOUT_MS ?? 40 * 60 * 1000);

function chooseLauncher() {
  const forced = process.env.ECSWB_VSCODE_LAUNCHER;
  if (forced === 'electron' || forced === 'server') return forced;
  if (forced) throw new Error(`ECSWB_VSCODE_LAUNCHER must be "electron" or "server", not "${forced}"`);
  // Without a VS Code already at hand we do not probe the internet: the offline launcher works everywhere.
  if (process.env.VSCODE_EXECUTABLE || fs.existsSync(path.join(root, '.vscode-test'))) return 'electron';
  return 'server';
}

/** Copies the test workspace to a temp folder so tests may edit files freely. */
function prepareWorkspace(tmp) {
  const src = path.join(root, 'test', 'vscode', 'workspace');
  const dest = path.join(tmp, 'workspace');
  fs.cpSync(src, dest, { recursive: true });
  return dest;
}

/**
 * Streams the JSON-lines result file written by the in-editor reporter; resolves on `end`, or with
 * a `timeout` event when `signal` aborts.
 */
function followResults(file, onLine, signal) {
  let offset = 0;
  let buffer = '';
  return new Promise((resolve) => {
    signal?.addEventListener('abort', () => {
      clearInterval(poll);
      resolve({ type: 'timeout' });
    });
    const poll = setInterval(() => {
      if (!fs.existsSync(file)) return;
      const fd = fs.openSync(file, 'r');
      const size = fs.fstatSync(fd).size;
      if (size > offset) {
        const chunk = Buffer.alloc(size - offset);
        fs.readSync(fd, chunk, 0, chunk.length, offset);
        offset = size;
        buffer += chunk.toString('utf8');
        let nl;
        while ((nl = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, nl);
          buffer = buffer.slice(nl + 1);
          if (!line.trim()) continue;
          const event = JSON.parse(line);
          onLine(event);
          if (event.type === 'end') {
            clearInterval(poll);
            fs.closeSync(fd);
            resolve(event);
            return;
          }
        }
      }
      fs.closeSync(fd);
    }, 100);
  });
}

function printEvent(event) {
  if (event.type === 'suite') console.log(`${'  '.repeat(event.depth)}${event.title}`);
  else if (event.type === 'pass')
    console.log(`${'  '.repeat(event.depth)}✔ ${event.title} (${event.duration} ms)`);
  else if (event.type === 'fail') {
    console.log(`${'  '.repeat(event.depth)}✖ ${event.title}`);
    console.log(
      String(event.error)
        .split('\n')
        .map((l) => `${'  '.repeat(event.depth + 2)}${l}`)
        .join('\n'),
    );
  } else if (event.type === 'log') console.log(`  [ext] ${event.message}`);
}

/** Runs the suite in the VS Code server `flavor`; settles with the `end` event or on `signal`. */
async function runWithServer(tmp, resultsFile, flavor, signal) {
  chromiumPath();
  const workspace = prepareWorkspace(tmp);
  const server = await startVSCodeServer({
    dataDir: tmp,
    flavor,
    // Opens the workspace trusted, as the electron launcher does. VS Code 1.139 asks for workspace
    // trust before it starts any terminal, an extension's pseudoterminal too; the extension-test
    // workbench refuses to show that modal dialog, so the request never settles and
    // Pseudoterminal.open is never called. (1.100 asked only in file:// workspaces, not in this
    // vscode-remote one, so it opened terminals in Restricted Mode.)
    args: ['--disable-workspace-trust'],
    machineSettings: LOCAL_EMULATOR_MACHINE_SETTINGS,
    // The version this editor should report, for tests that check they run where they think.
    env: {
      ECSWB_TEST_RESULTS: resultsFile,
      ECSWB_TEST_WORKSPACE: workspace,
      ECSWB_EXPECTED_VSCODE_VERSION: VSCODE_SERVERS[flavor].vscode,
    },
  });
  const { install } = server;
  console.log(
    `vscode: VS Code ${install.vscode} server (code-server ${install.codeServer}) on Node ${nodeVersion(install.node)}, ripgrep ${install.rg ?? 'MISSING'}`,
  );
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const browserLog = path.join(tmp, 'browser.log');
    page.on('pageerror', (e) => fs.appendFileSync(browserLog, `${e}\n`));
    // The workbench's own errors (a refused dialog, say) show only in its console.
    page.on('console', (m) => fs.appendFileSync(browserLog, `[console.${m.type()}] ${m.text()}\n`));
    const url = server.url(workspace, [
      ['extensionDevelopmentPath', root],
      ['extensionTestsPath', testsPath],
    ]);
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    return await followResults(resultsFile, printEvent, signal);
  } finally {
    await browser.close().catch(() => {});
    server.stop();
  }
}

function nodeVersion(node) {
  if (node === process.execPath) return process.versions.node;
  try {
    return execFileSync(node, ['--version'], { encoding: 'utf8' }).trim().replace(/^v/, '');
  } catch {
    return '?';
  }
}

/** The connection-token test (node:test) against the server `flavor`; resolves to whether it passed. */
function runTokenTest(flavor) {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--test', '--test-timeout=180000', '--test-reporter=dot', path.join(here, 'token.test.mjs')],
      { env: { ...process.env, ECS_WORKBENCH_VSCODE: flavor }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    // A last resort: the test's own 180 s timeouts end it first, and its `after` stops its server.
    const timer = setTimeout(() => child.kill('SIGTERM'), 240_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) console.log('  ✔ the server refuses requests without its connection token');
      else {
        console.log('  ✖ connection-token test (test/vscode/token.test.mjs) failed:');
        console.log(output.replace(/^/gm, '      '));
      }
      resolve(code === 0);
    });
  });
}

async function runWithElectron(tmp, resultsFile) {
  const { runTests } = await import('@vscode/test-electron');
  const workspace = prepareWorkspace(tmp);
  const done = followResults(resultsFile, printEvent);
  await runTests({
    extensionDevelopmentPath: root,
    extensionTestsPath: testsPath,
    vscodeExecutablePath: process.env.VSCODE_EXECUTABLE,
    version: process.env.VSCODE_VERSION ?? VSCODE_SERVERS[selectedFlavor()].vscode,
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
    extensionTestsEnv: { ECSWB_TEST_RESULTS: resultsFile, ECSWB_TEST_WORKSPACE: workspace },
  }).catch(() => {
    /* failures are counted from the results file */
  });
  return done;
}

/**
 * The editors the server launcher runs: the one named on the command line (`run.mjs newest`) or by
 * ECS_WORKBENCH_VSCODE, else all of them.
 */
function flavorsToRun() {
  const arg = process.argv[2];
  if (arg) {
    if (!Object.hasOwn(VSCODE_SERVERS, arg))
      throw new Error(`run.mjs takes one of ${Object.keys(VSCODE_SERVERS).join(', ')}, not "${arg}"`);
    return [arg];
  }
  return process.env.ECS_WORKBENCH_VSCODE ? [selectedFlavor()] : Object.keys(VSCODE_SERVERS);
}

/** Runs one editor's share: token test and suite, bounded by perEditorTimeoutMs. */
async function runFlavor(flavor) {
  const spec = VSCODE_SERVERS[flavor];
  console.log(`\nvscode: ${flavor} — VS Code ${spec.vscode} (code-server ${spec.codeServer})`);
  const started = Date.now();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `ecswb-vscode-${flavor}-`));
  const resultsFile = path.join(tmp, 'results.jsonl');
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), perEditorTimeoutMs);
  let end;
  try {
    // Installs the editor first (first run only), so the token test's own timeout covers no download.
    ensureVSCodeServerInstall(flavor);
    const tokenOk = await runTokenTest(flavor);
    end = await runWithServer(tmp, resultsFile, flavor, controller.signal);
    if (end.type === 'timeout') {
      console.log(`vscode: ${flavor}: timed out after ${perEditorTimeoutMs / 1000} s`);
      end = { passes: countLines(resultsFile, 'pass'), failures: countLines(resultsFile, 'fail') + 1 };
    }
    if (!tokenOk) end = { ...end, failures: end.failures + 1 };
  } catch (error) {
    console.log(`vscode: ${flavor}: ${error instanceof Error ? (error.stack ?? error.message) : error}`);
    end = { passes: 0, failures: 1 };
  } finally {
    clearTimeout(timer);
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  if (end.failures > 0 || end.passes === 0) console.log(`vscode: ${flavor}: logs in ${tmp}`);
  console.log(
    `vscode: ${flavor} (VS Code ${end.version ?? spec.vscode}): ${end.passes} passed, ${end.failures} failed in ${seconds} s`,
  );
  return { flavor, version: end.version ?? spec.vscode, passes: end.passes, failures: end.failures, seconds };
}

function countLines(file, type) {
  if (!fs.existsSync(file)) return 0;
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.includes(`"type":"${type}"`)).length;
}

async function main() {
  if (!fs.existsSync(`${testsPath}.js`)) throw new Error('Compile the tests first: npm run compile');
  if (!fs.existsSync(path.join(root, 'dist', 'client', 'extension.js')))
    throw new Error('Build first: npm run build');
  const launcher = chooseLauncher();
  console.log(`vscode: running the extension tests in a real VS Code (${launcher} launcher)`);
  const timer = setTimeout(() => {
    console.error(`vscode: timed out after ${overallTimeoutMs / 1000} s`);
    console.log('vscode: 0 passed, 1 failed');
    process.exit(1);
  }, overallTimeoutMs);
  let results;
  if (launcher === 'server') {
    results = [];
    for (const flavor of flavorsToRun()) results.push(await runFlavor(flavor));
  } else {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ecswb-vscode-'));
    const end = await runWithElectron(tmp, path.join(tmp, 'results.jsonl'));
    if (end.failures > 0 || end.passes === 0) console.log(`vscode: logs in ${tmp}`);
    results = [{ version: end.version, passes: end.passes, failures: end.failures }];
  }
  clearTimeout(timer);
  const passes = results.reduce((n, r) => n + r.passes, 0);
  const failures = results.reduce((n, r) => n + r.failures, 0);
  const failed = failures > 0 || results.some((r) => r.passes === 0);
  const versions = results
    .map((r) => `VS Code ${r.version}: ${r.passes}/${r.passes + r.failures}`)
    .join(', ');
  console.log(`\nvscode: ${passes} passed, ${failures} failed (${versions})`);
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  console.error(`vscode: ${error instanceof Error ? error.message : error}`);
  console.log('vscode: 0 passed, 1 failed');
  process.exit(1);
});

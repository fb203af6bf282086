// Runs the extension test suite (out/test/vscode) inside a real VS Code, with one of two launchers:
//  - "electron": @vscode/test-electron downloads VS Code desktop (needs internet), or uses
//    VSCODE_EXECUTABLE;
//  - "server": the VS Code 1.100.3 server from the code-server npm package, opened in Debian's
//    Chromium through playwright-core — works offline, and is what CI uses here.
// ECSWB_VSCODE_LAUNCHER=electron|server overrides the choice. Each test's result is streamed as it
// finishes and the run ends with `vscode: N passed, M failed`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumPath, launchChromium, startVSCodeServer } from './serverHarness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const testsPath = path.join(root, 'out', 'test', 'vscode', 'index');
const overallTimeoutMs = Number(process.env.ECSWB_VSCODE_TIMEOUT_MS ?? 20 * 60 * 1000);

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

/** Streams the JSON-lines result file written by the in-editor reporter; resolves on `end`. */
function followResults(file, onLine) {
  let offset = 0;
  let buffer = '';
  return new Promise((resolve) => {
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

async function runWithServer(tmp, resultsFile) {
  chromiumPath();
  const workspace = prepareWorkspace(tmp);
  const server = await startVSCodeServer({
    dataDir: tmp,
    env: { ECSWB_TEST_RESULTS: resultsFile, ECSWB_TEST_WORKSPACE: workspace },
  });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    page.on('pageerror', (e) => fs.appendFileSync(path.join(tmp, 'browser.log'), `${e}\n`));
    const url = server.url(workspace, [
      ['extensionDevelopmentPath', root],
      ['extensionTestsPath', testsPath],
    ]);
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    return await followResults(resultsFile, printEvent);
  } finally {
    await browser.close().catch(() => {});
    server.stop();
  }
}

async function runWithElectron(tmp, resultsFile) {
  const { runTests } = await import('@vscode/test-electron');
  const workspace = prepareWorkspace(tmp);
  const done = followResults(resultsFile, printEvent);
  await runTests({
    extensionDevelopmentPath: root,
    extensionTestsPath: testsPath,
    vscodeExecutablePath: process.env.VSCODE_EXECUTABLE,
    version: process.env.VSCODE_VERSION ?? '1.100.3',
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
    extensionTestsEnv: { ECSWB_TEST_RESULTS: resultsFile, ECSWB_TEST_WORKSPACE: workspace },
  }).catch(() => {
    /* failures are counted from the results file */
  });
  return done;
}

async function main() {
  if (!fs.existsSync(`${testsPath}.js`)) throw new Error('Compile the tests first: npm run compile');
  if (!fs.existsSync(path.join(root, 'dist', 'client', 'extension.js')))
    throw new Error('Build first: npm run build');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ecswb-vscode-'));
  const resultsFile = path.join(tmp, 'results.jsonl');
  const launcher = chooseLauncher();
  console.log(`vscode: running the extension tests in a real VS Code (${launcher} launcher)`);
  const timer = setTimeout(() => {
    console.error(`vscode: timed out after ${overallTimeoutMs / 1000} s; logs in ${tmp}`);
    console.log('vscode: 0 passed, 1 failed');
    process.exit(1);
  }, overallTimeoutMs);
  const end = await (launcher === 'server'
    ? runWithServer(tmp, resultsFile)
    : runWithElectron(tmp, resultsFile));
  clearTimeout(timer);
  if (end.failures > 0 || end.passes === 0) console.log(`vscode: logs in ${tmp}`);
  console.log(
    `vscode: ${end.passes} passed, ${end.failures} failed${end.version ? ` (VS Code ${end.version})` : ''}`,
  );
  process.exit(end.failures > 0 || end.passes === 0 ? 1 : 0);
}

main().catch((error) => {
  console.error(`vscode: ${error instanceof Error ? error.message : error}`);
  console.log('vscode: 0 passed, 1 failed');
  process.exit(1);
});

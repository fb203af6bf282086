// Runs the extension test suite (out/test/vscode) inside a real VS Code, with one of two launchers:
//  - "electron": @vscode/test-electron downloads VS Code desktop (needs internet), or uses
//    VSCODE_EXECUTABLE;
//  - "server": the VS Code 1.100.3 server from the code-server npm package, opened in Debian's
//    Chromium through playwright-core — works offline, and is what CI uses here.
// ECSWB_VSCODE_LAUNCHER=electron|server overrides the choice. Each test's result is streamed as it
// finishes and the run ends with `vscode: N passed, M failed`.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureVSCodeServer } from './setupServer.mjs';

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

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
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
  const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(chromiumPath)) {
    throw new Error(
      `Chromium not found at ${chromiumPath}. Install it with "apt-get install -y chromium" (Debian) or set CHROMIUM_PATH.`,
    );
  }
  const vscodeDir = ensureVSCodeServer();
  const port = await freePort();
  const workspace = prepareWorkspace(tmp);
  const serverLog = fs.openSync(path.join(tmp, 'server.log'), 'w');
  const server = spawn(
    process.execPath,
    [
      path.join(vscodeDir, 'out', 'server-main.js'),
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--without-connection-token',
      '--accept-server-license-terms',
      '--server-data-dir',
      path.join(tmp, 'server-data'),
      '--extensions-dir',
      path.join(tmp, 'extensions'),
      '--disable-telemetry',
    ],
    {
      env: { ...process.env, ECSWB_TEST_RESULTS: resultsFile, ECSWB_TEST_WORKSPACE: workspace },
      stdio: ['ignore', serverLog, serverLog],
      detached: true,
    },
  );
  const stopServer = () => {
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  };
  process.on('exit', stopServer);

  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(root)],
      ['extensionTestsPath', remote(testsPath)],
    ];
    const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    const page = await browser.newPage();
    page.on('pageerror', (e) => fs.appendFileSync(path.join(tmp, 'browser.log'), `${e}\n`));
    // The server needs a moment to listen; retry the first load until it answers.
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 30_000 });
        break;
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`VS Code server did not answer on port ${port}: ${error}`);
        await new Promise((r) => setTimeout(r, 250));
      }
    }
    return await followResults(resultsFile, printEvent);
  } finally {
    await browser.close().catch(() => {});
    stopServer();
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

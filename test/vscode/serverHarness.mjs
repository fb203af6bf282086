// Starts the VS Code server (from the code-server npm package, see setupServer.mjs) and Debian's
// Chromium. Shared by the extension-test launcher, the end-to-end tests and the demo.
// Every server requires a random connection token: without one, any local process could connect
// to it and open a terminal. The token is handed over in a file only this user can read (a
// command-line argument would show in every user's `ps`); the URLs built by `url()` carry it as
// `tkn=`, which the server trades for a cookie.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { ensureVSCodeServerInstall, selectedFlavor } from './setupServer.mjs';

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitForPort(port, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline)
      throw new Error(`VS Code server did not listen on port ${port} within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A fresh random connection token (the server accepts [0-9A-Za-z_-]). */
export function newConnectionToken() {
  return crypto.randomBytes(32).toString('base64url');
}

/**
 * Starts a VS Code server on 127.0.0.1. `dataDir` holds its state; `env` is passed to it and so to
 * the extension host; `args` are extra server arguments; `flavor` is "oldest" or "newest"
 * (default: ECS_WORKBENCH_VSCODE, else oldest); `machineSettings` are written as the server's
 * machine settings (what a user sets for the machine, which no workspace can). Resolves once it
 * accepts connections.
 */
export async function startVSCodeServer({
  dataDir,
  env = {},
  args = [],
  port,
  logFile,
  flavor = selectedFlavor(),
  machineSettings,
}) {
  const install = ensureVSCodeServerInstall(flavor);
  const { vscodeDir } = install;
  const chosenPort = port ?? (await freePort());
  fs.mkdirSync(dataDir, { recursive: true });
  if (machineSettings) {
    const machineDir = path.join(dataDir, 'server-data', 'data', 'Machine');
    fs.mkdirSync(machineDir, { recursive: true });
    fs.writeFileSync(path.join(machineDir, 'settings.json'), JSON.stringify(machineSettings, null, 2));
  }
  const token = newConnectionToken();
  const tokenFile = path.join(dataDir, 'connection-token');
  fs.rmSync(tokenFile, { force: true });
  fs.writeFileSync(tokenFile, token, { mode: 0o600 });
  const log = fs.openSync(logFile ?? path.join(dataDir, 'server.log'), 'w');
  const child = spawn(
    install.node,
    [
      path.join(vscodeDir, 'out', 'server-main.js'),
      '--host',
      '127.0.0.1',
      '--port',
      String(chosenPort),
      '--connection-token-file',
      tokenFile,
      '--accept-server-license-terms',
      '--server-data-dir',
      path.join(dataDir, 'server-data'),
      '--extensions-dir',
      path.join(dataDir, 'extensions'),
      '--disable-telemetry',
      ...install.serverArgs,
      ...args,
    ],
    { env: { ...process.env, ...env }, stdio: ['ignore', log, log], detached: true },
  );
  const stop = () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  };
  process.on('exit', stop);
  await waitForPort(chosenPort, 60_000);
  return {
    port: chosenPort,
    token,
    /** What runs: `{ flavor, codeServer, vscode, vscodeDir, node, rg, serverArgs }`. */
    install,
    child,
    stop,
    /** The workbench URL for a folder, with optional extension-development payload entries. */
    url(folder, payload = []) {
      const remote = (p) => `vscode-remote://127.0.0.1:${chosenPort}${p}`;
      const entries = payload.map(([k, v]) => [
        k,
        typeof v === 'string' && v.startsWith('/') ? remote(v) : v,
      ]);
      const query = `folder=${encodeURIComponent(folder)}${entries.length ? `&payload=${encodeURIComponent(JSON.stringify(entries))}` : ''}`;
      return `http://127.0.0.1:${chosenPort}/?${query}&tkn=${token}`;
    },
  };
}

export function chromiumPath() {
  const p = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(p)) {
    throw new Error(
      `Chromium not found at ${p}. Install it with "apt-get install -y chromium" (Debian) or set CHROMIUM_PATH.`,
    );
  }
  return p;
}

export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: chromiumPath(),
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
}

/**
 * The machine settings of test and demo editors: they talk to emulators on this machine's loopback
 * at ports chosen at run time, which the user (this harness) allows once for the machine.
 */
export const LOCAL_EMULATOR_MACHINE_SETTINGS = { 'ecsWorkbench.allowedEndpoints': ['http://127.0.0.1:*'] };

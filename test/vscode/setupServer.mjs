// Installs (once) and caches the VS Code 1.100.3 server and web workbench shipped inside the
// `code-server@4.100.3` npm package. VS Code itself cannot be downloaded on offline machines, but
// the npm registry can be reached, so this is how the extension tests get a real editor there.
// Steps follow the package's own layout; scripts are skipped because @vscode/ripgrep's postinstall
// downloads from GitHub and kerberos needs headers we do not have.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const CODE_SERVER_VERSION = '4.100.3';

export function cacheRoot() {
  return process.env.ECSWB_CACHE_DIR ?? path.join(os.homedir(), '.cache', 'ecs-workbench');
}

function run(cmd, args, cwd, extraEnv = {}) {
  execFileSync(cmd, args, {
    cwd,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, npm_config_yes: 'true', npm_config_loglevel: 'error', ...extraEnv },
  });
}

function which(bin) {
  try {
    return execFileSync('sh', ['-c', `command -v ${bin}`], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Returns the `lib/vscode` folder of a ready VS Code server, installing it on first use. */
export function ensureVSCodeServer(log = (m) => process.stderr.write(`${m}\n`)) {
  const root = path.join(cacheRoot(), `code-server-${CODE_SERVER_VERSION}`);
  const vscodeDir = path.join(root, 'package', 'lib', 'vscode');
  const marker = path.join(root, '.ready');
  if (fs.existsSync(marker)) return vscodeDir;

  log(
    `[vscode-server] installing VS Code server from code-server@${CODE_SERVER_VERSION} into ${root} (first run only)`,
  );
  fs.rmSync(root, { recursive: true, force: true });
  fs.mkdirSync(root, { recursive: true });
  run('npm', ['pack', `code-server@${CODE_SERVER_VERSION}`, '--silent'], root);
  const tgz = fs.readdirSync(root).find((f) => f.endsWith('.tgz'));
  if (!tgz) throw new Error('npm pack code-server produced no tarball');
  run('tar', ['xzf', tgz], root);
  fs.rmSync(path.join(root, tgz));
  run('npm', ['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], vscodeDir);
  run('npm', ['rebuild', 'node-pty', '@vscode/spdlog', '@parcel/watcher', 'native-watchdog'], vscodeDir);
  const rg = which('rg');
  if (rg) {
    const binDir = path.join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin');
    fs.mkdirSync(binDir, { recursive: true });
    fs.rmSync(path.join(binDir, 'rg'), { force: true });
    fs.symlinkSync(rg, path.join(binDir, 'rg'));
  } else {
    log('[vscode-server] ripgrep (rg) not found: search in the editor will not work (tests do not need it)');
  }
  const asar = path.join(vscodeDir, 'node_modules.asar');
  if (!fs.existsSync(asar)) fs.symlinkSync('node_modules', asar);
  run(
    'npm',
    ['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'],
    path.join(vscodeDir, 'extensions'),
  );
  fs.writeFileSync(marker, new Date().toISOString());
  log('[vscode-server] ready');
  return vscodeDir;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(ensureVSCodeServer());
}

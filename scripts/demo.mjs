// `npm run demo`: the local emulator with the demo scenario, and VS Code with ECS Workbench
// connected to it — VS Code desktop when `code` is on the PATH, otherwise the VS Code server
// (from the test harness) in your browser. Ctrl-C stops everything.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LOCAL_EMULATOR_MACHINE_SETTINGS, startVSCodeServer } from '../test/vscode/serverHarness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const emulatorPort = Number(option('emulator-port', process.env.ECSWB_EMULATOR_PORT ?? 4599));
const editorPort = Number(option('port', process.env.ECSWB_DEMO_PORT ?? 8080));
const useDesktop = !args.includes('--browser') && hasCommand('code');

function hasCommand(bin) {
  try {
    execFileSync('sh', ['-c', `command -v ${bin}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const { startEmulator } = await import(path.join(root, 'out', 'emulator', 'index.js'));
const emulator = await startEmulator({ port: emulatorPort, scenario: 'demo' });
console.log(`ECS + CloudWatch Logs emulator: ${emulator.url} (demo scenario)`);

// A fresh copy of the demo workspace, so the demo never edits files in this checkout.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ecs-workbench-demo-'));
const workspace = path.join(tmp, 'workspace');
fs.cpSync(path.join(root, 'demo', 'workspace'), workspace, { recursive: true });
fs.mkdirSync(path.join(workspace, '.vscode'), { recursive: true });
fs.writeFileSync(
  path.join(workspace, '.vscode', 'settings.json'),
  JSON.stringify(
    {
      'ecsWorkbench.endpoint': emulator.url,
      'ecsWorkbench.regions': [emulator.region],
      'workbench.startupEditor': 'none',
    },
    null,
    2,
  ),
);
// The emulator accepts any credentials; give the SDK some so no real profile is needed.
const env = { AWS_ACCESS_KEY_ID: 'demo', AWS_SECRET_ACCESS_KEY: 'demo', AWS_REGION: emulator.region };

const children = [];
let stopping = false;
async function stopAll() {
  if (stopping) return;
  stopping = true;
  for (const stop of children) stop();
  await emulator.stop();
  process.exit(0);
}
process.on('SIGINT', () => void stopAll());
process.on('SIGTERM', () => void stopAll());

if (useDesktop) {
  const code = spawn('code', ['--new-window', `--extensionDevelopmentPath=${root}`, workspace], {
    env: { ...process.env, ...env },
    stdio: 'inherit',
  });
  children.push(() => code.kill());
  console.log('Opened VS Code desktop with ECS Workbench. Press Ctrl-C here to stop the emulator.');
} else {
  // The server needs the random connection token the URL carries (`tkn=`); other local processes,
  // without it, cannot reach its terminals.
  // The demo's own editor allows its local emulator for the machine, as a user would once.
  const server = await startVSCodeServer({
    dataDir: path.join(tmp, 'vscode'),
    env,
    port: editorPort,
    machineSettings: LOCAL_EMULATOR_MACHINE_SETTINGS,
  });
  children.push(server.stop);
  console.log(
    `\nOpen this URL in your browser (VS Code ${server.install.vscode} with ECS Workbench, connected to the emulator):\n`,
  );
  console.log(`  ${server.url(workspace, [['extensionDevelopmentPath', root]])}\n`);
  console.log('Trust the folder when VS Code asks (the demo needs it to reach the emulator), then open');
  console.log('the ECS view in the activity bar. Press Ctrl-C to stop.');
}

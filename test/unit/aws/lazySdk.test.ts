/**
 * Activation must not evaluate the AWS SDK. This bundles the extension exactly as esbuild.mjs
 * does, with a marker appended to every @aws-sdk module, loads the bundle (with a stand-in for
 * `vscode`) and checks no marker ran; then loads the SDK through the data layer and checks they do.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import Module from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import * as esbuild from 'esbuild';

const root = path.resolve(__dirname, '..', '..', '..', '..');
const marker: esbuild.Plugin = {
  name: 'sdk-evaluation-marker',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/]@aws-sdk[\\/].*\.js$/ }, async (args) => ({
      contents: `${await fs.promises.readFile(args.path, 'utf8')}\nglobalThis.__awsSdkModulesEvaluated = (globalThis.__awsSdkModulesEvaluated ?? 0) + 1;\n`,
      loader: 'js',
      resolveDir: path.dirname(args.path),
    }));
  },
};

async function bundle(entry: string, outfile: string): Promise<void> {
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    mainFields: ['module', 'main'],
    external: ['vscode'],
    logLevel: 'silent',
    plugins: [marker],
  });
}

/** Loads a bundle as CommonJS, bypassing TypeScript's import rewriting. */
const loadModule = Module.createRequire(__filename);

const evaluated = (): number =>
  (globalThis as { __awsSdkModulesEvaluated?: number }).__awsSdkModulesEvaluated ?? 0;

describe('lazy AWS SDK', () => {
  it('loading the extension bundle evaluates no @aws-sdk module; the first request does', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecswb-lazy-'));
    const extension = path.join(dir, 'extension.js');
    const gateway = path.join(dir, 'sdkClients.js');
    await bundle('client/src/extension.ts', extension);
    await bundle('client/src/aws/sdkClients.ts', gateway);
    assert.match(fs.readFileSync(extension, 'utf8'), /ECSClient/, 'the SDK is bundled into the extension');

    // A stand-in for the `vscode` module, with every property name the bundle reads from anything: loading the
    // bundle must not need the real editor.
    const deep: unknown = new Proxy(function () {}, {
      get: (_t, p) => (p === 'prototype' ? {} : deep),
      apply: () => deep,
      construct: () => ({}),
    });
    const names = new Set(
      [...fs.readFileSync(extension, 'utf8').matchAll(/\.([A-Za-z_]\w*)/g)].map((m) => m[1] ?? ''),
    );
    const stub = Object.fromEntries([...names].map((n) => [n, deep]));
    const load = (Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown })._load;
    (Module as unknown as { _load: typeof load })._load = (request, ...rest) =>
      request === 'vscode' ? stub : load(request, ...rest);
    try {
      const ext = loadModule(extension) as { activate?: unknown };
      assert.equal(typeof ext.activate, 'function');
      assert.equal(evaluated(), 0, 'an @aws-sdk module was evaluated when the extension was loaded');

      const clients = loadModule(gateway) as {
        loadEcsSdk(): Promise<{ ECSClient?: unknown }>;
        isEcsSdkLoaded(): boolean;
      };
      assert.equal(clients.isEcsSdkLoaded(), false);
      assert.equal(evaluated(), 0);
      const sdk = await clients.loadEcsSdk();
      assert.equal(typeof sdk.ECSClient, 'function');
      assert.ok(evaluated() > 0, 'the marker works: loading the SDK evaluated its modules');
      assert.equal(clients.isEcsSdkLoaded(), true);
    } finally {
      (Module as unknown as { _load: typeof load })._load = load;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

// Two bundles: the extension client (vscode stays external) and the language server (everything
// bundled, so the .vsix ships no node_modules). `mainFields: module,main` lets esbuild take the
// AWS SDK's ES module builds, which tree-shake to about half the size of its CommonJS entry points.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  mainFields: ['module', 'main'],
  sourcemap: production ? false : 'linked',
  minify: production,
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
};

// The AWS SDK goes into its own bundle, dist/client/aws-sdk.js, required on the first AWS call:
// activation then neither evaluates nor even parses it. The client's `import('@aws-sdk/...')` calls
// become `require('./aws-sdk.js')[name]` at run time.
const SDK_PACKAGES = [
  '@aws-sdk/client-ecs',
  '@aws-sdk/client-cloudwatch-logs',
  '@aws-sdk/client-ssm',
  '@aws-sdk/credential-providers',
];
const SDK_BUNDLE = './aws-sdk.js';

/** @type {import('esbuild').Plugin} */
const sdkInSeparateBundle = {
  name: 'sdk-in-separate-bundle',
  setup(build) {
    const filter = new RegExp(`^(${SDK_PACKAGES.map((p) => p.replace(/[/-]/g, '\\$&')).join('|')})$`);
    build.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'aws-sdk-split' }));
    build.onResolve({ filter: /^\.\/aws-sdk\.js$/ }, () => ({ path: SDK_BUNDLE, external: true }));
    build.onLoad({ filter: /.*/, namespace: 'aws-sdk-split' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(SDK_BUNDLE)})[${JSON.stringify(args.path)}];`,
      loader: 'js',
    }));
  },
};

const sdkBundleSource = [
  ...SDK_PACKAGES.map((p, i) => `import * as m${i} from '${p}';`),
  `export default { ${SDK_PACKAGES.map((p, i) => `${JSON.stringify(p)}: m${i}`).join(', ')} };`,
].join('\n');

// The generated ECS model (300 KB of JSON) as a string for `JSON.parse`, not an object literal: V8
// reads JSON several times faster than the same data as JavaScript, and every process and worker
// thread of the server and `ecs-lint` loads it at start-up.
/** @type {import('esbuild').Plugin} */
const jsonModelAsString = {
  name: 'json-model-as-string',
  setup(build) {
    build.onLoad({ filter: /[\\/]ecsModel\.json$/ }, async (args) => {
      const text = JSON.stringify(JSON.parse(await fs.promises.readFile(args.path, 'utf8')));
      return { contents: `module.exports = JSON.parse(${JSON.stringify(text)});`, loader: 'js' };
    });
  },
};

// The `yaml` package (about a quarter of the server bundles) goes into dist/server/yaml.js, required
// on the first YAML document: a run of `ecs-lint` over JSON files (and each of its worker threads)
// then never compiles it. These are the functions the server uses; a new one is a build error here.
const YAML_FUNCTIONS = ['parse', 'parseDocument', 'isAlias', 'isMap', 'isPair', 'isScalar', 'isSeq'];
const YAML_BUNDLE = './yaml.js';

/** @type {import('esbuild').Plugin} */
const yamlInSeparateBundle = {
  name: 'yaml-in-separate-bundle',
  setup(build) {
    build.onResolve({ filter: /^yaml$/ }, () => ({ path: 'yaml', namespace: 'yaml-lazy' }));
    build.onResolve({ filter: /^\.\/yaml\.js$/ }, () => ({ path: YAML_BUNDLE, external: true }));
    build.onLoad({ filter: /.*/, namespace: 'yaml-lazy' }, () => ({
      contents: [
        'let yaml;',
        `const load = () => (yaml ??= require(${JSON.stringify(YAML_BUNDLE)}));`,
        ...YAML_FUNCTIONS.map((f) => `export function ${f}(...args) { return load().${f}(...args); }`),
      ].join('\n'),
      loader: 'js',
    }));
  },
};

const builds = [
  {
    ...common,
    entryPoints: { 'client/extension': 'client/src/extension.ts' },
    outdir: 'dist',
    external: ['vscode'],
    plugins: [sdkInSeparateBundle],
  },
  {
    ...common,
    stdin: { contents: sdkBundleSource, resolveDir: '.', sourcefile: 'aws-sdk-entry.js' },
    outfile: 'dist/client/aws-sdk.js',
    // `module.exports = { '@aws-sdk/client-ecs': …, … }` rather than `{ default: … }`.
    footer: { js: 'module.exports = module.exports.default;' },
  },
  {
    ...common,
    entryPoints: { 'server/server': 'server/src/server.ts', 'server/cli': 'server/src/cli.ts' },
    outdir: 'dist',
    plugins: [jsonModelAsString, yamlInSeparateBundle],
  },
  {
    ...common,
    stdin: { contents: "module.exports = require('yaml');", resolveDir: '.', sourcefile: 'yaml-entry.js' },
    outfile: 'dist/server/yaml.js',
  },
];

function report(result) {
  for (const [file, info] of Object.entries(result.metafile.outputs)) {
    if (file.endsWith('.map')) continue;
    console.log(`${file.padEnd(28)} ${(info.bytes / 1024).toFixed(1).padStart(8)} KB`);
  }
}

if (watch) {
  for (const options of builds) {
    const ctx = await esbuild.context({
      ...options,
      plugins: [{ name: 'report', setup: (b) => b.onEnd((r) => r.errors.length === 0 && report(r)) }],
    });
    await ctx.watch();
  }
  console.log('watching for changes…');
} else {
  fs.rmSync('dist', { recursive: true, force: true });
  for (const options of builds) report(await esbuild.build(options));
  fs.chmodSync(path.join('dist', 'server', 'cli.js'), 0o755);
}

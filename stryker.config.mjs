// Mutation testing (npm run mutation): StrykerJS mutates the TypeScript sources, compiles the
// sandbox once with tsc (mutants are switched at run time), then runs each test file in its own
// `node` process through the TAP runner (node:test prints TAP when its output is not a terminal).
// Coverage is taken per test file, so a mutant runs only the files that reach it.
//
// MUTATION_SCOPE picks what is mutated and which tests run:
//   all (default)   server/src/service and client/src/aws, against their unit tests
//   service         server/src/service, against test/unit/service
//   aws             client/src/aws, against test/unit/{aws,deploy,logs}
//   fargate         the Fargate table (taskDefinition/fargate.ts) and its rule
//                   (rules/fargateTaskSize.ts): the subset measured in the README
// `npm run mutation -- --mutate <glob>` narrows any scope further.

const scope = process.env.MUTATION_SCOPE ?? 'all';

// Left out: tests of the bundles and the CLI process (they run dist/, not the mutated code), and the
// slow fuzz/robustness/scale files, which assert "no crash" rather than outcomes.
const serviceTests = [
  'out/test/unit/service/!(cli|cliRunner|cliSafety|fuzz|model|manifestRobustness|manifestScale|editorRobustness|nestingLimits).test.js',
];
const awsTests = [
  'out/test/unit/aws/!(sdkBundle).test.js',
  'out/test/unit/deploy/*.test.js',
  'out/test/unit/logs/*.test.js',
];
const serviceSources = ['server/src/service/**/*.ts', '!server/src/service/core/schema/generated/**'];
const awsSources = ['client/src/aws/**/*.ts'];
const fargateSources = [
  'server/src/service/taskDefinition/fargate.ts',
  'server/src/service/taskDefinition/rules/fargateTaskSize.ts',
];

const scopes = {
  all: { mutate: [...serviceSources, ...awsSources], testFiles: [...serviceTests, ...awsTests] },
  service: { mutate: serviceSources, testFiles: serviceTests },
  aws: { mutate: awsSources, testFiles: awsTests },
  fargate: { mutate: fargateSources, testFiles: serviceTests },
};
const chosen = scopes[scope];
if (!chosen) throw new Error(`MUTATION_SCOPE must be one of ${Object.keys(scopes).join(', ')}`);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'tap',
  tap: {
    testFiles: chosen.testFiles,
    nodeArgs: ['--test-reporter=tap', '--test-timeout=300000', '{{testFile}}'],
    forceBail: true,
  },
  buildCommand: 'tsc -p .',
  coverageAnalysis: 'perTest',
  mutate: chosen.mutate,
  ignorePatterns: [
    'out',
    'dist',
    '.vscode-test',
    'test-results',
    'media',
    'test/e2e',
    'test/vscode',
    '*.vsix',
  ],
  concurrency: 1,
  timeoutMS: 10000,
  // Only mutants whose code or covering tests changed run again; the file stays local (git-ignored).
  incremental: true,
  incrementalFile: `reports/mutation/${scope}/stryker-incremental.json`,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `reports/mutation/${scope}/mutation.html` },
  jsonReporter: { fileName: `reports/mutation/${scope}/mutation.json` },
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};

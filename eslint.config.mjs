import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'out/',
      'dist/',
      '.stryker-tmp/',
      'reports/',
      'test/fixtures/',
      '**/*.mjs',
      '**/*.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            {
              from: 'package',
              name: ['describe', 'it', 'suite', 'test', 'before', 'after'],
              package: 'node:test',
            },
          ],
        },
      ],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['server/src/**/*.ts'],
    rules: { 'no-console': 'error' },
  },
  {
    files: ['server/src/cli.ts', 'test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    // The language service is pure: no editor, no LSP connection, no I/O.
    files: ['server/src/service/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            'vscode',
            'vscode-languageserver',
            'vscode-languageserver/*',
            'node:fs',
            'fs',
            'node:child_process',
            '@aws-sdk/*',
          ],
        },
      ],
    },
  },
  {
    // The emulator models AWS from AWS's documentation, not from the linter or the extension.
    files: ['emulator/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['vscode', '**/server/src/**', '**/client/src/**', '**/test/**'] },
      ],
    },
  },
  {
    // The AWS data layer never imports vscode.
    files: ['client/src/aws/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['vscode'] }] },
  },
  {
    // The Session Manager protocol is pure: only the terminal adapter talks to the editor.
    files: ['client/src/exec/**/*.ts'],
    ignores: ['client/src/exec/terminal.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['vscode'] }] },
  },
  {
    // Views and commands render and ask; the data layer talks to AWS.
    files: ['client/src/views/**/*.ts', 'client/src/commands/**/*.ts', 'client/src/logs/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['@aws-sdk/*'] }] },
  },
);

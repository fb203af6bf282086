#!/usr/bin/env node
/**
 * `ecs-lint`: the language service's validation as a command-line linter for CI pipelines.
 * Exit codes: 0 no errors, 1 at least one error, 2 bad usage or an unreadable file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { type Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import { createLanguageService, defaultLanguageServiceSettings } from './service/languageService';

type Format = 'text' | 'json';

const USAGE = 'usage: ecs-lint [--format text|json] FILE...';

interface FileResult {
  readonly file: string;
  readonly diagnostics: Diagnostic[];
}

const severityName: Record<number, string> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'info',
  [DiagnosticSeverity.Hint]: 'hint',
};

function parseArgs(argv: string[]): { format: Format; files: string[] } | string {
  let format: Format = 'text';
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--format' || arg === '-f') {
      const value = argv[++i];
      if (value !== 'text' && value !== 'json') return `unknown format '${value ?? ''}'`;
      format = value;
    } else if (arg.startsWith('--format=')) {
      const value = arg.slice('--format='.length);
      if (value !== 'text' && value !== 'json') return `unknown format '${value}'`;
      format = value;
    } else if (arg === '--help' || arg === '-h') return '';
    else if (arg.startsWith('-')) return `unknown option '${arg}'`;
    else files.push(arg);
  }
  if (files.length === 0) return 'no files given';
  return { format, files };
}

function main(argv: string[]): number {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    process.stderr.write(args ? `ecs-lint: ${args}\n${USAGE}\n` : `${USAGE}\n`);
    return args ? 2 : 0;
  }
  // Every file is a task definition on the command line: the user named it.
  const service = createLanguageService(() => ({
    ...defaultLanguageServiceSettings,
    detection: { ...defaultLanguageServiceSettings.detection, taskDefinitionPatterns: ['**/*.json', '**/*'] },
  }));
  const results: FileResult[] = [];
  let unreadable = false;
  for (const file of args.files) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      process.stderr.write(
        `ecs-lint: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`,
      );
      unreadable = true;
      continue;
    }
    const uri = `file://${path.resolve(file)}`;
    const doc = service.parse(TextDocument.create(uri, 'json', 1, text));
    results.push({ file, diagnostics: service.validate(doc) });
  }
  if (args.format === 'json') {
    const out = results.map((r) => ({
      file: r.file,
      diagnostics: r.diagnostics.map((d) => ({
        code: d.code,
        severity: severityName[d.severity ?? DiagnosticSeverity.Error],
        message: d.message,
        range: d.range,
      })),
    }));
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  } else {
    for (const r of results) {
      for (const d of r.diagnostics) {
        const sev = severityName[d.severity ?? DiagnosticSeverity.Error] ?? 'error';
        process.stdout.write(
          `${r.file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${sev} ${String(d.code)}: ${typeof d.message === 'string' ? d.message : d.message.value}\n`,
        );
      }
    }
  }
  if (unreadable) return 2;
  return results.some((r) => r.diagnostics.some((d) => d.severity === DiagnosticSeverity.Error)) ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));

/**
 * Lints every file of a corpus (default `test/corpus`) with the engine of `ecs-lint` and prints one
 * finding a line as JSON: `{file, code, line, severity, message}` (line 1-based, file relative to the
 * corpus). The corpus test compares the same findings with `test/corpus/triage.json`.
 *
 * Run: `npx tsc -p . && node out/scripts/corpusFindings.js [DIR]`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { lintFiles } from '../server/src/cli';

export interface CorpusFinding {
  readonly file: string;
  readonly code: string;
  readonly line: number;
  readonly severity: 'error' | 'warning' | 'info' | 'hint';
  readonly message: string;
}

const SEVERITY: Record<number, CorpusFinding['severity']> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'info',
  [DiagnosticSeverity.Hint]: 'hint',
};

/** The corpus's own notes at its root: sources, triage, expected findings. */
const NOTES = /\.md$|^(?:triage|expected)[\w.-]*\.json$/;

/** Corpus files: every file below `dir` but its notes and the `skip` folders at its root (`planted/`). */
export function corpusFiles(dir: string, skip: readonly string[] = ['planted']): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const entry of fs
      .readdirSync(d, { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) {
        if (d === dir && skip.includes(entry.name)) continue;
        walk(full);
      } else if (d !== dir || !NOTES.test(entry.name)) out.push(full);
    }
  };
  walk(dir);
  return out;
}

/** Every finding of `ecs-lint` on `files` (paths reported relative to `dir`), in file and line order. */
export function lintCorpus(dir: string, files: readonly string[] = corpusFiles(dir)): CorpusFinding[] {
  // One file at a time, as a user linting one file would (no cross-file service checks).
  const findings: CorpusFinding[] = [];
  for (const file of files) {
    const { results } = lintFiles([file]);
    for (const r of results) {
      for (const d of r.diagnostics) {
        findings.push({
          file: path.relative(dir, file).split(path.sep).join('/'),
          code: String(d.code),
          line: d.range.start.line + 1,
          severity: SEVERITY[d.severity ?? DiagnosticSeverity.Error] ?? 'error',
          message: typeof d.message === 'string' ? d.message : d.message.value,
        });
      }
    }
  }
  return findings;
}

if (require.main === module) {
  const dir = path.resolve(process.argv[2] ?? path.join(__dirname, '..', '..', 'test', 'corpus'));
  for (const f of lintCorpus(dir)) process.stdout.write(`${JSON.stringify(f)}\n`);
}

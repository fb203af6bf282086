/**
 * What `ecs-lint` prints, per format: compiler-style text and JSON as results arrive (so memory stays
 * flat), SARIF 2.1.0 at the end (its log is one object).
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import type { FileResult } from './cliRunner';
import { RULES_DOC_BASE } from './service/core/diagnostic';
import { ALL_RULE_META } from './service/taskDefinition/rules';

export const CLI_VERSION = '0.1.0';

export type SeverityName = 'error' | 'warning' | 'info' | 'hint';

const severityName: Record<number, SeverityName> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'info',
  [DiagnosticSeverity.Hint]: 'hint',
};

function severityOf(d: Diagnostic): SeverityName {
  return severityName[d.severity ?? DiagnosticSeverity.Error] ?? 'error';
}

function messageOf(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}

/** Standard output, written in chunks of about 64 KB rather than a write per line. */
export class Stdout {
  private pending = '';

  write(text: string): void {
    this.pending += text;
    if (this.pending.length >= 1 << 16) this.flush();
  }

  flush(): void {
    if (this.pending) process.stdout.write(this.pending);
    this.pending = '';
  }
}

/** A format's writer: results arrive one by one in file order; `end` completes the output. */
export interface Output {
  add(result: FileResult): void;
  end(): void;
}

/** Compiler-style lines as results arrive, then the counts. */
export function textOutput(out: Stdout): Output {
  let errors = 0;
  let warnings = 0;
  let files = 0;
  return {
    add(r) {
      files++;
      for (const d of r.diagnostics) {
        const sev = severityOf(d);
        if (sev === 'error') errors++;
        if (sev === 'warning') warnings++;
        out.write(
          `${r.file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${sev} ${String(d.code)}: ${messageOf(d)}\n`,
        );
      }
    },
    end() {
      if (errors || warnings) {
        out.write(
          `\n${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}\n`,
        );
      }
    },
  };
}

/** `JSON.stringify(results, null, 2)`, written element by element as results arrive. */
export function jsonOutput(out: Stdout): Output {
  let first = true;
  return {
    add(r) {
      const entry = {
        file: r.file,
        diagnostics: r.diagnostics.map((d) => ({
          code: d.code,
          severity: severityOf(d),
          message: messageOf(d),
          range: d.range,
        })),
      };
      // An element of a pretty-printed array is the element pretty-printed, indented one level.
      out.write(`${first ? '[\n  ' : ',\n  '}${JSON.stringify(entry, null, 2).replace(/\n/g, '\n  ')}`);
      first = false;
    },
    end() {
      out.write(first ? '[]\n' : '\n]\n');
    },
  };
}

/** SARIF is one object: results are kept (only what is printed of them) and written at the end. */
export function sarifOutput(out: Stdout): Output {
  const results: FileResult[] = [];
  return {
    add: (r) => results.push(r),
    end: () => out.write(`${JSON.stringify(toSarif(results, process.cwd()), null, 2)}\n`),
  };
}

const sarifLevel: Record<SeverityName | 'info', 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
  hint: 'note',
};

/** A SARIF 2.1.0 log: one run, every rule declared, 1-based regions in UTF-16 columns (the SARIF default). */
export function toSarif(results: readonly FileResult[], cwd: string): unknown {
  const ruleIndex = new Map(ALL_RULE_META.map((m, i) => [m.code, i]));
  const rules = ALL_RULE_META.map((m) => ({
    id: m.code,
    shortDescription: { text: m.title },
    helpUri: m.awsDocs ?? `${RULES_DOC_BASE}#${m.code.toLowerCase()}`,
    defaultConfiguration: { level: sarifLevel[m.severity] },
  }));
  const srcRoot = pathToFileURL(cwd.endsWith(path.sep) ? cwd : cwd + path.sep).href;
  const artifactLocation = (file: string): { uri: string; uriBaseId?: string } => {
    const absolute = path.resolve(cwd, file);
    const relative = path.relative(cwd, absolute);
    if (!relative.startsWith('..') && !path.isAbsolute(relative)) {
      return { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
    }
    return { uri: pathToFileURL(absolute).href };
  };
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'ecs-lint',
            version: CLI_VERSION,
            informationUri: RULES_DOC_BASE,
            rules,
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: srcRoot } },
        // LSP positions count UTF-16 code units, as SARIF does by default; say so explicitly.
        columnKind: 'utf16CodeUnits',
        results: results.flatMap((r) =>
          r.diagnostics.map((d) => {
            const code = String(d.code);
            const index = ruleIndex.get(code);
            return {
              ruleId: code,
              ...(index !== undefined ? { ruleIndex: index } : {}),
              level: sarifLevel[severityOf(d)],
              message: { text: messageOf(d) },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: artifactLocation(r.file),
                    region: {
                      startLine: d.range.start.line + 1,
                      startColumn: d.range.start.character + 1,
                      endLine: d.range.end.line + 1,
                      endColumn: d.range.end.character + 1,
                    },
                  },
                },
              ],
            };
          }),
        ),
      },
    ],
  };
}

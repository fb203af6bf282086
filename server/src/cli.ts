#!/usr/bin/env node
/**
 * `ecs-lint`: the language service's validation as a command-line linter for CI pipelines.
 *
 *   ecs-lint [--format text|json|sarif] [--max-size BYTES] FILE...
 *
 * `text` prints compiler-style lines (`file:line:col: severity CODE: message`, 1-based); `json` prints
 * `[{ file, diagnostics: [{ code, severity, message, range }] }]` with 0-based LSP positions; `sarif`
 * prints a SARIF 2.1.0 log for code scanning. Exit codes: 0 no errors, 1 at least one error, 2 bad
 * usage or a file that cannot be read or checked (not a regular file, over `--max-size` (5 MB by
 * default), nested too deep to parse).
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isMainThread } from 'node:worker_threads';
import { type Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import {
  type FileResult,
  PARALLEL_ABOVE,
  availableCores,
  lintFilesHere,
  lintFilesStreamed,
} from './cliRunner';
import { RULES_DOC_BASE } from './service/core/diagnostic';
import { ALL_RULE_META } from './service/taskDefinition/rules';

export type { FileResult } from './cliRunner';

type Format = 'text' | 'json' | 'sarif';
const FORMATS: readonly string[] = ['text', 'json', 'sarif'];

const USAGE =
  'usage: ecs-lint [--format text|json|sarif] [--max-size BYTES] [--pipeline-filled FIELD,...] [--jobs N] FILE...';
/** Files larger than this are refused (a real ECS document is a few KB); `--max-size` changes it. */
const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
const VERSION = '0.1.0';

/** Options the command line sets. */
export interface CliOptions {
  /** Fields a deploy pipeline fills (`--pipeline-filled image,logConfiguration`). */
  readonly pipelineFilledFields?: readonly string[];
  /** Larger files are refused (`--max-size`). */
  readonly maxBytes?: number;
}

type SeverityName = 'error' | 'warning' | 'info' | 'hint';

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

interface Args {
  readonly format: Format;
  readonly files: string[];
  readonly maxBytes: number;
  readonly pipelineFilledFields?: string[];
  /** Threads to lint on (this one included); `undefined`: decided by the number of files. */
  readonly jobs?: number;
}

function parseArgs(argv: readonly string[]): Args | string {
  let format: Format = 'text';
  let maxBytes = DEFAULT_MAX_BYTES;
  const files: string[] = [];
  let pipelineFilledFields: string[] | undefined;
  let jobs: number | undefined;
  const setJobs = (value: string | undefined): string | undefined => {
    const n = Number(value);
    if (!value || !Number.isSafeInteger(n) || n < 1)
      return `--jobs needs a positive number of threads, not '${value ?? ''}'`;
    jobs = n;
    return undefined;
  };
  const fields = (value: string | undefined): string | undefined => {
    if (!value)
      return '--pipeline-filled needs a comma-separated list of fields (e.g. image,logConfiguration)';
    pipelineFilledFields = [...(pipelineFilledFields ?? []), ...value.split(',').filter(Boolean)];
    return undefined;
  };
  const setFormat = (value: string | undefined): string | undefined => {
    if (value === undefined || !FORMATS.includes(value))
      return `unknown format '${value ?? ''}' (use text, json or sarif)`;
    format = value as Format;
    return undefined;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--format' || arg === '-f') {
      const error = setFormat(argv[++i]);
      if (error) return error;
    } else if (arg.startsWith('--format=')) {
      const error = setFormat(arg.slice('--format='.length));
      if (error) return error;
    } else if (arg === '--max-size' || arg.startsWith('--max-size=')) {
      const value = arg === '--max-size' ? argv[++i] : arg.slice('--max-size='.length);
      const bytes = Number(value);
      if (!value || !Number.isSafeInteger(bytes) || bytes < 1)
        return `--max-size needs a positive number of bytes, not '${value ?? ''}'`;
      maxBytes = bytes;
    } else if (arg === '--pipeline-filled') {
      const error = fields(argv[++i]);
      if (error) return error;
    } else if (arg.startsWith('--pipeline-filled=')) {
      const error = fields(arg.slice('--pipeline-filled='.length));
      if (error) return error;
    } else if (arg === '--jobs' || arg === '-j') {
      const error = setJobs(argv[++i]);
      if (error) return error;
    } else if (arg.startsWith('--jobs=')) {
      const error = setJobs(arg.slice('--jobs='.length));
      if (error) return error;
    } else if (arg === '--help' || arg === '-h') return '';
    else if (arg === '--') files.push(...argv.slice(i + 1).filter((a): a is string => a !== undefined));
    else if (arg.startsWith('-') && arg !== '-') return `unknown option '${arg}'`;
    else files.push(arg);
    if (arg === '--') break;
  }
  if (files.length === 0) return 'no files given';
  return {
    format,
    files,
    maxBytes,
    ...(pipelineFilledFields ? { pipelineFilledFields } : {}),
    ...(jobs !== undefined ? { jobs } : {}),
  };
}

const readErrors: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'is a directory, not a file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
};

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * The buffer every file is read into (grown as needed): the linter decodes the bytes before it reads
 * the next file, so one buffer serves, without a new zero-filled allocation per file.
 */
let readBuffer = Buffer.allocUnsafeSlow(1 << 16);

/** Reads `fd` to its end into `readBuffer`, expecting `size` bytes; the bytes read (a view of it). */
function readAll(fd: number, size: number): Buffer {
  if (readBuffer.length <= size) readBuffer = Buffer.allocUnsafeSlow(size + (1 << 16));
  let length = 0;
  for (;;) {
    if (length === readBuffer.length) {
      // The file grew while being read: read on to its end, as readFileSync does.
      const larger = Buffer.allocUnsafeSlow(readBuffer.length * 2);
      readBuffer.copy(larger, 0, 0, length);
      readBuffer = larger;
    }
    const n = fs.readSync(fd, readBuffer, length, readBuffer.length - length, null);
    if (n === 0) return readBuffer.subarray(0, length);
    length += n;
  }
}

/**
 * The bytes of `file` (valid until the next call), or why it is refused. Opened without blocking (a
 * FIFO with no writer would wait forever) and checked on the open descriptor: regular files only (a
 * device such as /dev/zero never ends), at most `maxBytes`.
 */
function readInput(file: string, maxBytes: number): Buffer | { error: string } {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    return { error: readErrors[code] ?? (code || String(error)) };
  }
  try {
    const stat = fs.fstatSync(fd);
    if (stat.isDirectory()) return { error: readErrors.EISDIR ?? 'is a directory' };
    if (!stat.isFile())
      return { error: 'not a regular file (a FIFO, device or socket): ecs-lint reads files only' };
    if (stat.size > maxBytes) {
      return {
        error: `${megabytes(stat.size)} is over the ${megabytes(maxBytes)} limit (a real ECS document is a few KB; --max-size BYTES changes the limit)`,
      };
    }
    return readAll(fd, stat.size);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    return { error: readErrors[code] ?? (code || String(error)) };
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Reads a file for linting: its bytes (valid until the next call), or `undefined` after saying on
 * stderr why it cannot be read.
 */
function readForLint(file: string, maxBytes: number): Buffer | undefined {
  const bytes = readInput(file, maxBytes);
  if (Buffer.isBuffer(bytes)) return bytes;
  process.stderr.write(`ecs-lint: cannot read ${file}: ${bytes.error}\n`);
  return undefined;
}

/** Lints files as `ecs-lint` does, in this thread (exported for the corpus test and scripts/corpusFindings.ts). */
export function lintFiles(
  files: readonly string[],
  options: CliOptions = {},
): { results: FileResult[]; unreadable: boolean } {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const results: FileResult[] = [];
  const { unreadable } = lintFilesHere(
    files,
    (file) => readForLint(file, maxBytes),
    (r) => results.push(r),
    options.pipelineFilledFields ? { pipelineFilledFields: options.pipelineFilledFields } : {},
  );
  return { results, unreadable };
}

/** Standard output, written in chunks of about 64 KB rather than a write per line. */
class Stdout {
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
interface Output {
  add(result: FileResult): void;
  end(): void;
}

/** Compiler-style lines as results arrive, then the counts. */
function textOutput(out: Stdout): Output {
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
function jsonOutput(out: Stdout): Output {
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
function sarifOutput(out: Stdout): Output {
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
            version: VERSION,
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

async function main(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    if (!args) {
      process.stdout.write(
        `${USAGE}\nExit codes: 0 no errors, 1 errors found, 2 bad usage or a file that cannot be read or checked.\n--max-size BYTES  refuse larger files (default ${DEFAULT_MAX_BYTES}).\n--jobs N          lint on N threads (default: one per core above ${PARALLEL_ABOVE} files, ${availableCores()} here).\n`,
      );
      return 0;
    }
    process.stderr.write(`ecs-lint: ${args}\n${USAGE}\n`);
    return 2;
  }
  const stdout = new Stdout();
  const output =
    args.format === 'json'
      ? jsonOutput(stdout)
      : args.format === 'sarif'
        ? sarifOutput(stdout)
        : textOutput(stdout);
  let errors = false;
  const { unreadable } = await lintFilesStreamed(
    args.files,
    (file) => readForLint(file, args.maxBytes),
    (r) => {
      if (!errors) errors = r.diagnostics.some((d) => d.severity === DiagnosticSeverity.Error);
      output.add(r);
    },
    {
      ...(args.jobs !== undefined ? { threads: args.jobs - 1 } : {}),
      ...(args.pipelineFilledFields ? { pipelineFilledFields: args.pipelineFilledFields } : {}),
    },
  );
  output.end();
  stdout.flush();
  if (unreadable) return 2;
  return errors ? 1 : 0;
}

// Not in the workers, which load this file (the bundle) to run `cliRunner`'s loop.
if (require.main === module && isMainThread) {
  void main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(
        `ecs-lint: internal error: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      process.exitCode = 2;
    },
  );
}

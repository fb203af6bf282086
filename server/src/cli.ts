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
import { isMainThread } from 'node:worker_threads';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import {
  type FileResult,
  PARALLEL_ABOVE,
  availableCores,
  lintFilesHere,
  lintFilesStreamed,
} from './cliRunner';
import { readForLint } from './cliInput';
import { jsonOutput, sarifOutput, Stdout, textOutput } from './cliOutput';

export type { FileResult } from './cliRunner';
export { toSarif } from './cliOutput';

type Format = 'text' | 'json' | 'sarif';
const FORMATS: readonly string[] = ['text', 'json', 'sarif'];

const USAGE =
  'usage: ecs-lint [--format text|json|sarif] [--max-size BYTES] [--pipeline-filled FIELD,...] [--jobs N] FILE...';
/** Files larger than this are refused (a real ECS document is a few KB); `--max-size` changes it. */
const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

/** Options the command line sets. */
export interface CliOptions {
  /** Fields a deploy pipeline fills (`--pipeline-filled image,logConfiguration`). */
  readonly pipelineFilledFields?: readonly string[];
  /** Larger files are refused (`--max-size`). */
  readonly maxBytes?: number;
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

async function main(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    if (!args) {
      process.stdout.write(
        `${USAGE}\nExit codes: 0 no errors, 1 errors found, 2 bad usage or a file that cannot be read or checked.\n--max-size BYTES  refuse larger files (default ${DEFAULT_MAX_BYTES}).\n--jobs N          lint on N threads (default: one per core above ${PARALLEL_ABOVE} files with 3 or more cores, else one; ${availableCores()} cores here).\n`,
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

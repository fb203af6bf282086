/**
 * The linting loop of `ecs-lint`, streamed: each file is read, parsed, validated and released before
 * the next, so only diagnostics (and a small summary of each task definition) outlive a file and memory
 * stays flat with the number of files. Service definitions are checked against the task definitions
 * named on the same command line, so they wait until every file has been seen and are then parsed
 * again with the complete index. Many files are spread over worker threads (one per core); the
 * results are the same objects in the same order as in one thread.
 */
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { uriToPath } from './service/core/ecsDocument';
import { createLanguageService, defaultLanguageServiceSettings } from './service/languageService';
import {
  type TaskDefinitionSummary,
  createTaskDefinitionIndex,
  summarizeTaskDefinition,
} from './service/serviceDefinition/taskDefinitionIndex';

export interface FileResult {
  readonly file: string;
  readonly diagnostics: Diagnostic[];
}

export interface LintOptions {
  /** Worker threads; 0 lints in this thread. Default: one per core when there are many files. */
  readonly threads?: number;
  /** Above this many files, workers are used (when `threads` is not given). */
  readonly parallelAbove?: number;
}

/** Below this, starting workers (each loads the linter) costs more than it saves. */
export const PARALLEL_ABOVE = 50;
/** Files sent to a worker ahead of its answers: enough to keep it busy, few enough to bound memory. */
const IN_FLIGHT_PER_WORKER = 4;

/** What the first look at a file gives: its diagnostics, or that it must wait for the index. */
interface FirstPass {
  readonly diagnostics?: Diagnostic[];
  readonly summary?: TaskDefinitionSummary;
  readonly deferred: boolean;
}

/**
 * What the output formats print of a diagnostic. Results keep only this (and workers send only
 * this): the rest (`data` for quick fixes, related information) is not printed.
 */
function printed(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.map((d) => ({ range: d.range, severity: d.severity, code: d.code, message: d.message }));
}

/** Parses and validates one file at a time, keeping nothing of it. */
function createLinter(): {
  first(file: string, text: string): FirstPass;
  setIndex(summaries: readonly TaskDefinitionSummary[]): void;
  second(file: string, text: string): Diagnostic[];
} {
  let current = '';
  let taskDefinitions = createTaskDefinitionIndex([]);
  // Every file named on the command line is a task definition: the user chose it.
  const service = createLanguageService(
    () => ({
      ...defaultLanguageServiceSettings,
      detection: { ...defaultLanguageServiceSettings.detection, optIn: [current] },
    }),
    { taskDefinitions: () => taskDefinitions },
  );
  const parse = (file: string, text: string): ReturnType<typeof service.parse> => {
    const uri = pathToFileURL(path.resolve(file)).href;
    current = uriToPath(uri);
    return service.parse(TextDocument.create(uri, 'json', 1, text));
  };
  return {
    first(file, text) {
      const doc = parse(file, text);
      const summary = summarizeTaskDefinition(doc);
      // Only service definitions read the index; everything else is final now.
      if (doc.kind === 'serviceDefinition') return { summary, deferred: true };
      return { summary, diagnostics: printed(service.validate(doc)), deferred: false };
    },
    setIndex(summaries) {
      taskDefinitions = createTaskDefinitionIndex(summaries);
    },
    second(file, text) {
      return printed(service.validate(parse(file, text)));
    },
  };
}

type ToWorker =
  | { readonly type: 'first'; readonly id: number; readonly file: string; readonly text: string }
  | { readonly type: 'index'; readonly summaries: readonly TaskDefinitionSummary[] }
  | { readonly type: 'second'; readonly id: number; readonly file: string; readonly text: string };

type FromWorker =
  | { readonly type: 'first'; readonly id: number; readonly result: FirstPass }
  | { readonly type: 'second'; readonly id: number; readonly diagnostics: Diagnostic[] }
  | { readonly type: 'error'; readonly id: number; readonly message: string };

const WORKER_FLAG = 'ecsLintWorker';

function runWorker(): void {
  const port = parentPort;
  if (!port) return;
  const linter = createLinter();
  port.on('message', (m: ToWorker) => {
    try {
      if (m.type === 'index') linter.setIndex(m.summaries);
      else if (m.type === 'first')
        port.postMessage({
          type: 'first',
          id: m.id,
          result: linter.first(m.file, m.text),
        } satisfies FromWorker);
      else
        port.postMessage({
          type: 'second',
          id: m.id,
          diagnostics: linter.second(m.file, m.text),
        } satisfies FromWorker);
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      port.postMessage({ type: 'error', id: 'id' in m ? m.id : -1, message } satisfies FromWorker);
    }
  });
}

// This module is also the workers' entry point (in the bundle, the whole `cli.js` is).
if (!isMainThread && (workerData as Record<string, unknown> | null)?.[WORKER_FLAG] === true) runWorker();

function defaultThreads(files: number, parallelAbove: number): number {
  // `ECS_LINT_THREADS=N` overrides (0: never start workers), e.g. where a container's CPU quota is
  // smaller than the cores the machine reports.
  const fromEnv = process.env.ECS_LINT_THREADS;
  if (fromEnv !== undefined && /^\d+$/.test(fromEnv)) return Number(fromEnv);
  if (files <= parallelAbove) return 0;
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(cores, Math.ceil(files / parallelAbove)));
}

/**
 * Lints `files` in order. `read` returns a file's text, or `undefined` when it cannot be read (it
 * reports why itself); such files have no result. Results are in the order of `files`.
 */
export async function lintFiles(
  files: readonly string[],
  read: (file: string) => string | undefined,
  options: LintOptions = {},
): Promise<{ results: FileResult[]; unreadable: boolean }> {
  const threads = options.threads ?? defaultThreads(files.length, options.parallelAbove ?? PARALLEL_ABOVE);
  return threads > 0 ? lintInWorkers(files, read, threads) : lintHere(files, read);
}

/** Slot `i` of the results: diagnostics once known; the text of a service definition until then. */
interface Slot {
  readonly file: string;
  diagnostics?: Diagnostic[];
  summary?: TaskDefinitionSummary;
  pendingText?: string;
}

function collect(slots: readonly (Slot | undefined)[]): FileResult[] {
  const results: FileResult[] = [];
  for (const s of slots) if (s) results.push({ file: s.file, diagnostics: s.diagnostics ?? [] });
  return results;
}

function summariesOf(slots: readonly (Slot | undefined)[]): TaskDefinitionSummary[] {
  const summaries: TaskDefinitionSummary[] = [];
  for (const s of slots) if (s?.summary) summaries.push(s.summary);
  return summaries;
}

function lintHere(
  files: readonly string[],
  read: (file: string) => string | undefined,
): { results: FileResult[]; unreadable: boolean } {
  const linter = createLinter();
  const slots: (Slot | undefined)[] = [];
  let unreadable = false;
  for (const file of files) {
    const text = read(file);
    if (text === undefined) {
      unreadable = true;
      slots.push(undefined);
      continue;
    }
    const r = linter.first(file, text);
    slots.push({
      file,
      diagnostics: r.diagnostics,
      summary: r.summary,
      pendingText: r.deferred ? text : undefined,
    });
  }
  if (slots.some((s) => s?.pendingText !== undefined)) {
    linter.setIndex(summariesOf(slots));
    for (const s of slots) {
      if (s?.pendingText === undefined) continue;
      s.diagnostics = linter.second(s.file, s.pendingText);
      s.pendingText = undefined;
    }
  }
  return { results: collect(slots), unreadable };
}

async function lintInWorkers(
  files: readonly string[],
  read: (file: string) => string | undefined,
  threads: number,
): Promise<{ results: FileResult[]; unreadable: boolean }> {
  const workers = Array.from(
    { length: threads },
    () => new Worker(__filename, { workerData: { [WORKER_FLAG]: true } }),
  );
  const slots: (Slot | undefined)[] = new Array<Slot | undefined>(files.length);
  let unreadable = false;
  try {
    // First pass: files go out in order, at most a few ahead per worker, to whichever answers.
    let next = 0;
    const inFlight = new Array<number>(threads).fill(0);
    await new Promise<void>((resolve, reject) => {
      let done = 0;
      const send = (w: number): void => {
        while (next < files.length && (inFlight[w] ?? 0) < IN_FLIGHT_PER_WORKER) {
          const id = next++;
          const file = files[id] ?? '';
          const text = read(file);
          if (text === undefined) {
            unreadable = true;
            done++;
            continue;
          }
          slots[id] = { file, pendingText: text };
          inFlight[w] = (inFlight[w] ?? 0) + 1;
          workers[w]?.postMessage({ type: 'first', id, file, text } satisfies ToWorker);
        }
        if (done === files.length) resolve();
      };
      workers.forEach((worker, w) => {
        worker.on('error', reject);
        worker.on('message', (m: FromWorker) => {
          if (m.type === 'error') return reject(new Error(m.message));
          if (m.type !== 'first') return;
          const slot = slots[m.id];
          if (slot) {
            slot.diagnostics = m.result.diagnostics;
            slot.summary = m.result.summary;
            if (!m.result.deferred) slot.pendingText = undefined;
          }
          inFlight[w] = (inFlight[w] ?? 1) - 1;
          done++;
          send(w);
        });
      });
      workers.forEach((_, w) => send(w));
    });
    for (const worker of workers) worker.removeAllListeners('message');

    // Second pass: service definitions, against every task definition of the command line.
    const pending = slots.flatMap((s, id) => (s?.pendingText !== undefined ? [id] : []));
    if (pending.length > 0) {
      const summaries = summariesOf(slots);
      for (const worker of workers) worker.postMessage({ type: 'index', summaries } satisfies ToWorker);
      await new Promise<void>((resolve, reject) => {
        let done = 0;
        workers.forEach((worker) => {
          worker.on('message', (m: FromWorker) => {
            if (m.type === 'error') return reject(new Error(m.message));
            if (m.type !== 'second') return;
            const slot = slots[m.id];
            if (slot) {
              slot.diagnostics = m.diagnostics;
              slot.pendingText = undefined;
            }
            if (++done === pending.length) resolve();
          });
        });
        pending.forEach((id, i) => {
          const slot = slots[id];
          if (slot?.pendingText === undefined) return;
          workers[i % threads]?.postMessage({
            type: 'second',
            id,
            file: slot.file,
            text: slot.pendingText,
          } satisfies ToWorker);
        });
      });
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return { results: collect(slots), unreadable };
}

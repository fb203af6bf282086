/**
 * The linting loop of `ecs-lint`, streamed: each file is read, parsed, validated, reported and
 * released before the next, so only what is printed of a file (its diagnostics, and a small summary
 * of each task definition) outlives it and memory stays flat with the number of files. Results are
 * reported in the order of the files, whichever thread linted them.
 *
 * Service definitions are checked against the task definitions named on the same command line, so
 * they wait until every file has been seen and are then parsed again with the complete index (the
 * files after the first service definition are reported then too, to keep the order).
 *
 * Many files are spread over threads: this one and `threads` workers (each loads the linter, which
 * costs about as much as linting 50 files, so small inputs stay in one thread). This thread lints
 * files too, while the workers start and whenever each already has a few files queued; reading the
 * files and writing the output stay here.
 */
import os from 'node:os';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { Diagnostic } from 'vscode-languageserver-types';
import { type LinterSettings, type Outcome, createLinter } from './cliLinter';
import { type TextEncoding, detectEncoding } from './service/core/encoding';
import type { TaskDefinitionSummary } from './service/serviceDefinition/taskDefinitionIndex';

export interface FileResult {
  readonly file: string;
  readonly diagnostics: Diagnostic[];
}

/**
 * A file's content: its bytes (the encoding is found from them, as the server does for files on
 * disk; they are decoded before the next file is read, so a reader may reuse one buffer), or text
 * already decoded; `undefined` when it cannot be read (the reader reports why).
 */
export type FileContent = string | Uint8Array | undefined;

export interface LintOptions {
  /** Worker threads besides this one; 0 lints in this thread only. Default: see `defaultThreads`. */
  readonly threads?: number;
  /** Above this many files, workers are used (when `threads` is not given). */
  readonly parallelAbove?: number;
  /** Fields a deploy pipeline fills (`--pipeline-filled image,logConfiguration`). */
  readonly pipelineFilledFields?: readonly string[];
  /** Where a file that cannot be checked is reported (default: stderr, `ecs-lint: ...` lines). */
  readonly problem?: (message: string) => void;
}

/** Below this, starting a worker (each loads the linter) costs more than it saves. */
export const PARALLEL_ABOVE = 50;
/** Workers are started by default only with at least this many cores (see `defaultThreads`). */
export const MIN_CORES_FOR_WORKERS = 3;
/** Files queued to a worker ahead of its answers: enough to keep it busy, few enough to bound memory. */
const IN_FLIGHT_PER_WORKER = 6;

type Pass = 'first' | 'second';

/** One file to lint, as sent to a worker. */
interface Job {
  readonly id: number;
  readonly file: string;
  readonly text: string;
  readonly encoding: TextEncoding | undefined;
}

type ToWorker =
  | { readonly type: 'lint'; readonly pass: Pass; readonly job: Job }
  | { readonly type: 'index'; readonly summaries: readonly TaskDefinitionSummary[] };

/** A worker's answer: the outcome, or none when this thread had already taken the job back. */
type FromWorker = { readonly id: number; readonly outcome?: Outcome };

/**
 * Who lints a file is decided by a claim in memory shared with the workers, one slot per file: 0
 * before its first pass, 1 once a thread has taken it for the first pass, 2 for the second. A job
 * sent to a worker that has not started it yet can so be taken back by this thread once it has
 * nothing else left to do (a worker that is slow to start then holds nothing up), and every file is
 * linted exactly once.
 */
function claim(claims: Int32Array, id: number, pass: Pass): boolean {
  const from = pass === 'first' ? 0 : 1;
  return Atomics.compareExchange(claims, id, from, from + 1) === from;
}

const WORKER_FLAG = 'ecsLintWorker';

function runWorker(settings: LinterSettings, claims: Int32Array): void {
  const port = parentPort;
  if (!port) return;
  const linter = createLinter(settings);
  port.on('message', (m: ToWorker) => {
    if (m.type === 'index') return linter.setIndex(m.summaries);
    const { id, file, text, encoding } = m.job;
    if (!claim(claims, id, m.pass)) return port.postMessage({ id } satisfies FromWorker);
    const outcome =
      m.pass === 'first' ? linter.first(file, text, encoding) : linter.second(file, text, encoding);
    port.postMessage({ id, outcome } satisfies FromWorker);
  });
}

// This module is also the workers' entry point (in the bundle, the whole `cli.js` is).
if (!isMainThread) {
  const data = workerData as {
    [WORKER_FLAG]?: boolean;
    settings?: LinterSettings;
    claims?: SharedArrayBuffer;
  } | null;
  if (data?.[WORKER_FLAG] === true && data.claims)
    runWorker(data.settings ?? {}, new Int32Array(data.claims));
}

/** The cores this process may use. */
export function availableCores(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

/** Workers for `files` files: none for few files, else one per core besides this thread's. */
export function defaultThreads(
  files: number,
  parallelAbove = PARALLEL_ABOVE,
  cores = availableCores(),
): number {
  // `ECS_LINT_THREADS=N` overrides (0: never start workers), e.g. where a container's CPU quota is
  // smaller than the cores the machine reports.
  const fromEnv = process.env.ECS_LINT_THREADS;
  if (fromEnv !== undefined && /^\d+$/.test(fromEnv)) return Number(fromEnv);
  if (files <= parallelAbove) return 0;
  // On two cores a worker costs more than it saves (measured on 1,000 files: 1.41 s on one thread,
  // 1.83 s with a worker; the two cores slow each other and each worker warms up its own JIT), so
  // workers start only where there are more cores. `--jobs` still asks for them anywhere.
  if (cores < MIN_CORES_FOR_WORKERS) return 0;
  return Math.max(0, Math.min(cores - 1, Math.ceil(files / parallelAbove) - 1));
}

/** Slot `i` of a run: a file between being read and being reported. */
interface Slot {
  readonly file: string;
  /** Set once the file is linted (or cannot be checked). */
  outcome?: Outcome;
  /** A service definition's content, kept for the second pass. */
  text?: string;
  encoding?: TextEncoding | undefined;
}

/**
 * The bookkeeping of one run: files in order, what each gave, and the reporting cursor. A slot is
 * dropped as soon as it is reported.
 */
class Run {
  private readonly slots: (Slot | undefined)[];
  /** Task definition summaries by file index (file order decides between two of one family). */
  private readonly summaries: (TaskDefinitionSummary | undefined)[] = [];
  private cursor = 0;
  readonly deferred: number[] = [];
  unreadable = false;

  constructor(
    readonly files: readonly string[],
    private readonly read: (file: string) => FileContent,
    private readonly report: (result: FileResult) => void,
    private readonly problem: (message: string) => void,
  ) {
    this.slots = new Array<Slot | undefined>(files.length);
  }

  /** Reads file `id`: the job to lint, or `undefined` when it cannot be read (nothing to report). */
  take(id: number): Job | undefined {
    const file = this.files[id] ?? '';
    const content = this.read(file);
    if (content === undefined) {
      this.unreadable = true;
      this.slots[id] = { file, outcome: {} };
      this.flush();
      return undefined;
    }
    this.slots[id] = { file };
    if (typeof content === 'string') return { id, file, text: content, encoding: undefined };
    // The bytes tell the encoding (VS Code decodes before the server sees the text; the server reads
    // the same bytes for files on disk, so both report the same ECS003).
    const encoding = detectEncoding(content);
    const text = Buffer.from(content.buffer, content.byteOffset, content.byteLength).toString('utf8');
    return { id, file, text, encoding };
  }

  /** Records what linting file `job.id` gave in `pass`, and reports what is now complete in order. */
  done(pass: Pass, job: Job, outcome: Outcome): void {
    const slot = this.slots[job.id];
    if (!slot) return;
    if (pass === 'first') {
      if (outcome.summary) this.summaries[job.id] = outcome.summary;
      if (outcome.deferred) {
        slot.text = job.text;
        slot.encoding = job.encoding;
        this.deferred.push(job.id);
        return;
      }
    }
    slot.text = undefined;
    slot.outcome = outcome;
    this.flush();
  }

  /** The task definitions of the whole command line, in file order. */
  index(): TaskDefinitionSummary[] {
    return this.summaries.filter((s): s is TaskDefinitionSummary => s !== undefined);
  }

  /** The second pass's job for a deferred file. */
  again(id: number): Job {
    const slot = this.slots[id];
    return { id, file: slot?.file ?? '', text: slot?.text ?? '', encoding: slot?.encoding };
  }

  private flush(): void {
    for (;;) {
      const outcome = this.slots[this.cursor]?.outcome;
      if (!outcome) return;
      const file = this.slots[this.cursor]?.file ?? '';
      this.slots[this.cursor++] = undefined;
      if (outcome.problem !== undefined) {
        this.unreadable = true;
        this.problem(outcome.problem);
      } else if (outcome.diagnostics) this.report({ file, diagnostics: outcome.diagnostics });
    }
  }
}

const stderrProblem = (message: string): void => {
  process.stderr.write(`ecs-lint: ${message}\n`);
};

/**
 * Lints `files` in this thread and calls `report` for each file in their order. `read` returns a
 * file's content, or `undefined` when it cannot be read (it reports why itself); such files, and
 * files that cannot be checked, have no result. `unreadable` tells that some file was either.
 */
export function lintFilesHere(
  files: readonly string[],
  read: (file: string) => FileContent,
  report: (result: FileResult) => void,
  options: LintOptions = {},
): { unreadable: boolean } {
  const run = new Run(files, read, report, options.problem ?? stderrProblem);
  const linter = createLinter(options);
  for (let id = 0; id < files.length; id++) {
    const job = run.take(id);
    if (job) run.done('first', job, linter.first(job.file, job.text, job.encoding));
  }
  if (run.deferred.length > 0) {
    linter.setIndex(run.index());
    for (const id of run.deferred) {
      const job = run.again(id);
      run.done('second', job, linter.second(job.file, job.text, job.encoding));
    }
  }
  return { unreadable: run.unreadable };
}

/** Lints `files` as `lintFilesHere` does, on this thread and `threads` workers (`options.threads`). */
export async function lintFilesStreamed(
  files: readonly string[],
  read: (file: string) => FileContent,
  report: (result: FileResult) => void,
  options: LintOptions = {},
): Promise<{ unreadable: boolean }> {
  const threads = options.threads ?? defaultThreads(files.length, options.parallelAbove);
  if (threads <= 0) return lintFilesHere(files, read, report, options);
  const run = new Run(files, read, report, options.problem ?? stderrProblem);
  const linter = createLinter(options);
  const settings: LinterSettings = options.pipelineFilledFields
    ? { pipelineFilledFields: options.pipelineFilledFields }
    : {};
  const shared = new SharedArrayBuffer(4 * Math.max(1, files.length));
  const claims = new Int32Array(shared);
  const workers = Array.from(
    { length: threads },
    () => new Worker(__filename, { workerData: { [WORKER_FLAG]: true, settings, claims: shared } }),
  );
  try {
    // Files go out in order: to each worker up to a few ahead of its answers, the rest linted here;
    // at the end this thread takes back what the workers have not started.
    const lanes = workers.map((worker) => ({ worker, inFlight: new Map<number, Job>() }));
    let failed: Error | undefined;
    let wake: (() => void) | undefined;
    let pass: Pass = 'first';
    for (const lane of lanes) {
      lane.worker.on('error', (error: Error) => {
        failed = error;
        wake?.();
      });
      lane.worker.on('exit', (code) => {
        failed ??= new Error(`an ecs-lint worker stopped (exit code ${code})`);
        wake?.();
      });
      lane.worker.on('message', (m: FromWorker) => {
        const job = lane.inFlight.get(m.id);
        if (!job) return;
        lane.inFlight.delete(m.id);
        if (m.outcome) run.done(pass, job, m.outcome);
        wake?.();
      });
    }
    const idle = (): Promise<void> =>
      new Promise<void>((resolve) => {
        wake = resolve;
      }).finally(() => {
        wake = undefined;
      });
    const turn = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));
    const busy = (): boolean => lanes.some((l) => l.inFlight.size > 0);
    const lintHere = (job: Job): void =>
      run.done(
        pass,
        job,
        pass === 'first'
          ? linter.first(job.file, job.text, job.encoding)
          : linter.second(job.file, job.text, job.encoding),
      );
    /** A job queued to a worker that has not started it (the most recently queued first), taken back. */
    const takeBack = (): Job | undefined => {
      for (const lane of lanes) {
        for (const job of [...lane.inFlight.values()].reverse()) {
          if (!claim(claims, job.id, pass)) continue;
          lane.inFlight.delete(job.id);
          return job;
        }
      }
      return undefined;
    };
    const drain = async (count: number, next: (i: number) => Job | undefined): Promise<void> => {
      let i = 0;
      while (i < count || busy()) {
        if (failed !== undefined) throw failed;
        for (const lane of lanes) {
          while (i < count && lane.inFlight.size < IN_FLIGHT_PER_WORKER) {
            const job = next(i++);
            if (!job) continue;
            lane.inFlight.set(job.id, job);
            lane.worker.postMessage({ type: 'lint', pass, job } satisfies ToWorker);
          }
        }
        // Every worker has enough queued: lint one here, then look at their answers.
        const job = i < count ? next(i++) : takeBack();
        if (job) {
          claim(claims, job.id, pass); // a job taken back is claimed already
          lintHere(job);
          await turn();
        } else if (i >= count && busy()) await idle();
      }
    };
    await drain(files.length, (id) => run.take(id));

    // Second pass: service definitions, against every task definition of the command line.
    if (run.deferred.length > 0) {
      const summaries = run.index();
      linter.setIndex(summaries);
      for (const { worker } of lanes) worker.postMessage({ type: 'index', summaries } satisfies ToWorker);
      pass = 'second';
      const deferred = [...run.deferred];
      await drain(deferred.length, (i) => run.again(deferred[i] ?? -1));
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return { unreadable: run.unreadable };
}

/**
 * Lints `files` in order and returns their results. `read` returns a file's content, or `undefined`
 * when it cannot be read (it reports why itself); such files have no result.
 */
export async function lintFiles(
  files: readonly string[],
  read: (file: string) => FileContent,
  options: LintOptions = {},
): Promise<{ results: FileResult[]; unreadable: boolean }> {
  const results: FileResult[] = [];
  const { unreadable } = await lintFilesStreamed(files, read, (r) => results.push(r), options);
  return { results, unreadable };
}

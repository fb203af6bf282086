/**
 * `ecs-lint` at scale: wall time, CPU and peak RSS of `node dist/server/cli.js` on 100, 1,000 and 2,000
 * generated files (a mix of valid task definitions, task definitions with mistakes, long ones, and
 * broken JSON), against ajv validating the same files against the JSON Schema exported from the same
 * model (`bench/jsonSchema.ts`, all errors) and against a floor that only reads and `JSON.parse`s them.
 * Every command is a fresh `node` process, run interleaved with the others (`compareAll`). Prints one
 * JSON line per size and command; `ratioToAjv` / `ratioToFloor` are p50 wall time ours / baseline.
 *
 * Run: `npm run bench:cli` (builds first), or `node out/bench/cli.js [--runs N] [--sizes 100,1000]
 * [--before path/to/old/cli.js]` (`--before` adds a previous build as one more command).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateTaskDefinition } from './languageService';
import { compareAll, machineLoad, round, runBench } from './timing';

const root = path.resolve(__dirname, '..', '..');
const preload = path.join(root, 'bench', 'rssAtExit.js');
const baselines = path.join(root, 'out', 'bench', 'cliBaselines.cjs');

/** Budget: wall time on 1,000 files at most ajv's. */
const BUDGET_RATIO_TO_AJV = 1.0;

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

/** Writes `n` files: 40 % valid, 40 % with mistakes (100 to 600 lines), 10 % a fixture's mistakes, 10 % broken JSON. */
export function writeFiles(dir: string, n: number): string[] {
  const fixtureDir = path.join(root, 'test', 'fixtures', 'taskdefs');
  const valid = fs
    .readdirSync(path.join(fixtureDir, 'valid'))
    .map((f) => fs.readFileSync(path.join(fixtureDir, 'valid', f), 'utf8'));
  const mistakes = fs.readFileSync(path.join(fixtureDir, 'invalid', 'fargate-mistakes.json'), 'utf8');
  const sized = [100, 200, 300, 600].map((lines) => generateTaskDefinition(lines));
  const files: string[] = [];
  for (let i = 0; i < n; i++) {
    const slot = i % 10;
    let text: string;
    if (slot < 4) text = valid[i % valid.length] ?? '';
    else if (slot < 8) text = sized[i % sized.length] ?? '';
    else if (slot === 8) text = mistakes;
    else {
      // What an unfinished edit leaves: a comma missing in the middle.
      const t = sized[i % sized.length] ?? '';
      const at = t.indexOf(',\n', t.length >> 1);
      text = t.slice(0, at) + t.slice(at + 1);
    }
    const file = path.join(dir, `${String(i).padStart(5, '0')}-task-def.json`);
    fs.writeFileSync(file, text);
    files.push(file);
  }
  return files;
}

interface ProcessSample {
  maxRssKb: number;
  heapTotalBytes: number;
  cpuMs: number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

async function main(): Promise<void> {
  const runs = Number(option('--runs') ?? 5);
  const sizes = (option('--sizes') ?? '100,1000,2000').split(',').map(Number);
  const before = option('--before');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ecs-lint-bench-'));
  const rssFile = path.join(tmp, 'rss.json');
  try {
    for (const size of sizes) {
      const dir = path.join(tmp, String(size));
      fs.mkdirSync(dir);
      const files = writeFiles(dir, size);
      const bytes = files.reduce((sum, f) => sum + fs.statSync(f).size, 0);
      const commands: Record<string, string[]> = {
        ours: [path.join(root, 'dist', 'server', 'cli.js'), ...files],
        ajv: [baselines, 'ajv', ...files],
        floor: [baselines, 'floor', ...files],
        ...(before ? { before: [path.resolve(before), ...files] } : {}),
      };
      const memory = new Map<string, ProcessSample[]>(Object.keys(commands).map((k) => [k, []]));
      const outputs = new Map<string, number>();
      const run = (name: string) => (): void => {
        fs.rmSync(rssFile, { force: true });
        const r = spawnSync(process.execPath, ['-r', preload, ...(commands[name] ?? [])], {
          cwd: tmp,
          env: { ...process.env, ECS_BENCH_RSS_FILE: rssFile },
          encoding: 'utf8',
          maxBuffer: 1 << 30,
        });
        if (r.status !== 0 && r.status !== 1) throw new Error(`${name} exited ${r.status}: ${r.stderr}`);
        outputs.set(name, r.stdout.length);
        memory.get(name)?.push(JSON.parse(fs.readFileSync(rssFile, 'utf8')) as ProcessSample);
      };
      const fns = Object.fromEntries(Object.keys(commands).map((name) => [name, run(name)]));
      const timings = await compareAll(runs, fns, 1);
      const load = machineLoad();
      const ours = timings.ours;
      for (const [name, t] of Object.entries(timings)) {
        const m = (memory.get(name) ?? []).slice(1); // without the warm-up run
        console.log(
          JSON.stringify({
            bench: 'cli',
            command: name,
            files: size,
            megabytes: round(bytes / 1e6),
            wallP50Ms: round(t.p50),
            wallP95Ms: round(t.p95),
            cpuP50Ms: round(median(m.map((s) => s.cpuMs))),
            peakRssMb: round(median(m.map((s) => s.maxRssKb)) / 1024),
            mainHeapMb: round(median(m.map((s) => s.heapTotalBytes)) / 2 ** 20),
            ratioToAjv: round(t.p50 / (timings.ajv?.p50 ?? NaN)),
            ratioToFloor: round(t.p50 / (timings.floor?.p50 ?? NaN)),
            ...(name === 'ours' && size === 1000
              ? {
                  budgetRatioToAjv: BUDGET_RATIO_TO_AJV,
                  withinBudget: (ours?.p50 ?? Infinity) <= (timings.ajv?.p50 ?? 0) * BUDGET_RATIO_TO_AJV,
                }
              : {}),
            stdoutChars: outputs.get(name),
            runs,
            ...load,
          }),
        );
      }
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

if (require.main === module) runBench(main);

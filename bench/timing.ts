/**
 * The timing loop every benchmark shares. Ours and the baseline are measured *interleaved*, sample
 * by sample and in alternating order, so that a burst of load on the machine, a GC pause or CPU
 * frequency scaling hits both sides alike: timing all of ours and then all of the baseline made p95
 * ratios swing between 0.6 and 1.7 from run to run.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';

export interface Timing {
  readonly p50: number;
  readonly p95: number;
  /** Process CPU time (user + system): less sensitive than wall time to other load on the machine. */
  readonly cpuP50: number;
  readonly cpuP95: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

class Samples {
  private readonly wall: number[] = [];
  private readonly cpu: number[] = [];

  async take(fn: () => unknown): Promise<void> {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await fn();
    this.wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    this.cpu.push((c.user + c.system) / 1000);
  }

  timing(): Timing {
    const wall = [...this.wall].sort((a, b) => a - b);
    const cpu = [...this.cpu].sort((a, b) => a - b);
    return {
      p50: percentile(wall, 50),
      p95: percentile(wall, 95),
      cpuP50: percentile(cpu, 50),
      cpuP95: percentile(cpu, 95),
    };
  }
}

/** Times `ours` and `baseline` `runs` times each, interleaved, after a warm-up of both. */
export async function compare(
  runs: number,
  ours: () => unknown,
  baseline: () => unknown,
  warmup = Math.min(10, runs),
): Promise<{ ours: Timing; baseline: Timing }> {
  for (let i = 0; i < warmup; i++) {
    await ours();
    await baseline();
  }
  const a = new Samples();
  const b = new Samples();
  for (let i = 0; i < runs; i++) {
    // Alternate who goes first, so neither always runs on the other's warm caches.
    if (i % 2 === 0) {
      await a.take(ours);
      await b.take(baseline);
    } else {
      await b.take(baseline);
      await a.take(ours);
    }
  }
  return { ours: a.timing(), baseline: b.timing() };
}

export const round = (ms: number): number => Math.round(ms * 1000) / 1000;

/**
 * `ours / baseline`, or `null` where the baseline gave no answer: a ratio against a baseline that
 * did nothing (no diagnostics, no completion items) would flatter us.
 */
export function ratio(ours: number, baseline: number, baselineAnswered: boolean): number | null {
  return baselineAnswered && baseline > 0 ? round(ours / baseline) : null;
}

/** The 1-minute load average and core count, printed beside each run so a busy machine shows. */
export function machineLoad(): { loadAverage1m: number; cores: number } {
  return { loadAverage1m: Math.round((os.loadavg()[0] ?? 0) * 100) / 100, cores: os.cpus().length };
}

/**
 * Times each of `fns` `runs` times, interleaved: every round runs all of them, starting one further
 * along each time, so that load on the machine is shared out alike. After `warmup` rounds.
 */
export async function compareAll<K extends string>(
  runs: number,
  fns: Readonly<Record<K, () => unknown>>,
  warmup = Math.min(10, runs),
): Promise<Record<K, Timing>> {
  const names = Object.keys(fns) as K[];
  for (let i = 0; i < warmup; i++) for (const name of names) await fns[name]();
  const samples = new Map(names.map((name) => [name, new Samples()]));
  for (let i = 0; i < runs; i++) {
    for (let j = 0; j < names.length; j++) {
      const name = names[(i + j) % names.length] as K;
      await samples.get(name)?.take(fns[name]);
    }
  }
  return Object.fromEntries(names.map((name) => [name, samples.get(name)?.timing()])) as Record<K, Timing>;
}

/** Runs a benchmark's `main`; an error is printed and fails the process (exit code 1). */
export function runBench(main: () => Promise<void>): void {
  void main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}

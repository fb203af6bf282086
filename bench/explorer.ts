/**
 * Explorer benchmark: the same tree (a cluster of N services × 2 running tasks, the emulator's
 * `big` scenario, with AWS's documented ECS rate limits on and 25 ms of latency per request,
 * `--latency MS`) read by three strategies, each labelled as what it is:
 * - `ours`: our data layer, in the order our tree nodes read (bench/explorerOurs.ts);
 * - `toolkit`: the AWS Toolkit for VS Code's calls for its ECS tree, as its code makes them
 *   (bench/explorerBaselines.ts says which files and commit were read);
 * - `per-service`: a straightforward per-service strategy, not any real product.
 * Each compares only what it shows: the Toolkit shows no tasks (null, no ratio), and its service
 * expansion shows container definitions where ours shows tasks. Every figure says its cache state
 * (cold: first expansion; warm: again within our 15 s TTL), every run the load average beside it.
 * The strategies run one after the other, in an order rotated from run to run; `--runs N` repeats,
 * and the last line per size gives the range (min–max) across runs.
 *
 * Run: `npm run bench:explorer` (or `npx tsc -p . && node out/bench/explorer.js [--sizes 500,1000]
 * [--runs 3] [--latency 25] [--refresh | --refresh-only]`)
 */
import { startEmulator, type RunningEmulator } from '../emulator';
import { perService, toolkit } from './explorerBaselines';
import { ours } from './explorerOurs';
import { refresh } from './explorerRefresh';
import type { StrategyName, StrategyRun } from './explorerRun';
import { runBench } from './timing';

const STRATEGIES: Record<StrategyName, (emu: RunningEmulator, services: number) => Promise<StrategyRun>> = {
  ours,
  toolkit,
  'per-service': perService,
};

/** The times and call counts compared, for one run. */
function figuresOf(r: StrategyRun): Record<string, number | null> {
  const l = r.serviceListing;
  return {
    firstPageServices: l.firstPageServices,
    firstPageMs: l.firstPageMs,
    firstHundredMs: l.firstHundredMs,
    allServicesMs: l.allServices.ms,
    allServicesCalls: l.allServices.calls,
    loadMoreClicks: l.allServices.loadMoreClicks,
    allTasksMs: r.allTasks?.ms ?? null,
    allTasksCalls: r.allTasks?.calls ?? null,
    expandColdCalls: r.expand.cold.calls,
    expandWarmCalls: r.expand.warm.calls,
    expandColdMs: r.expand.cold.ms,
    expandFirstServiceColdMs: r.expand.cold.firstServiceMs,
    throttledResponses: r.throttledResponses,
    loadAverage1m: r.loadBefore.loadAverage1m,
  };
}

/**
 * Baseline / ours for what both show: the service listing always; tasks only where the baseline
 * lists them; the expansion only against per-service (the Toolkit's shows something else).
 */
function ratios(r: StrategyRun, base: StrategyRun): Record<string, number | null> {
  const q = (b: number | undefined, a: number | undefined): number | null =>
    b === undefined || a === undefined || !(a > 0) || Number.isNaN(b) ? null : Math.round((b / a) * 10) / 10;
  const sameExpansion = base.strategy === 'per-service';
  return {
    allServicesCalls: q(base.serviceListing.allServices.calls, r.serviceListing.allServices.calls),
    firstPageMs: q(base.serviceListing.firstPageMs, r.serviceListing.firstPageMs),
    firstHundredMs: q(base.serviceListing.firstHundredMs, r.serviceListing.firstHundredMs),
    allServicesMs: q(base.serviceListing.allServices.ms, r.serviceListing.allServices.ms),
    allTasksCalls: base.allTasks ? q(base.allTasks.calls, r.allTasks?.calls) : null,
    allTasksMs: base.allTasks ? q(base.allTasks.ms, r.allTasks?.ms) : null,
    expandColdCalls: sameExpansion ? q(base.expand.cold.calls, r.expand.cold.calls) : null,
    expandFirstServiceColdMs: sameExpansion
      ? q(base.expand.cold.firstServiceMs, r.expand.cold.firstServiceMs)
      : null,
  };
}

/** min–max of each figure across runs (null where a strategy has no answer). */
function ranges(rows: readonly Record<string, number | null>[]): Record<string, [number, number] | null> {
  const out: Record<string, [number, number] | null> = {};
  for (const key of Object.keys(rows[0] ?? {})) {
    const values = rows
      .map((r) => r[key])
      .filter((v): v is number => typeof v === 'number' && !Number.isNaN(v));
    out[key] = values.length === rows.length ? [Math.min(...values), Math.max(...values)] : null;
  }
  return out;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const sizes = (arg('--sizes') ?? '500,1000').split(',').map(Number);
  const runs = Number(arg('--runs') ?? 1);
  // A round trip to a nearby Region; 0 measures the emulator alone.
  const latencyMs = Number(arg('--latency') ?? 25);
  const names = Object.keys(STRATEGIES) as StrategyName[];
  for (const services of sizes) {
    const emu = await startEmulator({ scenario: 'big', services });
    if (latencyMs > 0) emu.faults.set({ operation: '*', kind: 'latency', latencyMs });
    const byStrategy = new Map<StrategyName, StrategyRun[]>(names.map((n) => [n, []]));
    try {
      // The background refresh (bench/explorerRefresh.ts) is a separate measure, on request.
      if (process.argv.includes('--refresh') || process.argv.includes('--refresh-only'))
        console.log(JSON.stringify(await refresh(emu, services)));
      if (process.argv.includes('--refresh-only')) continue;
      for (let run = 0; run < runs; run++) {
        // Rotated, so that no strategy always runs first on a quiet machine; useAwsRateLimits(true)
        // at each start gives every strategy full buckets.
        for (let j = 0; j < names.length; j++) {
          const name = names[(run + j) % names.length] as StrategyName;
          const r = await STRATEGIES[name](emu, services);
          byStrategy.get(name)?.push(r);
          console.log(JSON.stringify({ run, ...r }));
        }
      }
      const mine = byStrategy.get('ours') ?? [];
      for (const name of names) {
        const rows = byStrategy.get(name) ?? [];
        const summary: Record<string, unknown> = {
          bench: 'explorer-summary',
          services,
          strategy: name,
          what: rows[0]?.what,
          runs: rows.length,
          range: ranges(rows.map(figuresOf)),
          describeTaskDefinition: rows[0]?.describeTaskDefinition,
          errors: [...new Set(rows.flatMap((r) => r.errors))],
          notes: rows[0]?.notes,
        };
        if (name !== 'ours') {
          summary[`ratio ${name}/ours`] = ranges(rows.map((r, i) => ratios(mine[i] as StrategyRun, r)));
        }
        console.log(JSON.stringify(summary));
      }
    } finally {
      await emu.stop();
    }
  }
}

runBench(main);

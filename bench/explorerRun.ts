/**
 * What one strategy of the explorer benchmark reports (bench/explorer.ts), and the measuring helpers
 * the strategies share. Every figure says its cache state: `cold` is a first expansion with nothing
 * cached; `warm` is the same expansion again within our cache's TTL (15 s), with whatever cache the
 * strategy itself has. A strategy that does not show something reports `null` for it, never 0.
 */
import { performance } from 'node:perf_hooks';
import type { ECSClient } from '@aws-sdk/client-ecs';
import type { RunningEmulator } from '../emulator';
import { machineLoad } from './timing';

export type StrategyName = 'ours' | 'toolkit' | 'per-service';

/** Calls the emulator received for one step, by operation, and how long the step took. */
export interface Step {
  readonly ms: number;
  readonly calls: number;
  readonly byOperation: Record<string, number>;
}

/** Services expanded one after the other; the first one's children are what a user waits for. */
export interface Expansion extends Step {
  readonly firstServiceMs: number;
}

export interface ServiceListing {
  readonly cache: 'cold';
  /** Services shown by the first expansion of the cluster. */
  readonly firstPageServices: number;
  readonly firstPageMs: number;
  /** Until 100 services are shown, clicking "Load more" as soon as it appears (no think time). */
  readonly firstHundredMs: number;
  readonly allServices: Step & { readonly loadMoreClicks: number; readonly shown: number };
}

export interface StrategyRun {
  readonly bench: 'explorer';
  readonly services: number;
  readonly strategy: StrategyName;
  /** What this strategy is: its own code, a model of a real product's, or neither. */
  readonly what: string;
  readonly loadBefore: ReturnType<typeof machineLoad>;
  readonly loadAfter: ReturnType<typeof machineLoad>;
  readonly serviceListing: ServiceListing;
  /** The running tasks of every service (as if each was expanded); null: the view shows no tasks. */
  readonly allTasks: (Step & { readonly cache: 'cold'; readonly tasks: number }) | null;
  /** Expanding 20 services: what appears under a service, then the calls, cold and warm. */
  readonly expand: { readonly shows: string; readonly cold: Expansion; readonly warm: Expansion };
  /** DescribeTaskDefinition calls, by what asks for them and cache state. */
  readonly describeTaskDefinition: Record<string, number | null>;
  /** ThrottlingException responses received (each one a retry or an error). */
  readonly throttledResponses: number;
  /** Requests that failed for good (what a user would see as an error), with their messages. */
  readonly errors: readonly string[];
  readonly notes: readonly string[];
}

export const CLUSTER = 'big';
/** Services expanded in the expand step. */
export const EXPANDED = 20;

/** Runs `fn` and reports its time and the calls it made (the emulator's counts are reset first). */
export async function step<T>(emu: RunningEmulator, fn: () => Promise<T>): Promise<Step & { value: T }> {
  emu.calls.reset();
  const start = performance.now();
  const value = await fn();
  const ms = Math.round(performance.now() - start);
  return { ms, calls: emu.calls.count(), byOperation: emu.calls.byOperation(), value };
}

/** The step without its value, as printed. */
export const figures = ({ ms, calls, byOperation }: Step): Step => ({ ms, calls, byOperation });

/** Expands `items` one after the other with `expandOne`, as a step. */
export async function expandEach<T>(
  emu: RunningEmulator,
  items: readonly T[],
  expandOne: (item: T) => Promise<unknown>,
): Promise<Expansion> {
  let firstServiceMs = NaN;
  const t0 = performance.now();
  const s = await step(emu, async () => {
    for (const [i, item] of items.entries()) {
      await expandOne(item);
      if (i === 0) firstServiceMs = performance.now() - t0;
    }
  });
  return { ...figures(s), firstServiceMs: Math.round(firstServiceMs) };
}

/** Chunks of at most `size`. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Counts the ThrottlingException responses an SDK client receives, retries included. */
export function countThrottling(client: ECSClient, onThrottled: () => void): void {
  // The deserialize step runs inside the retry loop: every attempt is seen.
  client.middlewareStack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        if ((error as { name?: string }).name === 'ThrottlingException') onThrottled();
        throw error;
      }
    },
    { step: 'deserialize', name: 'countThrottling', priority: 'high' },
  );
}

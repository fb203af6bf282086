/**
 * Fargate task sizes: which task `memory` values go with which task `cpu`, and how the API reads the
 * `"1 vCPU"` / `"2 GB"` string forms. Source: "Task CPU and memory" in the Amazon ECS developer guide
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html#fargate-tasks-size)
 * and cfn-lint E3047.
 */

/** Valid Fargate memory (MiB) for each cpu (units). */
const table: ReadonlyArray<{ cpu: number; from: number; to: number; step: number; values?: number[] }> = [
  { cpu: 256, from: 512, to: 2048, step: 512, values: [512, 1024, 2048] },
  { cpu: 512, from: 1024, to: 4096, step: 1024 },
  { cpu: 1024, from: 2048, to: 8192, step: 1024 },
  { cpu: 2048, from: 4096, to: 16384, step: 1024 },
  { cpu: 4096, from: 8192, to: 30720, step: 1024 },
  { cpu: 8192, from: 16384, to: 61440, step: 4096 },
  { cpu: 16384, from: 32768, to: 122880, step: 8192 },
];

/** The Fargate cpu values (units), ascending. */
export const FARGATE_CPU_VALUES: readonly number[] = table.map((r) => r.cpu);

/** Fargate cpu values available to Windows containers. */
export const FARGATE_WINDOWS_CPU_VALUES: readonly number[] = [1024, 2048, 4096];

/** Valid memory values (MiB) for a Fargate cpu value, ascending; empty when the cpu is not a Fargate size. */
export function fargateMemoryFor(cpu: number): number[] {
  const row = table.find((r) => r.cpu === cpu);
  if (!row) return [];
  if (row.values) return [...row.values];
  const out: number[] = [];
  for (let m = row.from; m <= row.to; m += row.step) out.push(m);
  return out;
}

/** Fargate cpu values that accept `memory` (MiB), ascending. */
export function fargateCpuFor(memory: number): number[] {
  return FARGATE_CPU_VALUES.filter((cpu) => fargateMemoryFor(cpu).includes(memory));
}

/** Every valid Fargate memory value (MiB), ascending. */
export function allFargateMemoryValues(): number[] {
  return [...new Set(FARGATE_CPU_VALUES.flatMap(fargateMemoryFor))].sort((a, b) => a - b);
}

/**
 * Reads a task `cpu` as the API does: `"256"`, `256`, `"1 vCPU"`, `"0.25 vcpu"` → units.
 * `undefined` when it is not a cpu expression.
 */
export function parseCpuUnits(value: string | number | boolean | undefined): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(vcpus?)?\s*$/i.exec(value);
  if (!match?.[1]) return undefined;
  const n = Number(match[1]);
  if (match[2]) return Math.round(n * 1024);
  return Number.isInteger(n) ? n : undefined;
}

/**
 * Reads a task `memory` as the API does: `"512"`, `512`, `"2 GB"`, `"2GB"`, `"0.5 GB"` → MiB.
 * `undefined` when it is not a memory expression.
 */
export function parseMemoryMiB(value: string | number | boolean | undefined): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(gb|gib|mb|mib)?\s*$/i.exec(value);
  if (!match?.[1]) return undefined;
  const n = Number(match[1]);
  const unit = match[2]?.toLowerCase();
  if (unit === 'gb' || unit === 'gib') return Math.round(n * 1024);
  return Number.isInteger(n) ? n : undefined;
}

/** `1024` → `1 vCPU`, `256` → `0.25 vCPU`. */
export function formatCpu(units: number): string {
  return `${Number((units / 1024).toFixed(3))} vCPU`;
}

/** `2048` → `2 GiB`, `512` → `0.5 GiB`. */
export function formatMemory(mib: number): string {
  return `${Number((mib / 1024).toFixed(3))} GiB`;
}

/** The value of `candidates` nearest to `target` (the larger one on a tie). */
export function nearest(target: number, candidates: readonly number[]): number | undefined {
  let best: number | undefined;
  for (const c of candidates) {
    if (best === undefined || Math.abs(c - target) < Math.abs(best - target)) best = c;
    else if (Math.abs(c - target) === Math.abs(best - target) && c > best) best = c;
  }
  return best;
}

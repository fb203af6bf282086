/**
 * Fargate task sizes: which task `memory` (MiB) goes with which task `cpu` (units, 1024 = 1 vCPU).
 * Source: "Task CPU and memory" in the ECS developer guide and the task-cpu-memory-error page
 * (cfn-lint E3047). Shared by validation, completion, hover and quick fixes so they never disagree.
 */

export interface FargateSize {
  /** CPU units (1024 = 1 vCPU). */
  readonly cpu: number;
  /** Memory values (MiB) valid with this cpu, ascending. */
  readonly memory: readonly number[];
  /** Only Linux tasks on platform 1.4.0+ may use this row. */
  readonly linuxOnly: boolean;
  /** Windows tasks on Fargate may use this row. */
  readonly windows: boolean;
}

function steps(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let v = from; v <= to; v += step) out.push(v);
  return out;
}

/** The Fargate cpu → memory table, ascending by cpu. */
export const FARGATE_SIZES: readonly FargateSize[] = [
  { cpu: 256, memory: [512, 1024, 2048], linuxOnly: false, windows: false },
  { cpu: 512, memory: steps(1024, 4096, 1024), linuxOnly: false, windows: false },
  { cpu: 1024, memory: steps(2048, 8192, 1024), linuxOnly: false, windows: true },
  { cpu: 2048, memory: steps(4096, 16384, 1024), linuxOnly: false, windows: true },
  { cpu: 4096, memory: steps(8192, 30720, 1024), linuxOnly: false, windows: true },
  { cpu: 8192, memory: steps(16384, 61440, 4096), linuxOnly: true, windows: false },
  { cpu: 16384, memory: steps(32768, 122880, 8192), linuxOnly: true, windows: false },
];

/** Every cpu value Fargate accepts, ascending. */
export const FARGATE_CPUS: readonly number[] = FARGATE_SIZES.map((s) => s.cpu);

/** Memory values valid with `cpu` on Fargate, or `undefined` when `cpu` is not a Fargate size. */
export function fargateMemoryFor(cpu: number): readonly number[] | undefined {
  return FARGATE_SIZES.find((s) => s.cpu === cpu)?.memory;
}

/** Cpu values with which `memory` is valid on Fargate (empty when none). */
export function fargateCpusFor(memory: number): number[] {
  return FARGATE_SIZES.filter((s) => s.memory.includes(memory)).map((s) => s.cpu);
}

/** True when the pair is a valid Fargate task size. */
export function isValidFargatePair(cpu: number, memory: number): boolean {
  return fargateMemoryFor(cpu)?.includes(memory) ?? false;
}

/** Every memory value Fargate accepts with some cpu, ascending and unique. */
export const FARGATE_MEMORIES: readonly number[] = [...new Set(FARGATE_SIZES.flatMap((s) => s.memory))].sort(
  (a, b) => a - b,
);

/**
 * Reads a task size as the API does: a whole number (`"256"`, `256`), or a decimal number of `unit`
 * (`"1 vCPU"`, `"2GB"`), which is 1024 of the plain unit.
 */
function parseSize(value: unknown, unit: RegExp): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text);
  const scaled = unit.exec(text);
  return scaled?.[1] !== undefined ? Math.round(Number(scaled[1]) * 1024) : undefined;
}

/**
 * Reads a task `cpu` value as the API does: `"256"`, `256`, `"1 vCPU"`, `"0.5 vcpu"`.
 * Returns CPU units, or `undefined` when the text is not a cpu value.
 */
export function parseCpu(value: unknown): number | undefined {
  return parseSize(value, /^(\d+(?:\.\d+)?)\s*vcpu$/i);
}

/**
 * Reads a task `memory` value as the API does: `"512"`, `512`, `"2 GB"`, `"2GB"`, `"0.5 GB"`.
 * Returns MiB, or `undefined` when the text is not a memory value.
 */
export function parseMemory(value: unknown): number | undefined {
  return parseSize(value, /^(\d+(?:\.\d+)?)\s*gb$/i);
}

/** `256` → `0.25 vCPU`. */
export function formatCpu(units: number): string {
  return `${Number((units / 1024).toFixed(3))} vCPU`;
}

/** `512` → `0.5 GiB`. */
export function formatMemory(mib: number): string {
  return `${Number((mib / 1024).toFixed(3))} GiB`;
}

/** The value of `candidates` closest to `target` (the larger one on a tie, so a task never shrinks). */
export function nearest(candidates: readonly number[], target: number): number | undefined {
  let best: number | undefined;
  for (const c of candidates) {
    if (best === undefined || Math.abs(c - target) < Math.abs(best - target)) best = c;
    else if (Math.abs(c - target) === Math.abs(best - target) && c > best) best = c;
  }
  return best;
}

/** Describes a list of values compactly for messages: `1024, 2048, 3072, 4096` or `2048..8192 step 1024`. */
export function describeValues(values: readonly number[]): string {
  if (values.length > 4) {
    const first = values[0] ?? 0;
    const step = (values[1] ?? first) - first;
    const regular = values.every((v, i) => v === first + i * step);
    if (regular) return `${first}..${values[values.length - 1] ?? first} (step ${step})`;
  }
  return values.join(', ');
}

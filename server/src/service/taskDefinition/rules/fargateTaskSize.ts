/**
 * Fargate task size (facts 5, 6, 7): ECS105 task cpu and memory required; ECS106 memory not valid
 * for the cpu; ECS206 cpu not a Fargate size; ECS107 cpu not available to Windows on Fargate.
 */
import {
  FARGATE_CPUS,
  describeValues,
  fargateCpusFor,
  fargateMemoryFor,
  formatCpu,
  formatMemory,
  nearest,
  parseCpu,
  parseMemory,
} from '../fargate';
import { type PropertyRef, scalarOf } from '../../core/properties';
import { AWS_DOCS } from './rule';
import { fargateItem, fargateRule } from './fargateRule';
import { listOf } from '../../core/suggest';

const WINDOWS_CPUS = [1024, 2048, 4096];

/** A size for a fix, written as `p` writes its value: a number, or (as the API types it) a string. */
function asWrittenIn(p: PropertyRef | undefined): (v: number) => string | number {
  return (v) => (typeof scalarOf(p?.value) === 'number' ? v : String(v));
}

export const fargateTaskSizeRule = fargateRule(
  AWS_DOCS.fargateTaskSize,
  [
    ['ECS105', 'Fargate requires task-level cpu and memory'],
    ['ECS106', 'Fargate memory not valid for the task cpu'],
    ['ECS206', 'Task cpu is not a Fargate size'],
    ['ECS107', 'Task cpu not available to Windows on Fargate'],
  ],
  ({ td, report }) => {
    const cpuP = td.property('cpu');
    const memP = td.property('memory');
    const fargate = fargateItem(td);
    for (const [name, p] of [
      ['cpu', cpuP],
      ['memory', memP],
    ] as const) {
      if (!p && fargate) {
        report(
          'ECS105',
          fargate,
          `Fargate requires a task-level \`${name}\`; add it (for example "cpu": "256", "memory": "512").`,
          {
            fix: 'addProperties',
            path: [...td.path],
            properties: name === 'cpu' ? { cpu: '256' } : { memory: '512' },
          },
        );
      }
    }
    const cpu = parseCpu(scalarOf(cpuP?.value));
    const memory = parseMemory(scalarOf(memP?.value));
    const cpuAsWritten = asWrittenIn(cpuP);
    const memAsWritten = asWrittenIn(memP);
    if (cpu !== undefined && cpuP?.value) {
      if (!FARGATE_CPUS.includes(cpu)) {
        const partners = memory !== undefined ? fargateCpusFor(memory) : [];
        const best = nearest(partners.length ? partners : FARGATE_CPUS, cpu);
        report(
          'ECS206',
          cpuP.value,
          `cpu ${cpu} is not a Fargate task size; valid cpu: ${FARGATE_CPUS.join(', ')}${partners.length ? ` (with memory ${memory}: ${partners.join(', ')})` : ''}.`,
          best !== undefined
            ? { fix: 'replaceValue', path: [...td.path, 'cpu'], values: [cpuAsWritten(best)] }
            : undefined,
        );
        return;
      }
      if (td.isWindows && !WINDOWS_CPUS.includes(cpu)) {
        report(
          'ECS107',
          cpuP.value,
          `cpu ${cpu} (${formatCpu(cpu)}) is not available to Windows tasks on Fargate; valid: ${WINDOWS_CPUS.join(', ')}.`,
          {
            fix: 'replaceValue',
            path: [...td.path, 'cpu'],
            values: [cpuAsWritten(1024)],
          },
        );
      }
    }
    if (cpu === undefined || memory === undefined || !memP?.value) return;
    const valid = fargateMemoryFor(cpu) ?? [];
    if (valid.includes(memory)) return;
    const best = nearest(valid, memory);
    const cpus = fargateCpusFor(memory);
    report(
      'ECS106',
      memP.value,
      `memory ${memory} is not valid with cpu ${cpu} (${formatCpu(cpu)}) on Fargate; valid: ${describeValues(valid)}${cpus.length ? `; memory ${memory} (${formatMemory(memory)}) needs cpu ${listOf(cpus)}` : ''}.`,
      best !== undefined
        ? {
            fix: 'replaceValue',
            path: [...td.path, 'memory'],
            values: [memAsWritten(best), ...valid.filter((v) => v !== best).map(memAsWritten)],
          }
        : undefined,
    );
  },
);

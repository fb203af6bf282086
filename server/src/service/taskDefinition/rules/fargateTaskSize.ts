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
import { itemsOf, scalarOf } from '../../core/properties';
import { AWS_DOCS, type Rule } from './rule';
import { listOf } from '../../core/suggest';

const WINDOWS_CPUS = [1024, 2048, 4096];

export const fargateTaskSizeRule: Rule = {
  meta: [
    {
      code: 'ECS105',
      title: 'Fargate requires task-level cpu and memory',
      severity: 'error',
      awsDocs: AWS_DOCS.fargateTaskSize,
    },
    {
      code: 'ECS106',
      title: 'Fargate memory not valid for the task cpu',
      severity: 'error',
      awsDocs: AWS_DOCS.fargateTaskSize,
    },
    {
      code: 'ECS206',
      title: 'Task cpu is not a Fargate size',
      severity: 'error',
      awsDocs: AWS_DOCS.fargateTaskSize,
    },
    {
      code: 'ECS107',
      title: 'Task cpu not available to Windows on Fargate',
      severity: 'error',
      awsDocs: AWS_DOCS.fargateTaskSize,
    },
  ],
  check({ td, report }) {
    if (!td.isFargate) return;
    const cpuP = td.property('cpu');
    const memP = td.property('memory');
    const fargateItem = itemsOf(td.property('requiresCompatibilities')?.value).find(
      (n) => n.value === 'FARGATE',
    );
    for (const [name, p] of [
      ['cpu', cpuP],
      ['memory', memP],
    ] as const) {
      if (!p && fargateItem) {
        report(
          'ECS105',
          fargateItem,
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
    const cpuAsWritten = (v: number): string | number =>
      typeof scalarOf(cpuP?.value) === 'number' ? v : String(v);
    const memAsWritten = (v: number): string | number =>
      typeof scalarOf(memP?.value) === 'number' ? v : String(v);
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
};

/**
 * Container memory and cpu against the task (fact 14): ECS114 a container without memory or
 * memoryReservation when the task sets no memory; ECS214 container memory beyond the task memory;
 * ECS314 container cpu beyond the task cpu.
 */
import { parseCpu, parseMemory } from '../fargate';
import { numberOf, scalarOf, valueOf } from '../../core/properties';
import { AWS_DOCS, type Rule } from './rule';
import { metaOnPage } from '../../core/ruleMetaTable';

export const taskResourcesRule: Rule = {
  meta: metaOnPage(AWS_DOCS.taskDefinitionParameters, [
    ['ECS114', 'Container needs memory or memoryReservation'],
    ['ECS214', 'Container memory exceeds task memory'],
    ['ECS314', 'Container cpu exceeds task cpu'],
  ]),
  check({ td, report }) {
    const taskMemNode = td.property('memory')?.value;
    const taskMemory = parseMemory(scalarOf(taskMemNode));
    const taskCpuNode = td.property('cpu')?.value;
    const taskCpu = parseCpu(scalarOf(taskCpuNode));
    let reserved = 0;
    let cpuSum = 0;
    // One finding per cause: a container above the task makes the sum above it too.
    let memoryOver = false;
    let cpuOver = false;
    for (const c of td.containers) {
      if (c.node.type !== 'object') continue;
      const memNode = valueOf(c.node, 'memory');
      const resNode = valueOf(c.node, 'memoryReservation');
      const memory = numberOf(memNode);
      const reservation = numberOf(resNode);
      if (!taskMemNode && !memNode && !resNode) {
        report(
          'ECS114',
          c.nameNode ?? { offset: c.node.offset, length: 1 },
          `Container ${c.name ? `"${c.name}" ` : ''}sets neither \`memory\` nor \`memoryReservation\`, and the task sets no \`memory\`: set one of them (MiB).`,
        );
      }
      reserved += reservation ?? memory ?? 0;
      if (taskMemory !== undefined && memory !== undefined && memNode && memory > taskMemory) {
        memoryOver = true;
        report(
          'ECS214',
          memNode,
          `Container memory ${memory} MiB exceeds the task memory ${taskMemory} MiB; allowed: at most ${taskMemory}.`,
          {
            fix: 'replaceValue',
            path: [...c.path, 'memory'],
            values: [taskMemory],
          },
        );
      }
      const cpuNode = valueOf(c.node, 'cpu');
      const cpu = numberOf(cpuNode);
      cpuSum += cpu ?? 0;
      if (taskCpu !== undefined && cpu !== undefined && cpuNode && cpu > taskCpu) {
        cpuOver = true;
        report(
          'ECS314',
          cpuNode,
          `Container cpu ${cpu} exceeds the task cpu ${taskCpu} units; allowed: at most ${taskCpu}.`,
          {
            fix: 'replaceValue',
            path: [...c.path, 'cpu'],
            values: [taskCpu],
          },
        );
      }
    }
    if (taskMemory !== undefined && taskMemNode && reserved > taskMemory && !memoryOver) {
      report(
        'ECS214',
        taskMemNode,
        `The containers reserve ${reserved} MiB in total (memoryReservation, else memory), more than the task memory ${taskMemory} MiB; raise the task memory or lower the containers'.`,
      );
    }
    if (taskCpu !== undefined && taskCpuNode && cpuSum > taskCpu && !cpuOver) {
      report(
        'ECS314',
        taskCpuNode,
        `The containers' cpu adds up to ${cpuSum} units, more than the task cpu ${taskCpu}; raise the task cpu or lower the containers'.`,
      );
    }
  },
};

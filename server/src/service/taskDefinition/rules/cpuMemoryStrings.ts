/**
 * Task cpu/memory are strings in the API model (fact 9): ECS109 a number where the API wants a
 * string (the AWS CLI rejects it); ECS209 a string that is not a cpu/memory expression.
 */
import { parseCpu, parseMemory } from '../fargate';
import { AWS_DOCS, type Rule } from './rule';
import { metaOnPage } from '../../core/ruleMetaTable';

export const cpuMemoryStringsRule: Rule = {
  meta: metaOnPage(AWS_DOCS.taskDefinitionParameters, [
    ['ECS109', 'Task cpu/memory given as a number'],
    ['ECS209', 'Task cpu/memory is not a valid amount'],
  ]),
  check({ td, report }) {
    for (const name of ['cpu', 'memory'] as const) {
      const node = td.property(name)?.value;
      if (!node) continue;
      if (node.type === 'number') {
        report(
          'ECS109',
          node,
          `Task \`${name}\` must be a string ("${String(node.value)}"), not a number: the API model types it as a string and the AWS CLI rejects a number.`,
          { fix: 'replaceValue', path: [...td.path, name], values: [String(node.value)] },
        );
      } else if (node.type === 'string') {
        const parsed = name === 'cpu' ? parseCpu(node.value) : parseMemory(node.value);
        if (parsed === undefined) {
          const allowed =
            name === 'cpu' ? 'CPU units ("1024") or vCPUs ("1 vCPU")' : 'MiB ("2048") or GB ("2 GB")';
          report(
            'ECS209',
            node,
            `Task ${name} "${String(node.value)}" is not a valid amount; write it in ${allowed}.`,
          );
        }
      }
    }
  },
};

/** ECS108 — task cpu on EC2/EXTERNAL: 128 to 196608 units when set (fact 8). */
import { parseCpu } from '../fargate';
import { scalarOf } from '../../core/properties';
import { AWS_DOCS, type Rule } from './rule';
import { metaOnPage } from '../../core/ruleMetaTable';

export const taskCpuRangeRule: Rule = {
  meta: metaOnPage(AWS_DOCS.taskDefinitionParameters, [['ECS108', 'Task cpu out of range']]),
  check({ td, report }) {
    if (td.isFargate) return;
    const node = td.property('cpu')?.value;
    const cpu = parseCpu(scalarOf(node));
    if (node && cpu !== undefined && (cpu < 128 || cpu > 196608)) {
      report(
        'ECS108',
        node,
        `Task cpu ${cpu} is out of range; allowed: 128 to 196608 CPU units (1024 units = 1 vCPU).`,
      );
    }
  },
};

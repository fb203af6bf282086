/** ECS127 — startTimeout/stopTimeout on Fargate: 2 to 120 seconds (fact 27). */
import { numberOf, valueOf } from '../../core/properties';
import { AWS_DOCS } from './rule';
import { fargateContainerRule } from './fargateRule';

export const fargateTimeoutsRule = fargateContainerRule(
  AWS_DOCS.containerDefinition,
  [['ECS127', 'Container start/stop timeout out of range on Fargate']],
  (c, { report }) => {
    for (const name of ['startTimeout', 'stopTimeout']) {
      const node = valueOf(c.node, name);
      const v = numberOf(node);
      if (node && v !== undefined && (v < 2 || v > 120)) {
        report('ECS127', node, `${name} ${v} is out of range on Fargate; allowed: 2 to 120 seconds.`, {
          fix: 'replaceValue',
          path: [...c.path, name],
          values: [Math.min(120, Math.max(2, v))],
        });
      }
    }
  },
);

/** ECS128 — log drivers on Fargate: awslogs, splunk, awsfirelens (fact 28, cfn-lint E3048/E3713). */
import { stringOf, valueOf } from '../../core/properties';
import { AWS_DOCS } from './rule';
import { didYouMean, suggest } from '../../core/suggest';
import { fargateContainerRule } from './fargateRule';

const FARGATE_LOG_DRIVERS = ['awslogs', 'splunk', 'awsfirelens'];

export const fargateLogDriverRule = fargateContainerRule(
  AWS_DOCS.fargateParameters,
  [['ECS128', 'Log driver not supported on Fargate']],
  (c, { report }) => {
    const node = valueOf(c.property('logConfiguration')?.value, 'logDriver');
    const driver = stringOf(node);
    if (node && driver !== undefined && !FARGATE_LOG_DRIVERS.includes(driver)) {
      const close = suggest(driver, FARGATE_LOG_DRIVERS);
      report(
        'ECS128',
        node,
        `Log driver "${driver}" is not supported on Fargate; allowed: ${FARGATE_LOG_DRIVERS.join(', ')}.${didYouMean(close)}`,
        {
          fix: 'replaceValue',
          path: [...c.path, 'logConfiguration', 'logDriver'],
          values: close.length ? close : ['awslogs'],
        },
      );
    }
  },
);

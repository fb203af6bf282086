/** ECS128 — log drivers on Fargate: awslogs, splunk, awsfirelens (fact 28, cfn-lint E3048/E3713). */
import { stringMember } from '../../core/properties';
import { AWS_DOCS } from './rule';
import { didYouMean, suggest } from '../../core/suggest';
import { fargateContainerRule } from './fargateRule';

const FARGATE_LOG_DRIVERS = ['awslogs', 'splunk', 'awsfirelens'];

export const fargateLogDriverRule = fargateContainerRule(
  AWS_DOCS.fargateParameters,
  [['ECS128', 'Log driver not supported on Fargate']],
  (c, { report }) => {
    const driver = stringMember(c.property('logConfiguration')?.value, 'logDriver');
    if (driver && !FARGATE_LOG_DRIVERS.includes(driver.value)) {
      const close = suggest(driver.value, FARGATE_LOG_DRIVERS);
      report(
        'ECS128',
        driver.node,
        `Log driver "${driver.value}" is not supported on Fargate; allowed: ${FARGATE_LOG_DRIVERS.join(', ')}.${didYouMean(close)}`,
        {
          fix: 'replaceValue',
          path: [...c.path, 'logConfiguration', 'logDriver'],
          values: close.length ? close : ['awslogs'],
        },
      );
    }
  },
);

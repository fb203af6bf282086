/** ECS104 — Fargate tasks need networkMode awsvpc (fact 4, cfn-lint E3048). */
import { AWS_DOCS } from './rule';
import { fargateItem, fargateRule } from './fargateRule';

export const fargateNetworkModeRule = fargateRule(
  AWS_DOCS.networking,
  [['ECS104', 'Fargate requires awsvpc network mode']],
  ({ td, report }) => {
    const p = td.property('networkMode');
    if (p?.value) {
      if (td.networkMode !== undefined && td.networkMode !== 'awsvpc') {
        report(
          'ECS104',
          p.value,
          `networkMode "${td.networkMode}" is not supported on Fargate; Fargate requires "awsvpc".`,
          {
            fix: 'replaceValue',
            path: [...td.path, 'networkMode'],
            values: ['awsvpc'],
          },
        );
      }
      return;
    }
    const fargate = fargateItem(td);
    if (fargate) {
      report(
        'ECS104',
        fargate,
        'Fargate requires networkMode "awsvpc", but networkMode is not set (the default is "bridge").',
        {
          fix: 'addProperties',
          path: [...td.path],
          properties: { networkMode: 'awsvpc' },
        },
      );
    }
  },
);

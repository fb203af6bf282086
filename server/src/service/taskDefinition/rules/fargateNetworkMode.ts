/** ECS104 — Fargate tasks need networkMode awsvpc (fact 4, cfn-lint E3048). */
import { itemsOf } from '../../core/properties';
import { AWS_DOCS, type Rule } from './rule';

export const fargateNetworkModeRule: Rule = {
  meta: [
    {
      code: 'ECS104',
      title: 'Fargate requires awsvpc network mode',
      severity: 'error',
      awsDocs: AWS_DOCS.networking,
    },
  ],
  check({ td, report }) {
    if (!td.isFargate) return;
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
    const fargate = itemsOf(td.property('requiresCompatibilities')?.value).find((n) => n.value === 'FARGATE');
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
};

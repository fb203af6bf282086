/** placementConstraints (fact 12): ECS112 more than 10; ECS212 any on Fargate. */
import { AWS_DOCS, type Rule } from './rule';

export const placementConstraintsRule: Rule = {
  meta: [
    {
      code: 'ECS112',
      title: 'Too many placement constraints',
      severity: 'error',
      awsDocs: AWS_DOCS.placementConstraints,
    },
    {
      code: 'ECS212',
      title: 'Placement constraints not supported on Fargate',
      severity: 'error',
      awsDocs: AWS_DOCS.placementConstraints,
    },
  ],
  check({ td, report }) {
    const p = td.property('placementConstraints');
    if (p?.value?.type !== 'array') return;
    const n = p.value.children?.length ?? 0;
    if (td.isFargate && n > 0) {
      report(
        'ECS212',
        p.key,
        'Placement constraints are not supported on Fargate; remove them (they apply to EC2 container instances).',
        {
          fix: 'removeProperty',
          path: [...td.path, 'placementConstraints'],
        },
      );
    } else if (n > 10) {
      report(
        'ECS112',
        p.key,
        `${n} placement constraints; at most 10 are allowed (including those given at run time).`,
      );
    }
  },
};

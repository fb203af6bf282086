/** placementConstraints (fact 12): ECS112 more than 10; ECS212 any on Fargate. */
import { AWS_DOCS, type Rule } from './rule';
import { metaOnPage } from '../../core/ruleMetaTable';

export const placementConstraintsRule: Rule = {
  meta: metaOnPage(AWS_DOCS.placementConstraints, [
    ['ECS112', 'Too many placement constraints'],
    ['ECS212', 'Placement constraints not supported on Fargate'],
  ]),
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

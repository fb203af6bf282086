/** ECS117 — at most one volume with configuredAtLaunch (fact 17). */
import { valueOf } from '../../core/properties';
import { AWS_DOCS, type Rule } from './rule';

export const configuredAtLaunchRule: Rule = {
  meta: [
    {
      code: 'ECS117',
      title: 'More than one volume configured at launch',
      severity: 'error',
      awsDocs: AWS_DOCS.volumes,
    },
  ],
  check({ td, report }) {
    let first: string | undefined;
    for (const v of td.volumes) {
      const node = valueOf(v.node, 'configuredAtLaunch');
      if (node?.value !== true) continue;
      if (first === undefined) {
        first = v.name ?? `#${v.index + 1}`;
        continue;
      }
      report(
        'ECS117',
        node,
        `Only one volume may set configuredAtLaunch: true; volume "${first}" already does.`,
      );
    }
  },
};

/** ECS117 — at most one volume with configuredAtLaunch (fact 17). */
import { valueOf } from '../../core/properties';
import { AWS_DOCS, type Rule } from './rule';
import { metaOnPage } from '../../core/ruleMetaTable';

export const configuredAtLaunchRule: Rule = {
  meta: metaOnPage(AWS_DOCS.volumes, [['ECS117', 'More than one volume configured at launch']]),
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

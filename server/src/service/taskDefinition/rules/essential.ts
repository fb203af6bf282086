/** ECS120 — at least one container is essential; `essential` defaults to true (fact 20, cfn-lint E3042). */
import { valueOf } from '../../core/properties';
import { AWS_DOCS, type Rule } from './rule';
import { metaOnPage } from '../../core/ruleMetaTable';

export const essentialRule: Rule = {
  meta: metaOnPage(AWS_DOCS.containerDefinition, [['ECS120', 'No essential container']]),
  check({ td, report }) {
    const objects = td.containers.filter((c) => c.node.type === 'object');
    if (objects.length === 0) return;
    const flags = objects.map((c) => valueOf(c.node, 'essential'));
    if (flags.some((f) => f?.type !== 'boolean' || f.value !== false)) return;
    const first = flags[0];
    if (!first) return;
    report(
      'ECS120',
      first,
      'Every container has essential: false; at least one container must be essential (essential defaults to true).',
      {
        fix: 'replaceValue',
        path: [...(objects[0]?.path ?? []), 'essential'],
        values: [true],
      },
    );
  },
};

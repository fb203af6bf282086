/** ECS102 — a task definition has 1 to 10 containers (fact 2; the 10 is a quota that cannot be raised). */
import { AWS_DOCS, type Rule } from './rule';
import { metaOnPage } from '../../core/ruleMetaTable';

export const MAX_CONTAINERS = 10;

export const containerCountRule: Rule = {
  meta: metaOnPage(AWS_DOCS.quotas, [['ECS102', 'Too few or too many containers']]),
  check({ td, report }) {
    const p = td.property('containerDefinitions');
    if (p?.value?.type !== 'array') return;
    const n = td.containers.length;
    if (n === 0) {
      report('ECS102', p.value, 'containerDefinitions is empty; a task definition needs 1 to 10 containers.');
    } else if (n > MAX_CONTAINERS) {
      const extra = td.containers[MAX_CONTAINERS];
      report(
        'ECS102',
        extra?.nameNode ?? p.key,
        `${n} containers: a task definition holds at most ${MAX_CONTAINERS} (a quota that cannot be raised); move some to another task definition.`,
      );
    }
  },
};

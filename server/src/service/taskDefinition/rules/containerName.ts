/** Container names (fact 18): ECS118 missing or invalid; ECS218 not unique in the task. */
import { AWS_DOCS, type Rule } from './rule';
import { metaOnPage } from '../../core/ruleMetaTable';
import { NAME_PATTERN } from './family';

export const containerNameRule: Rule = {
  meta: metaOnPage(AWS_DOCS.containerDefinition, [
    ['ECS118', 'Container name missing or invalid'],
    ['ECS218', 'Duplicate container name'],
  ]),
  check({ td, report }) {
    const seen = new Set<string>();
    for (const c of td.containers) {
      if (c.node.type !== 'object') continue;
      const p = c.property('name');
      if (!p) {
        report(
          'ECS118',
          { offset: c.node.offset, length: 1 },
          'Container has no `name`; every container needs one (1 to 255 letters, digits, _ and -).',
        );
        continue;
      }
      if (c.name === undefined || !c.nameNode) continue;
      if (!NAME_PATTERN.test(c.name)) {
        report(
          'ECS118',
          c.nameNode,
          `Container name "${c.name}" is not valid; allowed: 1 to 255 letters, digits, underscores (_) and hyphens (-).`,
        );
      } else if (seen.has(c.name)) {
        report(
          'ECS218',
          c.nameNode,
          `Container name "${c.name}" is already used in this task; container names must be unique.`,
        );
      }
      seen.add(c.name);
    }
  },
};

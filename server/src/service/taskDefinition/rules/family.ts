/** ECS101 — `family`: up to 255 letters, digits, `_` and `-` (fact 1). */
import { stringOf } from '../../core/properties';
import { AWS_DOCS, type Rule } from './rule';
import { metaOnPage } from '../../core/ruleMetaTable';

export const NAME_PATTERN = /^[A-Za-z0-9_-]{1,255}$/;

export const familyRule: Rule = {
  meta: metaOnPage(AWS_DOCS.register, [['ECS101', 'Invalid family name']]),
  check({ td, report }) {
    const node = td.property('family')?.value;
    const family = stringOf(node);
    if (node && family !== undefined && !NAME_PATTERN.test(family)) {
      const what =
        family.length === 0
          ? 'is empty'
          : family.length > 255
            ? `has ${family.length} characters`
            : 'has characters that are not allowed';
      report(
        'ECS101',
        node,
        `Family ${what}; allowed: 1 to 255 letters, digits, underscores (_) and hyphens (-).`,
      );
    }
  },
};

/** ECS113 — ephemeralStorage.sizeInGiB: 21 to 200 (fact 13). */
import { numberOf, valueOf } from '../../core/properties';
import { AWS_DOCS, type Rule } from './rule';
import { metaOnPage } from '../../core/ruleMetaTable';

export const ephemeralStorageRule: Rule = {
  meta: metaOnPage(AWS_DOCS.ephemeralStorage, [['ECS113', 'Ephemeral storage size out of range']]),
  check({ td, report }) {
    const node = valueOf(td.property('ephemeralStorage')?.value, 'sizeInGiB');
    const size = numberOf(node);
    if (node && size !== undefined && (size < 21 || size > 200 || !Number.isInteger(size))) {
      report(
        'ECS113',
        node,
        `ephemeralStorage.sizeInGiB ${size} is out of range; allowed: a whole number from 21 to 200 GiB.`,
        {
          fix: 'replaceValue',
          path: [...td.path, 'ephemeralStorage', 'sizeInGiB'],
          values: [Math.min(200, Math.max(21, Math.round(size)))],
        },
      );
    }
  },
};

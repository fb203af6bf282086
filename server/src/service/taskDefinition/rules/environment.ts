/** Environment (fact 32): ECS132 variable name repeated in a container; ECS232 environmentFiles over 10 or not an S3 .env object. */
import { itemsOf, stringMember, stringOf } from '../../core/properties';
import { AWS_DOCS, type Rule } from './rule';
import { metaTable } from '../../core/ruleMetaTable';

const S3_ENV_FILE = /^arn:aws[a-z-]*:s3:::[^/]+\/.+\.env$/;

export const environmentRule: Rule = {
  meta: metaTable([
    ['ECS132', 'warning', 'Duplicate environment variable', AWS_DOCS.containerDefinition],
    ['ECS232', 'error', 'Invalid environment files', AWS_DOCS.environmentFiles],
  ]),
  check({ td, report }) {
    for (const c of td.containers) {
      const seen = new Set<string>();
      for (const e of itemsOf(c.property('environment')?.value)) {
        // Hot on long environments: read the first `name` property directly.
        const node = e.children?.find((p) => p.children?.[0]?.value === 'name')?.children?.[1];
        const name = stringOf(node);
        if (!node || name === undefined) continue;
        if (seen.has(name)) {
          report(
            'ECS132',
            node,
            `Environment variable "${name}" is already set in this container; only one value takes effect. Names must be unique per container.`,
          );
        }
        seen.add(name);
      }
      const files = c.property('environmentFiles');
      const items = itemsOf(files?.value);
      if (files && items.length > 10) {
        report(
          'ECS232',
          files.key,
          `${items.length} environment files; at most 10 are allowed per container.`,
        );
      }
      for (const f of items) {
        const file = stringMember(f, 'value');
        if (file && !S3_ENV_FILE.test(file.value)) {
          report(
            'ECS232',
            file.node,
            `Environment file "${file.value}" must be the ARN of an S3 object whose name ends in .env (arn:aws:s3:::bucket/path/file.env).`,
          );
        }
      }
    }
  },
};

/** ECS116 — describe output carries read-only fields that RegisterTaskDefinition rejects (fact 16). */
import { READ_ONLY_TASK_DEFINITION_FIELDS } from '../readOnlyFieldNames';
import { AWS_DOCS, type Rule } from './rule';
import { metaOnPage } from '../../core/ruleMetaTable';

/** Fields `describe-task-definition` returns that `register-task-definition` does not accept. */
export const READ_ONLY_FIELDS: ReadonlySet<string> = new Set(READ_ONLY_TASK_DEFINITION_FIELDS);

export const readOnlyFieldsRule: Rule = {
  meta: metaOnPage(AWS_DOCS.describe, [
    ['ECS116', 'Read-only field from describe-task-definition output', 'warning'],
  ]),
  check({ td, report }) {
    for (const name of READ_ONLY_FIELDS) {
      const p = td.property(name);
      if (!p) continue;
      report(
        'ECS116',
        p.key,
        `\`${name}\` is a read-only field of describe-task-definition output; register-task-definition rejects it. Remove it before registering this file.`,
        { fix: 'removeProperty', path: [...td.path, name] },
      );
    }
  },
};

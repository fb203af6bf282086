/** ECS130 — secrets[].valueFrom: a Secrets Manager or SSM parameter ARN, or an SSM parameter name (fact 30). */
import type { Node } from 'jsonc-parser';
import { itemsOf, stringMember, valueOf } from '../../core/properties';
import { AWS_DOCS, type Rule } from './rule';
import { metaOnPage } from '../../core/ruleMetaTable';

// Region and account are not checked character by character: samples carry placeholders.
const SECRETS_MANAGER = /^arn:aws[a-z-]*:secretsmanager:[^:\s]+:[^:\s]+:secret:[^:]+(:[^:]*:[^:]*:[^:]*)?$/;
const SSM_ARN = /^arn:aws[a-z-]*:ssm:[^:\s]+:[^:\s]+:parameter\/?[a-zA-Z0-9_.\-/]+$/;
const SSM_NAME = /^[a-zA-Z0-9_.\-/]{1,2048}$/;

/** True when `valueFrom` is a form ECS can resolve. */
export function isValidValueFrom(value: string): boolean {
  if (value.startsWith('arn:')) return SECRETS_MANAGER.test(value) || SSM_ARN.test(value);
  return SSM_NAME.test(value);
}

export const secretsRule: Rule = {
  meta: metaOnPage(AWS_DOCS.secrets, [['ECS130', 'Invalid secret reference', 'warning']]),
  check({ td, report }) {
    for (const c of td.containers) {
      const lists: (Node | undefined)[] = [
        c.property('secrets')?.value,
        valueOf(c.property('logConfiguration')?.value, 'secretOptions'),
      ];
      for (const list of lists) {
        for (const s of itemsOf(list)) {
          const ref = stringMember(s, 'valueFrom');
          if (ref && !isValidValueFrom(ref.value)) {
            report(
              'ECS130',
              ref.node,
              `valueFrom "${ref.value}" is not a secret reference ECS can resolve; allowed: a Secrets Manager secret ARN (optionally with :json-key:version-stage:version-id), an SSM parameter ARN, or an SSM parameter name in the task's Region.`,
            );
          }
        }
      }
    }
  },
};

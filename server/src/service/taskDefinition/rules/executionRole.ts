/**
 * Execution role (fact 31): ECS131 executionRoleArn missing where ECS needs it (secrets, secretOptions,
 * repositoryCredentials; awslogs and private ECR images on Fargate); ECS231 malformed role ARN.
 */
import { presentProperty } from '../../core/absent';
import type { Node } from 'jsonc-parser';
import { stringOf, valueOf } from '../../core/properties';
import { AWS_DOCS, type Rule } from './rule';
import { metaOnPage } from '../../core/ruleMetaTable';

// The account is not checked digit by digit: samples carry placeholders (XXXXXXXXXXXX, aws_account_id).
const ROLE_ARN = /^arn:aws[a-z-]*:iam::[^:/\s]+:role\/[\w+=,.@\-/]+$/;
const PRIVATE_ECR = /^\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\//;

export const executionRoleRule: Rule = {
  meta: metaOnPage(AWS_DOCS.executionRole, [
    ['ECS131', 'Execution role required'],
    ['ECS231', 'Malformed IAM role ARN', 'warning'],
  ]),
  check({ td, report }) {
    for (const name of ['executionRoleArn', 'taskRoleArn']) {
      const node = td.property(name)?.value;
      const value = stringOf(node);
      // Both take a bare role name (ECS resolves it in the account); only ARNs can be checked.
      if (node && value !== undefined && value.startsWith('arn:') && !ROLE_ARN.test(value)) {
        report(
          'ECS231',
          node,
          `${name} "${value}" is not an IAM role ARN; expected arn:aws:iam::123456789012:role/NAME.`,
        );
      }
    }
    if (presentProperty(td.node, 'executionRoleArn')) return;
    for (const c of td.containers) {
      const needs: { node: Node; why: string }[] = [];
      const secrets = presentProperty(c.node, 'secrets');
      if (secrets) needs.push({ node: secrets.key, why: 'to read its secrets' });
      const creds = presentProperty(c.node, 'repositoryCredentials');
      if (creds) needs.push({ node: creds.key, why: 'to read the registry credentials' });
      const lc = c.property('logConfiguration')?.value;
      const secretOptions =
        lc?.type === 'object'
          ? lc.children?.find((p) => p.children?.[0]?.value === 'secretOptions')?.children?.[0]
          : undefined;
      if (secretOptions && presentProperty(lc, 'secretOptions'))
        needs.push({ node: secretOptions, why: 'to read the log driver secrets' });
      if (td.isFargate) {
        const driver = valueOf(lc, 'logDriver');
        if (driver && stringOf(driver) === 'awslogs')
          needs.push({ node: driver, why: 'to send awslogs logs on Fargate' });
        const image = valueOf(c.node, 'image');
        if (image && PRIVATE_ECR.test(stringOf(image) ?? ''))
          needs.push({ node: image, why: 'to pull a private ECR image on Fargate' });
      }
      for (const n of needs) {
        report(
          'ECS131',
          n.node,
          `The task needs an executionRoleArn ${n.why}; add "executionRoleArn" (e.g. arn:aws:iam::123456789012:role/ecsTaskExecutionRole).`,
          {
            fix: 'addProperties',
            path: [...td.path],
            properties: { executionRoleArn: null },
          },
        );
      }
    }
  },
};

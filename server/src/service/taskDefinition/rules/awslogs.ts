/**
 * The awslogs log driver (fact 29, cfn-lint E3046): ECS129 required options missing (group, Region,
 * stream prefix on Fargate); ECS229 datetime-format and multiline-pattern together; ECS329 invalid
 * mode; ECS429 invalid log group name.
 */
import { propertyOf, stringMember, stringOf, valueOf } from '../../core/properties';
import { AWS_DOCS, type Rule } from './rule';
import { metaOnPage } from '../../core/ruleMetaTable';

const LOG_GROUP = /^[.\-_/#A-Za-z0-9]{1,512}$/;

export const awslogsRule: Rule = {
  meta: metaOnPage(AWS_DOCS.awslogs, [
    ['ECS129', 'awslogs option missing'],
    ['ECS229', 'awslogs datetime-format and multiline-pattern are exclusive'],
    ['ECS329', 'Invalid awslogs mode'],
    ['ECS429', 'Invalid CloudWatch log group name'],
  ]),
  check(ctx) {
    // `ctx.isTemplate()` is read only when needed: it scans the whole text.
    const { td, report, pipelineFilled } = ctx;
    const family = stringOf(td.property('family')?.value);
    for (const c of td.containers) {
      const lc = c.property('logConfiguration')?.value;
      const driverNode = valueOf(lc, 'logDriver');
      if (stringOf(driverNode) !== 'awslogs' || !driverNode) continue;
      const optionsP = propertyOf(lc, 'options');
      const options = optionsP?.value;
      if (options && options.type !== 'object') continue;
      const required = [
        'awslogs-group',
        'awslogs-region',
        ...(td.isFargate ? ['awslogs-stream-prefix'] : []),
      ];
      const missing = required.filter((k) => !propertyOf(options, k));
      // The pipeline writes the log options (render-task-definition's log-configuration-options).
      if (missing.length && !pipelineFilled.has('logConfiguration')) {
        if (missing.length === required.length && ctx.isTemplate()) {
          // No options at all in a template: render-task-definition's log-configuration-options.
          report(
            'ECS005',
            optionsP?.key ?? driverNode,
            `awslogs has no options here: this looks like a file a pipeline fills (e.g. amazon-ecs-render-task-definition's log-configuration-options). If so, add "logConfiguration" to ecsWorkbench.pipelineFilledFields (ecs-lint --pipeline-filled logConfiguration); otherwise add ${missing.map((k) => `"${k}"`).join(', ')}.`,
          );
          continue;
        }
        const defaults: Record<string, string | null> = {
          'awslogs-group': `/ecs/${family ?? c.name ?? 'app'}`,
          'awslogs-region': null,
          'awslogs-stream-prefix': 'ecs',
        };
        const properties: Record<string, string | null> = {};
        for (const k of missing) properties[k] = defaults[k] ?? null;
        report(
          'ECS129',
          optionsP?.key ?? driverNode,
          `awslogs needs ${missing.map((k) => `"${k}"`).join(', ')} in logConfiguration.options (required: awslogs-group, awslogs-region${td.isFargate ? ', and awslogs-stream-prefix on Fargate' : ''}).`,
          { fix: 'addProperties', path: [...c.path, 'logConfiguration', 'options'], properties },
        );
      }
      if (!options) continue;
      if (
        propertyOf(options, 'awslogs-datetime-format') &&
        propertyOf(options, 'awslogs-multiline-pattern')
      ) {
        const second = propertyOf(options, 'awslogs-multiline-pattern');
        if (second) {
          report(
            'ECS229',
            second.key,
            'awslogs-datetime-format and awslogs-multiline-pattern cannot both be set; keep one (multiline-pattern is ignored when both are given).',
            {
              fix: 'removeProperty',
              path: [...c.path, 'logConfiguration', 'options', 'awslogs-multiline-pattern'],
            },
          );
        }
      }
      const mode = stringMember(options, 'mode');
      if (mode && mode.value !== 'blocking' && mode.value !== 'non-blocking') {
        report(
          'ECS329',
          mode.node,
          `awslogs mode "${mode.value}" is not valid; allowed: blocking, non-blocking.`,
          {
            fix: 'replaceValue',
            path: [...c.path, 'logConfiguration', 'options', 'mode'],
            values: ['non-blocking', 'blocking'],
          },
        );
      }
      const group = stringMember(options, 'awslogs-group');
      if (group && !LOG_GROUP.test(group.value)) {
        report(
          'ECS429',
          group.node,
          `Log group name "${group.value}" is not valid; allowed: 1 to 512 letters, digits and . - _ / #.`,
        );
      }
    }
  },
};

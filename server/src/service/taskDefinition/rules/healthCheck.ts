/** Health checks (fact 26): ECS126 command not starting with CMD/CMD-SHELL; ECS226 timing out of range. */
import { itemsOf, numberOf, stringOf, valueOf } from '../../core/properties';
import { AWS_DOCS, type Rule } from './rule';
import { metaOnPage } from '../../core/ruleMetaTable';

const RANGES = [
  { name: 'interval', min: 5, max: 300, unit: ' seconds' },
  { name: 'timeout', min: 2, max: 60, unit: ' seconds' },
  { name: 'retries', min: 1, max: 10, unit: '' },
  { name: 'startPeriod', min: 0, max: 300, unit: ' seconds' },
] as const;

export const healthCheckRule: Rule = {
  meta: metaOnPage(AWS_DOCS.healthCheck, [
    ['ECS126', 'Health check command must start with CMD or CMD-SHELL'],
    ['ECS226', 'Health check timing out of range'],
  ]),
  check({ td, report }) {
    for (const c of td.containers) {
      const hc = c.property('healthCheck')?.value;
      if (hc?.type !== 'object') continue;
      const command = valueOf(hc, 'command');
      if (command?.type === 'array') {
        const first = itemsOf(command)[0];
        const head = stringOf(first);
        if (!first) {
          report(
            'ECS126',
            command,
            'healthCheck.command is empty; start it with "CMD" (run directly) or "CMD-SHELL" (run in a shell), e.g. ["CMD-SHELL", "curl -f http://localhost/ || exit 1"].',
          );
        } else if (head !== 'CMD' && head !== 'CMD-SHELL') {
          report(
            'ECS126',
            first,
            `healthCheck.command starts with ${JSON.stringify(head ?? first.value)}; the first element must be "CMD" or "CMD-SHELL".`,
            {
              fix: 'replaceValue',
              path: [...c.path, 'healthCheck', 'command', 0],
              values: ['CMD-SHELL', 'CMD'],
            },
          );
        }
      }
      for (const r of RANGES) {
        const node = valueOf(hc, r.name);
        const v = numberOf(node);
        if (node && v !== undefined && (v < r.min || v > r.max)) {
          report(
            'ECS226',
            node,
            `healthCheck.${r.name} ${v} is out of range; allowed: ${r.min} to ${r.max}${r.unit}.`,
            {
              fix: 'replaceValue',
              path: [...c.path, 'healthCheck', r.name],
              values: [Math.min(r.max, Math.max(r.min, v))],
            },
          );
        }
      }
    }
  },
};

/**
 * Container memory limits (fact 21): ECS121 memory below memoryReservation; ECS321 equal to it
 * (a warning: the docs say "greater", a rejection of equal values is not documented); ECS221 under 6 MiB.
 */
import { numberOf, valueOf } from '../../core/properties';
import { AWS_DOCS, type Rule } from './rule';
import { metaOnPage } from '../../core/ruleMetaTable';

export const containerMemoryLimitsRule: Rule = {
  meta: metaOnPage(AWS_DOCS.containerDefinition, [
    ['ECS121', 'Container memory below memoryReservation'],
    ['ECS321', 'Container memory equal to memoryReservation', 'warning'],
    ['ECS221', 'Container memory below 6 MiB', 'warning'],
  ]),
  check({ td, report }) {
    for (const c of td.containers) {
      const memNode = valueOf(c.node, 'memory');
      const resNode = valueOf(c.node, 'memoryReservation');
      const memory = numberOf(memNode);
      const reservation = numberOf(resNode);
      if (memory !== undefined && reservation !== undefined && memNode && memory < reservation) {
        report(
          'ECS121',
          memNode,
          `Container memory ${memory} MiB is below memoryReservation ${reservation} MiB: the hard limit cannot be under the soft limit.`,
        );
      } else if (memory !== undefined && memory === reservation && memNode) {
        // The API reference says "greater than", but no rejection of equal values is documented or was
        // observed in the corpus: uncertain, so a warning, never an error.
        report(
          'ECS321',
          memNode,
          `Container memory equals memoryReservation (${memory} MiB): the reservation then buys no headroom, and the API reference asks for memory greater than memoryReservation. Remove memoryReservation or raise memory.`,
        );
      }
      for (const [name, node, value] of [
        ['memory', memNode, memory],
        ['memoryReservation', resNode, reservation],
      ] as const) {
        if (node && value !== undefined && value < 6) {
          report(
            'ECS221',
            node,
            `Container ${name} ${value} MiB is below the 6 MiB minimum Docker accepts; allowed: 6 MiB or more.`,
            {
              fix: 'replaceValue',
              path: [...c.path, name],
              values: [6],
            },
          );
        }
      }
    }
  },
};

/**
 * Port mapping names (fact 23): ECS123 invalid name; ECS223 name used twice in the task; ECS323
 * appProtocol without a name (appProtocol is for Service Connect, which finds ports by name).
 */
import { presentProperty } from '../../core/absent';
import { stringOf } from '../../core/properties';
import { AWS_DOCS, type Rule } from './rule';
import { metaOnPage } from '../../core/ruleMetaTable';

const PORT_NAME = /^[a-z0-9_][a-z0-9_-]{0,63}$/;

export const portNamesRule: Rule = {
  meta: metaOnPage(AWS_DOCS.portMapping, [
    ['ECS123', 'Invalid port mapping name'],
    ['ECS223', 'Duplicate port mapping name'],
    ['ECS323', 'appProtocol without a port name'],
  ]),
  check({ td, report }) {
    const seen = new Set<string>();
    for (const c of td.containers) {
      for (const p of c.portMappings) {
        const nameNode = p.property('name')?.value;
        const name = stringOf(nameNode);
        if (nameNode && name !== undefined) {
          if (!PORT_NAME.test(name)) {
            report(
              'ECS123',
              nameNode,
              `Port name "${name}" is not valid; allowed: 1 to 64 lowercase letters, digits, _ and -, not starting with -.`,
            );
          } else if (seen.has(name)) {
            report(
              'ECS223',
              nameNode,
              `Port name "${name}" is already used in this task; port names must be unique across all containers.`,
            );
          }
          seen.add(name);
        }
        // `"appProtocol": ""` (ecspresso exports) sets nothing.
        const app = presentProperty(p.node, 'appProtocol');
        if (app && !nameNode) {
          report(
            'ECS323',
            app.key,
            'appProtocol needs a port `name` (Service Connect finds the port by name); add a name or remove appProtocol.',
          );
        }
      }
    }
  },
};

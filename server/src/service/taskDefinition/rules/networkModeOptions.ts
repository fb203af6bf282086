/** Network-mode dependent container options (fact 24): ECS124 links outside bridge; ECS224 hostname/extraHosts in awsvpc. */
import { presentProperty } from '../../core/absent';
import { AWS_DOCS, NETWORK_MODES, type Rule } from './rule';
import { metaOnPage } from '../../core/ruleMetaTable';

export const networkModeOptionsRule: Rule = {
  meta: metaOnPage(AWS_DOCS.containerDefinition, [
    ['ECS124', 'links only in bridge mode'],
    ['ECS224', 'hostname/extraHosts not in awsvpc mode'],
  ]),
  check({ td, report }) {
    // On Fargate these options are reported by ECS134 (not valid on Fargate at all).
    if (td.isFargate) return;
    const mode = td.networkMode ?? 'bridge';
    // An unknown mode is ECS013's finding; judging options against it would only repeat it.
    if (!NETWORK_MODES.includes(mode)) return;
    for (const c of td.containers) {
      const links = presentProperty(c.node, 'links');
      if (links && mode !== 'bridge') {
        report(
          'ECS124',
          links.key,
          `links are only supported with networkMode "bridge", not "${mode}"; containers in ${mode} mode reach each other over localhost or the network.`,
          {
            fix: 'removeProperty',
            path: [...c.path, 'links'],
          },
        );
      }
      if (mode !== 'awsvpc') continue;
      for (const name of ['hostname', 'extraHosts']) {
        const p = presentProperty(c.node, name);
        if (p) {
          report('ECS224', p.key, `${name} is not supported with networkMode "awsvpc"; remove it.`, {
            fix: 'removeProperty',
            path: [...c.path, name],
          });
        }
      }
    }
  },
};

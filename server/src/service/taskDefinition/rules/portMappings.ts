/**
 * Port mappings and the network mode (fact 22, cfn-lint E3053): ECS122 hostPort differs from
 * containerPort in awsvpc/host mode; ECS222 port mappings in `none` mode; ECS322 containerPortRange
 * outside bridge/awsvpc or together with hostPort.
 */
import { numberOf, valueOf } from '../../core/properties';
import { AWS_DOCS, NETWORK_MODES, type Rule } from './rule';
import { metaOnPage } from '../../core/ruleMetaTable';

export const portMappingsRule: Rule = {
  meta: metaOnPage(AWS_DOCS.portMapping, [
    ['ECS122', 'hostPort must equal containerPort in awsvpc/host mode'],
    ['ECS222', 'Port mappings in none network mode'],
    ['ECS322', 'containerPortRange not allowed here'],
  ]),
  check({ td, report }) {
    const mode = td.networkMode ?? (td.isFargate ? 'awsvpc' : 'bridge');
    // An unknown mode is ECS013's finding; judging ports against it would only repeat it.
    if (!NETWORK_MODES.includes(mode)) return;
    for (const c of td.containers) {
      const pm = c.property('portMappings');
      if (mode === 'none' && pm && c.portMappings.length > 0) {
        report(
          'ECS222',
          pm.key,
          'Port mappings are not allowed with networkMode "none" (the task has no network); remove them or change networkMode.',
          {
            fix: 'removeProperty',
            path: [...c.path, 'portMappings'],
          },
        );
        continue;
      }
      for (const p of c.portMappings) {
        const hostNode = valueOf(p.node, 'hostPort');
        const containerPort = numberOf(valueOf(p.node, 'containerPort'));
        const hostPort = numberOf(hostNode);
        const range = p.property('containerPortRange');
        if (
          (mode === 'awsvpc' || mode === 'host') &&
          hostNode &&
          hostPort !== undefined &&
          hostPort !== containerPort
        ) {
          report(
            'ECS122',
            hostNode,
            containerPort !== undefined
              ? `hostPort ${hostPort} must equal containerPort ${containerPort} in ${mode} mode (or be omitted).`
              : `hostPort must be omitted in ${mode} mode unless it equals containerPort.`,
            containerPort !== undefined
              ? { fix: 'replaceValue', path: [...p.path, 'hostPort'], values: [containerPort] }
              : { fix: 'removeProperty', path: [...p.path, 'hostPort'] },
          );
        }
        if (range) {
          if (mode === 'host' || mode === 'none') {
            report(
              'ECS322',
              range.key,
              `containerPortRange is not supported in ${mode} mode; allowed only with networkMode bridge or awsvpc.`,
            );
          } else if (hostNode) {
            report(
              'ECS322',
              p.property('hostPort')?.key ?? hostNode,
              'hostPort cannot be set together with containerPortRange; remove hostPort (ECS assigns the host ports).',
              {
                fix: 'removeProperty',
                path: [...p.path, 'hostPort'],
              },
            );
          }
        }
      }
    }
  },
};

/** ECS134 — container options not valid on Fargate (fact 34). */
import { presentProperty } from '../../core/absent';
import { AWS_DOCS, type Rule } from './rule';

const NOT_ON_FARGATE = [
  'privileged',
  'dockerSecurityOptions',
  'disableNetworking',
  'dnsServers',
  'dnsSearchDomains',
  'extraHosts',
  'hostname',
  'links',
];

export const fargateContainerOptionsRule: Rule = {
  meta: [
    {
      code: 'ECS134',
      title: 'Container option not valid on Fargate',
      severity: 'error',
      awsDocs: AWS_DOCS.fargateParameters,
    },
  ],
  check({ td, report }) {
    if (!td.isFargate) return;
    for (const c of td.containers) {
      for (const name of NOT_ON_FARGATE) {
        // `privileged: false`, `links: []`, `hostname: null` use nothing.
        const p = presentProperty(c.node, name);
        if (p) {
          report(
            'ECS134',
            p.key,
            `${name} is not supported on Fargate; remove it (not valid on Fargate: ${NOT_ON_FARGATE.join(', ')}).`,
            {
              fix: 'removeProperty',
              path: [...c.path, name],
            },
          );
        }
      }
    }
  },
};

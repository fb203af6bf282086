/** ECS134 — container options not valid on Fargate (fact 34). */
import { AWS_DOCS } from './rule';
import { fargateContainerRule, reportPresentMembers } from './fargateRule';

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

export const fargateContainerOptionsRule = fargateContainerRule(
  AWS_DOCS.fargateParameters,
  [['ECS134', 'Container option not valid on Fargate']],
  (c, ctx) =>
    reportPresentMembers(
      ctx,
      'ECS134',
      c.node,
      c.path,
      NOT_ON_FARGATE,
      (name) =>
        `${name} is not supported on Fargate; remove it (not valid on Fargate: ${NOT_ON_FARGATE.join(', ')}).`,
    ),
);

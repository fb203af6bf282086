/** linuxParameters on Fargate (fact 33): ECS133 unsupported members; ECS233 capabilities other than SYS_PTRACE added. */
import { itemsOf, propertyOf, stringOf } from '../../core/properties';
import { AWS_DOCS } from './rule';
import { fargateContainerRule, reportPresentMembers } from './fargateRule';

const NOT_ON_FARGATE = ['devices', 'sharedMemorySize', 'tmpfs', 'maxSwap', 'swappiness'];

export const fargateLinuxParametersRule = fargateContainerRule(
  AWS_DOCS.linuxParameters,
  [
    ['ECS133', 'linuxParameters member not supported on Fargate'],
    ['ECS233', 'Capability not supported on Fargate'],
  ],
  (c, ctx) => {
    const lp = c.property('linuxParameters')?.value;
    if (lp?.type !== 'object') return;
    reportPresentMembers(
      ctx,
      'ECS133',
      lp,
      [...c.path, 'linuxParameters'],
      NOT_ON_FARGATE,
      (name) =>
        `linuxParameters.${name} is not supported on Fargate; remove it (not allowed on Fargate: ${NOT_ON_FARGATE.join(', ')}).`,
    );
    for (const cap of itemsOf(propertyOf(propertyOf(lp, 'capabilities')?.value, 'add')?.value)) {
      const value = stringOf(cap);
      if (value !== undefined && value !== 'SYS_PTRACE') {
        ctx.report(
          'ECS233',
          cap,
          `Capability ${value} cannot be added on Fargate; only SYS_PTRACE is allowed.`,
        );
      }
    }
  },
);

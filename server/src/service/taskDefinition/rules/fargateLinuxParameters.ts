/** linuxParameters on Fargate (fact 33): ECS133 unsupported members; ECS233 capabilities other than SYS_PTRACE added. */
import { presentProperty } from '../../core/absent';
import { itemsOf, propertyOf, stringOf } from '../../core/properties';
import { AWS_DOCS, type Rule } from './rule';

const NOT_ON_FARGATE = ['devices', 'sharedMemorySize', 'tmpfs', 'maxSwap', 'swappiness'];

export const fargateLinuxParametersRule: Rule = {
  meta: [
    {
      code: 'ECS133',
      title: 'linuxParameters member not supported on Fargate',
      severity: 'error',
      awsDocs: AWS_DOCS.linuxParameters,
    },
    {
      code: 'ECS233',
      title: 'Capability not supported on Fargate',
      severity: 'error',
      awsDocs: AWS_DOCS.linuxParameters,
    },
  ],
  check({ td, report }) {
    if (!td.isFargate) return;
    for (const c of td.containers) {
      const lp = c.property('linuxParameters')?.value;
      if (lp?.type !== 'object') continue;
      for (const name of NOT_ON_FARGATE) {
        const p = presentProperty(lp, name);
        if (p) {
          report(
            'ECS133',
            p.key,
            `linuxParameters.${name} is not supported on Fargate; remove it (not allowed on Fargate: ${NOT_ON_FARGATE.join(', ')}).`,
            {
              fix: 'removeProperty',
              path: [...c.path, 'linuxParameters', name],
            },
          );
        }
      }
      for (const cap of itemsOf(propertyOf(propertyOf(lp, 'capabilities')?.value, 'add')?.value)) {
        const value = stringOf(cap);
        if (value !== undefined && value !== 'SYS_PTRACE') {
          report(
            'ECS233',
            cap,
            `Capability ${value} cannot be added on Fargate; only SYS_PTRACE is allowed.`,
          );
        }
      }
    }
  },
};

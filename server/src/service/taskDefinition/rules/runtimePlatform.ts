/** ECS136 — runtimePlatform: ARM64 is Linux only (fact 36). */
import { stringOf, valueOf } from '../../core/properties';
import { AWS_DOCS, type Rule } from './rule';
import { metaOnPage } from '../../core/ruleMetaTable';

export const runtimePlatformRule: Rule = {
  meta: metaOnPage(AWS_DOCS.runtimePlatform, [['ECS136', 'ARM64 is Linux only']]),
  check({ td, report }) {
    const arch = valueOf(td.property('runtimePlatform')?.value, 'cpuArchitecture');
    if (arch && stringOf(arch) === 'ARM64' && td.isWindows) {
      report(
        'ECS136',
        arch,
        'cpuArchitecture ARM64 is only available for Linux; Windows tasks run on X86_64.',
        {
          fix: 'replaceValue',
          path: [...td.path, 'runtimePlatform', 'cpuArchitecture'],
          values: ['X86_64'],
        },
      );
    }
  },
};

/**
 * pidMode and ipcMode (facts 10, 11): ECS110 pidMode on Fargate other than task; ECS210 pidMode on
 * Windows; ECS111 ipcMode on Fargate; ECS211 ipcMode on Windows.
 */
import { stringOf } from '../../core/properties';
import { AWS_DOCS, type Rule } from './rule';
import { metaOnPage } from '../../core/ruleMetaTable';

export const pidIpcModeRule: Rule = {
  meta: metaOnPage(AWS_DOCS.taskDefinitionParameters, [
    ['ECS110', 'pidMode not supported on Fargate'],
    ['ECS210', 'pidMode not supported on Windows'],
    ['ECS111', 'ipcMode not supported on Fargate'],
    ['ECS211', 'ipcMode not supported on Windows'],
  ]),
  check({ td, report }) {
    // Export tools (ecspresso) write "" for unset modes.
    const pid = td.property('pidMode');
    if (pid?.value && pid.value.value !== '' && pid.value.type !== 'null') {
      if (td.isWindows) {
        report('ECS210', pid.key, 'pidMode is not supported for Windows containers; remove it.', {
          fix: 'removeProperty',
          path: [...td.path, 'pidMode'],
        });
      } else if (td.isFargate && stringOf(pid.value) === 'host') {
        report('ECS110', pid.value, 'pidMode "host" is not supported on Fargate; only "task" is allowed.', {
          fix: 'replaceValue',
          path: [...td.path, 'pidMode'],
          values: ['task'],
        });
      }
    }
    const ipc = td.property('ipcMode');
    if (ipc?.value && ipc.value.value !== '' && ipc.value.type !== 'null') {
      if (td.isWindows) {
        report('ECS211', ipc.key, 'ipcMode is not supported for Windows containers; remove it.', {
          fix: 'removeProperty',
          path: [...td.path, 'ipcMode'],
        });
      } else if (td.isFargate) {
        report(
          'ECS111',
          ipc.key,
          'ipcMode is not supported on Fargate; remove it (allowed on EC2 only: host, task, none).',
          {
            fix: 'removeProperty',
            path: [...td.path, 'ipcMode'],
          },
        );
      }
    }
  },
};

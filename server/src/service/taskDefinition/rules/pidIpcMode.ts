/**
 * pidMode and ipcMode (facts 10, 11): ECS110 pidMode on Fargate other than task; ECS210 pidMode on
 * Windows; ECS111 ipcMode on Fargate; ECS211 ipcMode on Windows.
 */
import { stringOf, type PropertyRef } from '../../core/properties';
import { AWS_DOCS, type Rule, type RuleContext } from './rule';
import { metaOnPage } from '../../core/ruleMetaTable';

/** The mode set, or `undefined`: export tools (ecspresso) write "" for unset modes. */
function modeSet({ td }: RuleContext, name: 'pidMode' | 'ipcMode'): PropertyRef | undefined {
  const p = td.property(name);
  return p?.value && p.value.value !== '' && p.value.type !== 'null' ? p : undefined;
}

/** Windows containers share neither namespace: either mode is reported there (ECS210, ECS211). */
function reportOnWindows(ctx: RuleContext, code: string, name: string, p: PropertyRef): void {
  ctx.report(code, p.key, `${name} is not supported for Windows containers; remove it.`, {
    fix: 'removeProperty',
    path: [...ctx.td.path, name],
  });
}

export const pidIpcModeRule: Rule = {
  meta: metaOnPage(AWS_DOCS.taskDefinitionParameters, [
    ['ECS110', 'pidMode not supported on Fargate'],
    ['ECS210', 'pidMode not supported on Windows'],
    ['ECS111', 'ipcMode not supported on Fargate'],
    ['ECS211', 'ipcMode not supported on Windows'],
  ]),
  check(ctx) {
    const { td, report } = ctx;
    const pid = modeSet(ctx, 'pidMode');
    if (pid?.value && td.isWindows) reportOnWindows(ctx, 'ECS210', 'pidMode', pid);
    else if (pid?.value && td.isFargate && stringOf(pid.value) === 'host') {
      report('ECS110', pid.value, 'pidMode "host" is not supported on Fargate; only "task" is allowed.', {
        fix: 'replaceValue',
        path: [...td.path, 'pidMode'],
        values: ['task'],
      });
    }
    const ipc = modeSet(ctx, 'ipcMode');
    if (ipc && td.isWindows) reportOnWindows(ctx, 'ECS211', 'ipcMode', ipc);
    else if (ipc && td.isFargate) {
      report(
        'ECS111',
        ipc.key,
        'ipcMode is not supported on Fargate; remove it (allowed on EC2 only: host, task, none).',
        { fix: 'removeProperty', path: [...td.path, 'ipcMode'] },
      );
    }
  },
};

/** "Deregister Revision": a task definition revision becomes INACTIVE. */
import { revisionLabel } from '../../aws/deploy/types';
import { describeArgument, matchesAny, setting } from './arguments';
import type { DeployController } from './controller';

export const deregister =
  (ctl: DeployController) =>
  async (arg?: unknown): Promise<string | undefined> => {
    const a = describeArgument(arg);
    if (!a.taskDefinition) {
      void ctl.prompts.notify(
        'warning',
        'Run "Deregister Revision" on a task definition revision in the ECS explorer.',
      );
      return undefined;
    }
    const connection = a.connection ?? (await ctl.defaultConnection());
    if (!connection) return undefined;
    const detail = [
      `Region: ${connection.region}`,
      `Profile: ${connection.profile}`,
      `Revision: ${a.taskDefinition}`,
      'It becomes INACTIVE: services already running it keep their tasks, but it can no longer be used for new services or deployments.',
    ].join('\n');
    const title = `Deregister ${revisionLabel(a.taskDefinition)}?`;
    // A protected profile needs the revision typed, as services need their name typed.
    const ok = matchesAny(connection.profile, setting<string[]>('protectedProfiles', []))
      ? await ctl.prompts.typedConfirm({ title, detail, expected: revisionLabel(a.taskDefinition) })
      : await ctl.prompts.confirm({ title, detail, action: 'Deregister' });
    if (!ok) return undefined;
    const done = await ctl.api(connection).deregister(a.taskDefinition);
    if (!done.ok)
      return void ctl.report(done.error, `${revisionLabel(a.taskDefinition)} was not deregistered`);
    void ctl.prompts.notify(
      'info',
      `${revisionLabel(done.value.arn)} is now ${done.value.status ?? 'INACTIVE'}.`,
    );
    return done.value.arn;
  };

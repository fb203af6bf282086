/** "Force New Deployment": the revision the service runs, again (a restart, no edit). */
import { revisionLabel } from '../../aws/deploy/types';
import { deployResult, serviceCommand, watchSince } from './targetedCommands';
import type { DeployResult } from './types';

export const forceNewDeployment = serviceCommand(
  (service) => `Cannot redeploy ${service}`,
  async (ctl, { binding, cluster, service, api, svc, account }): Promise<DeployResult | undefined> => {
    const detail = [
      ctl.where(binding, account),
      `Revision: ${revisionLabel(svc.taskDefinition)} (unchanged)`,
      `ECS starts ${svc.desiredCount} new task(s) and then stops the old ones, following the service's deployment settings.`,
    ].join('\n');
    if (!(await ctl.confirm(binding, `Force a new deployment of ${service}?`, detail, 'Redeploy'))) {
      return undefined;
    }
    const since = watchSince();
    const primaryBefore = svc.deployments.find((d) => d.status === 'PRIMARY')?.id;
    const updated = await ctl.updateService(
      api,
      { cluster, service, forceNewDeployment: true },
      {
        done: 'redeployed',
        unchanged: 'no new deployment',
        applied: (s) => s.deployments.some((d) => d.status === 'PRIMARY' && d.id !== primaryBefore),
        state: (s) =>
          s.deployments.some((d) => d.status === 'PRIMARY' && d.id !== primaryBefore)
            ? 'a new deployment'
            : 'no new deployment',
      },
    );
    if (!updated) return undefined;
    const deploymentId = ctl.watchUpdate(binding, updated, since, account);
    return deployResult(svc.taskDefinition, deploymentId);
  },
);

/** "Force New Deployment": the revision the service runs, again (a restart, no edit). */
import { revisionLabel } from '../../aws/deploy/types';
import type { DeployController } from './controller';
import type { DeployResult } from './types';

export const forceNewDeployment =
  (ctl: DeployController) =>
  async (arg?: unknown): Promise<DeployResult | undefined> => {
    const binding = await ctl.serviceTarget(arg);
    if (!binding) return undefined;
    const { cluster, service } = binding;
    const current = await ctl.currentService(binding, `Cannot redeploy ${service}`);
    if (!current) return undefined;
    const { api, svc, account } = current;
    const detail = [
      ctl.where(binding, account),
      `Revision: ${revisionLabel(svc.taskDefinition)} (unchanged)`,
      `ECS starts ${svc.desiredCount} new task(s) and then stops the old ones, following the service's deployment settings.`,
    ].join('\n');
    if (!(await ctl.confirm(binding, `Force a new deployment of ${service}?`, detail, 'Redeploy'))) {
      return undefined;
    }
    const since = new Date(Date.now() - 1000);
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
    return { revision: svc.taskDefinition, ...(deploymentId ? { deploymentId } : {}) };
  };

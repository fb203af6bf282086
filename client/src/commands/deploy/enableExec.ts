/** "Enable ECS Exec and Force a New Deployment": enableExecuteCommand only reaches new tasks. */
import type { DeployController } from './controller';
import type { DeployResult } from './types';

export const enableExecuteCommand =
  (ctl: DeployController) =>
  async (arg?: unknown): Promise<DeployResult | undefined> => {
    const binding = await ctl.serviceTarget(arg);
    if (!binding) return undefined;
    const { cluster, service } = binding;
    const current = await ctl.currentService(binding, `Cannot enable ECS Exec on ${service}`);
    if (!current) return undefined;
    const { api, svc, account } = current;
    const detail = [
      ctl.where(binding, account),
      'Sets enableExecuteCommand on the service and forces a new deployment: ECS replaces the running tasks, and only the new ones accept ECS Exec sessions.',
      'The task role needs ssmmessages:CreateControlChannel, CreateDataChannel, OpenControlChannel and OpenDataChannel.',
    ].join('\n');
    if (
      !(await ctl.confirm(
        binding,
        `Enable ECS Exec on ${service} and force a new deployment?`,
        detail,
        'Enable and Redeploy',
      ))
    ) {
      return undefined;
    }
    const since = new Date(Date.now() - 1000);
    const updated = await api.updateService({
      cluster,
      service,
      enableExecuteCommand: true,
      forceNewDeployment: true,
    });
    if (!updated.ok) return void ctl.report(updated.error, `ECS Exec was not enabled on ${service}`);
    const deploymentId = ctl.watchUpdate(binding, updated.value, since, account);
    void ctl.prompts.notify(
      'info',
      `ECS Exec is on for ${service}; the new deployment's tasks accept sessions once they run.`,
    );
    return { revision: svc.taskDefinition, ...(deploymentId ? { deploymentId } : {}) };
  };

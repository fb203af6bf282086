/** "Enable ECS Exec and Force a New Deployment": enableExecuteCommand only reaches new tasks. */
import { deployResult, serviceCommand, watchSince } from './targetedCommands';
import type { DeployResult } from './types';

export const enableExecuteCommand = serviceCommand(
  (service) => `Cannot enable ECS Exec on ${service}`,
  async (ctl, { binding, cluster, service, api, svc, account }): Promise<DeployResult | undefined> => {
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
    const since = watchSince();
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
    return deployResult(svc.taskDefinition, deploymentId);
  },
);

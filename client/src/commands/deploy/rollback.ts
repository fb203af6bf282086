/** "Roll Back": stop the deployment in progress with ROLLBACK, or deploy the previous revision. */
import { revisionLabel } from '../../aws/deploy/types';
import { primaryOf } from './controller';
import { serviceCommand, watchSince } from './targetedCommands';

export interface RollbackResult {
  method: 'StopServiceDeployment' | 'UpdateService';
  revision: string;
}

export const rollback = serviceCommand(
  (service) => `Cannot roll back ${service}`,
  async (ctl, { binding, cluster, service, api, svc, account }): Promise<RollbackResult | undefined> => {
    const primary = primaryOf(svc);
    const previousDeployment = svc.deployments.find(
      (d) => d.status === 'ACTIVE' && d.taskDefinition !== primary?.taskDefinition,
    );
    const since = watchSince();
    if (primary?.rolloutState === 'IN_PROGRESS' && previousDeployment) {
      const inProgress = await api.inProgressServiceDeployments(cluster, service);
      const target = inProgress.ok ? inProgress.value[0] : undefined;
      if (target) {
        const comesBack = revisionLabel(previousDeployment.taskDefinition);
        const detail = [
          ctl.where(binding, account),
          `Stops the deployment of ${revisionLabel(primary.taskDefinition)} in progress (StopServiceDeployment, ROLLBACK).`,
          `Comes back: ${comesBack}`,
        ].join('\n');
        if (!(await ctl.confirm(binding, `Roll back ${service} to ${comesBack}?`, detail, 'Roll Back'))) {
          return undefined;
        }
        const stopped = await api.stopServiceDeployment(target.arn, 'ROLLBACK');
        if (!stopped.ok) return void ctl.report(stopped.error, `${service} was not rolled back`);
        ctl.watch(binding, {
          since,
          ...(account ? { account } : {}),
          completedOutcome: `Rolled back to ${comesBack}: you stopped the deployment of ${revisionLabel(primary.taskDefinition)}`,
        });
        void ctl.prompts.notify('info', `Rolling ${service} back to ${comesBack}.`);
        return { method: 'StopServiceDeployment', revision: previousDeployment.taskDefinition };
      }
    }
    // No deployment to stop: deploy the family's previous ACTIVE revision.
    const runningLabel = revisionLabel(svc.taskDefinition);
    const family = runningLabel.slice(0, runningLabel.lastIndexOf(':'));
    const runningRevision = Number(runningLabel.slice(runningLabel.lastIndexOf(':') + 1));
    const revisions = await api.listRevisions(family);
    if (!revisions.ok)
      return void ctl.report(revisions.error, `Cannot find the revision before ${runningLabel}`);
    const previous = revisions.value.find(
      (arn) => Number(revisionLabel(arn).split(':').pop()) < runningRevision,
    );
    if (!previous) {
      void ctl.prompts.notify(
        'warning',
        `${service} runs ${runningLabel}; there is no earlier ACTIVE revision of ${family} to roll back to.`,
      );
      return undefined;
    }
    const detail = [
      ctl.where(binding, account),
      `Now running: ${runningLabel}`,
      `Comes back: ${revisionLabel(previous)} (UpdateService)`,
    ].join('\n');
    if (
      !(await ctl.confirm(
        binding,
        `Roll back ${service} to ${revisionLabel(previous)}?`,
        detail,
        'Roll Back',
      ))
    ) {
      return undefined;
    }
    const updated = await ctl.updateService(
      api,
      { cluster, service, taskDefinition: previous },
      {
        done: `rolled back to ${revisionLabel(previous)}`,
        unchanged: `it still runs ${runningLabel}`,
        applied: (s) => s.taskDefinition === previous,
        state: (s) => `revision ${revisionLabel(s.taskDefinition)}`,
      },
    );
    if (!updated) return undefined;
    ctl.watchUpdate(
      binding,
      updated,
      since,
      account,
      `Rolled back to ${revisionLabel(previous)} from ${runningLabel}`,
    );
    return { method: 'UpdateService', revision: previous };
  },
);

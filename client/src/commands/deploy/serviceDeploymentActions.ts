/**
 * "Continue Deployment" (answer a PAUSE lifecycle hook with CONTINUE, ContinueServiceDeployment) and
 * "Stop Deployment…" (StopServiceDeployment with ROLLBACK — back to the previous service revision —
 * or ABORT — stop where it is; StopServiceDeploymentStopType), on a rollout row or a service. Both
 * confirm like every mutating command (protected clusters and profiles need the name typed).
 */
import type { HookView } from '../../aws/deploy/rolloutTypes';
import type { DeployController } from './controller';
import type { ServiceBinding } from './types';

/** The deployment in progress and its paused hook, as the API says now. */
async function pausedHookOf(
  ctl: DeployController,
  binding: ServiceBinding,
): Promise<{ arn: string; hook: HookView | undefined } | undefined> {
  const api = ctl.api(binding.connection);
  const inProgress = await api.inProgressServiceDeployments(binding.cluster, binding.service);
  if (!inProgress.ok)
    return void ctl.report(inProgress.error, `Cannot read ${binding.service}'s deployments`);
  const arn = inProgress.value[0]?.arn;
  if (!arn) return undefined;
  const described = await api.describeServiceDeployment(arn);
  if (!described.ok)
    return void ctl.report(described.error, `Cannot read the deployment of ${binding.service}`);
  const h = (described.value.lifecycleHookDetails ?? []).find(
    (x) => x.targetType === 'PAUSE' && x.status === 'AWAITING_ACTION',
  );
  return {
    arn,
    hook: h
      ? {
          hookId: h.hookId ?? '',
          targetType: 'PAUSE',
          status: 'AWAITING_ACTION',
          ...(h.expiresAt ? { expiresAt: new Date(h.expiresAt) } : {}),
        }
      : undefined,
  };
}

export const continueDeployment =
  (ctl: DeployController) =>
  async (arg?: unknown): Promise<string | undefined> => {
    const binding = await ctl.serviceTarget(arg);
    if (!binding) return undefined;
    const found = await pausedHookOf(ctl, binding);
    if (!found) return undefined;
    if (!found.hook) {
      void ctl.prompts.notify('info', `${binding.service}'s deployment is not paused at a lifecycle hook.`);
      return undefined;
    }
    const stage = ctl.registry.get(binding)?.state.stage;
    const detail = [
      ctl.where(binding, undefined),
      `The deployment is paused${stage ? ` at ${stage}` : ''} (hook ${found.hook.hookId}).`,
      'Continue goes on to the next lifecycle stage (ContinueServiceDeployment, CONTINUE).',
      ...(found.hook.expiresAt
        ? [`Unanswered, the hook times out at ${found.hook.expiresAt.toISOString()}.`]
        : []),
    ].join('\n');
    if (!(await ctl.confirm(binding, `Continue ${binding.service}'s deployment?`, detail, 'Continue')))
      return undefined;
    const done = await ctl
      .api(binding.connection)
      .continueServiceDeployment(found.arn, found.hook.hookId, 'CONTINUE');
    if (!done.ok) return void ctl.report(done.error, `${binding.service}'s deployment was not continued`);
    void ctl.prompts.notify('info', `${binding.service}'s deployment continues.`);
    return found.hook.hookId;
  };

export const stopDeployment =
  (ctl: DeployController) =>
  async (arg?: unknown): Promise<{ arn: string; stopType: 'ROLLBACK' | 'ABORT' } | undefined> => {
    const binding = await ctl.serviceTarget(arg);
    if (!binding) return undefined;
    const api = ctl.api(binding.connection);
    const inProgress = await api.inProgressServiceDeployments(binding.cluster, binding.service);
    if (!inProgress.ok)
      return void ctl.report(inProgress.error, `Cannot read ${binding.service}'s deployments`);
    const arn = inProgress.value[0]?.arn;
    if (!arn) {
      void ctl.prompts.notify('info', `${binding.service} has no deployment in progress.`);
      return undefined;
    }
    const stopType = await ctl.prompts.pick<'ROLLBACK' | 'ABORT'>(`Stop ${binding.service}'s deployment`, [
      {
        label: 'Roll back',
        description: 'ROLLBACK',
        detail: 'Go back to the previous service revision.',
        value: 'ROLLBACK',
      },
      {
        label: 'Abort',
        description: 'ABORT',
        detail: 'Stop the deployment where it is; nothing is rolled back.',
        value: 'ABORT',
      },
    ]);
    if (!stopType) return undefined;
    const detail = [
      ctl.where(binding, undefined),
      `StopServiceDeployment with ${stopType}: ${stopType === 'ROLLBACK' ? 'the previous revision comes back' : 'the deployment stops where it is'}.`,
    ].join('\n');
    const verb = stopType === 'ROLLBACK' ? 'Roll Back' : 'Abort';
    if (!(await ctl.confirm(binding, `${verb} ${binding.service}'s deployment?`, detail, verb)))
      return undefined;
    const stopped = await api.stopServiceDeployment(arn, stopType);
    if (!stopped.ok) return void ctl.report(stopped.error, `${binding.service}'s deployment was not stopped`);
    void ctl.prompts.notify('info', `${binding.service}'s deployment: ${stopType} requested.`);
    return { arn, stopType };
  };

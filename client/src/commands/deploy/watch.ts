/** Rollout commands: watch a service's rollout, stop watching, clear the ended ones. */
import type { RolloutState } from '../../aws/deploy/rolloutWatcher';
import { describeArgument, nameOf } from './arguments';
import type { DeployController } from './controller';

export const watchService =
  (ctl: DeployController) =>
  async (arg?: unknown): Promise<RolloutState | undefined> => {
    const binding = await ctl.serviceTarget(arg);
    if (!binding) return undefined;
    return ctl.watch(binding);
  };

export const stopWatching =
  (ctl: DeployController) =>
  (arg?: unknown): void => {
    const a = describeArgument(arg);
    for (const r of ctl.registry.list()) {
      if (a.service === undefined || (r.target.service === a.service && r.target.cluster === a.cluster)) {
        ctl.registry.stop(r.target);
      }
    }
  };

export const clearEnded = (ctl: DeployController) => (): void => ctl.registry.clearEnded();

/** Resolves when the rollout of `service` ends (the current watch). */
export async function rolloutDone(
  ctl: DeployController,
  cluster: string,
  service: string,
): Promise<RolloutState | undefined> {
  const entry = ctl.registry
    .list()
    .find(
      (r) =>
        (r.target.cluster === cluster || nameOf(r.target.cluster) === cluster) &&
        r.target.service === service,
    );
  if (!entry) return undefined;
  return ctl.registry.get(entry.target)?.done;
}

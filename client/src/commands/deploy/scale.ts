/** "Scale Service": set the desired count. */
import { serviceCommand } from './targetedCommands';

export const scale = serviceCommand(
  (service) => `Cannot scale ${service}`,
  async (ctl, { binding, cluster, service, api, svc, account }): Promise<number | undefined> => {
    const desired = await ctl.prompts.number({
      title: `Scale ${service}`,
      prompt: `Desired number of tasks (now ${svc.desiredCount}, ${svc.runningCount} running)`,
      value: svc.desiredCount,
      min: 0,
      max: 5000,
    });
    if (desired === undefined || desired === svc.desiredCount) return undefined;
    const detail = `${ctl.where(binding, account)}\nDesired count: ${svc.desiredCount} → ${desired}`;
    if (!(await ctl.confirm(binding, `Scale ${service} to ${desired} task(s)?`, detail, 'Scale'))) {
      return undefined;
    }
    const updated = await ctl.updateService(
      api,
      { cluster, service, desiredCount: desired },
      {
        done: `scaled to ${desired} task(s)`,
        unchanged: `desired count stays ${svc.desiredCount}`,
        applied: (s) => s.desiredCount === desired,
        state: (s) => `desired count ${s.desiredCount}`,
      },
    );
    if (!updated) return undefined;
    void ctl.prompts.notify('info', `${service}: desired count set to ${desired}.`);
    return desired;
  },
);

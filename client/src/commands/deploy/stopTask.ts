/** "Stop Task": one task, with a reason; a service starts a replacement. */
import { describeArgument, nameOf } from './arguments';
import type { DeployController } from './controller';

export const stopTask =
  (ctl: DeployController) =>
  async (arg?: unknown): Promise<string | undefined> => {
    const a = describeArgument(arg);
    if (!a.task || !a.cluster) {
      void ctl.prompts.notify('warning', 'Run "Stop Task" on a task in the ECS explorer.');
      return undefined;
    }
    const connection = a.connection ?? (await ctl.defaultConnection());
    if (!connection) return undefined;
    const reason = await ctl.prompts.text({
      title: `Stop task ${nameOf(a.task)}`,
      prompt: "Reason (shown as the task's stopped reason)",
      value: 'Stopped from VS Code (ECS Workbench)',
    });
    if (reason === undefined) return undefined;
    const detail = [
      `Region: ${connection.region}`,
      `Profile: ${connection.profile}`,
      `Cluster: ${nameOf(a.cluster)}`,
      `Task: ${a.task}`,
      a.service
        ? `The service ${a.service} starts a replacement task.`
        : 'A standalone task is not replaced.',
    ].join('\n');
    const target = { connection, cluster: a.cluster, service: a.service ?? nameOf(a.task) };
    if (!(await ctl.confirm(target, `Stop task ${nameOf(a.task)}?`, detail, 'Stop Task'))) return undefined;
    const stopped = await ctl.api(connection).stopTask(a.cluster, a.task, reason);
    if (!stopped.ok) return void ctl.report(stopped.error, `Task ${nameOf(a.task)} was not stopped`);
    void ctl.prompts.notify('info', `Task ${nameOf(a.task)} is stopping.`);
    return stopped.value.taskArn;
  };

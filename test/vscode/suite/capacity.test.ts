import assert from 'node:assert/strict';
import {
  DescribeContainerInstancesCommand,
  ECSClient,
  ListContainerInstancesCommand,
} from '@aws-sdk/client-ecs';
import * as vscode from 'vscode';
import type { EcsWorkbenchApi } from '../../../client/src/extension';
import type { ExplorerNode } from '../../../client/src/views/explorer/nodes/index';
import { startEmulator, type RunningEmulator } from '../../../emulator';
import { activateExtension, until } from '../util';

const labelOf = (item: vscode.TreeItem): string =>
  typeof item.label === 'string' ? item.label : (item.label?.label ?? '');

/**
 * The demo's EC2 cluster as a user reads it: its container instances with what their tasks reserve,
 * beside a service that cannot be placed and ECS's event saying why.
 */
describe('Cluster capacity', function () {
  this.timeout(90_000);
  let emu: RunningEmulator;
  let explorer: EcsWorkbenchApi['explorer'];
  const settings = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('ecsWorkbench');
  const item = (node: ExplorerNode): vscode.TreeItem => explorer.provider.getTreeItem(node);
  const children = (node?: ExplorerNode): Promise<ExplorerNode[]> =>
    Promise.resolve(explorer.provider.getChildren(node));
  const child = async (parent: ExplorerNode | undefined, label: string): Promise<ExplorerNode> => {
    const found = (await children(parent)).find((n) => labelOf(item(n)) === label);
    assert.ok(found, `no child "${label}" under ${parent ? labelOf(item(parent)) : 'the root'}`);
    return found;
  };

  before(async () => {
    explorer = (await activateExtension()).explorer;
    emu = await startEmulator({ scenario: 'demo', speed: 1 });
    const target = vscode.ConfigurationTarget.Workspace;
    await settings().update('profile', 'dev', target);
    await settings().update('regions', ['us-east-1'], target);
    await settings().update('endpoint', emu.url, target);
    await vscode.commands.executeCommand('ecsWorkbench.explorer.focus');
    await until('the explorer to be visible', () => explorer.treeView.visible);
  });

  after(async () => {
    const target = vscode.ConfigurationTarget.Workspace;
    for (const key of ['endpoint', 'profile', 'regions']) await settings().update(key, undefined, target);
    await emu?.stop();
  });

  it("shows an EC2 cluster's container instances with the capacity their tasks reserve", async () => {
    const conn = await until('the us-east-1 root', async () => (await children())[0]);
    const staging = await child(conn, 'staging');
    const folder = await child(staging, 'Container instances');
    assert.equal(item(folder).contextValue, 'ecsContainerInstances');
    const rows = await children(folder);

    // What ECS itself says of the same instances, read with the AWS SDK.
    const ecs = new ECSClient({
      endpoint: emu.url,
      region: emu.region,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    const arns = (await ecs.send(new ListContainerInstancesCommand({ cluster: 'staging' })))
      .containerInstanceArns;
    const described = await ecs.send(
      new DescribeContainerInstancesCommand({ cluster: 'staging', containerInstances: arns }),
    );
    ecs.destroy();
    const truth = (described.containerInstances ?? [])
      .map((ci) => {
        const of = (list: typeof ci.remainingResources, name: string): number =>
          list?.find((r) => r.name === name)?.integerValue ?? 0;
        const cpu = of(ci.registeredResources, 'CPU');
        const memory = of(ci.registeredResources, 'MEMORY');
        const usedCpu = cpu - of(ci.remainingResources, 'CPU');
        const usedMemory = memory - of(ci.remainingResources, 'MEMORY');
        const tasks = (ci.runningTasksCount ?? 0) + (ci.pendingTasksCount ?? 0);
        return {
          label: ci.ec2InstanceId ?? '',
          description: `${tasks} ${tasks === 1 ? 'task' : 'tasks'} · cpu ${usedCpu}/${cpu} · mem ${(usedMemory / 1024).toFixed(1)}/${(memory / 1024).toFixed(1)} GiB`,
        };
      })
      .sort((a, b) => a.label.localeCompare(b.label));
    assert.equal(truth.length, 2);
    assert.ok(
      truth.some((t) => !t.description.startsWith('0 tasks')),
      'the demo places tasks on them',
    );
    assert.deepEqual(
      rows.map((n) => ({ label: labelOf(item(n)), description: item(n).description })),
      truth,
    );
    for (const row of rows) {
      assert.match(labelOf(item(row)), /^i-[0-9a-f]{17}$/);
      assert.equal(item(row).contextValue, 'ecsContainerInstance');
      assert.match(
        String((item(row).tooltip as vscode.MarkdownString).value),
        /t3\.medium · us-east-1[ab][\s\S]*MiB available/,
      );
    }
    await until('the folder to sum the instances', () =>
      /^2 · cpu \d+\/4096 · mem \d+\.\d\/7\.6 GiB$/.test(String(item(folder).description)),
    );

    // The service that does not fit: 0 running, and ECS's own words in its events.
    const analytics = await child(staging, 'analytics');
    assert.match(String(item(analytics).description), /^0\/1 running/);
    // Not a rollout in progress: a service nothing can be placed for is failing, and says why.
    assert.equal((item(analytics).iconPath as vscode.ThemeIcon).id, 'error');
    assert.match(
      String((item(analytics).tooltip as vscode.MarkdownString).value),
      /0\/1 running: ECS was unable to place a task/,
    );
    const events = await children(await child(analytics, 'Events'));
    assert.ok(
      events.some((e) =>
        /was unable to place a task because no container instance met all of its requirements\. The closest matching \(container-instance [0-9a-f]{32}\) has insufficient memory available\./.test(
          labelOf(item(e)),
        ),
      ),
      `events: ${events.map((e) => labelOf(item(e))).join(' | ')}`,
    );
  });
});

import assert from 'node:assert/strict';
import {
  ECSClient,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  StopTaskCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import * as vscode from 'vscode';
import type { EcsWorkbenchApi } from '../../../client/src/extension';
import type { ExplorerNode, TaskNode } from '../../../client/src/views/explorer/nodes/index';
import { rolloutNode } from '../../../client/src/views/rolloutView';
import { startEmulator, type RunningEmulator } from '../../../emulator';
import { activateExtension, until } from '../util';

/** The sidebar during a crash loop, a scale and a circuit-breaker rollback (`crashloop` scenario). */
const labelOf = (item: vscode.TreeItem): string =>
  typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
const iconOf = (item: vscode.TreeItem): string =>
  item.iconPath instanceof vscode.ThemeIcon
    ? `${item.iconPath.id}${item.iconPath.color ? `/${item.iconPath.color.id}` : ''}`
    : '';

describe('Sidebar during failures', function () {
  this.timeout(120_000);
  let emu: RunningEmulator;
  let api: EcsWorkbenchApi;
  let ecs: ECSClient;
  const settings = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('ecsWorkbench');
  const explorer = (): EcsWorkbenchApi['explorer'] => api.explorer;
  const children = (node?: ExplorerNode): Promise<ExplorerNode[]> =>
    Promise.resolve(explorer().provider.getChildren(node));
  const item = (node: ExplorerNode): vscode.TreeItem => explorer().provider.getTreeItem(node);
  const child = async (parent: ExplorerNode | undefined, label: string): Promise<ExplorerNode> => {
    const found = (await children(parent)).find((n) => labelOf(item(n)) === label);
    assert.ok(found, `no child "${label}"`);
    return found;
  };
  const shop = async (): Promise<ExplorerNode> =>
    until('the shop cluster', async () => {
      const roots = await children();
      const conn = roots[0];
      if (!conn) return undefined;
      return (await children(conn)).find((n) => labelOf(item(n)) === 'shop');
    });

  before(async () => {
    api = await activateExtension();
    emu = await startEmulator({ scenario: 'crashloop', speed: 1 });
    ecs = new ECSClient({
      region: emu.region,
      endpoint: emu.url,
      credentials: { accessKeyId: 'AKIAEMULATOR0000TEST', secretAccessKey: 'emulator-secret' },
    });
    // Half an hour of crash loop, in simulated time: hundreds of stopped tasks.
    for (let i = 0; i < 50; i++) emu.advance(60_000);
    const target = vscode.ConfigurationTarget.Workspace;
    await settings().update('profile', 'dev', target);
    await settings().update('regions', [emu.region], target);
    await settings().update('explorer.autoRefreshSeconds', 1, target);
    await settings().update('deploy.pollIntervalMs', 250, target);
    await settings().update('endpoint', emu.url, target);
    await vscode.commands.executeCommand('ecsWorkbench.explorer.focus');
    await until('the explorer to be visible', () => explorer().treeView.visible);
  });

  after(async () => {
    const target = vscode.ConfigurationTarget.Workspace;
    for (const key of [
      'endpoint',
      'profile',
      'regions',
      'explorer.autoRefreshSeconds',
      'deploy.pollIntervalMs',
    ])
      await settings().update(key, undefined, target);
    ecs?.destroy();
    await emu?.stop();
  });

  it('marks a crash-looping service and its cluster failing, with the failed count', async () => {
    const cluster = await shop();
    const checkout = await until('checkout marked failing', async () => {
      const node = await child(cluster, 'checkout');
      return /^\d\/6 running · FARGATE · \d+ failed$/.test(String(item(node).description)) ? node : undefined;
    });
    const failed = Number(/(\d+) failed$/.exec(String(item(checkout).description))?.[1]);
    assert.ok(failed > 100, `more failed tasks than one page holds, got ${failed}`);
    assert.equal(iconOf(item(checkout)), 'error/errorForeground');
    assert.match(String((item(checkout).tooltip as vscode.MarkdownString).value), /Failing/);
    assert.equal(iconOf(item(await child(cluster, 'web'))), 'pass/testing.iconPassed');
    await until(
      'the cluster marked failing with the count',
      () =>
        iconOf(item(cluster)) === 'server-environment/errorForeground' &&
        /· \d+ failed$/.test(String(item(cluster).description)),
    );
  });

  it('shows the crash-looping deployment with its failures, not as a deployment in progress', async () => {
    const checkout = await child(await shop(), 'checkout');
    const primary = (await children(checkout)).find((n) => labelOf(item(n)).startsWith('Primary '));
    assert.ok(primary, 'the PRIMARY deployment row');
    assert.match(String(item(primary).description), /^In progress · \d\/6 running · .*\d+ failed/);
    assert.equal(iconOf(item(primary)), 'warning/list.warningForeground');
  });

  it('lists stopped tasks newest first with exit code and stop code, 50 at a time', async () => {
    const folder = await child(await child(await shop(), 'checkout'), 'Recently stopped tasks');
    let rows = await children(folder);
    assert.equal(rows.length, 51);
    const more = rows[50] as ExplorerNode;
    assert.equal(labelOf(item(more)), 'Load more…');
    const total = Number(/of (\d+) shown/.exec(String(item(more).description))?.[1]);
    assert.ok(total > 100, `more than one ListTasks page of stopped tasks, got ${total}`);
    // Tasks still stopping come first (they are the newest); then the stopped, newest first.
    const firstStopped = rows.find((n) => (n as TaskNode).task?.lastStatus === 'STOPPED') as ExplorerNode;
    assert.match(
      String(item(firstStopped).description),
      /^(just now|\d+ (s|min) ago) · exit 1 · EssentialContainerExited · Essential container in task exited/,
    );
    const times = rows
      .slice(0, 50)
      .map((n) => (n as TaskNode).task.stoppedAt?.getTime() ?? Number.MAX_SAFE_INTEGER);
    assert.deepEqual(
      times,
      [...times].sort((a, b) => b - a),
      'newest first',
    );
    await vscode.commands.executeCommand('ecsWorkbench.explorer.loadMore', more);
    rows = await children(folder);
    assert.equal(rows.length, 101);
  });

  it('shows a scale in the service and cluster rows without a manual refresh', async () => {
    const cluster = await shop();
    await explorer().treeView.reveal(cluster, { expand: true });
    const apiNode = await child(cluster, 'api');
    assert.match(String(item(apiNode).description), /^2\/2 running/);
    const before = Number(/(\d+) running/.exec(String(item(cluster).description))?.[1]);
    // Scaled outside the extension: only the background refresh can notice.
    await ecs.send(new UpdateServiceCommand({ cluster: 'shop', service: 'api', desiredCount: 5 }));
    await until('api to show 5/5 running', () => {
      emu.advance(5_000);
      return /^5\/5 running/.test(String(item(apiNode).description));
    });
    await until('the cluster row to count the new tasks', () => {
      const now = Number(/(\d+) running/.exec(String(item(cluster).description))?.[1]);
      return now !== before;
    });
  });

  it('keeps an expanded or collapsed node as the user left it across 10 refreshes', async () => {
    const cluster = await shop();
    const Expanded = vscode.TreeItemCollapsibleState.Expanded;
    const Collapsed = vscode.TreeItemCollapsibleState.Collapsed;
    // Revealed as a user opens it; the background refresh may replace the row meanwhile, so the
    // node is looked up again until the tree has it expanded.
    const expand = (label: string): Promise<ExplorerNode> =>
      until(`${label} expanded`, async () => {
        const node = await child(cluster, label);
        await explorer().treeView.reveal(node, { expand: true });
        return item(node).collapsibleState === Expanded ? node : undefined;
      });
    const refreshes = async (check: (i: number) => Promise<void>): Promise<void> => {
      for (let i = 0; i < 10; i++) {
        explorer().provider.refresh(cluster);
        await explorer().provider.tick();
        emu.advance(5_000); // new crash-loop events and stopped tasks every time
        await check(i);
      }
    };
    // checkout opened, its Events left closed: new events must not open them.
    await expand('checkout');
    await refreshes(async (i) => {
      const fresh = await child(cluster, 'checkout');
      assert.equal(item(fresh).collapsibleState, Expanded, `checkout after refresh ${i}`);
      assert.equal(
        item(await child(fresh, 'Events')).collapsibleState,
        Collapsed,
        `Events after refresh ${i}`,
      );
    });
    // Collapsed again by the user: it stays collapsed.
    await vscode.commands.executeCommand('workbench.actions.treeView.ecsWorkbench.explorer.collapseAll');
    await until(
      'checkout collapsed',
      async () => item(await child(cluster, 'checkout')).collapsibleState === Collapsed,
    );
    await refreshes(async (i) =>
      assert.equal(
        item(await child(cluster, 'checkout')).collapsibleState,
        Collapsed,
        `collapsed after refresh ${i}`,
      ),
    );
  });

  it('follows a circuit-breaker rollback to its end and says how it ended', async () => {
    const web = await child(await shop(), 'web');
    const registered = await ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'web',
        networkMode: 'awsvpc',
        requiresCompatibilities: ['FARGATE'],
        cpu: '256',
        memory: '512',
        containerDefinitions: [{ name: 'web', image: 'public.ecr.aws/nginx/nginx:crashloop' }],
      }),
    );
    const crashing = registered.taskDefinition?.taskDefinitionArn ?? '';
    await ecs.send(new UpdateServiceCommand({ cluster: 'shop', service: 'web', taskDefinition: crashing }));
    await vscode.commands.executeCommand('ecsWorkbench.watchRollout', web);
    const entry = await until(
      'the rollout to end after the rollback',
      () => {
        emu.advance(3_000);
        // This emulator's web (earlier suites watched web services of their own).
        return api.deploy
          .rollouts()
          .find(
            (r) =>
              r.target.connection.endpoint === emu.url &&
              r.target.service === 'web' &&
              r.state.phase === 'failed',
          );
      },
      90_000,
    );
    const root = rolloutNode(entry.target, entry.state);
    assert.equal(root.description, 'shop · Failed');
    const rows = root.children();
    assert.match(
      labelOf(rows[0] as vscode.TreeItem),
      /^Rolled back to web:1 after circuit breaker: \d+ tasks failed \(exit 1\)$/,
    );
    assert.match(entry.state.message, /web:1 is running 3\/3 again/);
    const stopped = rows.find((r) => labelOf(r).startsWith('Stopped tasks'));
    const tasks = stopped?.children() ?? [];
    assert.ok(tasks.length >= 1, 'the crashed tasks of this deployment');
    for (const t of tasks)
      assert.match(labelOf(t), / web:2$/, 'only the tasks the failed deployment started');
    assert.ok(
      tasks.some((t) => /exit 1 · EssentialContainerExited/.test(String(t.description))),
      tasks.map((t) => t.description).join('\n'),
    );
  });

  it('keeps a stopped task ECS has forgotten as a remembered row', async () => {
    const apiNode = await child(await shop(), 'api');
    const folder = await child(apiNode, 'Recently stopped tasks');
    const running = await ecs.send(
      new ListTasksCommand({ cluster: 'shop', serviceName: 'api', desiredStatus: 'RUNNING' }),
    );
    const stopped = running.taskArns?.[0] ?? '';
    await ecs.send(new StopTaskCommand({ cluster: 'shop', task: stopped, reason: 'Stopped for the test' }));
    const id = stopped.slice(stopped.lastIndexOf('/') + 1);
    const rowOf = async (): Promise<ExplorerNode | undefined> => {
      explorer().provider.refresh(folder);
      return (await children(folder)).find((n) => labelOf(item(n)) === id);
    };
    await until('the stopped task listed from ECS', async () => {
      emu.advance(5_000);
      const row = await rowOf();
      // Remembered only once seen STOPPED (not while still stopping).
      return row && (row as TaskNode).task?.lastStatus === 'STOPPED' ? row : undefined;
    });
    // An hour later ECS no longer lists it; the workspace still shows it, marked as remembered.
    emu.advance(61 * 60_000);
    const remembered = await until('the remembered row', async () => {
      const row = await rowOf();
      return row && item(row).contextValue === 'ecsTask.remembered' ? row : undefined;
    });
    assert.match(String(item(remembered).description), /^seen .* · Stopped for the test/);
    assert.match(
      String((item(remembered).tooltip as vscode.MarkdownString).value),
      /remembered \(ECS no longer lists it\)/,
    );
  });
  it('shows only what is not healthy with the filter, and everything again without it', async () => {
    const cluster = await shop();
    const services = async (): Promise<string[]> =>
      (await children(cluster))
        .map((n) => labelOf(item(n)))
        .filter((l) => !['Standalone tasks', 'Recently stopped tasks'].includes(l));
    await vscode.commands.executeCommand('ecsWorkbench.explorer.showUnhealthyOnly');
    try {
      assert.deepEqual(await services(), ['checkout']);
    } finally {
      await vscode.commands.executeCommand('ecsWorkbench.explorer.showAll');
    }
    assert.deepEqual(await services(), ['api', 'checkout', 'web']);
  });
});

import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { EcsWorkbenchApi } from '../../../client/src/extension';
import type { ExplorerNode } from '../../../client/src/views/explorer/nodes/index';
import { startEmulator, type RunningEmulator } from '../../../emulator';
import { activateExtension, until } from '../util';

type Api = EcsWorkbenchApi['explorer'];

const labelOf = (item: vscode.TreeItem): string =>
  typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
const iconOf = (item: vscode.TreeItem): string =>
  item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : '';

describe('Explorer', function () {
  this.timeout(90_000);
  let emu: RunningEmulator;
  let explorer: Api;
  const settings = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('ecsWorkbench');
  const children = (node?: ExplorerNode): Promise<ExplorerNode[]> =>
    Promise.resolve(explorer.provider.getChildren(node));
  const item = (node: ExplorerNode): vscode.TreeItem => explorer.provider.getTreeItem(node);
  const labels = async (node?: ExplorerNode): Promise<string[]> =>
    (await children(node)).map((n) => labelOf(item(n)));
  const child = async (parent: ExplorerNode | undefined, label: string): Promise<ExplorerNode> => {
    const found = (await children(parent)).find((n) => labelOf(item(n)) === label);
    assert.ok(found, `no child "${label}" under ${parent ? labelOf(item(parent)) : 'the root'}`);
    return found;
  };
  const root = async (): Promise<ExplorerNode> =>
    until('the us-east-1 connection root', async () => {
      const roots = await children();
      return roots.length === 1 && labelOf(item(roots[0] as ExplorerNode)) === 'us-east-1'
        ? roots[0]
        : undefined;
    });

  before(async () => {
    const api = await activateExtension();
    explorer = api.explorer;
    assert.equal(explorer.sdkLoadedAtActivation, false, 'activation must not load the AWS SDK');
    emu = await startEmulator({ scenario: 'demo', speed: 1 });
    const target = vscode.ConfigurationTarget.Workspace;
    await settings().update('profile', 'dev', target);
    await settings().update('regions', ['us-east-1'], target);
    await settings().update('explorer.autoRefreshSeconds', 1, target);
    await settings().update('endpoint', emu.url, target);
    await vscode.commands.executeCommand('ecsWorkbench.explorer.focus');
    await until('the explorer to be visible', () => explorer.treeView.visible);
  });

  after(async () => {
    const target = vscode.ConfigurationTarget.Workspace;
    for (const key of ['endpoint', 'profile', 'regions', 'explorer.autoRefreshSeconds']) {
      await settings().update(key, undefined, target);
    }
    await emu?.stop();
  });

  it('shows clusters → services → tasks → containers with their states', async () => {
    const conn = await root();
    assert.match(item(conn).description as string, /^dev @ http:\/\/127\.0\.0\.1:\d+$/);
    assert.deepEqual(await labels(conn), ['batch', 'prod', 'staging', 'Task definitions']);
    const prod = await child(conn, 'prod');
    assert.match(item(prod).description as string, /^3 services · \d+ running(, \d+ pending)?$/);
    assert.equal(iconOf(item(prod)), 'server-environment');
    assert.equal(item(prod).contextValue, 'ecsCluster');

    assert.deepEqual(await labels(prod), [
      'api',
      'checkout',
      'web',
      'Standalone tasks',
      'Recently stopped tasks',
    ]);
    const web = await child(prod, 'web');
    assert.equal(item(web).description, '3/3 running · FARGATE');
    assert.equal(iconOf(item(web)), 'pass');
    assert.equal(item(web).contextValue, 'ecsService');
    const api = await child(prod, 'api');
    assert.equal(iconOf(item(api)), 'sync~spin');
    assert.equal(item(api).contextValue, 'ecsService.deploying');
    assert.match(item(api).description as string, /· FARGATE · Deploying$/);

    const webChildren = await children(web);
    const webItems = webChildren.map(item);
    assert.equal(labelOf(webItems[0] as vscode.TreeItem), 'Primary web:1');
    assert.match((webItems[0] as vscode.TreeItem).description as string, /^Completed · 3\/3 running/);
    const tasks = webChildren.filter((n) => item(n).contextValue === 'ecsTask');
    assert.equal(tasks.length, 3);
    const task = tasks[0] as ExplorerNode;
    assert.match(labelOf(item(task)), /^[0-9a-f]{32}$/);
    assert.match(
      item(task).description as string,
      /^RUNNING · HEALTHY · web:1 · us-east-1[a-f] · 10\.\d+\.\d+\.\d+$/,
    );
    assert.equal(iconOf(item(task)), 'vm-running');
    assert.equal(labelOf(webItems[webItems.length - 1] as vscode.TreeItem), 'Recently stopped tasks');

    const containers = await children(task);
    assert.deepEqual(
      containers.map((c) => labelOf(item(c))),
      ['web', 'envoy'],
    );
    assert.match(
      item(containers[0] as ExplorerNode).description as string,
      /^RUNNING · .*public\.ecr\.aws\/nginx\/nginx:1\.27$/,
    );
    assert.equal(iconOf(item(containers[0] as ExplorerNode)), 'package');

    const batch = await child(conn, 'batch');
    const standalone = await children(await child(batch, 'Standalone tasks'));
    assert.ok(standalone.length >= 1);
    assert.match(item(standalone[0] as ExplorerNode).description as string, /nightly-report:1/);
  });

  it('updates a deployment in progress to COMPLETED without a manual refresh', async () => {
    const prod = await child(await root(), 'prod');
    const api = await child(prod, 'api');
    assert.equal(iconOf(item(api)), 'sync~spin');
    // Move simulated time past the new revision's health checks; the watcher must notice by itself.
    // Simulated time moves on (each step processes the rollout's next stage); nothing refreshes the tree.
    await until(
      'the api rollout to show COMPLETED',
      () => {
        emu.advance(60_000);
        return iconOf(item(api)) === 'pass';
      },
      30_000,
    );
    assert.equal(item(api).description, '2/2 running · FARGATE');
    assert.equal(item(api).contextValue, 'ecsService');
    const deployments = (await children(api)).filter((n) =>
      item(n).contextValue?.startsWith('ecsDeployment'),
    );
    assert.deepEqual(
      deployments.map((d) => labelOf(item(d))),
      ['Primary api:2'],
    );
  });

  it('shows a throttled connection as a message node and keeps what was shown', async () => {
    const conn = await root();
    emu.faults.set({ operation: 'ListClusters', kind: 'throttle' });
    try {
      explorer.provider.refresh(conn);
      const shown = await children(conn);
      const first = item(shown[0] as ExplorerNode);
      assert.equal(first.contextValue, 'ecsMessage.Throttled');
      assert.match(labelOf(first), /throttling/);
      assert.match(String((first.tooltip as vscode.MarkdownString).value), /ThrottlingException/);
      assert.equal(first.command?.command, 'ecsWorkbench.explorer.fix');
      assert.deepEqual(
        shown.slice(1).map((n) => labelOf(item(n))),
        ['batch', 'prod', 'staging', 'Task definitions'],
      );
    } finally {
      emu.faults.clear();
    }
    explorer.provider.refresh(conn);
    assert.deepEqual(await labels(conn), ['batch', 'prod', 'staging', 'Task definitions']);
  });

  it('shows expired credentials as a message node that says what to do', async () => {
    const conn = await root();
    emu.faults.set({ operation: 'ListClusters', kind: 'expiredToken', count: 1 });
    explorer.provider.refresh(conn);
    const shown = await children(conn);
    const first = item(shown[0] as ExplorerNode);
    assert.equal(first.contextValue, 'ecsMessage.ExpiredToken');
    assert.match(labelOf(first), /expired/);
    explorer.provider.refresh(conn);
    assert.equal((await labels(conn))[0], 'batch');
  });

  it('opens a task definition revision as read-only JSON', async () => {
    const families = await child(await root(), 'Task definitions');
    const api = await child(families, 'api');
    const revisions = await children(api);
    assert.deepEqual(
      revisions.map((r) => labelOf(item(r))),
      ['api:2', 'api:1'],
    );
    assert.equal(item(revisions[0] as ExplorerNode).description, 'ACTIVE');
    const open = item(revisions[0] as ExplorerNode).command;
    assert.equal(open?.command, 'vscode.open');
    const uri = open?.arguments?.[0] as vscode.Uri;
    const document = await vscode.workspace.openTextDocument(uri);
    assert.equal(document.languageId, 'json');
    const json = JSON.parse(document.getText()) as Record<string, unknown>;
    assert.equal(json.family, 'api');
    assert.equal(json.taskDefinitionArn, undefined, 'read-only describe fields are left out');
    assert.equal(
      (json.containerDefinitions as { image: string }[])[0]?.image,
      '123456789012.dkr.ecr.us-east-1.amazonaws.com/api:1.5.0',
    );
  });

  it('shows a deployment started elsewhere (a write through the data layer) without a manual refresh', async () => {
    const conn = await root();
    const prod = await child(conn, 'prod');
    const web = await child(prod, 'web');
    assert.equal(iconOf(item(web)), 'pass');
    const c = (await children()).map((n) => n.connection)[0];
    assert.ok(c);
    const r = await explorer.writes.updateService(c, {
      cluster: 'prod',
      service: 'web',
      forceNewDeployment: true,
    });
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    // The tree re-reads the connection after a write: the same service node shows the rollout.
    await until('web to show its new deployment', async () => {
      await children(conn);
      const fresh = await child(await child(conn, 'prod'), 'web');
      return iconOf(item(fresh)) === 'sync~spin' ? fresh : undefined;
    });
    await until(
      'web to complete again',
      async () => {
        emu.advance(60_000);
        return iconOf(item(await child(await child(conn, 'prod'), 'web'))) === 'pass';
      },
      30_000,
    );
  });

  it('lists recently stopped tasks with their stop code and reason', async () => {
    const conn = await root();
    const batch = await child(conn, 'batch');
    // The scheduled report task comes and goes: wait (in simulated time) until one runs.
    const task = await until('a running standalone task', async () => {
      const folder = await child(batch, 'Standalone tasks');
      explorer.provider.refresh(folder);
      const found = (await children(folder)).find((n) => item(n).contextValue === 'ecsTask');
      if (!found) emu.advance(10_000);
      return found;
    });
    assert.ok(task.arn);
    const c = task.connection;
    assert.ok(c);
    const r = await explorer.writes.stopTask(c, 'batch', task.arn, 'Stopped by the explorer test');
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    const stopped = await until('the task to show as stopped, with its reason', async () => {
      emu.advance(60_000);
      const folder = await child(await child(await root(), 'batch'), 'Recently stopped tasks');
      explorer.provider.refresh(folder);
      const node = (await children(folder)).find((n) => n.arn === task.arn);
      return node &&
        /^[^·]+ ago · UserInitiated · Stopped by the explorer test · nightly-report:1$|^just now · UserInitiated · Stopped by the explorer test · nightly-report:1$/.test(
          String(item(node).description),
        )
        ? node
        : undefined;
    });
    assert.equal(item(stopped).contextValue, 'ecsTask.stopped');
    assert.equal(iconOf(item(stopped)), 'vm-outline');
  });

  it('copies ARNs, shows nodes as JSON and compares revisions in the diff editor', async () => {
    const conn = await root();
    const web = await child(await child(conn, 'prod'), 'web');
    await vscode.commands.executeCommand('ecsWorkbench.explorer.copyArn', web);
    assert.equal(
      await vscode.env.clipboard.readText(),
      `arn:aws:ecs:us-east-1:123456789012:service/prod/web`,
    );

    await vscode.commands.executeCommand('ecsWorkbench.explorer.viewJson', web);
    const shown = await until('the JSON view of web', () => {
      const doc = vscode.window.activeTextEditor?.document;
      return doc?.uri.scheme === 'ecs-workbench' && doc.uri.path.startsWith('/json/') ? doc : undefined;
    });
    // Shown as describe-services prints it, so the language server does not lint it as an input.
    const json = JSON.parse(shown.getText()) as { services?: { serviceName?: string }[] };
    assert.equal(json.services?.[0]?.serviceName, 'web');
    assert.deepEqual(
      vscode.languages.getDiagnostics(shown.uri).filter((d) => d.source === 'ecs'),
      [],
    );

    const revisions = await children(await child(await child(conn, 'Task definitions'), 'api'));
    await vscode.commands.executeCommand('ecsWorkbench.explorer.compareRevisions', revisions[0], revisions);
    const diff = await until('a diff of api:1 and api:2', () => {
      const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
      return input instanceof vscode.TabInputTextDiff ? input : undefined;
    });
    assert.match(diff.original.path, /api-1\.task-definition\.json$/);
    assert.match(diff.modified.path, /api-2\.task-definition\.json$/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');

    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(folder);
    const local = vscode.Uri.joinPath(folder, 'api-task-def.json');
    await vscode.workspace.fs.writeFile(
      local,
      Buffer.from('{ "family": "api", "containerDefinitions": [] }\n'),
    );
    await vscode.commands.executeCommand(
      'ecsWorkbench.explorer.compareWithFile',
      revisions[0],
      undefined,
      local,
    );
    const withFile = await until('a diff with the local file', () => {
      const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
      return input instanceof vscode.TabInputTextDiff ? input : undefined;
    });
    assert.equal(withFile.original.fsPath, local.fsPath);
    assert.match(withFile.modified.path, /api-2\.task-definition\.json$/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('switches profile and Regions from settings, with the status bar', async () => {
    const target = vscode.ConfigurationTarget.Workspace;
    await settings().update('profile', 'ops', target);
    await settings().update('regions', ['us-east-1', 'eu-west-1'], target);
    await until('two Region roots', async () => (await labels()).join() === 'us-east-1,eu-west-1');
    const roots = await children();
    assert.match(item(roots[1] as ExplorerNode).description as string, /^ops @ /);
    assert.match(explorer.statusBar.text, /^\$\(beaker\) Emulator 127\.0\.0\.1:\d+ · ops · us-east-1 \+1$/);
    await settings().update('profile', 'dev', target);
    await settings().update('regions', ['us-east-1'], target);
    await root();
    assert.match(explorer.statusBar.text, /^\$\(beaker\) Emulator 127\.0\.0\.1:\d+ · dev · us-east-1$/);
  });
  it('switches profile and Regions with the commands', async () => {
    await vscode.commands.executeCommand('ecsWorkbench.explorer.switchProfile', 'beta');
    await vscode.commands.executeCommand('ecsWorkbench.explorer.switchRegion', ['us-east-1', 'us-west-2']);
    try {
      assert.equal(settings().get('profile'), 'beta');
      await until('the status bar to show beta', () =>
        / · beta · us-east-1 \+1$/.test(explorer.statusBar.text),
      );
      await until('two Region roots of beta', async () => {
        const roots = await children();
        return (
          roots.map((r) => labelOf(item(r))).join() === 'us-east-1,us-west-2' &&
          /^beta @ /.test(String(item(roots[1] as ExplorerNode).description))
        );
      });
    } finally {
      await vscode.commands.executeCommand('ecsWorkbench.explorer.switchProfile', 'dev');
      await vscode.commands.executeCommand('ecsWorkbench.explorer.switchRegion', ['us-east-1']);
    }
    await root();
  });

  it('pages a long service list 100 at a time with Load more', async () => {
    const big = await startEmulator({ scenario: 'big', services: 250 });
    // No background refresh here: the test counts the calls of paging alone.
    await settings().update('explorer.autoRefreshSeconds', 0, vscode.ConfigurationTarget.Workspace);
    try {
      await settings().update('endpoint', big.url, vscode.ConfigurationTarget.Workspace);
      const conn = await until('the big cluster', async () => {
        const r = await root();
        return (await labels(r))[0] === 'big' ? r : undefined;
      });
      const cluster = await child(conn, 'big');
      assert.match(item(cluster).description as string, /^250 services · 500 running$/);
      // The row's background summary read the first page already (same cached listing).
      await until('the first page read', () => (big.calls.byOperation().DescribeServices ?? 0) >= 10);
      big.calls.reset();
      let shown = await labels(cluster);
      assert.equal(shown.length, 103);
      assert.deepEqual(shown.slice(99), [
        'svc-0100',
        'Load more…',
        'Standalone tasks',
        'Recently stopped tasks',
      ]);
      const first = big.calls.byOperation();
      assert.ok((first.ListServices ?? 0) <= 1 && (first.DescribeServices ?? 0) <= 10, JSON.stringify(first));
      big.calls.reset();
      const more = (await children(cluster)).find((n) => labelOf(item(n)) === 'Load more…');
      await vscode.commands.executeCommand('ecsWorkbench.explorer.loadMore', more);
      shown = await labels(cluster);
      assert.equal(shown.length, 203);
      assert.equal(shown[199], 'svc-0200');
      const second = big.calls.byOperation();
      assert.equal(second.ListServices, 1, JSON.stringify(second));
      assert.ok((second.DescribeServices ?? 0) >= 10, JSON.stringify(second));

      // 500 tasks: a service expanded lists only its own (two calls), not every page of the cluster.
      big.calls.reset();
      const service = await child(cluster, 'svc-0150');
      const tasks = (await children(service)).filter((n) => item(n).contextValue === 'ecsTask');
      assert.equal(tasks.length, 2);
      for (const t of tasks) assert.match(item(t).description as string, /^RUNNING · /);
      assert.deepEqual(big.calls.byOperation(), { ListTasks: 1, DescribeTasks: 1 });
      const query = big.calls.list('ListTasks')[0]?.params as { serviceName?: string } | undefined;
      assert.equal(query?.serviceName, 'svc-0150');
    } finally {
      await settings().update('endpoint', emu.url, vscode.ConfigurationTarget.Workspace);
      await settings().update('explorer.autoRefreshSeconds', 1, vscode.ConfigurationTarget.Workspace);
      await big.stop();
    }
  });
});

/**
 * The ECS explorer view: connection/Region roots from settings, the tree provider over the
 * gateway, the status-bar item of the active profile/Region and the watcher that refreshes
 * services while a deployment is in progress (only while the view is visible). Without any
 * credential hint the tree stays empty, so VS Code shows the "no credentials" welcome content.
 */
import os from 'node:os';
import * as vscode from 'vscode';
import type { AwsGateway } from '../aws/awsGateway';
import { hasCredentialHints } from '../aws/credentialsPresence';
import type { EcsWrites } from '../aws/ecsWrites';
import { connectionKey, isDeploying, type Connection } from '../aws/gateway';
import { isEcsSdkLoaded } from '../aws/sdkClients';
import { registerExplorerCommands } from '../commands/explorer';
import type { EcsContext } from '../context';
import { readConnectionSettings, type ConnectionSettings } from './connectionSettings';
import { ExplorerDocuments, SCHEME } from './documents';
import {
  ConnectionNode,
  type ExplorerEnv,
  type ExplorerNode,
  type ShownService,
} from './explorer/nodes/index';

export class ExplorerProvider implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private roots: ConnectionNode[] = [];
  private rootsKey = '';
  noCredentials = false;
  readonly env: ExplorerEnv;

  constructor(
    readonly gateway: AwsGateway,
    readonly documents: ExplorerDocuments,
  ) {
    this.env = {
      gateway,
      changed: (node) => this.emitter.fire(node),
      revisionUri: (c, ref) => documents.revisionUri(c, ref),
      shownServices: new Set<ShownService>(),
    };
  }

  /** Rebuilds the roots when the connections changed; keeps them (and their loaded state) otherwise. */
  setConnections(connections: readonly Connection[]): void {
    const key = connections.map(connectionKey).join(',');
    if (key === this.rootsKey) return;
    this.rootsKey = key;
    this.env.shownServices.clear();
    this.roots = connections.map((c) => new ConnectionNode(c, this.env));
    this.emitter.fire(undefined);
  }

  get connections(): readonly Connection[] {
    return this.roots.map((r) => r.connection);
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    return node.treeItem();
  }

  async getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    if (!node) return this.noCredentials ? [] : this.roots;
    return node.children();
  }

  getParent(node: ExplorerNode): ExplorerNode | undefined {
    return node.parent;
  }

  /** Reads a node's children again (the whole tree without one); what is shown stays until they arrive. */
  refresh(node?: ExplorerNode): void {
    if (node) {
      const conn = node.connection;
      if (conn && node instanceof ConnectionNode) this.gateway.invalidate(conn);
      node.markFresh();
      this.emitter.fire(node);
      return;
    }
    this.gateway.invalidate();
    for (const root of this.roots) root.markFresh();
    this.emitter.fire(undefined);
  }

  /** Refreshes the root of a connection (by `connectionKey`), if shown. */
  refreshConnection(key: string): void {
    const root = this.roots.find((r) => connectionKey(r.connection) === key);
    if (root) this.refresh(root);
  }

  /** Describes services with a deployment in progress again, as a background request. */
  async watchDeployments(): Promise<number> {
    const groups = new Map<string, { conn: Connection; cluster: string; nodes: ShownService[] }>();
    for (const node of this.env.shownServices) {
      const conn = node.connection;
      if (!conn || !isDeploying(node.service)) continue;
      const key = `${connectionKey(conn)}|${node.service.clusterArn}`;
      const group = groups.get(key) ?? { conn, cluster: node.service.clusterArn, nodes: [] };
      group.nodes.push(node);
      groups.set(key, group);
    }
    let updated = 0;
    await Promise.all(
      [...groups.values()].map(async ({ conn, cluster, nodes }) => {
        const r = await this.gateway.describeServices(
          conn,
          cluster,
          nodes.map((n) => n.service.name),
          { priority: 'background', maxAge: 0 },
        );
        if (!r.ok) return;
        // Cached listings of the cluster are older than these descriptions: never show them again.
        this.gateway.invalidate(conn, cluster);
        for (const service of r.value) {
          const node = nodes.find((n) => n.service.arn === service.arn);
          if (!node) continue;
          node.update(service);
          node.tasksStale = true;
          updated++;
          this.emitter.fire(node);
        }
      }),
    );
    return updated;
  }

  dispose(): void {
    this.emitter.dispose();
  }
}

/** What the explorer exposes to other features and to tests. */
export interface ExplorerApi {
  readonly provider: ExplorerProvider;
  readonly treeView: vscode.TreeView<ExplorerNode>;
  readonly gateway: AwsGateway;
  readonly writes: EcsWrites;
  readonly statusBar: vscode.StatusBarItem;
  /** Whether the ECS SDK had been loaded when the explorer finished registering (must be false). */
  readonly sdkLoadedAtActivation: boolean;
}

function statusText(s: ConnectionSettings): string {
  const regions =
    s.regions.length > 1 ? `${s.regions[0] ?? ''} +${s.regions.length - 1}` : (s.regions[0] ?? '');
  return `$(cloud) ${s.profile} · ${regions}`;
}

export function registerExplorerView(ctx: EcsContext): ExplorerApi {
  const gateway = ctx.ecs;
  const documents = new ExplorerDocuments(gateway);
  ctx.own(vscode.workspace.registerTextDocumentContentProvider(SCHEME, documents));
  const provider = ctx.own(new ExplorerProvider(gateway, documents));
  const treeView = ctx.own(
    vscode.window.createTreeView('ecsWorkbench.explorer', {
      treeDataProvider: provider,
      showCollapseAll: true,
      canSelectMany: true,
    }),
  );
  const statusBar = ctx.own(
    vscode.window.createStatusBarItem('ecsWorkbench.connection', vscode.StatusBarAlignment.Left, 10),
  );
  statusBar.name = 'ECS Connection';
  statusBar.command = 'ecsWorkbench.explorer.switchProfile';

  const apply = (): void => {
    const settings = readConnectionSettings();
    const found = hasCredentialHints({
      env: process.env,
      homeDir: os.homedir(),
      endpoint: settings.endpoint,
    });
    provider.noCredentials = !found;
    void vscode.commands.executeCommand('setContext', 'ecsWorkbench.noCredentials', !found);
    provider.setConnections(settings.connections);
    statusBar.text = statusText(settings);
    statusBar.tooltip = new vscode.MarkdownString(
      `ECS explorer: profile **${settings.profile}**, ${settings.regions.join(', ')}` +
        (settings.endpoint ? ` via ${settings.endpoint}` : '') +
        '\n\nClick to switch profile; use "ECS: Switch Region" for Regions.',
    );
    statusBar.show();
  };
  apply();
  ctx.own(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (
        e.affectsConfiguration('ecsWorkbench.endpoint') ||
        e.affectsConfiguration('ecsWorkbench.profile') ||
        e.affectsConfiguration('ecsWorkbench.regions')
      ) {
        apply();
        provider.refresh();
      }
      if (e.affectsConfiguration('ecsWorkbench.explorer.autoRefreshSeconds')) restartWatcher();
    }),
  );

  // The deployment watcher: one background DescribeServices per cluster per tick, only while visible.
  let timer: NodeJS.Timeout | undefined;
  let ticking = false;
  const restartWatcher = (): void => {
    if (timer) clearInterval(timer);
    timer = undefined;
    const seconds =
      vscode.workspace.getConfiguration('ecsWorkbench').get<number>('explorer.autoRefreshSeconds') ?? 5;
    if (!(seconds > 0) || !treeView.visible) return;
    timer = setInterval(
      () => {
        if (ticking) return;
        ticking = true;
        void provider
          .watchDeployments()
          .catch((error: unknown) => ctx.log.warn(`Deployment watch: ${String(error)}`))
          .finally(() => (ticking = false));
      },
      Math.max(1, seconds) * 1000,
    );
  };
  restartWatcher();
  ctx.own(treeView.onDidChangeVisibility(() => restartWatcher()));
  ctx.own({ dispose: () => timer && clearInterval(timer) });

  // After a deploy, scale or stop (from any feature), read the connection again: debounced, so a
  // register + update pair costs one refresh.
  let pendingWrite: NodeJS.Timeout | undefined;
  const written = new Set<string>();
  ctx.own(
    gateway.onDidWrite(({ connection }) => {
      written.add(connectionKey(connection));
      if (pendingWrite) return;
      pendingWrite = setTimeout(() => {
        pendingWrite = undefined;
        for (const key of written) provider.refreshConnection(key);
        written.clear();
      }, 300);
    }),
  );
  ctx.own({ dispose: () => pendingWrite && clearTimeout(pendingWrite) });

  registerExplorerCommands(ctx, provider, treeView, documents);
  return {
    provider,
    treeView,
    gateway,
    writes: ctx.ecsWrites,
    statusBar,
    sdkLoadedAtActivation: isEcsSdkLoaded(),
  };
}

/**
 * The ECS explorer view: connection/Region roots from settings, the tree provider over the
 * gateway, the status-bar item of the active profile/Region and the background refresh of what
 * is shown (only while the view is visible). Rows are re-rendered only when what they show
 * changed (a fingerprint of label, description, icon and tooltip), and keep the user's expansion. Without any
 * credential hint the tree stays empty, so VS Code shows the "no credentials" welcome content.
 */
import os from 'node:os';
import * as vscode from 'vscode';
import type { AwsGateway } from '../aws/awsGateway';
import { hasCredentialHints } from '../aws/credentialsPresence';
import type { EcsWrites } from '../aws/ecsWrites';
import { connectionKey, type Connection } from '../aws/gateway';
import { isEcsSdkLoaded } from '../aws/sdkClients';
import { registerExplorerCommands } from '../commands/explorer';
import type { EcsContext } from '../context';
import { readConnectionSettings, type ConnectionSettings } from './connectionSettings';
import { initEndpointConsent } from './endpointConsent';
import { ALLOW_ENDPOINT_COMMAND, endpointNotices, registerEndpointConsent } from './endpointPrompt';
import { ExplorerDocuments, SCHEME } from './documents';
import { FULL_REFRESH_EVERY, refreshServices } from './explorer/refresher';
import { StoppedMemory, type MementoLike } from './explorer/stoppedMemory';
import {
  ClusterNode,
  ConnectionNode,
  ServiceNode,
  type ExplorerEnv,
  type ExplorerNode,
  type ShownService,
} from './explorer/nodes/index';
import { ExpansionMemory, fingerprint } from './treeState';

export class ExplorerProvider implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private roots: ConnectionNode[] = [];
  private rootsKey = '';
  noCredentials = false;
  /** Lines above the roots that say why the tree shows less than the settings ask for. */
  notices: ExplorerNode[] = [];
  readonly env: ExplorerEnv;

  private readonly shownFingerprints = new Map<string, string>();
  private readonly redescribing = new Set<ShownService>();
  private ticks = 0;

  constructor(
    readonly gateway: AwsGateway,
    readonly documents: ExplorerDocuments,
    memento?: MementoLike,
  ) {
    this.env = {
      gateway,
      changed: (node) => this.emitter.fire(node),
      revisionUri: (c, ref) => documents.revisionUri(c, ref),
      shownServices: new Set<ShownService>(),
      rendered: (node) => this.rendered(node),
      redescribe: (node) => this.redescribe(node),
      expansion: new ExpansionMemory(),
      memory: new StoppedMemory(memento),
      unhealthyOnly: false,
    };
  }

  /** Fires a node only when its row would look different from what was last rendered. */
  rendered(node: ExplorerNode): void {
    const fp = fingerprint(node.treeItem());
    if (this.shownFingerprints.get(node.id) === fp) return;
    this.shownFingerprints.set(node.id, fp);
    this.emitter.fire(node);
  }

  /** A changed service: re-read its children if open, else re-render the row if it changed. */
  private serviceChanged(node: ShownService): void {
    node.tasksStale = true;
    if (this.env.expansion.isExpanded(node.id)) {
      this.shownFingerprints.set(node.id, fingerprint(node.treeItem()));
      this.emitter.fire(node);
    } else this.rendered(node);
    if (node.parent) this.rendered(node.parent);
  }

  /** Describes one service again (its children or the user said it is stale), then its cluster. */
  redescribe(node: ShownService): void {
    if (this.redescribing.has(node)) return;
    this.redescribing.add(node);
    void refreshServices(this.gateway, [node], 'interactive')
      .then(async (changed) => {
        for (const n of changed) this.serviceChanged(n);
        const conn = node.connection;
        if (conn) await this.refreshClusters(conn, 'interactive');
      })
      .finally(() => this.redescribing.delete(node));
  }

  /** Describes the clusters of a connection again, updating the rows that changed. */
  private async refreshClusters(conn: Connection, priority: 'interactive' | 'background'): Promise<void> {
    const root = this.roots.find((r) => connectionKey(r.connection) === connectionKey(conn));
    if (!root || root.clusters().length === 0) return;
    const r = await this.gateway.listClusters(conn, { priority, maxAge: 0 });
    if (!r.ok) return;
    for (const c of r.value) this.rendered(root.updateCluster(c));
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
    const item = node.treeItem();
    this.shownFingerprints.set(node.id, fingerprint(item));
    return item;
  }

  async getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    if (!node) return [...this.notices, ...(this.noCredentials ? [] : this.roots)];
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
      // A row summarises what it holds: its own description is read again with its children.
      if (conn && node instanceof ClusterNode) void this.refreshClusters(conn, 'interactive');
      if (node instanceof ServiceNode) this.redescribe(node);
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

  /**
   * One background refresh: the services on screen (their cluster is open) and those not healthy
   * are described again; every FULL_REFRESH_EVERY ticks all services read so far. When a service
   * changed, the clusters are described again too (their counts summarise the services). Skipped
   * while the limiter's service bucket is short: what the user clicks must never wait for it.
   */
  async tick(): Promise<number> {
    this.ticks++;
    const everything = this.ticks % FULL_REFRESH_EVERY === 0;
    const wanted = [...this.env.shownServices].filter((n) => everything || n.watched());
    const conns = new Map(this.roots.map((r) => [connectionKey(r.connection), r.connection]));
    for (const conn of conns.values()) {
      const bucket = this.gateway.limiter(conn).bucket('serviceReads');
      if (bucket.queued() > 0 || bucket.available() < Math.min(10, Math.ceil(wanted.length / 10))) return 0;
    }
    const changed = await refreshServices(this.gateway, wanted, 'background');
    for (const node of changed) this.serviceChanged(node);
    if (changed.length > 0 || everything) {
      await Promise.all([...conns.values()].map((c) => this.refreshClusters(c, 'background')));
    }
    return changed.length;
  }

  /** Shows only unhealthy services and clusters (or everything again). */
  setUnhealthyOnly(on: boolean): void {
    this.env.unhealthyOnly = on;
    this.emitter.fire(undefined);
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

/** The host of a custom endpoint that is not AWS's (the emulator, LocalStack), else undefined. */
export function emulatorHost(endpoint: string | undefined): string | undefined {
  if (!endpoint) return undefined;
  let host: string;
  try {
    host = new URL(endpoint).host;
  } catch {
    host = endpoint;
  }
  return /(^|\.)amazonaws\.com(\.cn)?(:\d+)?$|(^|\.)api\.aws(:\d+)?$/.test(host) ? undefined : host;
}

function statusText(s: ConnectionSettings): string {
  const regions =
    s.regions.length > 1 ? `${s.regions[0] ?? ''} +${s.regions.length - 1}` : (s.regions[0] ?? '');
  const emulator = emulatorHost(s.endpoint);
  // Never let a local endpoint pass for an AWS account.
  return emulator
    ? `$(beaker) Emulator ${emulator} · ${s.profile} · ${regions}`
    : `$(cloud) ${s.profile} · ${regions}`;
}

export function registerExplorerView(ctx: EcsContext): ExplorerApi {
  const gateway = ctx.ecs;
  const documents = new ExplorerDocuments(gateway);
  ctx.own(vscode.workspace.registerTextDocumentContentProvider(SCHEME, documents));
  const provider = ctx.own(new ExplorerProvider(gateway, documents, ctx.extensionContext.workspaceState));
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
  ctx.own(provider.env.expansion.track(treeView));
  statusBar.name = 'ECS Connection';
  statusBar.command = 'ecsWorkbench.explorer.switchProfile';

  initEndpointConsent(ctx.extensionContext.workspaceState);
  const apply = (): void => {
    const settings = readConnectionSettings();
    void endpointNotices(settings.gate).then((notices) => {
      const key = (ns: ExplorerNode[]): string => ns.map((n) => n.id).join(',');
      if (key(notices) === key(provider.notices)) return;
      provider.notices = notices;
      provider.env.changed();
    });
    const found = hasCredentialHints({
      env: process.env,
      homeDir: os.homedir(),
      endpoint: settings.endpoint,
    });
    provider.noCredentials = !found;
    void vscode.commands.executeCommand('setContext', 'ecsWorkbench.noCredentials', !found);
    provider.setConnections(settings.connections);
    const waiting = settings.gate.state === 'ask';
    statusBar.text = waiting ? `$(shield) ECS: endpoint not allowed` : statusText(settings);
    statusBar.command = waiting ? ALLOW_ENDPOINT_COMMAND : 'ecsWorkbench.explorer.switchProfile';
    statusBar.tooltip = new vscode.MarkdownString(
      waiting
        ? `This folder's settings send requests to ${settings.endpoint ?? ''}. Nothing is sent until you allow it: click to decide.`
        : `ECS explorer: profile **${settings.profile}**, ${settings.regions.join(', ')}` +
            (settings.endpoint ? ` via ${settings.endpoint}` : '') +
            '\n\nClick to switch profile; use "ECS: Switch Region" for Regions.',
    );
    statusBar.show();
  };
  apply();
  registerEndpointConsent(ctx, () => {
    apply();
    provider.refresh();
  });
  ctx.own(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (
        e.affectsConfiguration('ecsWorkbench.endpoint') ||
        e.affectsConfiguration('ecsWorkbench.allowedEndpoints') ||
        e.affectsConfiguration('ecsWorkbench.profile') ||
        e.affectsConfiguration('ecsWorkbench.regions')
      ) {
        apply();
        provider.refresh();
      }
      if (e.affectsConfiguration('ecsWorkbench.explorer.autoRefreshSeconds')) restartWatcher();
    }),
  );

  // The background refresh: DescribeServices of what is shown, only while the view is visible.
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
          .tick()
          .catch((error: unknown) => ctx.log.warn(`Explorer refresh: ${String(error)}`))
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

  const filter = (on: boolean): void => {
    provider.setUnhealthyOnly(on);
    void vscode.commands.executeCommand('setContext', 'ecsWorkbench.explorer.unhealthyOnly', on);
  };
  ctx.own(vscode.commands.registerCommand('ecsWorkbench.explorer.showUnhealthyOnly', () => filter(true)));
  ctx.own(vscode.commands.registerCommand('ecsWorkbench.explorer.showAll', () => filter(false)));
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

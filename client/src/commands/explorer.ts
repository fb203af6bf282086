/**
 * Explorer commands: refresh, load more, switch profile/Region, copy ARN, open in the AWS
 * console, view as JSON, compare revisions (with each other or a local file), and the fix
 * action of an error node.
 */
import * as vscode from 'vscode';
import { arnName, type Connection } from '../aws/gateway';
import { KNOWN_REGIONS, readProfiles } from '../aws/profiles';
import { signInTerminal } from '../aws/signIn';
import type { EcsContext } from '../context';
import { readConnectionSettings, setProfile, setRegions } from '../views/connectionSettings';
import type { ExplorerDocuments } from '../views/documents';
import {
  ClusterNode,
  ContainerNode,
  FamilyNode,
  LoadMoreNode,
  MessageNode,
  RevisionNode,
  ServiceNode,
  TaskNode,
  type ExplorerNode,
} from '../views/explorer/nodes/index';

/** The AWS console page of a node, or undefined when there is none (custom endpoints, message nodes). */
export function consoleUrl(c: Connection, node: ExplorerNode): string | undefined {
  if (c.endpoint) return undefined;
  const base = `https://${c.region}.console.aws.amazon.com/ecs/v2`;
  const q = `?region=${c.region}`;
  if (node instanceof ClusterNode)
    return `${base}/clusters/${encodeURIComponent(node.cluster.name)}/services${q}`;
  if (node instanceof ServiceNode) {
    return `${base}/clusters/${encodeURIComponent(arnName(node.service.clusterArn))}/services/${encodeURIComponent(node.service.name)}/health${q}`;
  }
  const task =
    node instanceof TaskNode ? node.task : node instanceof ContainerNode ? node.taskNode.task : undefined;
  if (task)
    return `${base}/clusters/${encodeURIComponent(arnName(task.clusterArn))}/tasks/${task.id}/configuration${q}`;
  if (node instanceof RevisionNode) {
    return `${base}/task-definitions/${encodeURIComponent(node.ref.family)}/${node.ref.revision}/containers${q}`;
  }
  if (node instanceof FamilyNode) return `${base}/task-definitions/${encodeURIComponent(node.family)}${q}`;
  return undefined;
}

/** Whether a workspace or folder setting chose the profile (then nothing is run in a terminal for it). */
function profileFromWorkspace(): boolean {
  const i = vscode.workspace.getConfiguration('ecsWorkbench').inspect<string>('profile');
  return [i?.workspaceValue, i?.workspaceFolderValue].some((v) => typeof v === 'string' && v.trim() !== '');
}

/** What the commands need of the explorer's tree provider (an interface: the view registers them). */
export interface ExplorerRefresher {
  refresh(node?: ExplorerNode): void;
}

export function registerExplorerCommands(
  ctx: EcsContext,
  provider: ExplorerRefresher,
  treeView: vscode.TreeView<ExplorerNode>,
  documents: ExplorerDocuments,
): void {
  const register = (id: string, fn: (...args: never[]) => unknown): void => {
    ctx.own(vscode.commands.registerCommand(id, fn));
  };
  const selected = (node: ExplorerNode | undefined): ExplorerNode | undefined =>
    node ?? treeView.selection[0];

  register('ecsWorkbench.explorer.refresh', () => provider.refresh());
  register('ecsWorkbench.explorer.refreshNode', (node?: ExplorerNode) => provider.refresh(selected(node)));
  register('ecsWorkbench.explorer.loadMore', (node?: LoadMoreNode) => node?.owner.loadMore());

  // Both switches take their answer as an argument too (keybindings, other features, tests).
  register('ecsWorkbench.explorer.switchProfile', async (profile?: unknown) => {
    if (typeof profile === 'string' && profile.trim()) {
      await setProfile(profile.trim());
      return;
    }
    const current = readConnectionSettings().profile;
    const profiles = readProfiles();
    const items: (vscode.QuickPickItem & { profile: string })[] = [
      ...(profiles.some((p) => p.name === 'default')
        ? []
        : [
            {
              label: 'default',
              description: 'default credential chain (environment, SSO, instance role)',
              profile: 'default',
            },
          ]),
      ...profiles.map((p) => ({
        label: p.name,
        description: [
          p.region,
          p.sso ? 'SSO' : '',
          p.assumeRole ? 'assume role' : '',
          p.name === current ? '(active)' : '',
        ]
          .filter(Boolean)
          .join(' · '),
        profile: p.name,
      })),
    ];
    const pick = await vscode.window.showQuickPick(items, {
      title: 'ECS: Switch AWS Profile',
      placeHolder: `Active: ${current}`,
    });
    if (pick) await setProfile(pick.profile);
  });

  register('ecsWorkbench.explorer.switchRegion', async (chosen?: unknown) => {
    if (Array.isArray(chosen) && chosen.length > 0 && chosen.every((r) => typeof r === 'string')) {
      await setRegions(chosen);
      return;
    }
    const current = new Set(readConnectionSettings().regions);
    const regions = [...new Set([...current, ...KNOWN_REGIONS])];
    const picks = await vscode.window.showQuickPick(
      regions.map((r) => ({ label: r, picked: current.has(r) })),
      { title: 'ECS: Regions shown in the explorer', canPickMany: true },
    );
    if (picks && picks.length > 0) await setRegions(picks.map((p) => p.label));
  });

  register('ecsWorkbench.explorer.copyArn', async (node?: ExplorerNode) => {
    const arn = selected(node)?.arn;
    if (!arn) return;
    await vscode.env.clipboard.writeText(arn);
    void vscode.window.setStatusBarMessage(`Copied ${arn}`, 3000);
  });

  register('ecsWorkbench.explorer.openInConsole', async (node?: ExplorerNode) => {
    const target = selected(node);
    const conn = target?.connection;
    if (!target || !conn) return;
    const url = consoleUrl(conn, target);
    if (!url) {
      void vscode.window.showInformationMessage(
        conn.endpoint
          ? `ECS Workbench: ${conn.endpoint} is a custom endpoint; it has no AWS console page.`
          : 'ECS Workbench: this item has no AWS console page.',
      );
      return;
    }
    await vscode.env.openExternal(vscode.Uri.parse(url));
  });

  register('ecsWorkbench.explorer.viewJson', async (node?: ExplorerNode) => {
    const target = selected(node);
    if (!target) return;
    if (target instanceof RevisionNode) {
      const uri = target.uri();
      if (uri) await vscode.window.showTextDocument(uri, { preview: true });
      return;
    }
    if (target.json === undefined) return;
    const label = target.treeItem().label;
    const name = typeof label === 'string' ? label : (label?.label ?? 'item');
    // Live resources are shown as `aws ecs describe-*` prints them ({ "services": [...] }): that is
    // what they are, and the language server does not take describe output for an input file to
    // lint (a bare service object looks like a create-service input, read-only fields and all).
    const wrapped =
      target instanceof ServiceNode
        ? { services: [target.json] }
        : target instanceof ClusterNode
          ? { clusters: [target.json] }
          : target instanceof TaskNode
            ? { tasks: [target.json] }
            : target.json;
    await vscode.window.showTextDocument(documents.snapshotUri(`${name}.describe`, wrapped), {
      preview: true,
    });
  });

  register('ecsWorkbench.explorer.compareRevisions', async (node?: RevisionNode, nodes?: ExplorerNode[]) => {
    const revisions = (nodes ?? treeView.selection).filter(
      (n): n is RevisionNode => n instanceof RevisionNode,
    );
    let [a, b] = revisions;
    a ??= node;
    if (!a) return;
    if (!b || b === a) {
      const family = a.parent instanceof FamilyNode ? a.parent : undefined;
      const siblings = family
        ? (await family.children()).filter((n): n is RevisionNode => n instanceof RevisionNode && n !== a)
        : [];
      if (siblings.length === 0) {
        void vscode.window.showInformationMessage(
          `ECS Workbench: ${a.ref.family} has no other revision to compare with.`,
        );
        return;
      }
      const first = a;
      const pick = await vscode.window.showQuickPick(
        siblings.map((n) => ({
          label: `${n.ref.family}:${n.ref.revision}`,
          description: n.ref.status,
          node: n,
        })),
        { title: `Compare ${first.ref.family}:${first.ref.revision} with…` },
      );
      if (!pick) return;
      b = pick.node;
    }
    const [older, newer] = a.ref.revision < b.ref.revision ? [a, b] : [b, a];
    const left = older.uri();
    const right = newer.uri();
    if (!left || !right) return;
    await vscode.commands.executeCommand(
      'vscode.diff',
      left,
      right,
      `${older.ref.family}:${older.ref.revision} ↔ ${newer.ref.family}:${newer.ref.revision}`,
    );
  });

  register(
    'ecsWorkbench.explorer.compareWithFile',
    async (node?: RevisionNode, _nodes?: unknown, file?: vscode.Uri) => {
      const target = selected(node);
      if (!(target instanceof RevisionNode)) return;
      const right = target.uri();
      if (!right) return;
      let local = file;
      if (!local) {
        const picked = await vscode.window.showOpenDialog({
          title: `Compare ${target.ref.family}:${target.ref.revision} with a local file`,
          canSelectMany: false,
          filters: { JSON: ['json'] },
        });
        local = picked?.[0];
      }
      if (!local) return;
      await vscode.commands.executeCommand(
        'vscode.diff',
        local,
        right,
        `${vscode.workspace.asRelativePath(local)} ↔ ${target.ref.family}:${target.ref.revision}`,
      );
    },
  );

  register('ecsWorkbench.explorer.fix', async (node?: MessageNode) => {
    const error = node?.error;
    const conn = node?.connection;
    if (!node || !error || !conn) return;
    switch (error.kind) {
      case 'ExpiredToken':
      case 'NoCredentials': {
        const choice = await vscode.window.showWarningMessage(
          error.message,
          ...(error.fixArgs ? ['Run in Terminal'] : []),
          'Switch Profile',
        );
        if (choice === 'Run in Terminal') {
          // `aws` runs as the terminal's process with an argument array: no shell line is built.
          const run = signInTerminal(error, { profile: conn.profile, fromWorkspace: profileFromWorkspace() });
          if (!run.ok) {
            void vscode.window.showWarningMessage(`ECS Workbench: ${run.reason}`);
            return;
          }
          vscode.window.createTerminal(run.options).show();
        } else if (choice === 'Switch Profile')
          await vscode.commands.executeCommand('ecsWorkbench.explorer.switchProfile');
        return;
      }
      case 'AccessDenied':
        await vscode.commands.executeCommand('ecsWorkbench.explorer.switchProfile');
        return;
      default:
        break;
    }
    provider.refresh(node.parent);
  });
}

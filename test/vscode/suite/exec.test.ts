/**
 * ECS Exec in the real editor against an emulator started here: Open Shell on a demo container
 * runs a real shell behind the emulator's agent, whose output reaches the terminal; resizing
 * reaches the agent; `exit` closes the terminal; Forward Port serves the container's HTTP page on
 * a local port, two connections at once; on a service without exec, the pre-flight says so and its
 * fix (enable and force a new deployment, confirmed) makes the new tasks accept a shell.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { EcsWorkbenchApi } from '../../../client/src/extension';
import type { ExecOutcome } from '../../../client/src/commands/exec';
import type { DeployPrompts } from '../../../client/src/commands/deploy/prompts';
import type { ExplorerNode } from '../../../client/src/views/explorer/nodes/index';
import { startEmulator, type RunningEmulator } from '../../../emulator';
import { httpGet } from '../../httpGet';
import { activateExtension, until, useEmulatorSettings } from '../util';

const labelOf = (item: vscode.TreeItem): string =>
  typeof item.label === 'string' ? item.label : (item.label?.label ?? '');

interface Asked {
  notifications: { kind: string; message: string; actions: string[] }[];
  confirms: string[];
}

/** Prompts that answer without UI and record what was asked; `choose` picks a notification action. */
function answering(
  asked: Asked,
  choose?: (message: string, actions: string[]) => string | undefined,
): DeployPrompts {
  return {
    pick: (_title, items) => Promise.resolve(items[0]?.value),
    confirm: (r) => {
      asked.confirms.push(r.title);
      return Promise.resolve(true);
    },
    typedConfirm: () => Promise.resolve(true),
    number: (r) => Promise.resolve(r.value),
    text: (r) => Promise.resolve(r.value),
    notify: (kind, message, actions = []) => {
      asked.notifications.push({ kind, message, actions });
      return Promise.resolve(choose?.(message, actions));
    },
  };
}

describe('ECS Exec', function () {
  this.timeout(120_000);
  let emu: RunningEmulator;
  let api: EcsWorkbenchApi;
  const asked: Asked = { notifications: [], confirms: [] };
  let resetSettings: (() => Promise<void>) | undefined;

  const children = async (parent: ExplorerNode | undefined): Promise<ExplorerNode[]> =>
    (await Promise.resolve(api.explorer.provider.getChildren(parent))) ?? [];
  const child = (parent: ExplorerNode | undefined, label: string): Promise<ExplorerNode> =>
    until(`"${label}" in the explorer`, async () =>
      (await children(parent)).find((n) => labelOf(api.explorer.provider.getTreeItem(n)) === label),
    );
  /** A RUNNING task node of a service, and its container node `container`. */
  const containerNode = async (
    cluster: string,
    service: string,
    container: string,
  ): Promise<ExplorerNode> => {
    const [conn] = await children(undefined);
    const svc = await child(await child(conn, cluster), service);
    const task = await until(`a running ${service} task node`, async () => {
      svc.markFresh();
      return (await children(svc)).find(
        (n) => (n as { task?: { lastStatus?: string } }).task?.lastStatus === 'RUNNING',
      );
    });
    return until(`container ${container}`, async () =>
      (await children(task)).find(
        (n) => (n as { container?: { name?: string } }).container?.name === container,
      ),
    );
  };

  before(async () => {
    api = await activateExtension();
    emu = await startEmulator({ scenario: 'demo', speed: 10 });
    resetSettings = await useEmulatorSettings(emu.url, {
      'exec.mode': 'builtin',
      'deploy.pollIntervalMs': 100,
    });
    api.exec.setPrompts(answering(asked));
    api.deploy.setPrompts(answering(asked));
  });

  after(async () => {
    for (const f of api.exec.forwards()) f.stop();
    api.exec.setPrompts(undefined);
    api.deploy.setPrompts(undefined);
    await resetSettings?.();
    await emu?.stop();
  });

  it('Open Shell on a container: a command runs, resize reaches the agent, exit closes the terminal', async () => {
    const node = await containerNode('prod', 'web', 'web');
    const outcome = await vscode.commands.executeCommand<ExecOutcome>('ecsWorkbench.exec.openShell', node);
    assert.equal(outcome.kind, 'terminal', JSON.stringify(outcome));
    if (outcome.kind !== 'terminal') return;
    const view = outcome.view;
    // In Restricted Mode VS Code 1.139 starts no terminal, not even a pseudoterminal, until the user
    // answers a modal trust dialog, which the test workbench refuses to show: open() would never be
    // called. The launchers open the workspace trusted (--disable-workspace-trust).
    assert.ok(
      vscode.workspace.isTrusted,
      'the test workspace is trusted (VS Code runs no terminal otherwise)',
    );
    // VS Code opens a pseudoterminal once its terminal is on screen: bring the panel up.
    view.terminal.show(false);
    await vscode.commands.executeCommand('workbench.action.terminal.focus');
    await until('the terminal to open (VS Code calls the pseudoterminal when it shows it)', () =>
      view.output().includes('Starting session'),
    ).catch((error: Error) => {
      throw new Error(
        `${error.message}; terminals: ${vscode.window.terminals.map((t) => t.name).join(', ')}`,
      );
    });
    await until(
      'the session to open',
      () => emu.sessions().find((s) => s.sessionId === view.sessionId)?.state === 'open',
    );
    view.terminal.sendText('echo $((6*7))');
    await until('42 in the terminal', () => /(\n|\$ )42\r\n/.test(view.output()), 15_000);
    view.resize(120, 40);
    await until('the agent to get the size', () => {
      const size = emu.sessions().find((s) => s.sessionId === view.sessionId)?.lastSize;
      return size?.cols === 120 && size.rows === 40;
    });
    const closed = new Promise<vscode.Terminal>((resolve) =>
      vscode.window.onDidCloseTerminal((t) => t === view.terminal && resolve(t)),
    );
    view.terminal.sendText('exit');
    await closed;
    assert.equal(view.exitCode, 0);
    assert.ok(!vscode.window.terminals.includes(view.terminal), 'the terminal is gone');
  });

  it('Forward Port: the container page through a local port, two connections at once', async () => {
    const node = await containerNode('prod', 'web', 'web');
    const outcome = await vscode.commands.executeCommand<ExecOutcome>('ecsWorkbench.exec.forwardPort', node, {
      remote: 80,
      local: 0,
    });
    assert.equal(outcome.kind, 'forward', JSON.stringify(outcome));
    if (outcome.kind !== 'forward') return;
    const { view } = outcome;
    const task = view.taskArn.split('/').pop();
    const bodies = await Promise.all([httpGet(view.localPort), httpGet(view.localPort)]);
    assert.deepEqual(bodies, [`hello from ${task}\n`, `hello from ${task}\n`]);
    assert.equal(emu.sessions().find((s) => s.sessionId === view.sessionId)?.connections, 2);
    assert.equal(api.exec.forwards().length, 1);
    const stopped = await vscode.commands.executeCommand<number>('ecsWorkbench.exec.stopPortForward');
    assert.equal(stopped, 1);
    assert.equal(api.exec.forwards().length, 0);
    await assert.rejects(httpGet(view.localPort));
  });

  it('exec off: the pre-flight says so, and its fix redeploys with exec on so a shell opens', async () => {
    asked.notifications.length = 0;
    asked.confirms.length = 0;
    api.exec.setPrompts(answering(asked, (_m, actions) => actions.find((a) => a.startsWith('Enable'))));
    const node = await containerNode('staging', 'worker', 'worker');
    const outcome = await vscode.commands.executeCommand<ExecOutcome>('ecsWorkbench.exec.openShell', node);
    assert.equal(outcome.kind, 'problem');
    if (outcome.kind !== 'problem') return;
    assert.equal(outcome.problem.code, 'execDisabled');
    assert.match(outcome.problem.message, /enableExecuteCommand/);
    const shown = asked.notifications.find((n) => n.kind === 'error');
    assert.deepEqual(shown?.actions, ['Enable and Force New Deployment']);
    await until('the confirmation', () => asked.confirms.some((t) => /Enable ECS Exec on worker/.test(t)));
    const service = [...emu.state.services.values()].find((s) => s.name === 'worker')!;
    await until('exec on for worker', () => service.enableExecuteCommand);
    api.exec.setPrompts(answering(asked));
    // The new deployment's tasks come up with exec on; a shell then opens on one of them.
    const fresh = await until(
      'a new worker task with exec',
      () =>
        [...emu.state.tasks.values()].find(
          (t) => t.serviceName === 'worker' && t.enableExecuteCommand && t.lastStatus === 'RUNNING',
        ),
      60_000,
    );
    const [conn] = await children(undefined);
    const opened = await vscode.commands.executeCommand<ExecOutcome>('ecsWorkbench.exec.openShell', {
      connection: (conn as { connection?: unknown }).connection,
      task: { arn: fresh.arn, id: fresh.id, clusterArn: fresh.clusterArn, containers: [{ name: 'worker' }] },
    });
    assert.equal(opened.kind, 'terminal', JSON.stringify(opened));
    if (opened.kind === 'terminal') opened.view.terminal.dispose();
  });
});

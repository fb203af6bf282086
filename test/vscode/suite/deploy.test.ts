import assert from 'node:assert/strict';
import {
  DescribeServicesCommand,
  DescribeTasksCommand,
  ListTaskDefinitionsCommand,
  ListTasksCommand,
  type ECSClient,
} from '@aws-sdk/client-ecs';
import * as vscode from 'vscode';
import type { DeployResult } from '../../../client/src/commands/deploy/index';
import type {
  ConfirmRequest,
  DeployPrompts,
  PickItem,
  TypedConfirmRequest,
} from '../../../client/src/commands/deploy/prompts';
import type { EcsWorkbenchApi } from '../../../client/src/extension';
import { rolloutNode } from '../../../client/src/views/rolloutView';
import { startEmulator, type RunningEmulator } from '../../../emulator';
import { sdkClient, steadyService, taskDefinition } from '../../unit/deploy/setup';
import { activateExtension, codeOf, ecsDiagnostics, openNewFile, until } from '../util';

/** Answers every deploy question without UI and records what was asked. */
class ScriptedPrompts implements DeployPrompts {
  readonly confirms: ConfirmRequest[] = [];
  readonly typed: TypedConfirmRequest[] = [];
  readonly picks: string[] = [];
  readonly notes: { kind: string; message: string }[] = [];
  answer = true;
  typedAnswer = '';
  constructor(private readonly choices: Record<string, string>) {}

  pick<T>(title: string, items: PickItem<T>[]): Promise<T | undefined> {
    this.picks.push(title);
    const wanted = Object.entries(this.choices).find(([prefix]) => title.startsWith(prefix))?.[1];
    return Promise.resolve(items.find((i) => i.label === wanted)?.value);
  }
  confirm(request: ConfirmRequest): Promise<boolean> {
    this.confirms.push(request);
    return Promise.resolve(this.answer);
  }
  typedConfirm(request: TypedConfirmRequest): Promise<boolean> {
    this.typed.push(request);
    return Promise.resolve(this.typedAnswer === request.expected);
  }
  numberAnswer: number | undefined;
  number(): Promise<number | undefined> {
    return Promise.resolve(this.numberAnswer);
  }
  text(request: { value: string }): Promise<string | undefined> {
    return Promise.resolve(request.value);
  }
  notify(kind: 'info' | 'warning' | 'error', message: string): Promise<string | undefined> {
    this.notes.push({ kind, message });
    return Promise.resolve(undefined);
  }
}

const FILE = 'deploy/web-task-def.json';

function fileUri(): vscode.Uri {
  return vscode.Uri.joinPath(vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file('/'), FILE);
}

function labelOf(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}
const names = { cluster: 'shop', service: 'web', family: 'web' };

function fileText(image: string): string {
  return `${JSON.stringify(taskDefinition(names.family, image), null, 2)}\n`;
}

/**
 * Opens the task definition file with `text` in its buffer. An editor already open on it keeps
 * its model, so the text is replaced by an edit (deploys read the buffer, saved or not).
 */
async function editFile(text: string): Promise<vscode.TextEditor> {
  const editor = await openNewFile(FILE, text);
  if (editor.document.getText() !== text) {
    const whole = new vscode.Range(0, 0, editor.document.lineCount, 0);
    await editor.edit((b) => b.replace(whole, text));
  }
  assert.equal(editor.document.getText(), text);
  return editor;
}

describe('Deploys', function () {
  this.timeout(120_000);
  let api: EcsWorkbenchApi;
  let emu: RunningEmulator;
  let ecs: ECSClient;
  let prompts: ScriptedPrompts;
  let firstRevision = '';
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('ecsWorkbench');

  before(async () => {
    api = await activateExtension();
    emu = await startEmulator({ scenario: 'empty', speed: 50 });
    ecs = sdkClient(emu.url, emu.region);
    firstRevision = (await steadyService(ecs, names, 'registry.example/web:1.0.0')).taskDefinitionArn;
    await config().update('endpoint', emu.url, vscode.ConfigurationTarget.Workspace);
    await config().update('regions', [emu.region], vscode.ConfigurationTarget.Workspace);
    await config().update('deploy.pollIntervalMs', 100, vscode.ConfigurationTarget.Workspace);
  });

  beforeEach(() => {
    prompts = new ScriptedPrompts({ Cluster: names.cluster, Service: names.service });
    api.deploy.setPrompts(prompts);
  });

  after(async () => {
    api.deploy.setPrompts(undefined);
    for (const key of [
      'endpoint',
      'regions',
      'deploy.pollIntervalMs',
      'protectedClusters',
      'protectedProfiles',
    ]) {
      await config().update(key, undefined, vscode.ConfigurationTarget.Workspace);
    }
    await vscode.workspace.saveAll(false);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    ecs.destroy();
    await emu.stop();
  });

  async function serviceNow(): Promise<{
    taskDefinition?: string;
    deployments: { id?: string; taskDefinition?: string }[];
  }> {
    const s = (
      await ecs.send(new DescribeServicesCommand({ cluster: names.cluster, services: [names.service] }))
    ).services?.[0];
    return { taskDefinition: s?.taskDefinition, deployments: s?.deployments ?? [] };
  }

  async function runningRevisions(): Promise<string[]> {
    const arns =
      (await ecs.send(new ListTasksCommand({ cluster: names.cluster, serviceName: names.service })))
        .taskArns ?? [];
    if (arns.length === 0) return [];
    const tasks =
      (await ecs.send(new DescribeTasksCommand({ cluster: names.cluster, tasks: arns }))).tasks ?? [];
    return tasks.filter((t) => t.lastStatus === 'RUNNING').map((t) => t.taskDefinitionArn ?? '');
  }

  async function finalRollout(): Promise<
    NonNullable<Awaited<ReturnType<EcsWorkbenchApi['deploy']['rolloutDone']>>>
  > {
    const state = await api.deploy.rolloutDone(names.cluster, names.service);
    assert.ok(state, 'a rollout is being watched');
    return state;
  }

  it('registers the open file, deploys it after a confirmation naming account, Region, cluster, service and changes, and watches it to COMPLETED', async () => {
    const editor = await editFile(fileText('registry.example/web:2.0.0'));
    const uri = editor.document.uri;
    const result = await vscode.commands.executeCommand<DeployResult | undefined>(
      'ecsWorkbench.registerAndDeploy',
      uri,
    );
    assert.ok(result?.deploymentId, `deployed: ${JSON.stringify(prompts.notes)}`);
    assert.deepEqual(
      prompts.picks.map((t) => t.split(' ')[0]),
      ['Cluster', 'Service'],
    );
    const [confirm] = prompts.confirms;
    assert.ok(confirm);
    assert.equal(confirm.action, 'Deploy');
    for (const line of [
      `Account: ${emu.accountId}`,
      `Region: ${emu.region}`,
      'Cluster: shop',
      'Service: web',
      'Image app: registry.example/web:1.0.0 → registry.example/web:2.0.0',
      `Now running: web:${firstRevision.split(':').pop()} (2/2 tasks)`,
    ]) {
      assert.ok(confirm.detail.includes(line), `"${line}" in:\n${confirm.detail}`);
    }
    // The choice is remembered for the file.
    assert.equal(api.deploy.binding(uri)?.service, 'web');

    const state = await finalRollout();
    assert.equal(state.phase, 'completed', state.message);
    assert.equal(state.taskDefinition, result.revision);
    assert.deepEqual(await runningRevisions(), [result.revision, result.revision]);
    assert.ok(
      api.deploy.rollouts().some((r) => r.state === state || r.state.deploymentId === result.deploymentId),
    );
    // The Rollouts view renders that state.
    const entry = api.deploy.rollouts().find((r) => r.state.deploymentId === result.deploymentId);
    assert.ok(entry);
    const root = rolloutNode(entry.target, entry.state);
    assert.equal(root.label, 'web');
    assert.equal(root.contextValue, 'ecsRollout.ended');
    assert.match(String(root.description), /shop · Completed$/);
    const rows = root.children();
    assert.deepEqual(
      rows.map((r) => labelOf(r).replace(/\(\d+\)$/, '(n)')),
      [state.message, 'Deployments (n)', 'Events (n)', 'Stopped tasks (n)'],
    );
    const deployments = rows[1]?.children() ?? [];
    assert.deepEqual(
      deployments.map((d) => [d.label, d.description]),
      [[`Primary web:${result.revision.split(':').pop()}`, '2/2 running · 0 pending · 0 failed · Completed']],
    );
    assert.ok(rows[2]?.children().some((e) => /has reached a steady state/.test(labelOf(e))));
    await until('the completion notification', () =>
      prompts.notes.some((n) => n.kind === 'info' && /rollout completed/.test(n.message)),
    );
  });

  it('force new deployment starts a new deployment of the same revision', async () => {
    const before = await serviceNow();
    const uri = vscode.Uri.joinPath(
      vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file('/'),
      FILE,
    );
    const result = await vscode.commands.executeCommand<DeployResult | undefined>(
      'ecsWorkbench.forceNewDeployment',
      uri,
    );
    assert.ok(result?.deploymentId);
    assert.equal(prompts.confirms[0]?.action, 'Redeploy');
    assert.ok(!before.deployments.some((d) => d.id === result.deploymentId), 'a new deployment');
    assert.equal(result.revision, before.taskDefinition);
    const state = await finalRollout();
    assert.equal(state.phase, 'completed', state.message);
    const after = await serviceNow();
    assert.deepEqual(
      after.deployments.map((d) => [d.id, d.taskDefinition]),
      [[result.deploymentId, before.taskDefinition]],
    );
  });

  it('reports a crashloop image stopped by the circuit breaker, and the revision the rollback brings back', async () => {
    const previous = (await serviceNow()).taskDefinition ?? '';
    const editor = await editFile(fileText('registry.example/web:crashloop'));
    const result = await vscode.commands.executeCommand<DeployResult | undefined>(
      'ecsWorkbench.registerAndDeploy',
      editor.document.uri,
    );
    assert.ok(result?.deploymentId);
    assert.equal(prompts.picks.length, 0, 'the remembered service is used');
    const state = await finalRollout();
    assert.equal(state.phase, 'failed', state.message);
    assert.equal(state.circuitBreakerTripped, true);
    assert.equal(state.rollback?.taskDefinition, previous);
    const back = `web:${previous.split(':').pop()}`;
    assert.match(state.message, new RegExp(`rolled back to ${back}`));
    assert.ok(
      state.stoppedTasks.some((t) => t.containers.some((c) => c.exitCode === 1)),
      'crashed tasks with exit code 1',
    );
    await until('the failure notification naming the rollback', () =>
      prompts.notes.some((n) => n.kind === 'error' && n.message.includes(`rolled back to ${back}`)),
    );
    await until(
      'the previous revision running again',
      async () => (await runningRevisions()).filter((r) => r === previous).length === 2,
      30_000,
    );
  });

  it('refuses an invalid file before any API call, listing its errors', async () => {
    const text = JSON.stringify(
      {
        family: 'web',
        networkMode: 'awsvpc',
        requiresCompatibilities: ['FARGATE'],
        cpu: '256',
        memory: '4096',
        containerDefinitions: [{ name: 'app', image: 'registry.example/web:4.0.0' }],
      },
      null,
      2,
    );
    const editor = await openNewFile('deploy/invalid-task-def.json', text);
    const uri = editor.document.uri;
    const errors = await until('error diagnostics', () => {
      const found = ecsDiagnostics(uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
      return found.length > 0 ? found : undefined;
    });
    const callsBefore = emu.calls.count();
    const registersBefore = emu.calls.count('RegisterTaskDefinition');
    const result = await vscode.commands.executeCommand('ecsWorkbench.registerTaskDefinition', uri);
    assert.equal(result, undefined);
    assert.equal(emu.calls.count('RegisterTaskDefinition'), registersBefore);
    assert.equal(
      emu.calls.count(),
      callsBefore,
      `no API call at all: ${JSON.stringify(
        emu.calls
          .list()
          .slice(callsBefore)
          .map((c) => c.operation),
      )}`,
    );
    const refusal = prompts.notes.find((n) => n.kind === 'error');
    assert.ok(refusal, 'an error message');
    assert.match(refusal.message, /Not registered: deploy\/invalid-task-def\.json has \d+ error/);
    assert.ok(refusal.message.includes(codeOf(errors[0] as vscode.Diagnostic)), refusal.message);
  });

  it('diffs the open file with the revision the service runs, normalised, in the diff editor; CodeLenses offer it', async () => {
    const running = (await serviceNow()).taskDefinition ?? '';
    const runningTag = '2.0.0';
    const editor = await editFile(fileText('registry.example/web:3.1.4'));
    const uri = editor.document.uri;
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
      'vscode.executeCodeLensProvider',
      uri,
    );
    const titles = lenses.map((l) => l.command?.title ?? '');
    assert.ok(
      titles.some((t) => t.includes('Diff with deployed (web)')),
      titles.join(' | '),
    );
    assert.ok(
      titles.some((t) => t.includes('Register & deploy to web')),
      titles.join(' | '),
    );
    const diff = await vscode.commands.executeCommand<
      { leftText: string; rightText: string; left: vscode.Uri } | undefined
    >('ecsWorkbench.diffWithDeployed', uri);
    assert.ok(diff);
    assert.match(
      diff.leftText,
      new RegExp(`"image": "registry\\.example/web:${runningTag.replace(/\./g, '\\.')}"`),
    );
    assert.match(diff.rightText, /"image": "registry\.example\/web:3\.1\.4"/);
    // Only the image differs once both sides are normalised (read-only fields and defaults gone).
    const changed = diff.leftText.split('\n').filter((line, i) => line !== diff.rightText.split('\n')[i]);
    assert.deepEqual(
      changed.map((l) => l.trim()),
      [`"image": "registry.example/web:${runningTag}",`],
    );
    assert.ok(!diff.leftText.includes('taskDefinitionArn') && !diff.leftText.includes('"revision"'));
    const tab = await until('the diff editor', () => {
      const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
      return input instanceof vscode.TabInputTextDiff ? input : undefined;
    });
    assert.equal(tab.original.scheme, 'ecs-workbench-deployed');
    const shown = await vscode.workspace.openTextDocument(tab.original);
    assert.ok(shown.getText().includes(`web:${runningTag}`));
    assert.ok(running.endsWith(':2'), `the service runs the revision deployed first: ${running}`);
  });

  it('rolls back to the previous revision and says which one comes back', async () => {
    const running = (await serviceNow()).taskDefinition ?? '';
    const result = await vscode.commands.executeCommand<{ method: string; revision: string } | undefined>(
      'ecsWorkbench.rollbackService',
      fileUri(),
    );
    assert.ok(result, JSON.stringify(prompts.notes));
    assert.equal(result.method, 'UpdateService');
    const expected = `web:${Number(running.split(':').pop()) - 1}`;
    assert.ok(result.revision.endsWith(`/${expected}`), result.revision);
    const detail = prompts.confirms[0]?.detail ?? '';
    assert.ok(detail.includes(`Comes back: ${expected} (UpdateService)`), detail);
    assert.equal((await finalRollout()).phase, 'completed');
    assert.deepEqual(await runningRevisions(), [result.revision, result.revision]);
  });

  it('rolls back a deployment in progress with StopServiceDeployment', async () => {
    const previous = (await serviceNow()).taskDefinition ?? '';
    await editFile(fileText('registry.example/web:5.0.0'));
    const deployed = await vscode.commands.executeCommand<DeployResult | undefined>(
      'ecsWorkbench.registerAndDeploy',
      fileUri(),
    );
    assert.ok(deployed?.deploymentId);
    const result = await vscode.commands.executeCommand<{ method: string; revision: string } | undefined>(
      'ecsWorkbench.rollbackService',
      fileUri(),
    );
    assert.ok(result, JSON.stringify(prompts.notes));
    assert.equal(result.method, 'StopServiceDeployment');
    assert.equal(result.revision, previous);
    assert.match(
      prompts.confirms[1]?.detail ?? '',
      new RegExp(`Comes back: web:${previous.split(':').pop()}$`),
    );
    assert.equal(emu.calls.count('StopServiceDeployment'), 1);
    await until(
      'the previous revision back on every task',
      async () => {
        const s = await serviceNow();
        return (
          s.deployments.length === 1 &&
          s.taskDefinition === previous &&
          (await runningRevisions()).length === 2
        );
      },
      30_000,
    );
  });

  it('a lost RegisterTaskDefinition response does not create two revisions', async () => {
    const binding = api.deploy.binding(fileUri());
    assert.ok(binding);
    // The extension's own SDK client: the request reaches the emulator, the response is lost.
    const pool = (api.explorer.gateway as unknown as { pool: { get(c: unknown): Promise<ECSClient> } }).pool;
    const client = await pool.get(binding.connection);
    let toLose = 1;
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const result = await next(args);
        if (context.commandName === 'RegisterTaskDefinitionCommand' && toLose-- > 0) {
          throw Object.assign(new Error('socket hang up'), { name: 'TimeoutError', code: 'ECONNRESET' });
        }
        return result;
      },
      { step: 'initialize', name: 'loseRegisterResponse' },
    );
    try {
      await editFile(fileText('registry.example/web:6.0.0'));
      const family = async (): Promise<string[]> =>
        (await ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: names.family }))).taskDefinitionArns ??
        [];
      const before = await family();
      const registers = emu.calls.count('RegisterTaskDefinition');
      const revision = await vscode.commands.executeCommand<{ arn: string } | undefined>(
        'ecsWorkbench.registerTaskDefinition',
        fileUri(),
      );
      assert.ok(revision, JSON.stringify(prompts.notes));
      const [asked] = prompts.confirms;
      assert.equal(asked?.action, 'Register', 'registering asks first');
      assert.equal(toLose, 0, 'the response was lost once');
      assert.equal(
        emu.calls.count('RegisterTaskDefinition'),
        registers + 1,
        'one RegisterTaskDefinition request',
      );
      const after = await family();
      assert.deepEqual(
        after.filter((arn) => !before.includes(arn)),
        [revision.arn],
        'exactly one new revision',
      );
      await until('the ARN with next actions', () =>
        prompts.notes.some((n) => n.kind === 'info' && n.message.includes(revision.arn)),
      );
    } finally {
      client.middlewareStack.remove('loseRegisterResponse');
    }
  });

  it('registers only after a confirmation naming account, Region, profile, family and changes', async () => {
    await editFile(fileText('registry.example/web:7.0.0'));
    const registers = emu.calls.count('RegisterTaskDefinition');
    prompts.answer = false;
    const declined = await vscode.commands.executeCommand('ecsWorkbench.registerTaskDefinition', fileUri());
    assert.equal(declined, undefined);
    assert.equal(emu.calls.count('RegisterTaskDefinition'), registers, 'nothing without the confirmation');
    const [asked] = prompts.confirms;
    assert.ok(asked, 'a confirmation');
    assert.equal(asked.action, 'Register');
    assert.match(asked.title, /Register a new revision of web\?/);
    for (const line of [
      `Account: ${emu.accountId}`,
      `Region: ${emu.region}`,
      'Profile: ',
      'Family: web (latest web:',
      'Changes from web:',
    ]) {
      assert.ok(asked.detail.includes(line), `"${line}" in:\n${asked.detail}`);
    }
    assert.match(asked.detail, /7\.0\.0/, 'the image change is summarised');
    // A protected profile needs the family typed.
    await config().update('protectedProfiles', ['*'], vscode.ConfigurationTarget.Workspace);
    try {
      prompts.answer = true;
      prompts.typedAnswer = 'wrong';
      assert.equal(
        await vscode.commands.executeCommand('ecsWorkbench.registerTaskDefinition', fileUri()),
        undefined,
      );
      assert.equal(prompts.typed[0]?.expected, 'web');
      assert.equal(emu.calls.count('RegisterTaskDefinition'), registers);
      prompts.typedAnswer = 'web';
      const revision = await vscode.commands.executeCommand<{ arn: string } | undefined>(
        'ecsWorkbench.registerTaskDefinition',
        fileUri(),
      );
      assert.ok(revision?.arn);
      assert.equal(emu.calls.count('RegisterTaskDefinition'), registers + 1);
    } finally {
      await config().update('protectedProfiles', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('"Connect to Local Emulator" checks the endpoint answers and writes where it takes effect', async () => {
    const dead = await vscode.commands.executeCommand('ecsWorkbench.useEmulator', 'http://127.0.0.1:1');
    assert.equal(dead, undefined, 'nothing saved when nothing answers');
    assert.equal(config().get('endpoint'), emu.url);
    const where = await vscode.commands.executeCommand<string>('ecsWorkbench.useEmulator', emu.url);
    assert.match(
      where ?? '',
      /workspace settings/,
      'the workspace value overrides the user one: it is written',
    );
    assert.equal(config().inspect('endpoint')?.globalValue, undefined);
    assert.equal(config().inspect('endpoint')?.workspaceValue, emu.url);
  });

  it('scales, stops a task and deregisters a revision, each after a confirmation', async () => {
    const binding = api.deploy.binding(fileUri());
    assert.ok(binding);
    const node = {
      connection: binding.connection,
      service: { name: names.service, clusterArn: binding.cluster },
    };
    prompts.numberAnswer = 3;
    assert.equal(await vscode.commands.executeCommand('ecsWorkbench.scaleService', node), 3);
    assert.match(prompts.confirms[0]?.detail ?? '', /Desired count: 2 → 3/);
    await until('3 running tasks', async () => (await runningRevisions()).length === 3, 30_000);

    const arns =
      (await ecs.send(new ListTasksCommand({ cluster: names.cluster, serviceName: names.service })))
        .taskArns ?? [];
    const task = arns[0] ?? '';
    const stopped = await vscode.commands.executeCommand('ecsWorkbench.stopTask', {
      connection: binding.connection,
      task: { arn: task, clusterArn: binding.cluster, serviceName: names.service },
    });
    assert.equal(stopped, task);
    assert.match(prompts.confirms[1]?.detail ?? '', /The service web starts a replacement task/);
    const described = (await ecs.send(new DescribeTasksCommand({ cluster: names.cluster, tasks: [task] })))
      .tasks?.[0];
    assert.equal(described?.desiredStatus, 'STOPPED');
    assert.equal(described?.stoppedReason, 'Stopped from VS Code (ECS Workbench)');

    const crashloop = `arn:aws:ecs:${emu.region}:${emu.accountId}:task-definition/web:3`;
    prompts.answer = false;
    assert.equal(
      await vscode.commands.executeCommand('ecsWorkbench.deregisterTaskDefinition', {
        connection: binding.connection,
        taskDefinition: crashloop,
      }),
      undefined,
    );
    assert.equal(emu.calls.count('DeregisterTaskDefinition'), 0, 'nothing without the confirmation');
    prompts.answer = true;
    assert.equal(
      await vscode.commands.executeCommand('ecsWorkbench.deregisterTaskDefinition', {
        connection: binding.connection,
        taskDefinition: crashloop,
      }),
      crashloop,
    );
    const inactive = (
      await ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: names.family, status: 'INACTIVE' }))
    ).taskDefinitionArns;
    assert.deepEqual(inactive, [crashloop]);
  });

  it('asks for the service name on a protected cluster, and does nothing without it', async () => {
    await config().update('protectedClusters', ['sh*'], vscode.ConfigurationTarget.Workspace);
    try {
      const updates = emu.calls.count('UpdateService');
      const uri = vscode.Uri.joinPath(
        vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file('/'),
        FILE,
      );
      prompts.typedAnswer = 'wrong';
      const refused = await vscode.commands.executeCommand('ecsWorkbench.forceNewDeployment', uri);
      assert.equal(refused, undefined);
      assert.equal(prompts.confirms.length, 0, 'no plain confirmation');
      assert.equal(prompts.typed[0]?.expected, 'web');
      assert.equal(emu.calls.count('UpdateService'), updates);
      prompts.typedAnswer = 'web';
      const done = await vscode.commands.executeCommand<DeployResult | undefined>(
        'ecsWorkbench.forceNewDeployment',
        uri,
      );
      assert.ok(done?.deploymentId);
      assert.equal(emu.calls.count('UpdateService'), updates + 1);
      assert.equal((await finalRollout()).phase, 'completed');
    } finally {
      await config().update('protectedClusters', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});

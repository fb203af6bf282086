/**
 * Shared set-up of the deploy suites (deployFlow, deployRollback, deployConfirmation): an emulator
 * with a service in steady state, the extension pointed at it, scripted answers to every deploy
 * question, and the task definition file the suites edit and deploy.
 */
import assert from 'node:assert/strict';
import {
  DescribeServicesCommand,
  DescribeTasksCommand,
  ListTasksCommand,
  type ECSClient,
} from '@aws-sdk/client-ecs';
import * as vscode from 'vscode';
import type { DeployResult } from '../../client/src/commands/deploy/index';
import type {
  ConfirmRequest,
  DeployPrompts,
  PickItem,
  TypedConfirmRequest,
} from '../../client/src/commands/deploy/prompts';
import type { EcsWorkbenchApi } from '../../client/src/extension';
import { startEmulator, type RunningEmulator } from '../../emulator';
import { sdkClient, steadyService, taskDefinition } from '../unit/deploy/setup';
import { activateExtension, openNewFile } from './util';

/** Answers every deploy question without UI and records what was asked. */
export class ScriptedPrompts implements DeployPrompts {
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

export const FILE = 'deploy/web-task-def.json';
export const names = { cluster: 'shop', service: 'web', family: 'web' };

export function fileUri(): vscode.Uri {
  return vscode.Uri.joinPath(vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file('/'), FILE);
}

export function labelOf(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

/** The task definition file's text with its app container running `image`. */
export function fileText(image: string): string {
  return `${JSON.stringify(taskDefinition(names.family, image), null, 2)}\n`;
}

/**
 * Opens the task definition file with `text` in its buffer. An editor already open on it keeps
 * its model, so the text is replaced by an edit (deploys read the buffer, saved or not).
 */
export async function editFile(text: string): Promise<vscode.TextEditor> {
  const editor = await openNewFile(FILE, text);
  if (editor.document.getText() !== text) {
    const whole = new vscode.Range(0, 0, editor.document.lineCount, 0);
    await editor.edit((b) => b.replace(whole, text));
  }
  assert.equal(editor.document.getText(), text);
  return editor;
}

export const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('ecsWorkbench');

type RolloutDone = NonNullable<Awaited<ReturnType<EcsWorkbenchApi['deploy']['rolloutDone']>>>;

/** What a deploy suite works with; the fields are filled in once its `before` hook has run. */
export interface DeploySuite {
  api: EcsWorkbenchApi;
  emu: RunningEmulator;
  /** A plain SDK client, to check the emulator's state behind the extension's back. */
  ecs: ECSClient;
  /** Fresh for every test. */
  prompts: ScriptedPrompts;
  /** The revision the service ran when the suite started. */
  firstRevision: string;
  serviceNow(): Promise<{ taskDefinition?: string; deployments: { id?: string; taskDefinition?: string }[] }>;
  /** The revisions of the service's RUNNING tasks. */
  runningRevisions(): Promise<string[]>;
  /** The end of the rollout the extension watches on the service. */
  finalRollout(): Promise<RolloutDone>;
}

/**
 * Declares the hooks of a deploy suite: before it, an emulator whose service `shop/web` runs
 * `registry.example/web:1.0.0` in steady state, with the extension's settings pointing at it (and,
 * with `bound`, the file deployed once as `registry.example/web:2.0.0` through the extension, which
 * binds it to the service); scripted prompts before each test; after it, settings, binding and
 * editors as they were. Call it in a `describe` body.
 */
export function deploySuite(options: { bound?: boolean } = {}): DeploySuite {
  const d = {
    async serviceNow() {
      const s = (
        await d.ecs.send(new DescribeServicesCommand({ cluster: names.cluster, services: [names.service] }))
      ).services?.[0];
      return { taskDefinition: s?.taskDefinition, deployments: s?.deployments ?? [] };
    },
    async runningRevisions() {
      const arns =
        (await d.ecs.send(new ListTasksCommand({ cluster: names.cluster, serviceName: names.service })))
          .taskArns ?? [];
      if (arns.length === 0) return [];
      const tasks =
        (await d.ecs.send(new DescribeTasksCommand({ cluster: names.cluster, tasks: arns }))).tasks ?? [];
      return tasks.filter((t) => t.lastStatus === 'RUNNING').map((t) => t.taskDefinitionArn ?? '');
    },
    async finalRollout() {
      const state = await d.api.deploy.rolloutDone(names.cluster, names.service);
      assert.ok(state, 'a rollout is being watched');
      return state;
    },
  } as DeploySuite;
  const newPrompts = (): void => {
    d.prompts = new ScriptedPrompts({ Cluster: names.cluster, Service: names.service });
    d.api.deploy.setPrompts(d.prompts);
  };

  before(async () => {
    d.api = await activateExtension();
    d.emu = await startEmulator({ scenario: 'empty', speed: 50 });
    d.ecs = sdkClient(d.emu.url, d.emu.region);
    d.firstRevision = (await steadyService(d.ecs, names, 'registry.example/web:1.0.0')).taskDefinitionArn;
    await config().update('endpoint', d.emu.url, vscode.ConfigurationTarget.Workspace);
    await config().update('regions', [d.emu.region], vscode.ConfigurationTarget.Workspace);
    await config().update('deploy.pollIntervalMs', 100, vscode.ConfigurationTarget.Workspace);
    if (options.bound) {
      newPrompts();
      const editor = await editFile(fileText('registry.example/web:2.0.0'));
      const result = await vscode.commands.executeCommand<DeployResult | undefined>(
        'ecsWorkbench.registerAndDeploy',
        editor.document.uri,
      );
      assert.ok(result?.deploymentId, `deployed: ${JSON.stringify(d.prompts.notes)}`);
      assert.equal((await d.finalRollout()).phase, 'completed');
    }
  });

  beforeEach(newPrompts);

  after(async () => {
    d.api.deploy.setPrompts(undefined);
    await d.api.deploy.setBinding(fileUri(), undefined);
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
    d.ecs.destroy();
    await d.emu.stop();
  });
  return d;
}

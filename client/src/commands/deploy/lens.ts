/**
 * Deploy entry points on task definition files: CodeLenses ("Diff with Deployed", "Register &
 * Deploy", and "Force New Deployment" once the file is bound to a service) and a status-bar item
 * naming the bound service, which opens the deploy actions.
 */
import * as vscode from 'vscode';
import { parseTaskDefinitionText } from '../../aws/deploy/normalize';
import type { EcsContext } from '../../context';
import type { BindingLookup } from './types';

const SELECTOR: vscode.DocumentSelector = [{ language: 'json' }, { language: 'jsonc' }];

/** Cheap check before parsing: only files that look like task definitions get lenses. */
function looksLikeTaskDefinition(document: vscode.TextDocument): boolean {
  if (document.uri.scheme !== 'file' && document.uri.scheme !== 'untitled') return false;
  const text = document.getText();
  return text.length < 2_000_000 && text.includes('containerDefinitions') && parseTaskDefinitionText(text).ok;
}

export function registerDeployLens(ctx: EcsContext, feature: BindingLookup): void {
  const changed = ctx.own(new vscode.EventEmitter<void>());
  ctx.own(feature.onDidChangeBindings(() => changed.fire()));
  ctx.own(
    vscode.languages.registerCodeLensProvider(SELECTOR, {
      onDidChangeCodeLenses: changed.event,
      provideCodeLenses(document) {
        if (!looksLikeTaskDefinition(document)) return [];
        const range = new vscode.Range(0, 0, 0, 0);
        const binding = feature.binding(document.uri);
        const lenses = [
          new vscode.CodeLens(range, {
            title: binding ? `$(diff) Diff with deployed (${binding.service})` : '$(diff) Diff with deployed',
            command: 'ecsWorkbench.diffWithDeployed',
            arguments: [document.uri],
          }),
          new vscode.CodeLens(range, {
            title: binding
              ? `$(rocket) Register & deploy to ${binding.service}`
              : '$(rocket) Register & deploy',
            command: 'ecsWorkbench.registerAndDeploy',
            arguments: [document.uri],
          }),
        ];
        if (binding) {
          lenses.push(
            new vscode.CodeLens(range, {
              title: '$(sync) Force new deployment',
              command: 'ecsWorkbench.forceNewDeployment',
              arguments: [document.uri],
            }),
          );
        }
        return lenses;
      },
    }),
  );

  const item = ctx.own(
    vscode.window.createStatusBarItem('ecsWorkbench.deployTarget', vscode.StatusBarAlignment.Left, 40),
  );
  item.name = 'ECS deploy target';
  const refresh = (): void => {
    const document = vscode.window.activeTextEditor?.document;
    const binding = document ? feature.binding(document.uri) : undefined;
    if (!document || !binding) {
      item.hide();
      return;
    }
    const cluster = binding.cluster.slice(binding.cluster.lastIndexOf('/') + 1);
    item.text = `$(rocket) ${binding.service} · ${cluster}`;
    item.tooltip = `This file deploys to ${binding.service} in ${cluster} (${binding.connection.profile} · ${binding.connection.region}). Click for deploy actions.`;
    item.command = {
      title: 'Deploy actions',
      command: 'ecsWorkbench.deployActions',
      arguments: [document.uri],
    };
    item.show();
  };
  ctx.own(vscode.window.onDidChangeActiveTextEditor(refresh));
  ctx.own(feature.onDidChangeBindings(refresh));
  refresh();

  ctx.own(
    vscode.commands.registerCommand('ecsWorkbench.deployActions', async (uri?: vscode.Uri) => {
      const target = uri ?? vscode.window.activeTextEditor?.document.uri;
      if (!target) return;
      const picked = await vscode.window.showQuickPick(
        [
          { label: '$(sync) Force New Deployment', command: 'ecsWorkbench.forceNewDeployment' },
          { label: '$(rocket) Register & Deploy This File', command: 'ecsWorkbench.registerAndDeploy' },
          { label: '$(diff) Diff with Deployed', command: 'ecsWorkbench.diffWithDeployed' },
          { label: '$(eye) Watch Rollout', command: 'ecsWorkbench.watchRollout' },
          { label: '$(history) Roll Back', command: 'ecsWorkbench.rollbackService' },
          { label: '$(close) Forget the Bound Service', command: 'ecsWorkbench.unbindTaskDefinitionFile' },
        ],
        { title: 'ECS deploy' },
      );
      if (picked) await vscode.commands.executeCommand(picked.command, target);
    }),
  );
}

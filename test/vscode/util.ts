/** Helpers for extension tests: wait on conditions (never on clocks), open workspace files. */
import path from 'node:path';
import * as vscode from 'vscode';
import type { EcsWorkbenchApi } from '../../client/src/extension';
import { waitFor } from '../waitFor';

export const EXTENSION_ID = 'ecs-workbench.ecs-workbench';

/** Polls `condition` until it returns a truthy value, or fails with `what` after `timeoutMs` (see test/waitFor.ts). */
export function until<T>(
  what: string,
  condition: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 20_000,
): Promise<T> {
  return waitFor(what, condition, { timeoutMs, intervalMs: 50 });
}

export async function activateExtension(): Promise<EcsWorkbenchApi> {
  const extension = vscode.extensions.getExtension<EcsWorkbenchApi>(EXTENSION_ID);
  if (!extension) throw new Error(`Extension ${EXTENSION_ID} is not installed in this VS Code`);
  return extension.activate();
}

/**
 * Declares the hooks of a suite over editors: the extension activated before it, every editor
 * closed after each test. Call it in a `describe` body.
 */
export function activateAndCloseEditors(): void {
  before(async () => {
    await activateExtension();
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
}

/**
 * Points the workspace's `ecsWorkbench` settings at an emulator: profile `dev`, Region us-east-1,
 * `endpoint`, and the `extra` settings. Resolves with a function that removes them all again.
 */
export async function useEmulatorSettings(
  endpoint: string,
  extra: Record<string, unknown> = {},
): Promise<() => Promise<void>> {
  const settings = { profile: 'dev', regions: ['us-east-1'], endpoint, ...extra };
  const target = vscode.ConfigurationTarget.Workspace;
  for (const [key, value] of Object.entries(settings)) {
    await vscode.workspace.getConfiguration('ecsWorkbench').update(key, value, target);
  }
  return async () => {
    for (const key of Object.keys(settings)) {
      await vscode.workspace.getConfiguration('ecsWorkbench').update(key, undefined, target);
    }
  };
}

export function workspaceUri(...segments: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('The tests need a workspace folder');
  return vscode.Uri.file(path.join(folder.uri.fsPath, ...segments));
}

/** Writes a file into the test workspace and opens it in an editor. */
export async function openNewFile(name: string, text: string): Promise<vscode.TextEditor> {
  const uri = workspaceUri(name);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
  const document = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(document);
}

export function ecsDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'ecs');
}

export function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

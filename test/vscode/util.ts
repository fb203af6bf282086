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

/** The read-only documents of deploy diffs (scheme `ecs-workbench-deployed`) and the last diff shown. */
import * as vscode from 'vscode';
import type { DiffRecord } from './types';

export const DEPLOYED_SCHEME = 'ecs-workbench-deployed';

export class DiffDocuments implements vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly contentChanged = new vscode.EventEmitter<vscode.Uri>();
  private last: DiffRecord | undefined;

  readonly onDidChangeContent = this.contentChanged.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  lastDiff(): DiffRecord | undefined {
    return this.last;
  }

  async show(
    title: string,
    leftName: string,
    leftText: string,
    rightName: string,
    rightText: string,
  ): Promise<DiffRecord> {
    const stamp = Date.now().toString(36);
    const left = vscode.Uri.from({ scheme: DEPLOYED_SCHEME, path: `/${leftName}`, query: stamp });
    const right = vscode.Uri.from({ scheme: DEPLOYED_SCHEME, path: `/${rightName}`, query: stamp });
    this.contents.set(left.toString(), leftText);
    this.contents.set(right.toString(), rightText);
    this.last = { title, left, right, leftText, rightText };
    await vscode.commands.executeCommand('vscode.diff', left, right, title, { preview: true });
    return this.last;
  }

  dispose(): void {
    this.contentChanged.dispose();
  }
}

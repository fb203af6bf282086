/**
 * The task definition file a command acts on, and whether it can be registered: no error
 * diagnostics of the language service (after letting a recent edit be validated) and a parse.
 */
import * as vscode from 'vscode';
import { parseTaskDefinitionText, type JsonObject } from '../../aws/deploy/normalize';
import type { EcsContext } from '../../context';
import { describeArgument } from './arguments';
import type { DeployPrompts } from './prompts';

export class DocumentChecks {
  private readonly touched = new Map<string, number>();

  constructor(
    private readonly ctx: EcsContext,
    private readonly prompts: () => DeployPrompts,
  ) {}

  /** Records edits so the diagnostics check can wait for the language server to catch up. */
  touch(uri: vscode.Uri): void {
    this.touched.set(uri.toString(), Date.now());
  }

  /** Error diagnostics of the language service for `uri`, after letting a recent edit be validated. */
  private async errorDiagnostics(uri: vscode.Uri): Promise<vscode.Diagnostic[]> {
    const last = this.touched.get(uri.toString()) ?? 0;
    const errors = (): vscode.Diagnostic[] =>
      vscode.languages
        .getDiagnostics(uri)
        .filter((d) => d.source === 'ecs' && d.severity === vscode.DiagnosticSeverity.Error);
    if (Date.now() - last < 2000 && errors().length === 0 && this.ctx.languageClient?.isRunning()) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, 2000);
        const sub = vscode.languages.onDidChangeDiagnostics((e) => {
          if (e.uris.some((u) => u.toString() === uri.toString())) done();
        });
        function done(): void {
          clearTimeout(timer);
          sub.dispose();
          resolve();
        }
      });
    }
    return errors();
  }

  /** The document a command was invoked on (a URI), or the active editor's. */
  async documentOf(arg: unknown): Promise<vscode.TextDocument | undefined> {
    const { uri } = describeArgument(arg);
    if (uri) return vscode.workspace.openTextDocument(uri);
    return vscode.window.activeTextEditor?.document;
  }

  /** The register input of a document, or undefined after telling the user why not. */
  async checkedInput(document: vscode.TextDocument): Promise<JsonObject | undefined> {
    const errors = await this.errorDiagnostics(document.uri);
    if (errors.length > 0) {
      const listed = errors
        .slice(0, 5)
        .map(
          (d) =>
            `line ${d.range.start.line + 1}: ${d.message}${d.code !== undefined ? ` (${typeof d.code === 'object' ? String(d.code.value) : String(d.code)})` : ''}`,
        )
        .join('; ');
      const more = errors.length > 5 ? ` …and ${errors.length - 5} more` : '';
      void this.prompts().notify(
        'error',
        `Not registered: ${vscode.workspace.asRelativePath(document.uri)} has ${errors.length} error(s): ${listed}${more}. Fix them (see Problems) and try again.`,
      );
      return undefined;
    }
    const parsed = parseTaskDefinitionText(document.getText());
    if (!parsed.ok) {
      void this.prompts().notify('error', `Not registered: ${parsed.message}`);
      return undefined;
    }
    return parsed.input;
  }
}

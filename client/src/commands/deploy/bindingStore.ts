/** File ↔ service bindings: which service a task definition file deploys to, per workspace. */
import * as vscode from 'vscode';
import type { BindingLookup, ServiceBinding } from './types';

const BINDINGS_KEY = 'ecsWorkbench.deploy.bindings';

export class BindingStore implements BindingLookup, vscode.Disposable {
  private readonly bindingChanged = new vscode.EventEmitter<void>();
  readonly onDidChangeBindings = this.bindingChanged.event;

  constructor(private readonly state: vscode.Memento) {}

  binding(uri: vscode.Uri): ServiceBinding | undefined {
    const all = this.state.get<Record<string, ServiceBinding>>(BINDINGS_KEY, {});
    return all[uri.toString()];
  }

  async setBinding(uri: vscode.Uri, binding: ServiceBinding | undefined): Promise<void> {
    const all = { ...this.state.get<Record<string, ServiceBinding>>(BINDINGS_KEY, {}) };
    if (binding) all[uri.toString()] = binding;
    else delete all[uri.toString()];
    await this.state.update(BINDINGS_KEY, all);
    this.bindingChanged.fire();
  }

  dispose(): void {
    this.bindingChanged.dispose();
  }
}

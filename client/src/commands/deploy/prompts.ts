/**
 * Every question a deploy command asks goes through `DeployPrompts`, so tests can answer them
 * without UI (and record what was asked), while users get VS Code's pickers and modal dialogs.
 */
import * as vscode from 'vscode';

export interface PickItem<T> {
  label: string;
  description?: string;
  detail?: string;
  value: T;
}

export interface ConfirmRequest {
  /** The question, e.g. "Deploy web:8 to service web?" */
  title: string;
  /** Everything the action will do: account, Region, cluster, service, changes. */
  detail: string;
  /** The button, e.g. "Deploy". */
  action: string;
}

export interface TypedConfirmRequest {
  title: string;
  detail: string;
  /** What the user must type to go ahead (the service name). */
  expected: string;
}

export interface DeployPrompts {
  pick<T>(title: string, items: PickItem<T>[]): Promise<T | undefined>;
  /** A modal confirmation; true to go ahead. */
  confirm(request: ConfirmRequest): Promise<boolean>;
  /** A confirmation that needs `expected` typed exactly (protected clusters and profiles). */
  typedConfirm(request: TypedConfirmRequest): Promise<boolean>;
  number(request: {
    title: string;
    prompt: string;
    value: number;
    min: number;
    max: number;
  }): Promise<number | undefined>;
  text(request: { title: string; prompt: string; value: string }): Promise<string | undefined>;
  /** A non-modal notification; resolves with the action chosen, if any. */
  notify(
    kind: 'info' | 'warning' | 'error',
    message: string,
    actions?: string[],
  ): Promise<string | undefined>;
}

/** The real prompts: quick picks, input boxes and modal messages. */
export const vscodePrompts: DeployPrompts = {
  async pick<T>(title: string, items: PickItem<T>[]): Promise<T | undefined> {
    const picked = await vscode.window.showQuickPick(
      items.map((i) => ({ label: i.label, description: i.description, detail: i.detail, item: i })),
      { title, matchOnDescription: true, ignoreFocusOut: true },
    );
    return picked?.item.value;
  },
  async confirm(request: ConfirmRequest): Promise<boolean> {
    const choice = await vscode.window.showWarningMessage(
      request.title,
      { modal: true, detail: request.detail },
      request.action,
    );
    return choice === request.action;
  },
  async typedConfirm(request: TypedConfirmRequest): Promise<boolean> {
    const typed = await vscode.window.showInputBox({
      title: request.title,
      prompt: `${request.detail}\n\nType "${request.expected}" to confirm.`,
      placeHolder: request.expected,
      ignoreFocusOut: true,
      validateInput: (v) =>
        v === '' || v === request.expected ? undefined : `Type "${request.expected}" exactly.`,
    });
    return typed === request.expected;
  },
  async number(request): Promise<number | undefined> {
    const typed = await vscode.window.showInputBox({
      title: request.title,
      prompt: request.prompt,
      value: String(request.value),
      ignoreFocusOut: true,
      validateInput: (v) => {
        const n = Number(v);
        return Number.isInteger(n) && n >= request.min && n <= request.max
          ? undefined
          : `Enter a whole number from ${request.min} to ${request.max}.`;
      },
    });
    return typed === undefined ? undefined : Number(typed);
  },
  async text(request): Promise<string | undefined> {
    return vscode.window.showInputBox({ title: request.title, prompt: request.prompt, value: request.value });
  },
  async notify(kind, message, actions = []): Promise<string | undefined> {
    const show =
      kind === 'error'
        ? vscode.window.showErrorMessage
        : kind === 'warning'
          ? vscode.window.showWarningMessage
          : vscode.window.showInformationMessage;
    return show(message, ...actions);
  },
};

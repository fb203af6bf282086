/**
 * What the exec commands hand back (client/src/commands/exec.ts): the terminal and port forward
 * views, the outcome of a command, and the API tests and scripts drive.
 */
import type * as vscode from 'vscode';
import type { ExecProblem } from '../exec/preflight';
import type { DeployPrompts } from './deploy/prompts';

/** A shell or command session shown in a terminal. */
export interface ExecTerminalView {
  readonly id: number;
  readonly name: string;
  readonly sessionId: string;
  readonly mode: 'builtin' | 'plugin';
  readonly terminal: vscode.Terminal;
  /** Everything the session wrote to the terminal so far (built-in mode). */
  output(): string;
  readonly closed: boolean;
  readonly exitCode: number | undefined;
  /** Sets the terminal size as VS Code does when the panel resizes. */
  resize(columns: number, rows: number): void;
}

/** An active port forward. */
export interface PortForwardView {
  readonly id: number;
  readonly label: string;
  readonly localPort: number;
  readonly remotePort: number;
  readonly taskArn: string;
  readonly containerName: string;
  readonly sessionId: string;
  stop(): void;
}

/** What a command ended with, for tests and scripts. */
export type ExecOutcome =
  | { readonly kind: 'terminal'; readonly view: ExecTerminalView }
  | { readonly kind: 'forward'; readonly view: PortForwardView }
  | { readonly kind: 'problem'; readonly problem: ExecProblem }
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'cancelled' };

export interface ExecApi {
  /** Replaces the questions exec commands ask (tests answer them); undefined restores the UI. */
  setPrompts(prompts?: DeployPrompts): void;
  terminals(): readonly ExecTerminalView[];
  forwards(): readonly PortForwardView[];
}

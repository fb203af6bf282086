/**
 * The shapes deploy commands share with each other, the CodeLenses and the tests: a neutral
 * module with no behaviour, so none of them needs to import another.
 */
import type * as vscode from 'vscode';
import type { RolloutState } from '../../aws/deploy/rolloutWatcher';
import type { Connection } from '../../aws/gateway';
import type { RolloutTarget } from '../../views/rolloutView';
import type { DeployPrompts } from './prompts';

/** A task definition file's chosen service, remembered per file in the workspace. */
export interface ServiceBinding {
  connection: Connection;
  cluster: string;
  service: string;
}

/** A diff opened by "Diff with Deployed" / "Diff with Previous Revision" (for tests and the log). */
export interface DiffRecord {
  title: string;
  left: vscode.Uri;
  right: vscode.Uri;
  leftText: string;
  rightText: string;
}

/** What deploy features expose to tests through the extension API. */
export interface DeployApi {
  /** Replaces the prompts (undefined restores the VS Code UI). */
  setPrompts(prompts: DeployPrompts | undefined): void;
  /** The watched rollouts of this session, newest first. */
  rollouts(): { target: RolloutTarget; state: RolloutState }[];
  /** Resolves when the rollout of `service` ends (the current watch). */
  rolloutDone(cluster: string, service: string): Promise<RolloutState | undefined>;
  lastDiff(): DiffRecord | undefined;
  binding(uri: vscode.Uri): ServiceBinding | undefined;
  setBinding(uri: vscode.Uri, binding: ServiceBinding | undefined): Promise<void>;
}

export interface DeployResult {
  revision: string;
  deploymentId?: string;
}

/** The file ↔ service bindings, as the CodeLenses and the status bar read them. */
export interface BindingLookup {
  binding(uri: vscode.Uri): ServiceBinding | undefined;
  readonly onDidChangeBindings: vscode.Event<void>;
}

/** A deploy command: a factory over the controller returns what `registerCommand` runs. */
export type DeployCommand = (arg?: unknown) => unknown;

/** The file ↔ service binding commands. */
import * as vscode from 'vscode';
import { describeArgument } from './arguments';
import type { DeployController } from './controller';
import type { DeployCommand } from './types';

/** "Forget the Bound Service": the file's binding, or the active file's. */
export const unbindFile =
  (ctl: DeployController): DeployCommand =>
  async (arg) => {
    const uri = describeArgument(arg).uri ?? vscode.window.activeTextEditor?.document.uri;
    if (uri) await ctl.bindings.setBinding(uri, undefined);
  };

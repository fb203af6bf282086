/** General commands: the log, the AWS config file, the emulator connection, server restart. */
import * as vscode from 'vscode';
import { awsConfigFiles } from '../aws/credentialsPresence';
import type { EcsContext } from '../context';
import { allowEndpoint } from '../views/endpointConsent';

export function registerGeneralCommands(ctx: EcsContext): void {
  ctx.own(vscode.commands.registerCommand('ecsWorkbench.showLog', () => ctx.log.show()));
  ctx.own(
    vscode.commands.registerCommand('ecsWorkbench.restartServer', async () => {
      await ctx.restartLanguageServer();
      void vscode.window.showInformationMessage('ECS Workbench: language server restarted.');
    }),
  );
  ctx.own(
    vscode.commands.registerCommand('ecsWorkbench.openAwsConfig', async () => {
      const [configFile] = awsConfigFiles();
      if (!configFile) return;
      const uri = vscode.Uri.file(configFile);
      try {
        await vscode.workspace.fs.stat(uri);
      } catch {
        await vscode.workspace.fs.writeFile(
          uri,
          Buffer.from(
            '# AWS profiles. Example:\n# [profile dev]\n# region = eu-west-1\n# sso_session = my-sso\n',
          ),
        );
      }
      await vscode.window.showTextDocument(uri);
    }),
  );
  ctx.own(
    vscode.commands.registerCommand('ecsWorkbench.useEmulator', async (given?: unknown) => {
      const url =
        typeof given === 'string'
          ? given
          : await vscode.window.showInputBox({
              title: 'Connect to the ECS Workbench emulator',
              prompt: 'URL printed by `npm run emulator`',
              value: 'http://127.0.0.1:4599',
              validateInput: (v) => (/^https?:\/\/[^\s]+$/.test(v) ? undefined : 'Enter an http(s) URL'),
            });
      if (!url) return undefined;
      if (!/^https?:\/\/[^\s]+$/.test(url)) {
        void vscode.window.showErrorMessage(`ECS Workbench: ${url} is not an http(s) URL.`);
        return undefined;
      }
      // Check that something answers there before saving it.
      const answer = await probe(url);
      if (!answer.ok) {
        void vscode.window.showErrorMessage(
          `ECS Workbench: nothing answers at ${url} (${answer.reason}). Start the emulator (npm run emulator) and try again; the setting was not changed.`,
        );
        return undefined;
      }
      const where = await setEndpoint(url);
      void vscode.window.showInformationMessage(
        `ECS Workbench: connected to ${url} (HTTP ${answer.status}); saved in ${where}.`,
      );
      return where;
    }),
  );
  ctx.own(
    vscode.commands.registerCommand('ecsWorkbench.useAws', async () => {
      const where = await setEndpoint(undefined);
      void vscode.window.showInformationMessage(
        `ECS Workbench: requests go to AWS again (endpoint cleared in ${where}).`,
      );
      return where;
    }),
  );
}

/** Any HTTP answer from `url` within 3 s (the emulator answers its admin route; any status counts). */
async function probe(url: string): Promise<{ ok: true; status: number } | { ok: false; reason: string }> {
  try {
    const response = await fetch(new URL('/__admin/state', url), { signal: AbortSignal.timeout(3000) });
    return { ok: true, status: response.status };
  } catch (error) {
    const cause = (error as { cause?: { code?: unknown } }).cause?.code;
    return { ok: false, reason: typeof cause === 'string' ? cause : String(error) };
  }
}

/**
 * Writes the endpoint where it takes effect: the folder or workspace value when one is set there
 * (a user value would stay overridden by it), else the user settings. Returns where it went.
 */
async function setEndpoint(url: string | undefined): Promise<string> {
  const config = vscode.workspace.getConfiguration('ecsWorkbench');
  const i = config.inspect<string>('endpoint');
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (url === undefined) {
    // Back to AWS: every level that names an endpoint is cleared, or one would still apply.
    const cleared: string[] = [];
    if (i?.workspaceFolderValue !== undefined && folder) {
      await vscode.workspace
        .getConfiguration('ecsWorkbench', folder.uri)
        .update('endpoint', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
      cleared.push('folder');
    }
    if (i?.workspaceValue !== undefined) {
      await config.update('endpoint', undefined, vscode.ConfigurationTarget.Workspace);
      cleared.push('workspace');
    }
    if (i?.globalValue !== undefined) {
      await config.update('endpoint', undefined, vscode.ConfigurationTarget.Global);
      cleared.push('user');
    }
    return cleared.length > 0 ? `the ${cleared.join(', ')} settings` : 'no settings (none named one)';
  }
  // You chose this endpoint here: the folder setting it goes into needs no second consent.
  if (i?.workspaceFolderValue !== undefined || i?.workspaceValue !== undefined) await allowEndpoint(url);
  if (i?.workspaceFolderValue !== undefined && folder) {
    await vscode.workspace
      .getConfiguration('ecsWorkbench', folder.uri)
      .update('endpoint', url, vscode.ConfigurationTarget.WorkspaceFolder);
    return 'the folder settings (they override the user settings)';
  }
  if (i?.workspaceValue !== undefined) {
    await config.update('endpoint', url, vscode.ConfigurationTarget.Workspace);
    return 'the workspace settings (they override the user settings)';
  }
  await config.update('endpoint', url, vscode.ConfigurationTarget.Global);
  return 'the user settings';
}

/** General commands: the log, the AWS config file, the emulator connection, server restart. */
import * as vscode from 'vscode';
import { awsConfigFiles } from '../aws/credentialsPresence';
import type { EcsContext } from '../context';

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
    vscode.commands.registerCommand('ecsWorkbench.useEmulator', async () => {
      const url = await vscode.window.showInputBox({
        title: 'Connect to the ECS Workbench emulator',
        prompt: 'URL printed by `npm run emulator`',
        value: 'http://127.0.0.1:4599',
        validateInput: (v) => (/^https?:\/\/[^\s]+$/.test(v) ? undefined : 'Enter an http(s) URL'),
      });
      if (!url) return;
      await vscode.workspace
        .getConfiguration('ecsWorkbench')
        .update('endpoint', url, vscode.ConfigurationTarget.Global);
    }),
  );
}

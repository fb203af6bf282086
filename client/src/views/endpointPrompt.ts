/**
 * The explorer's side of endpoint consent (endpointConsent.ts): the notices at the top of the tree
 * (Restricted Mode ignoring this folder's settings; an endpoint of this folder waiting for your
 * answer), the question when the folder becomes trusted, and "ECS: Allow This Folder's Endpoint".
 */
import * as vscode from 'vscode';
import type { EcsContext } from '../context';
import { askForEndpoint, endpointGate, ignoredWorkspaceSettings, type EndpointGate } from './endpointConsent';
import { NoticeNode, type ExplorerNode } from './explorer/nodes/index';

export const ALLOW_ENDPOINT_COMMAND = 'ecsWorkbench.allowWorkspaceEndpoint';

/** The notices the explorer shows above its roots now, for the endpoint gate just read. */
export async function endpointNotices(gate: EndpointGate): Promise<ExplorerNode[]> {
  const notices: ExplorerNode[] = [];
  const ignored = await ignoredWorkspaceSettings();
  if (ignored.length > 0)
    notices.push(
      new NoticeNode(
        'notice:restricted',
        `Restricted Mode: this folder's ${ignored.length === 1 ? 'setting' : 'settings'} ${ignored.join(', ')} ${ignored.length === 1 ? 'is' : 'are'} ignored`,
        [
          '**This folder is not trusted.** ECS Workbench uses only your own settings for where requests go and what is protected, and makes no change in AWS.',
          `Ignored here: ${ignored.map((k) => `\`ecsWorkbench.${k}\``).join(', ')}.`,
          'Trust the folder (Manage Workspace Trust) if you want its settings to apply.',
        ],
        { title: 'Manage Workspace Trust', command: 'workbench.trust.manage' },
      ),
    );
  if (gate.state === 'ask')
    notices.push(
      new NoticeNode(
        'notice:endpoint',
        `This ${gate.level} sends requests to ${gate.endpoint}: allow?`,
        [
          `**No request has been sent.** The ${gate.level} settings name \`ecsWorkbench.endpoint\` = \`${gate.endpoint}\`, which is not an AWS endpoint.`,
          'Your signed requests would go there. Allow it only if you started that endpoint yourself (the emulator, LocalStack).',
          'Or list it in the machine setting `ecsWorkbench.allowedEndpoints`.',
        ],
        { title: 'Allow', command: ALLOW_ENDPOINT_COMMAND },
      ),
    );
  return notices;
}

/**
 * Registers the command and the question. It comes up on its own once per endpoint and window:
 * at activation, when the folder is trusted, or when its settings name a new endpoint (VS Code
 * applies the restricted settings of a newly trusted folder a moment after granting trust).
 * `changed` re-reads the settings and refreshes the explorer.
 */
export function registerEndpointConsent(ctx: EcsContext, changed: () => void): void {
  const asked = new Set<string>();
  const ask = async (modal: boolean): Promise<void> => {
    if (await askForEndpoint(endpointGate(), modal)) changed();
  };
  const maybeAsk = (): void => {
    const gate = endpointGate();
    if (!vscode.workspace.isTrusted || gate.state !== 'ask' || asked.has(gate.endpoint)) return;
    asked.add(gate.endpoint);
    void ask(false);
  };
  ctx.own(vscode.commands.registerCommand(ALLOW_ENDPOINT_COMMAND, () => ask(true)));
  ctx.own(
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      changed();
      maybeAsk();
    }),
  );
  ctx.own(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('ecsWorkbench.endpoint')) maybeAsk();
    }),
  );
  maybeAsk();
}

/**
 * Who decides where signed AWS requests go. A cloned repository's `.vscode/settings.json` can name
 * `ecsWorkbench.endpoint`; if it were honoured silently, opening the folder would send your signed
 * requests (and the names of your clusters) to the repository's server. So:
 * - in Restricted Mode VS Code ignores the folder's restricted settings (package.json
 *   `restrictedConfigurations`), and the explorer says which ones it ignores;
 * - in a trusted folder, an endpoint that is neither AWS's nor allowed by you is not used until you
 *   say so, once per folder and endpoint (remembered in the workspace state), or list it in the
 *   machine-scoped `ecsWorkbench.allowedEndpoints` (which no workspace can set).
 * Endpoints set in your user settings are yours and need no consent.
 */
import { parse as parseJsonc } from 'jsonc-parser';
import * as vscode from 'vscode';
import { isAwsEndpoint, matchesAllowed, RESTRICTED_SETTINGS } from '../aws/endpointTrust';

export type EndpointGate =
  | { readonly state: 'open' }
  | { readonly state: 'ask'; readonly endpoint: string; readonly level: 'workspace' | 'folder' };

const CONSENT_KEY = 'ecsWorkbench.allowedEndpoint';

let workspaceState: vscode.Memento | undefined;

/** Called once at activation: where answers are remembered. */
export function initEndpointConsent(state: vscode.Memento): void {
  workspaceState = state;
}

/** Whether the endpoint in effect may be used now. */
export function endpointGate(): EndpointGate {
  const config = vscode.workspace.getConfiguration('ecsWorkbench');
  const i = config.inspect<string>('endpoint');
  const endpoint = config.get<string>('endpoint')?.trim();
  if (!endpoint || !i) return { state: 'open' };
  const folderValue = i.workspaceFolderValue?.trim();
  const workspaceValue = i.workspaceValue?.trim();
  const level = folderValue ? 'folder' : workspaceValue ? 'workspace' : undefined;
  // Your own (user or machine) setting, or AWS itself.
  if (!level || isAwsEndpoint(endpoint)) return { state: 'open' };
  if (matchesAllowed(endpoint, config.get<string[]>('allowedEndpoints') ?? [])) return { state: 'open' };
  if (workspaceState?.get<string>(CONSENT_KEY) === endpoint) return { state: 'open' };
  return { state: 'ask', endpoint, level };
}

/** Records that this workspace may send requests to `endpoint` (the user said so). */
export async function allowEndpoint(endpoint: string): Promise<void> {
  await workspaceState?.update(CONSENT_KEY, endpoint);
}

/**
 * Asks whether this folder's endpoint may be used; resolves to whether it now may. `modal` for
 * the explicit command, a notification when it comes up on its own (trust granted, activation).
 */
export async function askForEndpoint(gate: EndpointGate, modal: boolean): Promise<boolean> {
  if (gate.state !== 'ask') return true;
  const connect = 'Connect';
  const answer = await vscode.window.showWarningMessage(
    `This ${gate.level}'s settings send your signed AWS requests to ${gate.endpoint} (ecsWorkbench.endpoint). Connect only if you started that endpoint yourself.`,
    { modal },
    connect,
  );
  if (answer !== connect) return false;
  await allowEndpoint(gate.endpoint);
  return true;
}

/**
 * The restricted settings this untrusted workspace's own settings name (and VS Code ignores):
 * what VS Code reports, and what the folders' `.vscode/settings.json` and the workspace file say
 * (VS Code may hide ignored values from `inspect`).
 */
export async function ignoredWorkspaceSettings(): Promise<string[]> {
  if (vscode.workspace.isTrusted) return [];
  const config = vscode.workspace.getConfiguration('ecsWorkbench');
  const named = new Set<string>(
    RESTRICTED_SETTINGS.filter((key) => {
      const i = config.inspect(key);
      return i?.workspaceValue !== undefined || i?.workspaceFolderValue !== undefined;
    }),
  );
  const files = (vscode.workspace.workspaceFolders ?? []).map((f) =>
    vscode.Uri.joinPath(f.uri, '.vscode', 'settings.json'),
  );
  const workspaceFile = vscode.workspace.workspaceFile;
  if (workspaceFile && workspaceFile.scheme !== 'untitled') files.push(workspaceFile);
  for (const file of files) {
    let text: string;
    try {
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
    } catch {
      continue; // no settings file: nothing named there
    }
    const parsed = parseJsonc(text) as unknown;
    const root = (
      file === workspaceFile ? (parsed as { settings?: unknown } | undefined)?.settings : parsed
    ) as Record<string, unknown> | undefined;
    if (!root || typeof root !== 'object') continue;
    for (const key of RESTRICTED_SETTINGS) if (`ecsWorkbench.${key}` in root) named.add(key);
  }
  return RESTRICTED_SETTINGS.filter((key) => named.has(key));
}

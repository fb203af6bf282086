/**
 * The active connections, from settings: `ecsWorkbench.profile` (empty: `AWS_PROFILE` or the
 * default chain), `ecsWorkbench.regions` (empty: the profile's Region) and `ecsWorkbench.endpoint`.
 */
import * as vscode from 'vscode';
import type { Connection } from '../aws/gateway';
import { defaultRegion, readProfiles, type AwsProfile } from '../aws/profiles';
import { endpointGate, type EndpointGate } from './endpointConsent';

export interface ConnectionSettings {
  readonly profile: string;
  readonly regions: readonly string[];
  readonly endpoint?: string;
  readonly connections: readonly Connection[];
  /** The profile as the shared files define it, if they do. */
  readonly profileInfo?: AwsProfile;
  /** `ask`: the endpoint comes from this workspace and you have not allowed it: no connections. */
  readonly gate: EndpointGate;
}

export function readConnectionSettings(): ConnectionSettings {
  const config = vscode.workspace.getConfiguration('ecsWorkbench');
  const profile = config.get<string>('profile')?.trim() || process.env.AWS_PROFILE || 'default';
  const endpoint = config.get<string>('endpoint')?.trim() || undefined;
  const profileInfo = readProfiles().find((p) => p.name === profile);
  const configured = (config.get<unknown[]>('regions') ?? []).filter(
    (r): r is string => typeof r === 'string' && /^[a-z]{2}(-[a-z]+)+-\d+$/.test(r),
  );
  const regions = configured.length > 0 ? [...new Set(configured)] : [defaultRegion(profileInfo)];
  const gate = endpointGate();
  return {
    gate,
    profile,
    regions,
    ...(endpoint ? { endpoint } : {}),
    ...(profileInfo ? { profileInfo } : {}),
    // No request goes to an endpoint this workspace names until you allow it.
    connections:
      gate.state === 'ask'
        ? []
        : regions.map((region) => ({ profile, region, ...(endpoint ? { endpoint } : {}) })),
  };
}

/** Where settings changes go: the workspace when one is open (so projects can pin an account). */
function target(): vscode.ConfigurationTarget {
  return vscode.workspace.workspaceFolders?.length
    ? vscode.ConfigurationTarget.Workspace
    : vscode.ConfigurationTarget.Global;
}

export async function setProfile(profile: string): Promise<void> {
  await vscode.workspace.getConfiguration('ecsWorkbench').update('profile', profile, target());
}

export async function setRegions(regions: readonly string[]): Promise<void> {
  await vscode.workspace.getConfiguration('ecsWorkbench').update('regions', [...regions], target());
}

/** Reading what a deploy command was invoked on, and the settings and names it needs. */
import * as vscode from 'vscode';
import type { Connection } from '../../aws/gateway';

export function setting<T>(key: string, fallback: T): T {
  return vscode.workspace.getConfiguration('ecsWorkbench').get<T>(key) ?? fallback;
}

/**
 * A list setting whose user, workspace and folder values add up (protectedClusters/Profiles): a
 * workspace can protect more, never switch off what the user protects.
 */
export function unionSetting(key: string): string[] {
  const i = vscode.workspace.getConfiguration('ecsWorkbench').inspect<unknown>(key);
  const all = [i?.globalValue, i?.workspaceValue, i?.workspaceFolderValue].flatMap((v) =>
    Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [],
  );
  return [...new Set(all)];
}

function isConnection(value: unknown): value is Connection {
  const v = value as Partial<Connection> | undefined;
  return typeof v === 'object' && v !== null && typeof v.profile === 'string' && typeof v.region === 'string';
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

export const nameOf = (arn: string): string => arn.slice(arn.lastIndexOf('/') + 1);

/** Reads what a command was invoked on: an explorer node, a rollout node, a URI, an ARN... */
export function describeArgument(arg: unknown): {
  connection?: Connection;
  cluster?: string;
  service?: string;
  task?: string;
  taskDefinition?: string;
  uri?: vscode.Uri;
} {
  if (arg instanceof vscode.Uri) return { uri: arg };
  if (typeof arg === 'string') {
    if (arg.includes(':task-definition/') || /^[\w-]+:\d+$/.test(arg)) return { taskDefinition: arg };
    return {};
  }
  const target = field(arg, 'target');
  const source = isConnection(field(target, 'connection')) ? target : arg;
  const connection = [field(source, 'connection'), field(arg, 'connection')].find(isConnection);
  const serviceField = field(source, 'service');
  const clusterField = field(source, 'cluster');
  const taskField = field(source, 'task');
  const tdField = field(source, 'taskDefinition') ?? field(source, 'revision') ?? field(source, 'ref');
  const cluster =
    str(clusterField) ??
    str(field(clusterField, 'arn')) ??
    str(field(clusterField, 'name')) ??
    str(field(serviceField, 'clusterArn')) ??
    str(field(taskField, 'clusterArn')) ??
    str(field(source, 'clusterArn'));
  const service =
    str(serviceField) ??
    str(field(serviceField, 'name')) ??
    str(field(serviceField, 'serviceName')) ??
    str(field(taskField, 'serviceName')) ??
    str(field(source, 'serviceName'));
  const task = str(taskField) ?? str(field(taskField, 'arn')) ?? str(field(source, 'taskArn'));
  const taskDefinition =
    str(tdField) ?? str(field(tdField, 'arn')) ?? str(field(source, 'taskDefinitionArn'));
  return {
    ...(connection ? { connection } : {}),
    ...(cluster ? { cluster } : {}),
    ...(service ? { service } : {}),
    ...(task ? { task } : {}),
    ...(taskDefinition ? { taskDefinition } : {}),
  };
}

/** Matches a name against patterns with `*` wildcards (protected clusters and profiles). */
export function matchesAny(name: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => {
    const re = new RegExp(
      `^${p
        .split('*')
        .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*')}$`,
    );
    return re.test(name);
  });
}

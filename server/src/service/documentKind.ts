/**
 * Which ECS document a file is, decided from its path and its content. A user's own JSON must
 * never be captured by mistake: a file is ours only when its name matches a configured pattern
 * or its content has the unmistakable shape of a task definition.
 */
import { type Node, findNodeAtLocation } from 'jsonc-parser';
import { matchAny } from './glob';

export type EcsDocumentKind = 'taskDefinition';

export interface DetectionSettings {
  readonly taskDefinitionPatterns: readonly string[];
  readonly exclude: readonly string[];
  readonly detectByContent: boolean;
  /** Paths the user explicitly opted in or out of (workspace state, keyed by URI). */
  readonly optIn?: readonly string[];
  readonly optOut?: readonly string[];
}

export const defaultDetectionSettings: DetectionSettings = {
  taskDefinitionPatterns: [
    '**/*task-def*.json',
    '**/*taskdef*.json',
    '**/*task-definition*.json',
    '**/*task_definition*.json',
    '**/ecs-task-def.json',
  ],
  exclude: [],
  detectByContent: true,
};

function isArray(node: Node | undefined): boolean {
  return node?.type === 'array';
}

/** True when the JSON root looks like a register-task-definition input or describe output. */
export function looksLikeTaskDefinition(root: Node | undefined): boolean {
  if (root?.type !== 'object') return false;
  if (isArray(findNodeAtLocation(root, ['containerDefinitions']))) return true;
  const wrapped = findNodeAtLocation(root, ['taskDefinition']);
  return wrapped?.type === 'object' && isArray(findNodeAtLocation(wrapped, ['containerDefinitions']));
}

/** Decides the kind of a document; `undefined` means "not an ECS document, leave it alone". */
export function detectDocumentKind(
  path: string,
  root: Node | undefined,
  settings: DetectionSettings = defaultDetectionSettings,
): EcsDocumentKind | undefined {
  if (settings.optOut?.includes(path)) return undefined;
  if (settings.optIn?.includes(path)) return 'taskDefinition';
  if (!path.toLowerCase().endsWith('.json')) return undefined;
  if (matchAny(settings.exclude, path)) return undefined;
  if (matchAny(settings.taskDefinitionPatterns, path)) return 'taskDefinition';
  if (settings.detectByContent && looksLikeTaskDefinition(root)) return 'taskDefinition';
  return undefined;
}

/**
 * Where a JSON path sits in a task definition, for the editor features: which model root to resolve
 * it from (register input or describe output), the path relative to the task definition, and facts
 * of the surrounding task (names, cpu/memory, launch type) that completion and hover offer.
 */
import type { Node } from 'jsonc-parser';
import type { EcsDocument } from '../core/ecsDocument';
import { type JsonPathSegment, items, propertyValue, stringProperty, taskRoot } from '../core/jsonNodes';
import { TASK_DEFINITION_DESCRIBE_ROOT, TASK_DEFINITION_ROOT } from '../core/schema/model';

export interface TaskContext {
  /** The task definition object node. */
  readonly task: Node;
  /** The model root of the whole document. */
  readonly rootName: string;
  /** Key prefix of the task definition inside the document (`['taskDefinition']` for describe output). */
  readonly prefix: readonly JsonPathSegment[];
}

export function taskContext(doc: EcsDocument): TaskContext | undefined {
  const root = taskRoot(doc.json.root);
  if (!root) return undefined;
  return root.wrapped
    ? { task: root.task, rootName: TASK_DEFINITION_DESCRIBE_ROOT, prefix: ['taskDefinition'] }
    : { task: root.task, rootName: TASK_DEFINITION_ROOT, prefix: [] };
}

/** The path relative to the task definition, or `undefined` when the path lies outside it. */
export function relativePath(
  ctx: TaskContext,
  path: readonly JsonPathSegment[],
): JsonPathSegment[] | undefined {
  if (ctx.prefix.some((p, i) => path[i] !== p)) return undefined;
  return path.slice(ctx.prefix.length);
}

/** The string `name`s of the items of the task's array `key`, in order. */
function namesOf(task: Node, key: string): string[] {
  const names: string[] = [];
  for (const item of items(propertyValue(task, key))) {
    const name = stringProperty(item, 'name');
    if (name) names.push(name);
  }
  return names;
}

/** Names of the task's containers, in order. */
export function containerNames(task: Node): string[] {
  return namesOf(task, 'containerDefinitions');
}

/** Names of the task's volumes, in order. */
export function volumeNames(task: Node): string[] {
  return namesOf(task, 'volumes');
}

/** The raw task-level value of `key` (string or number), for cpu and memory. */
export function scalarProperty(task: Node, key: string): string | number | undefined {
  const v = propertyValue(task, key);
  return v && (v.type === 'string' || v.type === 'number') ? (v.value as string | number) : undefined;
}

/** True when `runtimePlatform.operatingSystemFamily` is a Windows family. */
export function isWindows(task: Node): boolean {
  return /^WINDOWS/i.test(
    stringProperty(propertyValue(task, 'runtimePlatform'), 'operatingSystemFamily') ?? '',
  );
}

/** The index of the container a task-relative path is in (`['containerDefinitions', 2, ...]` → 2). */
export function containerIndexOf(rel: readonly JsonPathSegment[]): number | undefined {
  return rel[0] === 'containerDefinitions' && typeof rel[1] === 'number' ? rel[1] : undefined;
}

/**
 * The AWS Region the task already uses: an `awslogs-region` option of any container, else the Region
 * of an ECR image (`123456789012.dkr.ecr.eu-west-1.amazonaws.com/...`).
 */
export function regionOf(task: Node): string | undefined {
  const containers = items(propertyValue(task, 'containerDefinitions'));
  for (const c of containers) {
    const region = stringProperty(
      propertyValue(propertyValue(c, 'logConfiguration'), 'options'),
      'awslogs-region',
    );
    if (region) return region;
  }
  for (const c of containers) {
    const m = /\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com/.exec(stringProperty(c, 'image') ?? '');
    if (m?.[1]) return m[1];
  }
  return undefined;
}

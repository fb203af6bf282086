/**
 * Cross-file input of service-definition checks: what a service definition needs to know about the
 * task definition it runs (containers, their ports and port names, network mode, compatibilities).
 * The language service stays pure: the server (or a test) builds summaries from the task definition
 * documents it knows — open editors and workspace files — and passes an index in.
 */
import type { EcsDocument } from '../core/ecsDocument';
import { isTemplated } from '../core/modelCheck';
import { taskDefinitionOf } from '../taskDefinition/taskDefinition';
import { numberOf, stringOf, valueOf } from '../core/properties';

/** One port mapping of a container, as far as it is known. */
export interface PortSummary {
  readonly containerPort: number | undefined;
  readonly name: string | undefined;
}

export interface ContainerSummary {
  readonly name: string;
  readonly ports: readonly PortSummary[];
  /** False when some port mapping is templated: a missing port may be one of them. */
  readonly portsComplete: boolean;
}

/** What a service definition check needs of a task definition. */
export interface TaskDefinitionSummary {
  readonly uri: string;
  readonly family: string | undefined;
  /** As written; `undefined` when absent (the API default is `bridge`) or templated. */
  readonly networkMode: string | undefined;
  /** False when `networkMode` is templated (its value is unknown). */
  readonly networkModeKnown: boolean;
  /** `undefined` when absent or templated. */
  readonly requiresCompatibilities: readonly string[] | undefined;
  readonly containers: readonly ContainerSummary[];
  /** False when some container name is templated: a missing name may be that one. */
  readonly containersComplete: boolean;
}

/** The task definitions a service definition can refer to. */
export interface TaskDefinitionIndex {
  /**
   * The task definition a service definition runs: by the family its `taskDefinition` names
   * (`family`, `family:revision` or an ARN), or — when it names none, as ecspresso's files do — the
   * one its tool configuration pairs it with. `undefined` when unknown.
   */
  find(reference: string | undefined, serviceDefinitionUri: string): TaskDefinitionSummary | undefined;
  /** Every known family, for completion. */
  families(): readonly string[];
}

/** An index that knows nothing (the CLI on a single file, tests). */
export const EMPTY_TASK_DEFINITION_INDEX: TaskDefinitionIndex = { find: () => undefined, families: () => [] };

/**
 * The family a `taskDefinition` reference names: `web`, `web:12`,
 * `arn:aws:ecs:us-east-1:123456789012:task-definition/web:12` → `web`. `undefined` when it is not one.
 */
export function familyOfReference(reference: string): string | undefined {
  const afterSlash = reference.startsWith('arn:') ? reference.split('/').slice(1).join('/') : reference;
  const family = afterSlash.split(':')[0] ?? '';
  return /^[A-Za-z0-9_-]{1,255}$/.test(family) ? family : undefined;
}

/** Summarises a parsed task definition (or returns `undefined` for any other document). */
export function summarizeTaskDefinition(doc: EcsDocument): TaskDefinitionSummary | undefined {
  if (doc.kind !== 'taskDefinition') return undefined;
  const td = taskDefinitionOf(doc);
  // Only a real task definition (one with container definitions) can stand for a service's task.
  if (valueOf(td?.node, 'containerDefinitions')?.type !== 'array' || !td) return undefined;
  const known = (node: Parameters<typeof isTemplated>[1] | undefined): boolean =>
    !node || !isTemplated(doc.json, node);
  const familyNode = valueOf(td.node, 'family');
  const networkModeNode = valueOf(td.node, 'networkMode');
  const compat = valueOf(td.node, 'requiresCompatibilities');
  let containersComplete = true;
  const containers: ContainerSummary[] = [];
  for (const c of td.containers) {
    if (!c.nameNode || !known(c.nameNode) || c.name === undefined) {
      containersComplete = false;
      continue;
    }
    let portsComplete = true;
    const ports: PortSummary[] = [];
    for (const p of c.portMappings) {
      const portNode = valueOf(p.node, 'containerPort');
      const nameNode = valueOf(p.node, 'name');
      if (!known(portNode) || !known(nameNode) || !known(p.node)) portsComplete = false;
      ports.push({ containerPort: numberOf(portNode), name: stringOf(nameNode) });
    }
    if (!known(valueOf(c.node, 'portMappings'))) portsComplete = false;
    containers.push({ name: c.name, ports, portsComplete });
  }
  if (!known(valueOf(td.node, 'containerDefinitions'))) containersComplete = false;
  return {
    uri: doc.textDocument.uri,
    family: known(familyNode) ? stringOf(familyNode) : undefined,
    networkMode: known(networkModeNode) ? td.networkMode : undefined,
    networkModeKnown: known(networkModeNode),
    requiresCompatibilities:
      compat && known(compat) && compat.type === 'array' && (compat.children ?? []).every((n) => known(n))
        ? td.requiresCompatibilities
        : undefined,
    containers,
    containersComplete,
  };
}

function folderOf(uri: string): string {
  return uri.slice(0, uri.lastIndexOf('/') + 1);
}

/**
 * An in-memory index over task definition summaries. `pairs` maps a service definition URI to the
 * task definition URI a tool configuration names (ecspresso's `service_definition` /
 * `task_definition`). Lookup by family prefers a task definition in the service definition's folder.
 * A service definition that names no task definition and has no pair uses the only task definition
 * of its folder, when there is exactly one (ecspresso's default layout).
 */
export function createTaskDefinitionIndex(
  summaries: readonly TaskDefinitionSummary[],
  pairs: ReadonlyMap<string, string> = new Map(),
): TaskDefinitionIndex {
  const byUri = new Map(summaries.map((s) => [s.uri, s]));
  return {
    find(reference, serviceUri) {
      const folder = folderOf(serviceUri);
      const family = reference !== undefined ? familyOfReference(reference) : undefined;
      if (family !== undefined) {
        const matches = summaries.filter((s) => s.family === family);
        return matches.find((s) => folderOf(s.uri) === folder) ?? matches[0];
      }
      if (reference !== undefined && reference.trim() !== '') {
        // A templated or placeholder reference: only an explicit pair can tell.
        const paired = pairs.get(serviceUri);
        return paired !== undefined ? byUri.get(paired) : undefined;
      }
      const paired = pairs.get(serviceUri);
      if (paired !== undefined) return byUri.get(paired);
      const siblings = summaries.filter((s) => folderOf(s.uri) === folder);
      return siblings.length === 1 ? siblings[0] : undefined;
    },
    families() {
      return [...new Set(summaries.map((s) => s.family).filter((f): f is string => f !== undefined))].sort();
    },
  };
}

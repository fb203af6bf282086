/**
 * Typed, offset-carrying views over the jsonc-parser tree of a task definition, so that features
 * (validation, completion, hover, outline, definition, rename, quick fixes) never walk JSON by hand.
 *
 * The view unwraps `describe-task-definition` output (`{ taskDefinition: {...}, tags }`); every value
 * keeps its node, so a feature can turn it into a range. Built once per parsed document (cached for
 * the most recent roots) — all lookups are linear in the size of the task definition, not of the file.
 *
 * `taskDefinition/` holds everything about task definitions, and this view is its model: with
 * taskContext (paths relative to the task) and fargate (the Fargate size table) it is what the
 * features read. validate.ts runs `rules/` (one rule per file, the schema rule through the shared
 * model checker of `core/`); complete, hover, symbols, navigation and actions are the editor features.
 */
import type { Node } from 'jsonc-parser';
import type { EcsDocument } from '../core/ecsDocument';
import {
  type JsonPath,
  type PropertyRef,
  itemsOf,
  propertyLookup,
  propertyOf,
  scalarOf,
  stringContentRange,
  stringOf,
  valueOf,
} from '../core/properties';

/** A container definition (`containerDefinitions[index]`). */
export interface ContainerView {
  readonly index: number;
  readonly node: Node;
  /** JSON path of the container object, e.g. `['containerDefinitions', 2]` (or under `taskDefinition`). */
  readonly path: JsonPath;
  /** The container's `name` when it is a string. */
  readonly name: string | undefined;
  /** The string node of `name` (its value), for ranges and renames. */
  readonly nameNode: Node | undefined;
  readonly portMappings: readonly PortMappingView[];
  /** Every reference this container makes to other containers and to volumes. */
  readonly references: readonly ReferenceView[];
  property(name: string): PropertyRef | undefined;
}

/** A task volume (`volumes[index]`). */
export interface VolumeView {
  readonly index: number;
  readonly node: Node;
  readonly path: JsonPath;
  readonly name: string | undefined;
  readonly nameNode: Node | undefined;
  property(name: string): PropertyRef | undefined;
}

/** One entry of a container's `portMappings`. */
export interface PortMappingView {
  readonly container: ContainerView;
  readonly index: number;
  readonly node: Node;
  readonly path: JsonPath;
  property(name: string): PropertyRef | undefined;
}

/** The kinds of name references a container can make. */
export type ReferenceKind = 'dependsOn' | 'links' | 'volumesFrom' | 'mountPoints';

/**
 * A reference by name from a container to another container (`dependsOn[].containerName`,
 * `links[]` (`name:alias`), `volumesFrom[].sourceContainer`) or to a volume (`mountPoints[].sourceVolume`).
 */
export interface ReferenceView {
  readonly kind: ReferenceKind;
  /** `container` for dependsOn/links/volumesFrom, `volume` for mountPoints. */
  readonly targetKind: 'container' | 'volume';
  readonly from: ContainerView;
  /** The referenced name (for links, the part before `:`). */
  readonly target: string;
  /** The string node holding the name. */
  readonly valueNode: Node;
  /** Offset and length of the name itself inside the document (inside the quotes; links: name part only). */
  readonly offset: number;
  readonly length: number;
  /** The array entry (`dependsOn[i]` object, `links[i]` string...). */
  readonly entryNode: Node;
  readonly entryIndex: number;
}

/** The task definition of a document. */
export interface TaskDefinitionView {
  /** The task definition object (the `taskDefinition` member of describe output, or the root). */
  readonly node: Node;
  /** The document root. */
  readonly rootNode: Node;
  /** True for `describe-task-definition` output (`{ taskDefinition: {...}, tags }`). */
  readonly isDescribeOutput: boolean;
  /** Path of the task definition object: `[]`, or `['taskDefinition']` for describe output. */
  readonly path: JsonPath;
  readonly containers: readonly ContainerView[];
  readonly volumes: readonly VolumeView[];
  /** Every container/volume reference of every container, in document order. */
  readonly references: readonly ReferenceView[];
  /** A task-level property (`cpu`, `memory`, `networkMode`, ...). */
  property(name: string): PropertyRef | undefined;
  /** Scalar value of a task-level property: strings, numbers and booleans as they are written. */
  scalar(name: string): string | number | boolean | undefined;
  /** `requiresCompatibilities` values that are strings. */
  readonly requiresCompatibilities: readonly string[];
  /** `networkMode` as written, or `undefined` (the API default is `bridge`). */
  readonly networkMode: string | undefined;
  /** True when `requiresCompatibilities` contains `FARGATE`. */
  readonly isFargate: boolean;
  /** True when `runtimePlatform.operatingSystemFamily` is a Windows family. */
  readonly isWindows: boolean;
  containerNamed(name: string): ContainerView | undefined;
  volumeNamed(name: string): VolumeView | undefined;
  /** References whose target is the container or volume `name`. */
  referencesTo(targetKind: 'container' | 'volume', name: string): ReferenceView[];
}

// ---- the view ---------------------------------------------------------------------------------------------

/**
 * The views of the last two roots. Deliberately not a WeakMap: its ephemeron entries kept whole
 * syntax trees of past versions alive through young-generation collections, which tripled major GCs
 * while typing in large files. Features ask repeatedly about the same (current) version, and two
 * entries cover alternating between two documents; building a view is cheap anyway.
 */
const recent: { root: Node; view: TaskDefinitionView | undefined }[] = [];

/** The task definition view of a parsed document, or `undefined` when the root is not an object. */
export function taskDefinitionOf(doc: EcsDocument): TaskDefinitionView | undefined {
  return taskDefinitionOfRoot(doc.json.root);
}

/** The task definition view of a JSON root node (cached for the most recent roots). */
export function taskDefinitionOfRoot(root: Node | undefined): TaskDefinitionView | undefined {
  if (root?.type !== 'object') return undefined;
  const hit = recent.find((entry) => entry.root === root);
  if (hit) return hit.view;
  const view = buildView(root);
  recent.unshift({ root, view });
  if (recent.length > 2) recent.pop();
  return view;
}

/** True when the root object is describe output: a `taskDefinition` object and no `containerDefinitions`. */
function isDescribeOutputRoot(root: Node): boolean {
  return valueOf(root, 'taskDefinition')?.type === 'object' && !propertyOf(root, 'containerDefinitions');
}

function buildView(rootNode: Node): TaskDefinitionView | undefined {
  const isDescribeOutput = isDescribeOutputRoot(rootNode);
  const node = isDescribeOutput ? valueOf(rootNode, 'taskDefinition') : rootNode;
  if (!node) return undefined;
  const path: JsonPath = isDescribeOutput ? ['taskDefinition'] : [];

  const containers: ContainerView[] = [];
  itemsOf(valueOf(node, 'containerDefinitions')).forEach((item, index) => {
    containers.push(buildContainer(item, index, [...path, 'containerDefinitions', index]));
  });
  const volumes: VolumeView[] = [];
  itemsOf(valueOf(node, 'volumes')).forEach((item, index) => {
    const nameNode = valueOf(item, 'name');
    volumes.push({
      index,
      node: item,
      path: [...path, 'volumes', index],
      name: stringOf(nameNode),
      nameNode: nameNode?.type === 'string' ? nameNode : undefined,
      property: (name) => propertyOf(item, name),
    });
  });
  // A loop, not `flatMap`: that builtin was a visible share of building the view of every file.
  const references: ReferenceView[] = [];
  for (const c of containers) for (const r of c.references) references.push(r);
  const requiresCompatibilities = itemsOf(valueOf(node, 'requiresCompatibilities'))
    .map(stringOf)
    .filter((v): v is string => v !== undefined);
  const osFamily = stringOf(valueOf(valueOf(node, 'runtimePlatform'), 'operatingSystemFamily'));

  const containersByName = new Map<string, ContainerView>();
  for (const c of containers)
    if (c.name !== undefined && !containersByName.has(c.name)) containersByName.set(c.name, c);
  const volumesByName = new Map<string, VolumeView>();
  for (const v of volumes)
    if (v.name !== undefined && !volumesByName.has(v.name)) volumesByName.set(v.name, v);

  // Rules ask the task for about thirty properties; a container is asked for ten, about as few as
  // it has, so only the task indexes its properties.
  const property = propertyLookup(node);
  return {
    node,
    rootNode,
    isDescribeOutput,
    path,
    containers,
    volumes,
    references,
    property,
    scalar: (name) => scalarOf(property(name)?.value),
    requiresCompatibilities,
    networkMode: stringOf(valueOf(node, 'networkMode')),
    isFargate: requiresCompatibilities.includes('FARGATE'),
    isWindows: osFamily?.startsWith('WINDOWS') ?? false,
    containerNamed: (name) => containersByName.get(name),
    volumeNamed: (name) => volumesByName.get(name),
    referencesTo: (targetKind, name) =>
      references.filter((r) => r.targetKind === targetKind && r.target === name),
  };
}

function buildContainer(node: Node, index: number, path: JsonPath): ContainerView {
  const nameNode = valueOf(node, 'name');
  const references: ReferenceView[] = [];
  const portMappings: PortMappingView[] = [];
  const container: ContainerView = {
    index,
    node,
    path,
    name: stringOf(nameNode),
    nameNode: nameNode?.type === 'string' ? nameNode : undefined,
    portMappings,
    references,
    property: (name) => propertyOf(node, name),
  };
  itemsOf(valueOf(node, 'portMappings')).forEach((item, i) => {
    portMappings.push({
      container,
      index: i,
      node: item,
      path: [...path, 'portMappings', i],
      property: (name) => propertyOf(item, name),
    });
  });
  const addReference = (
    kind: ReferenceKind,
    targetKind: 'container' | 'volume',
    entryNode: Node,
    entryIndex: number,
    valueNode: Node | undefined,
    nameOnly?: (value: string) => string,
  ): void => {
    const value = stringOf(valueNode);
    if (value === undefined || !valueNode) return;
    const target = nameOnly ? nameOnly(value) : value;
    const content = stringContentRange(valueNode);
    // The name's length in the source equals its value length unless it contains escapes.
    const raw = content.length === value.length;
    references.push({
      kind,
      targetKind,
      from: container,
      target,
      valueNode,
      offset: content.offset,
      length: raw ? target.length : content.length,
      entryNode,
      entryIndex,
    });
  };
  itemsOf(valueOf(node, 'dependsOn')).forEach((entry, i) =>
    addReference('dependsOn', 'container', entry, i, valueOf(entry, 'containerName')),
  );
  itemsOf(valueOf(node, 'links')).forEach((entry, i) =>
    addReference('links', 'container', entry, i, entry, (v) => v.split(':')[0] ?? v),
  );
  itemsOf(valueOf(node, 'volumesFrom')).forEach((entry, i) =>
    addReference('volumesFrom', 'container', entry, i, valueOf(entry, 'sourceContainer')),
  );
  itemsOf(valueOf(node, 'mountPoints')).forEach((entry, i) =>
    addReference('mountPoints', 'volume', entry, i, valueOf(entry, 'sourceVolume')),
  );
  return container;
}

/**
 * The generated ECS model (see scripts/generateModel.ts) and small lookups over it: the structure of a
 * name, and the member or shape at a JSON path such as
 * `['containerDefinitions', 0, 'portMappings', 0, 'hostPort']`.
 */
import modelJson from './generated/ecsModel.json';
import type { Member, Model, Shape, StructureShape } from './types';

/** The model generated from the installed `@aws-sdk/client-ecs`. */
export const ecsModel: Model = modelJson as unknown as Model;

/** Root structure names by document kind. */
export const TASK_DEFINITION_ROOT = 'RegisterTaskDefinitionRequest';
/** `describe-task-definition` output: `{ taskDefinition: TaskDefinition, tags }`. */
export const TASK_DEFINITION_DESCRIBE_ROOT = 'DescribeTaskDefinitionResponse';
export const CREATE_SERVICE_ROOT = 'CreateServiceRequest';
export const UPDATE_SERVICE_ROOT = 'UpdateServiceRequest';

/** The structure called `name`, or `undefined`. */
export function structureOf(name: string): StructureShape | undefined {
  return Object.prototype.hasOwnProperty.call(ecsModel.structures, name)
    ? ecsModel.structures[name]
    : undefined;
}

/** The structure a shape refers to (`ref`), or `undefined` for scalars, enums, arrays and maps. */
export function structureOfShape(shape: Shape | undefined): StructureShape | undefined {
  return shape?.kind === 'ref' ? structureOf(shape.name) : undefined;
}

/** The member `name` of `structure`, own members only (never `toString` & co). */
export function memberOf(structure: StructureShape | undefined, name: string): Member | undefined {
  if (!structure || !Object.prototype.hasOwnProperty.call(structure.members, name)) return undefined;
  return structure.members[name];
}

/** What a JSON path resolves to: its shape, and the member it names when the last step is a key. */
export interface ResolvedPath {
  readonly shape: Shape;
  /** The member named by the last key of the path (absent for array items, map values and the root). */
  readonly member?: Member;
  /** The structure holding `member`. */
  readonly parent?: StructureShape;
}

/**
 * Resolves a JSON path (keys and array indexes) from a root structure. Returns `undefined` when the
 * path leaves the model (an unknown key, an index into an object...).
 */
export function shapeAt(
  path: readonly (string | number)[],
  root: string = TASK_DEFINITION_ROOT,
): ResolvedPath | undefined {
  let resolved: ResolvedPath = { shape: { kind: 'ref', name: root } };
  for (const step of path) {
    const shape = resolved.shape;
    if (shape.kind === 'array') {
      if (typeof step !== 'number') return undefined;
      resolved = { shape: shape.items };
    } else if (shape.kind === 'map') {
      if (typeof step !== 'string') return undefined;
      resolved = { shape: shape.values };
    } else if (shape.kind === 'ref') {
      if (typeof step !== 'string') return undefined;
      const parent = structureOf(shape.name);
      const member = memberOf(parent, step);
      if (!member || !parent) return undefined;
      resolved = { shape: member.shape, member, parent };
    } else {
      return undefined;
    }
  }
  return resolved;
}

/** The member at a JSON path whose last step is a key, e.g. `['containerDefinitions', 0, 'image']`. */
export function memberAt(
  path: readonly (string | number)[],
  root: string = TASK_DEFINITION_ROOT,
): Member | undefined {
  return shapeAt(path, root)?.member;
}

/** The structure at a JSON path (the object a completion or hover is in), or `undefined`. */
export function structureAt(
  path: readonly (string | number)[],
  root: string = TASK_DEFINITION_ROOT,
): StructureShape | undefined {
  return structureOfShape(shapeAt(path, root)?.shape);
}

/** A short human name of a shape for messages: `string`, `array of PortMapping`, `one of awsvpc, bridge`. */
export function describeShape(shape: Shape): string {
  switch (shape.kind) {
    case 'string':
    case 'boolean':
      return shape.kind;
    case 'number':
      return shape.integer ? 'integer' : 'number';
    case 'any':
      return 'any value';
    case 'enum':
      return `one of ${shape.values.join(', ')}`;
    case 'array':
      return `array of ${describeShape(shape.items)}`;
    case 'map':
      return `object of ${describeShape(shape.values)}`;
    case 'ref':
      return `${shape.name} object`;
  }
}

const API_REFERENCE = 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference';

/** The AWS API reference page (and anchor) of a member of a structure. */
export function memberLink(structure: string, member: string): string {
  const request = /^(\w+)Request$/.exec(structure);
  if (request?.[1]) return `${API_REFERENCE}/API_${request[1]}.html#ECS-${request[1]}-request-${member}`;
  const response = /^(\w+)Response$/.exec(structure);
  if (response?.[1]) return `${API_REFERENCE}/API_${response[1]}.html#ECS-${response[1]}-response-${member}`;
  return `${API_REFERENCE}/API_${structure}.html#ECS-Type-${structure}-${member}`;
}

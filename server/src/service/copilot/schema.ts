/**
 * The shape language of the Copilot manifest model. AWS Copilot reads manifests into Go structs with
 * yaml.v3, so a field often takes one of several forms (`http: false` or a map, `build: path` or a
 * map, `count: 2` or an autoscaling map); a `oneOf` lists them, at most one map form and one list
 * form, any number of scalar forms.
 */

export interface CopilotField {
  readonly shape: CopilotShape;
  /** What the field does, in a sentence or two (hover and completion). */
  readonly doc: string;
  readonly required?: boolean;
  /**
   * Copilot reads the field (its struct has it) but its validation rejects it in this manifest type:
   * why, as a message (ECS511). Not offered by completion.
   */
  readonly rejected?: string;
}

export type CopilotShape =
  /** Any scalar reads as a string in yaml.v3 (`port: 80` into a string field is fine). */
  | { readonly kind: 'string' }
  | { readonly kind: 'int'; readonly min?: number; readonly max?: number }
  | { readonly kind: 'number' }
  /** `true`/`false` (yaml.v3 also reads yes/no/on/off into booleans). */
  | { readonly kind: 'bool' }
  /** A Go duration: `30s`, `1m30s`, `2h`. */
  | { readonly kind: 'duration' }
  | { readonly kind: 'enum'; readonly values: readonly string[]; readonly caseInsensitive?: boolean }
  | {
      readonly kind: 'object';
      readonly name: string;
      readonly fields: Readonly<Record<string, CopilotField>>;
    }
  | { readonly kind: 'map'; readonly name: string; readonly values: CopilotShape }
  | { readonly kind: 'list'; readonly items: CopilotShape }
  | { readonly kind: 'oneOf'; readonly options: readonly CopilotShape[] }
  | { readonly kind: 'any' };

export const str: CopilotShape = { kind: 'string' };
export const int: CopilotShape = { kind: 'int' };
export const bool: CopilotShape = { kind: 'bool' };
export const duration: CopilotShape = { kind: 'duration' };
export const any: CopilotShape = { kind: 'any' };

export function enumOf(...values: string[]): CopilotShape {
  return { kind: 'enum', values };
}
export function listOf(items: CopilotShape): CopilotShape {
  return { kind: 'list', items };
}
export function mapOf(name: string, values: CopilotShape): CopilotShape {
  return { kind: 'map', name, values };
}
export function oneOf(...options: CopilotShape[]): CopilotShape {
  return { kind: 'oneOf', options };
}
export function object(name: string, fields: Record<string, CopilotField>): CopilotShape {
  return { kind: 'object', name, fields };
}
export function field(shape: CopilotShape, doc: string, required = false): CopilotField {
  return required ? { shape, doc, required } : { shape, doc };
}

/** The field, marked as rejected by Copilot's validation in this manifest type. */
export function rejected(f: CopilotField, why: string): CopilotField {
  return { ...f, rejected: why };
}

/** The forms of a shape (a `oneOf`'s options, or the shape itself). */
export function formsOf(shape: CopilotShape): readonly CopilotShape[] {
  return shape.kind === 'oneOf' ? shape.options.flatMap(formsOf) : [shape];
}

/** The map form of a shape (object or map), if it has one. */
export function mapFormOf(
  shape: CopilotShape,
): Extract<CopilotShape, { kind: 'object' } | { kind: 'map' }> | undefined {
  for (const f of formsOf(shape)) if (f.kind === 'object' || f.kind === 'map') return f;
  return undefined;
}

/** The list form of a shape, if it has one. */
export function listFormOf(shape: CopilotShape): Extract<CopilotShape, { kind: 'list' }> | undefined {
  for (const f of formsOf(shape)) if (f.kind === 'list') return f;
  return undefined;
}

/** Descriptions of the shapes that say no more than their kind. */
const KIND_DESCRIPTIONS: Readonly<
  Record<Exclude<CopilotShape['kind'], 'enum' | 'map' | 'list' | 'oneOf'>, string>
> = {
  string: 'string',
  int: 'integer',
  number: 'number',
  bool: 'boolean',
  duration: 'duration (e.g. 30s, 1m30s)',
  object: 'map',
  any: 'any value',
};

/** A short description for messages and hovers: `integer`, `map or boolean`, `one of public, private`. */
export function describeCopilotShape(shape: CopilotShape): string {
  switch (shape.kind) {
    case 'enum':
      return `one of ${shape.values.join(', ')}`;
    case 'map':
      return `map of ${describeCopilotShape(shape.values)}`;
    case 'list':
      return `list of ${describeCopilotShape(shape.items)}`;
    case 'oneOf':
      return [...new Set(shape.options.map(describeCopilotShape))].join(' or ');
    default:
      return KIND_DESCRIPTIONS[shape.kind];
  }
}

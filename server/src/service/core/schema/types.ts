/**
 * The shape model the language service works from. It is generated at build time from the typed
 * API model that `@aws-sdk/client-ecs` ships (see scripts/generateModel.ts), so new API members
 * cannot go unnoticed; constraints that AWS documents only in prose are added by hand in rules/.
 */

export type Shape =
  | { readonly kind: 'string' }
  | { readonly kind: 'number'; readonly integer?: boolean }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'any' }
  | { readonly kind: 'enum'; readonly name: string; readonly values: readonly string[] }
  | { readonly kind: 'array'; readonly items: Shape }
  | { readonly kind: 'map'; readonly values: Shape }
  | { readonly kind: 'ref'; readonly name: string };

export interface Member {
  readonly name: string;
  readonly required: boolean;
  readonly shape: Shape;
  /** The API reference text of the member, converted to Markdown. */
  readonly doc: string;
}

export interface StructureShape {
  readonly name: string;
  readonly doc: string;
  readonly members: Readonly<Record<string, Member>>;
  /** A tagged union (e.g. `SharingStrategy`): exactly one of the members is set. */
  readonly union?: boolean;
}

export interface Model {
  /** Version of the SDK package the model was generated from. */
  readonly sdkVersion: string;
  readonly structures: Readonly<Record<string, StructureShape>>;
  /** Root structure of each document kind (e.g. `RegisterTaskDefinitionRequest`). */
  readonly roots: Readonly<Record<string, string>>;
}

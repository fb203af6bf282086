/**
 * Reading values out of the parsed tree (jsonc-parser's `Node`, which the YAML and Jsonnet parsers
 * build too): one object property, all properties, typed scalars, array items, string content ranges.
 * Every kind of document — task definitions, service definitions, Copilot manifests — reads its tree
 * through these, so "the last key wins" and "a missing value is `undefined`" mean the same everywhere.
 */
import type { Node } from 'jsonc-parser';

/** A JSON path: keys and array indexes. */
export type JsonPath = readonly (string | number)[];

/** One `"key": value` of an object: its property node, key node (a string) and value node. */
export interface PropertyRef {
  readonly name: string;
  readonly property: Node;
  readonly key: Node;
  /** Absent when the value is missing in a broken document (`"cpu": }`). */
  readonly value: Node | undefined;
}

/**
 * The property node `name` of an object node (the last one when a key repeats, as JSON.parse does).
 * Searched from the end: the first match is the last one, and nothing is allocated (every rule asks).
 */
function propertyNodeOf(node: Node | undefined, name: string): Node | undefined {
  const children = node?.type === 'object' ? node.children : undefined;
  if (!children) return undefined;
  for (let i = children.length - 1; i >= 0; i--) {
    const property = children[i];
    if (property?.children?.[0]?.value === name) return property;
  }
  return undefined;
}

/** The property `name` of an object node (the last one when a key repeats, as JSON.parse does). */
export function propertyOf(node: Node | undefined, name: string): PropertyRef | undefined {
  const property = propertyNodeOf(node, name);
  const key = property?.children?.[0];
  return property && key ? { name, property, key, value: property.children?.[1] } : undefined;
}

/** Questions `propertyLookup` answers by scanning before it builds its index. */
const SCANS_BEFORE_INDEX = 4;

/**
 * `propertyOf` for one object node that is asked again and again (the `property` of a task
 * definition view, which every rule reads): the first few questions scan its properties, later ones
 * read an index of them built once (each key's last property, as `propertyOf` finds it). Answers
 * from the index are shared objects; they are read-only like every `PropertyRef`.
 */
export function propertyLookup(node: Node): (name: string) => PropertyRef | undefined {
  let asked = 0;
  let index: Map<string, PropertyRef> | undefined;
  return (name) => {
    if (index) return index.get(name);
    if (++asked <= SCANS_BEFORE_INDEX) return propertyOf(node, name);
    index = new Map();
    for (const property of node.type === 'object' ? (node.children ?? []) : []) {
      const key = property.children?.[0];
      if (key && typeof key.value === 'string')
        index.set(key.value, { name: key.value, property, key, value: property.children?.[1] });
    }
    return index.get(name);
  };
}

/** Every property of an object node, in document order. */
export function propertiesOf(node: Node | undefined): PropertyRef[] {
  if (node?.type !== 'object' || !node.children) return [];
  const out: PropertyRef[] = [];
  for (const property of node.children) {
    const key = property.children?.[0];
    if (key?.type === 'string' && typeof key.value === 'string') {
      out.push({ name: key.value, property, key, value: property.children?.[1] });
    }
  }
  return out;
}

/** The value node of property `name`. */
export function valueOf(node: Node | undefined, name: string): Node | undefined {
  return propertyNodeOf(node, name)?.children?.[1];
}

/** The string value of a node, or `undefined`. */
export function stringOf(node: Node | undefined): string | undefined {
  return node?.type === 'string' && typeof node.value === 'string' ? node.value : undefined;
}

/** Member `name` of an object node when it is a string: the value node (for ranges) and the string. */
export function stringMember(
  node: Node | undefined,
  name: string,
): { node: Node; value: string } | undefined {
  const member = valueOf(node, name);
  const value = stringOf(member);
  return member && value !== undefined ? { node: member, value } : undefined;
}

/** The number value of a node, or `undefined`. */
export function numberOf(node: Node | undefined): number | undefined {
  return node?.type === 'number' && typeof node.value === 'number' ? node.value : undefined;
}

/** The scalar value of a node (string, number, boolean), or `undefined`. */
export function scalarOf(node: Node | undefined): string | number | boolean | undefined {
  if (!node) return undefined;
  if (node.type === 'string' || node.type === 'number' || node.type === 'boolean') {
    return node.value as string | number | boolean;
  }
  return undefined;
}

/** The items of an array node (empty for anything else). */
export function itemsOf(node: Node | undefined): readonly Node[] {
  return node?.type === 'array' ? (node.children ?? []) : [];
}

/** Offset/length of a string node's content (inside the quotes). */
export function stringContentRange(node: Node): { offset: number; length: number } {
  if (node.type !== 'string' || node.length < 2) return { offset: node.offset, length: node.length };
  return { offset: node.offset + 1, length: node.length - 2 };
}

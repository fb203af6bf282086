/**
 * Small helpers over the jsonc-parser tree used by the editor features (completion, hover, outline,
 * navigation, quick fixes): property lookup, paths, string ranges and the task root of a document.
 */
import type { Node } from 'jsonc-parser';
import type { Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';

export type JsonPathSegment = string | number;

/** The property node named `key` of an object node. */
export function propertyNode(object: Node | undefined, key: string): Node | undefined {
  if (object?.type !== 'object') return undefined;
  for (const p of object.children ?? []) {
    if (p.children?.[0]?.value === key) return p;
  }
  return undefined;
}

/** The value node of property `key` of an object node. */
export function propertyValue(object: Node | undefined, key: string): Node | undefined {
  return propertyNode(object, key)?.children?.[1];
}

/** The string value of property `key`, when it is a string. */
export function stringProperty(object: Node | undefined, key: string): string | undefined {
  const v = propertyValue(object, key);
  return v?.type === 'string' && typeof v.value === 'string' ? v.value : undefined;
}

/** The key node of a property node. */
export function keyNode(property: Node | undefined): Node | undefined {
  return property?.type === 'property' ? property.children?.[0] : undefined;
}

/** The keys of an object node's properties. */
export function propertyKeys(object: Node | undefined): string[] {
  if (object?.type !== 'object') return [];
  const keys: string[] = [];
  for (const p of object.children ?? []) {
    const k: unknown = p.children?.[0]?.value;
    if (typeof k === 'string') keys.push(k);
  }
  return keys;
}

/** Item nodes of an array node (empty for anything else). */
export function items(array: Node | undefined): readonly Node[] {
  return array?.type === 'array' ? (array.children ?? []) : [];
}

/**
 * The path of a value node from the root (`['containerDefinitions', 0, 'name']`). For a property's
 * key node the path names the property.
 */
export function pathOf(node: Node): JsonPathSegment[] {
  const path: JsonPathSegment[] = [];
  let child: Node = node;
  let parent = node.parent;
  while (parent) {
    if (parent.type === 'property') {
      const key: unknown = parent.children?.[0]?.value;
      if (typeof key === 'string') path.unshift(key);
    } else if (parent.type === 'array') {
      path.unshift((parent.children ?? []).indexOf(child));
    }
    child = parent;
    parent = parent.parent;
  }
  return path;
}

/** The range of a node in the document. */
export function nodeRange(document: TextDocument, node: Node): Range {
  return { start: document.positionAt(node.offset), end: document.positionAt(node.offset + node.length) };
}

/** The range between the quotes of a string node (its whole range for anything else). */
export function stringContentRange(document: TextDocument, node: Node): Range {
  if (node.type !== 'string' || node.length < 2) return nodeRange(document, node);
  return {
    start: document.positionAt(node.offset + 1),
    end: document.positionAt(node.offset + node.length - 1),
  };
}

/** True when `offset` lies inside `node` (both bounds included, so a caret at the end counts). */
export function contains(node: Node, offset: number): boolean {
  return offset >= node.offset && offset <= node.offset + node.length;
}

/** Where the task definition lives: the root, or `taskDefinition` in describe-task-definition output. */
export interface TaskRoot {
  /** The task definition object. */
  readonly task: Node;
  /** True for `{ "taskDefinition": {...}, "tags": [...] }` (describe output). */
  readonly wrapped: boolean;
}

export function taskRoot(root: Node | undefined): TaskRoot | undefined {
  if (root?.type !== 'object') return undefined;
  const wrapped = propertyValue(root, 'taskDefinition');
  if (wrapped?.type === 'object' && !propertyNode(root, 'containerDefinitions')) {
    return { task: wrapped, wrapped: true };
  }
  return { task: root, wrapped: false };
}

/** JSON text of a string value (quoted and escaped). */
export function quote(value: string): string {
  return JSON.stringify(value);
}

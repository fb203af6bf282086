/**
 * Where the caret is in a task definition, for completion: on a key (of which object, with or
 * without a colon already), or on a value (at which path), with the text range an item replaces.
 */
import { type Node, findNodeAtOffset } from 'jsonc-parser';
import type { EcsDocument } from '../core/ecsDocument';
import { type JsonPathSegment, pathOf } from '../core/jsonNodes';
import { wordAt } from '../core/keyCompletion';

/** What the caret is on. */
export type Slot =
  | {
      readonly kind: 'key';
      /** Path of the object the key belongs to. */
      readonly objectPath: JsonPathSegment[];
      readonly object: Node | undefined;
      readonly range: { start: number; end: number };
      /** The key being edited already has a `:` — insert only the key. */
      readonly keyOnly: boolean;
      readonly editedKey: string | undefined;
    }
  | {
      readonly kind: 'value';
      /** Path of the value being completed. */
      readonly path: JsonPathSegment[];
      readonly range: { start: number; end: number };
    };

/** Characters of a key or bare value typed without quotes. */
const WORD = /[A-Za-z0-9_.$@/-]/;

function wordAround(text: string, offset: number): { start: number; end: number } {
  return wordAt(text, offset, WORD);
}

/** A string node's range, stopping at the caret's word end when the string is not closed. */
function stringRange(text: string, node: Node, offset: number): { start: number; end: number } {
  const end = node.offset + node.length;
  const closed = node.length >= 2 && text[end - 1] === '"';
  return closed ? { start: node.offset, end } : { start: node.offset, end: wordAround(text, offset).end };
}

function isClosedScalarEnd(text: string, node: Node, offset: number): boolean {
  if (offset !== node.offset + node.length) return false;
  if (node.type === 'string') return node.length >= 2 && text[offset - 1] === '"';
  return node.type === 'object' || node.type === 'array';
}

export function findSlot(doc: EcsDocument, offset: number): Slot | undefined {
  const text = doc.textDocument.getText();
  const root = doc.json.root;
  if (!root) return undefined;
  const node = findNodeAtOffset(root, offset, true);
  if (!node) return undefined;
  if (isClosedScalarEnd(text, node, offset) && node !== root) return undefined;
  const parent = node.parent;

  if (node.type === 'string' && parent?.type === 'property' && parent.children?.[0] === node) {
    return {
      kind: 'key',
      objectPath: parent.parent ? pathOf(parent.parent) : [],
      object: parent.parent,
      range: stringRange(text, node, offset),
      keyOnly: parent.colonOffset !== undefined,
      editedKey: typeof node.value === 'string' ? node.value : undefined,
    };
  }
  if (node.type === 'string' || node.type === 'number' || node.type === 'boolean' || node.type === 'null') {
    const range =
      node.type === 'string'
        ? stringRange(text, node, offset)
        : { start: node.offset, end: node.offset + node.length };
    return { kind: 'value', path: pathOf(node), range };
  }
  if (node.type === 'object') {
    if (offset <= node.offset) return undefined;
    return {
      kind: 'key',
      objectPath: pathOf(node),
      object: node,
      range: wordAround(text, offset),
      keyOnly: false,
      editedKey: undefined,
    };
  }
  if (node.type === 'property') {
    const key = node.children?.[0];
    if (node.colonOffset === undefined || offset <= node.colonOffset) {
      // A bare word typed where a key goes (`{ fam| }`) parses as a property without a colon.
      return key && node.parent
        ? {
            kind: 'key',
            objectPath: pathOf(node.parent),
            object: node.parent,
            range: wordAround(text, offset),
            keyOnly: false,
            editedKey: undefined,
          }
        : undefined;
    }
    return key ? { kind: 'value', path: pathOf(key), range: wordAround(text, offset) } : undefined;
  }
  if (node.type === 'array') {
    if (offset <= node.offset) return undefined;
    const index = (node.children ?? []).filter((c) => c.offset + c.length <= offset).length;
    return { kind: 'value', path: [...pathOf(node), index], range: wordAround(text, offset) };
  }
  return undefined;
}

/** `,` when a value follows the edit without one. */
export function separatorAfter(text: string, end: number): string {
  let i = end;
  while (i < text.length && /\s/.test(text[i] ?? '')) i++;
  const next = text[i] ?? '';
  return /["{[\d\-tfn]/.test(next) ? ',' : '';
}

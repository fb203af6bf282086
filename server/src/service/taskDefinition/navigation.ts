/**
 * Navigation between the names a task definition declares (container names, volume names) and the
 * places that refer to them (`dependsOn[].containerName`, `links[]`, `volumesFrom[].sourceContainer`,
 * `mountPoints[].sourceVolume`): go to definition, find references, rename.
 */
import type { Node } from 'jsonc-parser';
import { findNodeAtOffset } from 'jsonc-parser';
import type { Location, Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import type { EcsDocument } from '../core/ecsDocument';
import { items, propertyValue, taskRoot } from '../core/jsonNodes';

export type NameKind = 'container' | 'volume';

/** One occurrence of a container or volume name in the document. */
export interface NameOccurrence {
  readonly kind: NameKind;
  readonly name: string;
  /** The string node holding the name. */
  readonly node: Node;
  /** Offsets of the name itself inside the document (for `links`, only the part before `:alias`). */
  readonly start: number;
  readonly end: number;
  readonly isDeclaration: boolean;
}

function occurrence(
  kind: NameKind,
  node: Node | undefined,
  isDeclaration: boolean,
): NameOccurrence | undefined {
  if (node?.type !== 'string' || typeof node.value !== 'string') return undefined;
  const raw = node.value;
  // A link is `name` or `name:alias`; only the name part refers to a container.
  const name = kind === 'container' && !isDeclaration && raw.includes(':') ? (raw.split(':')[0] ?? raw) : raw;
  const start = node.offset + 1;
  return { kind, name, node, start, end: start + name.length, isDeclaration };
}

/** Every container/volume declaration and reference of the document, in document order per family. */
export function collectNames(doc: EcsDocument): NameOccurrence[] {
  const root = taskRoot(doc.json.root);
  if (doc.kind !== 'taskDefinition' || !root) return [];
  const out: NameOccurrence[] = [];
  const push = (o: NameOccurrence | undefined): void => {
    if (o) out.push(o);
  };
  for (const container of items(propertyValue(root.task, 'containerDefinitions'))) {
    push(occurrence('container', propertyValue(container, 'name'), true));
    for (const dep of items(propertyValue(container, 'dependsOn'))) {
      push(occurrence('container', propertyValue(dep, 'containerName'), false));
    }
    for (const link of items(propertyValue(container, 'links'))) push(occurrence('container', link, false));
    for (const from of items(propertyValue(container, 'volumesFrom'))) {
      push(occurrence('container', propertyValue(from, 'sourceContainer'), false));
    }
    for (const mount of items(propertyValue(container, 'mountPoints'))) {
      push(occurrence('volume', propertyValue(mount, 'sourceVolume'), false));
    }
  }
  for (const volume of items(propertyValue(root.task, 'volumes'))) {
    push(occurrence('volume', propertyValue(volume, 'name'), true));
  }
  return out;
}

/** The name occurrence under the caret, if any. */
export function nameAt(
  doc: EcsDocument,
  offset: number,
  names = collectNames(doc),
): NameOccurrence | undefined {
  const node = doc.json.root ? findNodeAtOffset(doc.json.root, offset, true) : undefined;
  if (node?.type !== 'string') return undefined;
  return names.find((n) => n.node === node && offset >= n.node.offset && offset <= n.end);
}

function rangeOf(doc: EcsDocument, o: NameOccurrence): Range {
  const td = doc.textDocument;
  return { start: td.positionAt(o.start), end: td.positionAt(o.end) };
}

function location(doc: EcsDocument, o: NameOccurrence): Location {
  return { uri: doc.textDocument.uri, range: rangeOf(doc, o) };
}

/** Go to definition: from a reference to the container or volume it names. */
export function findDefinition(doc: EcsDocument, position: Position): Location[] {
  const names = collectNames(doc);
  const at = nameAt(doc, doc.textDocument.offsetAt(position), names);
  if (!at) return [];
  return names
    .filter((n) => n.isDeclaration && n.kind === at.kind && n.name === at.name)
    .map((n) => location(doc, n));
}

/** Find references: every occurrence of the container or volume under the caret. */
export function findReferences(doc: EcsDocument, position: Position, includeDeclaration = true): Location[] {
  const names = collectNames(doc);
  const at = nameAt(doc, doc.textDocument.offsetAt(position), names);
  if (!at) return [];
  return names
    .filter((n) => n.kind === at.kind && n.name === at.name && (includeDeclaration || !n.isDeclaration))
    .sort((a, b) => a.start - b.start)
    .map((n) => location(doc, n));
}

/** What can be renamed at a position: the name's range and its current text, or `undefined`. */
export function prepareRename(
  doc: EcsDocument,
  position: Position,
): { range: Range; placeholder: string } | undefined {
  const at = nameAt(doc, doc.textDocument.offsetAt(position));
  if (!at) return undefined;
  return { range: rangeOf(doc, at), placeholder: at.name };
}

const NAME_PATTERN = /^[A-Za-z0-9_-]{1,255}$/;

/** A rename's outcome: the edit, or a message saying why the new name is refused. */
export type RenameResult = { readonly edit: WorkspaceEdit } | { readonly error: string } | undefined;

/**
 * Renames the container or volume under the caret and every reference to it. Container and volume
 * names allow up to 255 letters, digits, `_` and `-`, and must stay unique in the task.
 */
export function rename(doc: EcsDocument, position: Position, newName: string): RenameResult {
  const names = collectNames(doc);
  const at = nameAt(doc, doc.textDocument.offsetAt(position), names);
  if (!at) return undefined;
  if (!NAME_PATTERN.test(newName)) {
    return { error: `"${newName}" is not a valid ${at.kind} name: use 1 to 255 letters, digits, _ or -.` };
  }
  if (newName !== at.name && names.some((n) => n.isDeclaration && n.kind === at.kind && n.name === newName)) {
    return { error: `A ${at.kind} named "${newName}" already exists in this task definition.` };
  }
  const edits: TextEdit[] = names
    .filter((n) => n.kind === at.kind && n.name === at.name)
    .map((n) => ({ range: rangeOf(doc, n), newText: newName }));
  return { edit: { changes: { [doc.textDocument.uri]: edits } } };
}

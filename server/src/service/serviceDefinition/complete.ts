/**
 * Completion and hover in service definitions: keys and enum values from the generated model
 * (`CreateServiceRequest` / `UpdateServiceRequest`), and what only the task definition the service
 * runs knows — its container names for `loadBalancers[].containerName`, that container's ports for
 * `containerPort`, its port names for Service Connect `portName` — plus the known families for
 * `taskDefinition`.
 */
import { type Node, findNodeAtOffset, getLocation } from 'jsonc-parser';
import {
  type CompletionItem,
  CompletionItemKind,
  type CompletionList,
  type Hover,
  InsertTextFormat,
  MarkupKind,
  type Position,
} from 'vscode-languageserver-types';
import type { EcsDocument } from '../core/ecsDocument';
import { memberLink } from '../core/schema/model';
import { pathOf, propertyKeys } from '../core/jsonNodes';
import { memberKeyCompletions, wordAt } from '../core/keyCompletion';
import { describeShape, shapeAt, structureOfShape } from '../core/schema/model';
import { itemsOf, stringOf, valueOf } from '../core/properties';
import { serviceViewOf } from './serviceView';
import {
  EMPTY_TASK_DEFINITION_INDEX,
  type TaskDefinitionIndex,
  type TaskDefinitionSummary,
} from './taskDefinitionIndex';

const WORD = /[A-Za-z0-9_.$@/:-]/;

function wordAround(text: string, offset: number): { start: number; end: number } {
  return wordAt(text, offset, WORD);
}

function taskOf(doc: EcsDocument, index: TaskDefinitionIndex): TaskDefinitionSummary | undefined {
  const reference = valueOf(doc.json.root, 'taskDefinition');
  return index.find(reference ? (stringOf(reference) ?? '') : undefined, doc.textDocument.uri);
}

/** Values the task definition offers at `path`, with what they are. */
function crossFileValues(
  doc: EcsDocument,
  path: readonly (string | number)[],
  index: TaskDefinitionIndex,
): { values: (string | number)[]; detail: string } | undefined {
  const [first, i, last] = path;
  if (path.length === 1 && first === 'taskDefinition') {
    return { values: [...index.families()], detail: 'task definition family in the workspace' };
  }
  const task = taskOf(doc, index);
  if (!task) return undefined;
  if (first === 'loadBalancers' && typeof i === 'number' && path.length === 3) {
    if (last === 'containerName') {
      return {
        values: task.containers.map((c) => c.name),
        detail: `container of ${task.family ?? 'the task'}`,
      };
    }
    if (last === 'containerPort') {
      const lb = itemsOf(valueOf(doc.json.root, 'loadBalancers'))[i];
      const name = stringOf(valueOf(lb, 'containerName'));
      const containers = task.containers.filter((c) => name === undefined || c.name === name);
      const ports = containers.flatMap((c) => c.ports.map((p) => p.containerPort));
      return {
        values: [...new Set(ports.filter((p): p is number => p !== undefined))],
        detail: `container port of ${name ?? task.family ?? 'the task'}`,
      };
    }
  }
  if (path[0] === 'serviceConnectConfiguration' && path[1] === 'services' && path[3] === 'portName') {
    const names = task.containers.flatMap((c) => c.ports.map((p) => p.name));
    return {
      values: [...new Set(names.filter((n): n is string => n !== undefined))],
      detail: `named port of ${task.family ?? 'the task'}`,
    };
  }
  return undefined;
}

/** Completion at `position` in a service definition. */
export function completeServiceDefinition(
  doc: EcsDocument,
  position: Position,
  index: TaskDefinitionIndex = EMPTY_TASK_DEFINITION_INDEX,
): CompletionList {
  const list: CompletionList = { isIncomplete: false, items: [] };
  const view = serviceViewOf(doc);
  const root = doc.json.root;
  if (!view || !root) return list;
  const td = doc.textDocument;
  const text = td.getText();
  const offset = td.offsetAt(position);
  const location = getLocation(text, offset);
  const previous = location.previousNode;
  const range = (start: number, end: number): { start: Position; end: Position } => ({
    start: td.positionAt(start),
    end: td.positionAt(end),
  });
  const push = (item: CompletionItem): void => void list.items.push(item);

  if (location.isAtPropertyKey) {
    const objectPath = location.path.slice(0, -1);
    const structure = structureOfShape(shapeAt(objectPath, view.rootName)?.shape);
    if (!structure) return list;
    const objectNode = findNodeAtOffset(root, offset, true);
    const object =
      objectNode?.type === 'object'
        ? objectNode
        : objectNode?.parent?.type === 'property'
          ? objectNode.parent.parent
          : objectNode?.parent;
    const present = new Set(propertyKeys(object));
    const editing = previous?.type === 'string' ? previous : undefined;
    if (typeof editing?.value === 'string') present.delete(editing.value);
    const hasColon = editing?.parent?.type === 'property' && editing.parent.colonOffset !== undefined;
    const span = editing
      ? { start: editing.offset, end: editing.offset + editing.length }
      : wordAround(text, offset);
    for (const k of memberKeyCompletions(structure, present, hasColon)) {
      push({
        label: k.member.name,
        kind: CompletionItemKind.Property,
        detail: k.detail,
        documentation: k.documentation,
        filterText: k.key,
        textEdit: { range: range(span.start, span.end), newText: k.newText },
        insertTextFormat: hasColon ? InsertTextFormat.PlainText : InsertTextFormat.Snippet,
      });
    }
    return list;
  }

  const path = location.path;
  const valueNode: Node | undefined =
    previous && (previous.type === 'string' || previous.type === 'number' || previous.type === 'boolean')
      ? previous
      : undefined;
  const span = valueNode
    ? { start: valueNode.offset, end: valueNode.offset + valueNode.length }
    : wordAround(text, offset);
  const cross = crossFileValues(doc, path, index);
  if (cross) {
    for (const v of cross.values) {
      push({
        label: String(v),
        kind: CompletionItemKind.Reference,
        detail: cross.detail,
        textEdit: { range: range(span.start, span.end), newText: JSON.stringify(v) },
      });
    }
    return list;
  }
  const shape = shapeAt(path, view.rootName)?.shape;
  if (shape?.kind === 'enum') {
    for (const v of shape.values) {
      push({
        label: v,
        kind: CompletionItemKind.EnumMember,
        detail: shape.name,
        textEdit: { range: range(span.start, span.end), newText: JSON.stringify(v) },
      });
    }
  } else if (shape?.kind === 'boolean') {
    for (const v of ['true', 'false']) {
      push({
        label: v,
        kind: CompletionItemKind.Value,
        textEdit: { range: range(span.start, span.end), newText: v },
      });
    }
  }
  return list;
}

/** Hover on a key of a service definition: the API documentation of the member. */
export function hoverServiceDefinition(
  doc: EcsDocument,
  position: Position,
  index: TaskDefinitionIndex = EMPTY_TASK_DEFINITION_INDEX,
): Hover | null {
  const view = serviceViewOf(doc);
  const root = doc.json.root;
  if (!view || !root) return null;
  const node = findNodeAtOffset(root, doc.textDocument.offsetAt(position), false);
  const property = node?.parent;
  if (!node || property?.type !== 'property') return null;
  const key = property.children?.[0];
  if (!key) return null;
  const path = pathOf(key);
  const resolved = shapeAt(path, view.rootName);
  if (!resolved?.member || !resolved.parent) return null;
  const { member, parent } = resolved;
  const sections = [
    `**${member.name}** · \`${describeShape(member.shape)}\`${member.required ? ' · required' : ''}`,
  ];
  if (path.length === 1 && member.name === 'taskDefinition') {
    const task = taskOf(doc, index);
    if (task) {
      const containers = task.containers.map((c) => `\`${c.name}\``).join(', ');
      sections.push(
        `Runs **${task.family ?? 'a task definition'}** (${decodeURIComponent(task.uri.slice(task.uri.lastIndexOf('/') + 1))}): containers ${containers || 'none'}, network mode ${task.networkMode ?? 'bridge (default)'}.`,
      );
    }
  }
  if (member.doc) sections.push(member.doc);
  sections.push(
    `[${parent.name}.${member.name} in the API reference](${memberLink(parent.name, member.name)})`,
  );
  return {
    contents: { kind: MarkupKind.Markdown, value: sections.join('\n\n') },
    range: {
      start: doc.textDocument.positionAt(node.offset),
      end: doc.textDocument.positionAt(node.offset + node.length),
    },
  };
}

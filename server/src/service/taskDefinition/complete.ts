/**
 * Completion for task definitions, modelled on vscode-json-languageservice's `doComplete`: find what
 * the caret is on in the parsed tree (a key, a value or an empty slot), then offer what the generated
 * model allows there — keys with their docs, enum values, snippets — plus what only the task itself
 * knows: its container and volume names, and the Fargate cpu/memory sizes that fit the other value.
 */
import {
  type CompletionItem,
  CompletionItemKind,
  type CompletionList,
  InsertTextFormat,
  MarkupKind,
  type Position,
  type Range,
} from 'vscode-languageserver-types';
import type { EcsDocument } from '../core/ecsDocument';
import {
  FARGATE_SIZES,
  describeValues,
  fargateCpusFor,
  fargateMemoryFor,
  formatCpu,
  formatMemory,
  parseCpu,
  parseMemory,
} from './fargate';
import { type JsonPathSegment, propertyKeys, stringProperty } from '../core/jsonNodes';
import { memberKeyCompletions } from '../core/keyCompletion';
import { describeShape, shapeAt, structureOfShape } from '../core/schema/model';
import type { Shape, StructureShape } from '../core/schema/types';
import {
  type TaskContext,
  containerIndexOf,
  containerNames,
  isWindows,
  regionOf,
  relativePath,
  scalarProperty,
  taskContext,
  volumeNames,
} from './taskContext';
import { type Slot, findSlot, separatorAfter } from './completionSlot';
import {
  AWSLOGS_OPTIONS,
  HEALTH_CHECK_OBJECT,
  PORT_MAPPING_OBJECT,
  TASK_SKELETON,
  awslogsObject,
  containerObject,
  familyOf,
  snippetEscape,
} from './completionSnippets';

interface Builder {
  readonly doc: EcsDocument;
  readonly ctx: TaskContext;
  readonly range: Range;
  readonly sep: string;
  readonly items: CompletionItem[];
}

function add(
  b: Builder,
  label: string,
  kind: CompletionItemKind,
  newText: string,
  extra: Partial<CompletionItem> = {},
): void {
  const snippet = /\$\{?\d/.test(newText);
  b.items.push({
    label,
    kind,
    textEdit: { range: b.range, newText: newText + b.sep },
    insertTextFormat: snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    // The edit replaces the quotes too, so the editor filters on the quoted text (`"aw` → `"awsvpc"`).
    ...(!snippet && newText.startsWith('"') ? { filterText: newText } : {}),
    ...extra,
  });
}

function markdown(value: string): { kind: 'markdown'; value: string } {
  return { kind: MarkupKind.Markdown, value };
}

// ---- keys ------------------------------------------------------------------------------------------

function completeAwslogsOptions(
  b: Builder,
  slot: Extract<Slot, { kind: 'key' }>,
  rel: readonly JsonPathSegment[],
): void {
  const container = containerIndexOf(rel);
  if (container === undefined || !isKey(rel.slice(2), 'logConfiguration', 'options')) return;
  const driver = stringProperty(slot.object?.parent?.parent, 'logDriver');
  if (driver !== undefined && driver !== 'awslogs') return;
  const present = new Set(propertyKeys(slot.object));
  if (slot.editedKey !== undefined) present.delete(slot.editedKey);
  const region = regionOf(b.ctx.task);
  for (const [name, value, doc] of AWSLOGS_OPTIONS) {
    if (present.has(name)) continue;
    const key = JSON.stringify(name);
    let placeholder = value;
    if (name === 'awslogs-group') placeholder = `"\${1:/ecs/${snippetEscape(familyOf(b.ctx))}}"`;
    if (name === 'awslogs-region' && region) placeholder = `"\${1:${snippetEscape(region)}}"`;
    add(b, name, CompletionItemKind.Property, slot.keyOnly ? key : `${key}: ${placeholder}`, {
      detail: 'awslogs option',
      documentation: markdown(doc),
      filterText: key,
      sortText: `0${AWSLOGS_OPTIONS.findIndex((o) => o[0] === name)}`,
    });
  }
}

function completeKeys(b: Builder, slot: Extract<Slot, { kind: 'key' }>): void {
  const rel = relativePath(b.ctx, slot.objectPath);
  if (rel) completeAwslogsOptions(b, slot, rel);
  const structure = structureOfShape(shapeAt(slot.objectPath, b.ctx.rootName)?.shape);
  if (!structure) return;
  const present = new Set(propertyKeys(slot.object));
  if (slot.editedKey !== undefined) present.delete(slot.editedKey);
  for (const k of memberKeyCompletions(structure, present, slot.keyOnly)) {
    add(b, k.member.name, CompletionItemKind.Property, k.newText, {
      detail: k.detail,
      documentation: k.documentation,
      filterText: k.key,
      sortText: `${k.member.required ? '0' : '1'}${k.member.name}`,
    });
  }
  if (slot.keyOnly || !rel) return;
  keySnippets(b, structure, present, rel);
}

function keySnippets(
  b: Builder,
  structure: StructureShape,
  present: Set<string>,
  rel: JsonPathSegment[],
): void {
  if (structure.name !== 'ContainerDefinition' || containerIndexOf(rel) === undefined) return;
  if (!present.has('logConfiguration')) {
    add(
      b,
      'logConfiguration: awslogs',
      CompletionItemKind.Snippet,
      `"logConfiguration": ${awslogsObject(b.ctx, 1)}`,
      {
        detail: 'CloudWatch Logs with group, Region and stream prefix',
        filterText: '"logConfiguration"',
        sortText: '2logConfiguration',
      },
    );
  }
  if (!present.has('healthCheck')) {
    add(b, 'healthCheck: HTTP check', CompletionItemKind.Snippet, `"healthCheck": ${HEALTH_CHECK_OBJECT}`, {
      detail: 'A container health check with the default timings',
      filterText: '"healthCheck"',
      sortText: '2healthCheck',
    });
  }
  if (!present.has('portMappings')) {
    add(b, 'portMappings: one port', CompletionItemKind.Snippet, `"portMappings": [${PORT_MAPPING_OBJECT}]`, {
      detail: 'A port mapping',
      filterText: '"portMappings"',
      sortText: '2portMappings',
    });
  }
}

// ---- values ----------------------------------------------------------------------------------------

/** True when `rel` matches `tail`, where `'#'` stands for any array index. */
function isKey(rel: readonly JsonPathSegment[], ...tail: JsonPathSegment[]): boolean {
  if (rel.length !== tail.length) return false;
  return tail.every((t, i) => (t === '#' ? typeof rel[i] === 'number' : rel[i] === t));
}

function nameValues(b: Builder, names: readonly string[], kind: CompletionItemKind, what: string): void {
  for (const name of names) add(b, name, kind, JSON.stringify(name), { detail: what });
}

function completeCpu(b: Builder): void {
  const memory = parseMemory(scalarProperty(b.ctx.task, 'memory'));
  const windows = isWindows(b.ctx.task);
  const partners = memory !== undefined ? fargateCpusFor(memory) : [];
  for (const size of FARGATE_SIZES) {
    if (windows && !size.windows) continue;
    if (partners.length > 0 && !partners.includes(size.cpu)) continue;
    add(b, String(size.cpu), CompletionItemKind.Value, JSON.stringify(String(size.cpu)), {
      detail: `${formatCpu(size.cpu)} — Fargate memory ${describeValues(size.memory)}`,
      sortText: String(size.cpu).padStart(6, '0'),
    });
  }
}

function completeMemory(b: Builder): void {
  const cpu = parseCpu(scalarProperty(b.ctx.task, 'cpu'));
  const valid = cpu !== undefined ? fargateMemoryFor(cpu) : undefined;
  const windows = isWindows(b.ctx.task);
  const values =
    valid ??
    [...new Set(FARGATE_SIZES.filter((s) => !windows || s.windows).flatMap((s) => s.memory))].sort(
      (x, y) => x - y,
    );
  for (const memory of values) {
    const cpus = fargateCpusFor(memory);
    add(b, String(memory), CompletionItemKind.Value, JSON.stringify(String(memory)), {
      detail: `${formatMemory(memory)}${valid ? ` — valid with cpu ${String(cpu)}` : ` — Fargate cpu ${cpus.join(', ')}`}`,
      sortText: String(memory).padStart(7, '0'),
    });
  }
}

function completeShapeValue(b: Builder, shape: Shape, rel: JsonPathSegment[]): void {
  switch (shape.kind) {
    case 'enum':
      for (const v of shape.values)
        add(b, v, CompletionItemKind.EnumMember, JSON.stringify(v), { detail: shape.name });
      return;
    case 'boolean':
      add(b, 'true', CompletionItemKind.Value, 'true');
      add(b, 'false', CompletionItemKind.Value, 'false');
      return;
    case 'array':
      add(b, '[]', CompletionItemKind.Value, '[$1]', { detail: describeShape(shape) });
      return;
    case 'map':
      add(b, '{}', CompletionItemKind.Value, '{$1}', { detail: describeShape(shape) });
      return;
    case 'ref': {
      const last = rel[rel.length - 1];
      const parentKey = rel[rel.length - 2];
      if (shape.name === 'ContainerDefinition') {
        add(b, 'container definition', CompletionItemKind.Snippet, containerObject(b.ctx), {
          detail: 'Name, image, a port and awslogs logging',
          sortText: '0',
        });
      } else if (shape.name === 'PortMapping' && parentKey === 'portMappings') {
        add(b, 'port mapping', CompletionItemKind.Snippet, PORT_MAPPING_OBJECT, { sortText: '0' });
      } else if (shape.name === 'LogConfiguration' && last === 'logConfiguration') {
        add(b, 'awslogs', CompletionItemKind.Snippet, awslogsObject(b.ctx, 1), {
          detail: 'CloudWatch Logs with group, Region and stream prefix',
          sortText: '0',
        });
      } else if (shape.name === 'HealthCheck') {
        add(b, 'HTTP health check', CompletionItemKind.Snippet, HEALTH_CHECK_OBJECT, { sortText: '0' });
      }
      add(b, '{}', CompletionItemKind.Value, '{$1}', { detail: describeShape(shape), sortText: '1' });
      return;
    }
    default:
      return;
  }
}

function completeValue(b: Builder, slot: Extract<Slot, { kind: 'value' }>): void {
  const rel = relativePath(b.ctx, slot.path);
  if (!rel) return;
  const container = containerIndexOf(rel);
  if (container !== undefined) {
    const own = containerNames(b.ctx.task)[container];
    const others = (): string[] => containerNames(b.ctx.task).filter((n) => n !== own);
    const r = rel.slice(2);
    if (isKey(r, 'dependsOn', '#', 'containerName') || isKey(r, 'volumesFrom', '#', 'sourceContainer')) {
      return nameValues(b, others(), CompletionItemKind.Reference, 'container of this task');
    }
    if (isKey(r, 'links', '#'))
      return nameValues(b, others(), CompletionItemKind.Reference, 'container of this task');
    if (isKey(r, 'mountPoints', '#', 'sourceVolume')) {
      return nameValues(b, volumeNames(b.ctx.task), CompletionItemKind.Reference, 'volume of this task');
    }
  }
  if (isKey(rel, 'cpu')) return completeCpu(b);
  if (isKey(rel, 'memory')) return completeMemory(b);
  const resolved = shapeAt(slot.path, b.ctx.rootName);
  if (resolved) completeShapeValue(b, resolved.shape, rel);
}

/**
 * Completion at `position`. The result is never `isIncomplete`: every item is computed from the
 * parsed document, so the editor filters it as the user types.
 */
export function doComplete(doc: EcsDocument, position: Position): CompletionList {
  const list: CompletionList = { isIncomplete: false, items: [] };
  if (doc.kind !== 'taskDefinition') return list;
  const td = doc.textDocument;
  const text = td.getText();
  const offset = td.offsetAt(position);
  if (!doc.json.root) {
    if (text.trim() === '') {
      const range = { start: td.positionAt(0), end: td.positionAt(text.length) };
      list.items.push({
        label: 'Fargate task definition',
        kind: CompletionItemKind.Snippet,
        detail: 'family, Fargate size, one container',
        textEdit: { range, newText: TASK_SKELETON },
        insertTextFormat: InsertTextFormat.Snippet,
      });
    }
    return list;
  }
  const ctx = taskContext(doc);
  const slot = findSlot(doc, offset);
  if (!ctx || !slot) return list;
  const range = { start: td.positionAt(slot.range.start), end: td.positionAt(slot.range.end) };
  const sep = slot.kind === 'key' && slot.keyOnly ? '' : separatorAfter(text, slot.range.end);
  const b: Builder = { doc, ctx, range, sep, items: list.items };
  if (slot.kind === 'key') completeKeys(b, slot);
  else completeValue(b, slot);
  return list;
}

/**
 * Completion for task definitions, modelled on vscode-json-languageservice's `doComplete`: find what
 * the caret is on in the parsed tree (a key, a value or an empty slot), then offer what the generated
 * model allows there — keys with their docs, enum values, snippets — plus what only the task itself
 * knows: its container and volume names, and the Fargate cpu/memory sizes that fit the other value.
 */
import { type Node, findNodeAtOffset } from 'jsonc-parser';
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
import { type JsonPathSegment, pathOf, propertyKeys, stringProperty } from '../core/jsonNodes';
import { memberLink } from './hover';
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

/** What the caret is on. */
type Slot =
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

const WORD = /[A-Za-z0-9_.$@/-]/;

/** The identifier-like word around `offset` (a key or bare value typed without quotes). */
function wordAround(text: string, offset: number): { start: number; end: number } {
  let start = offset;
  while (start > 0 && WORD.test(text[start - 1] ?? '')) start--;
  let end = offset;
  while (end < text.length && WORD.test(text[end] ?? '')) end++;
  return { start, end };
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

function findSlot(doc: EcsDocument, offset: number): Slot | undefined {
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
function separatorAfter(text: string, end: number): string {
  let i = end;
  while (i < text.length && /\s/.test(text[i] ?? '')) i++;
  const next = text[i] ?? '';
  return /["{[\d\-tfn]/.test(next) ? ',' : '';
}

/** Escapes text for use inside a snippet placeholder or literal. */
function snippetEscape(text: string): string {
  return text.replace(/[$}\\]/g, '\\$&');
}

function choiceEscape(text: string): string {
  return text.replace(/[$}\\|,]/g, '\\$&');
}

/** The value part of `"key": …` inserted with a key: a placeholder that fits the member's shape. */
function valuePlaceholder(shape: Shape): string {
  switch (shape.kind) {
    case 'string':
      return '"$1"';
    case 'number':
      return '${1:0}';
    case 'boolean':
      return '${1|true,false|}';
    case 'enum':
      return `"\${1|${shape.values.map(choiceEscape).join(',')}|}"`;
    case 'array':
      return '[$1]';
    case 'map':
    case 'ref':
      return '{$1}';
    case 'any':
      return '$1';
  }
}

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

// ---- snippets --------------------------------------------------------------------------------------

function familyOf(ctx: TaskContext): string {
  return stringProperty(ctx.task, 'family') ?? 'my-app';
}

function awslogsObject(ctx: TaskContext, tab: number): string {
  const region = regionOf(ctx.task) ?? 'us-east-1';
  return [
    '{',
    '\t"logDriver": "awslogs",',
    '\t"options": {',
    `\t\t"awslogs-group": "\${${tab}:/ecs/${snippetEscape(familyOf(ctx))}}",`,
    `\t\t"awslogs-region": "\${${tab + 1}:${snippetEscape(region)}}",`,
    `\t\t"awslogs-stream-prefix": "\${${tab + 2}:ecs}"`,
    '\t}',
    '}',
  ].join('\n');
}

const HEALTH_CHECK_OBJECT = [
  '{',
  '\t"command": ["CMD-SHELL", "${1:curl -f http://localhost/ || exit 1}"],',
  '\t"interval": ${2:30},',
  '\t"timeout": ${3:5},',
  '\t"retries": ${4:3},',
  '\t"startPeriod": ${5:10}',
  '}',
].join('\n');

const PORT_MAPPING_OBJECT = '{ "containerPort": ${1:80}, "protocol": "${2|tcp,udp|}" }';

function containerObject(ctx: TaskContext): string {
  const logs = awslogsObject(ctx, 4).replace(/\n/g, '\n\t');
  return [
    '{',
    '\t"name": "${1:app}",',
    '\t"image": "${2:public.ecr.aws/docker/library/nginx:latest}",',
    '\t"essential": true,',
    '\t"portMappings": [{ "containerPort": ${3:80}, "protocol": "tcp" }],',
    `\t"logConfiguration": ${logs}`,
    '}',
  ].join('\n');
}

const TASK_SKELETON = [
  '{',
  '\t"family": "${1:my-app}",',
  '\t"requiresCompatibilities": ["FARGATE"],',
  '\t"networkMode": "awsvpc",',
  '\t"cpu": "${2|256,512,1024,2048,4096|}",',
  '\t"memory": "${3:512}",',
  '\t"executionRoleArn": "${4:arn:aws:iam::123456789012:role/ecsTaskExecutionRole}",',
  '\t"containerDefinitions": [',
  '\t\t{',
  '\t\t\t"name": "${5:app}",',
  '\t\t\t"image": "${6:public.ecr.aws/docker/library/nginx:latest}",',
  '\t\t\t"essential": true,',
  '\t\t\t"portMappings": [{ "containerPort": ${7:80}, "protocol": "tcp" }]',
  '\t\t}',
  '\t]',
  '}',
].join('\n');

// ---- keys ------------------------------------------------------------------------------------------

/**
 * The awslogs driver's options (`logConfiguration.options` is a free-form map in the API model).
 * Source: "Using the awslogs log driver" in the ECS developer guide.
 */
const AWSLOGS_OPTIONS: readonly (readonly [string, string, string])[] = [
  ['awslogs-group', '"/ecs/$1"', 'The CloudWatch Logs log group (required).'],
  ['awslogs-region', '"$1"', 'The Region of the log group (required).'],
  [
    'awslogs-stream-prefix',
    '"${1:ecs}"',
    'Prefix of the log streams, `PREFIX/CONTAINER/TASK_ID` (required on Fargate).',
  ],
  [
    'awslogs-create-group',
    '"true"',
    'Create the log group if it does not exist (needs `logs:CreateLogGroup`).',
  ],
  ['mode', '"${1|non-blocking,blocking|}"', 'Delivery mode: `blocking` (default) or `non-blocking`.'],
  ['max-buffer-size', '"${1:25m}"', 'Buffer size in `non-blocking` mode (default 1m).'],
  [
    'awslogs-datetime-format',
    '"$1"',
    'Start of a multi-line message, as a strftime pattern (not with multiline-pattern).',
  ],
  [
    'awslogs-multiline-pattern',
    '"$1"',
    'Start of a multi-line message, as a regular expression (not with datetime-format).',
  ],
];

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
  for (const member of Object.values(structure.members)) {
    if (present.has(member.name)) continue;
    const key = JSON.stringify(member.name);
    const newText = slot.keyOnly ? key : `${key}: ${valuePlaceholder(member.shape)}`;
    add(b, member.name, CompletionItemKind.Property, newText, {
      detail: `${describeShape(member.shape)}${member.required ? ' (required)' : ''}`,
      documentation: markdown(`${member.doc}\n\n[API reference](${memberLink(structure.name, member.name)})`),
      filterText: key,
      sortText: `${member.required ? '0' : '1'}${member.name}`,
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

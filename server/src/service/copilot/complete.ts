/**
 * Completion and hover in Copilot manifests. Completion works from the text's indentation, so it
 * still answers while the line being typed does not parse yet: it finds the chain of parent keys of
 * the caret (`http` → `healthcheck`), resolves it in the manifest model of the document's `type`,
 * and offers the fields not yet present, or the values of an enum-like field (`type`, `platform`,
 * `deployment.rolling`...). Hover resolves the key under the caret in the parsed document.
 */
import { isMap, isScalar, isSeq } from 'yaml';
import {
  type CompletionItem,
  CompletionItemKind,
  type CompletionList,
  type Hover,
  MarkupKind,
  type Position,
} from 'vscode-languageserver-types';
import type { CopilotManifestDocument } from '../core/ecsDocument';
import { COMMON_ROOT_FIELDS, MANIFEST_FIELDS, isManifestType } from './model';
import { MANIFEST_DOCS, MANIFEST_TYPES, type ManifestType, PLATFORM_STRINGS } from './manifestTypes';
import {
  type CopilotField,
  type CopilotShape,
  describeCopilotShape,
  formsOf,
  listFormOf,
  mapFormOf,
} from './schema';
import { keyText, rootMap, scalarValue, valueAt } from './yamlNodes';

/** A step of a path in a manifest: a key, or `#` for "an item of a list". */
type Step = string;

function manifestTypeOf(doc: CopilotManifestDocument): ManifestType | undefined {
  const value = scalarValue(valueAt(rootMap(doc.yaml), 'type'));
  if (isManifestType(value)) return value;
  // While the file does not parse, read `type:` from the text.
  const m = /^type:\s*['"]?([^'"#\n]+?)['"]?\s*(?:#.*)?$/m.exec(doc.textDocument.getText());
  const text = m?.[1]?.trim();
  return isManifestType(text) ? text : undefined;
}

function rootFields(type: ManifestType | undefined): Readonly<Record<string, CopilotField>> {
  return type ? MANIFEST_FIELDS[type] : COMMON_ROOT_FIELDS;
}

/** The field and shape at a path of keys, or `undefined` when the path leaves the model. */
function resolve(
  type: ManifestType | undefined,
  path: readonly Step[],
): { field?: CopilotField; shape: CopilotShape } | undefined {
  let fields: Readonly<Record<string, CopilotField>> | undefined = rootFields(type);
  let shape: CopilotShape | undefined;
  let current: CopilotField | undefined;
  for (const step of path) {
    if (step === '#') {
      const list = shape ? listFormOf(shape) : undefined;
      if (!list) return undefined;
      shape = list.items;
      current = undefined;
    } else if (fields) {
      current = Object.prototype.hasOwnProperty.call(fields, step) ? fields[step] : undefined;
      if (!current) return undefined;
      shape = current.shape;
    } else {
      const map = shape ? mapFormOf(shape) : undefined;
      if (map?.kind !== 'map') return undefined;
      shape = map.values;
      current = undefined;
    }
    const form: ReturnType<typeof mapFormOf> = shape ? mapFormOf(shape) : undefined;
    fields = form?.kind === 'object' ? form.fields : undefined;
  }
  if (!shape) return { shape: { kind: 'object', name: 'Manifest', fields: rootFields(type) } };
  return current ? { field: current, shape } : { shape };
}

interface LineInfo {
  readonly indent: number;
  /** Column of the content after `- ` markers. */
  readonly content: number;
  readonly dashes: number[];
  readonly key: string | undefined;
  /** True when nothing but a comment follows the key's colon. */
  readonly opensBlock: boolean;
}

function lineInfo(line: string): LineInfo | undefined {
  if (/^\s*(#.*)?$/.test(line)) return undefined;
  const indent = /^ */.exec(line)?.[0].length ?? 0;
  let content = indent;
  const dashes: number[] = [];
  while (line[content] === '-' && (line[content + 1] === ' ' || line[content + 1] === undefined)) {
    dashes.push(content);
    content += 1;
    while (line[content] === ' ') content++;
  }
  const m = /^(['"]?)([^'":#]+?)\1\s*:(?:\s+(.*))?$/.exec(line.slice(content));
  const key = m?.[2]?.trim();
  const rest = (m?.[3] ?? '').trim();
  return {
    indent,
    content,
    dashes,
    key,
    opensBlock: key !== undefined && (rest === '' || rest.startsWith('#')),
  };
}

/** The chain of parent keys of a position at `column` on line `lineIndex`. */
function parentPath(lines: readonly string[], lineIndex: number, column: number): Step[] {
  const path: Step[] = [];
  let limit = column;
  let allowEqual = false;
  for (let i = lineIndex - 1; i >= 0 && limit > 0; i--) {
    const info = lineInfo(lines[i] ?? '');
    if (!info) continue;
    const lastDash = info.dashes[info.dashes.length - 1];
    if (lastDash !== undefined && info.content <= limit && lastDash < limit) {
      // Inside this list item: its key (when it opens a block below) is a parent too.
      if (info.content < limit && info.key && info.opensBlock) path.unshift(info.key);
      for (let d = info.dashes.length - 1; d >= 0; d--) path.unshift('#');
      limit = info.dashes[0] ?? info.indent;
      allowEqual = true;
      continue;
    }
    const isParent =
      info.content < limit || (allowEqual && info.content === limit && info.dashes.length === 0);
    if (isParent && info.key && info.opensBlock) {
      path.unshift(info.key);
      limit = info.content;
      allowEqual = false;
    } else if (info.content < limit) {
      // A less-indented line that opens nothing: the caret is not inside a known block.
      return path;
    }
  }
  return path;
}

/** Keys already present in the block that contains line `lineIndex` at `column`. */
function siblingKeys(lines: readonly string[], lineIndex: number, column: number): Set<string> {
  const keys = new Set<string>();
  const scan = (from: number, step: number): void => {
    for (let i = from; i >= 0 && i < lines.length; i += step) {
      const info = lineInfo(lines[i] ?? '');
      if (!info) continue;
      if (info.content < column) return;
      if (info.content === column && info.key) keys.add(info.key);
      if (info.dashes.length > 0 && info.content === column && step < 0) return;
    }
  };
  scan(lineIndex - 1, -1);
  scan(lineIndex + 1, 1);
  return keys;
}

function docOf(field: CopilotField, type: ManifestType | undefined): string {
  const link = type ? `\n\n[${type} manifest reference](${MANIFEST_DOCS[type]})` : '';
  return `${field.doc}\n\n\`${describeCopilotShape(field.shape)}\`${field.required ? ' · required' : ''}${link}`;
}

function keyInsertText(name: string, field: CopilotField, column: number): string {
  const pad = ' '.repeat(column + 2);
  const forms = formsOf(field.shape);
  const scalar = forms.some((f) => f.kind !== 'object' && f.kind !== 'map' && f.kind !== 'list');
  if (scalar) return `${name}: `;
  if (forms.some((f) => f.kind === 'list')) return `${name}:\n${pad}- `;
  return `${name}:\n${pad}`;
}

/** Values offered for a scalar field. */
function valueChoices(shape: CopilotShape, path: readonly Step[]): string[] {
  const last = path[path.length - 1];
  if (last === 'type' && path.length === 1) return [...MANIFEST_TYPES];
  if (last === 'platform') return [...PLATFORM_STRINGS];
  const out: string[] = [];
  for (const f of formsOf(shape)) {
    if (f.kind === 'enum') out.push(...f.values);
    if (f.kind === 'bool') out.push('true', 'false');
  }
  return [...new Set(out)];
}

/** Completion at `position` in a Copilot manifest. */
export function completeCopilotManifest(doc: CopilotManifestDocument, position: Position): CompletionList {
  const list: CompletionList = { isIncomplete: false, items: [] };
  const text = doc.textDocument.getText();
  const lines = text.split(/\r?\n/);
  const line = lines[position.line] ?? '';
  const before = line.slice(0, position.character);
  const type = manifestTypeOf(doc);

  const valueMatch = /^(\s*(?:-\s+)*)([^\s:#'"][^:#]*?)\s*:\s+(['"]?)([^'"#]*)$/.exec(before);
  if (valueMatch) {
    const column = valueMatch[1]?.length ?? 0;
    const key = valueMatch[2] ?? '';
    const typed = valueMatch[4] ?? '';
    const path = [...parentPath(lines, position.line, column), key];
    const resolved = resolve(type, path);
    if (!resolved) return list;
    const start = { line: position.line, character: position.character - typed.length };
    const rest = /^[^'"#\s]*/.exec(line.slice(position.character))?.[0] ?? '';
    const end = { line: position.line, character: position.character + rest.length };
    for (const value of valueChoices(resolved.shape, path)) {
      const item: CompletionItem = {
        label: value,
        kind: CompletionItemKind.EnumMember,
        textEdit: { range: { start, end }, newText: value },
      };
      if (path.length === 1 && key === 'type' && isManifestType(value)) {
        item.documentation = {
          kind: MarkupKind.Markdown,
          value: `[${value} manifest reference](${MANIFEST_DOCS[value]})`,
        };
      }
      list.items.push(item);
    }
    return list;
  }

  const keyMatch = /^(\s*(?:-\s+)*)([A-Za-z_][\w-]*)?$/.exec(before);
  if (!keyMatch) return list;
  const column = keyMatch[1]?.length ?? 0;
  const typed = keyMatch[2] ?? '';
  const path = parentPath(lines, position.line, column);
  const resolved = resolve(type, path);
  const form = resolved ? mapFormOf(resolved.shape) : undefined;
  if (form?.kind !== 'object') return list;
  const present = siblingKeys(lines, position.line, column);
  const start = { line: position.line, character: position.character - typed.length };
  const rest = /^[\w-]*/.exec(line.slice(position.character))?.[0] ?? '';
  const end = { line: position.line, character: position.character + rest.length };
  for (const [name, field] of Object.entries(form.fields)) {
    if (present.has(name) || field.rejected) continue;
    list.items.push({
      label: name,
      kind: CompletionItemKind.Property,
      detail: `${describeCopilotShape(field.shape)}${field.required ? ' (required)' : ''}`,
      documentation: { kind: MarkupKind.Markdown, value: docOf(field, type) },
      textEdit: { range: { start, end }, newText: keyInsertText(name, field, column) },
      sortText: `${field.required ? '0' : '1'}${name}`,
    });
  }
  return list;
}

/** Hover over a key (its documentation) or the `type` value (its reference page). */
export function hoverCopilotManifest(doc: CopilotManifestDocument, position: Position): Hover | null {
  const offset = doc.textDocument.offsetAt(position);
  const type = manifestTypeOf(doc);
  const root = rootMap(doc.yaml);
  if (!root) return null;
  let node: unknown = root;
  const path: Step[] = [];
  for (let depth = 0; depth < 64; depth++) {
    if (isMap(node)) {
      const pair = node.items.find((p) => {
        const end =
          (p.value as { range?: [number, number, number] } | null)?.range?.[1] ??
          (p.key as { range?: number[] }).range?.[1];
        const start = (p.key as { range?: number[] } | null)?.range?.[0];
        return start !== undefined && end !== undefined && offset >= start && offset <= end;
      });
      if (!pair) return null;
      const key = keyText(pair);
      if (key === undefined) return null;
      path.push(key);
      const keyRange = (pair.key as { range?: number[] }).range;
      const onKey = keyRange && offset <= (keyRange[1] ?? 0);
      const resolved = resolve(type, path);
      if (onKey || isScalar(pair.value)) {
        if (!resolved?.field) {
          if (path.length === 2 && path[0] === 'environments') {
            return markdownHover(`Overrides for the **${key}** environment.`);
          }
          return null;
        }
        const sections = [
          `**${path.filter((s) => s !== '#').join('.')}** · \`${describeCopilotShape(resolved.field.shape)}\``,
        ];
        sections.push(resolved.field.doc);
        const value = scalarValue(pair.value);
        if (!onKey && path.length === 1 && key === 'type' && isManifestType(value)) {
          sections.push(`[${value} manifest reference](${MANIFEST_DOCS[value]})`);
        } else if (type) {
          sections.push(`[${type} manifest reference](${MANIFEST_DOCS[type]})`);
        }
        return markdownHover(sections.join('\n\n'));
      }
      node = pair.value;
    } else if (isSeq(node)) {
      const item = (node.items as { range?: number[] }[]).find(
        (i) => i.range && offset >= (i.range[0] ?? 0) && offset <= (i.range[1] ?? 0),
      );
      if (!item) return null;
      path.push('#');
      node = item;
    } else {
      return null;
    }
  }
  return null;
}

function markdownHover(value: string): Hover {
  return { contents: { kind: MarkupKind.Markdown, value } };
}

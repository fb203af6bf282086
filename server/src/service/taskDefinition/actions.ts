/**
 * Quick fixes from diagnostics. Validation attaches what a fix needs to `Diagnostic.data` (see
 * diagnosticData.ts); this module turns it into exact text edits on the current document: replace a
 * value, rename a key, remove a property (one, or every one flagged by the same rule at once), or add
 * missing properties — with jsonc-parser's `modify`, which keeps commas and indentation right.
 */
import { type FormattingOptions, type Node, applyEdits, findNodeAtLocation, modify } from 'jsonc-parser';
import {
  type CodeAction,
  CodeActionKind,
  type Diagnostic,
  type Range,
  type TextEdit,
} from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { type DiagnosticData, type JsonScalar, asDiagnosticData } from '../core/diagnosticData';
import { DIAGNOSTIC_SOURCE } from '../core/diagnostic';
import type { EcsDocument } from '../core/ecsDocument';
import { nodeRange } from '../core/jsonNodes';
import { nullMembers } from '../core/nullValues';
import { regionOf, taskContext } from './taskContext';
import type { JsonPath } from '../core/properties';

/** Options of the fixes that need a value only the user's environment knows. */
export interface ActionOptions {
  /** The Region to write where a fix must supply one (`awslogs-region`); else the task's own or a placeholder. */
  readonly defaultRegion?: string;
}

/** How many alternative values a did-you-mean or nearest-value fix offers. */
const MAX_ALTERNATIVES = 3;

/** Placeholder Region written when neither the task nor the environment names one. */
const REGION_PLACEHOLDER = 'us-east-1';

function detectFormatting(text: string): FormattingOptions {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indented = /\n([ \t]+)\S/.exec(text)?.[1];
  if (indented?.startsWith('\t')) return { insertSpaces: false, tabSize: 4, eol };
  return { insertSpaces: true, tabSize: indented ? Math.min(indented.length, 8) : 2, eol };
}

/** One edit turning `before` into `after`: the span between their common prefix and suffix. */
function diffEdit(document: TextDocument, before: string, after: string): TextEdit {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before[start] === after[start]) start++;
  let end = 0;
  while (end < max - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  return {
    range: { start: document.positionAt(start), end: document.positionAt(before.length - end) },
    newText: after.slice(start, after.length - end),
  };
}

function lastKey(path: JsonPath): string {
  for (let i = path.length - 1; i >= 0; i--) {
    const step = path[i];
    if (typeof step === 'string') return step;
  }
  return 'value';
}

/** The key node of the property at `path`. */
function keyNodeAt(root: Node, path: JsonPath): Node | undefined {
  const parent = path.length > 1 ? findNodeAtLocation(root, [...path.slice(0, -1)]) : root;
  const key = path[path.length - 1];
  if (parent?.type !== 'object' || typeof key !== 'string') return undefined;
  return parent.children?.find((p) => p.children?.[0]?.value === key)?.children?.[0];
}

function quickFix(
  title: string,
  diagnostic: Diagnostic,
  uri: string,
  edits: TextEdit[],
  preferred: boolean,
): CodeAction {
  return {
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    ...(preferred ? { isPreferred: true } : {}),
    edit: { changes: { [uri]: edits } },
  };
}

/** True when only spaces or tabs precede `offset` on its line. */
function startsLine(text: string, offset: number): boolean {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*$/.test(text.slice(lineStart, offset));
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/**
 * Removes the properties at `paths` (one or many) with their commas. Whole lines go when a property
 * has its own line; every other line stays exactly as the user wrote it.
 */
function removeProperties(doc: EcsDocument, paths: readonly JsonPath[]): TextEdit[] {
  const root = doc.json.root;
  const text = doc.textDocument.getText();
  if (!root) return [];
  const byObject = new Map<Node, Set<Node>>();
  for (const path of paths) {
    const key = keyNodeAt(root, path);
    const property = key?.parent;
    const object = property?.parent;
    if (!property || object?.type !== 'object') continue;
    const set = byObject.get(object) ?? new Set<Node>();
    set.add(property);
    byObject.set(object, set);
  }
  const edits: TextEdit[] = [];
  const edit = (start: number, end: number): void => {
    edits.push({
      range: { start: doc.textDocument.positionAt(start), end: doc.textDocument.positionAt(end) },
      newText: '',
    });
  };
  for (const [object, removed] of byObject) {
    const children = object.children ?? [];
    if (children.every((c) => removed.has(c))) {
      edit(object.offset + 1, object.offset + object.length - 1);
      continue;
    }
    // Runs of consecutive removed properties, each deleted together with its separating comma.
    for (let i = 0; i < children.length; i++) {
      const first = children[i];
      if (!first || !removed.has(first)) continue;
      let j = i;
      while (j + 1 < children.length && removed.has(children[j + 1] as Node)) j++;
      const last = children[j] as Node;
      const nextKept = children[j + 1];
      const prevKept = children[i - 1];
      if (nextKept) {
        const ownLines = startsLine(text, first.offset) && startsLine(text, nextKept.offset);
        edit(
          ownLines ? lineStartOf(text, first.offset) : first.offset,
          ownLines ? lineStartOf(text, nextKept.offset) : nextKept.offset,
        );
      } else if (prevKept) {
        edit(prevKept.offset + prevKept.length, last.offset + last.length);
      }
      i = j;
    }
  }
  return edits;
}

function addProperties(
  doc: EcsDocument,
  path: JsonPath,
  properties: Readonly<Record<string, JsonScalar | null>>,
  options: ActionOptions,
): TextEdit | undefined {
  const original = doc.textDocument.getText();
  const formattingOptions = detectFormatting(original);
  const ctx = taskContext(doc);
  let text = original;
  for (const [key, raw] of Object.entries(properties)) {
    const value = raw ?? placeholderFor(key, original, (ctx && regionOf(ctx.task)) ?? options.defaultRegion);
    text = applyEdits(text, modify(text, [...path, key], value, { formattingOptions }));
  }
  return text === original ? undefined : diffEdit(doc.textDocument, original, text);
}

/**
 * The value a fix writes where validation left it to the fix (`null` in the data): the task's or the
 * environment's Region, a role ARN in the account the document already names, else a placeholder.
 */
function placeholderFor(key: string, text: string, region: string | undefined): string {
  if (/region$/i.test(key)) return region ?? REGION_PLACEHOLDER;
  if (/RoleArn$/.test(key)) {
    const account = /arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:(\d{12}):/.exec(text)?.[1] ?? '123456789012';
    return `arn:aws:iam::${account}:role/ecsTaskExecutionRole`;
  }
  return '';
}

function fixesFor(
  doc: EcsDocument,
  diagnostic: Diagnostic,
  data: DiagnosticData,
  all: () => readonly Diagnostic[],
  options: ActionOptions,
  fixAllDone: Set<string>,
): CodeAction[] {
  const root = doc.json.root;
  const uri = doc.textDocument.uri;
  if (!root) return [];
  switch (data.fix) {
    case 'replaceValue': {
      const node = findNodeAtLocation(root, [...data.path]);
      if (!node) return [];
      const range: Range = nodeRange(doc.textDocument, node);
      const message = typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
      const didYouMean = /did you mean/i.test(message);
      return data.values
        .slice(0, MAX_ALTERNATIVES)
        .map((v, i) =>
          quickFix(
            didYouMean
              ? `Did you mean ${JSON.stringify(v)}?`
              : `Change ${lastKey(data.path)} to ${JSON.stringify(v)}`,
            diagnostic,
            uri,
            [{ range, newText: JSON.stringify(v) }],
            i === 0,
          ),
        );
    }
    case 'renameKey': {
      const key = keyNodeAt(root, data.path);
      if (!key) return [];
      const range = nodeRange(doc.textDocument, key);
      return data.names
        .slice(0, MAX_ALTERNATIVES)
        .map((name, i) =>
          quickFix(
            `Did you mean "${name}"?`,
            diagnostic,
            uri,
            [{ range, newText: JSON.stringify(name) }],
            i === 0,
          ),
        );
    }
    case 'removeProperty': {
      const out: CodeAction[] = [];
      const one = removeProperties(doc, [data.path]);
      if (one.length > 0) out.push(quickFix(`Remove "${lastKey(data.path)}"`, diagnostic, uri, one, true));
      const same = all().filter(
        (d) => d.code === diagnostic.code && asDiagnosticData(d.data)?.fix === 'removeProperty',
      );
      const code = String(diagnostic.code);
      if (same.length > 1 && !fixAllDone.has(code)) {
        fixAllDone.add(code);
        const paths = same.map((d) => (asDiagnosticData(d.data) as DiagnosticData).path);
        const edits = removeProperties(doc, paths);
        if (edits.length > 0) {
          out.push({
            title: `Remove all ${same.length} properties flagged ${code} (${paths.map(lastKey).join(', ')})`,
            kind: CodeActionKind.QuickFix,
            diagnostics: same,
            edit: { changes: { [uri]: edits } },
          });
        }
      }
      return out;
    }
    case 'removeNulls': {
      const out: CodeAction[] = [];
      const one = removeProperties(doc, [data.path]);
      if (one.length > 0)
        out.push(quickFix(`Remove "${lastKey(data.path)}": null`, diagnostic, uri, one, true));
      const paths = nullMembers(root).map((m) => m.path);
      if (paths.length > 1 && !fixAllDone.has('removeNulls')) {
        fixAllDone.add('removeNulls');
        const edits = removeProperties(doc, paths);
        if (edits.length > 0) {
          out.push({
            title: `Remove all ${paths.length} null values in this file`,
            kind: CodeActionKind.QuickFix,
            diagnostics: all().filter((d) => d.code === diagnostic.code),
            edit: { changes: { [uri]: edits } },
          });
        }
      }
      return out;
    }
    case 'addProperties': {
      const edit = addProperties(doc, data.path, data.properties, options);
      if (!edit) return [];
      return [quickFix(`Add ${Object.keys(data.properties).join(', ')}`, diagnostic, uri, [edit], true)];
    }
  }
}

/**
 * Quick fixes for the diagnostics the editor sends with a code action request (those overlapping the
 * selection). `all` returns every diagnostic of the document, for "remove all" fixes.
 */
export function getCodeActions(
  doc: EcsDocument,
  diagnostics: readonly Diagnostic[],
  all: () => readonly Diagnostic[],
  options: ActionOptions = {},
): CodeAction[] {
  if (!doc.kind) return [];
  const out: CodeAction[] = [];
  let cached: readonly Diagnostic[] | undefined;
  const allOnce = (): readonly Diagnostic[] => (cached ??= all());
  const fixAllDone = new Set<string>();
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
    const data = asDiagnosticData(diagnostic.data);
    if (data) out.push(...fixesFor(doc, diagnostic, data, allOnce, options, fixAllDone));
  }
  return out;
}

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
import { type DiagnosticData, type JsonScalar, asDiagnosticData } from './diagnosticData';
import { DIAGNOSTIC_SOURCE } from './diagnostic';
import type { EcsDocument } from './ecsDocument';
import { nodeRange } from './jsonNodes';
import { regionOf, taskContext } from './taskContext';
import type { JsonPath } from './taskDefinition';

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

/** Removes every property of `paths` in one pass; `undefined` when the document changed under them. */
function removeAll(doc: EcsDocument, paths: readonly JsonPath[]): TextEdit | undefined {
  const original = doc.textDocument.getText();
  const formattingOptions = detectFormatting(original);
  // Deepest and last first, so earlier removals never shift the paths of later ones.
  const ordered = [...paths].sort((a, b) => comparePathsDesc(a, b));
  let text = original;
  for (const path of ordered) {
    const edits = modify(text, [...path], undefined, { formattingOptions });
    if (edits.length === 0) return undefined;
    text = applyEdits(text, edits);
  }
  return text === original ? undefined : diffEdit(doc.textDocument, original, text);
}

function comparePathsDesc(a: JsonPath, b: JsonPath): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return y - x;
    return 0;
  }
  return b.length - a.length;
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
    const value =
      raw ??
      (key.endsWith('region')
        ? ((ctx && regionOf(ctx.task)) ?? options.defaultRegion ?? REGION_PLACEHOLDER)
        : '');
    text = applyEdits(text, modify(text, [...path, key], value, { formattingOptions }));
  }
  return text === original ? undefined : diffEdit(doc.textDocument, original, text);
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
      return data.values
        .slice(0, MAX_ALTERNATIVES)
        .map((v, i) =>
          quickFix(
            `Change ${lastKey(data.path)} to ${JSON.stringify(v)}`,
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
      const one = removeAll(doc, [data.path]);
      if (one) out.push(quickFix(`Remove "${lastKey(data.path)}"`, diagnostic, uri, [one], true));
      const same = all().filter(
        (d) => d.code === diagnostic.code && asDiagnosticData(d.data)?.fix === 'removeProperty',
      );
      const code = String(diagnostic.code);
      if (same.length > 1 && !fixAllDone.has(code)) {
        fixAllDone.add(code);
        const paths = same.map((d) => (asDiagnosticData(d.data) as DiagnosticData).path);
        const edit = removeAll(doc, paths);
        if (edit) {
          out.push({
            title: `Remove all ${same.length} properties flagged ${code} (${paths.map(lastKey).join(', ')})`,
            kind: CodeActionKind.QuickFix,
            diagnostics: same,
            edit: { changes: { [uri]: [edit] } },
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

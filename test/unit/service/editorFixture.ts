/**
 * Fixtures for editor-feature tests: a task definition text with a `|` caret, parsed by the real
 * language service, and helpers that apply LSP edits so tests assert the resulting document.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionItem, Position, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import type { EcsDocument } from '../../../server/src/service/core/ecsDocument';
import { type LanguageService, createLanguageService } from '../../../server/src/service/languageService';

export const service: LanguageService = createLanguageService();

export const URI = 'file:///w/web-task-def.json';

/** Parses `text`; a `|` marks the caret, whose position is returned (and removed from the text). */
export function withCaret(text: string, uri = URI): { doc: EcsDocument; position: Position; offset: number } {
  const offset = text.indexOf('|');
  if (offset < 0) throw new Error('The fixture needs a | caret');
  const clean = text.slice(0, offset) + text.slice(offset + 1);
  const doc = parse(clean, uri);
  return { doc, position: doc.textDocument.positionAt(offset), offset };
}

export function parse(text: string, uri = URI): EcsDocument {
  return service.parse(TextDocument.create(uri, 'json', 1, text));
}

/** The text after applying `edits` (non-overlapping, as LSP requires). */
export function applyTextEdits(doc: EcsDocument, edits: readonly TextEdit[]): string {
  return TextDocument.applyEdits(doc.textDocument, [...edits]);
}

export function applyWorkspaceEdit(doc: EcsDocument, edit: WorkspaceEdit | undefined): string {
  const edits = edit?.changes?.[doc.textDocument.uri];
  if (!edits) throw new Error('The workspace edit has no change for the document');
  return applyTextEdits(doc, edits);
}

/** Snippet text as the editor inserts it with every placeholder at its default. */
export function expandSnippet(snippet: string): string {
  return snippet
    .replace(/\$\{\d+\|([^,|]*)[^}]*\|\}/g, '$1')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\d+/g, '')
    .replace(/\\([$}\\])/g, '$1');
}

/** The text after accepting `item` (its text edit, snippets expanded, tabs as two spaces). */
export function accept(doc: EcsDocument, item: CompletionItem): string {
  const edit = item.textEdit;
  if (!edit || !('range' in edit)) throw new Error(`Item ${item.label} has no text edit`);
  return applyTextEdits(doc, [
    { range: edit.range, newText: expandSnippet(edit.newText).replace(/\t/g, '  ') },
  ]);
}

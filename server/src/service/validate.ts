/** Validation entry point: syntax first, then the rules of the document's kind. */
import type { Diagnostic } from 'vscode-languageserver-types';
import { makeDiagnostic } from './diagnostic';
import type { EcsDocument } from './ecsDocument';

export function syntaxDiagnostics(doc: EcsDocument): Diagnostic[] {
  return doc.json.syntaxErrors.map((e) =>
    makeDiagnostic(doc.textDocument, e.offset, e.length, 'ECS001', e.message),
  );
}

export function validate(doc: EcsDocument): Diagnostic[] {
  if (!doc.kind) return [];
  return syntaxDiagnostics(doc);
}

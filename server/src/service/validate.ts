/** Validation entry point: syntax first, then the rules of the document's kind. */
import type { Diagnostic } from 'vscode-languageserver-types';
import { makeDiagnostic } from './diagnostic';
import type { EcsDocument } from './ecsDocument';
import { RULE_META_BY_CODE, TASK_DEFINITION_RULES } from './rules';
import { DiagnosticSink } from './rules/rule';
import { taskDefinitionOf } from './taskDefinition';

export function syntaxDiagnostics(doc: EcsDocument): Diagnostic[] {
  return doc.json.syntaxErrors.map((e) =>
    makeDiagnostic(doc.textDocument, e.offset, e.length, 'ECS001', e.message),
  );
}

/**
 * Runs the task definition rules. A rule that fails on an unforeseen shape never hides the others;
 * `rethrow` turns that safety net off so the fuzz test sees such failures.
 */
export function taskDefinitionDiagnostics(doc: EcsDocument, rethrow = false): Diagnostic[] {
  const sink = new DiagnosticSink(doc.textDocument, RULE_META_BY_CODE);
  const root = doc.json.root;
  if (root && root.type !== 'object') {
    sink.report(
      'ECS002',
      root,
      'A task definition is a JSON object ({ "family": ..., "containerDefinitions": [...] }).',
    );
    return sink.diagnostics;
  }
  const td = taskDefinitionOf(doc);
  if (!td) return sink.diagnostics;
  const ctx = { document: doc.textDocument, td, report: sink.report.bind(sink) };
  for (const rule of TASK_DEFINITION_RULES) {
    try {
      rule.check(ctx);
    } catch (error) {
      if (rethrow) throw error;
    }
  }
  return sink.diagnostics;
}

export function validate(doc: EcsDocument): Diagnostic[] {
  if (!doc.kind) return [];
  const all = [...syntaxDiagnostics(doc), ...taskDefinitionDiagnostics(doc)];
  // Document order, so editors, the CLI and tests read them top to bottom.
  return all.sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
}

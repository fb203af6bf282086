/** Validation entry point: syntax first, then the rules of the document's kind. */
import type { Diagnostic } from 'vscode-languageserver-types';
import { makeDiagnostic } from '../core/diagnostic';
import type { EcsDocument } from '../core/ecsDocument';
import { RULE_META_BY_CODE, TASK_DEFINITION_RULES } from './rules';
import { DiagnosticSink } from './rules/rule';
import { validateCopilotManifest } from '../copilot/validate';
import type { TaskDefinitionIndex } from '../serviceDefinition/taskDefinitionIndex';
import { validateServiceDefinition } from '../serviceDefinition/validate';
import { taskDefinitionOf } from './taskDefinition';
import { overlapsTemplate } from '../core/templates';

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

/**
 * Diagnostics of a value that is unknown until rendered (a Go-template expression or a Jsonnet
 * computation) judge something that is not there yet: drop them, syntax errors aside.
 */
function withoutTemplatedFindings(doc: EcsDocument, diagnostics: Diagnostic[]): Diagnostic[] {
  const spans = doc.json.templateSpans;
  if (!spans || spans.length === 0) return diagnostics;
  const td = doc.textDocument;
  return diagnostics.filter((d) => {
    if (d.code === 'ECS001') return true;
    const start = td.offsetAt(d.range.start);
    return !overlapsTemplate(spans, start, Math.max(1, td.offsetAt(d.range.end) - start));
  });
}

function kindDiagnostics(doc: EcsDocument, taskDefinitions: TaskDefinitionIndex | undefined): Diagnostic[] {
  switch (doc.kind) {
    case 'copilotManifest':
      return validateCopilotManifest(doc);
    case 'serviceDefinition':
      return [...syntaxDiagnostics(doc), ...validateServiceDefinition(doc, taskDefinitions)];
    default:
      return [...syntaxDiagnostics(doc), ...taskDefinitionDiagnostics(doc)];
  }
}

/**
 * Every diagnostic of a document. `taskDefinitions` lets a service definition be checked against
 * the task definition it runs (the server passes the workspace's; without it those checks are skipped).
 */
export function validate(doc: EcsDocument, taskDefinitions?: TaskDefinitionIndex): Diagnostic[] {
  if (!doc.kind) return [];
  const all = withoutTemplatedFindings(doc, kindDiagnostics(doc, taskDefinitions));
  // Document order, so editors, the CLI and tests read them top to bottom.
  return all.sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
}

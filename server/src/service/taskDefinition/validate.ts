/**
 * Validation of task definitions: the document must be an object, then every rule of `rules/` runs
 * over the task definition view (syntax errors are reported by the language service for every kind).
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { EcsDocument } from '../core/ecsDocument';
import { RULE_META_BY_CODE, TASK_DEFINITION_RULES } from './rules';
import { DiagnosticSink } from '../core/diagnosticSink';
import { taskDefinitionOf } from './taskDefinition';

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
  const ctx = { document: doc.textDocument, td, json: doc.json, report: sink.report.bind(sink) };
  for (const rule of TASK_DEFINITION_RULES) {
    try {
      rule.check(ctx);
    } catch (error) {
      if (rethrow) throw error;
    }
  }
  return sink.diagnostics;
}

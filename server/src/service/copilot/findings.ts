/** Where Copilot findings go: the sink, the span of a YAML node (or a fallback) and quick-fix data. */
import type { Pair } from 'yaml';
import type { DiagnosticSink, Target } from '../core/diagnosticSink';
import { type YamlNode, spanOf } from './yamlNodes';

export type Sink = DiagnosticSink;

/** Attaches "did you mean" replacements to the last finding, for the quick fix (copilot/actions.ts). */
export function withReplacements(sink: Sink, names: readonly string[]): void {
  const last = sink.diagnostics[sink.diagnostics.length - 1];
  if (last && names.length > 0) last.data = { copilotReplacements: [...names] };
}

export function target(node: unknown, fallback: Target): Target {
  const span = spanOf(node as YamlNode);
  return span && span.length > 0 ? span : fallback;
}

export function keyTarget(pair: Pair): Target {
  return target(pair.key, { offset: 0, length: 1 });
}

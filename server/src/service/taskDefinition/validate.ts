/**
 * Validation of task definitions: the document must be an object, then every rule of `rules/` runs
 * over the task definition view (syntax errors are reported by the language service for every kind).
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { EcsDocument } from '../core/ecsDocument';
import { RULE_META_BY_CODE, TASK_DEFINITION_RULES } from './rules';
import { DiagnosticSink } from '../core/diagnosticSink';
import { taskDefinitionOf } from './taskDefinition';
import { isPlaceholder } from '../core/templates';
import type { Node } from 'jsonc-parser';
import { checkAgainstModel } from '../core/modelCheck';
import { propertiesOf, propertyOf } from '../core/properties';
import { TASK_DEFINITION_ROOT, structureOf } from '../core/schema/model';

/** Members only describe output has: a file holding them was exported to feed a deploy pipeline. */
const DESCRIBE_MARKERS = [
  'taskDefinitionArn',
  'revision',
  'requiresAttributes',
  'compatibilities',
  'registeredAt',
];

/** Shapes a task-definition fragment can have, the whole request first. */
const FRAGMENT_SHAPES = [TASK_DEFINITION_ROOT, 'ContainerDefinition', 'ServiceConnectConfiguration'];

/**
 * Files named like task definitions that are pieces of one: a list of container definitions
 * (Terraform's `container_definitions`, the buildkite plugin's input), one container a script merges
 * in, task-level overrides without `family`/`containerDefinitions`, a Service Connect block. Such a
 * file is checked as the shape its keys match best, not as a whole register input.
 */
function fragmentOf(root: Node | undefined): { shape: string; nodes: readonly Node[] } | undefined {
  if (root?.type === 'array') {
    const items = root.children ?? [];
    return items.length > 0 && items.every((i) => i.type === 'object')
      ? { shape: 'ContainerDefinition', nodes: items }
      : undefined;
  }
  if (root?.type !== 'object') return undefined;
  if (['containerDefinitions', 'family', 'taskDefinition'].some((k) => propertyOf(root, k))) return undefined;
  const keys = propertiesOf(root).map((p) => p.name);
  let best: { shape: string; score: number } | undefined;
  for (const shape of FRAGMENT_SHAPES) {
    const members = structureOf(shape)?.members ?? {};
    const score = keys.filter((k) => Object.prototype.hasOwnProperty.call(members, k)).length;
    if (score > (best?.score ?? 0)) best = { shape, score };
  }
  return best ? { shape: best.shape, nodes: [root] } : undefined;
}

/** True when some string value of the task holds a template hole (checked on the text, cheaply). */
function hasPlaceholderText(doc: EcsDocument): boolean {
  const text = doc.textDocument.getText();
  return (text.includes('$') || text.includes('<') || text.includes('{')) && isPlaceholder(text);
}

/**
 * Runs the task definition rules. A rule that fails on an unforeseen shape never hides the others;
 * `rethrow` turns that safety net off so the fuzz test sees such failures.
 */
export function taskDefinitionDiagnostics(
  doc: EcsDocument,
  rethrow = false,
  options: { readonly pipelineFilledFields?: readonly string[] } = {},
): Diagnostic[] {
  const sink = new DiagnosticSink(doc.textDocument, RULE_META_BY_CODE);
  const root = doc.json.root;
  const fragment = fragmentOf(root);
  if (fragment && fragment.shape !== TASK_DEFINITION_ROOT) {
    // A piece a script or tool merges into a task definition: check it as what it is.
    for (const node of fragment.nodes)
      checkAgainstModel(doc.json, node, fragment.shape, sink, {
        cliUnsetValues: true,
        checkTemplatedValues: true,
      });
    return sink.diagnostics;
  }
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
  let template: boolean | undefined;
  const ctx = {
    document: doc.textDocument,
    td,
    json: doc.json,
    report: sink.report.bind(sink),
    fragment: fragment !== undefined,
    pipelineFilled: new Set(options.pipelineFilledFields ?? []),
    // Computed when a rule asks (it reads the whole text); a plain function keeps the context's shape stable.
    isTemplate: (): boolean =>
      (template ??=
        td.isDescribeOutput ||
        DESCRIBE_MARKERS.some((k) => td.property(k) !== undefined) ||
        (doc.json.templateSpans?.length ?? 0) > 0 ||
        hasPlaceholderText(doc)),
  };
  for (const rule of TASK_DEFINITION_RULES) {
    try {
      rule.check(ctx);
    } catch (error) {
      if (rethrow) throw error;
    }
  }
  return sink.diagnostics;
}

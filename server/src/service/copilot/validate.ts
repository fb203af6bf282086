/**
 * Validation of Copilot manifests: YAML syntax (ECS001), the manifest model (types ECS010, unknown
 * keys with did-you-mean ECS012, enum values ECS013, required fields ECS014) — `environments.<name>`
 * overrides included — and Copilot's own rules (ECS501–ECS510), checked for the manifest as written
 * and for each environment with its overrides applied.
 */
import { isAlias, isMap, isScalar, isSeq } from 'yaml';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { CopilotManifestDocument } from '../core/ecsDocument';
import type { ParsedYaml } from '../core/parseYaml';
import { didYouMean, suggest } from '../core/suggest';
import { DiagnosticSink, type Target } from '../core/diagnosticSink';
import { type Sink, keyTarget, target, withReplacements } from './findings';
import { MANIFEST_FIELDS, isManifestType } from './model';
import { MANIFEST_DOCS, MANIFEST_TYPES, type ManifestType } from './manifestTypes';
import { META_BY_CODE } from './ruleMeta';
import { checkRules, envView } from './rules';
import { type CopilotField, type CopilotShape, describeCopilotShape, formsOf } from './schema';
import { isTemplatedYaml, keyText, pairOf, pairsOf, rootMap, scalarValue, valueAt } from './yamlNodes';

/** Go durations (`30s`, `1m30s`, `1.5h`, `500ms`). */
const DURATION = /^(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+$/;
const YAML11_BOOL =
  /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|true|True|TRUE|false|False|FALSE)$/;

function valueDescription(node: unknown): string {
  if (isMap(node)) return 'a map';
  if (isSeq(node)) return 'a list';
  const v = scalarValue(node);
  if (typeof v === 'string') return `the string ${JSON.stringify(v).slice(0, 40)}`;
  if (typeof v === 'number') return `the number ${v}`;
  if (typeof v === 'boolean') return String(v);
  return 'an empty value';
}

/** Walks a YAML node against a shape of the manifest model. */
class ManifestWalker {
  constructor(
    private readonly parsed: ParsedYaml,
    private readonly sink: Sink,
  ) {}

  value(node: unknown, shape: CopilotShape, name: string, anchor: Target): void {
    if (node === null || node === undefined || isAlias(node) || isTemplatedYaml(this.parsed, node)) return;
    // An empty value (`key:`) leaves the field unset, as yaml.v3 does.
    if (isScalar(node) && node.value === null) return;
    const forms = formsOf(shape);
    if (forms.some((f) => f.kind === 'any')) return;
    if (isMap(node)) {
      const form = forms.find((f) => f.kind === 'object' || f.kind === 'map');
      if (!form) return this.wrongType(node, shape, name, anchor);
      if (form.kind === 'object') this.object(node, form.fields, form.name, anchor);
      else for (const p of pairsOf(node)) this.value(p.value, form.values, keyText(p) ?? name, keyTarget(p));
      return;
    }
    if (isSeq(node)) {
      const form = forms.find((f) => f.kind === 'list');
      if (!form || form.kind !== 'list') return this.wrongType(node, shape, name, anchor);
      for (const item of node.items) this.value(item, form.items, name, target(item, anchor));
      return;
    }
    const scalarForms = forms.filter((f) => f.kind !== 'object' && f.kind !== 'map' && f.kind !== 'list');
    if (scalarForms.length === 0) return this.wrongType(node, shape, name, anchor);
    if (scalarForms.some((f) => this.scalarFits(node, f))) return;
    const enums = scalarForms.filter((f) => f.kind === 'enum');
    const v = scalarValue(node);
    if (enums.length > 0 && typeof v === 'string') {
      const values = enums.flatMap((f) => (f.kind === 'enum' ? f.values : []));
      const names = suggest(v, values);
      this.sink.report(
        'ECS013',
        target(node, anchor),
        `${JSON.stringify(v)} is not a valid \`${name}\`; allowed: ${values.join(', ')}${
          scalarForms.length > enums.length
            ? ` (or ${scalarForms
                .filter((f) => f.kind !== 'enum')
                .map(describeCopilotShape)
                .join(', ')})`
            : ''
        }.${didYouMean(names)}`,
      );
      withReplacements(this.sink, names);
      return;
    }
    this.wrongType(node, shape, name, anchor);
  }

  private scalarFits(node: unknown, shape: CopilotShape): boolean {
    const v = scalarValue(node);
    switch (shape.kind) {
      case 'string':
        return v !== undefined;
      case 'int':
        return typeof v === 'number' && Number.isInteger(v);
      case 'number':
        return typeof v === 'number';
      case 'bool':
        return typeof v === 'boolean' || (typeof v === 'string' && YAML11_BOOL.test(v));
      case 'duration':
        return (typeof v === 'string' && DURATION.test(v)) || v === 0;
      case 'enum':
        return (
          typeof v === 'string' &&
          (shape.caseInsensitive
            ? shape.values.some((e) => e.toLowerCase() === v.toLowerCase())
            : shape.values.includes(v))
        );
      default:
        return false;
    }
  }

  private wrongType(node: unknown, shape: CopilotShape, name: string, anchor: Target): void {
    this.sink.report(
      'ECS010',
      target(node, anchor),
      `\`${name}\` must be ${describeCopilotShape(shape)}, not ${valueDescription(node)}.`,
    );
  }

  /**
   * Checks a map against object fields. `satisfied` lists required fields provided elsewhere (an
   * environment override supplying the image, for instance).
   */
  object(
    node: unknown,
    fields: Readonly<Record<string, CopilotField>>,
    structure: string,
    anchor: Target,
    satisfied: ReadonlySet<string> = new Set(),
  ): void {
    if (!isMap(node)) return;
    const seen = new Set<string>();
    for (const pair of pairsOf(node)) {
      const key = keyText(pair);
      if (key === undefined || key === '<<') continue; // merge keys bring fields of an anchor
      seen.add(key);
      const f = Object.prototype.hasOwnProperty.call(fields, key) ? fields[key] : undefined;
      if (!f) {
        const names = suggest(key, Object.keys(fields));
        this.sink.report(
          'ECS012',
          keyTarget(pair),
          `Unknown field \`${key}\` in ${structure}: Copilot ignores it, so it has no effect.${didYouMean(names)}`,
        );
        withReplacements(this.sink, names);
        continue;
      }
      if (f.rejected) this.sink.report('ECS511', keyTarget(pair), f.rejected);
      this.value(pair.value, f.shape, key, keyTarget(pair));
    }
    if (pairsOf(node).some((p) => keyText(p) === '<<')) return; // the anchor may hold the required ones
    for (const [name, f] of Object.entries(fields)) {
      if (!f.required || seen.has(name) || satisfied.has(name)) continue;
      this.sink.report(
        'ECS014',
        anchor,
        `Missing required field \`${name}\` (${describeCopilotShape(f.shape)}) in ${structure}.`,
      );
    }
  }
}

/** Diagnostics of a Copilot manifest (syntax, model, rules). */
export function validateCopilotManifest(doc: CopilotManifestDocument): Diagnostic[] {
  const parsed = doc.yaml;
  const sink = new DiagnosticSink(doc.textDocument, META_BY_CODE);
  for (const e of parsed.syntaxErrors)
    sink.report('ECS001', { offset: e.offset, length: e.length }, e.message);
  const root = rootMap(parsed);
  if (!root) {
    const contents = parsed.document.contents;
    if (contents && parsed.syntaxErrors.length === 0 && !(isScalar(contents) && contents.value === null)) {
      sink.report(
        'ECS002',
        target(contents, { offset: 0, length: 1 }),
        'A Copilot manifest is a YAML map with `name`, `type` and the fields of its type.',
      );
    }
    return sink.diagnostics;
  }
  const walker = new ManifestWalker(parsed, sink);
  const rootAnchor: Target = { offset: target(root, { offset: 0, length: 1 }).offset, length: 1 };
  const typeNode = valueAt(root, 'type');
  const typeValue = scalarValue(typeNode);
  if (!isManifestType(typeValue)) {
    // Without a known type only `name` and `type` can be judged.
    if (!typeNode) {
      sink.report(
        'ECS014',
        rootAnchor,
        `Missing required field \`type\`: one of ${MANIFEST_TYPES.join(', ')}.`,
      );
    } else if (!isTemplatedYaml(parsed, typeNode) && typeValue !== null) {
      const text = String(typeValue);
      const names = suggest(text, MANIFEST_TYPES);
      sink.report(
        'ECS013',
        target(typeNode, rootAnchor),
        `"${text}" is not a Copilot manifest type; allowed: ${MANIFEST_TYPES.join(', ')}.${didYouMean(names)}`,
      );
      withReplacements(sink, names);
    }
    if (!pairOf(root, 'name')) sink.report('ECS014', rootAnchor, 'Missing required field `name`.');
    return sink.diagnostics;
  }
  const type = typeValue;
  const fields = MANIFEST_FIELDS[type];
  const environments = valueAt(root, 'environments');
  const overrides = pairsOf(environments).filter((p) => isMap(p.value));
  // A required field that every listed environment overrides is satisfied (e.g. `image` per environment).
  const satisfied = new Set(
    Object.entries(fields)
      .filter(
        ([name, f]) => f.required && overrides.length > 0 && overrides.every((p) => valueAt(p.value, name)),
      )
      .map(([name]) => name),
  );
  walker.object(root, fields, type, rootAnchor, satisfied);
  checkEnvironmentKeys(environments, sink);
  checkRules(envView(parsed, type, root, undefined), sink);
  for (const pair of overrides) checkRules(envView(parsed, type, root, pair.value), sink);
  return dedupe(sink.diagnostics);
}

/**
 * Copilot substitutes `${VAR}` in values only, never in map keys (Interpolator.applyInterpolation,
 * internal/pkg/manifest/interpolate.go:67 at v1.33.2): an override keyed `${COPILOT_ENVIRONMENT_NAME}`
 * applies to no environment.
 */
function checkEnvironmentKeys(environments: unknown, sink: Sink): void {
  for (const pair of pairsOf(environments)) {
    const key = keyText(pair);
    if (key === undefined || !key.includes('${')) continue;
    sink.report(
      'ECS514',
      keyTarget(pair),
      `Environment override \`${key}\`: Copilot does not substitute variables in keys, so this override applies to no environment. Name each environment (\`test:\`, \`prod:\`).`,
    );
  }
}

/** The same finding reached through several environments is reported once. */
function dedupe(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const message = typeof d.message === 'string' ? d.message : d.message.value;
    const key = `${String(d.code)}|${d.range.start.line}:${d.range.start.character}|${message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The documentation page of a manifest's type, for hovers and messages. */
export function manifestDocs(type: ManifestType): string {
  return MANIFEST_DOCS[type];
}

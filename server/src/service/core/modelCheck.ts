/**
 * A generic check of a JSON tree against a structure of the generated ECS model: value types
 * (ECS010), unknown keys with did-you-mean (ECS012), enum values with did-you-mean (ECS013) and
 * required members (ECS014) — the codes the task-definition schema rule uses, so a user's severity
 * override means the same for every kind of document. Any root structure works (service definitions
 * use `CreateServiceRequest` / `UpdateServiceRequest`).
 *
 * Templated values (Go templates, Jsonnet expressions, `${VAR}`) are unknown: never a type or enum
 * error. Quick-fix data (`DiagnosticData`) is attached as the task-definition rule does, so the same
 * fixes (rename key, replace value, remove property) apply.
 */
import type { Node } from 'jsonc-parser';
import type { DiagnosticData } from './diagnosticData';
import type { ParsedJson } from './parse';
import { didYouMean, suggest } from './suggest';
import { type Target } from './diagnosticSink';
import { describeShape, memberOf, structureOf } from './schema/model';
import type { Shape, StructureShape } from './schema/types';
import { type JsonPath, propertiesOf } from './properties';
import { hasSubstitution, overlapsTemplate } from './templates';

/** Receives findings (a `DiagnosticSink` fits). */
export interface FindingSink {
  report(code: string, target: Target, message: string, data?: DiagnosticData): void;
}

export interface ModelCheckOptions {
  /** Members whose absence is not reported at the root (they may come from the command line). */
  readonly optionalAtRoot?: ReadonlySet<string>;
  /**
   * Called for a root key the model does not know, before it is reported as ECS012; returning true
   * means the caller handled it (e.g. a read-only field of describe output with its own rule).
   */
  readonly onUnknownRootKey?: (name: string, key: Node, value: Node | undefined) => boolean;
}

/** True when the value of `node` is unknown until rendered (template, Jsonnet expression, `${VAR}`). */
export function isTemplated(json: ParsedJson, node: Node): boolean {
  if (overlapsTemplate(json.templateSpans, node.offset, node.length)) return true;
  return node.type === 'string' && typeof node.value === 'string' && hasSubstitution(node.value);
}

/** How a value is named in messages: "the string \"x\"", "the number 3", "an array"… */
export function jsonTypeName(node: Node): string {
  switch (node.type) {
    case 'string':
      return `the string ${JSON.stringify(node.value as string).slice(0, 40)}`;
    case 'number':
      return `the number ${String(node.value)}`;
    case 'boolean':
      return String(node.value);
    case 'null':
      return 'null';
    case 'array':
      return 'an array';
    case 'object':
      return 'an object';
    default:
      return 'a value';
  }
}

function article(description: string): string {
  if (description.startsWith('one of') || description.startsWith('any')) return description;
  return /^[aeiou]/i.test(description) ? `an ${description}` : `a ${description}`;
}

/** Missing members are reported on the key of the object's property, or on its opening brace. */
function objectAnchor(node: Node): Target {
  const key = node.parent?.type === 'property' ? node.parent.children?.[0] : undefined;
  return key ? { offset: key.offset, length: key.length } : { offset: node.offset, length: 1 };
}

class ModelWalker {
  constructor(
    private readonly json: ParsedJson,
    private readonly sink: FindingSink,
    private readonly options: ModelCheckOptions,
  ) {}

  value(node: Node, shape: Shape, path: JsonPath, memberName: string): void {
    if (isTemplated(this.json, node)) return;
    switch (shape.kind) {
      case 'any':
        return;
      case 'string':
      case 'number':
      case 'boolean':
        if (node.type !== shape.kind) this.wrongType(node, shape, path, memberName);
        return;
      case 'enum':
        if (node.type !== 'string') this.wrongType(node, shape, path, memberName);
        else this.enumValue(node, shape.values, path, memberName);
        return;
      case 'array':
        if (node.type !== 'array') return this.wrongType(node, shape, path, memberName);
        (node.children ?? []).forEach((item, i) => this.value(item, shape.items, [...path, i], memberName));
        return;
      case 'map':
        if (node.type !== 'object') return this.wrongType(node, shape, path, memberName);
        for (const p of propertiesOf(node)) {
          if (p.value) this.value(p.value, shape.values, [...path, p.name], memberName);
        }
        return;
      case 'ref': {
        const structure = structureOf(shape.name);
        if (!structure) return;
        if (node.type !== 'object') return this.wrongType(node, shape, path, memberName);
        this.structure(node, structure, path);
        return;
      }
    }
  }

  structure(node: Node, structure: StructureShape, path: JsonPath): void {
    const atRoot = path.length === 0;
    const seen = new Set<string>();
    for (const p of propertiesOf(node)) {
      seen.add(p.name);
      const member = memberOf(structure, p.name);
      if (!member) {
        if (atRoot && this.options.onUnknownRootKey?.(p.name, p.key, p.value)) continue;
        const names = suggest(p.name, Object.keys(structure.members));
        this.sink.report(
          'ECS012',
          p.key,
          `Unknown property \`${p.name}\` in ${structure.name}: the API rejects unknown parameters.${didYouMean(names)}`,
          names.length
            ? { fix: 'renameKey', path: [...path, p.name], names }
            : { fix: 'removeProperty', path: [...path, p.name] },
        );
        continue;
      }
      // `null` is how Jsonnet and some tools leave a member out.
      if (p.value && p.value.type !== 'null') this.value(p.value, member.shape, [...path, p.name], p.name);
    }
    for (const member of Object.values(structure.members)) {
      if (!member.required || seen.has(member.name)) continue;
      if (atRoot && this.options.optionalAtRoot?.has(member.name)) continue;
      this.sink.report(
        'ECS014',
        objectAnchor(node),
        `Missing required property \`${member.name}\` (${describeShape(member.shape)}) in ${structure.name}.`,
      );
    }
    if (structure.union && seen.size > 1) {
      this.sink.report(
        'ECS014',
        objectAnchor(node),
        `${structure.name} takes exactly one of ${Object.keys(structure.members).join(', ')}; found ${seen.size}.`,
      );
    }
  }

  private wrongType(node: Node, shape: Shape, path: JsonPath, memberName: string): void {
    let fixValue: string | number | boolean | undefined;
    const text = String(node.value).trim();
    if (shape.kind === 'string' && (node.type === 'number' || node.type === 'boolean')) fixValue = text;
    if (shape.kind === 'number' && node.type === 'string' && /^-?\d+(\.\d+)?$/.test(text))
      fixValue = Number(text);
    if (shape.kind === 'boolean' && node.type === 'string' && /^(true|false)$/i.test(text)) {
      fixValue = text.toLowerCase() === 'true';
    }
    this.sink.report(
      'ECS010',
      node,
      `\`${memberName}\` must be ${article(describeShape(shape))}, not ${jsonTypeName(node)}.`,
      fixValue !== undefined ? { fix: 'replaceValue', path, values: [fixValue] } : undefined,
    );
  }

  private enumValue(node: Node, values: readonly string[], path: JsonPath, memberName: string): void {
    const value = node.value as string;
    if (values.includes(value)) return;
    const names = suggest(value, values);
    this.sink.report(
      'ECS013',
      node,
      `\`${JSON.stringify(value)}\` is not a valid \`${memberName}\`; allowed: ${values.join(', ')}.${didYouMean(names)}`,
      names.length ? { fix: 'replaceValue', path, values: names } : undefined,
    );
  }
}

/** Checks `root` (an object node) against the structure `rootStructure` of the model. */
export function checkAgainstModel(
  json: ParsedJson,
  root: Node,
  rootStructure: string,
  sink: FindingSink,
  options: ModelCheckOptions = {},
): void {
  const structure = structureOf(rootStructure);
  if (!structure || root.type !== 'object') return;
  new ModelWalker(json, sink, options).structure(root, structure, []);
}

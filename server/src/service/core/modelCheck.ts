/**
 * A generic check of a JSON tree against a structure of the generated ECS model: value types
 * (ECS010), unknown keys with did-you-mean (ECS012), enum values with did-you-mean (ECS013) and
 * required members (ECS014) — the codes the task-definition schema rule uses, so a user's severity
 * override means the same for every kind of document. Any root structure works (service definitions
 * use `CreateServiceRequest` / `UpdateServiceRequest`).
 *
 * Task definitions, service definitions and any other JSON kind go through this one walker; what
 * differs between kinds is stated in `ModelCheckOptions` (how unset values read, what the top level
 * accepts beyond the model), never in a second walker.
 *
 * Templated values (Go templates, Jsonnet expressions, `${VAR}`) are unknown: never a type or enum
 * error. Quick-fix data (`DiagnosticData`) is attached as the task-definition rule does, so the same
 * fixes (rename key, replace value, remove property) apply.
 */
import { type Node, getNodePath } from 'jsonc-parser';
import type { DiagnosticData } from './diagnosticData';
import type { ParsedJson } from './parse';
import { didYouMean, suggestFrom } from './suggest';
import { type Target } from './diagnosticSink';
import { describeShape, structureOf } from './schema/model';
import type { Member, Shape, StructureShape } from './schema/types';
import type { JsonPath } from './properties';
import { hasSubstitution, overlapsTemplate } from './templates';

/** Receives findings (a `DiagnosticSink` fits). */
export interface FindingSink {
  report(code: string, target: Target, message: string, data?: DiagnosticData): void;
}

export interface ModelCheckOptions {
  /**
   * The object the top-level options below apply to; by default the checked root. Describe output is
   * checked from its root, but its top level is the task definition inside it.
   */
  readonly topLevel?: Node;
  /** Members whose absence is not reported at the top level (they may come from the command line). */
  readonly optionalAtRoot?: ReadonlySet<string>;
  /**
   * Called for a top-level key the model does not know, before it is reported as ECS012; returning
   * true means the caller handled it (e.g. a read-only field of describe output with its own rule).
   */
  readonly onUnknownRootKey?: (name: string, key: Node, value: Node | undefined) => boolean;
  /** A member accepted at the top level although its structure lacks it (register input in describe output). */
  readonly extraRootMember?: (name: string) => Member | undefined;
  /** True for a top-level value another rule checks instead of the model (e.g. numbers for `cpu`). */
  readonly skipRootValue?: (name: string, value: Node) => boolean;
  /**
   * Read unset values as the AWS CLI reads task-definition JSON input: `null` anywhere (also in arrays
   * and maps) and `""` for an enum mean "not set". Without it only a member's `null` is "not set".
   */
  readonly cliUnsetValues?: boolean;
  /** A required list may be left out: the file's producer omits empty lists (ecspresso's exports). */
  readonly emptyListsOmitted?: boolean;
  /**
   * Check templated values like any other; the caller then drops findings that overlap a template
   * span (task definitions do). Without it a templated value, and all below it, is unknown.
   */
  readonly checkTemplatedValues?: boolean;
  /**
   * Count every property of a union (repeated keys too) when reporting "takes exactly one of", and
   * read `"true"` / `"false"` untrimmed for the boolean quick fix — the task-definition checker's
   * historical reading, kept so its diagnostics stay identical.
   */
  readonly strictText?: boolean;
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

// Structures are looked up again and again on large documents: their member tables and the
// structures themselves are computed once.
/** A member of a structure, with its bit among the structure's required members (0 if optional). */
interface MemberEntry {
  readonly member: Member;
  readonly requiredBit: number;
}
interface MemberTable {
  /** Members by name (a Map is faster than own-property checks on the hot path). */
  readonly byName: ReadonlyMap<string, MemberEntry>;
  readonly required: readonly Member[];
  /** Every required bit: the walk compares what it saw against it instead of keeping a set of names. */
  readonly allRequired: number;
  readonly names: readonly string[];
  /** Did-you-mean among `names`, for unknown keys. */
  readonly suggest: (word: string) => string[];
}
const memberTables = new Map<string, MemberTable>();
/** Structures have far fewer than 31 required members; beyond that the walk falls back to a set. */
const MAX_REQUIRED_BITS = 30;
function membersOf(structure: StructureShape): MemberTable {
  let table = memberTables.get(structure.name);
  if (!table) {
    const members = Object.values(structure.members);
    const required = members.filter((m) => m.required);
    const bits = required.length <= MAX_REQUIRED_BITS;
    const byName = new Map<string, MemberEntry>();
    for (const member of members) {
      const index = required.indexOf(member);
      byName.set(member.name, { member, requiredBit: bits && index >= 0 ? 1 << index : 0 });
    }
    const names = Object.keys(structure.members);
    table = {
      byName,
      required,
      allRequired: bits ? (1 << required.length) - 1 : -1,
      names,
      suggest: suggestFrom(names),
    };
    memberTables.set(structure.name, table);
  }
  return table;
}

/** Did-you-mean among an enum's values (the model's lists, which never change), by list. */
const enumSuggesters = new WeakMap<readonly string[], (word: string) => string[]>();
function suggestValue(value: string, values: readonly string[]): string[] {
  let suggester = enumSuggesters.get(values);
  if (!suggester) {
    suggester = suggestFrom(values);
    enumSuggesters.set(values, suggester);
  }
  return suggester(value);
}

const structures = new Map<string, StructureShape | undefined>();
function structureNamed(name: string): StructureShape | undefined {
  if (!structures.has(name)) structures.set(name, structureOf(name));
  return structures.get(name);
}

/**
 * Walks the tree along the model. Hot path on large documents: properties are read from the nodes
 * and the JSON path of a finding (relative to the checked root) is computed only when one is reported.
 */
class ModelWalker {
  private readonly rootDepth: number;
  private readonly topLevel: Node;

  constructor(
    private readonly json: ParsedJson,
    private readonly sink: FindingSink,
    private readonly options: ModelCheckOptions,
    root: Node,
  ) {
    this.rootDepth = getNodePath(root).length;
    this.topLevel = options.topLevel ?? root;
  }

  private pathOf(node: Node, ...more: JsonPath): JsonPath {
    return [...getNodePath(node).slice(this.rootDepth), ...more];
  }

  value(node: Node, shape: Shape, memberName: string): void {
    // `null` is read as "not set" by the AWS CLI's JSON input and by export tools.
    if (this.options.cliUnsetValues && node.type === 'null') return;
    if (!this.options.checkTemplatedValues && isTemplated(this.json, node)) return;
    switch (shape.kind) {
      case 'any':
        return;
      case 'string':
      case 'number':
      case 'boolean':
        if (node.type !== shape.kind) this.wrongType(node, shape, memberName);
        return;
      case 'enum':
        if (node.type !== 'string') this.wrongType(node, shape, memberName);
        else this.enumValue(node, shape.values, memberName);
        return;
      case 'array':
        if (node.type !== 'array') return this.wrongType(node, shape, memberName);
        for (const item of node.children ?? []) this.value(item, shape.items, memberName);
        return;
      case 'map':
        if (node.type !== 'object') return this.wrongType(node, shape, memberName);
        // The values of what `propertiesOf` yields, read in place.
        for (const property of node.children ?? []) {
          const key = property.children?.[0];
          const value = property.children?.[1];
          if (key?.type === 'string' && typeof key.value === 'string' && value)
            this.value(value, shape.values, memberName);
        }
        return;
      case 'ref': {
        const structure = structureNamed(shape.name);
        if (!structure) return;
        if (node.type !== 'object') return this.wrongType(node, shape, memberName);
        this.structure(node, structure);
        return;
      }
    }
  }

  structure(node: Node, structure: StructureShape): void {
    const options = this.options;
    const atTop = node === this.topLevel;
    const table = membersOf(structure);
    // The names seen are only needed for required members and for a union's distinct-key count:
    // required members are tracked as bits, and a set is kept only where bits cannot tell.
    const union = structure.union === true;
    const seen = table.allRequired < 0 || (union && !options.strictText) ? new Set<string>() : undefined;
    let seenRequired = 0;
    for (const property of node.type === 'object' ? (node.children ?? []) : []) {
      // What `propertiesOf` yields, read in place (this runs on every object of every document).
      const key = property.children?.[0];
      if (key?.type !== 'string' || typeof key.value !== 'string') continue;
      const name = key.value;
      const value = property.children?.[1];
      seen?.add(name);
      const entry = table.byName.get(name);
      if (entry) seenRequired |= entry.requiredBit;
      const member = entry?.member ?? (atTop ? options.extraRootMember?.(name) : undefined);
      if (!member) {
        if (atTop && options.onUnknownRootKey?.(name, key, value)) continue;
        const names = table.suggest(name);
        const path = this.pathOf(node, name);
        this.sink.report(
          'ECS012',
          key,
          `Unknown property \`${name}\` in ${structure.name}: the API rejects unknown parameters.${didYouMean(names)}`,
          names.length ? { fix: 'renameKey', path, names } : { fix: 'removeProperty', path },
        );
        continue;
      }
      // `null` is how Jsonnet and some tools leave a member out.
      if (!value || value.type === 'null') continue;
      if (atTop && options.skipRootValue?.(name, value)) continue;
      this.value(value, member.shape, name);
    }
    if (seen || seenRequired !== table.allRequired) {
      for (const member of table.required) {
        if (
          seen
            ? seen.has(member.name)
            : (seenRequired & (table.byName.get(member.name)?.requiredBit ?? 0)) !== 0
        )
          continue;
        if (atTop && options.optionalAtRoot?.has(member.name)) continue;
        // ecspresso exports leave empty lists out (`"alarms": { "enable": false }`): absent means [].
        if (options.emptyListsOmitted && member.shape.kind === 'array') continue;
        this.sink.report(
          'ECS014',
          objectAnchor(node),
          `Missing required property \`${member.name}\` (${describeShape(member.shape)}) in ${structure.name}.`,
        );
      }
    }
    const found = options.strictText ? (node.children?.length ?? 0) : (seen?.size ?? 0);
    if (union && found > 1) {
      this.sink.report(
        'ECS014',
        objectAnchor(node),
        `${structure.name} takes exactly one of ${table.names.join(', ')}; found ${found}.`,
      );
    }
  }

  private wrongType(node: Node, shape: Shape, memberName: string): void {
    let fixValue: string | number | boolean | undefined;
    const text = String(node.value).trim();
    if (shape.kind === 'string' && (node.type === 'number' || node.type === 'boolean')) fixValue = text;
    if (shape.kind === 'number' && node.type === 'string' && /^-?\d+(\.\d+)?$/.test(text))
      fixValue = Number(text);
    const booleanText = this.options.strictText ? String(node.value) : text;
    if (shape.kind === 'boolean' && node.type === 'string' && /^(true|false)$/i.test(booleanText)) {
      fixValue = booleanText.toLowerCase() === 'true';
    }
    this.sink.report(
      'ECS010',
      node,
      `\`${memberName}\` must be ${article(describeShape(shape))}, not ${jsonTypeName(node)}.`,
      fixValue !== undefined
        ? { fix: 'replaceValue', path: this.pathOf(node), values: [fixValue] }
        : undefined,
    );
  }

  private enumValue(node: Node, values: readonly string[], memberName: string): void {
    const value = node.value as string;
    if (values.includes(value) || (this.options.cliUnsetValues && value === '')) return;
    const names = suggestValue(value, values);
    this.sink.report(
      'ECS013',
      node,
      `\`${JSON.stringify(value)}\` is not a valid \`${memberName}\`; allowed: ${values.join(', ')}.${didYouMean(names)}`,
      names.length ? { fix: 'replaceValue', path: this.pathOf(node), values: names } : undefined,
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
  const structure = structureNamed(rootStructure);
  if (!structure || root.type !== 'object') return;
  new ModelWalker(json, sink, options, root).structure(root, structure);
}

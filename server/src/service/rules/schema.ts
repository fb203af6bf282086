/**
 * Schema checks driven by the generated model: value types (ECS010), unknown keys with did-you-mean
 * (ECS012), enum values with did-you-mean (ECS013) and required members (ECS014). The AWS CLI and the
 * SDKs validate exactly these against the same model before a request leaves the machine.
 */
import type { Node } from 'jsonc-parser';
import {
  describeShape,
  structureOf,
  TASK_DEFINITION_DESCRIBE_ROOT,
  TASK_DEFINITION_ROOT,
} from '../schema/model';
import type { Shape, StructureShape } from '../schema/types';
import { type JsonPath, propertiesOf } from '../taskDefinition';
import { AWS_DOCS, type Rule, type RuleContext, didYouMean, suggest } from './rule';
import { READ_ONLY_FIELDS } from './readOnlyFields';

/** Task-level members checked by their own rule (numbers where strings are expected: ECS109). */
const TASK_STRING_NUMBERS = new Set(['cpu', 'memory']);

function jsonTypeName(node: Node): string {
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

/** Missing required members are reported on the key of the object's property, or its opening brace. */
function objectAnchor(node: Node): { offset: number; length: number } {
  const key = node.parent?.type === 'property' ? node.parent.children?.[0] : undefined;
  return key ? { offset: key.offset, length: key.length } : { offset: node.offset, length: 1 };
}

class SchemaWalker {
  constructor(
    private readonly ctx: RuleContext,
    private readonly taskPath: JsonPath,
  ) {}

  value(node: Node, shape: Shape, path: JsonPath, memberName: string): void {
    // `null` is read as "not set" by the AWS CLI's JSON input and by export tools; so is "" for enums.
    if (node.type === 'null') return;
    switch (shape.kind) {
      case 'any':
        return;
      case 'string':
        if (node.type !== 'string') this.wrongType(node, shape, path, memberName);
        return;
      case 'number':
        if (node.type !== 'number') this.wrongType(node, shape, path, memberName);
        return;
      case 'boolean':
        if (node.type !== 'boolean') this.wrongType(node, shape, path, memberName);
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
    const isTaskLevel = path.length === this.taskPath.length;
    const seen = new Set<string>();
    for (const p of propertiesOf(node)) {
      seen.add(p.name);
      const member = Object.prototype.hasOwnProperty.call(structure.members, p.name)
        ? structure.members[p.name]
        : undefined;
      if (!member) {
        // Read-only describe fields at the task level are rule ECS116's, with a better message.
        if (isTaskLevel && READ_ONLY_FIELDS.has(p.name)) continue;
        const names = suggest(p.name, Object.keys(structure.members));
        this.ctx.report(
          'ECS012',
          p.key,
          `Unknown property \`${p.name}\` in ${structure.name}: the API rejects unknown parameters.${didYouMean(names)}`,
          names.length
            ? { fix: 'renameKey', path: [...path, p.name], names }
            : { fix: 'removeProperty', path: [...path, p.name] },
        );
        continue;
      }
      if (!p.value) continue;
      if (isTaskLevel && TASK_STRING_NUMBERS.has(p.name) && p.value.type === 'number') continue;
      this.value(p.value, member.shape, [...path, p.name], p.name);
    }
    for (const member of Object.values(structure.members)) {
      if (member.required && !seen.has(member.name)) {
        this.ctx.report(
          'ECS014',
          objectAnchor(node),
          `Missing required property \`${member.name}\` (${describeShape(member.shape)}) in ${structure.name}.`,
        );
      }
    }
    if (structure.union && seen.size > 1) {
      this.ctx.report(
        'ECS014',
        objectAnchor(node),
        `${structure.name} takes exactly one of ${Object.keys(structure.members).join(', ')}; found ${seen.size}.`,
      );
    }
  }

  private wrongType(node: Node, shape: Shape, path: JsonPath, memberName: string): void {
    let fixValue: string | number | boolean | undefined;
    if (shape.kind === 'string' && (node.type === 'number' || node.type === 'boolean'))
      fixValue = String(node.value);
    if (
      shape.kind === 'number' &&
      node.type === 'string' &&
      /^-?\d+(\.\d+)?$/.test(String(node.value).trim())
    ) {
      fixValue = Number(String(node.value).trim());
    }
    if (shape.kind === 'boolean' && node.type === 'string' && /^(true|false)$/i.test(String(node.value))) {
      fixValue = String(node.value).toLowerCase() === 'true';
    }
    this.ctx.report(
      'ECS010',
      node,
      `\`${memberName}\` must be ${article(describeShape(shape))}, not ${jsonTypeName(node)}.`,
      fixValue !== undefined ? { fix: 'replaceValue', path, values: [fixValue] } : undefined,
    );
  }

  private enumValue(node: Node, values: readonly string[], path: JsonPath, memberName: string): void {
    const value = node.value as string;
    if (values.includes(value) || value === '') return;
    const names = suggest(value, values);
    this.ctx.report(
      'ECS013',
      node,
      `\`${JSON.stringify(value)}\` is not a valid \`${memberName}\`; allowed: ${values.join(', ')}.${didYouMean(names)}`,
      names.length ? { fix: 'replaceValue', path, values: names } : undefined,
    );
  }
}

function article(description: string): string {
  if (description.startsWith('one of') || description.startsWith('any')) return description;
  return /^[aeiou]/i.test(description) ? `an ${description}` : `a ${description}`;
}

export const schemaRule: Rule = {
  meta: [
    {
      code: 'ECS010',
      title: 'Value has the wrong type for the API model',
      severity: 'error',
      awsDocs: AWS_DOCS.register,
    },
    { code: 'ECS012', title: 'Unknown property', severity: 'error', awsDocs: AWS_DOCS.register },
    {
      code: 'ECS013',
      title: 'Value is not one of the allowed values',
      severity: 'error',
      awsDocs: AWS_DOCS.register,
    },
    { code: 'ECS014', title: 'Required property is missing', severity: 'error', awsDocs: AWS_DOCS.register },
  ],
  check(ctx) {
    const { td } = ctx;
    const walker = new SchemaWalker(ctx, td.path);
    if (td.isDescribeOutput) {
      const root = structureOf(TASK_DEFINITION_DESCRIBE_ROOT);
      if (root) walker.structure(td.rootNode, root, []);
    } else {
      const root = structureOf(TASK_DEFINITION_ROOT);
      if (root) walker.structure(td.node, root, []);
    }
  },
};

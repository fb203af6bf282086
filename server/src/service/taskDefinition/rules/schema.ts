/**
 * Schema checks driven by the generated model: value types (ECS010), unknown keys with did-you-mean
 * (ECS012), enum values with did-you-mean (ECS013) and required members (ECS014). The AWS CLI and the
 * SDKs validate exactly these against the same model before a request leaves the machine.
 */
import { type Node, getNodePath } from 'jsonc-parser';
import {
  describeShape,
  structureOf,
  TASK_DEFINITION_DESCRIBE_ROOT,
  TASK_DEFINITION_ROOT,
} from '../../core/schema/model';
import type { Member, Shape, StructureShape } from '../../core/schema/types';
import { AWS_DOCS, type Rule, type RuleContext } from './rule';
import { didYouMean, suggest } from '../../core/suggest';
import { READ_ONLY_FIELDS } from './readOnlyFields';
import { jsonTypeName } from '../../core/modelCheck';

/** Task-level members checked by their own rule (numbers where strings are expected: ECS109). */
const TASK_STRING_NUMBERS = new Set(['cpu', 'memory']);

/** Missing required members are reported on the key of the object's property, or its opening brace. */
function objectAnchor(node: Node): { offset: number; length: number } {
  const key = node.parent?.type === 'property' ? node.parent.children?.[0] : undefined;
  return key ? { offset: key.offset, length: key.length } : { offset: node.offset, length: 1 };
}

/** Required member names per structure, computed once. */
const requiredCache = new Map<string, readonly string[]>();
function requiredOf(structure: StructureShape): readonly string[] {
  let names = requiredCache.get(structure.name);
  if (!names) {
    names = Object.values(structure.members)
      .filter((m) => m.required)
      .map((m) => m.name);
    requiredCache.set(structure.name, names);
  }
  return names;
}

const memberMaps = new Map<string, ReadonlyMap<string, Member>>();
/** A structure's members as a Map (faster than own-property checks on the hot path). */
function membersOf(structure: StructureShape): ReadonlyMap<string, Member> {
  let map = memberMaps.get(structure.name);
  if (!map) {
    map = new Map(Object.values(structure.members).map((m) => [m.name, m]));
    memberMaps.set(structure.name, map);
  }
  return map;
}

/** Members of register input, accepted at the task level of describe output too. */
function registerMembers(): ReadonlyMap<string, Member> {
  const register = structureNamed(TASK_DEFINITION_ROOT);
  return register ? membersOf(register) : new Map();
}

const structures = new Map<string, StructureShape | undefined>();
function structureNamed(name: string): StructureShape | undefined {
  if (!structures.has(name)) structures.set(name, structureOf(name));
  return structures.get(name);
}

/**
 * Walks the tree along the model. Hot path on large documents: properties are read from the nodes
 * directly and the JSON path of a finding is computed only when one is reported.
 */
class SchemaWalker {
  constructor(
    private readonly ctx: RuleContext,
    private readonly taskNode: Node,
  ) {}

  value(node: Node, shape: Shape, memberName: string): void {
    // `null` is read as "not set" by the AWS CLI's JSON input and by export tools; so is "" for enums.
    if (node.type === 'null') return;
    switch (shape.kind) {
      case 'any':
        return;
      case 'string':
        if (node.type !== 'string') this.wrongType(node, shape, memberName);
        return;
      case 'number':
        if (node.type !== 'number') this.wrongType(node, shape, memberName);
        return;
      case 'boolean':
        if (node.type !== 'boolean') this.wrongType(node, shape, memberName);
        return;
      case 'enum':
        if (node.type !== 'string') this.wrongType(node, shape, memberName);
        else this.enumValue(node, shape.values, memberName);
        return;
      case 'array': {
        if (node.type !== 'array') return this.wrongType(node, shape, memberName);
        const items = node.children ?? [];
        const item = shape.items;
        for (const child of items) this.value(child, item, memberName);
        return;
      }
      case 'map':
        if (node.type !== 'object') return this.wrongType(node, shape, memberName);
        for (const property of node.children ?? []) {
          const value = property.children?.[1];
          if (value) this.value(value, shape.values, memberName);
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
    const isTaskLevel = node === this.taskNode;
    const members = structure.members;
    const memberMap = membersOf(structure);
    const properties = node.children ?? [];
    for (const property of properties) {
      const key = property.children?.[0];
      if (key?.type !== 'string') continue;
      const name = key.value as string;
      // Register members (`tags`) inside describe output are fine: that object is register input.
      const member = memberMap.get(name) ?? (isTaskLevel ? registerMembers().get(name) : undefined);
      if (!member) {
        // Read-only describe fields at the task level are rule ECS116's, with a better message.
        if (isTaskLevel && READ_ONLY_FIELDS.has(name)) continue;
        const names = suggest(name, Object.keys(members));
        const path = [...getNodePath(node), name];
        this.ctx.report(
          'ECS012',
          key,
          `Unknown property \`${name}\` in ${structure.name}: the API rejects unknown parameters.${didYouMean(names)}`,
          names.length ? { fix: 'renameKey', path, names } : { fix: 'removeProperty', path },
        );
        continue;
      }
      const value = property.children?.[1];
      if (!value) continue;
      if (isTaskLevel && TASK_STRING_NUMBERS.has(name) && value.type === 'number') continue;
      this.value(value, member.shape, name);
    }
    for (const name of requiredOf(structure)) {
      if (!properties.some((p) => p.children?.[0]?.value === name)) {
        const member = members[name];
        this.ctx.report(
          'ECS014',
          objectAnchor(node),
          `Missing required property \`${name}\`${member ? ` (${describeShape(member.shape)})` : ''} in ${structure.name}.`,
        );
      }
    }
    if (structure.union && properties.length > 1) {
      this.ctx.report(
        'ECS014',
        objectAnchor(node),
        `${structure.name} takes exactly one of ${Object.keys(members).join(', ')}; found ${properties.length}.`,
      );
    }
  }

  private wrongType(node: Node, shape: Shape, memberName: string): void {
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
      fixValue !== undefined
        ? { fix: 'replaceValue', path: getNodePath(node), values: [fixValue] }
        : undefined,
    );
  }

  private enumValue(node: Node, values: readonly string[], memberName: string): void {
    const value = node.value as string;
    if (values.includes(value) || value === '') return;
    const names = suggest(value, values);
    this.ctx.report(
      'ECS013',
      node,
      `\`${JSON.stringify(value)}\` is not a valid \`${memberName}\`; allowed: ${values.join(', ')}.${didYouMean(names)}`,
      names.length ? { fix: 'replaceValue', path: getNodePath(node), values: names } : undefined,
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
    const walker = new SchemaWalker(ctx, td.node);
    if (td.isDescribeOutput) {
      const root = structureOf(TASK_DEFINITION_DESCRIBE_ROOT);
      if (root) walker.structure(td.rootNode, root);
    } else {
      const root = structureOf(TASK_DEFINITION_ROOT);
      if (root) walker.structure(td.node, root);
    }
  },
};

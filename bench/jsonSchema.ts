/**
 * Exports the generated ECS model as a JSON Schema (draft-07), so that the baseline of the benchmarks
 * (vscode-json-languageservice) works from exactly the same members, types, enums and docs.
 */
import type { Model, Shape } from '../server/src/service/core/schema/types';

type JsonSchema = Record<string, unknown>;

function shapeSchema(shape: Shape): JsonSchema {
  switch (shape.kind) {
    case 'string':
      return { type: 'string' };
    case 'number':
      return { type: shape.integer ? 'integer' : 'number' };
    case 'boolean':
      return { type: 'boolean' };
    case 'any':
      return {};
    case 'enum':
      return { type: 'string', enum: [...shape.values] };
    case 'array':
      return { type: 'array', items: shapeSchema(shape.items) };
    case 'map':
      return { type: 'object', additionalProperties: shapeSchema(shape.values) };
    case 'ref':
      return { $ref: `#/definitions/${shape.name}` };
  }
}

/** A JSON Schema whose root is `root` (register-task-definition input by default). */
export function taskDefinitionJsonSchema(model: Model, root = 'RegisterTaskDefinitionRequest'): JsonSchema {
  const definitions: Record<string, JsonSchema> = {};
  for (const structure of Object.values(model.structures)) {
    const properties: Record<string, JsonSchema> = {};
    const required: string[] = [];
    for (const member of Object.values(structure.members)) {
      properties[member.name] = { ...shapeSchema(member.shape), markdownDescription: member.doc };
      if (member.required) required.push(member.name);
    }
    definitions[structure.name] = {
      type: 'object',
      markdownDescription: structure.doc,
      properties,
      ...(required.length > 0 ? { required } : {}),
      additionalProperties: false,
    };
  }
  return { $schema: 'http://json-schema.org/draft-07/schema#', $ref: `#/definitions/${root}`, definitions };
}

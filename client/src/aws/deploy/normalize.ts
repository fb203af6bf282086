/**
 * Task definition documents as files hold them, turned into what RegisterTaskDefinition accepts
 * and into a canonical form for diffs.
 *
 * A file may hold register input (`{ family, containerDefinitions, ... }`) or the output of
 * `describe-task-definition` (`{ taskDefinition: { ... }, tags: [...] }`), whose read-only fields
 * register rejects. ECS also fills in defaults on describe (`essential: true`, `cpu: 0`, empty
 * arrays, `protocol: "tcp"`...), so a file and the revision it produced only compare equal once
 * both are normalised. Everything here is pure.
 */
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { READ_ONLY_TASK_DEFINITION_FIELDS } from '../../../../server/src/service/taskDefinition/readOnlyFieldNames';

/** A JSON object as parsed from a file or returned by the API. */
export type JsonObject = Record<string, unknown>;

/** Fields of a described task definition that RegisterTaskDefinition rejects (one list with the linter's). */
export { READ_ONLY_TASK_DEFINITION_FIELDS };

/** The result of reading a task definition document. */
export type ParsedTaskDefinition =
  | { ok: true; input: JsonObject; shape: 'register-input' | 'describe-output' }
  | { ok: false; message: string };

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads a task definition file's text (JSON with comments allowed) into register input:
 * unwraps describe output, keeps its tags, strips read-only fields.
 */
export function parseTaskDefinitionText(text: string): ParsedTaskDefinition {
  const errors: ParseError[] = [];
  const value: unknown = parseJsonc(text, errors, { allowTrailingComma: true, disallowComments: false });
  const first = errors[0];
  if (first) {
    return {
      ok: false,
      message: `The file is not valid JSON: ${printParseErrorCode(first.error)} at offset ${first.offset}.`,
    };
  }
  return toRegisterInput(value);
}

/** Turns a parsed document (register input or describe output) into register input. */
export function toRegisterInput(value: unknown): ParsedTaskDefinition {
  if (!isJsonObject(value)) return { ok: false, message: 'A task definition must be a JSON object.' };
  let body: JsonObject = value;
  let shape: 'register-input' | 'describe-output' = 'register-input';
  if (isJsonObject(value.taskDefinition) && !('containerDefinitions' in value)) {
    body = { ...value.taskDefinition };
    shape = 'describe-output';
    if (Array.isArray(value.tags) && value.tags.length > 0 && !('tags' in body)) body.tags = value.tags;
  }
  if (typeof body.family !== 'string' || body.family === '') {
    return { ok: false, message: 'The task definition has no "family".' };
  }
  if (!Array.isArray(body.containerDefinitions) || body.containerDefinitions.length === 0) {
    return { ok: false, message: 'The task definition has no "containerDefinitions".' };
  }
  return { ok: true, input: stripReadOnly(body), shape };
}

/** A shallow copy without the fields register rejects. */
export function stripReadOnly(taskDefinition: JsonObject): JsonObject {
  const copy: JsonObject = {};
  for (const [key, value] of Object.entries(taskDefinition)) {
    if (!READ_ONLY_TASK_DEFINITION_FIELDS.includes(key) && value !== undefined) copy[key] = value;
  }
  return copy;
}

/**
 * The canonical form used to compare a file with a revision: read-only fields and tags removed,
 * ECS's defaults removed, task cpu/memory as strings, environment/secrets sorted by name, and
 * every object's keys sorted. Array order is otherwise kept (it matters for containers' commands).
 */
export function normalizeForDiff(taskDefinition: JsonObject): JsonObject {
  const body = stripReadOnly(taskDefinition);
  delete body.tags;
  const networkMode = typeof body.networkMode === 'string' ? body.networkMode : 'bridge';
  if (body.networkMode === 'bridge') delete body.networkMode;
  for (const key of ['cpu', 'memory']) {
    if (typeof body[key] === 'number') body[key] = String(body[key]);
  }
  const containers: unknown = body.containerDefinitions;
  if (Array.isArray(containers)) {
    body.containerDefinitions = (containers as unknown[]).map((c) =>
      isJsonObject(c) ? normalizeContainer(c, networkMode) : c,
    );
  }
  return canonical(body) as JsonObject;
}

function normalizeContainer(container: JsonObject, networkMode: string): JsonObject {
  const c: JsonObject = { ...container };
  if (c.essential === true) delete c.essential;
  if (c.cpu === 0) delete c.cpu;
  for (const key of ['environment', 'secrets']) {
    const list: unknown = c[key];
    if (Array.isArray(list)) c[key] = [...(list as unknown[])].sort(byName);
  }
  const ports: unknown = c.portMappings;
  if (Array.isArray(ports)) {
    c.portMappings = (ports as unknown[]).map((p) => {
      if (!isJsonObject(p)) return p;
      const port: JsonObject = { ...p };
      if (port.protocol === 'tcp') delete port.protocol;
      if ((networkMode === 'awsvpc' || networkMode === 'host') && port.hostPort === port.containerPort) {
        delete port.hostPort;
      }
      return port;
    });
  }
  return c;
}

function byName(a: unknown, b: unknown): number {
  const an = isJsonObject(a) && typeof a.name === 'string' ? a.name : '';
  const bn = isJsonObject(b) && typeof b.name === 'string' ? b.name : '';
  return an < bn ? -1 : an > bn ? 1 : 0;
}

/** Sorts keys recursively and drops empty arrays, empty objects and nulls (ECS's "not set"). */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (!isJsonObject(value)) return value;
  const out: JsonObject = {};
  for (const key of Object.keys(value).sort()) {
    const v = canonical(value[key]);
    if (v === undefined || v === null) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    if (isJsonObject(v) && Object.keys(v).length === 0) continue;
    out[key] = v;
  }
  return out;
}

/** Normalised JSON text for the diff editor (2-space indentation, trailing newline). */
export function normalizedText(taskDefinition: JsonObject): string {
  return `${JSON.stringify(normalizeForDiff(taskDefinition), null, 2)}\n`;
}

/** True when two task definitions are the same once normalised. */
export function sameTaskDefinition(a: JsonObject, b: JsonObject): boolean {
  return JSON.stringify(normalizeForDiff(a)) === JSON.stringify(normalizeForDiff(b));
}

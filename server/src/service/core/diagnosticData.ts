/**
 * Machine-readable data that validation attaches to a diagnostic (`Diagnostic.data`) so quick fixes
 * need not re-run the rule. Every variant carries `path`, the JSON path of the node the diagnostic's
 * range covers (a key for `renameKey`/`removeProperty`, a value for `replaceValue`, an object for
 * `addProperties`), so a fix can find the node again with `findNodeAtLocation` on the current tree.
 *
 * Variants (the first value of a list is the preferred fix):
 * - `replaceValue`: replace the value at `path` with `JSON.stringify(values[i])` — did-you-mean enum
 *   values, nearest valid Fargate memory/cpu, cpu/memory numbers quoted, hostPort → containerPort.
 * - `renameKey`: rename the key at `path` to `names[i]` — did-you-mean for unknown keys.
 * - `removeProperty`: delete the property at `path` (key, value and its comma) — describe-output
 *   read-only fields, properties not allowed in the task's mode.
 * - `removeNulls`: delete every `"key": null` member of the document (ECS004), commas included.
 * - `addProperties`: add the members of `properties` to the object at `path` (when `path` does not
 *   exist, create it with them). A `null` value means the fix must supply it (for `awslogs-region`:
 *   the user's Region, else a placeholder to edit).
 */
import type { JsonPath } from './properties';

export type JsonScalar = string | number | boolean;

export interface ReplaceValueData {
  readonly fix: 'replaceValue';
  readonly path: JsonPath;
  readonly values: readonly JsonScalar[];
}

export interface RenameKeyData {
  readonly fix: 'renameKey';
  readonly path: JsonPath;
  readonly names: readonly string[];
}

export interface RemovePropertyData {
  readonly fix: 'removeProperty';
  readonly path: JsonPath;
}

export interface AddPropertiesData {
  readonly fix: 'addProperties';
  readonly path: JsonPath;
  readonly properties: Readonly<Record<string, JsonScalar | null>>;
}

/** Remove every `"key": null` member of the document (ECS004); `path` is the one flagged. */
export interface RemoveNullsData {
  readonly fix: 'removeNulls';
  readonly path: JsonPath;
}

/** `Diagnostic.data` of ECS diagnostics that have a quick fix. */
export type DiagnosticData =
  ReplaceValueData | RenameKeyData | RemovePropertyData | AddPropertiesData | RemoveNullsData;

/** Narrows an unknown `Diagnostic.data` (it travels through JSON-RPC) to a `DiagnosticData`. */
export function asDiagnosticData(data: unknown): DiagnosticData | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const d = data as { fix?: unknown; path?: unknown };
  if (!Array.isArray(d.path)) return undefined;
  switch (d.fix) {
    case 'replaceValue':
      return Array.isArray((data as { values?: unknown }).values) ? (data as ReplaceValueData) : undefined;
    case 'renameKey':
      return Array.isArray((data as { names?: unknown }).names) ? (data as RenameKeyData) : undefined;
    case 'removeProperty':
      return data as RemovePropertyData;
    case 'removeNulls':
      return data as RemoveNullsData;
    case 'addProperties': {
      const props = (data as { properties?: unknown }).properties;
      return typeof props === 'object' && props !== null ? (data as AddPropertiesData) : undefined;
    }
    default:
      return undefined;
  }
}

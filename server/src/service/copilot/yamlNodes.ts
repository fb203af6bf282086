/**
 * Small helpers over the `yaml` package's document model for manifests: pairs by key, values at a
 * path, ranges, and whether a value is templated (`${VAR}`, Go templates) and therefore unknown.
 */
import { type Node as YamlNode, type Pair, type YAMLMap, isAlias, isMap, isScalar, isSeq } from 'yaml';
import type { ParsedYaml } from '../core/parseYaml';
import { hasSubstitution, overlapsTemplate } from '../core/templates';

export type { YamlNode };

/** `[start, end)` of a node's value (without trailing comments), or `undefined` for a synthetic node. */
export function spanOf(node: YamlNode | null | undefined): { offset: number; length: number } | undefined {
  const r = node?.range;
  if (!r) return undefined;
  return { offset: r[0], length: Math.max(0, r[1] - r[0]) };
}

/** The key text of a pair when it is a scalar. */
export function keyText(pair: Pair): string | undefined {
  const k = pair.key;
  if (!isScalar(k)) return undefined;
  const v = k.value;
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
  return undefined;
}

/** The pairs of a map node (empty for anything else). */
export function pairsOf(node: unknown): readonly Pair[] {
  return isMap(node) ? node.items : [];
}

/** The last pair of `map` with key `key` (the one yaml.v3 keeps). */
export function pairOf(node: unknown, key: string): Pair | undefined {
  let found: Pair | undefined;
  for (const p of pairsOf(node)) if (keyText(p) === key) found = p;
  return found;
}

/** The value node of `key` in a map node. */
export function valueAt(node: unknown, ...path: string[]): YamlNode | undefined {
  let current: unknown = node;
  for (const key of path) {
    const pair = pairOf(current, key);
    if (!pair) return undefined;
    current = pair.value;
  }
  return (current ?? undefined) as YamlNode | undefined;
}

/** The items of a sequence node. */
export function seqItems(node: unknown): readonly YamlNode[] {
  return isSeq(node) ? (node.items as YamlNode[]) : [];
}

/** The scalar value of a node (`undefined` for maps, sequences, aliases and missing nodes). */
export function scalarValue(node: unknown): string | number | boolean | null | undefined {
  if (!isScalar(node)) return undefined;
  const v = node.value;
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  // Big integers and dates (YAML 1.1 timestamps) read as their source text.
  return typeof node.source === 'string' ? node.source : undefined;
}

/** True when the node's value is unknown until Copilot (or a template) renders it. */
export function isTemplatedYaml(parsed: ParsedYaml, node: unknown): boolean {
  if (isAlias(node)) return true;
  if (!node || typeof node !== 'object') return false;
  const span = spanOf(node as YamlNode);
  if (span && overlapsTemplate(parsed.templateSpans, span.offset, Math.max(1, span.length))) return true;
  const v = scalarValue(node);
  return typeof v === 'string' && hasSubstitution(v);
}

/** A number in a scalar (`256`), or `undefined`. Templated values read as unknown. */
export function numberValue(parsed: ParsedYaml, node: unknown): number | undefined {
  if (isTemplatedYaml(parsed, node)) return undefined;
  const v = scalarValue(node);
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** A string in a scalar, or `undefined`. Templated values read as unknown. */
export function stringValue(parsed: ParsedYaml, node: unknown): string | undefined {
  if (isTemplatedYaml(parsed, node)) return undefined;
  const v = scalarValue(node);
  return typeof v === 'string' ? v : undefined;
}

/** The root map of a manifest. */
export function rootMap(parsed: ParsedYaml): YAMLMap | undefined {
  const root = parsed.document.contents;
  return isMap(root) ? root : undefined;
}

/**
 * Duplicate mapping keys, found in one pass. The `yaml` package's own check (`uniqueKeys: true`)
 * compares each key with every earlier key of its map, so a manifest with a 50,000-entry map took
 * minutes to parse (1 MB: 108 s) and stalled the server; this finds the same duplicates with a set
 * per map and reports them as the package does: "Map keys must be unique" at the repeated key.
 */
import { type Document, isMap, isPair, isScalar, isSeq } from 'yaml';
import type { JsonSyntaxError } from './parse';

/** The repeated keys of every map in `document` (scalar keys with equal values, as `yaml` compares). */
export function duplicateKeyErrors(document: Document.Parsed): JsonSyntaxError[] {
  const errors: JsonSyntaxError[] = [];
  // An explicit stack: the tree may be as deep as the nesting limit allows.
  const stack: unknown[] = [document.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        const key = pair.key;
        if (isScalar(key) && key.range) {
          const value = key.value;
          // `yaml` compares with ===: NaN never repeats, 1 and '1' differ.
          if (!(typeof value === 'number' && Number.isNaN(value))) {
            const id = `${typeof value}:${String(value)}`;
            if (seen.has(id))
              errors.push({ message: 'Map keys must be unique', offset: key.range[0], length: 1 });
            else seen.add(id);
          }
        }
        stack.push(pair.value, key);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(isPair(item) ? item.value : item);
    }
  }
  return errors;
}

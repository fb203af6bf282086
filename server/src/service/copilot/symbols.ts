/**
 * The outline of a Copilot manifest: its fields as a tree (three levels deep), list items named by
 * their `name`, `source` or `port` when they have one.
 */
import { isMap, isScalar, isSeq } from 'yaml';
import { type DocumentSymbol, SymbolKind } from 'vscode-languageserver-types';
import type { CopilotManifestDocument } from '../core/ecsDocument';
import { keyText, rootMap, scalarValue, valueAt } from './yamlNodes';

const MAX_DEPTH = 3;

function rangeOf(doc: CopilotManifestDocument, start: number, end: number): DocumentSymbol['range'] {
  return {
    start: doc.textDocument.positionAt(start),
    end: doc.textDocument.positionAt(Math.max(start, end)),
  };
}

function children(doc: CopilotManifestDocument, node: unknown, depth: number): DocumentSymbol[] {
  if (depth >= MAX_DEPTH) return [];
  if (isMap(node)) {
    return node.items.flatMap((pair) => {
      const name = keyText(pair);
      const keyRange = (pair.key as { range?: [number, number, number] } | null)?.range;
      if (name === undefined || !keyRange) return [];
      const valueRange = (pair.value as { range?: [number, number, number] } | null)?.range;
      const end = valueRange?.[1] ?? keyRange[1];
      const value = scalarValue(pair.value);
      const symbol: DocumentSymbol = {
        name,
        kind: isMap(pair.value)
          ? SymbolKind.Module
          : isSeq(pair.value)
            ? SymbolKind.Array
            : SymbolKind.Property,
        range: rangeOf(doc, keyRange[0], end),
        selectionRange: rangeOf(doc, keyRange[0], keyRange[1]),
        children: children(doc, pair.value, depth + 1),
      };
      if (value !== undefined && value !== null) symbol.detail = String(value);
      return [symbol];
    });
  }
  if (isSeq(node)) {
    return node.items.flatMap((item, i) => {
      const r = (item as { range?: [number, number, number] } | null)?.range;
      if (!r) return [];
      const label = ['name', 'source', 'port', 'path']
        .map((k) => scalarValue(valueAt(item, k)))
        .find((v) => v != null);
      const scalar = isScalar(item) ? scalarValue(item) : undefined;
      return [
        {
          name: String(label ?? scalar ?? `item ${i + 1}`),
          kind: SymbolKind.Object,
          range: rangeOf(doc, r[0], r[1]),
          selectionRange: rangeOf(doc, r[0], r[1]),
          children: children(doc, item, depth + 1),
        },
      ];
    });
  }
  return [];
}

/** The outline of a manifest (empty when it is not a map). */
export function copilotSymbols(doc: CopilotManifestDocument): DocumentSymbol[] {
  return children(doc, rootMap(doc.yaml), 0);
}

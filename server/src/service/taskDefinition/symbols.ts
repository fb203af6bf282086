/**
 * The outline of a task definition: task-level fields, containers (named by their `name`, with
 * their ports, mounts and other fields) and volumes, as a hierarchy of LSP document symbols.
 */
import type { Node } from 'jsonc-parser';
import { type DocumentSymbol, SymbolKind } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { EcsDocument } from '../core/ecsDocument';
import { keyNode, nodeRange, propertyValue, stringProperty, taskRoot } from '../core/jsonNodes';

/** How the items of well-known arrays are named and whether their fields are listed below them. */
interface ItemNaming {
  readonly kind: SymbolKind;
  readonly label: (item: Node, index: number) => string;
  /** Leaf entries show their content in the label and have no children. */
  readonly leaf: boolean;
}

function scalar(node: Node | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'string' || node.type === 'number' || node.type === 'boolean') return String(node.value);
  return undefined;
}

/** Labels an item by its string `property`, or by `noun` and its position when it has none. */
function byProperty(property: string, noun: string): ItemNaming['label'] {
  return (item, i) => stringProperty(item, property) ?? `${noun} ${i + 1}`;
}

function portLabel(item: Node, index: number): string {
  const container = scalar(propertyValue(item, 'containerPort'));
  const range = scalar(propertyValue(item, 'containerPortRange'));
  const host = scalar(propertyValue(item, 'hostPort'));
  const protocol = scalar(propertyValue(item, 'protocol')) ?? 'tcp';
  const name = scalar(propertyValue(item, 'name'));
  const port = container ?? range;
  if (port === undefined) return `port ${index + 1}`;
  const mapping = host !== undefined && host !== container ? `${host}→${port}` : port;
  return `${mapping}/${protocol}${name ? ` (${name})` : ''}`;
}

const itemNaming: Readonly<Record<string, ItemNaming>> = {
  containerDefinitions: { kind: SymbolKind.Class, label: byProperty('name', 'container'), leaf: false },
  volumes: { kind: SymbolKind.Struct, label: byProperty('name', 'volume'), leaf: false },
  portMappings: { kind: SymbolKind.Interface, label: portLabel, leaf: true },
  mountPoints: {
    kind: SymbolKind.File,
    label: (item, i) => {
      const source = stringProperty(item, 'sourceVolume') ?? `mount ${i + 1}`;
      const path = stringProperty(item, 'containerPath');
      return path ? `${source} → ${path}` : source;
    },
    leaf: true,
  },
  dependsOn: {
    kind: SymbolKind.Event,
    label: (item, i) => {
      const name = stringProperty(item, 'containerName') ?? `dependency ${i + 1}`;
      const condition = stringProperty(item, 'condition');
      return condition ? `${name} (${condition})` : name;
    },
    leaf: true,
  },
  environment: { kind: SymbolKind.Variable, label: byProperty('name', 'variable'), leaf: true },
  secrets: { kind: SymbolKind.Key, label: byProperty('name', 'secret'), leaf: true },
  volumesFrom: { kind: SymbolKind.File, label: byProperty('sourceContainer', 'volumesFrom'), leaf: true },
};

/** The symbol kind of a field by its value's type; strings (and anything else) are strings. */
const KIND_OF_VALUE: Partial<Record<Node['type'], SymbolKind>> = {
  object: SymbolKind.Module,
  array: SymbolKind.Array,
  number: SymbolKind.Number,
  boolean: SymbolKind.Boolean,
  null: SymbolKind.Null,
};

function kindOfValue(node: Node | undefined): SymbolKind {
  return (node && KIND_OF_VALUE[node.type]) ?? SymbolKind.String;
}

/** Symbols are capped so a pathological document cannot make the outline itself slow. */
const MAX_SYMBOLS = 20_000;
/** Deeper values are not outlined: no task definition nests this deep, and recursion stays bounded. */
const MAX_DEPTH = 32;

class OutlineBuilder {
  private count = 0;
  constructor(private readonly document: TextDocument) {}

  objectChildren(object: Node | undefined, depth = 0): DocumentSymbol[] {
    const out: DocumentSymbol[] = [];
    for (const property of object?.type === 'object' ? (object.children ?? []) : []) {
      const symbol = this.property(property, depth);
      if (symbol) out.push(symbol);
    }
    return out;
  }

  private property(property: Node, depth: number): DocumentSymbol | undefined {
    const key = keyNode(property);
    if (typeof key?.value !== 'string' || this.count++ > MAX_SYMBOLS) return undefined;
    const value = property.children?.[1];
    const name = key.value || '""';
    const children = this.valueChildren(key.value, value, depth + 1);
    const detail =
      scalar(value) ?? (value?.type === 'array' ? plural(value.children?.length ?? 0, 'item') : undefined);
    return {
      name,
      ...(detail !== undefined ? { detail } : {}),
      kind:
        key.value === 'containerDefinitions' || key.value === 'volumes'
          ? SymbolKind.Array
          : kindOfValue(value),
      range: nodeRange(this.document, property),
      selectionRange: nodeRange(this.document, key),
      ...(children.length > 0 ? { children } : {}),
    };
  }

  private valueChildren(key: string, value: Node | undefined, depth: number): DocumentSymbol[] {
    if (depth > MAX_DEPTH) return [];
    if (value?.type === 'object') return this.objectChildren(value, depth);
    if (value?.type !== 'array') return [];
    const naming = itemNaming[key];
    const out: DocumentSymbol[] = [];
    (value.children ?? []).forEach((item, index) => {
      if (this.count++ > MAX_SYMBOLS) return;
      if (item.type !== 'object' && item.type !== 'array') {
        out.push({
          name: scalar(item) ?? `[${index}]`,
          kind: kindOfValue(item),
          range: nodeRange(this.document, item),
          selectionRange: nodeRange(this.document, item),
        });
        return;
      }
      const children = naming?.leaf ? [] : this.valueChildren('', item, depth + 1);
      const detail = key === 'containerDefinitions' ? stringProperty(item, 'image') : undefined;
      out.push({
        name: naming ? naming.label(item, index) || `[${index}]` : `[${index}]`,
        ...(detail !== undefined ? { detail } : {}),
        kind: naming?.kind ?? kindOfValue(item),
        range: nodeRange(this.document, item),
        selectionRange: this.selectionOf(item),
        ...(children.length > 0 ? { children } : {}),
      });
    });
    return out;
  }

  /** A container or volume is selected by its name value, so the outline jumps to the name. */
  private selectionOf(item: Node): DocumentSymbol['selectionRange'] {
    const name = propertyValue(item, 'name') ?? propertyValue(item, 'containerPort');
    return nodeRange(this.document, name ?? item);
  }
}

/** Hierarchical document symbols of a task definition (empty for documents that are not ECS). */
export function documentSymbols(doc: EcsDocument): DocumentSymbol[] {
  const root = taskRoot(doc.json.root);
  if (doc.kind !== 'taskDefinition' || !root) return [];
  return new OutlineBuilder(doc.textDocument).objectChildren(doc.json.root);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

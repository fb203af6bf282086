/** The node type the JSON parsers (`fastJson.ts`, `recoveringJson.ts`) fill in while they build a tree. */
import type { Node } from 'jsonc-parser';

/** jsonc-parser's `Node` with writable fields, while it is being built. */
export interface BuildingNode {
  type: Node['type'];
  value?: unknown;
  offset: number;
  length: number;
  colonOffset?: number;
  parent?: BuildingNode;
  children?: BuildingNode[];
}

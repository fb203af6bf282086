/**
 * Values that mean "absent". The ECS API (and the AWS CLI's JSON input, ecspresso and Terraform)
 * reads `null` as "not set"; a boolean feature set to `false` is off; `""`, `[]` and `{}` configure
 * nothing. A rule that forbids a feature (`privileged` on Fargate, `links` outside bridge mode) must
 * judge what the value does, not whether the key is written: use `presentValue` / `isAbsentValue`.
 */
import type { Node } from 'jsonc-parser';
import { type PropertyRef, propertyOf } from './properties';

/** True when a value configures nothing: null, false, "", [] or {} (a missing node too). */
export function isAbsentValue(node: Node | undefined): boolean {
  if (!node) return true;
  switch (node.type) {
    case 'null':
      return true;
    case 'boolean':
      return node.value === false;
    case 'string':
      return node.value === '';
    case 'array':
    case 'object':
      return (node.children?.length ?? 0) === 0;
    default:
      return false;
  }
}

/** The property `name` of `node` when it is written with a value that does something, else `undefined`. */
export function presentProperty(node: Node | undefined, name: string): PropertyRef | undefined {
  const p = propertyOf(node, name);
  return p && !isAbsentValue(p.value) ? p : undefined;
}

/** True for a `null` value node. */
export function isNull(node: Node | undefined): boolean {
  return node?.type === 'null';
}

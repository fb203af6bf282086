/**
 * Files that are not input to fill in rules about: the AWS CLI's `--generate-cli-skeleton` output
 * (every string `""`, every number `0`: blanks to fill, not values) and describe-services output
 * (`{ "services": [...], "failures": [...] }`). Checked as input they produce a wall of findings,
 * none of which helps; one finding says what the file is (ECS007).
 */
import type { Node } from 'jsonc-parser';
import { propertyOf } from './properties';

/** Counts string values and the empty ones among them. */
function countStrings(node: Node, acc: { all: number; empty: number }): void {
  if (node.type === 'string') {
    acc.all++;
    if (node.value === '') acc.empty++;
  }
  // Object keys are strings too: only values count.
  if (node.type === 'property') {
    const value = node.children?.[1];
    if (value) countStrings(value, acc);
    return;
  }
  for (const c of node.children ?? []) countStrings(c, acc);
}

/** What the file is when it is a CLI skeleton or describe-services output, else `undefined`. */
export function skeletonOrOutput(root: Node | undefined): string | undefined {
  if (root?.type !== 'object') return undefined;
  const services = propertyOf(root, 'services')?.value;
  if (
    services?.type === 'array' &&
    propertyOf(root, 'serviceName') === undefined &&
    (services.children ?? []).some((s) => propertyOf(s, 'serviceArn') !== undefined)
  ) {
    return 'This is describe-services output ({ "services": [...] }), not create-service or update-service input: those take the members of one service (serviceName, taskDefinition, desiredCount, ...) without its read-only fields (serviceArn, status, deployments, events, ...).';
  }
  // A skeleton names nothing: only then is the whole tree counted.
  const named = ['family', 'serviceName', 'service'].some((k) => {
    const v = propertyOf(root, k)?.value;
    return v?.type === 'string' && v.value !== '';
  });
  if (named) return undefined;
  const acc = { all: 0, empty: 0 };
  countStrings(root, acc);
  if (acc.empty >= 8 && acc.empty * 2 >= acc.all) {
    return `This looks like the AWS CLI's --generate-cli-skeleton output: ${acc.empty} of ${acc.all} string values are empty blanks to fill in. Fill in the values you need and delete the members you do not; the rules check the file once it holds values.`;
  }
  return undefined;
}

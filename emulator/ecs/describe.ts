import type { ClusterRecord, JsonObject } from '../model';
import type { HandlerContext } from '../context';
import { invalidParameter } from '../protocol/errors';
import { optString, optStringArray } from '../protocol/params';

/**
 * What a Describe* of resources in a cluster (DescribeServices, DescribeTasks) reads: the cluster,
 * 1 to `max` names or ARNs in `member`, and whether `include` asks for TAGS. Over `max`, AWS names
 * the list by its internal name (`service names`, `taskIds`), not by the request member: `tooMany`
 * is that name, so the message is the one clients see from AWS and search for.
 */
export function readDescribeRequest(
  ctx: HandlerContext,
  p: JsonObject,
  member: string,
  max: number,
  tooMany: string = member,
): { cluster: ClusterRecord; refs: string[]; includeTags: boolean } {
  const cluster = ctx.state.requireCluster(optString(p, 'cluster'));
  const refs = optStringArray(p, member);
  if (!refs || refs.length === 0)
    throw invalidParameter(`${member.charAt(0).toUpperCase()}${member.slice(1)} cannot be empty.`);
  if (refs.length > max) throw invalidParameter(`${tooMany} can have at most ${max} items.`);
  const includeTags = (optStringArray(p, 'include') ?? []).includes('TAGS');
  return { cluster, refs, includeTags };
}

/**
 * The Describe* answer shape of ECS: each name or ARN asked for is described or, when it does not
 * exist, listed in `failures` with reason MISSING and its full ARN (`arnOf` completes a bare name).
 */
export function describeEach<T>(
  refs: readonly string[],
  find: (ref: string) => T | undefined,
  view: (item: T) => unknown,
  arnOf: (name: string) => string,
): { found: unknown[]; failures: unknown[] } {
  const found: unknown[] = [];
  const failures: unknown[] = [];
  for (const ref of refs) {
    const item = find(ref);
    if (item) found.push(view(item));
    else failures.push({ arn: ref.startsWith('arn:') ? ref : arnOf(ref), reason: 'MISSING' });
  }
  return { found, failures };
}

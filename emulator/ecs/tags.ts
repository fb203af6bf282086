import type { Handler, HandlerContext } from '../context';
import { invalidParameter } from '../protocol/errors';
import type { Tag } from '../model';
import { mergeTags, optStringArray, readTags, reqString } from '../protocol/params';

/** TagResource, UntagResource, ListTagsForResource on clusters, services, tasks and task definitions. */

interface Taggable {
  tags: Tag[];
}

function resolve(ctx: HandlerContext, arn: string): Taggable {
  const { state } = ctx;
  const found =
    state.clusters.get(arn) ??
    state.services.get(arn) ??
    state.tasks.get(arn) ??
    state.taskDefinitions.get(arn);
  if (!found || ('status' in found && found.status === 'INACTIVE' && state.clusters.has(arn))) {
    throw invalidParameter('The specified resource could not be found.');
  }
  return found;
}

const tagResource: Handler = (ctx, p) => {
  const target = resolve(ctx, reqString(p, 'resourceArn'));
  target.tags = mergeTags(target.tags, readTags(p));
  return {};
};

const untagResource: Handler = (ctx, p) => {
  const target = resolve(ctx, reqString(p, 'resourceArn'));
  const keys = optStringArray(p, 'tagKeys') ?? [];
  target.tags = target.tags.filter((t) => !keys.includes(t.key));
  return {};
};

const listTagsForResource: Handler = (ctx, p) => ({ tags: resolve(ctx, reqString(p, 'resourceArn')).tags });

export const tagHandlers: Record<string, Handler> = {
  TagResource: tagResource,
  UntagResource: untagResource,
  ListTagsForResource: listTagsForResource,
};

/** ECS115 — tags: at most 50; key 1 to 128 characters, value 0 to 256 (fact 15). */
import type { Node } from 'jsonc-parser';
import { itemsOf, propertyOf, stringOf } from '../../core/properties';
import { AWS_DOCS, type Rule, type RuleContext } from './rule';
import { metaOnPage } from '../../core/ruleMetaTable';

function checkTags(ctx: RuleContext, node: Node | undefined): void {
  const tags = itemsOf(node);
  if (node && tags.length > 50) {
    ctx.report(
      'ECS115',
      node.parent?.children?.[0] ?? node,
      `${tags.length} tags; at most 50 are allowed per resource.`,
    );
  }
  for (const tag of tags) {
    const key = propertyOf(tag, 'key')?.value;
    const k = stringOf(key);
    if (key && k !== undefined && (k.length < 1 || k.length > 128)) {
      ctx.report('ECS115', key, `Tag key has ${k.length} characters; allowed: 1 to 128.`);
    }
    const value = propertyOf(tag, 'value')?.value;
    const v = stringOf(value);
    if (value && v !== undefined && v.length > 256) {
      ctx.report('ECS115', value, `Tag value has ${v.length} characters; allowed: 0 to 256.`);
    }
  }
}

export const tagsRule: Rule = {
  meta: metaOnPage(AWS_DOCS.tags, [['ECS115', 'Too many tags or tag too long']]),
  check(ctx) {
    checkTags(ctx, ctx.td.property('tags')?.value);
    if (ctx.td.isDescribeOutput) checkTags(ctx, propertyOf(ctx.td.rootNode, 'tags')?.value);
  },
};

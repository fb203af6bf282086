/** Container images (fact 19): ECS119 missing image; ECS219 malformed reference (tag length, digest). */
import { stringOf, valueOf } from '../../core/properties';
import { AWS_DOCS, type Rule } from './rule';
import { metaTable } from '../../core/ruleMetaTable';

export const imageRule: Rule = {
  meta: metaTable([
    [
      'ECS005',
      'hint',
      'Field left for a pipeline to fill',
      'https://github.com/aws-actions/amazon-ecs-render-task-definition',
    ],
    ['ECS119', 'error', 'Container image missing', AWS_DOCS.containerDefinition],
    ['ECS219', 'error', 'Malformed image reference', AWS_DOCS.containerDefinition],
  ]),
  check(ctx) {
    // `ctx.isTemplate()` is read only when needed: it scans the whole text.
    const { td, report, pipelineFilled } = ctx;
    for (const c of td.containers) {
      if (c.node.type !== 'object') continue;
      const node = valueOf(c.node, 'image');
      if (!node || node.type === 'null' || (stringOf(node) === '' && ctx.isTemplate())) {
        // amazon-ecs-render-task-definition and similar steps write the image at deploy time.
        if (pipelineFilled.has('image')) continue;
        if (ctx.isTemplate()) {
          report(
            'ECS005',
            c.nameNode ?? { offset: c.node.offset, length: 1 },
            `Container ${c.name ? `"${c.name}" ` : ''}has no \`image\`: this looks like a file a pipeline fills (e.g. amazon-ecs-render-task-definition). If so, add "image" to the setting ecsWorkbench.pipelineFilledFields (ecs-lint --pipeline-filled image); otherwise add the image.`,
          );
          continue;
        }
        report(
          'ECS119',
          c.nameNode ?? { offset: c.node.offset, length: 1 },
          `Container ${c.name ? `"${c.name}" ` : ''}has no \`image\`; every container needs one (e.g. "public.ecr.aws/nginx/nginx:latest").`,
        );
        continue;
      }
      const image = stringOf(node);
      if (image === undefined) continue;
      const at = image.indexOf('@');
      if (at >= 0) {
        const digest = image.slice(at + 1);
        if (!/^sha256:[0-9a-f]{64}$/.test(digest)) {
          report(
            'ECS219',
            node,
            `Image digest "${digest}" is malformed; allowed: @sha256: followed by exactly 64 lowercase hex characters.`,
          );
        }
      } else if (image.length > 255 || image.length === 0 || /\s/.test(image)) {
        report(
          'ECS219',
          node,
          image.length > 255
            ? `Image reference has ${image.length} characters; allowed: at most 255.`
            : 'Image reference is empty or contains spaces; allowed: repository-url/image:tag or image@sha256:digest.',
        );
      }
    }
  },
};

/**
 * References between containers (fact 25): ECS125 dependsOn/links/volumesFrom naming no container of
 * the task; ECS225 HEALTHY on a container without healthCheck; ECS325 COMPLETE/SUCCESS on an
 * essential container.
 */
import { stringOf, valueOf } from '../../core/properties';
import { isPlaceholder } from '../../core/templates';
import { AWS_DOCS, type Rule } from './rule';
import { metaOnPage } from '../../core/ruleMetaTable';
import { didYouMean, listOf, suggest } from '../../core/suggest';

export const containerReferencesRule: Rule = {
  meta: metaOnPage(AWS_DOCS.dependency, [
    ['ECS125', 'Reference to an unknown container'],
    ['ECS225', 'HEALTHY dependency on a container without health check'],
    ['ECS325', 'COMPLETE/SUCCESS dependency on an essential container'],
  ]),
  check({ td, report, json }) {
    const names = td.containers.map((c) => c.name).filter((n): n is string => n !== undefined);
    // A template a script renders (`"family": $NAME`, `{{ … }}`) or whose names are holes may get the
    // referenced container from elsewhere (App Mesh samples merge an envoy container in with jq).
    const composed = (json.templateSpans?.length ?? 0) > 0 || names.some(isPlaceholder);
    for (const ref of td.references) {
      if (ref.targetKind !== 'container') continue;
      const target = td.containerNamed(ref.target);
      if (!target) {
        if (composed) continue;
        // The path of the fix is built only for a reference that is reported.
        const path =
          ref.kind === 'links'
            ? [...ref.from.path, 'links', ref.entryIndex]
            : [
                ...ref.from.path,
                ref.kind,
                ref.entryIndex,
                ref.kind === 'dependsOn' ? 'containerName' : 'sourceContainer',
              ];
        const others = names.filter((n) => n !== ref.from.name);
        const close = suggest(ref.target, others);
        const alias = ref.kind === 'links' ? (stringOf(ref.valueNode) ?? '').slice(ref.target.length) : '';
        report(
          'ECS125',
          { offset: ref.offset, length: ref.length },
          `${ref.kind} names container "${ref.target}", which is not in this task; ${others.length ? `containers: ${listOf(others)}.` : 'the task has no other container.'}${didYouMean(close)}`,
          close.length ? { fix: 'replaceValue', path, values: close.map((n) => n + alias) } : undefined,
        );
        continue;
      }
      if (ref.kind !== 'dependsOn') continue;
      const conditionNode = valueOf(ref.entryNode, 'condition');
      const condition = stringOf(conditionNode);
      if (!conditionNode) continue;
      if (condition === 'HEALTHY' && !target.property('healthCheck')) {
        report(
          'ECS225',
          conditionNode,
          `Condition HEALTHY needs a healthCheck on container "${ref.target}", which has none; add a healthCheck there or use START.`,
        );
      }
      const essential = valueOf(target.node, 'essential');
      const isEssential = !(essential?.type === 'boolean' && essential.value === false);
      if ((condition === 'COMPLETE' || condition === 'SUCCESS') && isEssential) {
        report(
          'ECS325',
          conditionNode,
          `Condition ${condition} cannot target essential container "${ref.target}"; set "essential": false on it or use START/HEALTHY.`,
        );
      }
    }
  },
};

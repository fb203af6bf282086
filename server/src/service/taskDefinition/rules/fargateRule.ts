/**
 * The shape every Fargate-only rule shares. Fargate forbids or narrows what the EC2 and external
 * launch types allow, so these rules look at a task only when it requires FARGATE; their codes are
 * all errors (AWS rejects the registration) that link one AWS page.
 */
import type { Node } from 'jsonc-parser';
import { presentProperty } from '../../core/absent';
import { metaOnPage } from '../../core/ruleMetaTable';
import { itemsOf, type JsonPath } from '../../core/properties';
import type { ContainerView, TaskDefinitionView } from '../taskDefinition';
import type { Rule, RuleContext } from './rule';

/** A rule's codes: `[code, title]` rows, every one an error. */
type FargateCodes = readonly (readonly [code: string, title: string])[];

/** A rule that checks Fargate tasks only. */
export function fargateRule(awsDocs: string, codes: FargateCodes, check: (ctx: RuleContext) => void): Rule {
  return {
    meta: metaOnPage(awsDocs, codes),
    check(ctx) {
      if (ctx.td.isFargate) check(ctx);
    },
  };
}

/** A rule that checks each container of a Fargate task. */
export function fargateContainerRule(
  awsDocs: string,
  codes: FargateCodes,
  check: (c: ContainerView, ctx: RuleContext) => void,
): Rule {
  return fargateRule(awsDocs, codes, (ctx) => {
    for (const c of ctx.td.containers) check(c, ctx);
  });
}

/**
 * Reports each of `names` that `parent` (at `path`) sets to something, with a fix that removes it.
 * A value that uses nothing (`privileged: false`, `links: []`, `hostname: null`) is not reported.
 */
export function reportPresentMembers(
  ctx: RuleContext,
  code: string,
  parent: Node,
  path: JsonPath,
  names: readonly string[],
  message: (name: string) => string,
): void {
  for (const name of names) {
    const p = presentProperty(parent, name);
    if (p) ctx.report(code, p.key, message(name), { fix: 'removeProperty', path: [...path, name] });
  }
}

/** The `"FARGATE"` item of `requiresCompatibilities`: where a field Fargate needs and the task lacks is reported. */
export function fargateItem(td: TaskDefinitionView): Node | undefined {
  return itemsOf(td.property('requiresCompatibilities')?.value).find((n) => n.value === 'FARGATE');
}

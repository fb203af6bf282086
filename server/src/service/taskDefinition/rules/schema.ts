/**
 * Schema checks driven by the generated model: value types (ECS010), unknown keys with did-you-mean
 * (ECS012), enum values with did-you-mean (ECS013) and required members (ECS014). The AWS CLI and the
 * SDKs validate exactly these against the same model before a request leaves the machine.
 *
 * The walk itself is the generic model checker (`core/modelCheck.ts`) that service definitions use
 * too; this rule only says how a task definition reads: as the AWS CLI reads its JSON input.
 */
import { checkAgainstModel, type ModelCheckOptions } from '../../core/modelCheck';
import { structureOf, TASK_DEFINITION_DESCRIBE_ROOT, TASK_DEFINITION_ROOT } from '../../core/schema/model';
import type { Member } from '../../core/schema/types';
import { AWS_DOCS, type Rule } from './rule';
import { metaOnPage } from '../../core/ruleMetaTable';
import { READ_ONLY_FIELDS } from './readOnlyFields';

/** Task-level members checked by their own rule (numbers where strings are expected: ECS109). */
const TASK_STRING_NUMBERS = new Set(['cpu', 'memory']);

let registerMemberMap: ReadonlyMap<string, Member> | undefined;
/** Members of register input, accepted at the task level of describe output too. */
function registerMember(name: string): Member | undefined {
  registerMemberMap ??= new Map(
    Object.values(structureOf(TASK_DEFINITION_ROOT)?.members ?? {}).map((m) => [m.name, m]),
  );
  return registerMemberMap.get(name);
}

export const schemaRule: Rule = {
  meta: metaOnPage(AWS_DOCS.register, [
    ['ECS010', 'Value has the wrong type for the API model'],
    ['ECS012', 'Unknown property'],
    ['ECS013', 'Value is not one of the allowed values'],
    ['ECS014', 'Required property is missing'],
  ]),
  check(ctx) {
    const { td } = ctx;
    const options: ModelCheckOptions = {
      topLevel: td.node,
      // Task-level overrides a tool merges into a task definition name neither.
      ...(ctx.fragment ? { optionalAtRoot: new Set(['family', 'containerDefinitions']) } : {}),
      // Register members (`tags`) inside describe output are fine: that object is register input.
      extraRootMember: registerMember,
      // Read-only describe fields at the task level are rule ECS116's, with a better message.
      onUnknownRootKey: (name) => READ_ONLY_FIELDS.has(name),
      skipRootValue: (name, value) => TASK_STRING_NUMBERS.has(name) && value.type === 'number',
      // `null` is read as "not set" by the AWS CLI's JSON input and by export tools; so is "" for enums.
      cliUnsetValues: true,
      // Findings on templated values are dropped after validation (validate.ts), not skipped here.
      checkTemplatedValues: true,
      strictText: true,
    };
    const rootName = td.isDescribeOutput ? TASK_DEFINITION_DESCRIBE_ROOT : TASK_DEFINITION_ROOT;
    checkAgainstModel(ctx.json, td.rootNode, rootName, ctx, options);
  },
};

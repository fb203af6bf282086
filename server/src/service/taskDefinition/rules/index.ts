/** Every task definition rule, in the order they run, and their metadata by code. */
import { awslogsRule } from './awslogs';
import { configuredAtLaunchRule } from './configuredAtLaunch';
import { containerCountRule } from './containerCount';
import { containerMemoryLimitsRule } from './containerMemoryLimits';
import { containerNameRule } from './containerName';
import { containerReferencesRule } from './containerReferences';
import { cpuMemoryStringsRule } from './cpuMemoryStrings';
import { environmentRule } from './environment';
import { ephemeralStorageRule } from './ephemeralStorage';
import { essentialRule } from './essential';
import { executionRoleRule } from './executionRole';
import { familyRule } from './family';
import { fargateContainerOptionsRule } from './fargateContainerOptions';
import { fargateLinuxParametersRule } from './fargateLinuxParameters';
import { fargateLogDriverRule } from './fargateLogDriver';
import { fargateNetworkModeRule } from './fargateNetworkMode';
import { fargateTaskSizeRule } from './fargateTaskSize';
import { fargateTimeoutsRule } from './fargateTimeouts';
import { healthCheckRule } from './healthCheck';
import { imageRule } from './image';
import { networkModeOptionsRule } from './networkModeOptions';
import { pidIpcModeRule } from './pidIpcMode';
import { placementConstraintsRule } from './placementConstraints';
import { portMappingsRule } from './portMappings';
import { portNamesRule } from './portNames';
import { readOnlyFieldsRule } from './readOnlyFields';
import { type Rule } from './rule';
import { type RuleMeta } from '../../core/diagnosticSink';
import { runtimePlatformRule } from './runtimePlatform';
import { schemaRule } from './schema';
import { secretsRule } from './secrets';
import { tagsRule } from './tags';
import { taskCpuRangeRule } from './taskCpuRange';
import { taskResourcesRule } from './taskResources';
import { volumesRule } from './volumes';

/** Codes reported outside the rule files (validate.ts). */
export const CORE_META: readonly RuleMeta[] = [
  { code: 'ECS001', title: 'JSON syntax error', severity: 'error' },
  { code: 'ECS002', title: 'A task definition must be a JSON object', severity: 'error' },
  { code: 'ECS003', title: 'File is not UTF-8 (UTF-16/32 or a byte order mark)', severity: 'error' },
  {
    code: 'ECS004',
    title: 'null value (the AWS CLI rejects it; ecspresso drops it)',
    severity: 'warning',
    awsDocs: 'https://docs.aws.amazon.com/cli/latest/userguide/cli-usage-skeleton.html',
  },
  {
    code: 'ECS007',
    title: 'CLI skeleton or describe-services output, not input',
    severity: 'info',
    awsDocs: 'https://docs.aws.amazon.com/cli/latest/userguide/cli-usage-skeleton.html',
  },
  {
    code: 'ECS006',
    title: 'Jsonnet object composition where a comma was meant',
    severity: 'warning',
    awsDocs: 'https://jsonnet.org/ref/spec.html',
  },
];

export const TASK_DEFINITION_RULES: readonly Rule[] = [
  schemaRule,
  familyRule,
  containerCountRule,
  fargateNetworkModeRule,
  fargateTaskSizeRule,
  taskCpuRangeRule,
  cpuMemoryStringsRule,
  pidIpcModeRule,
  placementConstraintsRule,
  ephemeralStorageRule,
  taskResourcesRule,
  tagsRule,
  readOnlyFieldsRule,
  configuredAtLaunchRule,
  containerNameRule,
  imageRule,
  essentialRule,
  containerMemoryLimitsRule,
  portMappingsRule,
  portNamesRule,
  networkModeOptionsRule,
  containerReferencesRule,
  healthCheckRule,
  fargateTimeoutsRule,
  fargateLogDriverRule,
  awslogsRule,
  secretsRule,
  executionRoleRule,
  environmentRule,
  fargateLinuxParametersRule,
  fargateContainerOptionsRule,
  volumesRule,
  runtimePlatformRule,
];

/** Metadata of every code, sorted by code. */
export const ALL_RULE_META: readonly RuleMeta[] = [
  ...CORE_META,
  ...TASK_DEFINITION_RULES.flatMap((r) => r.meta),
].sort((a, b) => a.code.localeCompare(b.code));

export const RULE_META_BY_CODE: ReadonlyMap<string, RuleMeta> = new Map(
  ALL_RULE_META.map((m) => [m.code, m]),
);

/**
 * The family of semantic rules. A rule is a pure check over the task definition view that reports
 * findings through its context; it declares the codes it may report, each with a default severity,
 * a one-line title (for SARIF and docs/rules.md) and, where AWS documents the rule, the AWS page.
 * Codes are stable: `ECS0xx` syntax and schema, `ECS1NN` the main check of ECS fact N (see
 * docs/rules.md), `ECS2NN`/`ECS3NN`/`ECS4NN` further checks of the same fact.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DiagnosticData } from '../../core/diagnosticData';
import type { ParsedJson } from '../../core/parse';
import type { RuleMeta, Target } from '../../core/diagnosticSink';
import { structureOf } from '../../core/schema/model';
import type { TaskDefinitionView } from '../taskDefinition';

export interface RuleContext {
  readonly document: TextDocument;
  readonly td: TaskDefinitionView;
  /** The parsed document (template spans among it). */
  readonly json: ParsedJson;
  readonly report: (code: string, target: Target, message: string, data?: DiagnosticData) => void;
  /** True for task-level overrides without `family`/`containerDefinitions` (merged into a task elsewhere). */
  readonly fragment?: boolean;
  /** Fields a deploy pipeline fills in (setting `ecsWorkbench.pipelineFilledFields`, e.g. `image`). */
  readonly pipelineFilled: ReadonlySet<string>;
  /** True when the file is a template (holes to fill) or describe output fed to a pipeline (computed on demand: it reads the whole text). */
  readonly isTemplate: () => boolean;
}

export interface Rule {
  readonly meta: readonly RuleMeta[];
  check(ctx: RuleContext): void;
}

/** AWS documentation pages the rules link to. */
export const AWS_DOCS = {
  taskDefinitionParameters:
    'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html',
  containerDefinition:
    'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html',
  register: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html',
  fargateTaskSize:
    'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html#fargate-tasks-size',
  taskCpuMemoryError:
    'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-cpu-memory-error.html',
  fargateParameters:
    'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html',
  networking: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-networking.html',
  portMapping: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_PortMapping.html',
  dependency: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDependency.html',
  healthCheck: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_HealthCheck.html',
  awslogs: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_awslogs.html',
  secrets: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/specifying-sensitive-data.html',
  executionRole: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html',
  environmentFiles: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/use-environment-file.html',
  linuxParameters: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_LinuxParameters.html',
  volumes: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_data_volumes.html',
  efs: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/efs-volumes.html',
  runtimePlatform: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RuntimePlatform.html',
  ephemeralStorage: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_EphemeralStorage.html',
  tags: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Tag.html',
  placementConstraints:
    'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_TaskDefinitionPlacementConstraint.html',
  describe: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DescribeTaskDefinition.html',
  quotas: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-quotas.html',
} as const;

/** The network modes the API accepts (from the generated model). */
export const NETWORK_MODES: readonly string[] = (() => {
  const shape = structureOf('RegisterTaskDefinitionRequest')?.members.networkMode?.shape;
  return shape?.kind === 'enum' ? shape.values : ['awsvpc', 'bridge', 'host', 'none'];
})();

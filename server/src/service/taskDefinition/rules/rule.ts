/**
 * The family of semantic rules. A rule is a pure check over the task definition view that reports
 * findings through its context; it declares the codes it may report, each with a default severity,
 * a one-line title (for SARIF and docs/rules.md) and, where AWS documents the rule, the AWS page.
 * Codes are stable: `ECS0xx` syntax and schema, `ECS1NN` the main check of ECS fact N (see
 * docs/rules.md), `ECS2NN`/`ECS3NN`/`ECS4NN` further checks of the same fact.
 */
import type { Node } from 'jsonc-parser';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { type Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import { makeDiagnostic } from '../../core/diagnostic';
import type { DiagnosticData } from '../../core/diagnosticData';
import { structureOf } from '../../core/schema/model';
import type { TaskDefinitionView } from '../taskDefinition';

export type DefaultSeverity = 'error' | 'warning' | 'info';

export interface RuleMeta {
  readonly code: string;
  readonly title: string;
  readonly severity: DefaultSeverity;
  /** The AWS documentation page of the rule, when AWS documents it. */
  readonly awsDocs?: string;
}

/** A place in the document: a node (its whole extent) or an explicit span. */
export type Target = Node | { readonly offset: number; readonly length: number };

export interface RuleContext {
  readonly document: TextDocument;
  readonly td: TaskDefinitionView;
  readonly report: (code: string, target: Target, message: string, data?: DiagnosticData) => void;
}

export interface Rule {
  readonly meta: readonly RuleMeta[];
  check(ctx: RuleContext): void;
}

const severities: Record<DefaultSeverity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** Collects diagnostics for a set of rule metadata. */
export class DiagnosticSink {
  readonly diagnostics: Diagnostic[] = [];

  constructor(
    private readonly document: TextDocument,
    private readonly metaByCode: ReadonlyMap<string, RuleMeta>,
  ) {}

  report(code: string, target: Target, message: string, data?: DiagnosticData): void {
    const meta = this.metaByCode.get(code);
    const severity = severities[meta?.severity ?? 'error'];
    const d = meta?.awsDocs
      ? makeDiagnostic(this.document, target.offset, target.length, code, message, severity, meta.awsDocs)
      : makeDiagnostic(this.document, target.offset, target.length, code, message, severity);
    if (data) d.data = data;
    this.diagnostics.push(d);
  }
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

// ---- helpers shared by rules --------------------------------------------------------------------------

/** Levenshtein distance, bounded: returns `max + 1` as soon as the distance exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const v = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length] ?? max + 1;
}

/** Up to three candidates close to `word` ("did you mean"), best first; case-insensitive matches first. */
export function suggest(word: string, candidates: Iterable<string>): string[] {
  const lower = word.toLowerCase();
  const max = Math.max(2, Math.floor(word.length / 3));
  const scored: { c: string; d: number }[] = [];
  for (const c of candidates) {
    const cl = c.toLowerCase();
    if (cl === lower) scored.push({ c, d: -1 });
    else if (cl.replace(/[-_]/g, '') === lower.replace(/[-_]/g, '')) scored.push({ c, d: 0 });
    else {
      const d = editDistance(lower, cl, max);
      if (d <= max) scored.push({ c, d });
      else if (lower.length >= 4 && (cl.startsWith(lower) || lower.startsWith(cl)))
        scored.push({ c, d: max });
    }
  }
  // A match that differs only in case is the answer; listing other candidates would only distract.
  const exact = scored.filter((s) => s.d === -1);
  return (exact.length ? exact : scored)
    .sort((x, y) => x.d - y.d || x.c.localeCompare(y.c))
    .slice(0, 3)
    .map((s) => s.c);
}

/** ` Did you mean `a` or `b`?` or an empty string. */
export function didYouMean(suggestions: readonly string[]): string {
  if (suggestions.length === 0) return '';
  const quoted = suggestions.map((s) => `\`${s}\``);
  const last = quoted.pop() ?? '';
  return ` Did you mean ${quoted.length ? `${quoted.join(', ')} or ${last}` : last}?`;
}

/** `a, b or c` for messages. */
export function listOf(values: readonly (string | number)[]): string {
  const items = values.map(String);
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1] ?? ''}`;
}

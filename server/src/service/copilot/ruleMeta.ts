/**
 * The codes Copilot manifests report, each with its default severity, a title (for SARIF and
 * docs/rules.md) and the Copilot documentation page it links to.
 */
import type { RuleMeta } from '../core/diagnosticSink';

const COPILOT_DOCS = 'https://aws.github.io/copilot-cli/docs/manifest';

/** Every code Copilot manifests report beyond the shared syntax/model codes. */
export const COPILOT_RULE_META: readonly RuleMeta[] = [
  {
    code: 'ECS501',
    title: 'Invalid Copilot platform',
    severity: 'error',
    awsDocs: `${COPILOT_DOCS}/lb-web-service/#platform`,
  },
  {
    code: 'ECS502',
    title: 'Windows tasks need at least 1024 CPU units and 2048 MiB',
    severity: 'error',
    awsDocs: `${COPILOT_DOCS}/lb-web-service/#platform`,
  },
  {
    code: 'ECS503',
    title: 'Ephemeral storage must be 20 to 200 GiB',
    severity: 'error',
    awsDocs: `${COPILOT_DOCS}/lb-web-service/#storage-ephemeral`,
  },
  {
    code: 'ECS504',
    title: 'Fargate Spot is not available for ARM or Windows tasks',
    severity: 'error',
    awsDocs: `${COPILOT_DOCS}/lb-web-service/#count-spot`,
  },
  {
    code: 'ECS505',
    title: 'env_file must end with .env',
    severity: 'error',
    awsDocs: `${COPILOT_DOCS}/lb-web-service/#env_file`,
  },
  {
    code: 'ECS506',
    title: 'cpu/memory is not a Fargate task size',
    severity: 'error',
    awsDocs:
      'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html#fargate-tasks-size',
  },
  {
    code: 'ECS507',
    title: 'cpu/memory not available on App Runner',
    severity: 'error',
    awsDocs: `${COPILOT_DOCS}/rd-web-service/#cpu`,
  },
  {
    code: 'ECS508',
    title: 'depends_on names no container of the task',
    severity: 'error',
    awsDocs: `${COPILOT_DOCS}/sidecars/`,
  },
  {
    code: 'ECS509',
    title: 'mount_points source_volume names no storage volume',
    severity: 'error',
    awsDocs: `${COPILOT_DOCS}/sidecars/`,
  },
  {
    code: 'ECS510',
    title: 'Invalid count range',
    severity: 'error',
    awsDocs: `${COPILOT_DOCS}/lb-web-service/#count-range`,
  },
  {
    code: 'ECS511',
    title: 'Field Copilot reads but rejects in this manifest type',
    severity: 'error',
    awsDocs: `${COPILOT_DOCS}/lb-web-service/#count`,
  },
  {
    code: 'ECS512',
    title: 'Schedule Copilot cannot convert',
    severity: 'error',
    awsDocs: `${COPILOT_DOCS}/scheduled-job/#on-schedule`,
  },
  {
    code: 'ECS513',
    title: 'Secret reference under variables',
    severity: 'warning',
    awsDocs: `${COPILOT_DOCS}/lb-web-service/#secrets`,
  },
  {
    code: 'ECS514',
    title: 'Environment override keyed by a variable',
    severity: 'warning',
    awsDocs: `${COPILOT_DOCS}/lb-web-service/#environments`,
  },
];

/** Every code a manifest may report, syntax and model checks included. */
export const META_BY_CODE: ReadonlyMap<string, RuleMeta> = new Map<string, RuleMeta>([
  ...COPILOT_RULE_META.map((m) => [m.code, m] as const),
  ['ECS001', { code: 'ECS001', title: 'YAML syntax error', severity: 'error' }],
  ['ECS002', { code: 'ECS002', title: 'A manifest must be a YAML map', severity: 'error' }],
  ['ECS010', { code: 'ECS010', title: 'Wrong type', severity: 'error', awsDocs: COPILOT_DOCS }],
  // Copilot reads manifests with yaml.v3 without KnownFields: an unknown key is ignored, not rejected.
  ['ECS012', { code: 'ECS012', title: 'Unknown field', severity: 'warning', awsDocs: COPILOT_DOCS }],
  ['ECS013', { code: 'ECS013', title: 'Not an allowed value', severity: 'error', awsDocs: COPILOT_DOCS }],
  ['ECS014', { code: 'ECS014', title: 'Required field missing', severity: 'error', awsDocs: COPILOT_DOCS }],
]);

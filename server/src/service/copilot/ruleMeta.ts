/**
 * The codes Copilot manifests report, each with its default severity, a title (for SARIF and
 * docs/rules.md) and the Copilot documentation page it links to.
 */
import type { RuleMeta } from '../core/diagnosticSink';
import { metaByCode, metaTable } from '../core/ruleMetaTable';

const COPILOT_DOCS = 'https://aws.github.io/copilot-cli/docs/manifest';

/**
 * Every code Copilot manifests report beyond the shared syntax/model codes: a table, one row a
 * code (code, default severity, title, page), kept one row a line, so not formatted.
 */
// prettier-ignore
export const COPILOT_RULE_META: readonly RuleMeta[] = metaTable([
  ['ECS501', 'error', 'Invalid Copilot platform', `${COPILOT_DOCS}/lb-web-service/#platform`],
  ['ECS502', 'error', 'Windows tasks need at least 1024 CPU units and 2048 MiB', `${COPILOT_DOCS}/lb-web-service/#platform`],
  ['ECS503', 'error', 'Ephemeral storage must be 20 to 200 GiB', `${COPILOT_DOCS}/lb-web-service/#storage-ephemeral`],
  ['ECS504', 'error', 'Fargate Spot is not available for ARM or Windows tasks', `${COPILOT_DOCS}/lb-web-service/#count-spot`],
  ['ECS505', 'error', 'env_file must end with .env', `${COPILOT_DOCS}/lb-web-service/#env_file`],
  ['ECS506', 'error', 'cpu/memory is not a Fargate task size', 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html#fargate-tasks-size'],
  ['ECS507', 'error', 'cpu/memory not available on App Runner', `${COPILOT_DOCS}/rd-web-service/#cpu`],
  ['ECS508', 'error', 'depends_on names no container of the task', `${COPILOT_DOCS}/sidecars/`],
  ['ECS509', 'error', 'mount_points source_volume names no storage volume', `${COPILOT_DOCS}/sidecars/`],
  ['ECS510', 'error', 'Invalid count range', `${COPILOT_DOCS}/lb-web-service/#count-range`],
  ['ECS511', 'error', 'Field Copilot reads but rejects in this manifest type', `${COPILOT_DOCS}/lb-web-service/#count`],
  ['ECS512', 'error', 'Schedule Copilot cannot convert', `${COPILOT_DOCS}/scheduled-job/#on-schedule`],
  ['ECS513', 'warning', 'Secret reference under variables', `${COPILOT_DOCS}/lb-web-service/#secrets`],
  ['ECS514', 'warning', 'Environment override keyed by a variable', `${COPILOT_DOCS}/lb-web-service/#environments`],
]);

/** Every code a manifest may report, syntax and model checks included. */
export const META_BY_CODE: ReadonlyMap<string, RuleMeta> = metaByCode([
  ...COPILOT_RULE_META,
  ...metaTable([
    ['ECS001', 'error', 'YAML syntax error'],
    ['ECS002', 'error', 'A manifest must be a YAML map'],
    ['ECS010', 'error', 'Wrong type', COPILOT_DOCS],
    // Copilot reads manifests with yaml.v3 without KnownFields: an unknown key is ignored, not rejected.
    ['ECS012', 'warning', 'Unknown field', COPILOT_DOCS],
    ['ECS013', 'error', 'Not an allowed value', COPILOT_DOCS],
    ['ECS014', 'error', 'Required field missing', COPILOT_DOCS],
  ]),
]);

/**
 * Who reads a JSON definition decides what some values mean. The AWS CLI (`--cli-input-json`) sends
 * what is written and rejects `null` members ("Invalid type for parameter …, value: None"); ecspresso
 * renders its Go templates, reads the file into the Go SDK's types and omits zero values, so a `null`
 * or an empty enum (`"launchType": ""`) conflicts with nothing there, and it keeps a service's current
 * count when `desiredCount` is absent.
 *
 * - `ecspresso`: the file is named like ecspresso's defaults (`ecs-task-def.json`, `ecs-service-def.json`,
 *   any `.jsonnet`), or uses ecspresso's template functions (`{{ must_env `X` }}`, `{{ tfstate … }}`).
 * - `cli`: describe output or a file naming the CLI's own input shape; judged as the AWS CLI reads it.
 * - `unknown`: anything else, judged as the AWS CLI would read it (the strictest common reader).
 */
export type DocumentConsumer = 'cli' | 'ecspresso' | 'unknown';

const ECSPRESSO_NAME = /(?:^|[/_.-])ecs-(?:task|service)-def\.json$/i;
const ECSPRESSO_FUNCTIONS =
  /\{\{-?\s*(?:must_env|env|tfstate|tfstatef|ssm|ssm_list|secretsmanager_arn|json_escape|cfn_output|cfn_export)\b/;

/** The consumer of a JSON or Jsonnet definition at `path` with `text`. */
export function detectConsumer(path: string, text: string): DocumentConsumer {
  if (/\.jsonnet$/i.test(path) || ECSPRESSO_NAME.test(path)) return 'ecspresso';
  if (text.includes('{{') && ECSPRESSO_FUNCTIONS.test(text)) return 'ecspresso';
  // ecspresso's service exports name no service (its config does) and keep describe-only counts.
  // (`includes` first: these run on every version of every document.)
  if (
    text.includes('Count"') &&
    /"(?:pendingCount|runningCount)"\s*:/.test(text) &&
    !/"(?:serviceName|service)"\s*:/.test(text)
  )
    return 'ecspresso';
  if (text.includes('"taskDefinitionArn"')) return 'cli';
  return 'unknown';
}

/**
 * The AWS Copilot manifest model: every manifest type and its fields, written from Copilot's
 * documented manifest specification (aws.github.io/copilot-cli/docs/manifest/), in our own words.
 * Copilot is in maintenance mode, so the format is stable. Workload manifests share most fields;
 * `environments.<name>` overrides any of them for one environment and is checked with the same
 * model. Templated values (`${VAR}`) are accepted anywhere: Copilot substitutes them at deploy time.
 */
import type { CopilotField, CopilotShape } from './schema';
import { bool, duration, field, int, listOf, mapOf, object, oneOf, str } from './schema';
import {
  stringOrList,
  imageShape,
  variables,
  envFile,
  secrets,
  entrypoint,
  command,
  cpu,
  memory,
  platform,
  exec,
  storage,
  logging,
  publish,
  observability,
  sidecars,
  taskdefOverrides,
  networkShape,
} from './workloadFields';
import { countShape, deploymentShape } from './countFields';
import { albHealthCheck, httpShape, nlb } from './loadBalancerFields';
import { MANIFEST_TYPES, type ManifestType, nameField, typeField } from './manifestTypes';
import { subscribe } from './queueFields';
import { environmentFields } from './environmentFields';

// ---- manifests ------------------------------------------------------------------------------------------

/** Fields of every ECS-based workload (web, backend, worker services and jobs). */
function ecsWorkloadFields(): Record<string, CopilotField> {
  return {
    ...jobWorkloadFields(),
    observability,
  };
}

/** The same without `observability`, which a Scheduled Job does not have (ScheduledJobConfig). */
function jobWorkloadFields(): Record<string, CopilotField> {
  return {
    entrypoint,
    command,
    cpu,
    memory,
    platform,
    variables,
    env_file: envFile,
    secrets,
    storage,
    logging,
    publish,
    sidecars,
    taskdef_overrides: taskdefOverrides,
  };
}

/**
 * The same shape with every field optional: an environment override sets only what differs, the
 * rest comes from the manifest (`nlb: { healthcheck: ... }` without the base's `port`).
 */
function optional(shape: CopilotShape): CopilotShape {
  switch (shape.kind) {
    case 'object': {
      const fields: Record<string, CopilotField> = {};
      for (const [key, f] of Object.entries(shape.fields))
        fields[key] = f.rejected
          ? { shape: optional(f.shape), doc: f.doc, rejected: f.rejected }
          : { shape: optional(f.shape), doc: f.doc };
      return { ...shape, fields };
    }
    case 'map':
      return { ...shape, values: optional(shape.values) };
    case 'list':
      return { ...shape, items: optional(shape.items) };
    case 'oneOf':
      return { ...shape, options: shape.options.map(optional) };
    default:
      return shape;
  }
}

function withEnvironments(name: string, fields: Record<string, CopilotField>): Record<string, CopilotField> {
  return {
    name: nameField,
    type: typeField(),
    ...fields,
    environments: field(
      mapOf('Environments', optional(object(`${name}Override`, fields))),
      'Overrides of any field above for one environment, by environment name.',
    ),
  };
}

/** The ECS services, which share their fields but for what each adds (`http`, `nlb`, `subscribe`). */
type EcsServiceType = 'Load Balanced Web Service' | 'Backend Service' | 'Worker Service';

function ecsServiceFields(
  type: EcsServiceType,
  own: Record<string, CopilotField>,
): Record<string, CopilotField> {
  // A worker serves no traffic (no `port`) and can roll back on its queue's backlog.
  const worker = type === 'Worker Service';
  return {
    image: field(
      imageShape(!worker),
      worker
        ? 'The main container image: `build` or `location`.'
        : 'The main container image: `build` or `location`, and its `port`.',
      true,
    ),
    ...ecsWorkloadFields(),
    ...own,
    count: countShape(type),
    exec,
    deployment: deploymentShape(worker),
    network: networkShape(true),
  };
}

const lbWebFields = ecsServiceFields('Load Balanced Web Service', { http: httpShape(true), nlb });
const backendFields = ecsServiceFields('Backend Service', { http: httpShape(false) });
const workerFields = ecsServiceFields('Worker Service', { subscribe });

const jobFields: Record<string, CopilotField> = {
  image: field(imageShape(false), 'The job container image: `build` or `location`.', true),
  ...jobWorkloadFields(),
  on: field(
    object('JobTriggerConfig', {
      schedule: field(
        str,
        'When the job runs: a cron expression, `@daily`-style keyword, `@every 2h` or `none`.',
        true,
      ),
    }),
    'Trigger of the job.',
    true,
  ),
  retries: field(int, 'Times to retry a failed run (0–10).'),
  timeout: field(duration, 'Maximum run time, after which the run is stopped.'),
  network: networkShape(true),
  count: countShape('Scheduled Job'),
  exec,
};

const rdwsFields: Record<string, CopilotField> = {
  image: field(
    imageShape(true, false),
    'The service image: `build` or `location`, and its `port` (default 80).',
    true,
  ),
  cpu: field(int, 'CPU units of an instance: 256, 512, 1024, 2048 or 4096 (App Runner).'),
  memory: field(int, 'Memory of an instance in MiB: 512 to 12288 (App Runner).'),
  platform: {
    shape: platform.shape,
    doc: 'Platform of the image: only `linux/amd64` or `linux/x86_64` on App Runner.',
  },
  command: field(str, 'Overrides the start command of the image (a single string on App Runner).'),
  http: field(
    object('RDWSHttp', {
      healthcheck: field(
        albHealthCheck,
        'Health check path, or a map with `path`, `healthy_threshold`, `unhealthy_threshold`, `interval`, `timeout`.',
      ),
      alias: field(str, 'Custom domain name of the service.'),
      private: field(
        oneOf(
          bool,
          object('RDWSPrivate', { endpoint: field(str, 'ID of an existing VPC endpoint for App Runner.') }),
        ),
        'Makes the service reachable only from the environment VPC.',
      ),
      path: field(
        str,
        "Not read by Copilot (App Runner serves every path); accepted because Copilot's own examples set it.",
      ),
    }),
    'HTTP settings of the App Runner service.',
  ),
  variables,
  secrets,
  tags: field(mapOf('Tags', str), 'Tags of the App Runner service.'),
  count: field(str, 'Name of an existing App Runner auto scaling configuration.'),
  network: networkShape(false),
  observability,
  publish,
};

const staticSiteFields: Record<string, CopilotField> = {
  http: field(
    object('StaticSiteHttp', {
      alias: field(str, 'Custom domain name of the site.'),
      certificate: field(str, 'ARN of an ACM certificate (us-east-1) for the alias.'),
    }),
    'Domain of the site.',
  ),
  files: field(
    listOf(
      object('FileUpload', {
        source: field(str, 'File or directory to upload, relative to the workspace root.', true),
        destination: field(str, 'Path in the bucket.'),
        recursive: field(bool, 'Uploads a directory with its subdirectories.'),
        exclude: field(stringOrList, 'Pattern(s) of files not to upload.'),
        reinclude: field(stringOrList, 'Pattern(s) of excluded files to upload after all.'),
      }),
    ),
    'Files to upload to the site bucket.',
  ),
};

/** The root fields of each manifest type. */
export const MANIFEST_FIELDS: Readonly<Record<ManifestType, Readonly<Record<string, CopilotField>>>> = {
  'Load Balanced Web Service': withEnvironments('LoadBalancedWebService', lbWebFields),
  'Backend Service': withEnvironments('BackendService', backendFields),
  'Worker Service': withEnvironments('WorkerService', workerFields),
  'Request-Driven Web Service': withEnvironments('RequestDrivenWebService', rdwsFields),
  'Scheduled Job': withEnvironments('ScheduledJob', jobFields),
  'Static Site': withEnvironments('StaticSite', staticSiteFields),
  Environment: environmentFields,
};

/** The root shape of a manifest type. */
export function manifestShape(type: ManifestType): CopilotShape {
  return object(type.replace(/[^A-Za-z]/g, ''), MANIFEST_FIELDS[type]);
}

/** Root fields when the type is missing or unknown: the common ones, for completion. */
export const COMMON_ROOT_FIELDS: Readonly<Record<string, CopilotField>> = {
  name: nameField,
  type: typeField(),
};

export function isManifestType(value: unknown): value is ManifestType {
  return typeof value === 'string' && (MANIFEST_TYPES as readonly string[]).includes(value);
}

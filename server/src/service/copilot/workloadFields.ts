/**
 * Copilot manifest fields shared by the workload types: image and container settings, variables and
 * secrets, storage, logging, sidecars, networking. Count, auto scaling and deployment are in
 * countFields.ts.
 */
import type { CopilotField, CopilotShape } from './schema';
import { any, bool, duration, enumOf, field, int, listOf, mapOf, object, oneOf, str } from './schema';
import { PLATFORM_STRINGS, WINDOWS_OS_FAMILIES } from './manifestTypes';

// ---- shared pieces ------------------------------------------------------------------------------------------

const fromCfn = object('FromCfn', {
  from_cfn: field(str, 'Name of a CloudFormation stack export whose value is used.', true),
});

export const stringOrList = oneOf(str, listOf(str));

const buildArgs = object('ImageBuild', {
  context: field(str, 'Build context directory, relative to the workspace root.'),
  dockerfile: field(str, 'Path of the Dockerfile, relative to the workspace root.'),
  args: field(mapOf('BuildArgs', str), 'Build arguments passed as `--build-arg`.'),
  target: field(str, 'Stage of a multi-stage Dockerfile to build.'),
  cache_from: field(listOf(str), 'Images to use as cache sources.'),
});
export const build = field(
  oneOf(str, buildArgs),
  'Builds the image from a Dockerfile: a path to the Dockerfile, or a map with `dockerfile`, `context`, `args`, `target` and `cache_from`. Exclusive with `location`.',
);
export const location = field(
  str,
  'An existing image to deploy instead of building one (a registry URI, e.g. `public.ecr.aws/nginx/nginx:latest`). Exclusive with `build`.',
);

const containerHealthCheck = object('ContainerHealthCheck', {
  command: field(
    listOf(str),
    'Command the container runs to check its health, a list, e.g. `["CMD-SHELL", "curl -f http://localhost/ || exit 1"]`.',
  ),
  interval: field(duration, 'Time between checks (default 10s).'),
  retries: field(int, 'Failed checks before the container is unhealthy (default 2).'),
  timeout: field(duration, 'How long a check may take (default 5s).'),
  start_period: field(duration, 'Grace period after start during which failures do not count (default 0s).'),
});

const dependsOn = field(
  mapOf('DependsOn', {
    kind: 'enum',
    values: ['start', 'complete', 'success', 'healthy'],
    caseInsensitive: true,
  }),
  'Containers this container waits for, with the condition: `start`, `complete`, `success` or `healthy` (any case).',
);
const labels = field(mapOf('DockerLabels', str), 'Docker labels of the container.');

export function imageShape(withPort: boolean, withHealthCheck = true): CopilotShape {
  const fields: Record<string, CopilotField> = {
    build,
    location,
    credentials: field(str, 'ARN of a Secrets Manager secret with the private registry credentials.'),
    labels,
    depends_on: dependsOn,
  };
  if (withHealthCheck)
    fields.healthcheck = field(containerHealthCheck, 'Health check of the main container.');
  if (withPort) fields.port = field(int, 'Port the main container listens on; traffic is routed to it.');
  return object('Image', fields);
}

export const variables = field(
  mapOf('Variables', oneOf(str, fromCfn)),
  'Environment variables of the container, as `NAME: value` (or `NAME: { from_cfn: export }`).',
);
export const envFile = field(
  str,
  'Path of a file of environment variables (`KEY=value` lines) to upload and pass to the container; its name must end with `.env`.',
);
const secretValue = oneOf(
  str,
  object('Secret', {
    from_cfn: field(str, 'Name of a CloudFormation export holding the secret ARN.'),
    secretsmanager: field(
      str,
      'Name or ARN of a Secrets Manager secret (optionally with `:json-key:version-stage:version-id`).',
    ),
  }),
);
export const secrets = field(
  mapOf('Secrets', secretValue),
  'Secrets injected as environment variables: `NAME: ssm-parameter-name`, `NAME: { secretsmanager: name }` or `NAME: { from_cfn: export }`.',
);
export const entrypoint = field(stringOrList, 'Overrides the image ENTRYPOINT.');
export const command = field(stringOrList, 'Overrides the image CMD.');
export const cpu = field(int, 'CPU units of the task (1024 = 1 vCPU). Default 256.');
export const memory = field(int, 'Memory of the task in MiB. Default 512.');

export const platform = field(
  oneOf(
    str,
    object('Platform', {
      osfamily: field(
        { kind: 'enum', values: ['linux', 'windows', ...WINDOWS_OS_FAMILIES], caseInsensitive: true },
        'Operating system family of the task; set together with `architecture`.',
        true,
      ),
      architecture: field(
        { kind: 'enum', values: ['x86_64', 'amd64', 'arm', 'arm64'], caseInsensitive: true },
        'CPU architecture of the task; set together with `osfamily`.',
        true,
      ),
    }),
  ),
  `Operating system and architecture: one of ${PLATFORM_STRINGS.join(', ')}, or a map with \`osfamily\` and \`architecture\`. Windows tasks need at least 1024 CPU units and 2048 MiB.`,
);

export const exec = field(
  oneOf(
    bool,
    object('ExecuteCommand', { enable: field(bool, 'Enables ECS Exec into the running containers.') }),
  ),
  'Enables `copilot svc exec` (ECS Exec) into the running containers: `true`, or a map with `enable`.',
);

const efsConfig = object('EFSVolume', {
  id: field(oneOf(str, fromCfn), 'ID of an existing EFS file system.'),
  root_dir: field(str, 'Directory of the file system to mount as the root of the volume.'),
  auth: field(
    object('EFSAuthorization', {
      iam: field(bool, 'Use the task role to authorize access to the file system.'),
      access_point_id: field(str, 'EFS access point to mount through.'),
    }),
    'Authorization of the mount.',
  ),
  uid: field(int, 'POSIX user ID of a Copilot-managed file system directory.'),
  gid: field(int, 'POSIX group ID of a Copilot-managed file system directory.'),
});
export const volume = object('Volume', {
  path: field(str, 'Mount point of the volume inside the container.', true),
  read_only: field(bool, 'Mounts the volume read-only (default true).'),
  efs: field(
    oneOf(bool, efsConfig),
    '`true` creates a managed EFS file system for the service; a map mounts an existing one.',
  ),
});
export const storage = field(
  object('Storage', {
    ephemeral: field(int, 'Ephemeral storage of the task in GiB, from 20 (the default) to 200.'),
    readonly_fs: field(bool, 'Makes the root file system of the main container read-only.'),
    volumes: field(mapOf('Volumes', volume), 'Volumes by name, mounted into the main container.'),
  }),
  'Storage of the task: ephemeral size, read-only root file system, volumes.',
);

export const logging = field(
  object('Logging', {
    retention: field(int, 'Days to keep the logs in CloudWatch Logs (default 30).'),
    image: field(str, 'FireLens log router image (default the AWS for Fluent Bit image).'),
    destination: field(mapOf('LogDestination', str), 'Options of the FireLens output plugin.'),
    enableMetadata: field(bool, 'Adds ECS metadata to the log records (default true).'),
    secretOptions: field(mapOf('LogSecrets', secretValue), 'Secrets passed to the log configuration.'),
    configFilePath: field(str, 'Path of a custom Fluent Bit configuration inside the log router image.'),
    variables,
    secrets,
    env_file: envFile,
  }),
  'Routes the container logs through a FireLens sidecar.',
);

export const topic = object('Topic', {
  name: field(str, 'Name of the SNS topic.', true),
  fifo: field(
    oneOf(
      bool,
      object('FIFOTopic', { content_based_deduplication: field(bool, 'Deduplicate messages by content.') }),
    ),
    'Makes the topic a FIFO topic.',
  ),
});
export const publish = field(
  object('Publish', { topics: field(listOf(topic), 'SNS topics the service can publish to.') }),
  'SNS topics this workload publishes to (their ARNs are in `COPILOT_SNS_TOPIC_ARNS`).',
);

export const observability = field(
  object('Observability', {
    tracing: field(
      { kind: 'enum', values: ['awsxray'], caseInsensitive: true },
      'Tracing vendor: `awsxray` adds the X-Ray/OTel sidecar.',
    ),
  }),
  'Observability settings.',
);

const mountPoint = object('MountPoint', {
  source_volume: field(str, 'Name of a volume under `storage.volumes`.', true),
  path: field(str, 'Mount point inside the sidecar.', true),
  read_only: field(bool, 'Mounts the volume read-only (default true).'),
});
export const sidecar = object('Sidecar', {
  image: field(
    oneOf(str, object('SidecarImage', { build, location })),
    'Image of the sidecar: a registry URI, or a map with `build` or `location`.',
  ),
  port: field(str, 'Port the sidecar exposes, optionally with a protocol (`8080/tcp`, `53/udp`).'),
  essential: field(bool, 'Whether the task stops when this sidecar stops (default true).'),
  credentialsParameter: field(str, 'ARN of the secret with private registry credentials.'),
  variables,
  secrets,
  env_file: envFile,
  mount_points: field(listOf(mountPoint), 'Volumes of `storage.volumes` mounted into the sidecar.'),
  labels,
  depends_on: dependsOn,
  healthcheck: field(containerHealthCheck, 'Health check of the sidecar.'),
  command,
  entrypoint,
});
export const sidecars = field(mapOf('Sidecars', sidecar), 'Additional containers of the task, by name.');

export const taskdefOverrides = field(
  listOf(
    object('TaskDefinitionOverride', {
      path: field(
        str,
        'Path in the CloudFormation task definition, e.g. `ContainerDefinitions[0].Ulimits[-]`.',
        true,
      ),
      value: field(any, 'Value to set at that path.', true),
    }),
  ),
  'Raw overrides of the generated ECS task definition (CloudFormation property paths).',
);

const subnetsSelection = oneOf(
  listOf(str),
  object('SubnetsFilter', {
    from_tags: field(
      mapOf('SubnetTags', stringOrList),
      'Selects the subnets of the environment VPC by tag: `tag-key: value` or a list of values.',
    ),
  }),
);
const placement = field(
  oneOf(
    enumOf('public', 'private'),
    object('Placement', {
      subnets: field(
        subnetsSelection,
        'Subnet IDs to place the tasks in, or `from_tags` to select them by tag.',
      ),
    }),
  ),
  '`public` or `private` subnets of the environment, or a map with specific `subnets`.',
);
const securityGroups = field(
  oneOf(
    listOf(oneOf(str, fromCfn)),
    object('SecurityGroups', {
      groups: field(listOf(oneOf(str, fromCfn)), 'Additional security groups.'),
      deny_default: field(
        bool,
        'Removes the default security group that allows traffic from the environment.',
      ),
    }),
  ),
  'Additional security groups of the tasks.',
);
const serviceConnect = field(
  oneOf(bool, object('ServiceConnect', { alias: field(str, 'Name other services use to reach this one.') })),
  'Enables Service Connect between services of the environment.',
);

export function networkShape(ecs: boolean): CopilotField {
  const vpc: Record<string, CopilotField> = { placement };
  if (ecs) vpc.security_groups = securityGroups;
  const fields: Record<string, CopilotField> = {
    vpc: field(object('VPC', vpc), 'Where the tasks run in the environment VPC.'),
  };
  if (ecs) fields.connect = serviceConnect;
  return field(object('Network', fields), 'Network configuration of the tasks.');
}

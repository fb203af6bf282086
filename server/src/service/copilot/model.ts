/**
 * The AWS Copilot manifest model: every manifest type and its fields, written from Copilot's
 * documented manifest specification (aws.github.io/copilot-cli/docs/manifest/), in our own words.
 * Copilot is in maintenance mode, so the format is stable. Workload manifests share most fields;
 * `environments.<name>` overrides any of them for one environment and is checked with the same
 * model. Templated values (`${VAR}`) are accepted anywhere: Copilot substitutes them at deploy time.
 */
import {
  type CopilotField,
  type CopilotShape,
  any,
  bool,
  duration,
  enumOf,
  field,
  int,
  listOf,
  mapOf,
  object,
  oneOf,
  str,
} from './schema';

export const MANIFEST_TYPES = [
  'Load Balanced Web Service',
  'Backend Service',
  'Worker Service',
  'Request-Driven Web Service',
  'Scheduled Job',
  'Static Site',
  'Environment',
] as const;
export type ManifestType = (typeof MANIFEST_TYPES)[number];

/** The documentation page of each manifest type. */
export const MANIFEST_DOCS: Readonly<Record<ManifestType, string>> = {
  'Load Balanced Web Service': 'https://aws.github.io/copilot-cli/docs/manifest/lb-web-service/',
  'Backend Service': 'https://aws.github.io/copilot-cli/docs/manifest/backend-service/',
  'Worker Service': 'https://aws.github.io/copilot-cli/docs/manifest/worker-service/',
  'Request-Driven Web Service': 'https://aws.github.io/copilot-cli/docs/manifest/rd-web-service/',
  'Scheduled Job': 'https://aws.github.io/copilot-cli/docs/manifest/scheduled-job/',
  'Static Site': 'https://aws.github.io/copilot-cli/docs/manifest/static-site/',
  Environment: 'https://aws.github.io/copilot-cli/docs/manifest/environment/',
};

/** Platform strings Copilot accepts (`os/arch`). */
export const PLATFORM_STRINGS = [
  'linux/amd64',
  'linux/x86_64',
  'linux/arm',
  'linux/arm64',
  'windows/amd64',
  'windows/x86_64',
] as const;
export const WINDOWS_OS_FAMILIES = [
  'windows_server_2019_core',
  'windows_server_2019_full',
  'windows_server_2022_core',
  'windows_server_2022_full',
] as const;

// ---- shared pieces ------------------------------------------------------------------------------------------

const fromCfn = object('FromCfn', {
  from_cfn: field(str, 'Name of a CloudFormation stack export whose value is used.', true),
});

const stringOrList = oneOf(str, listOf(str));

const buildArgs = object('ImageBuild', {
  context: field(str, 'Build context directory, relative to the workspace root.'),
  dockerfile: field(str, 'Path of the Dockerfile, relative to the workspace root.'),
  args: field(mapOf('BuildArgs', str), 'Build arguments passed as `--build-arg`.'),
  target: field(str, 'Stage of a multi-stage Dockerfile to build.'),
  cache_from: field(listOf(str), 'Images to use as cache sources.'),
});
const build = field(
  oneOf(str, buildArgs),
  'Builds the image from a Dockerfile: a path to the Dockerfile, or a map with `dockerfile`, `context`, `args`, `target` and `cache_from`. Exclusive with `location`.',
);
const location = field(
  str,
  'An existing image to deploy instead of building one (a registry URI, e.g. `public.ecr.aws/nginx/nginx:latest`). Exclusive with `build`.',
);

const containerHealthCheck = object('ContainerHealthCheck', {
  command: field(
    stringOrList,
    'Command the container runs to check its health, e.g. `["CMD-SHELL", "curl -f http://localhost/ || exit 1"]`.',
  ),
  interval: field(duration, 'Time between checks (default 10s).'),
  retries: field(int, 'Failed checks before the container is unhealthy (default 2).'),
  timeout: field(duration, 'How long a check may take (default 5s).'),
  start_period: field(duration, 'Grace period after start during which failures do not count (default 0s).'),
});

const dependsOn = field(
  mapOf('DependsOn', enumOf('start', 'complete', 'success', 'healthy')),
  'Containers this container waits for, with the condition: `start`, `complete`, `success` or `healthy`.',
);
const labels = field(mapOf('DockerLabels', str), 'Docker labels of the container.');

function imageShape(withPort: boolean): CopilotShape {
  const fields: Record<string, CopilotField> = {
    build,
    location,
    credentials: field(str, 'ARN of a Secrets Manager secret with the private registry credentials.'),
    labels,
    depends_on: dependsOn,
    healthcheck: field(containerHealthCheck, 'Health check of the main container.'),
  };
  if (withPort) fields.port = field(int, 'Port the main container listens on; traffic is routed to it.');
  return object('Image', fields);
}

const variables = field(
  mapOf('Variables', oneOf(str, fromCfn)),
  'Environment variables of the container, as `NAME: value` (or `NAME: { from_cfn: export }`).',
);
const envFile = field(
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
const secrets = field(
  mapOf('Secrets', secretValue),
  'Secrets injected as environment variables: `NAME: ssm-parameter-name`, `NAME: { secretsmanager: name }` or `NAME: { from_cfn: export }`.',
);
const entrypoint = field(stringOrList, 'Overrides the image ENTRYPOINT.');
const command = field(stringOrList, 'Overrides the image CMD.');
const cpu = field(int, 'CPU units of the task (1024 = 1 vCPU). Default 256.');
const memory = field(int, 'Memory of the task in MiB. Default 512.');

const platform = field(
  oneOf(
    str,
    object('Platform', {
      osfamily: field(enumOf('linux', ...WINDOWS_OS_FAMILIES), 'Operating system family of the task.', true),
      architecture: field(enumOf('x86_64', 'arm64'), 'CPU architecture of the task.', true),
    }),
  ),
  `Operating system and architecture: one of ${PLATFORM_STRINGS.join(', ')}, or a map with \`osfamily\` and \`architecture\`. Windows tasks need at least 1024 CPU units and 2048 MiB.`,
);

const exec = field(bool, 'Enables `copilot svc exec` (ECS Exec) into the running containers.');

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
const volume = object('Volume', {
  path: field(str, 'Mount point of the volume inside the container.', true),
  read_only: field(bool, 'Mounts the volume read-only (default true).'),
  efs: field(
    oneOf(bool, efsConfig),
    '`true` creates a managed EFS file system for the service; a map mounts an existing one.',
  ),
});
const storage = field(
  object('Storage', {
    ephemeral: field(int, 'Ephemeral storage of the task in GiB, from 20 (the default) to 200.'),
    readonly_fs: field(bool, 'Makes the root file system of the main container read-only.'),
    volumes: field(mapOf('Volumes', volume), 'Volumes by name, mounted into the main container.'),
  }),
  'Storage of the task: ephemeral size, read-only root file system, volumes.',
);

const logging = field(
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

const topic = object('Topic', {
  name: field(str, 'Name of the SNS topic.', true),
  fifo: field(
    oneOf(
      bool,
      object('FIFOTopic', { content_based_deduplication: field(bool, 'Deduplicate messages by content.') }),
    ),
    'Makes the topic a FIFO topic.',
  ),
});
const publish = field(
  object('Publish', { topics: field(listOf(topic), 'SNS topics the service can publish to.') }),
  'SNS topics this workload publishes to (their ARNs are in `COPILOT_SNS_TOPIC_ARNS`).',
);

const observability = field(
  object('Observability', {
    tracing: field(enumOf('awsxray'), 'Tracing vendor: `awsxray` adds the X-Ray/OTel sidecar.'),
  }),
  'Observability settings.',
);

const mountPoint = object('MountPoint', {
  source_volume: field(str, 'Name of a volume under `storage.volumes`.', true),
  path: field(str, 'Mount point inside the sidecar.', true),
  read_only: field(bool, 'Mounts the volume read-only (default true).'),
});
const sidecar = object('Sidecar', {
  image: field(
    oneOf(str, object('SidecarImage', { build, location })),
    'Image of the sidecar: a registry URI, or a map with `build` or `location`.',
  ),
  port: field(oneOf(int, str), 'Port the sidecar exposes, optionally with a protocol (`8080/tcp`).'),
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
const sidecars = field(mapOf('Sidecars', sidecar), 'Additional containers of the task, by name.');

const taskdefOverrides = field(
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
    from: field(
      listOf(object('SubnetFilter', { tag: field(mapOf('Tag', stringOrList), 'Tags to match.') })),
      'Tag filters.',
    ),
  }),
);
const placement = field(
  oneOf(
    enumOf('public', 'private'),
    object('Placement', { subnets: field(subnetsSelection, 'Subnet IDs to place the tasks in.') }),
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

function networkShape(ecs: boolean): CopilotField {
  const vpc: Record<string, CopilotField> = { placement };
  if (ecs) vpc.security_groups = securityGroups;
  const fields: Record<string, CopilotField> = {
    vpc: field(object('VPC', vpc), 'Where the tasks run in the environment VPC.'),
  };
  if (ecs) fields.connect = serviceConnect;
  return field(object('Network', fields), 'Network configuration of the tasks.');
}

const scalingValue = oneOf(
  int,
  object('ScalingTarget', {
    value: field(int, 'Target value.'),
    cooldown: field(cooldownShape(), 'Cooldowns.'),
  }),
);
function cooldownShape(): CopilotShape {
  return object('Cooldown', {
    in: field(duration, 'Wait after a scale-in before another scale-in.'),
    out: field(duration, 'Wait after a scale-out before another scale-out.'),
  });
}
const range = field(
  oneOf(
    str,
    object('Range', {
      min: field(int, 'Minimum number of tasks.'),
      max: field(int, 'Maximum number of tasks.'),
      spot_from: field(int, 'Tasks beyond this count run on Fargate Spot.'),
    }),
  ),
  'Number of tasks to scale between: `min-max` (e.g. `1-10`) or a map with `min`, `max`, `spot_from`.',
);
function countShape(kind: 'web' | 'backend' | 'worker'): CopilotField {
  const fields: Record<string, CopilotField> = {
    range,
    cooldown: field(cooldownShape(), 'Default cooldowns of every scaling target.'),
    cpu_percentage: field(scalingValue, 'Target average CPU utilization (%).'),
    memory_percentage: field(scalingValue, 'Target average memory utilization (%).'),
    spot: field(int, 'Number of tasks to run on Fargate Spot.'),
  };
  if (kind !== 'worker') {
    fields.requests = field(scalingValue, 'Target number of requests per task.');
    fields.response_time = field(
      oneOf(
        duration,
        object('ResponseTime', {
          value: field(duration, 'Target.'),
          cooldown: field(cooldownShape(), 'Cooldowns.'),
        }),
      ),
      'Target average response time.',
    );
  }
  if (kind === 'worker') {
    fields.queue_delay = field(
      object('QueueDelay', {
        acceptable_latency: field(duration, 'How long a message may wait in the queue.'),
        msg_processing_time: field(duration, 'How long one message takes to process.'),
        cooldown: field(cooldownShape(), 'Cooldowns.'),
      }),
      'Scales on the queue backlog per task.',
    );
  }
  return field(
    oneOf(int, object('Count', fields)),
    'Number of tasks: a number, or autoscaling with `range` and targets.',
  );
}

function deploymentShape(worker: boolean): CopilotField {
  const alarms: Record<string, CopilotField> = {
    cpu_utilization: field(int, 'Roll back when average CPU utilization exceeds this percentage.'),
    memory_utilization: field(int, 'Roll back when average memory utilization exceeds this percentage.'),
  };
  if (worker) alarms.messages_delayed = field(int, 'Roll back when this many messages wait in the queue.');
  return field(
    object('Deployment', {
      rolling: field(
        enumOf('default', 'recreate'),
        '`recreate` stops all old tasks before starting new ones.',
      ),
      rollback_alarms: field(
        oneOf(listOf(str), object('RollbackAlarms', alarms)),
        'CloudWatch alarm names, or thresholds, that roll a deployment back.',
      ),
    }),
    'Deployment strategy.',
  );
}

// ---- load balancers ---------------------------------------------------------------------------------------

const albHealthCheck = oneOf(
  str,
  object('ALBHealthCheck', {
    path: field(str, 'Path the load balancer checks (default `/`).'),
    port: field(int, 'Port of the check (default the traffic port).'),
    success_codes: field(str, 'HTTP codes of a healthy answer (default `200`).'),
    healthy_threshold: field(int, 'Successes before a target is healthy.'),
    unhealthy_threshold: field(int, 'Failures before a target is unhealthy.'),
    interval: field(duration, 'Time between checks.'),
    timeout: field(duration, 'Time without answer that counts as a failure.'),
    grace_period: field(duration, 'Time after a task starts during which failed checks are ignored.'),
  }),
);
const alias = oneOf(
  str,
  listOf(
    oneOf(
      str,
      object('Alias', { name: field(str, 'Domain name.', true), hosted_zone: field(str, 'Hosted zone ID.') }),
    ),
  ),
);

function routingRuleFields(): Record<string, CopilotField> {
  return {
    path: field(str, 'Requests to this path are forwarded to the service.'),
    alias: field(alias, 'Custom domain names of the service.'),
    hosted_zone: field(str, 'Hosted zone in which to create the alias records.'),
    healthcheck: field(albHealthCheck, 'Health check path, or a map of health check settings.'),
    deregistration_delay: field(
      duration,
      'Time to drain connections before a target is removed (default 60s).',
    ),
    stickiness: field(bool, 'Sticky sessions.'),
    allowed_source_ips: field(listOf(str), 'CIDR ranges allowed to reach the service.'),
    target_container: field(str, 'Container that receives the traffic (default the main container).'),
    target_port: field(int, 'Container port that receives the traffic.'),
    redirect_to_https: field(
      bool,
      'Redirects HTTP to HTTPS when the environment has a certificate (default true).',
    ),
    version: field(
      { kind: 'enum', values: ['grpc', 'http1', 'http2'], caseInsensitive: true },
      'Protocol version between load balancer and targets.',
    ),
  };
}
function httpShape(): CopilotField {
  const rule = routingRuleFields();
  return field(
    oneOf(
      bool,
      object('HTTP', {
        ...rule,
        additional_rules: field(
          listOf(object('RoutingRule', routingRuleFields())),
          'More listener rules on other paths.',
        ),
      }),
    ),
    'The Application Load Balancer listener rule of the service, or `false` for none.',
  );
}

const nlbHealthCheck = object('NLBHealthCheck', {
  port: field(int, 'Port of the check.'),
  healthy_threshold: field(int, 'Successes before a target is healthy.'),
  unhealthy_threshold: field(int, 'Failures before a target is unhealthy.'),
  timeout: field(duration, 'Time without answer that counts as a failure.'),
  interval: field(duration, 'Time between checks.'),
  grace_period: field(duration, 'Time after a task starts during which failed checks are ignored.'),
});
function nlbListenerFields(): Record<string, CopilotField> {
  return {
    port: field(str, 'Listener port and protocol, e.g. `443/tls`, `8080/udp` (tcp when omitted).', true),
    healthcheck: field(nlbHealthCheck, 'Target health check.'),
    target_container: field(str, 'Container that receives the traffic.'),
    target_port: field(int, 'Container port that receives the traffic.'),
    ssl_policy: field(str, 'Security policy of a TLS listener.'),
    stickiness: field(bool, 'Sticky sessions by source IP.'),
    deregistration_delay: field(duration, 'Time to drain connections before a target is removed.'),
  };
}
const nlb = field(
  object('NLB', {
    ...nlbListenerFields(),
    alias: field(alias, 'Custom domain names of the Network Load Balancer.'),
    additional_listeners: field(listOf(object('NLBListener', nlbListenerFields())), 'More listeners.'),
  }),
  'A Network Load Balancer in front of the service.',
);

// ---- queues (Worker Service) ------------------------------------------------------------------------------

const fifoQueue = oneOf(
  bool,
  object('FIFOQueue', {
    content_based_deduplication: field(bool, 'Deduplicate messages by content.'),
    deduplication_scope: field(enumOf('messageGroup', 'queue'), 'Scope of deduplication.'),
    throughput_limit: field(enumOf('perMessageGroupId', 'perQueue'), 'Scope of the throughput quota.'),
    high_throughput: field(bool, 'High throughput FIFO queue.'),
  }),
);
function queueFields(): Record<string, CopilotField> {
  return {
    retention: field(duration, 'How long a message stays in the queue (default 4 days).'),
    delay: field(duration, 'Delivery delay of new messages.'),
    timeout: field(duration, 'Visibility timeout of received messages.'),
    dead_letter: field(
      object('DeadLetterQueue', {
        tries: field(int, 'Receives before a message goes to the dead-letter queue.'),
      }),
      'Dead-letter queue.',
    ),
    fifo: field(fifoQueue, 'Makes the queue a FIFO queue.'),
  };
}
const subscribe = field(
  object('Subscribe', {
    topics: field(
      listOf(
        object('TopicSubscription', {
          name: field(str, 'Name of the topic.', true),
          service: field(str, 'Service that publishes the topic.', true),
          filter_policy: field(any, 'SNS filter policy of the subscription.'),
          queue: field(
            oneOf(bool, object('TopicQueue', queueFields())),
            '`true` for a dedicated queue, or its settings.',
          ),
        }),
      ),
      'Topics of other services this worker subscribes to.',
    ),
    queue: field(object('Queue', queueFields()), 'Settings of the shared queue (`COPILOT_QUEUE_URI`).'),
  }),
  'SNS topics to subscribe to and the SQS queue the messages arrive in.',
);

// ---- manifests ------------------------------------------------------------------------------------------

const nameField = field(
  str,
  'Name of the workload or environment; used in the names of its resources.',
  true,
);
function typeField(): CopilotField {
  return field(enumOf(...MANIFEST_TYPES), `Manifest type: ${MANIFEST_TYPES.join(', ')}.`, true);
}

/** Fields of every ECS-based workload (web, backend, worker services and jobs). */
function ecsWorkloadFields(): Record<string, CopilotField> {
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
    observability,
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
        fields[key] = { shape: optional(f.shape), doc: f.doc };
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

const lbWebFields: Record<string, CopilotField> = {
  image: field(imageShape(true), 'The main container image: `build` or `location`, and its `port`.', true),
  ...ecsWorkloadFields(),
  http: httpShape(),
  nlb,
  count: countShape('web'),
  exec,
  deployment: deploymentShape(false),
  network: networkShape(true),
};

const backendFields: Record<string, CopilotField> = {
  image: field(imageShape(true), 'The main container image: `build` or `location`, and its `port`.', true),
  ...ecsWorkloadFields(),
  http: httpShape(),
  count: countShape('backend'),
  exec,
  deployment: deploymentShape(false),
  network: networkShape(true),
};

const workerFields: Record<string, CopilotField> = {
  image: field(imageShape(false), 'The main container image: `build` or `location`.', true),
  ...ecsWorkloadFields(),
  subscribe,
  count: countShape('worker'),
  exec,
  deployment: deploymentShape(true),
  network: networkShape(true),
};

const jobFields: Record<string, CopilotField> = {
  image: field(imageShape(false), 'The job container image: `build` or `location`.', true),
  ...ecsWorkloadFields(),
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
};

const rdwsFields: Record<string, CopilotField> = {
  image: field(
    object('RDWSImage', {
      build,
      location,
      port: field(int, 'Port the container listens on (default 80).'),
    }),
    'The service image: `build` or `location`, and its `port`.',
    true,
  ),
  cpu: field(int, 'CPU units of an instance: 256, 512, 1024, 2048 or 4096 (App Runner).'),
  memory: field(int, 'Memory of an instance in MiB: 512 to 12288 (App Runner).'),
  platform: field(str, 'Platform of the image: only `linux/amd64` or `linux/x86_64` on App Runner.'),
  command,
  entrypoint,
  http: field(
    object('RDWSHttp', {
      healthcheck: field(
        oneOf(
          str,
          object('RDWSHealthCheck', {
            path: field(str, 'Path of the check.'),
            healthy_threshold: field(int, 'Successes before healthy.'),
            unhealthy_threshold: field(int, 'Failures before unhealthy.'),
            interval: field(duration, 'Time between checks.'),
            timeout: field(duration, 'Time without answer that counts as a failure.'),
          }),
        ),
        'Health check path, or settings.',
      ),
      alias: field(str, 'Custom domain name of the service.'),
      private: field(
        oneOf(
          bool,
          object('RDWSPrivate', { endpoint: field(str, 'ID of an existing VPC endpoint for App Runner.') }),
        ),
        'Makes the service reachable only from the environment VPC.',
      ),
      path: field(str, 'Path of the service (accepted for compatibility, App Runner serves every path).'),
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

const subnet = object('Subnet', {
  id: field(str, 'ID of an existing subnet.'),
  cidr: field(str, 'CIDR block of a subnet Copilot creates.'),
  az: field(str, 'Availability Zone of a subnet Copilot creates.'),
});
const sgRule = object('SecurityGroupRule', {
  ip_protocol: field(str, 'Protocol (`tcp`, `udp`, `-1` for all).', true),
  ports: field(oneOf(int, str), 'Port or port range (`80`, `1-1024`).', true),
  cidr: field(str, 'CIDR the rule applies to.', true),
});
const environmentFields: Record<string, CopilotField> = {
  name: nameField,
  type: typeField(),
  network: field(
    object('EnvironmentNetwork', {
      vpc: field(
        object('EnvironmentVPC', {
          id: field(str, 'ID of an existing VPC to import.'),
          cidr: field(str, 'CIDR block of the VPC Copilot creates.'),
          subnets: field(
            object('EnvironmentSubnets', {
              public: field(listOf(subnet), 'Public subnets.'),
              private: field(listOf(subnet), 'Private subnets.'),
            }),
            'Subnets to import or create.',
          ),
          security_group: field(
            object('EnvironmentSecurityGroup', {
              ingress: field(listOf(sgRule), 'Inbound rules.'),
              egress: field(listOf(sgRule), 'Outbound rules.'),
            }),
            'Rules of the environment security group.',
          ),
          flow_logs: field(
            oneOf(bool, object('FlowLogs', { retention: field(int, 'Days to keep flow logs.') })),
            'VPC flow logs.',
          ),
        }),
        'The VPC of the environment: import one with `id` and `subnets`, or configure the one Copilot creates.',
      ),
    }),
    'Network of the environment.',
  ),
  http: field(
    object('EnvironmentHttp', {
      public: field(
        object('PublicHTTP', {
          certificates: field(listOf(str), 'ACM certificate ARNs of the HTTPS listener.'),
          access_logs: field(
            oneOf(
              bool,
              object('AccessLogs', {
                bucket_name: field(str, 'S3 bucket.'),
                prefix: field(str, 'Key prefix.'),
              }),
            ),
            'Access logs of the load balancer.',
          ),
          ingress: field(
            object('PublicIngress', {
              cdn: field(bool, 'Only CloudFront may reach the load balancer.'),
              source_ips: field(listOf(str), 'Allowed CIDRs.'),
            }),
            'Who may reach the public load balancer (older form of `security_groups.ingress`).',
          ),
          security_groups: field(
            object('PublicSecurityGroups', {
              ingress: field(
                object('PublicSGIngress', {
                  restrict_to: field(
                    object('RestrictTo', {
                      cdn: field(bool, 'Only CloudFront may reach the load balancer.'),
                    }),
                    'Restrictions.',
                  ),
                }),
                'Inbound restrictions.',
              ),
            }),
            'Security groups of the public load balancer.',
          ),
          ssl_policy: field(str, 'Security policy of the HTTPS listener.'),
        }),
        'The public Application Load Balancer.',
      ),
      private: field(
        object('PrivateHTTP', {
          certificates: field(listOf(str), 'ACM certificate ARNs of the HTTPS listener.'),
          subnets: field(listOf(str), 'Subnets of the internal load balancer.'),
          ingress: field(
            object('PrivateIngress', { vpc: field(bool, 'Allow traffic from the VPC.') }),
            'Inbound traffic (older form).',
          ),
          security_groups: field(
            object('PrivateSecurityGroups', {
              ingress: field(
                object('PrivateSGIngress', { vpc: field(bool, 'Allow traffic from the VPC.') }),
                'Inbound rules.',
              ),
            }),
            'Security groups of the internal load balancer.',
          ),
          ssl_policy: field(str, 'Security policy of the HTTPS listener.'),
        }),
        'The internal Application Load Balancer.',
      ),
    }),
    'Load balancers shared by the services of the environment.',
  ),
  cdn: field(
    oneOf(
      bool,
      object('CDN', {
        certificate: field(str, 'ACM certificate (us-east-1) of the distribution.'),
        terminate_tls: field(bool, 'Terminates TLS at CloudFront.'),
        static_assets: field(
          object('StaticAssets', {
            location: field(str, 'DNS name of the S3 bucket.'),
            alias: field(str, 'Domain of the assets.'),
            path: field(str, 'Path pattern routed to the bucket.'),
          }),
          'Serves static assets from an S3 bucket.',
        ),
      }),
    ),
    'A CloudFront distribution in front of the public load balancer.',
  ),
  observability: field(
    object('EnvironmentObservability', {
      container_insights: field(
        oneOf(bool, enumOf('enhanced')),
        'CloudWatch Container Insights for the cluster (`true` or `enhanced`).',
      ),
    }),
    'Observability of the environment.',
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

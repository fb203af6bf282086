/**
 * The codes service definitions report, each with its default severity, a title (for SARIF and
 * docs/rules.md) and the AWS page it links to — the service rules of ECS and the model checker's codes.
 */
import type { RuleMeta } from '../core/diagnosticSink';

const API = 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference';
const GUIDE = 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide';

/** Every code service definitions report, with its default severity. */
export const SERVICE_DEFINITION_RULE_META: readonly RuleMeta[] = [
  {
    code: 'ECS020',
    title: 'Read-only describe-services field in a service definition',
    severity: 'warning',
    awsDocs: `${API}/API_CreateService.html`,
  },
  {
    code: 'ECS137',
    title: 'Invalid service name',
    severity: 'error',
    awsDocs: `${API}/API_CreateService.html`,
  },
  {
    code: 'ECS237',
    title: 'desiredCount missing for a REPLICA service',
    severity: 'warning',
    awsDocs: `${API}/API_CreateService.html`,
  },
  {
    code: 'ECS138',
    title: 'launchType and capacityProviderStrategy are exclusive',
    severity: 'error',
    awsDocs: `${API}/API_CreateService.html`,
  },
  {
    code: 'ECS238',
    title: 'platformVersion is only for Fargate',
    severity: 'error',
    awsDocs: `${GUIDE}/platform-fargate.html`,
  },
  {
    code: 'ECS338',
    title: 'Launch type not among the task definition compatibilities',
    severity: 'error',
    awsDocs: `${GUIDE}/launch_types.html`,
  },
  {
    code: 'ECS139',
    title: 'awsvpc needs networkConfiguration.awsvpcConfiguration',
    severity: 'error',
    awsDocs: `${GUIDE}/task-networking.html`,
  },
  {
    code: 'ECS239',
    title: 'networkConfiguration with a task that does not use awsvpc',
    severity: 'error',
    awsDocs: `${GUIDE}/task-networking.html`,
  },
  {
    code: 'ECS339',
    title: 'assignPublicIp ENABLED outside Fargate',
    severity: 'error',
    awsDocs: `${API}/API_AwsVpcConfiguration.html`,
  },
  {
    code: 'ECS140',
    title: 'DAEMON scheduling is not allowed here',
    severity: 'error',
    awsDocs: `${GUIDE}/ecs_services.html#service_scheduler_daemon`,
  },
  {
    code: 'ECS141',
    title: 'Load balancer container is not in the task definition',
    severity: 'error',
    awsDocs: `${API}/API_LoadBalancer.html`,
  },
  {
    code: 'ECS241',
    title: 'Load balancer port is not a container port of that container',
    severity: 'error',
    awsDocs: `${API}/API_LoadBalancer.html`,
  },
  {
    code: 'ECS341',
    title: 'Service Connect portName is not a port name of the task definition',
    severity: 'error',
    awsDocs: `${API}/API_ServiceConnectService.html`,
  },
  {
    code: 'ECS142',
    title: 'Deployment percentages are inconsistent',
    severity: 'error',
    awsDocs: `${API}/API_DeploymentConfiguration.html`,
  },
  {
    code: 'ECS242',
    title: 'A rolling update with these percentages cannot make progress',
    severity: 'warning',
    awsDocs: `${GUIDE}/deployment-type-ecs.html`,
  },
  {
    code: 'ECS342',
    title: 'Circuit breaker rollback without enable',
    severity: 'warning',
    awsDocs: `${GUIDE}/deployment-circuit-breaker.html`,
  },
  {
    code: 'ECS442',
    title: 'Circuit breaker with a non-ECS deployment controller',
    severity: 'warning',
    awsDocs: `${GUIDE}/deployment-circuit-breaker.html`,
  },
  {
    code: 'ECS143',
    title: 'Traffic-shifting strategy without the ECS controller, or without a way to shift traffic',
    severity: 'warning',
    awsDocs: `${API}/API_DeploymentConfiguration.html`,
  },
  {
    code: 'ECS144',
    title: 'Deployment setting of another strategy, or a setting the strategy needs is missing',
    severity: 'warning',
    awsDocs: `${API}/API_DeploymentConfiguration.html`,
  },
  {
    code: 'ECS145',
    title: 'Canary, linear or early-success value out of its documented range',
    severity: 'error',
    awsDocs: `${API}/API_LinearConfiguration.html`,
  },
  {
    code: 'ECS146',
    title: 'Invalid deployment lifecycle hook',
    severity: 'error',
    awsDocs: `${API}/API_DeploymentLifecycleHook.html`,
  },
];

/** Every code a service definition may report, the model checker's included. */
export const META_BY_CODE = new Map([
  ...SERVICE_DEFINITION_RULE_META.map((m) => [m.code, m] as const),
  [
    'ECS010',
    { code: 'ECS010', title: 'Wrong type', severity: 'error', awsDocs: `${API}/API_CreateService.html` },
  ],
  [
    'ECS012',
    {
      code: 'ECS012',
      title: 'Unknown property',
      severity: 'error',
      awsDocs: `${API}/API_CreateService.html`,
    },
  ],
  [
    'ECS013',
    {
      code: 'ECS013',
      title: 'Not an allowed value',
      severity: 'error',
      awsDocs: `${API}/API_CreateService.html`,
    },
  ],
  [
    'ECS014',
    {
      code: 'ECS014',
      title: 'Required property missing',
      severity: 'error',
      awsDocs: `${API}/API_CreateService.html`,
    },
  ],
] as const satisfies readonly (readonly [string, RuleMeta])[]);

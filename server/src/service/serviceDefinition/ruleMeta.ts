/**
 * The codes service definitions report, each with its default severity, a title (for SARIF and
 * docs/rules.md) and the AWS page it links to — the service rules of ECS and the model checker's codes.
 */
import type { RuleMeta } from '../core/diagnosticSink';
import { metaByCode, metaOnPage, metaTable } from '../core/ruleMetaTable';

const API = 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference';
const GUIDE = 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide';

/**
 * Every code service definitions report: a table, one row a code (code, default severity, title,
 * page), kept one row a line, so not formatted.
 */
// prettier-ignore
export const SERVICE_DEFINITION_RULE_META: readonly RuleMeta[] = metaTable([
  ['ECS020', 'warning', 'Read-only describe-services field in a service definition', `${API}/API_CreateService.html`],
  ['ECS137', 'error', 'Invalid service name', `${API}/API_CreateService.html`],
  ['ECS237', 'warning', 'desiredCount missing for a REPLICA service', `${API}/API_CreateService.html`],
  ['ECS138', 'error', 'launchType and capacityProviderStrategy are exclusive', `${API}/API_CreateService.html`],
  ['ECS238', 'error', 'platformVersion is only for Fargate', `${GUIDE}/platform-fargate.html`],
  ['ECS338', 'error', 'Launch type not among the task definition compatibilities', `${GUIDE}/launch_types.html`],
  ['ECS139', 'error', 'awsvpc needs networkConfiguration.awsvpcConfiguration', `${GUIDE}/task-networking.html`],
  ['ECS239', 'error', 'networkConfiguration with a task that does not use awsvpc', `${GUIDE}/task-networking.html`],
  ['ECS339', 'error', 'assignPublicIp ENABLED outside Fargate', `${API}/API_AwsVpcConfiguration.html`],
  ['ECS140', 'error', 'DAEMON scheduling is not allowed here', `${GUIDE}/ecs_services.html#service_scheduler_daemon`],
  ['ECS141', 'error', 'Load balancer container is not in the task definition', `${API}/API_LoadBalancer.html`],
  ['ECS241', 'error', 'Load balancer port is not a container port of that container', `${API}/API_LoadBalancer.html`],
  ['ECS341', 'error', 'Service Connect portName is not a port name of the task definition', `${API}/API_ServiceConnectService.html`],
  ['ECS142', 'error', 'Deployment percentages are inconsistent', `${API}/API_DeploymentConfiguration.html`],
  ['ECS242', 'warning', 'A rolling update with these percentages cannot make progress', `${GUIDE}/deployment-type-ecs.html`],
  ['ECS342', 'warning', 'Circuit breaker rollback without enable', `${GUIDE}/deployment-circuit-breaker.html`],
  ['ECS442', 'warning', 'Circuit breaker with a non-ECS deployment controller', `${GUIDE}/deployment-circuit-breaker.html`],
  ['ECS143', 'warning', 'Traffic-shifting strategy without the ECS controller, or without a way to shift traffic', `${API}/API_DeploymentConfiguration.html`],
  ['ECS144', 'warning', 'Deployment setting of another strategy, or a setting the strategy needs is missing', `${API}/API_DeploymentConfiguration.html`],
  ['ECS145', 'error', 'Canary, linear or early-success value out of its documented range', `${API}/API_LinearConfiguration.html`],
  ['ECS146', 'error', 'Invalid deployment lifecycle hook', `${API}/API_DeploymentLifecycleHook.html`],
]);

/** Every code a service definition may report, the model checker's included. */
export const META_BY_CODE = metaByCode([
  ...SERVICE_DEFINITION_RULE_META,
  ...metaOnPage(`${API}/API_CreateService.html`, [
    ['ECS010', 'Wrong type'],
    ['ECS012', 'Unknown property'],
    ['ECS013', 'Not an allowed value'],
    ['ECS014', 'Required property missing'],
  ]),
]);

/** Copilot manifest fields of the load balancers: `http` (Application Load Balancer) and `nlb`. */
import type { CopilotField, CopilotShape } from './schema';
import { bool, duration, field, int, listOf, object, oneOf, str } from './schema';

// ---- load balancers ---------------------------------------------------------------------------------------

export const albHealthCheck = oneOf(
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
export const alias = oneOf(
  str,
  listOf(
    oneOf(
      str,
      object('Alias', {
        name: field(str, 'Domain name of the alias.', true),
        hosted_zone: field(str, 'ID of the hosted zone in which to create the alias record.'),
      }),
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
    stickiness: field(bool, 'Sticky sessions: a client keeps reaching the same task.'),
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
/** `http` of a service: `false` (Load Balanced Web Service only, HTTPOrBool) or the listener rule. */
export function httpShape(orFalse: boolean): CopilotField {
  const rule = routingRuleFields();
  const forms: CopilotShape[] = orFalse ? [bool] : [];
  return field(
    oneOf(
      ...forms,
      object('HTTP', {
        alb: field(
          str,
          'Name or ARN of an existing Application Load Balancer (imported into the environment) to use instead of the environment one.',
        ),
        ...rule,
        targetContainer: field(str, 'Deprecated spelling of `target_container`.'),
        additional_rules: field(
          listOf(object('RoutingRule', routingRuleFields())),
          'More listener rules on other paths.',
        ),
      }),
    ),
    orFalse
      ? 'The Application Load Balancer listener rule of the service, or `false` for none.'
      : 'The listener rule of the service on the internal Application Load Balancer of the environment.',
  );
}

const nlbHealthCheck = object('NLBHealthCheck', {
  port: field(int, 'Port of the health check (default the traffic port).'),
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
export const nlb = field(
  object('NLB', {
    ...nlbListenerFields(),
    alias: field(alias, 'Custom domain names of the Network Load Balancer.'),
    additional_listeners: field(
      listOf(object('NLBListener', nlbListenerFields())),
      'More listeners of the Network Load Balancer, each with its own `port`.',
    ),
  }),
  'A Network Load Balancer in front of the service.',
);

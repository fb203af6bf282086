/** The Copilot environment manifest: network (VPC, subnets), load balancers, observability, CDN. */
import { type CopilotField, bool, field, int, listOf, object, oneOf, str } from './schema';
import { nameField, typeField } from './manifestTypes';

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
/**
 * `http.public.security_groups` / `http.private.security_groups`: the older place of the ingress
 * settings, still read by Copilot (DeprecatedALBSecurityGroupsConfig) for both load balancers.
 */
function deprecatedSecurityGroups(lb: 'public' | 'internal'): CopilotField {
  return field(
    object(lb === 'public' ? 'PublicSecurityGroups' : 'PrivateSecurityGroups', {
      ingress: field(
        object('DeprecatedIngress', {
          restrict_to: field(
            object('RestrictTo', {
              cdn: field(bool, 'Only CloudFront may reach the load balancer.'),
              source_ips: field(listOf(str), 'Only these CIDR ranges may reach the load balancer.'),
            }),
            'Restrictions of the inbound traffic (now `ingress` of the load balancer).',
          ),
          from_vpc: field(bool, 'Allows traffic from the VPC (now `http.private.ingress.vpc`).'),
        }),
        'Inbound rules (deprecated: use `ingress` of the load balancer).',
      ),
    }),
    `Deprecated form of the ${lb} load balancer ingress settings.`,
  );
}

export const environmentFields: Record<string, CopilotField> = {
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
              public: field(listOf(subnet), 'Public subnets to import (`id`) or create (`cidr`, `az`).'),
              private: field(listOf(subnet), 'Private subnets to import (`id`) or create (`cidr`, `az`).'),
            }),
            'Subnets to import or create.',
          ),
          security_group: field(
            object('EnvironmentSecurityGroup', {
              ingress: field(listOf(sgRule), 'Inbound rules of the environment security group.'),
              egress: field(listOf(sgRule), 'Outbound rules of the environment security group.'),
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
                bucket_name: field(str, 'Existing S3 bucket that receives the access logs.'),
                prefix: field(str, 'Prefix of the log object keys in the bucket.'),
              }),
            ),
            'Access logs of the load balancer.',
          ),
          ingress: field(
            object('PublicIngress', {
              cdn: field(bool, 'Only CloudFront may reach the load balancer.'),
              source_ips: field(listOf(str), 'CIDR ranges allowed to reach the public load balancer.'),
            }),
            'Who may reach the public load balancer (older form of `security_groups.ingress`).',
          ),
          security_groups: deprecatedSecurityGroups('public'),
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
          security_groups: deprecatedSecurityGroups('internal'),
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
      container_insights: field(bool, 'Enables CloudWatch Container Insights for the cluster.'),
    }),
    'Observability of the environment.',
  ),
};

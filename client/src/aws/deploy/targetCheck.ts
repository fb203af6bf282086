/**
 * Before a revision goes to a service: does it fit the service? A pure check of the task definition
 * against what DescribeServices says of the service. Errors are what ECS refuses the UpdateService
 * for, or what makes every new task fail; warnings are what may work but deserves a look.
 *
 * - Launch type / capacity provider vs `requiresCompatibilities` ("Task definition does not support
 *   launch_type FARGATE", as ECS answers); FARGATE and FARGATE_SPOT providers mean Fargate.
 * - Network mode vs the service's network configuration: awsvpc needs `awsvpcConfiguration`, other
 *   modes must not have one ("Network Configuration must be provided when networkMode 'awsvpc' is
 *   specified"); Fargate needs awsvpc.
 * - Each load balancer's `containerName` must be a container of the revision with `containerPort`
 *   in its port mappings.
 * - Each Service Connect service's `portName` must name a port mapping of the revision.
 */
import type { JsonObject } from './normalize';

/** What of the service the check needs (from DescribeServices). */
export interface TargetService {
  launchType?: string;
  capacityProviderStrategy?: { capacityProvider?: string }[];
  networkConfiguration?: { awsvpcConfiguration?: unknown };
  loadBalancers?: { containerName?: string; containerPort?: number; targetGroupArn?: string }[];
  /** The PRIMARY deployment's Service Connect configuration. */
  serviceConnect?: { enabled?: boolean; services?: { portName?: string }[] };
}

export interface TargetCheck {
  errors: string[];
  warnings: string[];
}

interface PortMapping {
  containerPort?: number;
  name?: string;
}

const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const obj = (v: unknown): JsonObject | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as JsonObject) : undefined;

/** How the service's tasks run: FARGATE, EC2, EXTERNAL, MANAGED_INSTANCES (undefined: unknown). */
export function launchTypeOf(service: TargetService): string | undefined {
  if (service.launchType) return service.launchType;
  const providers = (service.capacityProviderStrategy ?? []).map((p) => p.capacityProvider ?? '');
  if (providers.length === 0) return undefined;
  return providers.every((p) => p.startsWith('FARGATE')) ? 'FARGATE' : 'EC2';
}

export function checkTarget(service: TargetService, taskDefinition: JsonObject): TargetCheck {
  const errors: string[] = [];
  const warnings: string[] = [];
  const compat = arr(taskDefinition.requiresCompatibilities).filter(
    (c): c is string => typeof c === 'string',
  );
  const networkMode = typeof taskDefinition.networkMode === 'string' ? taskDefinition.networkMode : 'bridge';
  const launchType = launchTypeOf(service);
  const viaProvider = !service.launchType && launchType !== undefined;

  if (launchType && compat.length > 0 && !compat.includes(launchType)) {
    const message = `The service runs on ${launchType}${viaProvider ? ' (capacity provider strategy)' : ''}, but the revision's requiresCompatibilities is ${compat.join(', ')}: ECS refuses it ("Task definition does not support launch_type ${launchType}").`;
    if (viaProvider && launchType === 'EC2') warnings.push(message);
    else errors.push(message);
  }
  if (launchType === 'FARGATE' && networkMode !== 'awsvpc')
    errors.push(`Fargate tasks need networkMode awsvpc; the revision uses ${networkMode}.`);
  const awsvpc = service.networkConfiguration?.awsvpcConfiguration !== undefined;
  if (networkMode === 'awsvpc' && !awsvpc)
    errors.push(
      'The revision uses networkMode awsvpc but the service has no awsvpcConfiguration: ECS refuses it ("Network Configuration must be provided when networkMode \'awsvpc\' is specified").',
    );
  if (networkMode !== 'awsvpc' && awsvpc)
    errors.push(
      `The service has an awsvpc network configuration but the revision uses networkMode ${networkMode}: ECS refuses it ("Network Configuration is not valid for the given networkMode of this task definition").`,
    );

  const containers = arr(taskDefinition.containerDefinitions)
    .map(obj)
    .filter((c) => c !== undefined);
  const portsOf = (c: JsonObject): PortMapping[] =>
    arr(c.portMappings)
      .map(obj)
      .filter((p) => p !== undefined)
      .map((p) => ({
        ...(typeof p.containerPort === 'number' ? { containerPort: p.containerPort } : {}),
        ...(typeof p.name === 'string' ? { name: p.name } : {}),
      }));
  for (const lb of service.loadBalancers ?? []) {
    if (!lb.containerName) continue;
    const container = containers.find((c) => c.name === lb.containerName);
    if (!container) {
      errors.push(
        `The service's load balancer sends traffic to container ${lb.containerName}, which the revision does not have (containers: ${containers.map((c) => String(c.name)).join(', ') || 'none'}).`,
      );
      continue;
    }
    if (
      lb.containerPort !== undefined &&
      !portsOf(container).some((p) => p.containerPort === lb.containerPort)
    ) {
      errors.push(
        `The service's load balancer sends traffic to ${lb.containerName}:${lb.containerPort}, but that container has no port mapping for ${lb.containerPort}.`,
      );
    }
  }
  if (service.serviceConnect?.enabled) {
    const names = new Set(
      containers.flatMap((c) =>
        portsOf(c)
          .map((p) => p.name)
          .filter(Boolean),
      ),
    );
    for (const s of service.serviceConnect.services ?? []) {
      if (s.portName && !names.has(s.portName))
        errors.push(
          `Service Connect publishes port name ${s.portName}, but no port mapping of the revision is named ${s.portName}.`,
        );
    }
  }
  return { errors, warnings };
}
